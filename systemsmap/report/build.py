"""The HTML report: one self-contained file, findings first, then the evidence, then next steps.

:func:`report` restricts and pseudonymises the network if asked, computes
every number once (:func:`~systemsmap.report._analysis.analyse`), writes the
findings (:mod:`~systemsmap.report.narrative`) and draws the figures
(:mod:`~systemsmap.report._figures`); each section's data come from
:mod:`~systemsmap.report._sections`, and the page from the Jinja2 templates of
:mod:`~systemsmap.report._html` (which says how to add a section).
"""
from __future__ import annotations

import contextlib
import copy
import datetime as _dt
import html
import logging
import os
import secrets
import time
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pandas as pd

from .._check import (check_bool, check_int, check_path, check_progress, check_relations,
                      check_seed, check_text)
from .._progress import Progress
from ..network import StakeholderNetwork
from ._analysis import Analysis, analyse
from ._models import check_groupings, check_model, fit_models, groupings_sentence
from ._html import _cell, render  # noqa: F401  (_cell: how a table cell is written, read by the tests)
from ._sections import OTHER_GROUPS, SECTIONS, Material, merged_mixing
from .narrative import topics_and_findings

__all__ = ["Report", "report"]

log = logging.getLogger(__name__)


@dataclass
class Report:
    """A written report (see :func:`report`).

    Attributes
    ----------
    path : pathlib.Path or None
        Where the HTML file was written (None when ``path=None``).
    findings : list of str
        The key findings, one plain-language sentence or two each.
    sections : list of str
        The ids of the sections in the file, in order (``"findings"``,
        ``"map"``, ``"silos"``, ``"brokers"``, ``"actors"``, ``"change"``
        when the data have two waves or more, ``"model"`` when a model or
        several groupings were asked for, ``"evidence"`` when ties list
        kinds of evidence (a tie column ``evidence``), ``"next-steps"``,
        ``"caveats"``).
    html : str
        The whole document.
    key : pandas.DataFrame or None
        With ``pseudonymise=True``: ``code``, ``id``, ``label``, the table
        that maps the codes in the file back to the actors. It is not written
        to the file; store it apart, securely, or discard it.
    timings : dict
        Seconds taken by each step (analyses, figures, writing).
    """

    path: Path | None
    findings: list[str]
    sections: list[str]
    html: str = field(repr=False)
    key: pd.DataFrame | None = field(default=None, repr=False)
    timings: dict = field(default_factory=dict, repr=False)

    def __str__(self) -> str:
        return "\n".join(f"- {f}" for f in self.findings)

    def __repr__(self) -> str:
        from .._repr import short

        where = f"written to {self.path}" if self.path is not None else "not written to a file"
        return short("Report", f"{len(self.findings)} findings, {len(self.sections)} sections, {where}")

    def _repr_html_(self) -> str:
        return render("repr.html", findings=self.findings, path=self.path)


