"""Silos: how far ties stay inside groups (roles, sectors, organisations).

:func:`silos` gathers the E-I index family (network, group and actor E-I,
with its expected value, achievable range and a permutation test for the
network and for each group), the mixing matrix and block densities, Newman's
assortativity, Freeman's segregation index, Coleman's homophily index, the
modularity of the groups and how far detected communities agree with them,
in one :class:`SiloReport`.

:func:`ei_index` gives the network E-I alone. The groups, the E-I index and
its permutation kernel live in :mod:`systemsmap.groups`; this module adds the
measures built on them.
"""
from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._check import check_int, check_seed
from .._format import fmt_num as _fmt
from .._format import fmt_p
from .._random import rng as _rng
from .._repr import html_view, short
from ..errors import DataWarning, OptionError
from ..groups import Groups, display_name, ei_from_counts
from ..network import StakeholderNetwork
from ._engine import warn_low_response
from .communities import communities as _communities

__all__ = ["SiloReport", "silos", "ei_index"]


@dataclass(eq=False)
class SiloReport:
    """How far ties stay inside groups: the result of :func:`silos`.

    Attributes
    ----------
    by : str
        The actor column that defines the groups.
    groups : pandas.Series
        Each actor's group (index ``id``).
    sizes : pandas.Series
        Actors per group (index: group, sorted).
    directed : bool
        Whether ties were counted as arcs (ordered pairs).
    ties, internal, external : int
        Ties (one per pair as the metrics see them), ties inside a group, ties
        between groups.
    ei : float
        Krackhardt & Stern's E-I index, (E - I) / (E + I).
    ei_expected : float
        E-I if ties fell on pairs at random: (external pairs - internal pairs) / all pairs.
    ei_min, ei_max : float
        The lowest and highest E-I achievable with this many ties and these group sizes.
    ei_rescaled : float
        ``ei`` mapped linearly from ``[ei_min, ei_max]`` onto ``[-1, 1]``
        (equal to ``ei`` when any E-I from -1 to +1 is achievable).
    ei_p : float
        Permutation p-value, one-sided, lower tail: the share of label
        shufflings giving an E-I at most the observed one ("this low by
        chance", the test of silos). Also ``ei_p_lower``.
    ei_p_high : float
        Permutation p-value, one-sided, upper tail: "this high by chance"
        (ties crossing groups more than chance). Also ``ei_p_upper``.
    ei_p_lower, ei_p_upper, ei_p_two_sided : float
        The p-values by the name of their tail (properties): ``ei_p``,
        ``ei_p_high``, and ``min(1, 2 min(lower, upper))``, that E-I is
        this far from chance in either direction.
    ei_null : numpy.ndarray
        E-I under each permutation of the group labels.
    permutations : int
    group_ei : pandas.Series
        E-I of each group. It counts a tie between two groups once for each
        of them, so groups' E-I values run above the network's (which counts
        it once): see :attr:`group_ei_note`.
    group_ei_expected : pandas.Series
        Each group's E-I if its ties fell on random pairs touching it.
    group_ei_p : pandas.Series
        Permutation p-value, one-sided, lower tail, that each group's E-I is
        this low by chance (the permutations of ``ei_p``; NaN for a group
        without ties or without a test). Also ``group_ei_p_lower``.
    group_ties : pandas.DataFrame
        Each group's ``internal`` and ``external`` tie counts (the terms of its E-I).
    actor_ei : pandas.Series
        E-I of each actor over its contacts (index ``id``; NaN for isolates).
    mixing : pandas.DataFrame
        Tie counts, sender group (rows) by receiver group (columns).
    density : pandas.DataFrame
        Block densities: ties over possible pairs in each block.
    assortativity : float
        Newman's attribute assortativity coefficient.
    segregation : float
        Freeman's segregation index, as R's ``netseg::freeman``.
    coleman : pandas.Series
        Coleman's homophily index of each group, as R's ``netseg::coleman``.
    modularity : float
        Modularity of the partition into groups.
    communities : pandas.Series
        Communities detected by :func:`systemsmap.communities` (index ``id``).
    agreement : pandas.Series
        ``nmi`` (normalised mutual information) and ``ari`` (adjusted Rand
        index) between detected communities and the groups.

    See :func:`silos` for the definitions.
    """

    by: str
    groups: pd.Series
    sizes: pd.Series
    directed: bool
    ties: int
    internal: int
    external: int
    ei: float
    ei_expected: float
    ei_min: float
    ei_max: float
    ei_rescaled: float
    ei_p: float
    ei_p_high: float
    ei_null: np.ndarray = field(repr=False)
    permutations: int
    group_ei: pd.Series
    group_ei_expected: pd.Series = field(repr=False)
    group_ei_p: pd.Series = field(repr=False)
    group_ties: pd.DataFrame = field(repr=False)
    actor_ei: pd.Series = field(repr=False)
    mixing: pd.DataFrame
    density: pd.DataFrame
    assortativity: float
    segregation: float
    coleman: pd.Series
    modularity: float
    communities: pd.Series = field(repr=False)
    agreement: pd.Series

    # ------------------------------------------------------------------ p-values by their tail
    @property
    def ei_p_lower(self) -> float:
        """One-sided p-value, lower tail: an E-I this low by chance (``ei_p``)."""
        return self.ei_p

    @property
    def ei_p_upper(self) -> float:
        """One-sided p-value, upper tail: an E-I this high by chance (``ei_p_high``)."""
        return self.ei_p_high

    @property
    def ei_p_two_sided(self) -> float:
        """Two-sided p-value: an E-I this far from chance in either direction, ``min(1, 2 min(lower, upper))``."""
        if math.isnan(self.ei_p) or math.isnan(self.ei_p_high):
            return math.nan
        return min(1.0, 2 * min(self.ei_p, self.ei_p_high))

    @property
    def group_ei_p_lower(self) -> pd.Series:
        """Each group's one-sided p-value, lower tail (``group_ei_p``)."""
        return self.group_ei_p

    @property
    def full_range(self) -> bool:
        """Whether every E-I from -1 to +1 is achievable with these ties and group sizes (no rescaling needed)."""
        return bool(self.ei_min <= -1 + 1e-12 and self.ei_max >= 1 - 1e-12)

    @property
    def group_ei_note(self) -> str:
        """Why the groups' E-I values differ from the network's, in one sentence."""
        if math.isnan(self.ei) or not len(self.group_ei.dropna()):
            return ""
        above = int((self.group_ei.dropna() > self.ei + 1e-12).sum())
        return (f"A group's E-I counts each tie to another group once for that group and once for the other, while "
                f"the network's E-I counts it once, so groups' values run higher: {above} of "
                f"{len(self.group_ei.dropna())} groups are above the network's {_fmt(self.ei)}.")

    # ------------------------------------------------------------------ text
    def _name(self, g: Any) -> str:
        return display_name(g, self.by)

    def _verdict(self) -> str:
        if math.isnan(self.ei):
            return "there are no ties to measure"
        chance = f"expected {_fmt(self.ei_expected)} if ties fell at random"
        if self.permutations == 0 or math.isnan(self.ei_p):
            return f"{chance}; no permutation test was run"
        P = self.permutations
        tail = f"{P} permutations"
        if self.ei_p < 0.05:
            return (f"ties stay inside groups more than chance would give ({chance}; {fmt_p(self.ei_p, P)}, "
                    f"one-sided: this low by chance; {tail})")
        if self.ei_p_high < 0.05:
            return (f"ties cross groups more than chance would give ({chance}; {fmt_p(self.ei_p_high, P)}, "
                    f"one-sided: this high by chance; {tail})")
        return f"no different from chance ({chance}; {fmt_p(self.ei_p_two_sided, P)} two-sided, {tail})"

    def most_inward(self, top: int | None = 3) -> list:
        """The groups whose E-I falls below their chance value, furthest below first (at most ``top``).

        Ties are broken by the group's text; none with fewer than two groups.
        """
        short = (self.group_ei - self.group_ei_expected).dropna()
        short = short[short < 0]
        if len(self.sizes) < 2:
            return []
        return sorted(short.index, key=lambda g: (short[g], str(g)))[:top]

    def _siloed(self, top: int = 3) -> list[str]:
        """Sentences on the most inward-looking groups, at most ``top``."""
        out = []
        for g in self.most_inward(top):
            ext = int(self.group_ties.loc[g, "external"])
            tot = ext + int(self.group_ties.loc[g, "internal"])
            out.append(f"{self._name(g)} (E-I {_fmt(self.group_ei[g])} against "
                       f"{_fmt(self.group_ei_expected[g])} by chance; {ext} of {tot} ties reach outside)")
        return out

    def _gap(self) -> str | None:
        """The pair of groups furthest below the ties chance would give them."""
        k = len(self.sizes)
        n = int(self.sizes.sum())
        if k < 2 or self.ties == 0 or n < 2:
            return None
        m = self.mixing.to_numpy(dtype=float)
        sz = self.sizes.to_numpy(dtype=float)
        best, best_gap = None, 0.0
        for i in range(k):
            for j in range(i + 1, k):
                obs = m[i, j] + m[j, i] if self.directed else m[i, j]
                exp = self.ties * 2 * sz[i] * sz[j] / (n * (n - 1))
                if exp - obs > best_gap + 1e-12:
                    best, best_gap = (i, j, int(obs), exp), exp - obs
        if best is None:
            return None
        i, j, obs, exp = best
        gi, gj = self.sizes.index[i], self.sizes.index[j]
        return (f"Widest gap: {self._name(gi)} and {self._name(gj)} share {obs} of {self.ties} ties "
                f"({exp:.1f} expected by chance).")

    def __str__(self) -> str:
        kind = "directed" if self.directed else "undirected"
        lines = [f"Silos by {self.by}: {len(self.sizes)} groups, {int(self.sizes.sum())} actors, "
                 f"{self.ties} {kind} ties ({self.internal} inside groups, {self.external} between)."]
        lines.append(f"E-I index {_fmt(self.ei)}: {self._verdict()}.")
        if not math.isnan(self.ei_rescaled) and not self.full_range:
            lines.append(f"With {self.ties} ties and these group sizes, E-I can only range from {_fmt(self.ei_min)} "
                         f"to {_fmt(self.ei_max)}; stretched onto -1..+1 it is {_fmt(self.ei_rescaled)}.")
        if self.group_ei_note:
            lines.append(self.group_ei_note)
        siloed = self._siloed()
        if siloed:
            lines.append("Most inward-looking: " + "; ".join(siloed) + ".")
        gap = self._gap()
        if gap:
            lines.append(gap)
        lines.append(f"Assortativity {_fmt(self.assortativity)}; Freeman segregation "
                     f"{_fmt(self.segregation)}; modularity of the groups {_fmt(self.modularity)}.")
        ncom = int(self.communities.nunique()) if len(self.communities) else 0
        lines.append(f"Detected communities ({ncom}) agree with the groups: NMI "
                     f"{_fmt(self.agreement['nmi'])}, adjusted Rand {_fmt(self.agreement['ari'])} "
                     "(1 = the same partition, 0 = no more than chance).")
        return "\n".join(lines)

    def _headline(self) -> str:
        p = fmt_p(self.ei_p, self.permutations)
        return (f"by {self.by!r}, {len(self.sizes)} groups, {self.ties} ties: E-I {_fmt(self.ei, 3)} against "
                f"{_fmt(self.ei_expected, 3)} by chance ({p}, one-sided: this low by chance)")

    def __repr__(self) -> str:
        return short("SiloReport", self._headline())

    def _repr_html_(self) -> str:
        t = pd.DataFrame({"group": [self._name(g) for g in self.sizes.index], "actors": self.sizes.to_numpy(),
                          "ties inside": self.group_ties["internal"].reindex(self.sizes.index).to_numpy(),
                          "ties outside": self.group_ties["external"].reindex(self.sizes.index).to_numpy(),
                          "E-I": self.group_ei.reindex(self.sizes.index).to_numpy(),
                          "E-I by chance": self.group_ei_expected.reindex(self.sizes.index).to_numpy(),
                          "p (this low)": self.group_ei_p.reindex(self.sizes.index).to_numpy(),
                          "Coleman": self.coleman.reindex(self.sizes.index).to_numpy()},
                         index=pd.Index(range(1, len(self.sizes) + 1), name=""))
        t = t.sort_values(["E-I", "group"], na_position="last", kind="mergesort")
        t.index = pd.Index(range(1, len(t) + 1), name="")
        return html_view("SiloReport", self._headline(), str(self).split("\n")[1:], t,
                         caption="groups, most inward-looking first")


