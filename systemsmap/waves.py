"""Change across survey waves, and survey non-response.

- :func:`compare` sets two networks (or two waves of one) side by side:
  who joined and left, which ties were gained, lost and kept (overall and by
  group pair), how every summary figure, each actor's centrality and
  brokerage, and the E-I index changed, with a permutation test of whether
  the change in E-I is more than the churn of ties would give by chance.
- :func:`response` reports who answered; :func:`impute` applies the standard
  treatments of missing reports; :func:`robustness` says how far a ranking
  can be trusted when some respondents are missing.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable

import numpy as np
import pandas as pd

from ._check import MISSING_OPTIONS, check_choice, check_int, check_number, check_samples, check_seed
from ._format import fmt_p, fmt_small
from ._repr import html_view, short
from ._scope import nonrespondents
from .errors import DataError, DataWarning, OptionError
from .groups import display_name, ei_from_counts, permutation_p, shuffled
from .network import StakeholderNetwork
from .quality import warn_low_response

__all__ = ["compare", "Comparison", "response", "Response", "impute", "robustness", "Robustness"]


# ---------------------------------------------------------------------- compare
@dataclass
class Comparison:
    """The change between two networks (see :func:`compare`).

    Attributes
    ----------
    before_name, after_name : str
        How the two sides are named (the wave labels, or "before"/"after").
    actors_joined, actors_left, actors_stayed : list of str
        Actor ids only in ``after``, only in ``before``, and in both.
    ties_gained, ties_lost, ties_kept : DataFrame
        Ties matched on ``source``, ``target`` and ``relation`` (either order
        when undirected): one row per relation, so a pair of actors who add
        advice to their collaboration gains one tie here. ``ties_kept`` has
        ``weight_before`` and ``weight_after``. ``ties_gained`` and
        ``ties_lost`` have ``cause``: ``"turnover"`` (an end is in one side
        only), ``"response"`` (who reports the tie answered on one side
        only, so the tie may have been there, unreported) or ``"tie"`` (the
        ends are on both sides and whoever reports it answered on both: a
        change in the ties, as far as the survey can show).
    response_change : Series
        Actors on both sides by whether they answered: ``both``,
        ``before_only``, ``after_only``, ``neither`` (an unknown answer
        counts as answered); all in ``both`` without a ``respondent``
        column.
    pairs_changed : DataFrame
        Pairs of actors newly tied (``gained``) and no longer tied
        (``lost``) by ``cause``, columns ``tie``, ``response``,
        ``turnover``: each row sums to ``pairs_gained`` or ``pairs_lost``.
    pairs_gained, pairs_lost : int
        Pairs of actors tied (in any relation) after but not before, and before
        but not after: the units of ``summary_change.loc["ties"]``, so that
        ties before + ``pairs_gained`` - ``pairs_lost`` = ties after.
    summary_change : DataFrame
        Every :func:`~systemsmap.summary` figure: ``before``, ``after``, ``change``.
    by_group : DataFrame or None
        With ``by``: pairs of actors tied in any relation, per group pair
        (``group_a``, ``group_b``): ``before``, ``after``, ``change``, and
        ``gained``, ``lost`` (pairs newly tied, pairs no longer tied), so that
        ``before + gained - lost = after``.
    cross_group : Series or None
        With ``by``: cross-group ties ``before``, ``after``, ``change``.
    ei_change : DataFrame or None
        With ``by``: E-I per group and for the network (row ``"(network)"``),
        ``before``, ``after``, ``change``.
    ei_p : float
        Permutation p-value, two-sided (also ``ei_p_two_sided``), that the
        network E-I changed more than chance; NaN without ``by``.
    actor_change : DataFrame
        For actors in both: ``degree``, ``betweenness`` (and ``brokerage``
        with ``by``) before, after and change (columns ``<metric>_before``, ...).
    """

    before_name: str
    after_name: str
    actors_joined: list
    actors_left: list
    actors_stayed: list
    ties_gained: pd.DataFrame
    ties_lost: pd.DataFrame
    ties_kept: pd.DataFrame
    summary_change: pd.DataFrame
    actor_change: pd.DataFrame
    by: str | None = None
    by_group: pd.DataFrame | None = None
    cross_group: pd.Series | None = None
    ei_change: pd.DataFrame | None = None
    ei_p: float = float("nan")
    permutations: int = 0
    response_change: pd.Series = field(default_factory=lambda: pd.Series(dtype=np.int64))
    pairs_changed: pd.DataFrame = field(default_factory=pd.DataFrame)
    labels: dict = field(default_factory=dict, repr=False)

    @property
    def ei_p_two_sided(self) -> float:
        """``ei_p`` by the name of its tail: the change in E-I, in either direction."""
        return self.ei_p

    @cached_property
    def _pair_sets(self) -> tuple[set, set]:
        """Pairs of actors tied in any relation (before, after); computed once."""
        def pairs(*frames: pd.DataFrame) -> set:  # numpy object arrays: pandas' string arrays iterate slowly
            return {p for f in frames for p in zip(f["source"].to_numpy(object), f["target"].to_numpy(object))}

        return pairs(self.ties_lost, self.ties_kept), pairs(self.ties_gained, self.ties_kept)

    @property
    def pairs_gained(self) -> int:
        """Pairs of actors tied in any relation after but not before."""
        before, after = self._pair_sets
        return len(after - before)

    @property
    def pairs_lost(self) -> int:
        """Pairs of actors tied in any relation before but not after."""
        before, after = self._pair_sets
        return len(before - after)

    def _pair(self, row: pd.Series) -> str:
        """A pair of groups by their display names: ``Researcher–Policymaker``."""
        return f"{display_name(row['group_a'], self.by)}–{display_name(row['group_b'], self.by)}"

    def lines(self) -> list[str]:
        """The plain-language findings, one sentence each."""
        b, a = self.before_name, self.after_name
        sc = self.summary_change
        out = [f"Between {b} and {a}: {len(self.actors_joined):,} actors joined, {len(self.actors_left):,} left "
               f"and {len(self.actors_stayed):,} took part in both."]
        gained, lost, kept = len(self.ties_gained), len(self.ties_lost), len(self.ties_kept)
        pg, pl = self.pairs_gained, self.pairs_lost
        if (pg, pl) == (gained, lost) and len(self._pair_sets[0]) == lost + kept:  # one tie per pair
            out.append(f"Ties went from {int(sc.loc['ties', 'before']):,} to {int(sc.loc['ties', 'after']):,} "
                       f"({gained:,} gained, {lost:,} lost, {kept:,} kept).")
        else:
            out.append(f"Pairs of actors tied in any relation went from {int(sc.loc['ties', 'before']):,} to "
                       f"{int(sc.loc['ties', 'after']):,} ({pg:,} newly tied, {pl:,} no longer tied); counted per "
                       f"relation, ties went from {lost + kept:,} to {gained + kept:,} ({gained:,} gained, {lost:,} lost, "
                       f"{kept:,} kept).")
        out.extend(self._response_lines())
        if self.cross_group is not None:
            cg = self.cross_group
            verb = "rose" if cg["after"] > cg["before"] else "fell" if cg["after"] < cg["before"] else "stayed"
            out.append(f"Cross-{self.by} ties {verb} from {int(cg['before']):,} to {int(cg['after']):,}."
                       if verb != "stayed" else f"Cross-{self.by} ties stayed at {int(cg['before']):,}.")
            bg = self.by_group
            cross = bg[bg["group_a"] != bg["group_b"]]
            opened = cross[(cross["before"] == 0) & (cross["after"] > 0)]
            closed = cross[(cross["before"] > 0) & (cross["after"] == 0)]
            for _, r in opened.sort_values("after", ascending=False).head(3).iterrows():
                out.append(f"{self._pair(r)} ties went from 0 to {int(r['after']):,}.")
            for _, r in closed.sort_values("before", ascending=False).head(3).iterrows():
                out.append(f"{self._pair(r)} ties went from {int(r['before']):,} to 0.")
        if self.ei_change is not None:
            e = self.ei_change.loc["(network)"]
            if np.isnan(self.ei_p):
                sig = ""
            elif self.ei_p < 0.05:
                sig = (f" ({fmt_p(self.ei_p, self.permutations)}, two-sided: more than the churn of ties would give by "
                       "chance)")
            else:
                sig = (f" ({fmt_p(self.ei_p, self.permutations)}, two-sided: no more than the churn of ties could give "
                       "by chance)")
            out.append(f"The E-I index by {self.by} went from {e['before']:+.2f} to {e['after']:+.2f}{sig}.")
        for key, word, fmt in (("density", "Density (the share of all possible ties that exist)", fmt_small),
                               ("response_rate", "The share of actors who answered the survey", "{:.0%}".format)):
            if key in sc.index and np.isfinite(sc.loc[key, "before"]) and np.isfinite(sc.loc[key, "after"]):
                out.append(f"{word} went from {fmt(sc.loc[key, 'before'])} to {fmt(sc.loc[key, 'after'])}.")
        return out

    def _response_lines(self) -> list[str]:
        """Who answered on each side, and how much of the change in ties that, or turnover, accounts for."""
        b, a = self.before_name, self.after_name
        rc, pc = self.response_change, self.pairs_changed
        out = []
        if len(rc) and (rc.get("before_only", 0) or rc.get("after_only", 0)):
            out.append(f"Who answered changed too: of the actors in both, {int(rc['before_only']):,} answered only in "
                       f"{b} and {int(rc['after_only']):,} only in {a}.")
        if not len(pc):
            return out
        for side, word, verb in (("gained", "newly tied", "had not answered in " + b),
                                 ("lost", "no longer tied", "did not answer in " + a)):
            row = pc.loc[side]
            total = int(row.sum())
            if not total or int(row["tie"]) == total:
                continue
            parts = []
            if row["response"]:
                parts.append(f"{int(row['response']):,} rest on people who {verb} (the tie may have been there, "
                             "unreported)")
            if row["turnover"]:
                parts.append(f"{int(row['turnover']):,} involve actors in one wave only")
            out.append(f"Of the {total:,} pairs {word}, " + " and ".join(parts) + f"; {int(row['tie']):,} are changes "
                       "between actors present in both waves, with no change in who answered.")
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def _headline(self) -> str:
        sc = self.summary_change
        text = (f"{self.before_name} -> {self.after_name}: ties {int(sc.loc['ties', 'before'])} -> "
                f"{int(sc.loc['ties', 'after'])} ({self.pairs_gained} pairs newly tied, {self.pairs_lost} no "
                "longer tied)")
        if len(self.pairs_changed):
            text += (f"; {int(self.pairs_changed['tie'].sum())} of the {int(self.pairs_changed.to_numpy().sum())} "
                     "changes not due to turnover or to who answered")
        return text

    def __repr__(self) -> str:
        return short("Comparison", self._headline())

    def _repr_html_(self) -> str:
        return html_view("Comparison", self._headline(), self.lines(), self.summary_change,
                         caption="summary figures")


def _tie_keys(net: StakeholderNetwork) -> pd.DataFrame:
    t = net.ties
    s, g = t["source"].to_numpy(object), t["target"].to_numpy(object)
    if not net.directed:
        swap = s > g
        s, g = np.where(swap, g, s), np.where(swap, s, g)
    key = pd.DataFrame({"source": s, "target": g, "relation": t["relation"].to_numpy(object),
                        "weight": t["weight"].to_numpy(float)})
    # the same tie reported in several waves (or repeated) counts once, weights summed
    return key.groupby(["source", "target", "relation"], sort=True, as_index=False)["weight"].sum()


def _pair_groups(ties: pd.DataFrame, groups: pd.Series, directed: bool) -> pd.DataFrame:
    ga = groups.reindex(ties["source"]).to_numpy(object)
    gb = groups.reindex(ties["target"]).to_numpy(object)
    if not directed:
        sa, sb = ga.astype(str), gb.astype(str)
        swap = sa > sb
        ga, gb = np.where(swap, gb, ga), np.where(swap, ga, gb)
    return pd.DataFrame({"group_a": ga, "group_b": gb})


def compare(before: StakeholderNetwork, after: StakeholderNetwork | None = None, *, by: str | None = None,
            waves: tuple[Any, Any] | None = None, missing: str = "error", permutations: int = 1000,
            sample: int | None = None, seed: int | np.random.Generator | None = None) -> Comparison:
    """Compare two networks, or two waves of one network.

    Parameters
    ----------
    before, after : StakeholderNetwork
        The two networks, matched on actor id. Or pass one network and
        ``waves=(w1, w2)`` to compare ``net.at(w1)`` with ``net.at(w2)``.
    by : str, optional
        An actor column: adds ties by group pair, cross-group ties, the E-I
        index per group and its permutation test. Groups are read from
        ``after`` for actors in it, else from ``before``.
    waves : (wave, wave), optional
    missing : {"error", "own_group"}
        Actors with no ``by`` value (see :meth:`StakeholderNetwork.groups`).
    permutations : int, default 1000
        Permutations for the test of the E-I change (0 to skip).
    sample : int, (int, int) or None
        Estimate the path measures of ``summary_change`` and
        ``actor_change`` (betweenness, mean distance, ...) from this many
        random sources, as :func:`~systemsmap.centrality` does, for large
        networks; None (default) computes them exactly. A pair
        ``(before, after)`` gives each side its own (None for exact), as the
        report does: it estimates a wave's path measures only when that wave
        is large (:func:`systemsmap._scale.default_sample`).
    seed : int, Generator or None

    Returns
    -------
    Comparison

    Raises
    ------
    OptionError
        If both ``after`` and ``waves`` are given, or neither, or ``waves`` is
        not two labels; if ``permutations``, ``seed`` or ``missing`` is not
        allowed.
    DataError
        If the two networks differ in direction, or ``by`` values are missing
        and ``missing="error"`` (:class:`~systemsmap.errors.NotFoundError`
        when ``by`` is not an actor column, a wave is not in the network).

    Notes
    -----
    Ties are matched on ``source``, ``target`` and ``relation`` (either order
    when undirected); ``wave`` and weights do not enter the match.

    A tie can appear or vanish between two surveys without changing: its
    reporter may have answered on one side only. A directed tie is reported
    by its source, an undirected one by either end; an actor whose
    ``respondent`` is false on a side did not answer there (per wave with
    ``waves=`` when the actors say who answered in which wave, see
    :meth:`StakeholderNetwork.at`). So each tie gained or lost gets a
    ``cause``: ``"turnover"`` when an end is missing from one side,
    ``"response"`` when the reporter answered on one side only (gained:
    only after; lost: only before), else ``"tie"``; ``pairs_changed``
    counts pairs of actors the same way and ``response_change`` counts who
    answered where. The sentences say how much of the change is not a
    change in ties.

    The E-I index (Krackhardt & Stern 1988) is (E - I)/(E + I) over ties, one
    tie per pair (as :func:`~systemsmap.metrics.silos` counts it). Its change
    is tested among the actors present in both waves, so that turnover does
    not count as change: the ties that changed (gained or lost) are randomly
    reassigned between the two waves, keeping how many were gained and how
    many lost, and the p-value is the share of the ``permutations`` random
    reassignments, counting the observed one, whose change in E-I is at least
    as large in absolute value as the observed change. The E-I index, the
    groups and the permutation kernel are those of :mod:`systemsmap.groups`.

    References
    ----------
    Krackhardt, D. & Stern, R. N. (1988). Informal networks and
    organizational crises: an experimental simulation. Social Psychology
    Quarterly 51(2), 123-140. doi:10.2307/2786835

    Examples
    --------
    >>> import systemsmap as sm
    >>> net = sm.load_example("implementation_ecosystem")
    >>> c = sm.compare(net, waves=(2024, 2025), by="sector", permutations=200, seed=1)
    >>> len(c.actors_joined) > 0 and len(c.ties_gained) > 0
    True
    """
    permutations = check_int("permutations", permutations, minimum=0)
    samples = check_samples(sample)
    seed = check_seed(seed)
    missing = check_choice("missing", missing, MISSING_OPTIONS)
    before, after, names = _sides(before, after, waves)
    ids_before, ids_after = set(before.ids), set(after.ids)  # once: a set per actor made this quadratic
    joined = [i for i in after.ids if i not in ids_before]
    left = [i for i in before.ids if i not in ids_after]
    stayed = [i for i in before.ids if i in ids_after]
    kb, ka = _tie_keys(before), _tie_keys(after)
    gained, lost, kept = _tie_changes(kb, ka)
    sides = _Sides(before, after)
    gained["cause"] = sides.causes(gained, "gained")
    lost["cause"] = sides.causes(lost, "lost")
    result = Comparison(names[0], names[1], joined, left, stayed, gained, lost, kept,
                        _summary_change(before, after, samples, seed),
                        _actor_change(before, after, stayed, samples, seed),
                        by=by, permutations=permutations, response_change=sides.response_change(stayed))
    result.pairs_changed = sides.pair_causes(result)
    if by is not None:
        _add_groups(result, before, after, kb, ka, by=by, missing=missing, permutations=permutations, seed=seed)
    return result


class _Sides:
    """Who is on each side of a comparison and who answered there: the causes of a change in ties."""

    CAUSES = ("tie", "response", "turnover")

    def __init__(self, before: StakeholderNetwork, after: StakeholderNetwork):
        self.directed = after.directed
        self.present = (set(before.ids), set(after.ids))
        self.silent = (set(nonrespondents(before)), set(nonrespondents(after)))

    def _reported(self, s: np.ndarray, t: np.ndarray, side: int) -> np.ndarray:
        """Whether the tie would be reported on that side: its source answered (either end, undirected)."""
        silent = self.silent[side]
        rep = np.array([x not in silent for x in s], dtype=bool)
        if not self.directed:
            rep |= np.array([x not in silent for x in t], dtype=bool)
        return rep

    def causes(self, frame: pd.DataFrame, kind: str) -> np.ndarray:
        """``"turnover"``, ``"response"`` or ``"tie"`` for each tie gained or lost."""
        s, t = frame["source"].to_numpy(object), frame["target"].to_numpy(object)
        both = self.present[0] & self.present[1]
        present = np.array([a in both and b in both for a, b in zip(s, t)], dtype=bool)
        rb, ra = self._reported(s, t, 0), self._reported(s, t, 1)
        response = (~rb & ra) if kind == "gained" else (rb & ~ra)
        return np.where(~present, "turnover", np.where(response, "response", "tie")).astype(object)

    def response_change(self, stayed: list) -> pd.Series:
        """Actors on both sides by whether they answered on each."""
        sb, sa = self.silent
        yes_b = np.array([a not in sb for a in stayed], dtype=bool)
        yes_a = np.array([a not in sa for a in stayed], dtype=bool)
        return pd.Series({"both": int((yes_b & yes_a).sum()), "before_only": int((yes_b & ~yes_a).sum()),
                          "after_only": int((~yes_b & yes_a).sum()), "neither": int((~yes_b & ~yes_a).sum())},
                         dtype=np.int64, name="answered")

    def pair_causes(self, c: Comparison) -> pd.DataFrame:
        """Pairs newly tied and no longer tied, by cause."""
        before, after = c._pair_sets
        rows = {}
        for kind, pairs in (("gained", after - before), ("lost", before - after)):
            frame = pd.DataFrame(sorted(pairs, key=lambda p: (str(p[0]), str(p[1]))), columns=["source", "target"])
            causes = self.causes(frame, kind) if len(frame) else np.array([], dtype=object)
            rows[kind] = {k: int((causes == k).sum()) for k in self.CAUSES}
        out = pd.DataFrame.from_dict(rows, orient="index", columns=list(self.CAUSES)).astype(np.int64)
        out.index.name = "pairs"
        return out


def _sides(before: StakeholderNetwork, after: StakeholderNetwork | None,
           waves: tuple[Any, Any] | None) -> tuple[StakeholderNetwork, StakeholderNetwork, tuple[str, str]]:
    """The two networks compared and their names (the waves, or "before" and "after")."""
    if (after is None) == (waves is None):
        raise OptionError("waves", waves, "two wave labels (w1, w2) with one network, or None with two networks",
                          suggestion="give either two networks, compare(before, after), or one network "
                                     "and waves=(w1, w2)")
    if waves is not None:
        if isinstance(waves, str) or len(waves) != 2:
            raise OptionError("waves", waves, "two wave labels (w1, w2)")
        w1, w2 = waves
        return before.at(w1), before.at(w2), (str(w1), str(w2))
    if before.directed != after.directed:
        raise DataError("the two networks differ in direction", suggestion="compare like with like")
    return before, after, ("before", "after")


def _tie_changes(kb: pd.DataFrame, ka: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Ties gained, lost and kept, matched on source, target and relation."""
    merged = kb.merge(ka, on=["source", "target", "relation"], how="outer", suffixes=("_before", "_after"),
                      indicator=True)
    gained = merged[merged["_merge"] == "right_only"][["source", "target", "relation", "weight_after"]] \
        .rename(columns={"weight_after": "weight"}).reset_index(drop=True)
    lost = merged[merged["_merge"] == "left_only"][["source", "target", "relation", "weight_before"]] \
        .rename(columns={"weight_before": "weight"}).reset_index(drop=True)
    kept = merged[merged["_merge"] == "both"][["source", "target", "relation", "weight_before", "weight_after"]] \
        .reset_index(drop=True)
    return gained, lost, kept


