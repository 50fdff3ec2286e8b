"""Groups of actors: one home for group codes, labels, display names and the E-I index.

``net.groups(by)`` returns a :class:`Groups`: the actors split by one actor
attribute (a sector, an organisation; for ``"role"`` each actor's primary
role). It owns everything the group metrics share, so each exists once:

- the coding: each actor's group as an integer code, the group labels in one
  deterministic order (sorted; by their text when the values do not sort
  together), the sizes, and the one marker for actors without a value,
  :data:`MISSING`;
- display names (:func:`display_name`, role display names from
  :func:`systemsmap.roles.role_name` when ``by="role"``);
- Krackhardt & Stern's E-I index of the whole network, of each group and of
  each actor (:func:`ei_from_counts` is the formula), and its permutation
  test: :func:`shuffled` is the one permutation kernel (vectorised, batched,
  seeded) and :func:`permutation_p` the one p-value rule, used by
  :func:`systemsmap.silos`, :func:`systemsmap.compare` and the report.

Examples
--------
>>> import pandas as pd
>>> import systemsmap as sm
>>> actors = pd.DataFrame({"id": list("abcdef"), "team": list("xxxyyy")})
>>> ties = pd.DataFrame({"source": list("abdec"), "target": list("bcefd")})
>>> g = sm.from_frames(actors, ties, directed=False).groups("team")
>>> g.labels.tolist(), g.codes.tolist(), g.sizes.tolist()
(['x', 'y'], [0, 0, 0, 1, 1, 1], [3, 3])
>>> g.ei()                         # 1 tie between the teams, 4 inside: (1 - 4) / 5
-0.6
>>> g.group_ei().tolist()          # each team: 2 inside, 1 out
[-0.3333333333333333, -0.3333333333333333]
"""
from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from . import roles as _roles
from ._check import MISSING_OPTIONS, check_choice, check_column, check_int, check_seed
from ._format import is_missing
from ._random import rng as _rng
from .errors import DataError

if TYPE_CHECKING:
    from .network import StakeholderNetwork

__all__ = ["Groups", "PermutedEI", "MISSING", "TOLERANCE", "display_name", "ei_from_counts", "shuffled",
           "permutation_p", "MAX_GROUPS", "OTHER_GROUPS", "largest_groups", "merge_groups"]

#: The group of actors without a value, with ``missing="own_group"``; the one spelling of it.
MISSING = "(missing)"
#: Permuted statistics within this distance of the observed one count as equally extreme.
TOLERANCE = 1e-12
#: Work per block of permutations: about this many tie comparisons (a few MB of memory).
CHUNK = 1 << 20


# ---------------------------------------------------------------------- many groups
#: The most groups a heatmap or a report shows one by one; the others are shown together.
MAX_GROUPS = 20
#: The name of the groups shown together.
OTHER_GROUPS = "Other groups"


def largest_groups(sizes: pd.Series, limit: int = MAX_GROUPS) -> list:
    """The ``limit`` largest groups (equal sizes by name), in the order of ``sizes``.

    Examples
    --------
    >>> import pandas as pd
    >>> largest_groups(pd.Series({"a": 1, "b": 5, "c": 3, "d": 3}), 2)
    ['b', 'c']
    """
    ranked = sorted(zip(sizes.index, sizes.astype(float).tolist()), key=lambda gs: (-gs[1], str(gs[0])))
    top = {g for g, _ in ranked[:limit]}
    return [g for g in sizes.index if g in top]


def merge_groups(counts: pd.DataFrame, sizes: pd.Series, keep, other: str = OTHER_GROUPS
                 ) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    """Tie counts between groups with every group not in ``keep`` summed into one named ``other``.

    Returns ``(counts, density, sizes)``: density is ties over possible
    pairs (``n_g n_h`` between groups, ``n_g (n_g - 1)`` inside one), the
    merged group's inside cell counting every tie among its members. A
    missing count (a suppressed group) stays missing.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame([[2, 1, 0], [1, 0, 1], [0, 1, 0]], index=list("abc"), columns=list("abc"))
    >>> c, d, n = merge_groups(m, pd.Series({"a": 3, "b": 1, "c": 1}), ["a"])
    >>> c.to_numpy().tolist(), n.tolist()
    ([[2, 1], [1, 2]], [3, 2])
    """
    keep = set(keep)
    # arrays, not lists: a list of names that are also column labels would be read as columns to group by
    names = np.array([g if g in keep else other for g in counts.index], dtype=object)
    merged = counts.groupby(names, sort=False).sum(min_count=1)
    cols = np.array([g if g in keep else other for g in merged.columns], dtype=object)
    merged = merged.T.groupby(cols, sort=False).sum(min_count=1).T
    sz = sizes.reindex(counts.index).groupby(names, sort=False).sum(min_count=1).reindex(merged.index)
    n = sz.to_numpy(dtype=float)
    possible = np.outer(n, n)
    np.fill_diagonal(possible, n * (n - 1))
    with np.errstate(invalid="ignore", divide="ignore"):
        density = merged.astype(float) / np.where(possible > 0, possible, np.nan)
    return merged, pd.DataFrame(density, index=merged.index, columns=merged.columns), sz