# ---------------------------------------------------------------------------- the report
def report(net: StakeholderNetwork, *, by: str | Sequence[str], path: str | os.PathLike | None,
           title: str | None = None, relation: str | Sequence[str] | None = None, pseudonymise: bool = False,
           min_group_size: int = 5, salt: str | None = None, seed: int | None = 0, permutations: int = 1000,
           k: int = 5, model: bool | str | None = None, waves: Any = "latest", progress: Any = None) -> Report:
    """Write one self-contained HTML report: key findings, the map, silos, brokers, actors, change, next steps.

    Parameters
    ----------
    net : StakeholderNetwork
    by : str or list of str
        The actor column whose groups are compared (``"role"``, ``"sector"``,
        ``"organisation"``, ...). Actors without a value form a group
        ``"(missing)"``. Several columns (``["sector", "region"]``): the
        report is built on the first, and says in one sentence which of them
        the silos follow, each with the others held fixed
        (:func:`systemsmap.homophily`, with ``permutations``).
    path : str, path or None
        The HTML file to write; None writes nothing (the document is in
        ``Report.html``).
    title : str, optional
        Default: "Stakeholder network report".
    relation : str or list of str, optional
        Analyse only these relations (``net.layer(relation)``).
    pseudonymise : bool, default False
        Replace every actor id and label by a code before anything is
        computed (:func:`systemsmap.pseudonymise`; ``by`` is kept), drop
        free-text, contact and name columns, and never name a group smaller
        than ``min_group_size``: such groups are suppressed or merged into
        "Other groups" in tables and figures, written "a small group" in
        findings, bridges' reasons and warnings, and a last check
        (:func:`systemsmap.privacy.check_disclosure`) refuses to write a
        report that would still name one. No name or id of the data appears
        in the file.
    min_group_size : int, default 5
        With ``pseudonymise=True``, the smallest group that may be named.
    salt : str, optional
        The secret of the codes (the same salt gives the same codes across
        files); a random one when not given. ``Report.key`` maps codes back.
    seed : int or None, default 0
        Seeds permutation tests, community detection, layouts and the
        non-response simulation: the same seed writes the same report.
    permutations : int, default 1000
        Permutations of the E-I tests.
    k : int, default 5
        How many new ties to recommend (0 for none).
    model : None, True or str
        Add the section "What drives the ties" (never there by default): an
        MRQAP logit (:func:`systemsmap.mrqap`, ``permutations``) of this
        relation, or of every tie with True, on the other relations, the
        same-group terms of each ``by`` column and, when ties have a
        direction, reciprocity.
    waves : {"latest", "pooled"} or a wave, default "latest"
        Where ties carry waves, which ties the report describes and bases
        its next steps on: the latest wave's (with that wave's actors and
        respondents), every wave's pooled (a tie reported in any wave
        counts, however old), or one wave's. The change between waves
        always compares the first and the last. The findings and the
        caveats say which.
    progress : bool, Progress or None
        Show each step as it runs (the analyses, the figures, writing), with
        counts and an estimate of the time left where a step counts: None
        (default) in notebooks and terminals, True anywhere (plain lines on
        stderr when it is not a terminal), False never.

    Returns
    -------
    Report
        ``path``, ``findings`` (the key findings as plain sentences),
        ``sections`` (the section ids), ``html``, ``key`` and ``timings``.

    Raises
    ------
    NotFoundError
        If ``by`` is not an actor column, or ``relation`` names a relation
        the network lacks (a ``DataError`` and a ``KeyError``).
    OptionError
        If another option is not valid, such as ``permutations=-5`` (a
        ``ValueError``).
    DataError
        With ``pseudonymise=True``, if the report would name a group smaller
        than ``min_group_size`` (through ``title``, say); nothing is written.
        The error gives the group's size, not its name, and the
        ``min_group_size`` that would allow it.

    Notes
    -----
    The file needs no network access: the figures are PNG images inside the
    file (data URIs), the styles and the small table-sorting script are
    inline, and the interactive map (:func:`systemsmap.plot.interactive`, with
    the report's findings as its overlays) is a self-contained page held in a
    sandboxed ``<iframe srcdoc>``. A Content Security
    Policy forbids the page from loading anything from elsewhere. Printing
    (or saving as PDF) leaves the interactive parts out, starts each section
    on a new page and keeps the static map.

    Every text from the data (labels, ids, group names, attribute values,
    relation names) is escaped, so a label such as ``<script>`` shows as
    text. The findings are those of :func:`systemsmap.report.findings`.

    Large networks: above 10,000 actors
    (:data:`~systemsmap._scale.LARGE_NETWORK`) betweenness,
    closeness, mean distance and diameter are estimated from 1,000 random
    sources (``sample=`` of :func:`~systemsmap.centrality`), and the caveats
    say so. Many groups: beyond 20 groups the figures draw the 20 largest one
    by one and the others together as "Other groups"; tables list them all.

    Examples
    --------
    >>> import pandas as pd
    >>> import systemsmap as sm
    >>> actors = pd.DataFrame({"id": list("abcdef"), "team": list("xxxyyy")})
    >>> ties = pd.DataFrame({"source": list("abdec"), "target": list("bcefd")})
    >>> net = sm.from_frames(actors, ties, directed=False)
    >>> rep = sm.report(net, by="team", path=None, permutations=99, k=1)
    >>> rep.sections[:3]
    ['findings', 'map', 'silos']
    """
    groupings = check_groupings(net, by)
    by = groupings[0]
    relation = None if relation is None else check_relations(net, relation, name="relation")
    model = check_model(net if relation is None else net.layer(relation), model)
    path = check_path("path", path, allow_none=True)
    title = check_text("title", title, allow_none=True)
    pseudonymise = check_bool("pseudonymise", pseudonymise)
    min_group_size = check_int("min_group_size", min_group_size, minimum=1)
    salt = check_text("salt", salt, allow_none=True)
    seed = check_seed(seed)
    permutations = check_int("permutations", permutations, minimum=0)
    k = check_int("k", k, minimum=0)
    prog = check_progress(progress)
    timings: dict[str, float] = {}
    t_start = time.perf_counter()
    with prog.step("report"), _held_warnings(pseudonymise) as held:
        net, key = _restrict(net, groupings, relation, pseudonymise, salt, prog, timings)
        if pseudonymise:
            held["sizes"], held["by"], held["min_size"] = net.groups(by, missing="own_group").sizes, by, min_group_size
        with prog.step("analysis"):
            steps = prog.reporting()  # each analysis step shows as it ends
            an = analyse(net, by, permutations=permutations, k=k, seed=seed,
                         min_group_size=min_group_size if pseudonymise else None, timings=steps, waves=waves)
            timings.update(steps)
        if pseudonymise:  # a group small in the wave described is small, whatever its size over every wave
            held["sizes"] = pd.concat([held["sizes"], an.silos.sizes], axis=1).min(axis=1)
        if len(groupings) > 1 or model:
            with _timed(prog, timings, "models"):
                an.models = fit_models(an.net, groupings, model, permutations=permutations, seed=seed,
                                       progress=prog)
        topics = topics_and_findings(an)
        if len(groupings) > 1:
            topics.append(("groupings", groupings_sentence(an.models)))
        figures = _figures(an, seed, pseudonymise, prog, timings)
        with _timed(prog, timings, "html"):
            document, sections = _document(an, topics, figures, title=title, seed=seed, pseudonymise=pseudonymise,
                                           relation=relation)
        if pseudonymise:
            _check_private(an, groupings, document, [text for _, text in topics])
        if path is not None:
            with _timed(prog, timings, "write"):
                path = Path(path)
                path.write_text(document, encoding="utf-8")
    timings["total"] = time.perf_counter() - t_start
    return Report(path=path, findings=[text for _, text in topics], sections=sections, html=document, key=key,
                  timings=timings)