def _summary_change(before: StakeholderNetwork, after: StakeholderNetwork,
                    samples: tuple[int | None, int | None] = (None, None), seed: Any = None) -> pd.DataFrame:
    from .metrics import summary

    out = pd.DataFrame({"before": summary(before, sample=samples[0], seed=seed),
                        "after": summary(after, sample=samples[1], seed=seed)}).apply(pd.to_numeric, errors="coerce")
    out["change"] = out["after"] - out["before"]
    return out


def _actor_change(before: StakeholderNetwork, after: StakeholderNetwork, stayed: list,
                  samples: tuple[int | None, int | None] = (None, None), seed: Any = None) -> pd.DataFrame:
    from .metrics import centrality

    asked = ["degree", "betweenness"]  # betweenness is cached by summary() for the same sources
    cb = centrality(before, measures=asked, sample=samples[0], seed=seed)
    ca = centrality(after, measures=asked, sample=samples[1], seed=seed)
    ac = pd.DataFrame(index=pd.Index(stayed, name="id"))
    for m in ["degree", "betweenness"]:
        ac[f"{m}_before"] = cb[m].reindex(stayed).to_numpy()
        ac[f"{m}_after"] = ca[m].reindex(stayed).to_numpy()
        ac[f"{m}_change"] = ac[f"{m}_after"] - ac[f"{m}_before"]
    return ac