# ---------------------------------------------------------------------------- API
def ei_index(net: StakeholderNetwork, by: str, *, missing: str = "error") -> float:
    """Krackhardt & Stern's E-I index of the network under the groups ``by``.

    Parameters
    ----------
    net : StakeholderNetwork
    by : str
        An actor column (``"role"`` uses each actor's primary role).
    missing : {"error", "own_group"}
        Actors without a value: an error, or one group ``"(missing)"``.

    Returns
    -------
    float
        :math:`(E - I) / (E + I)`, with :math:`E` the ties between groups and
        :math:`I` the ties inside groups, one tie per pair as the metrics see
        them (per ordered pair when directed); NaN without ties.

    See Also
    --------
    silos : the E-I index with its expected value, range and permutation test.

    References
    ----------
    .. [1] Krackhardt, D., & Stern, R. N. (1988). Informal networks and
       organizational crises: an experimental simulation. *Social Psychology
       Quarterly*, 51(2), 123-140. https://doi.org/10.2307/2786835

    Examples
    --------
    >>> import pandas as pd
    >>> import systemsmap as sm
    >>> actors = pd.DataFrame({"id": ["a", "b", "c", "d"], "team": ["x", "x", "y", "y"]})
    >>> ties = pd.DataFrame({"source": ["a", "c", "b"], "target": ["b", "d", "c"]})
    >>> sm.metrics.ei_index(sm.from_frames(actors, ties), "team")  # (1 - 2) / 3
    -0.3333333333333333
    """
    return net.groups(by, missing=missing).ei()