@contextlib.contextmanager
def _timed(progress: Progress, timings: dict, name: str):
    """A step of the report: shown by ``progress``, its seconds added to ``timings``."""
    t0 = time.perf_counter()
    with progress.step(name):
        try:
            yield
        finally:
            timings[name] = timings.get(name, 0.0) + time.perf_counter() - t0


@contextlib.contextmanager
def _held_warnings(active: bool) -> Iterator[dict]:
    """With ``active`` (a pseudonymised report), hold the warnings raised inside; issue them again at the end
    with every group under the minimum size written "a small group" (``state``: ``sizes``, ``by``, ``min_size``,
    filled in once the groups are known)."""
    state: dict[str, Any] = {}
    if not active:
        yield state
        return
    from ..privacy import redact

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            yield state
        finally:
            held = list(caught)
    for w in held:
        text = str(w.message)
        if "sizes" in state:
            text = redact(text, state["sizes"], min_size=state["min_size"], by=state["by"])
        warnings.warn(text, w.category, stacklevel=4)


def _check_private(an: Analysis, groupings: list, document: str, findings: list[str]) -> None:
    """Refuse a pseudonymised report that names a group under the minimum size, anywhere (the HTML, raw and
    unescaped, the findings, what the map and the mixing figure draw): :func:`systemsmap.privacy.check_disclosure`.

    Grouped by role, the canonical roles are not looked for: they are the report's own vocabulary and name no
    one (small role groups are still suppressed in tables and findings); other roles are.
    """
    from ..privacy import check_disclosure
    from ..roles import CANONICAL_ROLES

    once = html.unescape(document)
    counts = merged_mixing(an)[0]
    outputs = {"the report's HTML": [document, once, html.unescape(once)], "the key findings": findings,
               "the map": _display_network(an, an.net).actors[an.by], "the mixing figure": counts}
    if an.comparison is not None and an.panel is not None:  # the waves figure draws every wave's actors
        outputs["the waves figure"] = _display_network(an, an.panel).actors[an.by]
    for by in groupings:  # the first is the report's groups; others are compared in the models section
        sizes = an.silos.sizes if by == an.by else an.net.groups(by, missing="own_group").sizes
        if by == "role":  # the role vocabulary names no one, and the report's own words use it ("champion")
            sizes = sizes[~sizes.index.isin(CANONICAL_ROLES)]
        check_disclosure(outputs, sizes, min_size=an.min_group_size, by=by)