def _by_group(kb: pd.DataFrame, ka: pd.DataFrame, groups: pd.Series, directed: bool) -> pd.DataFrame:
    """Pairs of actors tied in any relation, per group pair: before, after, change, gained, lost."""
    def pair_table(keys: pd.DataFrame) -> pd.DataFrame:
        return _pair_groups(keys.drop_duplicates(["source", "target"]), groups, directed)

    pb, pa = pair_table(kb), pair_table(ka)
    # gained and lost pairs of actors (a pair that only adds or drops one of several relations is neither)
    both = kb[["source", "target"]].drop_duplicates().merge(ka[["source", "target"]].drop_duplicates(),
                                                           how="outer", indicator=True)
    pg = pair_table(both[both["_merge"] == "right_only"])
    pl = pair_table(both[both["_merge"] == "left_only"])
    cnt = lambda df: df.groupby(["group_a", "group_b"]).size()  # noqa: E731
    bg = pd.concat({"before": cnt(pb), "after": cnt(pa), "gained": cnt(pg), "lost": cnt(pl)}, axis=1) \
        .fillna(0).astype(int).reset_index()
    bg["change"] = bg["after"] - bg["before"]
    return bg[["group_a", "group_b", "before", "after", "change", "gained", "lost"]] \
        .sort_values(["group_a", "group_b"], key=lambda s: s.astype(str)).reset_index(drop=True)