# ---------------------------------------------------------------------------- steps of silos
def _one_grouping(by: Any) -> None:
    """Several columns are homophily's work: say so, rather than "not the name of an actor column"."""
    if isinstance(by, (list, tuple)):
        raise OptionError("by", by, "one actor column",
                          suggestion="for several groupings at once, each with the others held fixed, use "
                                     f"systemsmap.homophily(net, by={list(by)!r})")


def _warn_single_actor_groups(groups: Groups) -> None:
    single = [g for g, size in groups.sizes.items() if size == 1]
    if single:
        ids = [groups.members(g)[0] for g in single[:10]]
        shown = ", ".join(f"{g!r} ({i!r})" for g, i in zip(single[:10], ids))
        warnings.warn(f"{len(single)} group(s) of {groups.by!r} have a single actor: {shown}; their group "
                      "E-I and Coleman index rest on one actor's ties", DataWarning, stacklevel=3)


def _ei_range(sizes: np.ndarray, ties: int, ei: float, directed: bool) -> tuple[float, float, float, float]:
    """E-I expected of random ties; the lowest and highest E-I achievable with ``ties`` ties; ``ei`` rescaled."""
    n = float(sizes.sum())
    pairs_in = float(np.sum(sizes * (sizes - 1)))
    pairs_all = n * (n - 1)
    if not directed:
        pairs_in, pairs_all = pairs_in / 2, pairs_all / 2
    pairs_ex = pairs_all - pairs_in
    expected = ei_from_counts(pairs_in, pairs_ex)
    e_hi, i_hi = min(ties, pairs_ex), min(ties, pairs_in)
    ei_max = ei_from_counts(ties - e_hi, e_hi)
    ei_min = ei_from_counts(i_hi, ties - i_hi)
    rescaled = 2 * (ei - ei_min) / (ei_max - ei_min) - 1 if ei_max > ei_min else math.nan
    return expected, ei_min, ei_max, rescaled


