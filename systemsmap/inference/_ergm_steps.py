"""The compiled inner loop of the ERGM sampler (numba): Metropolis-Hastings steps on arrays.

:class:`systemsmap.inference._ergm_mcmc.Chain` keeps the network as arrays
that this loop reads and changes in place:

* ``adj``: 1 where the tie ``i -> j`` (code ``i * n + j``) is present (both
  codes when undirected);
* ``outl[i, :outdeg[i]]`` and ``inl[j, :indeg[j]]``: each actor's out- and
  in-neighbours (the same arrays when undirected), with ``outpos[i * n + j]``
  and ``inpos[j * n + i]`` the position of ``j`` in ``outl[i]`` and of ``i``
  in ``inl[j]``, so that a neighbour is removed by moving the last one into
  its place;
* ``ties[:size[0]]``: the tie codes, ``pos[c]`` the position of code ``c``
  there (-1 when absent), for the proposal's uniform choice of a tie;
* ``sp[i * n + j]``: the two-paths from ``i`` to ``j`` (shared partners),
  kept for ``gwesp``;
* ``stats``: the dyad-dependent statistics.

The steps are those of the pure Python loop they replace, step for step:
the same proposals (statnet's TNT) from the same random numbers, the same
change statistics and acceptance test, the same tie list. Only the order in
which the shared partners of a pair are visited (and so the order of a few
floating-point additions in ``gwesp``) differs.
"""
from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["run_steps", "link_all", "MUTUAL", "TRIANGLE", "GWESP", "GWDEGREE", "GWIDEGREE", "GWODEGREE"]

#: Positions of the dyad-dependent terms in the ``where`` and ``coefs`` arrays (-1 in ``where``: not in the model).
MUTUAL, TRIANGLE, GWESP, GWDEGREE, GWIDEGREE, GWODEGREE = range(6)


@njit(cache=True, nogil=True, inline="always")
def _link(i, j, n, lst, deg, where):
    """Append ``j`` to the neighbours of ``i``."""
    lst[i, deg[i]] = j
    where[i * n + j] = deg[i]
    deg[i] += 1


@njit(cache=True, nogil=True, inline="always")
def _unlink(i, j, n, lst, deg, where):
    """Remove ``j`` from the neighbours of ``i`` (the last one takes its place)."""
    k = where[i * n + j]
    deg[i] -= 1
    last = lst[i, deg[i]]
    lst[i, k] = last
    where[i * n + last] = k


@njit(cache=True, nogil=True, inline="always")
def _toggle_list(c, present, ties, size, pos):
    """Remove the tie code ``c`` from the tie list (the last code takes its place), or append it."""
    if present:
        k = pos[c]
        size[0] -= 1
        last = ties[size[0]]
        pos[c] = -1
        if last != c:
            ties[k] = last
            pos[last] = k
    else:
        pos[c] = size[0]
        ties[size[0]] = c
        size[0] += 1


@njit(cache=True, nogil=True, inline="always")
def _directed_change(i, j, c, adj, n, outl, outdeg, inl, indeg, sp, where, pe, we, pi, po, present, out):
    """The change statistics of toggling ``i -> j`` (``out``: mutual, triangle, gwesp, -, gwidegree, gwodegree)."""
    if where[MUTUAL] >= 0:
        out[MUTUAL] = 1.0 if adj[j * n + i] else 0.0
    if where[TRIANGLE] >= 0:
        t = 0
        for a in range(outdeg[i]):  # i -> k -> j and i -> k <- j
            k = outl[i, a]
            t += adj[k * n + j] + adj[j * n + k]
        for a in range(indeg[i]):  # k -> i, k -> j and j -> k -> i
            k = inl[i, a]
            t += adj[k * n + j] + adj[j * n + k]
        out[TRIANGLE] = float(t)
    if where[GWESP] >= 0:
        de = we[sp[c]]
        for a in range(outdeg[i]):  # ties i -> k with j -> k gain the partner j
            k = outl[i, a]
            if adj[j * n + k]:
                de += pe[sp[i * n + k] - present]
        for a in range(indeg[i]):  # ties k -> j with k -> i gain the partner i
            k = inl[i, a]
            if adj[k * n + j]:
                de += pe[sp[k * n + j] - present]
        out[GWESP] = de
    if where[GWIDEGREE] >= 0:
        out[GWIDEGREE] = pi[indeg[j] - present]
    if where[GWODEGREE] >= 0:
        out[GWODEGREE] = po[outdeg[i] - present]


