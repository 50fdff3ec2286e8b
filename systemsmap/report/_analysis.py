"""Every figure the report shows, computed once by the library's own functions.

:func:`analyse` runs the metrics, act and waves functions on one network and
keeps their results in an :class:`Analysis`, so that the findings, the tables
and the figures all quote the same numbers. It computes nothing the library
does not: the permutation p-value of each group's E-I index is
:func:`systemsmap.silos`'s ``group_ei_p``.

Which ties: where they carry waves, everything but the change between waves
describes one network, by default the latest wave's
(:func:`systemsmap._scope.action_network`; ``waves="pooled"`` pools
them), so the description and the next steps rest on the same ties; the
change compares the first wave with the last.

How large: above :data:`~systemsmap._scale.LARGE_NETWORK` actors
the path measures (betweenness, closeness, mean distance, the non-response
simulation) are estimated from :data:`~systemsmap._scale.PATH_SAMPLE`
random sources, and the caveats say so; each wave the change compares
follows the same rule on its own actors. Path measures computed once for a
network (exact, or from one sample of sources) are kept on it and reused by
every step (:mod:`systemsmap.metrics.centrality`).
"""
from __future__ import annotations

import contextlib
import functools
import logging
import math
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._check import check_column, check_int, check_seed
from .._scope import action_network
from ..groups import MISSING, display_name
from .._scale import LARGE_NETWORK, default_sample
from ..network import StakeholderNetwork
from ..groups import MAX_GROUPS, largest_groups
from ..quality import LOW_RESPONSE, warn_low_response

__all__ = ["Analysis", "analyse", "LOW_RESPONSE", "LARGE_NETWORK", "MAX_GROUPS"]

log = logging.getLogger(__name__)


@dataclass
class Analysis:
    """The results the report is built from (see :func:`analyse`).

    ``net`` is the network described (the latest wave's by default),
    ``panel`` every wave (for the change between them), ``scope`` the
    sentence saying which ties ``net`` holds, ``path_sample`` the sources of
    the path measures' estimates (None: exact), ``change_samples`` the same
    for each wave compared (by wave; None without waves). ``champions`` lists every
    actor, answered or not (the report shows those who answered).
    """

    net: StakeholderNetwork
    by: str
    groups: pd.Series
    missing_groups: int
    summary: pd.Series
    centrality: pd.DataFrame
    silos: Any
    brokerage: pd.DataFrame
    holes: pd.DataFrame
    actor_table: pd.DataFrame
    bridges: pd.DataFrame
    vulnerabilities: Any
    response: Any
    permutations: int
    k: int
    seed: Any
    champions: pd.DataFrame | None = None
    voice: Any = None
    notes: dict = field(default_factory=dict)
    robustness: Any = None
    comparison: Any = None
    compared_waves: tuple | None = None
    min_group_size: int | None = None
    timings: dict = field(default_factory=dict)
    models: Any = None  # report._models.Models, when several groupings or a model were asked for
    panel: StakeholderNetwork | None = None
    scope: str = ""
    path_sample: int | None = None
    change_samples: dict | None = None
    evidence: Any = None
    loops: Any = None

    # ------------------------------------------------------------------ names
    @property
    def labels(self) -> pd.Series:
        return self.net.actors["label"]

    def actor(self, actor_id: Any) -> str:
        """An actor's display name (its label)."""
        lab = self.labels
        return str(lab[actor_id]) if actor_id in lab.index else str(actor_id)

    def small(self, group: Any) -> bool:
        """Whether a group is too small to show (only when suppressing small groups)."""
        if self.min_group_size is None:
            return False
        sizes = self.silos.sizes
        return group in sizes.index and int(sizes[group]) < self.min_group_size

    @property
    def described(self) -> str:
        """Which ties the report describes, in words ("" when they carry no waves)."""
        panel = self.panel if self.panel is not None else self.net
        every = panel.waves
        if not every:
            return ""
        here = self.net.waves
        listed = ", ".join(map(str, every[:-1])) + " and " + str(every[-1]) if len(every) > 1 else str(every[0])
        if len(here) == 1 and len(every) > 1:
            which = "the latest" if here[0] == every[-1] else "one"
            return f"the ties of wave {here[0]} only ({which} of {listed})"
        if len(here) == 1:
            return f"the ties of wave {here[0]}"
        return f"the ties of every wave ({listed}) pooled"

    @functools.cached_property
    def shown_groups(self) -> list:
        """The groups the figures draw one by one: all, or the :data:`MAX_GROUPS` largest shown, the others
        (and small suppressed groups) drawn together as "Other groups"."""
        sizes = self.silos.sizes
        visible = sizes[[not self.small(g) for g in sizes.index]]
        return largest_groups(visible, MAX_GROUPS) if len(visible) > MAX_GROUPS else list(visible.index)

    @property
    def beyond_limit(self) -> int:
        """How many groups the figures draw within "Other groups" only because there are more than
        :data:`MAX_GROUPS` (not counting small groups merged for privacy)."""
        visible = sum(not self.small(g) for g in self.silos.sizes.index)
        return max(visible - len(self.shown_groups), 0)

    def merged(self, group: Any) -> bool:
        """Whether the figures draw a group within "Other groups"."""
        return group not in self._shown_set

    @functools.cached_property
    def _shown_set(self) -> set:
        return set(self.shown_groups)

    def group(self, group: Any) -> str:
        """A group's display name, or "a small group" when it is suppressed."""
        if self.small(group):
            return "a small group"
        if group == MISSING:
            return f"no {self.by.replace('_', ' ')} given"
        return display_name(group, self.by)