def _restrict(net: StakeholderNetwork, groupings: list, relation: list | None, pseudonymise: bool,
              salt: str | None, progress: Progress, timings: dict) -> tuple[StakeholderNetwork, pd.DataFrame | None]:
    """The network the report analyses (one relation or several, pseudonymised if asked) and the key."""
    if relation is not None:
        net = net.layer(relation)
    if not pseudonymise:
        return net, None
    from ..privacy import pseudonymise as _pseudonymise

    with _timed(progress, timings, "pseudonymise"):
        # the grouping columns are kept even where they look like names (their actors' names become codes, and
        # groups under min_group_size are never named)
        net, key = _pseudonymise(net, salt=salt or secrets.token_hex(16), keep=list(groupings))
    return net, key


def _figures(an: Analysis, seed: Any, restricted: bool, progress: Progress, timings: dict) -> dict:
    """The map (static and interactive), the mixing heatmap, the brokerage chart and the waves, by name."""
    by = an.by
    shown = _display_network(an, an.net)
    panel = _display_network(an, an.panel) if an.comparison is not None else shown
    with _timed(progress, timings, "layout"):
        from ..plot import layout as _layout

        positions = _layout(panel, method="groups", by=by, seed=seed)  # every wave's actors keep one place
    size = None
    if "betweenness" in an.centrality.columns:  # in percent: a legend value of 9.3 is 9.3% of shortest paths
        size = (an.centrality["betweenness"] * 100).round(1).rename("betweenness (% of shortest paths)")
    out: dict[str, Any] = {"waves": None, "evidence": None, "loops": None}
    with _timed(progress, timings, "figure: map"):
        from ._figures import network_figure

        out["map"] = network_figure(shown, by, positions, size=size, bridges=an.bridges, seed=seed)
    with _timed(progress, timings, "interactive map"):
        out["interactive"] = _interactive(an, shown, positions, size, seed=seed, restricted=restricted)
    with _timed(progress, timings, "figure: mixing"):
        from ._figures import mixing_figure

        counts, dens, sizes = merged_mixing(an)
        out["mixing"] = mixing_figure(counts, dens, by=by, directed=an.net.directed, sizes=sizes)
    with _timed(progress, timings, "figure: brokerage"):
        from ._figures import brokerage_figure

        out["brokerage"] = brokerage_figure(shown, by, an.brokerage) if (an.brokerage["total"] > 0).any() else None
    if an.evidence is not None:
        with _timed(progress, timings, "figure: evidence"):
            from ._figures import evidence_figure, loops_figure

            heard = an.evidence.heard.index
            groups = None  # one bar per decision-maker, or per group of them when there are many
            if len(heard) > 25:
                groups = pd.Series([an.group(g) for g in an.groups.reindex(heard)], index=heard)
            out["evidence"] = evidence_figure(an.evidence, groups)
            if an.loops is not None and len(an.loops.loops):
                out["loops"] = loops_figure(an.loops)
    if an.comparison is not None:
        with _timed(progress, timings, "figure: waves"):
            from ._figures import waves_figure

            out["waves"] = waves_figure(panel, by, positions, seed=seed, described=shown)
    return out