def _add_groups(result: Comparison, before: StakeholderNetwork, after: StakeholderNetwork, kb: pd.DataFrame,
                ka: pd.DataFrame, *, by: str, missing: str, permutations: int, seed: Any) -> None:
    """Fill in what ``by`` adds: brokerage change, ties by group pair, E-I change and its test."""
    from .metrics import brokerage, silos

    g_b = before.groups(by, missing=missing).series
    g_a = after.groups(by, missing=missing).series
    groups = pd.concat([g_a, g_b[~g_b.index.isin(g_a.index)]])
    ac, stayed = result.actor_change, result.actors_stayed
    bb, ba = brokerage(before, by, missing=missing)["total"], brokerage(after, by, missing=missing)["total"]
    ac["brokerage_before"] = bb.reindex(stayed).to_numpy()
    ac["brokerage_after"] = ba.reindex(stayed).to_numpy()
    ac["brokerage_change"] = ac["brokerage_after"] - ac["brokerage_before"]
    bg = _by_group(kb, ka, groups, before.directed)
    result.by_group = bg
    cross = bg[bg["group_a"] != bg["group_b"]]
    result.cross_group = pd.Series({"before": int(cross["before"].sum()), "after": int(cross["after"].sum()),
                                    "change": int(cross["change"].sum())}, name="cross_group_ties")
    rb = silos(before, by, permutations=0, missing=missing)
    ra = silos(after, by, permutations=0, missing=missing)
    ei = pd.DataFrame({"before": rb.group_ei, "after": ra.group_ei})
    ei.loc["(network)"] = [rb.ei, ra.ei]
    ei["change"] = ei["after"] - ei["before"]
    result.ei_change = ei
    result.ei_p = _ei_change_test(before, after, stayed, by, missing, permutations, seed)