# ---------------------------------------------------------------------------- names
def display_name(label: Any, by: str | None) -> str:
    """How a group is written: role display names for ``by="role"``, else the value as text.

    Examples
    --------
    >>> display_name("lived_experience", "role"), display_name("health", "sector")
    ('Lived experience', 'health')
    >>> display_name(None, "sector"), display_name(MISSING, "role")
    ('(missing)', '(missing)')
    """
    if is_missing(label):
        return MISSING
    if by == "role" and label != MISSING:
        return _roles.role_name(label)
    return str(label)


# ---------------------------------------------------------------------------- the E-I index
def ei_from_counts(internal: Any, external: Any) -> Any:
    """Krackhardt & Stern's E-I index, :math:`(E - I)/(E + I)`, from tie counts; NaN without ties.

    Takes numbers or arrays of counts (element by element); returns a float
    or an array of floats.

    References
    ----------
    .. [1] Krackhardt, D., & Stern, R. N. (1988). Informal networks and
       organizational crises: an experimental simulation. *Social Psychology
       Quarterly*, 51(2), 123-140. https://doi.org/10.2307/2786835

    Examples
    --------
    >>> ei_from_counts(4, 1)
    -0.6
    >>> ei_from_counts([2, 0], [1, 0]).tolist()
    [-0.3333333333333333, nan]
    """
    i, e = np.asarray(internal), np.asarray(external)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = (e - i) / (e + i)
    return float(out) if np.ndim(out) == 0 else np.asarray(out, dtype=float)