def _document(an: Analysis, topics: list, figures: dict, *, title: str | None, seed: Any, pseudonymise: bool,
              relation: list | None) -> tuple[str, list[str]]:
    """The HTML document and the ids of its sections, in order."""
    from .. import __version__

    material = Material(an, topics, figures, pseudonymised=pseudonymise, relation=relation)
    sections = []
    for s in SECTIONS:
        data = s.data(material)
        if data is not None:  # a section that does not apply (change, with one wave) is left out
            sections.append(SimpleNamespace(**data, id=s.id, title=s.title))  # names, not dict methods
    document = render(
        "page.html", sections=sections, title=title or "Stakeholder network report", version=__version__,
        actors=len(an.net), ties=len(an.net.ties), directed=an.net.directed, by=an.by.replace("_", " "),
        pseudonymised=pseudonymise, written=_dt.datetime.now().strftime("%d %B %Y").lstrip("0"), seed=seed,
        permutations=an.permutations, k=an.k, described=an.described.removeprefix("the ties of "))
    return document, [s.id for s in sections]


def _unnamed_small_groups(an: Analysis) -> tuple[pd.DataFrame, Any]:
    """The bridges and vulnerabilities the map is given, with the groups the figures merge (under the size limit, or beyond the largest
    MAX_GROUPS) named "Other groups"
    (the bridges' reasons are already redacted) and pairs of groups they part left out."""
    bridges, vul = an.bridges, an.vulnerabilities
    if not any(an.merged(g) for g in an.silos.sizes.index):
        return bridges, vul
    bridges = bridges.copy()
    for col in ("source_group", "target_group"):
        if col in bridges.columns:
            bridges[col] = [OTHER_GROUPS if an.merged(g) else g for g in bridges[col]]
    if vul is not None:
        vul = copy.copy(vul)
        for name in ("actors", "ties"):
            table = getattr(vul, name)
            if "groups_disconnected" in table.columns:
                table = table.copy()
                table["groups_disconnected"] = [[(a, b) for a, b in (pairs or []) if not (an.merged(a) or an.merged(b))]
                                                for pairs in table["groups_disconnected"]]
                setattr(vul, name, table)
    return bridges, vul


def _display_network(an: Analysis, net: StakeholderNetwork) -> StakeholderNetwork:
    """The network the figures draw: groups under the size limit, and beyond the largest
    :data:`~systemsmap.groups.MAX_GROUPS`, shown together as "Other groups"."""
    merged = [g for g in an.silos.sizes.index if an.merged(g)]
    if not merged:
        return net
    actors = net.actors.copy()
    groups = net.groups(an.by).series.reindex(actors.index)
    col = actors[an.by].astype(object)
    if an.by == "role":  # keep the other roles, replace the primary one
        col = pd.Series(["; ".join([OTHER_GROUPS, *[x.strip() for x in str(r).split(";")[1:]]]) if g in merged
                         else r for g, r in zip(groups, col)], index=actors.index, dtype=object)
    else:
        col = col.where(~groups.isin(merged), OTHER_GROUPS)
    actors[an.by] = col
    return StakeholderNetwork(actors, net.ties, net.directed)


def _interactive(an: Analysis, net: StakeholderNetwork, positions: pd.DataFrame, size: pd.Series | None, *,
                 seed: Any, restricted: bool) -> str | None:
    """The page of the interactive map, with the report's findings as overlays (only structural columns when
    pseudonymised, so that the map shows pseudonyms and groups only)."""
    from ..plot import interactive

    if restricted:
        keep = [c for c in ("label", "role", an.by, "respondent") if c in net.actors.columns]
        net = StakeholderNetwork(net.actors[list(dict.fromkeys(keep))], net.ties, net.directed)
    metric_cols = [c for c in ("in_degree", "out_degree", "degree", "betweenness", "brokerage", "constraint",
                               "actor_ei") if c in an.actor_table.columns]
    metrics = an.actor_table[metric_cols]
    if net.directed and "degree" in metrics.columns and "in_degree" in metrics.columns:
        metrics = metrics.drop(columns="degree")
    bridges, vulnerabilities = _unnamed_small_groups(an)
    change = an.comparison
    if change is not None and not set(change.actors_left).union(
            change.ties_lost["source"], change.ties_lost["target"]) <= set(net.ids):
        change = None   # the map draws the latest wave: actors who left have no place on it (the waves figure shows
        #                 them), and drawing the change without them would leave their lost ties out unsaid
    m = interactive(net, color=an.by, size=size, layout=positions, metrics=metrics, seed=seed, height=620,
                    bridges=bridges, brokerage=an.brokerage, champions=an.champions, voice=an.voice,
                    vulnerabilities=vulnerabilities, change=change)
    return m.html