def _ei_change_test(before: StakeholderNetwork, after: StakeholderNetwork, stayed: list, by: str, missing: str,
                    permutations: int, seed: Any) -> float:
    """Two-sided permutation test of the change in E-I among actors present in both networks.

    The ties that changed (lost or gained) are shuffled between the two waves
    by :func:`systemsmap.groups.shuffled`, keeping how many were lost and how
    many gained; E-I by :func:`~systemsmap.groups.ei_from_counts`, the
    p-value by :func:`~systemsmap.groups.permutation_p`.
    """
    if permutations <= 0:
        return float("nan")
    sb, sa = before.subset(stayed), after.subset(stayed)
    inside = sa.groups(by, missing=missing).inside  # the groups of the actors in both, as in `after`
    pb, pa = sb._pairs(), sa._pairs()
    # map `before`'s pairs to `after`'s vertex numbering (both hold the same actors)
    vb = sa.ids.get_indexer(sb.ids)
    s_b, t_b = vb[pb["s"].to_numpy()], vb[pb["t"].to_numpy()]
    if not sa.directed:  # an undirected pair is written (lower, higher) in `after`'s numbering
        s_b, t_b = np.minimum(s_b, t_b), np.maximum(s_b, t_b)
    kb = pd.Series(1, index=pd.MultiIndex.from_arrays([s_b, t_b]))
    ka = pd.Series(1, index=pd.MultiIndex.from_arrays([pa["s"].to_numpy(), pa["t"].to_numpy()]))
    both = kb.index.intersection(ka.index)
    lost = kb.index.difference(both)
    gained = ka.index.difference(both)
    if len(lost) + len(gained) == 0:
        return 1.0

    def external(mi: pd.MultiIndex) -> np.ndarray:
        if len(mi) == 0:
            return np.zeros(0, dtype=np.int64)
        return (~inside((mi.get_level_values(0).to_numpy(), mi.get_level_values(1).to_numpy()))).astype(np.int64)

    e_kept = int(external(both).sum())
    changed = np.concatenate([external(lost), external(gained)])
    n_lost, n_b, n_a = len(lost), len(kb), len(ka)

    def ei_change(e_lost: np.ndarray, e_gained: np.ndarray) -> np.ndarray:
        e_before, e_after = e_kept + e_lost, e_kept + e_gained
        return ei_from_counts(n_a - e_after, e_after) - ei_from_counts(n_b - e_before, e_before)

    observed = ei_change(changed[:n_lost].sum(), changed[n_lost:].sum())
    total = int(changed.sum())
    null = np.empty(permutations)
    done = 0
    for block in shuffled(changed, permutations, seed):
        e_lost = block[:, :n_lost].sum(axis=1)
        null[done:done + len(block)] = ei_change(e_lost, total - e_lost)
        done += len(block)
    return permutation_p(null, observed, "both")