def shuffled(values: np.ndarray, permutations: int, seed: int | np.random.Generator | None = None, *,
             row_cost: int | None = None, chunk: int = CHUNK) -> Iterator[np.ndarray]:
    """The permutation kernel: ``permutations`` random orderings of ``values``, in blocks of rows.

    Each yielded block is a ``(b, len(values))`` array whose rows are
    independent random permutations of ``values``; the blocks hold
    ``permutations`` rows in all. Rows are drawn one after the other from
    ``seed``, so the same seed gives the same rows whatever the block size.
    A block holds about ``chunk / row_cost`` rows (``row_cost``: the work per
    row of the caller, by default ``len(values)``), so the caller's work on a
    block is a few numpy calls over a few MB.

    Examples
    --------
    >>> blocks = list(shuffled(np.array([0, 0, 1]), 4, seed=1))
    >>> np.vstack(blocks).shape, sorted(np.vstack(blocks)[0].tolist())
    ((4, 3), [0, 0, 1])
    """
    permutations = check_int("permutations", permutations, minimum=0)
    values = np.asarray(values)
    gen = _rng(check_seed(seed))
    cost = max(int(row_cost or 0), len(values), 1)
    batch = max(1, min(permutations, chunk // cost))
    done = 0
    while done < permutations:
        b = min(batch, permutations - done)
        block = np.tile(values, (b, 1))
        gen.permuted(block, axis=1, out=block)
        yield block
        done += b


def _as_extreme(null: np.ndarray, observed: Any, tail: str) -> np.ndarray:
    """Which permuted values are at least as extreme as ``observed`` (NaN never is)."""
    if tail == "low":
        return null <= np.asarray(observed) + TOLERANCE
    if tail == "high":
        return null >= np.asarray(observed) - TOLERANCE
    return np.abs(null) >= np.abs(np.asarray(observed)) - TOLERANCE


def _p_from_count(count: Any, permutations: int, observed: Any) -> Any:
    p = (1 + np.asarray(count)) / (1 + permutations)
    p = np.where(np.isnan(np.asarray(observed, dtype=float)), np.nan, p)
    return float(p) if np.ndim(p) == 0 else p


def permutation_p(null: np.ndarray, observed: Any, tail: str = "low") -> Any:
    r"""Permutation p-value: :math:`(1 + \#\{\text{as extreme}\})/(1 + P)`, NaN for a NaN statistic.

    Parameters
    ----------
    null : numpy.ndarray
        The statistic under each of ``P`` permutations (rows), for one
        statistic (shape ``(P,)``) or several (``(P, K)``).
    observed : float or array
        The observed statistic(s).
    tail : {"low", "high", "both"}
        ``"low"``: permuted values at or below the observed one (this low by
        chance); ``"high"``: at or above; ``"both"``: at least as large in
        absolute value. Values within :data:`TOLERANCE` count as equal.

    References
    ----------
    .. [1] Phipson, B., & Smyth, G. K. (2010). Permutation p-values should
       never be zero. *Statistical Applications in Genetics and Molecular
       Biology*, 9(1). https://doi.org/10.2202/1544-6115.1585

    Examples
    --------
    >>> permutation_p(np.array([-0.2, 0.1, 0.4]), 0.1)      # (1 + 2) / (1 + 3)
    0.75
    >>> permutation_p(np.array([-0.2, 0.1, 0.4]), 0.1, tail="high")
    0.75
    """
    tail = check_choice("tail", tail, ("low", "high", "both"))
    null = np.asarray(null, dtype=float)
    count = np.count_nonzero(_as_extreme(null, observed, tail), axis=0)
    return _p_from_count(count, len(null), observed)


def _small_dtype(k: int) -> np.dtype:
    """The smallest signed integer type holding codes ``0 .. k - 1`` (less memory per permutation)."""
    for dt in (np.int8, np.int16, np.int32):
        if k <= np.iinfo(dt).max:
            return np.dtype(dt)
    return np.dtype(np.int64)


@dataclass(frozen=True)
class PermutedEI:
    """The E-I index under random relabellings of the groups (see :meth:`Groups.permuted_ei`).

    Attributes
    ----------
    permutations : int
    null : numpy.ndarray
        The network E-I under each permutation (empty when none was run).
    p_low, p_high : float
        One-sided p-values that the network E-I is this low (this high) by
        chance; NaN without ties or permutations.
    group_p : pandas.Series
        For each group, the one-sided p-value that its E-I is this low by
        chance (NaN for a group without ties).
    """

    permutations: int
    null: np.ndarray = field(repr=False)
    p_low: float
    p_high: float
    group_p: pd.Series


# ---------------------------------------------------------------------------- groups
def _values(net: StakeholderNetwork, by: str, missing: str) -> pd.Series:
    """Each actor's value of ``by`` (primary role for ``"role"``), missing values handled."""
    col = net._actors[by]
    if by == "role":
        col = _roles.primary_role(col)
    isna = col.isna()
    if isna.any():
        if missing == "own_group":
            col = col.astype(object).where(~isna, MISSING)
        else:
            bad = col.index[isna.to_numpy()].tolist()
            shown = ", ".join(map(repr, bad[:10])) + (" ..." if len(bad) > 10 else "")
            raise DataError(f"no value for {len(bad)} actor(s): {shown}", column=by,
                            suggestion="fill them in, or pass missing='own_group' to group them together",
                            options={"missing": "own_group"})
    return col.rename(by)


def _ordered(values: pd.Series) -> pd.Index:
    """The distinct values, sorted (by their text when they do not sort together): the one group order."""
    uniq = pd.unique(values.to_numpy(dtype=object))
    try:
        order = sorted(uniq)
    except TypeError:
        order = sorted(uniq, key=str)
    return pd.Index(order, name=values.name)


class Groups:
    """The actors of a network split into groups by one actor attribute.

    Made by :meth:`StakeholderNetwork.groups`; every group metric
    (:func:`~systemsmap.silos`, :func:`~systemsmap.brokerage`,
    :func:`~systemsmap.bridges`, :func:`~systemsmap.compare`, the report and
    the plots) codes its groups here.

    Parameters
    ----------
    net : StakeholderNetwork
    by : str
        An actor column. ``"role"`` gives each actor's primary (first) role.
    missing : {"error", "own_group"}
        Actors with no value raise a :class:`~systemsmap.errors.DataError`
        naming them, or with ``"own_group"`` form one group, :data:`MISSING`.

    Attributes
    ----------
    by : str
        The actor column.
    series : pandas.Series
        Each actor's group (index ``id``, in the network's actor order, name ``by``).
    labels : pandas.Index
        The groups, sorted (by their text when the values do not sort
        together), named ``by``: the order of every per-group result.
    codes : numpy.ndarray
        Each actor's group as its position in ``labels`` (int64, in the order
        of ``net.ids``; read-only).
    sizes : pandas.Series
        Actors per group (index ``labels``, name ``actors``).
    names : pandas.Series
        Each group's display name (index ``labels``).

    Raises
    ------
    NotFoundError
        If ``by`` is not an actor column (a ``DataError`` and a ``KeyError``).
    DataError
        If actors have no value and ``missing="error"``.
    OptionError
        If ``missing`` is not ``"error"`` or ``"own_group"``.

    Notes
    -----
    The E-I methods count ties as the metrics see them, one per pair of
    actors (per ordered pair when directed), unless given ``ties``: vertex
    indices ``(source, target)`` of other ties (:func:`~systemsmap.bridges`
    counts its undirected pairs). With :math:`I` ties inside groups and
    :math:`E` between, the network E-I is :math:`(E - I)/(E + I)`; a group's
    counts the ties with both ends in it as :math:`I_g` and those with one end
    in it as :math:`E_g`; an actor's counts its distinct contacts (named or
    naming it) inside and outside its group.

    Examples
    --------
    >>> import systemsmap as sm
    >>> g = sm.load_example("implementation_ecosystem").groups("role")
    >>> g.labels[:2].tolist(), g.name("lived_experience")
    (['champion', 'funder'], 'Lived experience')
    """

    def __init__(self, net: StakeholderNetwork, by: str, *, missing: str = "error"):
        missing = check_choice("missing", missing, MISSING_OPTIONS)
        by = check_column(net, by)
        self.by = by
        self.series = _values(net, by, missing)
        self.labels = _ordered(self.series)
        self.codes = self.labels.get_indexer(self.series.to_numpy(dtype=object)).astype(np.int64)
        self.codes.flags.writeable = False
        self.sizes = pd.Series(np.bincount(self.codes, minlength=len(self.labels)), index=self.labels.copy(),
                               name="actors")
        self._net = net

    def __repr__(self) -> str:
        return f"<Groups by {self.by!r}: {len(self.labels)} groups of {len(self.codes)} actors>"

    # ------------------------------------------------------------------ names
    def name(self, label: Any) -> str:
        """The display name of one group (see :func:`display_name`)."""
        return display_name(label, self.by)

    @property
    def names(self) -> pd.Series:
        """Each group's display name, indexed by group."""
        return pd.Series([self.name(g) for g in self.labels], index=self.labels.copy(), name="name",
                         dtype=object)

    def members(self, label: Any) -> pd.Index:
        """The ids of the actors in one group, in actor order."""
        return self.series.index[self.codes == self.labels.get_loc(label)]

    # ------------------------------------------------------------------ E-I
    def _ties(self, ties: tuple[np.ndarray, np.ndarray] | None) -> tuple[np.ndarray, np.ndarray]:
        if ties is None:
            pairs = self._net._pairs()
            return pairs["s"].to_numpy(dtype=np.int64), pairs["t"].to_numpy(dtype=np.int64)
        return np.asarray(ties[0], dtype=np.int64), np.asarray(ties[1], dtype=np.int64)

    def inside(self, ties: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
        """For each tie, whether both its ends are in one group (bool array, in the order of the ties)."""
        s, t = self._ties(ties)
        return self.codes[s] == self.codes[t]

    def ei(self, ties: tuple[np.ndarray, np.ndarray] | None = None) -> float:
        """The network E-I index, :math:`(E - I)/(E + I)`; NaN without ties."""
        same = self.inside(ties)
        internal = int(np.count_nonzero(same))
        return ei_from_counts(internal, len(same) - internal)

    def group_ties(self, ties: tuple[np.ndarray, np.ndarray] | None = None) -> pd.DataFrame:
        """Each group's ``internal`` ties (both ends in it) and ``external`` ties (one end in it)."""
        s, t = self._ties(ties)
        k = len(self.labels)
        cs, ct = self.codes[s], self.codes[t]
        same = cs == ct
        g_in = np.bincount(cs[same], minlength=k)
        g_ex = np.bincount(cs[~same], minlength=k) + np.bincount(ct[~same], minlength=k)
        return pd.DataFrame({"internal": g_in, "external": g_ex}, index=self.labels.copy())

    def group_ei(self, ties: tuple[np.ndarray, np.ndarray] | None = None) -> pd.Series:
        """Each group's E-I index, :math:`(E_g - I_g)/(E_g + I_g)`; NaN for a group without ties."""
        gt = self.group_ties(ties)
        return pd.Series(ei_from_counts(gt["internal"].to_numpy(), gt["external"].to_numpy()),
                         index=self.labels.copy(), name="ei")

    def actor_ei(self) -> pd.Series:
        """Each actor's E-I over its distinct contacts (named or naming it); NaN for an isolate."""
        s, t = self._ties(None)
        n = len(self.codes)
        lo, hi = np.minimum(s, t), np.maximum(s, t)
        if self._net.directed and len(s):
            lo, hi = np.divmod(np.unique(lo * n + hi), n)
        same = self.codes[lo] == self.codes[hi]
        inside = np.bincount(lo[same], minlength=n) + np.bincount(hi[same], minlength=n)
        outside = np.bincount(lo[~same], minlength=n) + np.bincount(hi[~same], minlength=n)
        return pd.Series(ei_from_counts(inside, outside), index=pd.Index(self._net.ids, name="id"), name="ei")

    def permuted_ei(self, permutations: int, seed: int | np.random.Generator | None = None, *,
                    ties: tuple[np.ndarray, np.ndarray] | None = None, chunk: int = CHUNK) -> PermutedEI:
        r"""The E-I index under ``permutations`` random relabellings, and the p-values they give.

        Each permutation shuffles the group labels over the actors (group
        sizes and the network fixed) and recomputes the E-I of the network and
        of every group. :math:`p = (1 + \#\{EI_{perm} \le EI\})/(1 +
        \text{permutations})` is the one-sided p-value that E-I is this low by
        chance (``p_low``, and ``group_p`` for each group); ``p_high`` counts
        :math:`EI_{perm} \ge EI`. Nothing is drawn without ties or
        permutations.

        Parameters
        ----------
        permutations : int
            0 or more.
        seed : int, numpy.random.Generator or None
            The same seed gives the same permutations.
        ties : (numpy.ndarray, numpy.ndarray), optional
            Vertex indices of the ties to count (default: the network's).
        chunk : int
            About how many tie comparisons each block of permutations makes
            (memory, not results, depends on it).

        Returns
        -------
        PermutedEI

        Examples
        --------
        >>> import systemsmap as sm
        >>> g = sm.load_example("karate_club").groups("club")
        >>> r = g.permuted_ei(999, seed=1)
        >>> r.p_low, len(r.null)          # no relabelling keeps as many ties inside
        (0.001, 999)
        """
        permutations = check_int("permutations", permutations, minimum=0)
        seed = check_seed(seed)
        s, t = self._ties(ties)
        k, n, m = len(self.labels), len(self.codes), len(s)
        observed = self.ei((s, t))
        group_observed = self.group_ei((s, t)).to_numpy()
        if permutations == 0 or m == 0:
            return PermutedEI(permutations, np.empty(0), math.nan, math.nan,
                              pd.Series(np.nan, index=self.labels.copy(), name="ei_p"))
        # E_g = (tie ends in g) - 2 I_g, and the tie ends in g are the degrees of its members
        degree = (np.bincount(s, minlength=n) + np.bincount(t, minlength=n)).astype(float)
        small = self.codes.astype(_small_dtype(k))
        null = np.empty(permutations)
        below = np.zeros(k, dtype=np.int64)
        done = 0
        for block in shuffled(small, permutations, seed, row_cost=max(m, k), chunk=chunk):
            b = len(block)
            cs = block[:, s]
            rows, cols = np.nonzero(cs == block[:, t])
            g_in = np.bincount(rows * k + cs[rows, cols], minlength=b * k).reshape(b, k)
            ends = np.bincount((block + (np.arange(b, dtype=np.int64) * k)[:, None]).ravel(),
                               weights=np.tile(degree, b), minlength=b * k).reshape(b, k)
            g_ex = np.rint(ends).astype(np.int64) - 2 * g_in
            internal = g_in.sum(axis=1)
            null[done:done + b] = ei_from_counts(internal, m - internal)
            below += np.count_nonzero(_as_extreme(ei_from_counts(g_in, g_ex), group_observed, "low"), axis=0)
            done += b
        group_p = pd.Series(_p_from_count(below, permutations, group_observed), index=self.labels.copy(),
                            name="ei_p")
        return PermutedEI(permutations, null, permutation_p(null, observed, "low"),
                          permutation_p(null, observed, "high"), group_p)
