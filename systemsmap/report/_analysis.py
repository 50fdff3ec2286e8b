"""Every figure the report shows, computed once by the library's own functions.

:func:`analyse` runs the metrics, act and waves functions on one network and
keeps their results in an :class:`Analysis`, so that the findings, the tables
and the figures all quote the same numbers. It computes nothing the library
does not: the permutation p-value of each group's E-I index is
:func:`systemsmap.silos`'s ``group_ei_p``.
"""
from __future__ import annotations

import contextlib
import logging
import math
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._check import check_column, check_int, check_seed
from ..groups import MISSING, display_name
from ..network import StakeholderNetwork
from ..quality import LOW_RESPONSE, warn_low_response

__all__ = ["Analysis", "analyse", "LOW_RESPONSE"]

log = logging.getLogger(__name__)


@dataclass
class Analysis:
    """The results the report is built from (see :func:`analyse`)."""

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
            robustness_repeats: int | None = None, timings: dict | None = None) -> Analysis:
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

    Returns
    -------
    Analysis
    """
    from ..act import bridges, champions, voice, vulnerabilities
    from ..metrics import brokerage, centrality, silos, structural_holes, summary
    from ..waves import compare, response, robustness

    check_column(net, by)
    permutations = check_int("permutations", permutations, minimum=0)
    k = check_int("k", k, minimum=0)
    seed = check_seed(seed)
    min_group_size = check_int("min_group_size", min_group_size, minimum=1, allow_none=True)
    robustness_repeats = check_int("robustness_repeats", robustness_repeats, minimum=1, allow_none=True)
    tm = timings if timings is not None else {}
    net, n_missing = _fill_groups(net, by)
    warn_low_response(net)  # once, about the data; the views analysed below do not repeat it
    groups = net.groups(by).series
    notes: dict[str, str] = {}

    with _step(tm, "summary"):
        summ = summary(net)
    with _step(tm, "centrality"):
        cent = centrality(net)
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
    with _step(tm, "vulnerabilities"):
        vul = vulnerabilities(net, by)
    with _step(tm, "response"):
        resp = response(net, by)

    champ = None
    with _step(tm, "champions"):
        if _has_role(net, "policymaker"):
            champ = champions(net, by=by, top=None)
        else:
            notes["champions"] = ("The data name no policymakers (role column), so champions (actors well placed "
                                  "to carry change to decision-makers) were not assessed.")
    vo = None
    with _step(tm, "voice"):
        if _has_role(net, "lived_experience") and _has_role(net, "policymaker"):
            vo = voice(net)
        else:
            words = {"lived_experience": "people with lived experience", "policymaker": "policymakers"}
            lacking = [words[r] for r in words if not _has_role(net, r)]
            notes["voice"] = ("The data name no " + " and no ".join(lacking) + " (role column), so the voice of "
                              "lived experience could not be traced to decision-makers.")

    rob = None
    if not math.isnan(resp.rate) and resp.rate < LOW_RESPONSE and resp.respondents >= 2:
        reps = robustness_repeats or (20 if len(net) <= 1000 else 10)
        with _step(tm, "robustness"):
            rob = robustness(net, "betweenness", drop=0.1, repeats=reps, top=min(10, len(net)), seed=seed)

    comp, waves = None, None
    if len(net.waves) >= 2:
        waves = (net.waves[0], net.waves[-1])
        with _step(tm, "change between waves"):
            comp = compare(net, waves=waves, by=by, permutations=permutations, seed=seed)

    with _step(tm, "actor table"):
        table = _actor_table(net, by, groups, cent, br, holes, rep, champ)

    return Analysis(net=net, by=by, groups=groups, missing_groups=n_missing, summary=summ, centrality=cent,
                    silos=rep, brokerage=br, holes=holes, actor_table=table, bridges=rec,
                    vulnerabilities=vul, response=resp, permutations=permutations, k=k, seed=seed,
                    champions=champ, voice=vo, notes=notes, robustness=rob, comparison=comp,
                    compared_waves=waves, min_group_size=min_group_size, timings=tm)


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