# ---------------------------------------------------------------------- response
@dataclass
class Response:
    """Who answered the survey (see :func:`response`).

    Attributes
    ----------
    rate : float
        Share of actors who answered (NaN when unknown).
    respondents, actors : int
    by_group : DataFrame or None
        With ``by``: ``actors``, ``respondents``, ``rate`` per group.
    nonrespondents : DataFrame
        Actors who did not answer: ``label``, ``named_by`` (how many others
        named them), sorted by ``named_by``.
    """

    rate: float
    respondents: int
    actors: int
    nonrespondents: pd.DataFrame
    by_group: pd.DataFrame | None = None
    by: str | None = None

    def __str__(self) -> str:
        if np.isnan(self.rate):
            return "Who answered is not known (no 'respondent' column)."
        out = [f"{self.respondents} of {self.actors} actors answered ({self.rate:.0%})."]
        if self.rate < 0.7:
            out.append("Under 70%: path-based measures such as betweenness may be unreliable; see robustness().")
        if self.by_group is not None:
            low = self.by_group.sort_values("rate").head(3)
            out.append("Lowest response by " + self.by + ": " + ", ".join(
                f"{g} {r['rate']:.0%} ({int(r['respondents'])} of {int(r['actors'])})" for g, r in low.iterrows()) + ".")
        named = self.nonrespondents[self.nonrespondents["named_by"] > 0]
        if len(named):
            out.append(f"{len(named)} non-respondents were named by others; most named: " + ", ".join(
                f"{r['label']} ({int(r['named_by'])})" for _, r in named.head(3).iterrows()) + ".")
        return " ".join(out)

    def _headline(self) -> str:
        if np.isnan(self.rate):
            return f"who answered is not known ({self.actors} actors)"
        return f"{self.respondents} of {self.actors} actors answered ({self.rate:.0%})"

    def __repr__(self) -> str:
        return short("Response", self._headline())

    def _repr_html_(self) -> str:
        return html_view("Response", self._headline(), [str(self)], self.nonrespondents,
                         caption="non-respondents, most named first")


def response(net: StakeholderNetwork, by: str | None = None, *, missing: str = "error") -> Response:
    """Response rate overall and by group, and the non-respondents others named.

    Parameters
    ----------
    net : StakeholderNetwork
    by : str, optional
        An actor column to break the rate down by.
    missing : {"error", "own_group"}

    Returns
    -------
    Response

    Raises
    ------
    NotFoundError
        If ``by`` is not an actor column.
    DataError
        If ``by`` values are missing and ``missing="error"``.
    OptionError
        If ``missing`` is not one of the choices.

    Notes
    -----
    An actor with an unknown ``respondent`` value (empty cell) counts as not
    having answered. ``named_by`` counts the distinct actors with a tie to the
    non-respondent (any direction when undirected).

    Examples
    --------
    >>> import systemsmap as sm
    >>> r = sm.response(sm.load_example("implementation_ecosystem"), by="sector")
    >>> 0 < r.rate < 1
    True
    """
    groups = net.groups(by, missing=missing).series if by is not None else None
    check_choice("missing", missing, MISSING_OPTIONS)
    a = net.actors
    if "respondent" not in a.columns:
        empty = pd.DataFrame(columns=["label", "named_by"], index=pd.Index([], name="id"))
        return Response(float("nan"), 0, len(a), empty, None, by)
    resp = a["respondent"].astype("boolean").fillna(False).astype(bool)
    pairs = net._pairs()
    t = pairs["t"].to_numpy()
    s = pairs["s"].to_numpy()
    if net.directed:
        named = pd.Series(t).groupby(t).size()
    else:
        both = np.concatenate([s, t])
        named = pd.Series(both).groupby(both).size()
    named_by = pd.Series(0, index=net.ids, dtype=int)
    named_by.iloc[named.index.to_numpy()] = named.to_numpy()
    non = pd.DataFrame({"label": a["label"], "named_by": named_by})[~resp.to_numpy()]
    non = non.sort_values(["named_by"], ascending=False, kind="mergesort")
    rate = float(resp.mean()) if len(a) else float("nan")
    table = None
    if groups is not None:
        g = groups
        table = pd.DataFrame({"actors": g.groupby(g).size(), "respondents": resp.groupby(g).sum()})
        table["respondents"] = table["respondents"].astype(int)
        table["rate"] = table["respondents"] / table["actors"]
        table.index.name = by
    return Response(rate, int(resp.sum()), len(a), non, table, by)


