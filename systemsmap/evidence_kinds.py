"""The evidence-kind vocabulary: what kind of knowledge a tie carries, and its normalisation.

A tie that shares evidence may say which kinds it carries in a tie column
(``evidence`` by default, any name allowed), one or several in one cell,
separated by ``;`` (or ``|``, as Kumu writes several values):
``"quantitative research; lived-experience story"``. Six kinds are canonical:

==================== ==========================================================
``quantitative``     quantitative research: trials, surveys, statistics, data
``qualitative``      qualitative research: interviews, focus groups, case studies
``lived_experience`` the stories and knowledge of people with lived experience
``practice``         implementation and service data, practice knowledge
``policy``           policy needs, priorities and decisions fed back
``economic``         costs, budgets, economic evaluation
==================== ==========================================================

Common spellings are mapped to the canonical kind (``"Quantitative
research"``, ``"stats"`` -> ``quantitative``; ``"lived-experience story"``,
``"PWLE testimony"`` -> ``lived_experience``); any other kind is kept,
lower-cased, with spaces and hyphens turned into underscores, as the role
vocabulary (:mod:`systemsmap.roles`) does. Readers and writers carry the
column like any other attribute: it is parsed with this vocabulary where it is
used (:func:`systemsmap.evidence`), and the stored text is left as given.

:func:`combine_evidence` turns one roster question per kind ("Who do you share
quantitative research with?", "... lived-experience stories ...") into one
relation whose ties list the kinds.

Examples
--------
>>> parse_kinds("Quantitative research | lived-experience story; stats")
['quantitative', 'lived_experience']
>>> kind_name("lived_experience")
'Lived experience'
"""
from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from .errors import DataError, DataWarning, OptionError

__all__ = [
    "CANONICAL_KINDS", "KIND_LABELS", "ORIGIN_ROLES", "kind_name", "normalise_kind", "parse_kinds",
    "format_kinds", "normalise_kinds", "has_kind", "order_kinds", "combine_evidence",
]

#: The six canonical evidence kinds, in display order.
CANONICAL_KINDS: tuple[str, ...] = (
    "quantitative", "qualitative", "lived_experience", "practice", "policy", "economic",
)

#: Display names of the canonical kinds.
KIND_LABELS: dict[str, str] = {
    "quantitative": "Quantitative research",
    "qualitative": "Qualitative research",
    "lived_experience": "Lived experience",
    "practice": "Practice and service data",
    "policy": "Policy needs and decisions",
    "economic": "Economic evidence",
}

#: The roles whose holders originate each canonical kind (see :func:`systemsmap.evidence`).
ORIGIN_ROLES: dict[str, tuple[str, ...]] = {
    "quantitative": ("researcher",),
    "qualitative": ("researcher",),
    "lived_experience": ("lived_experience",),
    "practice": ("implementer", "champion"),
    "policy": ("policymaker", "funder"),
    "economic": ("researcher", "funder"),
}

_SYNONYMS: dict[str, str] = {}
for _canon, _spellings in {
    "quantitative": ["quantitative", "quant", "quantitative_research", "quantitative_data",
                     "quantitative_evidence", "quantitative_study", "quantitative_studies", "statistics",
                     "statistical", "stats", "numbers", "trial", "trials", "rct", "rcts",
                     "randomised_trial", "randomized_trial", "survey_data", "epidemiology",
                     "epidemiological", "research_data"],
    "qualitative": ["qualitative", "qual", "qualitative_research", "qualitative_data", "qualitative_evidence",
                    "qualitative_study", "qualitative_studies", "interviews", "interview", "focus_groups",
                    "focus_group", "case_study", "case_studies", "ethnography", "ethnographic"],
    "lived_experience": ["lived_experience", "lived_experiences", "lived_experience_story",
                         "lived_experience_stories", "lived_experience_evidence", "lived_experience_knowledge",
                         "lived_experience_voice", "story", "stories", "personal_story", "personal_stories",
                         "testimony", "testimonies", "pwle", "pwle_testimony", "pwle_story", "service_user_voice",
                         "service_user_views", "consumer_perspective", "experiential_knowledge",
                         "expert_by_experience", "peer_knowledge", "first_hand_account", "narrative",
                         "narratives"],
    "practice": ["practice", "practice_data", "practice_knowledge", "practice_evidence", "practice_based",
                 "practice_based_evidence", "service_data", "services_data", "implementation",
                 "implementation_data", "implementation_evidence", "implementation_experience",
                 "routine_data", "monitoring_data", "audit", "audit_data", "clinical_experience",
                 "clinical_data", "practitioner_knowledge", "operational_data", "activity_data"],
    "policy": ["policy", "policies", "policy_needs", "policy_need", "policy_priorities", "policy_priority",
               "priorities", "needs", "decisions", "policy_decisions", "policy_decision", "policy_feedback",
               "policy_questions", "policy_context", "commissioning_intentions", "commissioning_priorities",
               "strategy", "strategic_priorities"],
    "economic": ["economic", "economics", "economic_evidence", "economic_evaluation", "economic_data",
                 "health_economics", "cost", "costs", "costing", "costings", "cost_effectiveness",
                 "cost_benefit", "budget", "budgets", "financial", "finance", "return_on_investment", "roi"],
}.items():
    for _s in _spellings:
        _SYNONYMS[_s] = _canon