@contextlib.contextmanager
def _step(timings: dict, name: str) -> Iterator[None]:
    t0 = time.perf_counter()
    try:
        yield
    finally:
        timings[name] = timings.get(name, 0.0) + time.perf_counter() - t0
        log.debug("report step %s: %.2f s", name, timings[name])


def _fill_groups(net: StakeholderNetwork, by: str) -> tuple[StakeholderNetwork, int]:
    """The network with missing values of ``by`` set to ``"(missing)"`` (so every function accepts it)."""
    groups = net.groups(by, missing="own_group").series
    n_missing = int((groups == MISSING).sum())
    if not n_missing:
        return net, 0
    actors = net.actors.copy()
    col = actors[by].astype(object)
    actors[by] = col.where(col.notna(), MISSING)
    return StakeholderNetwork(actors, net.ties, net.directed), n_missing


def _has_role(net: StakeholderNetwork, role: str) -> bool:
    return bool(net.has_role(role).any())


def analyse(net: StakeholderNetwork, by: str, *, permutations: int = 1000, k: int = 5,
            seed: int | None = 0, min_group_size: int | None = None,
            robustness_repeats: int | None = None, timings: dict | None = None,
            waves: Any = "latest") -> Analysis:
    """Run every analysis the report needs, once.

    Parameters
    ----------
    net : StakeholderNetwork
        The network to analyse (already restricted to a relation, and
        pseudonymised, if asked).
    by : str
        The actor column of the groups. Actors without a value form the
        group ``"(missing)"``.
    permutations : int
        For the E-I tests (network, groups, and the change between waves).
    k : int
        Recommended bridges.
    seed : int or None
    min_group_size : int, optional
        When given, groups smaller than this are named "a small group" in sentences.
    robustness_repeats : int, optional
        Repeats of the non-response simulation (default 20, 10 above 1,000 actors).
    timings : dict, optional
        Filled with the seconds each step took.
    waves : {"latest", "pooled"} or a wave, default "latest"
        Which ties everything but the change between waves describes.

    Returns
    -------
    Analysis
    """
    check_column(net, by)
    permutations = check_int("permutations", permutations, minimum=0)
    k = check_int("k", k, minimum=0)
    seed = check_seed(seed)
    min_group_size = check_int("min_group_size", min_group_size, minimum=1, allow_none=True)
    robustness_repeats = check_int("robustness_repeats", robustness_repeats, minimum=1, allow_none=True)
    tm = timings if timings is not None else {}
    panel, n_missing = _fill_groups(net, by)
    warn_low_response(panel)  # once, about the data; the views analysed below do not repeat it
    net, scope = action_network(panel, waves)
    sample = default_sample(len(net))
    groups = net.groups(by).series
    notes: dict[str, str] = {}
    described = _describe(net, by, groups, permutations=permutations, k=k, seed=seed, sample=sample, tm=tm,
                          min_group_size=min_group_size)
    acted = _act(net, by, notes, tm)
    resp, rob = _response(net, by, seed=seed, sample=sample, repeats=robustness_repeats, tm=tm)
    comp, compared, change_samples = None, None, None
    if len(panel.waves) >= 2:
        compared = (panel.waves[0], panel.waves[-1])
        # each wave by the rule of the network described: estimated above LARGE_NETWORK actors, exact below
        change_samples = {w: default_sample(len(panel.at(w))) for w in compared}
        with _step(tm, "change between waves"):
            from ..waves import compare

            comp = compare(panel, waves=compared, by=by, permutations=permutations, seed=seed,
                           sample=tuple(change_samples.values()))
    with _step(tm, "actor table"):
        table = _actor_table(net, by, groups, described["centrality"], described["brokerage"],
                             described["holes"], described["silos"], acted["champions"])
    return Analysis(net=net, by=by, groups=groups, missing_groups=n_missing, **described, **acted,
                    actor_table=table, response=resp, permutations=permutations, k=k, seed=seed, notes=notes,
                    robustness=rob, comparison=comp, compared_waves=compared, min_group_size=min_group_size,
                    timings=tm, panel=panel, scope=scope, path_sample=sample, change_samples=change_samples)