@njit(cache=True, nogil=True, inline="always")
def _undirected_change(i, j, c, adj, n, nbl, deg, sp, where, pe, we, pd, present, out):
    """The change statistics of toggling ``i - j`` (``out``: -, triangle, gwesp, gwdegree)."""
    if where[TRIANGLE] >= 0 or where[GWESP] >= 0:
        t = 0
        de = we[sp[c]]
        for a in range(deg[i]):
            k = nbl[i, a]
            if adj[j * n + k]:
                t += 1
                de += pe[sp[i * n + k] - present] + pe[sp[j * n + k] - present]
        out[TRIANGLE] = float(t)
        out[GWESP] = de
    if where[GWDEGREE] >= 0:
        out[GWDEGREE] = pd[deg[i] - present] + pd[deg[j] - present]


@njit(cache=True, nogil=True)
def run_steps(directed, n, adj, outl, outdeg, outpos, inl, indeg, inpos, ties, size, pos, sp, stats, where,
              coefs, pe, we, pd, pi, po, lrem, ladd, cap, eta, ut, ue, di, dj, logu, start, stop):
    """Steps ``start .. stop - 1`` of a block of random numbers: (toggles accepted, the step that passed the cap
    or -1)."""
    accepted = 0
    change = np.zeros(6)
    for t in range(start, stop):
        E = size[0]
        if E > 0 and ut[t] < 0.5:
            c = ties[int(ue[t] * E)]
            i, j = c // n, c % n
            present = 1
        else:
            i, j = di[t], dj[t]
            c = i * n + j
            present = 1 if pos[c] >= 0 else 0
        if directed:
            _directed_change(i, j, c, adj, n, outl, outdeg, inl, indeg, sp, where, pe, we, pi, po, present, change)
        else:
            _undirected_change(i, j, c, adj, n, outl, outdeg, sp, where, pe, we, pd, present, change)
        lin = eta[c]
        for term in range(6):  # in the order of the Python loop: mutual, triangle, gwesp, gw(i/o)degree
            if where[term] >= 0:
                lin += coefs[term] * change[term]
        lr = lrem[E] - lin if present else ladd[E] + lin
        if not (lr >= 0.0 or logu[t] < lr):
            continue
        accepted += 1
        sign = -1 if present else 1
        if directed:
            if present:
                _unlink(i, j, n, outl, outdeg, outpos)
                _unlink(j, i, n, inl, indeg, inpos)
            else:
                _link(i, j, n, outl, outdeg, outpos)
                _link(j, i, n, inl, indeg, inpos)
            adj[c] = 1 - present
            if where[GWESP] >= 0:
                for a in range(outdeg[j]):
                    sp[i * n + outl[j, a]] += sign
                for a in range(indeg[i]):
                    sp[inl[i, a] * n + j] += sign
        else:
            if present:
                _unlink(i, j, n, outl, outdeg, outpos)
                _unlink(j, i, n, outl, outdeg, outpos)
                adj[c] = 0
                adj[j * n + i] = 0
            if where[GWESP] >= 0:  # two-paths through the toggled tie, with i and j not yet (or no longer) linked
                for a in range(outdeg[j]):
                    k = outl[j, a]
                    sp[i * n + k] += sign
                    sp[k * n + i] += sign
                for a in range(outdeg[i]):
                    k = outl[i, a]
                    sp[j * n + k] += sign
                    sp[k * n + j] += sign
            if not present:
                _link(i, j, n, outl, outdeg, outpos)
                _link(j, i, n, outl, outdeg, outpos)
                adj[c] = 1
                adj[j * n + i] = 1
        _toggle_list(c, present, ties, size, pos)
        for term in range(6):
            if where[term] >= 0:
                stats[where[term]] += sign * change[term]
        if size[0] > cap:
            return accepted, t
    return accepted, -1


@njit(cache=True, nogil=True)
def link_all(directed, n, src, dst, adj, outl, outdeg, outpos, inl, indeg, inpos):
    """Fill the adjacency and the neighbour lists with the ties ``src -> dst`` (in their order)."""
    for t in range(len(src)):
        i, j = src[t], dst[t]
        adj[i * n + j] = 1
        _link(i, j, n, outl, outdeg, outpos)
        _link(j, i, n, inl, indeg, inpos)
        if not directed:
            adj[j * n + i] = 1