_SEP = re.compile(r"[;|]")
_NON_WORD = re.compile(r"[\s\-/]+")


def kind_name(kind: object) -> str:
    """How a kind is written for people: its display name.

    Examples
    --------
    >>> kind_name("practice"), kind_name("grey_literature")
    ('Practice and service data', 'Grey literature')
    """
    text = str(kind)
    return KIND_LABELS.get(text, text.replace("_", " ").capitalize())


def normalise_kind(text: str) -> str:
    """Return the canonical spelling of one evidence kind.

    Parameters
    ----------
    text : str
        One kind as written, e.g. ``"Quantitative research"`` or ``"PWLE story"``.

    Returns
    -------
    str
        The canonical kind for a known spelling; otherwise the text
        lower-cased, trimmed, with runs of spaces, hyphens and slashes turned
        into one underscore.

    Examples
    --------
    >>> normalise_kind("Lived-experience story")
    'lived_experience'
    >>> normalise_kind("Cost-effectiveness")
    'economic'
    >>> normalise_kind("Grey literature")
    'grey_literature'
    """
    key = _NON_WORD.sub("_", str(text).strip().lower()).strip("_")
    return _SYNONYMS.get(key, key)


def _missing(v: object) -> bool:
    return v is None or (not isinstance(v, str) and bool(pd.isna(v)))


def parse_kinds(value: object) -> list[str]:
    """Split a cell into its normalised kinds, in the order given; each kind once.

    Examples
    --------
    >>> parse_kinds("Qualitative; interviews | practice data")
    ['qualitative', 'practice']
    >>> parse_kinds(None), parse_kinds("")
    ([], [])
    """
    if _missing(value):
        return []
    out: list[str] = []
    for part in _SEP.split(str(value)):
        if part.strip():
            kind = normalise_kind(part)
            if kind not in out:
                out.append(kind)
    return out


def format_kinds(kinds: Iterable[str]) -> str | None:
    """Join kinds in the stored form ``"a; b"`` (None for none)."""
    kinds = list(kinds)
    return "; ".join(kinds) if kinds else None


def normalise_kinds(values: pd.Series) -> pd.Series:
    """A whole column with every cell's kinds in canonical spelling (``"a; b"``, None when empty).

    Examples
    --------
    >>> normalise_kinds(pd.Series(["Stats | PWLE story", None])).tolist()
    ['quantitative; lived_experience', None]
    """
    raw = values.astype(object).tolist()
    mapping = {u: format_kinds(parse_kinds(u)) for u in set(v for v in raw if not _missing(v))}
    return pd.Series([None if _missing(v) else mapping[v] for v in raw], index=values.index, dtype=object,
                     name=values.name)


def has_kind(values: pd.Series, kind: str | Iterable[str]) -> pd.Series:
    """Boolean Series: does each cell list ``kind`` (any of ``kind``) among its kinds?

    Examples
    --------
    >>> has_kind(pd.Series(["quantitative; stories", "practice", None]), "lived experience").tolist()
    [True, False, False]
    """
    wanted = {normalise_kind(kind)} if isinstance(kind, str) else {normalise_kind(k) for k in kind}
    raw = values.astype(object).tolist()
    cache = {u: bool(wanted & set(parse_kinds(u))) for u in set(v for v in raw if not _missing(v))}
    return pd.Series([False if _missing(v) else cache[v] for v in raw], index=values.index, dtype=bool)