# ---------------------------------------------------------------------- impute
def impute(net: StakeholderNetwork, *, method: str = "observed", rule: str = "max") -> StakeholderNetwork:
    """Treat missing reports of non-respondents, recording which ties were imputed.

    Parameters
    ----------
    net : StakeholderNetwork
    method : {"observed", "reconstruct", "symmetrize"}
        ``"observed"``: nothing is added (the network as reported).
        ``"reconstruct"``: a non-respondent's missing tie to a respondent is
        filled from the respondent's report: for each tie j -> i reported by a
        respondent j to a non-respondent i, with no tie i -> j of that relation
        and wave, the tie i -> j is added with the same weight (Stork &
        Richards 1992). Ties between two non-respondents stay unknown.
        ``"symmetrize"``: every pair's two directions are made equal, per
        relation and wave: ``rule="max"`` gives both directions the larger
        weight (an unreciprocated tie is copied), ``rule="min"`` the smaller
        (an unreciprocated tie is removed).
    rule : {"max", "min"}
        Only for ``"symmetrize"``.

    Returns
    -------
    StakeholderNetwork
        A new directed network whose ties carry ``imputed`` (bool: added or
        changed by the method) and ``weight_observed`` (the reported weight;
        NaN for an added tie).

    Raises
    ------
    OptionError
        For an unknown method or rule (a ``ValueError``).
    DataError
        For an undirected network with ``"reconstruct"`` or ``"symmetrize"``
        (nothing to impute), or for ``"reconstruct"`` without a ``respondent``
        column.

    Warns
    -----
    DataWarning
        With ``rule="min"``, how many unreciprocated ties were removed.

    References
    ----------
    Stork, D. & Richards, W. D. (1992). Nonrespondents in communication
    network studies: problems and possibilities. Group & Organization
    Management 17(2), 193-209. doi:10.1177/1059601192172006

    Huisman, M. (2009). Imputation of missing network data: some simple
    procedures. Journal of Social Structure 10(1).

    Examples
    --------
    >>> import pandas as pd, systemsmap as sm
    >>> actors = pd.DataFrame({"id": ["a", "b"], "respondent": [True, False]})
    >>> net = sm.from_frames(actors, pd.DataFrame({"source": ["a"], "target": ["b"]}))
    >>> filled = sm.impute(net, method="reconstruct")
    >>> filled.ties[["source", "target", "imputed"]].values.tolist()
    [['a', 'b', False], ['b', 'a', True]]
    """
    method = check_choice("method", method, ("observed", "reconstruct", "symmetrize"))
    rule = check_choice("rule", rule, ("max", "min"))
    ties = net.ties
    ties["imputed"] = False
    ties["weight_observed"] = ties["weight"].astype(float)
    if method == "observed":
        return StakeholderNetwork(net.actors, ties, net.directed)
    if not net.directed:
        raise DataError(f"method={method!r} needs a directed network", suggestion="an undirected one is already "
                        "symmetric: use method='observed'")
    keys = ["relation"] + (["wave"] if "wave" in ties.columns else [])
    if method == "reconstruct":
        if "respondent" not in net.actors.columns:
            raise DataError("method='reconstruct' needs a 'respondent' actor column to know who answered",
                            column="respondent")
        resp = net.actors["respondent"].astype("boolean").fillna(False).astype(bool)
        r_src = resp.reindex(ties["source"]).to_numpy()
        r_tgt = resp.reindex(ties["target"]).to_numpy()
        cand = ties[r_src & ~r_tgt]
        rev = cand.rename(columns={"source": "target", "target": "source"})
        have = ties[["source", "target", *keys]]
        m = rev.merge(have, on=["source", "target", *keys], how="left", indicator=True)
        add = rev[(m["_merge"] == "left_only").to_numpy()].copy()
        add["imputed"] = True
        add["weight_observed"] = np.nan
        out = pd.concat([ties, add[ties.columns]], ignore_index=True)
        return StakeholderNetwork(net.actors, out, True)
    # symmetrize
    rev = ties[["source", "target", *keys, "weight"]].rename(
        columns={"source": "target", "target": "source", "weight": "_w_rev"})
    m = ties.merge(rev, on=["source", "target", *keys], how="left")
    has_rev = m["_w_rev"].notna().to_numpy()
    w = ties["weight"].to_numpy(float)
    wr = m["_w_rev"].to_numpy(float)
    if rule == "max":
        new_w = np.where(has_rev, np.maximum(w, np.nan_to_num(wr, nan=-np.inf)), w)
        ties["weight"] = new_w
        ties["imputed"] = new_w != w
        missing_rev = ties[~has_rev].copy()
        missing_rev = missing_rev.rename(columns={"source": "target", "target": "source"})[ties.columns]
        missing_rev["imputed"] = True
        missing_rev["weight_observed"] = np.nan
        out = pd.concat([ties, missing_rev], ignore_index=True)
        return StakeholderNetwork(net.actors, out, True)
    new_w = np.where(has_rev, np.minimum(w, np.nan_to_num(wr, nan=np.inf)), w)
    ties["weight"] = new_w
    ties["imputed"] = new_w != w
    dropped = int((~has_rev).sum())
    if dropped:
        warnings.warn(f"symmetrize with rule='min' removed {dropped} unreciprocated tie(s)", DataWarning,
                      stacklevel=2)
    return StakeholderNetwork(net.actors, ties[has_rev].reset_index(drop=True), True)


# ---------------------------------------------------------------------- robustness
@dataclass
class Robustness:
    """How stable a ranking is under extra non-response (see :func:`robustness`).

    Attributes
    ----------
    metric : str
    rank_correlation : float
        Mean Spearman rank correlation between the full-data scores and the
        scores with respondents removed, over the actors scored in both.
    top_overlap : float
        Mean share of the full-data top ``top`` actors that stay in the top ``top``.
    per_repeat : DataFrame
        ``rank_correlation`` and ``top_overlap`` for each repeat.
    stability : Series
        For each of the full-data top actors, the share of repeats in which it
        stayed in the top.
    """

    metric: str
    drop: float
    repeats: int
    top: int
    rank_correlation: float
    top_overlap: float
    per_repeat: pd.DataFrame
    stability: pd.Series
    labels: dict = field(default_factory=dict, repr=False)

    def __str__(self) -> str:
        verdict = ("stable" if self.top_overlap >= 0.8 else "fairly stable" if self.top_overlap >= 0.6
                   else "fragile")
        return (f"With {self.drop:.0%} of respondents removed at random ({self.repeats} repeats), the top "
                f"{self.top} by {self.metric} kept {self.top_overlap:.0%} of its members on average "
                f"(rank correlation {self.rank_correlation:.2f}): the ranking is {verdict}.")

    def _headline(self) -> str:
        return (f"top {self.top} by {self.metric} kept {self.top_overlap:.0%} with {self.drop:.0%} of respondents "
                f"removed (rank correlation {self.rank_correlation:.2f}, {self.repeats} repeats)")

    def __repr__(self) -> str:
        return short("Robustness", self._headline())

    def _repr_html_(self) -> str:
        table = self.stability.to_frame()
        if self.labels:
            table.insert(0, "label", [self.labels.get(i, i) for i in table.index])
        return html_view("Robustness", self._headline(), [str(self)], table,
                         caption="share of repeats each top actor stayed in the top")