def _describe(net: StakeholderNetwork, by: str, groups: pd.Series, *, permutations: int, k: int, seed: Any,
              sample: int | None, tm: dict, min_group_size: int | None = None) -> dict:
    """The descriptive measures and the recommended bridges (small groups not named in their reasons), by name."""
    from ..act import bridges
    from ..metrics import brokerage, centrality, silos, structural_holes, summary

    with _step(tm, "summary"):
        summ = summary(net, sample=sample, seed=seed)
    with _step(tm, "centrality"):
        cent = centrality(net, sample=sample, seed=seed)
    with _step(tm, "silos"):
        rep = silos(net, by, permutations=permutations, seed=seed)
    with _step(tm, "brokerage"):
        br = brokerage(net, by)
    with _step(tm, "structural holes"):
        holes = structural_holes(net)
    with _step(tm, "bridges"):
        if groups.nunique() >= 2 and k >= 1:
            rec = bridges(net, by, k=k)
            if min_group_size is not None:  # the reasons name groups: small ones are not named
                from ..privacy import redact

                rec = rec.assign(reason=[redact(str(r), rep.sizes, min_size=min_group_size, by=by)
                                         for r in rec["reason"]])
        else:
            rec = pd.DataFrame(columns=["source", "target", "source_group", "target_group", "gain",
                                        "objective_after", "introducer", "reason"])
    return {"summary": summ, "centrality": cent, "silos": rep, "brokerage": br, "holes": holes, "bridges": rec}


def _act(net: StakeholderNetwork, by: str, notes: dict, tm: dict) -> dict:
    """Single points of failure, champions (every actor, answered or not) and the voice of lived experience.

    ``net`` is already the network described, so each action takes it whole (``waves="pooled"``).
    """
    from ..act import champions, voice, vulnerabilities

    with _step(tm, "vulnerabilities"):
        vul = vulnerabilities(net, by, waves="pooled")
    champ = None
    with _step(tm, "champions"):
        if _has_role(net, "policymaker"):
            champ = champions(net, by=by, top=None, include_nonrespondents=True, waves="pooled")
        else:
            notes["champions"] = ("The data name no policymakers (role column), so champions (actors well placed "
                                  "to carry change to decision-makers) were not assessed.")
    vo = None
    with _step(tm, "voice"):
        if _has_role(net, "lived_experience") and _has_role(net, "policymaker"):
            vo = voice(net, waves="pooled")
        else:
            words = {"lived_experience": "people with lived experience", "policymaker": "policymakers"}
            lacking = [words[r] for r in words if not _has_role(net, r)]
            notes["voice"] = ("The data name no " + " and no ".join(lacking) + " (role column), so the voice of "
                              "lived experience could not be traced to decision-makers.")
    with _step(tm, "evidence and loops"):
        ev, lo = _evidence(net, notes)
    return {"vulnerabilities": vul, "champions": champ, "voice": vo, "evidence": ev, "loops": lo}