def order_kinds(kinds: Iterable[str]) -> list[str]:
    """Kinds in display order: the canonical ones in their order, then the others alphabetically."""
    kinds = set(kinds)
    return [k for k in CANONICAL_KINDS if k in kinds] + sorted(k for k in kinds if k not in CANONICAL_KINDS)


# ---------------------------------------------------------------------------- one roster per kind
def _check_networks(networks: Any) -> dict[str, Any]:
    """The ``{kind: network}`` mapping, kinds normalised, each network a StakeholderNetwork."""
    from .network import StakeholderNetwork

    if not isinstance(networks, Mapping) or not networks:
        raise OptionError("networks", networks, "a mapping of evidence kinds to networks, such as "
                                                "{'quantitative': net1, 'lived_experience': net2}")
    out: dict[str, Any] = {}
    for key, net in networks.items():
        if not isinstance(key, str) or not key.strip():
            raise OptionError("networks", key, "evidence kinds (non-empty texts) as keys")
        if not isinstance(net, StakeholderNetwork):
            raise OptionError("networks", net, f"a StakeholderNetwork for kind {key!r}")
        kind = normalise_kind(key)
        if kind in out:
            raise OptionError("networks", key, f"each kind once; {key!r} is {kind!r} again")
        out[kind] = net
    directed = {net.directed for net in out.values()}
    if len(directed) > 1:
        raise DataError("mixes directed and undirected networks", value=sorted(out),
                        suggestion="read every roster with the same directed= option")
    return out


def _combined_actors(nets: dict[str, Any]) -> pd.DataFrame:
    """Every actor of any network once; attributes from the first network that gives them; conflicts refused."""
    frames = [net.actors for net in nets.values()]
    actors = frames[0].copy()
    for kind, df in zip(list(nets)[1:], frames[1:]):
        new = df.index.difference(actors.index, sort=False)
        actors = pd.concat([actors, df.loc[new]], axis=0, sort=False)
        common = df.index.intersection(actors.index, sort=False)
        for col in df.columns:
            if col == "respondent":
                continue
            if col not in actors.columns:
                actors[col] = df[col].reindex(actors.index)
                continue
            mine, theirs = actors.loc[common, col], df.loc[common, col]
            clash = mine.notna() & theirs.notna() & (mine.astype(str) != theirs.astype(str))
            if col == "label":  # a roster without names labels actors by id: any given name wins
                clash &= (mine.astype(str) != mine.index.astype(str)) & (theirs.astype(str) != theirs.index)
            if clash.any():
                who = clash.index[clash.to_numpy()][0]
                raise DataError("differs between the networks of two kinds", column=col, value=who,
                                expected=f"one {col} per actor; {mine[who]!r} in one, {theirs[who]!r} in the "
                                         f"{kind!r} network",
                                suggestion="give every roster the same actors table")
            fill = mine.isna() & theirs.notna()
            if col == "label":
                fill |= (mine.astype(str) == mine.index.astype(str)) & theirs.notna()
            actors.loc[common[fill.to_numpy()], col] = theirs[fill]
    actors.index.name = "id"
    return actors


def _respondents(nets: dict[str, Any], actors: pd.DataFrame) -> pd.Series | None:
    """Answered any of the questions; a warning names those who answered some but not all."""
    known = {k: n.actors["respondent"].astype("boolean") for k, n in nets.items() if "respondent" in n.actors}
    if not known:
        return None
    table = pd.DataFrame({k: s.reindex(actors.index) for k, s in known.items()})
    answered = table.fillna(False).astype(bool)
    partial = answered.any(axis=1) & ~answered.all(axis=1) & table.notna().all(axis=1)
    if partial.any():
        who = partial.index[partial.to_numpy()].tolist()
        shown = ", ".join(map(str, who[:8])) + (f" and {len(who) - 8} more" if len(who) > 8 else "")
        warnings.warn(f"{len(who)} actor(s) answered the question of some evidence kinds but not of others "
                      f"({shown}); they count as respondents, and their ties of the kinds they skipped are "
                      "unknown", DataWarning, stacklevel=3)
    out = answered.any(axis=1)
    return out.where(table.notna().any(axis=1), pd.NA).astype("boolean")