def robustness(net: StakeholderNetwork, metric: str | Callable[[StakeholderNetwork], pd.Series] = "betweenness",
               *, drop: float = 0.1, repeats: int = 100, top: int = 10,
               seed: int | np.random.Generator | None = None) -> Robustness:
    """How stable the top actors of a metric are when a share of respondents is missing.

    Parameters
    ----------
    net : StakeholderNetwork
    metric : str or callable
        A column of :func:`~systemsmap.centrality` (``"betweenness"``,
        ``"degree"``, ``"pagerank"``, ...) or a function from a network to a
        Series of scores indexed by actor id.
    drop : float, default 0.1
        Share of respondents removed in each repeat.
    repeats : int, default 100
    top : int, default 10
    seed : int, Generator or None

    Returns
    -------
    Robustness

    Raises
    ------
    OptionError
        If ``drop`` is not strictly between 0 and 1, ``repeats`` or ``top`` is
        not a whole number 1 or more, ``seed`` is not a seed, or ``metric`` is
        not a centrality column.

    Notes
    -----
    In a directed network a removed respondent becomes a non-respondent: the
    ties it reported (its outgoing ties) are dropped, while others' reports
    naming it stay, which is how non-response shows in survey data. In an
    undirected network, where who reported a tie is unknown, removed actors
    are dropped with their ties. Without a ``respondent`` column every actor
    counts as a respondent. Ranks are compared over the actors scored in
    both networks (Spearman's rho); the top-k overlap is
    ``|top_k(full) ∩ top_k(reduced)| / k``. This follows the simulation
    approach of Costenbader & Valente (2003).

    References
    ----------
    Costenbader, E. & Valente, T. W. (2003). The stability of centrality
    measures when networks are sampled. Social Networks 25(4), 283-307.
    doi:10.1016/S0378-8733(03)00012-1

    Examples
    --------
    >>> import systemsmap as sm
    >>> net = sm.load_example("implementation_ecosystem")
    >>> r = sm.robustness(net, "degree", repeats=5, seed=1)
    >>> 0 <= r.top_overlap <= 1
    True
    """
    drop = check_number("drop", drop, minimum=0, maximum=1, strict_minimum=True, strict_maximum=True)
    repeats = check_int("repeats", repeats, minimum=1)
    top = check_int("top", top, minimum=1)
    seed = check_seed(seed)
    if callable(metric):
        score, name = metric, getattr(metric, "__name__", "metric")
    else:
        from .metrics import centrality
        from .metrics.centrality import MEASURES

        columns = [*MEASURES[:1], *(["in_degree", "out_degree"] if net.directed else []), *MEASURES[1:]]
        name = check_choice("metric", metric, columns)
        measure = "degree" if name in ("in_degree", "out_degree") else name

        def score(n: StakeholderNetwork) -> pd.Series:
            return centrality(n, measures=measure)[name]  # only the measure asked: 100 repeats stay quick
    rng = np.random.default_rng(seed)
    warn_low_response(net)           # about the data, once; the thinned copies below do not repeat it
    full = score(net)
    a = net.actors
    if "respondent" in a.columns:
        resp_ids = a.index[a["respondent"].astype("boolean").fillna(False).astype(bool).to_numpy()]
    else:
        resp_ids = a.index
    n_drop = max(1, int(round(drop * len(resp_ids))))
    k = min(top, len(full))
    top_full = list(_top(full, k))
    rows, kept_counts = [], pd.Series(0, index=top_full, dtype=int)
    for _ in range(repeats):
        removed = set(rng.choice(np.asarray(resp_ids, dtype=object), size=n_drop, replace=False).tolist())
        if net.directed:
            t = net.ties
            reduced = net._derive(net.actors, t[~t["source"].isin(removed)])
        else:
            reduced = net.subset([i for i in net.ids if i not in removed])
        sc = score(reduced)
        common = full.index.intersection(sc.index)
        rho = _spearman(full.reindex(common), sc.reindex(common)) if len(common) > 2 else np.nan
        top_red = set(_top(sc, k))
        overlap = len(set(top_full) & top_red) / k
        kept_counts[[i for i in top_full if i in top_red]] += 1
        rows.append({"rank_correlation": float(rho), "top_overlap": overlap})
    per = pd.DataFrame(rows)
    per.index.name = "repeat"
    stability = (kept_counts / repeats).rename("stayed_in_top")
    stability.index.name = "id"
    return Robustness(name, drop, repeats, k, float(per["rank_correlation"].mean()),
                      float(per["top_overlap"].mean()), per, stability, labels=net.actors["label"].to_dict())


def _spearman(a: pd.Series, b: pd.Series) -> float:
    """Spearman's rho; NaN, without scipy's warning, when either side is constant (no ranking to compare)."""
    from scipy.stats import spearmanr

    if a.nunique() < 2 or b.nunique() < 2:
        return float("nan")
    return float(spearmanr(a, b).statistic)


def _top(s: pd.Series, k: int) -> pd.Index:
    """Top k ids by score, ties broken by id."""
    df = pd.DataFrame({"v": s.to_numpy(), "_key": s.index.astype(str)}, index=s.index)
    return df.sort_values(["v", "_key"], ascending=[False, True]).index[:k]