def _group_ei_expected(sizes: np.ndarray, labels: pd.Index) -> pd.Series:
    """Each group's E-I if its ties fell on random pairs touching it."""
    n = sizes.sum()
    # pairs touching g: 2 n_g (N - n_g) between (n_g (N - n_g) unordered), n_g (n_g - 1) inside
    # (halved when unordered): the ratio is the same either way
    expected = ei_from_counts(sizes - 1, 2 * (n - sizes))
    return pd.Series(np.where(sizes * (n - 1) > 0, expected, np.nan), index=labels.copy(), name="ei_expected")


def _mixing(groups: Groups, s: np.ndarray, t: np.ndarray, directed: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The mixing matrix (networkx's convention) and the block densities."""
    labels, k = groups.labels, len(groups.labels)
    mix = np.bincount(groups.codes[s] * k + groups.codes[t], minlength=k * k).reshape(k, k)
    if not directed:
        mix = mix + mix.T
    sz = groups.sizes.to_numpy(dtype=float)
    possible = np.outer(sz, sz)
    np.fill_diagonal(possible, sz * (sz - 1))
    with np.errstate(invalid="ignore", divide="ignore"):
        dens = np.where(possible > 0, mix / np.where(possible > 0, possible, 1), np.nan)
    mixing = pd.DataFrame(mix, index=labels.copy(), columns=labels.copy())
    return mixing, pd.DataFrame(dens, index=labels.copy(), columns=labels.copy())


def _assortativity(mix: np.ndarray) -> float:
    """Newman's (2003) assortativity coefficient from the mixing matrix."""
    total = mix.sum()
    if not total:
        return math.nan
    e = mix / total
    ab = float(e.sum(axis=1) @ e.sum(axis=0))
    return (float(np.trace(e)) - ab) / (1 - ab) if ab < 1 else math.nan


def _segregation(ties: int, external: int, sizes: np.ndarray) -> float:
    """Freeman's segregation index: between-group ties short of those random ties would give."""
    n = sizes.sum()
    expected_cross = ties * (n * n - float(np.sum(sizes ** 2))) / (n * (n - 1)) if n > 1 else 0.0
    return (expected_cross - external) / expected_cross if expected_cross > 0 else math.nan


def _coleman(mix: np.ndarray, sizes: np.ndarray, labels: pd.Index) -> pd.Series:
    """Coleman's homophily index of each group, from the mixing matrix."""
    n = sizes.sum()
    deg = mix.sum(axis=1).astype(float)
    diag = np.diag(mix).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        ewg = deg * (sizes - 1) / (n - 1) if n > 1 else np.full(len(sizes), np.nan)
        col = np.where(diag > ewg, (diag - ewg) / (deg - ewg), (diag - ewg) / ewg)
    return pd.Series(col.astype(float), index=labels.copy(), name="coleman")


def _compare(a: np.ndarray, b: np.ndarray) -> pd.Series:
    import igraph as ig

    if len(a) == 0:
        return pd.Series({"nmi": math.nan, "ari": math.nan}, name="agreement")
    nmi = ig.compare_communities(a.tolist(), b.tolist(), method="nmi")
    ari = ig.compare_communities(a.tolist(), b.tolist(), method="adjusted_rand")
    return pd.Series({"nmi": float(nmi), "ari": float(ari)}, name="agreement")


def _communities_and_modularity(net: StakeholderNetwork, groups: Groups, seed: Any,
                                gen: np.random.Generator) -> tuple[float, pd.Series, pd.Series]:
    """Modularity of the groups, the detected communities, and their agreement with the groups."""
    g = net._graph()
    modularity = (float(g.modularity(groups.codes.tolist(), weights=None, directed=net.directed))
                  if g.ecount() else math.nan)
    comm = _communities(net, seed=seed if not isinstance(seed, np.random.Generator) else gen)
    return modularity, comm, _compare(comm.to_numpy(), groups.codes)


def silos(net: StakeholderNetwork, by: str, *, permutations: int = 1000,
          seed: int | np.random.Generator | None = None, missing: str = "error") -> SiloReport:
    """Measure silos: how far ties stay inside the groups of an actor attribute.

    Parameters
    ----------
    net : StakeholderNetwork
        The network. Metrics see one tie per pair of actors (per ordered pair
        when directed), whatever the number of relations or repeated ties
        between them; tie weights are ignored. Pass a view such as
        ``net.layer("advice")`` to study one relation.
    by : str
        An actor column defining the groups (``"role"`` uses each actor's
        primary role; ``"sector"``, ``"organisation"``, ...). For several
        groupings at once use :func:`~systemsmap.homophily`.
    permutations : int
        Random relabellings for the E-I permutation test (0 skips it).
    seed : int, numpy.random.Generator or None
        Seeds the permutations and the community detection; the same seed
        gives the same report.
    missing : {"error", "own_group"}
        Actors with no value in ``by``: a :class:`~systemsmap.errors.DataError`
        listing them, or one group named ``"(missing)"``.

    Returns
    -------
    SiloReport
        With ``ei``, ``ei_expected``, ``ei_min``, ``ei_max``, ``ei_rescaled``,
        ``ei_p``, ``ei_p_high``, ``group_ei``, ``group_ei_p``, ``actor_ei``, ``mixing``,
        ``density``, ``assortativity``, ``segregation``, ``coleman``,
        ``modularity``, ``communities``, ``agreement``, ``groups``, ``sizes``;
        ``print(report)`` says what they mean in plain language.

    Raises
    ------
    NotFoundError
        If ``by`` is not an actor column.
    DataError
        If actors have no value and ``missing="error"``.
    OptionError
        If ``permutations`` is not a whole number 0 or more, ``seed`` is not a
        seed, ``missing`` is not one of the choices, or ``by`` is a list
        (the error names :func:`~systemsmap.homophily`).

    Warns
    -----
    DataWarning
        When a group has a single actor: its group E-I and Coleman index rest
        on that one actor's ties.

    See Also
    --------
    communities : the detected communities compared with the groups.
    ei_index : the network E-I alone.
    homophily : several groupings at once (``by=["sector", "region"]``),
        each with the others held fixed: are the silos sectoral or regional?

    Notes
    -----
    Write :math:`N` for the number of actors, :math:`n_k` for the size of
    group :math:`k`, :math:`T` for the number of ties, :math:`I` and
    :math:`E = T - I` for the ties inside and between groups. Pairs are
    ordered when the network is directed and unordered otherwise.

    **E-I index** (Krackhardt & Stern 1988): :math:`(E - I)/(E + I)`, from -1
    (every tie inside a group) to +1 (every tie between groups).

    **Expected E-I**: the E-I that ties placed on random pairs would give,
    :math:`(P_E - P_I)/(P_E + P_I)` with :math:`P_I = \\sum_k n_k(n_k - 1)`
    (halved when undirected) the pairs inside groups and :math:`P_E` the
    pairs between them. Large groups make ties inside them likely, so E-I is
    to be read against this value, not against 0.

    **Achievable range and rescaling** (UCINET's E-I routine, Network >
    Cohesion > E-I Index, notes that for a given density and group sizes the
    range of E-I may be restricted, and rescales it): with :math:`T` ties,
    ``ei_max`` puts as many as possible between groups
    (:math:`E = \\min(T, P_E)`) and ``ei_min`` as many as possible inside
    (:math:`I = \\min(T, P_I)`); ``ei_rescaled`` maps ``ei`` linearly from
    ``[ei_min, ei_max]`` onto ``[-1, 1]``:
    :math:`2(EI - EI_{min})/(EI_{max} - EI_{min}) - 1`. UCINET's help does
    not print its formula; this is the linear reading of it.

    **Permutation test** (UCINET's): the group labels are shuffled over the
    actors (group sizes and the network fixed) ``permutations`` times, and
    :math:`p = (1 + \\#\\{EI_{perm} \\le EI\\})/(1 + \\text{permutations})`
    is the one-sided p-value that E-I is this low by chance (``ei_p``);
    ``ei_p_high`` counts :math:`EI_{perm} \\ge EI` (this high by chance).
    Counting the observed labelling among the permutations keeps p above 0
    (Phipson & Smyth 2010). The permuted E-I values are kept as ``ei_null``.
    The same permutations test each group's E-I (``group_ei_p``: the share
    of them, counting the observed one, in which the group's E-I is at most
    the observed). Groups, E-I and the permutation kernel are
    :class:`systemsmap.groups.Groups`'s.

    **Group E-I**: for group :math:`g`, :math:`I_g` ties with both ends in
    :math:`g` and :math:`E_g` ties with exactly one end in :math:`g` (either
    direction), each tie once: :math:`(E_g - I_g)/(E_g + I_g)`.

    ``group_ei_expected`` is the group E-I if its ties fell on random pairs
    touching it: :math:`(2(N - n_g) - (n_g - 1))/(2(N - n_g) + (n_g - 1))`.

    **Actor E-I**: over an actor's contacts (the union of the actors it names
    and the actors naming it), :math:`(\\text{outside} - \\text{inside}) /
    (\\text{outside} + \\text{inside})`; NaN for an isolate.

    **Mixing matrix**: tie counts by sender group (rows) and receiver group
    (columns). Undirected ties are counted once from each end, as networkx's
    ``attribute_mixing_matrix`` does: the matrix is symmetric, a tie between
    two groups adds 1 to each of the two mirrored cells, a tie inside a group
    adds 2 to its diagonal cell, and the total is :math:`2T`.
    **Block density**: cell count over possible pairs, :math:`n_g n_h`
    between groups and :math:`n_g(n_g - 1)` on the diagonal (which, with the
    doubled undirected diagonal, is the usual :math:`I_g / \\binom{n_g}{2}`).

    **Assortativity** (Newman 2003): with :math:`e` the mixing matrix divided
    by its total, :math:`a = e\\mathbf{1}`, :math:`b = \\mathbf{1}^T e`,
    :math:`r = (\\operatorname{tr} e - a \\cdot b)/(1 - a \\cdot b)`; equal to
    networkx's ``attribute_assortativity_coefficient`` and igraph's
    ``assortativity_nominal``.

    **Freeman's segregation index** (Freeman 1978, generalised to any number
    of groups by Bojanowski & Corten 2014, as ``netseg::freeman``):
    :math:`S = (\\hat{E} - E)/\\hat{E}` with
    :math:`\\hat{E} = T (N^2 - \\sum_k n_k^2)/(N(N - 1))` the between-group
    ties expected at random; 0 at chance, 1 with no tie between groups,
    negative when groups mix more than chance (netseg no longer truncates at
    0). ``netseg::freeman`` accepts undirected networks only; for directed
    ones the same formula is applied to arcs (the share of ordered pairs
    between groups is the same).

    **Coleman's homophily index** (Coleman 1958, as ``netseg::coleman``): for
    group :math:`g` with :math:`d_g` ties sent (mixing row sum) and
    :math:`m_{gg}` of them inside, expected :math:`w_g = d_g (n_g - 1)/(N - 1)`;
    :math:`C_g = (m_{gg} - w_g)/(d_g - w_g)` when :math:`m_{gg} > w_g`, else
    :math:`(m_{gg} - w_g)/w_g`. From -1 (all ties leave the group) through 0
    (proportionate) to 1 (all stay). Undirected ties count from both ends,
    as ``netseg::coleman(igraph::as.directed(g, "mutual"))``.

    **Modularity** of the groups: igraph's ``Graph.modularity`` (directed
    modularity of Leicht & Newman 2008 when the network is directed),
    unweighted, as networkx's ``community.modularity``.

    **Agreement**: :func:`communities` (Leiden, ``seed``) against the groups,
    by normalised mutual information (Danon et al. 2005) and the adjusted
    Rand index (Hubert & Arabie 1985), igraph's ``compare_communities``.

    References
    ----------
    .. [1] Krackhardt, D., & Stern, R. N. (1988). Informal networks and
       organizational crises: an experimental simulation. *Social Psychology
       Quarterly*, 51(2), 123-140. https://doi.org/10.2307/2786835
    .. [2] Borgatti, S. P., Everett, M. G., & Freeman, L. C. (2002). UCINET
       for Windows: Software for social network analysis. Analytic
       Technologies. (Network > Cohesion > E-I Index.)
    .. [3] Newman, M. E. J. (2003). Mixing patterns in networks. *Physical
       Review E*, 67, 026126. https://doi.org/10.1103/PhysRevE.67.026126
    .. [4] Freeman, L. C. (1978). Segregation in social networks.
       *Sociological Methods & Research*, 6(4), 411-429.
       https://doi.org/10.1177/004912417800600401
    .. [5] Bojanowski, M., & Corten, R. (2014). Measuring segregation in
       social networks. *Social Networks*, 39, 14-32.
       https://doi.org/10.1016/j.socnet.2014.04.001
    .. [6] Coleman, J. S. (1958). Relational analysis: the study of social
       organizations with survey methods. *Human Organization*, 17(4), 28-36.
       https://doi.org/10.17730/humo.17.4.q5604m676260q8n7
    .. [7] Phipson, B., & Smyth, G. K. (2010). Permutation p-values should
       never be zero. *Statistical Applications in Genetics and Molecular
       Biology*, 9(1). https://doi.org/10.2202/1544-6115.1585

    Examples
    --------
    >>> import pandas as pd
    >>> import systemsmap as sm
    >>> actors = pd.DataFrame({"id": list("abcdef"), "sector": list("xxxyyy")})
    >>> ties = pd.DataFrame({"source": list("abdec"), "target": list("bcefd")})
    >>> rep = sm.silos(sm.from_frames(actors, ties, directed=False), "sector", seed=1)
    >>> rep.ei, round(rep.ei_expected, 2)   # 1 of 5 ties between sectors
    (-0.6, 0.2)
    >>> rep.group_ei.round(2).tolist()
    [-0.33, -0.33]
    """
    _one_grouping(by)
    permutations, seed = check_int("permutations", permutations, minimum=0), check_seed(seed)
    warn_low_response(net)
    groups = net.groups(by, missing=missing)
    _warn_single_actor_groups(groups)
    gen = _rng(seed)
    pairs = net._pairs()
    s, t = pairs["s"].to_numpy(dtype=np.int64), pairs["t"].to_numpy(dtype=np.int64)
    T = len(s)
    internal = int(np.count_nonzero(groups.inside((s, t))))
    ei = ei_from_counts(internal, T - internal)
    sizes = groups.sizes.to_numpy(dtype=float)
    ei_expected, ei_min, ei_max, ei_rescaled = _ei_range(sizes, T, ei, net.directed)
    test = groups.permuted_ei(permutations, gen, ties=(s, t))
    group_ties = groups.group_ties((s, t))
    mixing, density = _mixing(groups, s, t, net.directed)
    mix = mixing.to_numpy()
    modularity, comm, agreement = _communities_and_modularity(net, groups, seed, gen)
    labels = groups.labels
    return SiloReport(
        by=by, groups=groups.series, sizes=groups.sizes, directed=net.directed, ties=T, internal=internal,
        external=T - internal, ei=ei, ei_expected=ei_expected, ei_min=ei_min, ei_max=ei_max,
        ei_rescaled=ei_rescaled, ei_p=test.p_low, ei_p_high=test.p_high, ei_null=test.null,
        permutations=permutations, group_ei=groups.group_ei((s, t)),
        group_ei_expected=_group_ei_expected(sizes, labels), group_ei_p=test.group_p, group_ties=group_ties,
        actor_ei=groups.actor_ei(), mixing=mixing, density=density, assortativity=_assortativity(mix),
        segregation=_segregation(T, T - internal, sizes), coleman=_coleman(mix, sizes, labels),
        modularity=modularity, communities=comm, agreement=agreement)