def _response(net: StakeholderNetwork, by: str, *, seed: Any, sample: int | None, repeats: int | None,
              tm: dict) -> tuple[Any, Any]:
    """Who answered, and, when under :data:`LOW_RESPONSE` did, how far the top by betweenness holds."""
    from ..waves import response, robustness

    with _step(tm, "response"):
        resp = response(net, by)
    rob = None
    if not math.isnan(resp.rate) and resp.rate < LOW_RESPONSE and resp.respondents >= 2:
        reps = repeats or (20 if len(net) <= 1000 else 10)
        metric: Any = "betweenness"
        if sample is not None:
            from ..metrics import centrality

            def betweenness(n: StakeholderNetwork) -> pd.Series:
                return centrality(n, sample=sample, seed=seed)["betweenness"]

            metric = betweenness
        with _step(tm, "robustness"):
            rob = robustness(net, metric, drop=0.1, repeats=reps, top=min(10, len(net)), seed=seed)
    return resp, rob


def _evidence(net: StakeholderNetwork, notes: dict) -> tuple[Any, Any]:
    """:func:`systemsmap.evidence` and, along the same evidence ties, :func:`systemsmap.loops` (or why not).

    Only when ties list evidence kinds (a tie column ``evidence``) and some
    actor is a policymaker; loops also need researchers and implementers or
    champions. Both take the network described whole, as every action here does.
    """
    from ..act import evidence, loops
    from ..act.loops import LEARNING_LOOP

    if "evidence" not in net.ties.columns or not net.ties["evidence"].notna().any():
        return None, None
    if not _has_role(net, "policymaker"):
        notes["evidence"] = ("The ties list kinds of evidence, but the data name no policymakers (role column), "
                             "so what reaches decision-makers was not assessed.")
        return None, None
    ev = evidence(net, waves="pooled", progress=False)
    carrying = net.ties["evidence"].notna().to_numpy()
    layer = net._derive(net._actors, net._ties[carrying])
    if not (_has_role(net, "researcher") and (_has_role(net, "implementer") or _has_role(net, "champion"))):
        notes["loops"] = ("The data name no researchers, or no implementers or champions, so learning loops "
                          "(research, then practice, then policy, and back) were not looked for.")
        return ev, None
    return ev, loops(layer, through=list(LEARNING_LOOP), waves="pooled", progress=False)


def _actor_table(net: StakeholderNetwork, by: str, groups: pd.Series, cent: pd.DataFrame, br: pd.DataFrame,
                 holes: pd.DataFrame, rep: Any, champ: pd.DataFrame | None) -> pd.DataFrame:
    """Every actor's metrics in one table, indexed by id, in actor-table order."""
    a = net.actors
    out = pd.DataFrame(index=net.ids.copy())
    out["label"] = a["label"].astype(object)
    out["group"] = groups.reindex(net.ids).astype(object)
    if by != "role":
        out["role"] = a["role"].astype(object)
    if "respondent" in a.columns:
        out["respondent"] = a["respondent"].astype("boolean")
    # raw counts read more easily than normalised degree: "named by 7"
    g = net._graph()
    if net.directed:
        out["in_degree"] = np.asarray(g.degree(mode="in"), dtype=np.int64)
        out["out_degree"] = np.asarray(g.degree(mode="out"), dtype=np.int64)
    else:
        out["degree"] = np.asarray(g.degree(), dtype=np.int64)
    for c in ["betweenness", "closeness", "eigenvector", "pagerank"]:
        if c in cent.columns:
            out[c] = cent[c].reindex(net.ids)
    out["brokerage"] = br["total"].reindex(net.ids)
    out["constraint"] = holes["constraint"].reindex(net.ids)
    out["effective_size"] = holes["effective_size"].reindex(net.ids)
    out["actor_ei"] = rep.actor_ei.reindex(net.ids)
    if champ is not None:
        out["champion_score"] = champ["score"].reindex(net.ids)
    out.index.name = "id"
    return out


def require_column(net: StakeholderNetwork, by: str) -> None:
    """Raise the library's NotFoundError (a DataError) when ``by`` is not an actor column."""
    check_column(net, by)