def combine_evidence(networks: Mapping[str, Any], *, relation: str = "evidence", column: str = "evidence"):
    """One evidence relation whose ties list their kinds, from one network (a roster question) per kind.

    A survey may ask one roster question per kind of evidence ("Who do you
    share quantitative research with?", "Whose lived-experience stories do you
    pass on?"). Read each with :func:`systemsmap.read_roster` (same scale,
    same actors), then combine them here.

    Parameters
    ----------
    networks : mapping of str to StakeholderNetwork
        ``{kind: network}``; kinds are normalised with :func:`normalise_kind`
        (``"Lived experience"`` is ``lived_experience``). Every tie of a
        network carries its kind, whatever its relation.
    relation : str, default "evidence"
        The relation of the combined ties.
    column : str, default "evidence"
        The tie column that lists the kinds.

    Returns
    -------
    StakeholderNetwork
        Every actor of any network (attributes from the first network that
        gives them). One tie per pair (and wave, when the networks have
        waves) that any network ties, in the order first met: ``column`` lists its kinds in the order
        of ``networks`` (``"quantitative; lived_experience"``), ``weight`` is
        the largest of its kinds' weights, and ``weight_<kind>`` keeps each
        kind's own weight (missing where that kind was not reported).
        ``respondent``, when the networks record it, is True for an actor who
        answered any of the questions.

    Raises
    ------
    OptionError
        If ``networks`` is not a non-empty mapping of kinds to networks, or
        names one kind twice.
    DataError
        If the networks mix directed and undirected ties, or give one actor
        two different values of an attribute.

    Warns
    -----
    DataWarning
        Naming actors who answered some kinds' questions but not others:
        their ties of the skipped kinds are unknown.

    Examples
    --------
    >>> import pandas as pd
    >>> import systemsmap as sm
    >>> actors = pd.DataFrame({"id": ["R", "P", "L"], "role": ["researcher", "policymaker", "lived_experience"]})
    >>> quant = sm.from_frames(actors.iloc[:2], pd.DataFrame({"source": ["R"], "target": ["P"], "weight": [3]}))
    >>> story = sm.from_frames(actors, pd.DataFrame({"source": ["L", "R"], "target": ["R", "P"]}))
    >>> net = sm.combine_evidence({"Quantitative research": quant, "Lived-experience stories": story})
    >>> net.ties[["source", "target", "evidence", "weight"]]
      source target                        evidence  weight
    0      R      P  quantitative; lived_experience     3.0
    1      L      R                lived_experience     1.0
    """
    from ._check import check_text
    from .io.frames import from_frames

    relation = check_text("relation", relation)
    column = check_text("column", column)
    nets = _check_networks(networks)
    if column in ("source", "target", "relation", "weight", "wave") or column.startswith("weight_"):
        raise OptionError("column", column, "a tie column name other than source, target, relation, weight, "
                                            "wave and weight_<kind>")
    actors = _combined_actors(nets)
    answered = _respondents(nets, actors)
    if answered is not None:
        actors["respondent"] = answered
    waves = any("wave" in n.ties.columns for n in nets.values())
    directed = next(iter(nets.values())).directed
    key = ["source", "target"] + (["wave"] if waves else [])
    parts = []
    for kind, net in nets.items():
        t = net.ties
        if not directed:  # one order per pair, so the kinds of one pair meet
            lo = np.where(t["source"].astype(str) <= t["target"].astype(str), t["source"], t["target"])
            hi = np.where(t["source"].astype(str) <= t["target"].astype(str), t["target"], t["source"])
            t = t.assign(source=lo, target=hi)
        if waves and "wave" not in t.columns:
            raise DataError("has no wave column while another kind's network has one", value=kind,
                            suggestion="give every roster its wave, or none")
        parts.append(t[key].assign(_kind=kind, _w=t["weight"].to_numpy(dtype=float)))
    long = pd.concat(parts, ignore_index=True)
    per_kind = long.groupby(key + ["_kind"], sort=False)["_w"].max().unstack("_kind")
    per_kind = per_kind[[k for k in nets if k in per_kind.columns]]
    ties = per_kind.reset_index()
    ties.columns.name = None
    present = per_kind.notna().to_numpy()
    kinds = np.array(list(per_kind.columns), dtype=object)
    ties[column] = [format_kinds(kinds[row]) for row in present]
    ties["relation"] = relation
    ties["weight"] = per_kind.max(axis=1).to_numpy()
    ties = ties.rename(columns={k: f"weight_{k}" for k in per_kind.columns})
    ties = ties[key[:2] + ["relation", "weight"] + key[2:] + [column] + [f"weight_{k}" for k in per_kind.columns]]
    return from_frames(actors.reset_index(), ties, directed=directed)
