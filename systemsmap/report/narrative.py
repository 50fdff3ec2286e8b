"""Key findings in plain language, written from the numbers of the library's own functions.

Every value a finding writes (a number, a name, a group, a sentence the
library wrote) is a :class:`Quote`: the name of the library value it is (see
:data:`QUOTED`: ``"silos.ei"``, ``"brokerage.total"`` of an actor, ...), the
key it is about (an actor, a group, a row) and the text written. A
:class:`Finding` keeps them with its sentence and a *skeleton*, the sentence
with each quote replaced by its name, so a test can check that no number in
a finding comes from anywhere but a named library value, and that each equals
what the library gives under that name. Fixed words never hold digits,
except the scale of the E-I index (:data:`EI_SCALE`).
"""
from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..network import StakeholderNetwork
from ._analysis import LOW_RESPONSE, Analysis, analyse, require_column
from ._text import by_phrase, fmt_num, fmt_p, fmt_pct, join_and

__all__ = ["findings", "findings_from", "quoted_findings", "quote_text", "Finding", "Quote", "QUOTED", "EI_SCALE"]

_ROLE_TEXT = {
    "coordinator": "a coordinator within their own group",
    "itinerant": "an itinerant broker between members of another group",
    "representative": "a representative of their group to others",
    "gatekeeper": "a gatekeeper into their group",
    "liaison": "a liaison between two other groups",
}

#: The only digits a finding writes that are not a quoted value: the scale of the E-I index.
EI_SCALE = "(-1: every tie inside a group; +1: every tie between groups)"

#: Every name a finding quotes, and what it is: ``root.attribute...`` of the library's results, the
#: key (actor, group, row) given beside it. Roots: ``silos`` (:func:`~systemsmap.silos`), ``brokerage``
#: (:func:`~systemsmap.brokerage`), ``champions`` (:func:`~systemsmap.champions`, every actor),
#: ``voice``, ``vulnerabilities``, ``bridges``, ``compare``, ``response``, ``robustness``; ``scope``
#: and ``panel`` are the network described and every wave; ``label`` and ``group`` are names.
QUOTED = {
    "label": "an actor's name (the actors' label column)",
    "group": "a group's display name",
    "scope.waves": "the wave(s) the report describes",
    "panel.waves": "every wave of the data",
    "response.respondents": "actors who answered the survey",
    "response.actors": "actors",
    "response.rate": "share of actors who answered",
    "robustness.drop": "share of respondents removed at random in each repeat",
    "robustness.repeats": "repeats of the non-response simulation",
    "robustness.top": "size of the top group by betweenness",
    "robustness.top_overlap": "mean share of the top group kept",
    "robustness.rank_correlation": "mean Spearman rank correlation with the full data",
    "silos.ei": "the network's E-I index",
    "silos.ei_expected": "the network's E-I if ties fell at random",
    "silos.ei_p_lower": "one-sided p-value: an E-I this low by chance",
    "silos.ei_p_upper": "one-sided p-value: an E-I this high by chance",
    "silos.ei_p_two_sided": "two-sided p-value: an E-I this far from chance",
    "silos.permutations": "label shufflings of the E-I tests",
    "silos.group_ei": "a group's E-I index",
    "silos.group_ei_expected": "a group's E-I if its ties fell at random",
    "silos.group_ei_p_lower": "one-sided p-value: a group's E-I this low by chance",
    "silos.group_ties.internal": "a group's ties inside it",
    "silos.group_ties.external": "a group's ties with other groups",
    "brokerage.total": "pairs an actor stands between (Gould-Fernandez, all five roles)",
    "champions.brokerage": "pairs an actor stands between across groups (all roles but coordinator)",
    "champions.reach": "share of policymakers within two steps, ties followed either way",
    "champions.in_degree": "actors naming the actor",
    "voice.summary.within_2": "people with lived experience within two steps of a policymaker",
    "voice.summary.sources": "people with lived experience",
    "voice.summary.within_max": "people with lived experience within max_steps steps of a policymaker",
    "voice.summary.max_steps": "the step limit of within_max",
    "voice.summary.also_target": "people with lived experience who are policymakers too",
    "voice.summary.no_path": "people with lived experience with no path, and none a missing answer could give",
    "voice.summary.unknown": "people with lived experience with no known path, where a missing answer could give one",
    "voice.summary.unknown_not_answered": "of those, the ones who did not answer themselves",
    "voice.summary.single_route": "people with lived experience with a single route",
    "voice.carrier_share": "share of shortest routes from lived experience to policymakers through an actor",
    "voice.gatekeepers": "single-route people whose nearest gatekeeper is the actor",
    "vulnerabilities.summary.cut_points": "actors whose loss would cut others off",
    "vulnerabilities.summary.bridges": "ties whose loss would cut others off",
    "vulnerabilities.summary.rests_on_nonresponse": "cut points and bridges cutting off only non-respondents",
    "vulnerabilities.actors.cut_off": "actors a cut point's loss would cut off",
    "bridges.index": "a recommended tie's rank",
    "bridges.reason": "why a tie is recommended (the library's sentence)",
    "compare.before_name": "the first wave compared",
    "compare.after_name": "the last wave compared",
    "compare.summary_change.before": "a summary figure in the first wave",
    "compare.summary_change.after": "a summary figure in the last wave",
    "compare.pairs_gained": "pairs of actors newly tied",
    "compare.pairs_lost": "pairs of actors no longer tied",
    "compare.pairs_changed.turnover": "pairs changed because an actor is in one wave only",
    "compare.pairs_changed.response": "pairs changed because who answered changed",
    "compare.cross_group": "ties between groups",
    "compare.ei_change.before": "E-I in the first wave",
    "compare.ei_change.after": "E-I in the last wave",
    "compare.ei_p_two_sided": "two-sided p-value of the change in E-I",
}

_OPEN, _CLOSE = "\ue000", "\ue001"
_MARK = re.compile(f"{_OPEN}(\\d+){_CLOSE}")


@dataclass(frozen=True)
class Quote:
    """A value a finding writes: its name (a key of :data:`QUOTED`), key, value, text as written and how
    it was written (:func:`quote_text`)."""

    name: str
    key: Any
    value: Any
    text: str
    how: str = "num"


@dataclass(frozen=True)
class Finding:
    """One key finding: its ``topic``, ``text``, ``skeleton`` (quotes as ``{name}``) and ``quotes``."""

    topic: str
    text: str
    skeleton: str
    quotes: tuple


def quote_text(value: Any, how: str, permutations: int | None = None) -> str:
    """A quoted value as a finding writes it: ``num`` (two decimals), ``int`` (thousands separated), ``pct``
    (whole percent), ``p`` (a p-value, see :func:`systemsmap._format.fmt_p`), ``text``, ``clause`` (a
    sentence without its full stop), ``list`` ("a and b").

    Examples
    --------
    >>> quote_text(-0.4286, "num"), quote_text(1234, "int"), quote_text(0.347, "pct"), quote_text([2024, 2025], "list")
    ('-0.43', '1,234', '35%', '2024 and 2025')
    """
    fmt = {"num": fmt_num, "pct": fmt_pct, "text": str, "int": lambda v: f"{int(v):,}",
           "clause": lambda v: str(v).strip().rstrip("."),
           "p": lambda v: fmt_p(v, permutations), "list": lambda v: join_and([str(x) for x in v])}
    return fmt[how](value)


class _Sentence:
    """Writes one finding, marking every value it quotes (:meth:`q`) so the finding can list them."""

    def __init__(self, an: Analysis):
        self.an = an
        self.quotes: list[Quote] = []

    def q(self, name: str, value: Any, key: Any = None, how: str = "num") -> str:
        """The value as written (``how``: see :func:`quote_text`), marked as a quote of ``name``."""
        if name not in QUOTED:
            raise KeyError(f"{name!r} is not a name of QUOTED")
        self.quotes.append(Quote(name, key, value, quote_text(value, how, self.an.permutations), how))
        return f"{_OPEN}{len(self.quotes) - 1}{_CLOSE}"

    def actor(self, a: Any) -> str:
        return self.q("label", self.an.actor(a), key=a, how="text")

    def group(self, g: Any) -> str:
        return self.q("group", self.an.group(g), key=g, how="text")

    def done(self, topic: str, marked: str) -> Finding:
        text = _MARK.sub(lambda m: self.quotes[int(m.group(1))].text, marked)
        skeleton = _MARK.sub(lambda m: "{" + self.quotes[int(m.group(1))].name + "}", marked)
        return Finding(topic, text, skeleton, tuple(self.quotes))


# ---------------------------------------------------------------------------- the API
def findings(net: StakeholderNetwork, by: str, *, relation: str | Sequence[str] | None = None,
             permutations: int = 1000, k: int = 5, seed: int | None = 0, waves: Any = "latest") -> list[str]:
    """The key findings of a network, in plain sentences, from the library's own numbers.

    Parameters
    ----------
    net : StakeholderNetwork
    by : str
        The actor column whose groups are compared (``"role"``, ``"sector"``, ...).
        Actors without a value form the group ``"(missing)"``.
    relation : str or list of str, optional
        Analyse only these relations (``net.layer(relation)``).
    permutations : int, default 1000
        Permutations of the E-I tests.
    k : int, default 5
        Recommended bridges to search for (the findings quote the top three).
    seed : int or None, default 0
        Seeds the permutation tests, community detection and robustness
        simulation: the same seed gives the same sentences.
    waves : {"latest", "pooled"} or a wave, default "latest"
        Which ties the findings describe when they carry waves: the latest
        wave's, every wave's pooled, or one wave's (the change between waves
        compares the first and the last either way).

    Returns
    -------
    list of str
        One finding per item, in this order: which ties they describe (with
        waves); a caution about rankings when under 70% of actors answered;
        whether ties stay inside groups (the network E-I index with its
        chance value and p-value, its tail named); the most inward-looking
        groups; the strongest brokers; the best-placed champions among those
        who answered; how many people with lived experience are within two
        steps of a policymaker, how many have no path and for how many it is
        unknown, and who carries their voice; single points of failure (and
        whether they rest only on non-response); the top recommended bridges;
        the change between the first and last waves (and how much of it is
        turnover or a change in who answered); the response rate.

    Raises
    ------
    NotFoundError
        If ``by`` is not an actor column (a ``DataError``), or ``relation``
        names a relation the network lacks (a ``KeyError``).
    OptionError
        If ``permutations``, ``k`` or ``seed`` is not allowed.

    Notes
    -----
    Every number is the one the library's function returns, under one name
    (:data:`QUOTED`; :func:`quoted_findings` gives each finding with its
    quotes), rounded for reading: E-I indices to two decimals, p-values as
    ``p < 0.001``, ``p = 0.004`` or ``p = 0.21`` (see
    :func:`systemsmap._format.fmt_p`) with their tail named. A result no
    clearer than chance is said to be so, never a tendency.

    Examples
    --------
    >>> import pandas as pd
    >>> import systemsmap as sm
    >>> actors = pd.DataFrame({"id": list("abcdef"), "team": list("xxxyyy")})
    >>> ties = pd.DataFrame({"source": list("abdec"), "target": list("bcefd")})
    >>> net = sm.from_frames(actors, ties, directed=False)
    >>> from systemsmap.report import findings
    >>> print(findings(net, "team", permutations=99, k=1)[0])  # doctest: +ELLIPSIS
    Ties fall inside and between team groups about as random ties would: the E-I index is -0.60 ...
    """
    require_column(net, by)
    if relation is not None:
        net = net.layer(relation)
    return findings_from(analyse(net, by, permutations=permutations, k=k, seed=seed, waves=waves))


def findings_from(an: Analysis) -> list[str]:
    """The findings of an :class:`~systemsmap.report._analysis.Analysis` (see :func:`findings`)."""
    return [f.text for f in quoted_findings(an)]


def topics_and_findings(an: Analysis) -> list[tuple[str, str]]:
    """``(topic, sentence)`` pairs: the findings with a short heading each, for the HTML."""
    return [(f.topic, f.text) for f in quoted_findings(an)]


def quoted_findings(an: Analysis) -> list[Finding]:
    """Every finding with the quotes it is written from, in reading order."""
    out: list[Finding] = []
    for topic, make in (("Which ties", _scope), ("Caution", _response_caution), ("Silos", _silo_headline),
                        ("Inward-looking groups", _siloed_groups), ("Brokers", _brokers),
                        ("Champions", _champions), ("Voice of lived experience", _voice),
                        ("Single points of failure", _vulnerable), ("New ties", _bridges),
                        ("Change", _change), ("Response", _response_note)):
        w = _Sentence(an)
        marked = make(an, w)
        if marked:
            out.append(w.done(topic, marked))
    return out


# ---------------------------------------------------------------------------- sentences
def _scope(an: Analysis, w: _Sentence) -> str | None:
    panel = an.panel if an.panel is not None else an.net
    if len(panel.waves) < 2:
        return None
    described = w.q("scope.waves", an.net.waves, how="list")
    every = w.q("panel.waves", panel.waves, how="list")
    if len(an.net.waves) == 1:
        latest = an.net.waves[0] == panel.waves[-1]
        text = (f"Everything below but the change between waves describes the ties of wave {described} only"
                + (f" (the latest of {every})" if latest else f" (of {every})") + ", so that recommendations rest on "
                "current ties; the report can pool the waves instead.")
    else:
        text = (f"Everything below but the change between waves pools the ties of waves {described}: a tie "
                "reported in any of them counts, however old.")
    return text


def _response_caution(an: Analysis, w: _Sentence) -> str | None:
    r = an.response
    if math.isnan(r.rate) or r.rate >= LOW_RESPONSE:
        return None
    text = (f"Read the rankings with care: only {w.q('response.respondents', r.respondents, how='int')} of "
            f"{w.q('response.actors', r.actors, how='int')} actors answered the survey "
            f"({w.q('response.rate', r.rate, how='pct')}), so the ties of the others are missing and rankings "
            "built on paths, such as betweenness and brokerage, are fragile.")
    rob = an.robustness
    if rob is not None:
        text += (f" Removing a further {w.q('robustness.drop', rob.drop, how='pct')} of respondents at random "
                 f"({w.q('robustness.repeats', rob.repeats, how='int')} repeats), the top "
                 f"{w.q('robustness.top', rob.top, how='int')} by betweenness kept "
                 f"{w.q('robustness.top_overlap', rob.top_overlap, how='pct')} of its members on average (rank "
                 f"correlation {w.q('robustness.rank_correlation', rob.rank_correlation)}).")
    return text


def _silo_headline(an: Analysis, w: _Sentence) -> str:
    rep = an.silos
    groups = by_phrase(an.by)
    if len(rep.sizes) < 2:
        return (f"Every actor is in the same group of {an.by.replace('_', ' ')}, so silos between groups cannot "
                "be measured; choose another column to group by.")
    if math.isnan(rep.ei):
        return f"There are no ties, so silos between {groups} cannot be measured."
    base = (f"the E-I index is {w.q('silos.ei', rep.ei)} {EI_SCALE}, against "
            f"{w.q('silos.ei_expected', rep.ei_expected)} if ties fell at random")
    P = an.permutations
    if not P or math.isnan(rep.ei_p):
        return f"Silos between {groups}: {base} (no permutation test was run)."
    perms = f"{w.q('silos.permutations', P, how='int')} permutations"
    if rep.ei_p_lower < 0.05:
        return (f"Ties stay inside {groups} more than chance would give: {base} "
                f"({w.q('silos.ei_p_lower', rep.ei_p_lower, how='p')}, one-sided: the chance of an E-I this low "
                f"if groups did not matter; {perms}).")
    if rep.ei_p_upper < 0.05:
        return (f"Ties cross {groups} more than chance would give: {base} "
                f"({w.q('silos.ei_p_upper', rep.ei_p_upper, how='p')}, one-sided: the chance of an E-I this high "
                f"if groups did not matter; {perms}).")
    return (f"Ties fall inside and between {groups} about as random ties would: {base} "
            f"({w.q('silos.ei_p_two_sided', rep.ei_p_two_sided, how='p')}, two-sided; {perms}), so there is no "
            "sign of silos, nor of mixing beyond chance.")


def siloed_groups(an: Analysis, top: int | None = 3) -> list:
    """Groups whose E-I falls below its chance value clearly (p < 0.05), furthest below first."""
    p = an.silos.group_ei_p_lower
    chosen = [g for g in an.silos.most_inward(top=None) if not an.small(g)
              and (math.isnan(p.get(g, math.nan)) or p[g] < 0.05)]
    return chosen[:top] if top is not None else chosen


def _siloed_groups(an: Analysis, w: _Sentence) -> str | None:
    rep = an.silos
    if len(rep.sizes) < 2 or math.isnan(rep.ei):
        return None
    chosen = siloed_groups(an)
    if not chosen:
        return "No group keeps its ties inside clearly more than chance would give."
    parts = []
    for g in chosen:
        p = rep.group_ei_p_lower.get(g, math.nan)
        test = "" if math.isnan(p) else f", {w.q('silos.group_ei_p_lower', p, key=g, how='p')}"
        inside = w.q("silos.group_ties.internal", rep.group_ties.loc[g, "internal"], key=g, how="int")
        outside = w.q("silos.group_ties.external", rep.group_ties.loc[g, "external"], key=g, how="int")
        parts.append(f"{w.group(g)} (E-I {w.q('silos.group_ei', rep.group_ei[g], key=g)} against "
                     f"{w.q('silos.group_ei_expected', rep.group_ei_expected[g], key=g)} by chance{test}; "
                     f"{inside} ties inside, {outside} with other groups)")
    lead = ("The most inward-looking group, whose E-I falls furthest below its chance value, is " if len(parts) == 1
            else "The most inward-looking groups, whose E-I falls furthest below its chance value, are ")
    return (lead + join_and(parts) + ". A group's E-I counts each tie to another group for both groups, so read "
            "it against its own chance value, not against the network's.")


def top_brokers(an: Analysis, top: int = 3) -> list:
    """Actors with the highest total brokerage (ties broken by id), only those above 0."""
    tot = an.brokerage["total"]
    df = pd.DataFrame({"v": tot.to_numpy(dtype=float), "_key": tot.index.astype(str)}, index=tot.index)
    df = df[df["v"] > 0].sort_values(["v", "_key"], ascending=[False, True])
    return list(df.index[:top])


def _brokers(an: Analysis, w: _Sentence) -> str:
    chosen = top_brokers(an)
    if not chosen:
        return (f"No actor brokers between {by_phrase(an.by)}: no one sits on a two-step path between two actors "
                "who are not tied.")
    br = an.brokerage
    roles = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison"]
    across = an.champions["brokerage"] if an.champions is not None else None
    parts = []
    for a in chosen:
        row = br.loc[a]
        main = max(roles, key=lambda r: (row[r], -roles.index(r)))
        between = f"between {w.q('brokerage.total', row['total'], key=a, how='int')} pairs"
        if across is not None and a in across.index:
            between += f", {w.q('champions.brokerage', across[a], key=a, how='int')} of them across groups"
        parts.append(f"{w.actor(a)} ({w.group(an.groups[a])}: {between}; mostly as {_ROLE_TEXT[main]})")
    return ("The strongest brokers, who stand between the most pairs of actors not tied to each other "
            f"(Gould-Fernandez brokerage by {an.by.replace('_', ' ')}), are " + join_and(parts) + ".")


def _champions(an: Analysis, w: _Sentence) -> str | None:
    ch = an.champions
    if ch is None:
        return an.notes.get("champions")
    chosen = ch[ch["answered"] != False].head(3)  # noqa: E712  (unknown answers are kept)
    if not len(chosen):
        return None
    parts = [f"{w.actor(a)} (reaches {w.q('champions.reach', r['reach'], key=a, how='pct')} of policymakers within "
             f"two steps; brokers {w.q('champions.brokerage', r['brokerage'], key=a, how='int')} pairs across groups; "
             f"named by {w.q('champions.in_degree', r['in_degree'], key=a, how='int')})"
             for a, r in chosen.iterrows()]
    text = ("Best placed to champion change with policymakers: " + join_and(parts) + ". The ranking combines reach "
            "(ties followed either way, since a champion can speak to a policymaker who named them as well as to "
            "one they named), brokerage across groups and nominations; it names people to talk to, not a measure "
            "of influence.")
    if (ch["answered"] == False).any():  # noqa: E712
        text += " People who did not answer the survey are not ranked: their own ties are unknown."
    return text


def _voice(an: Analysis, w: _Sentence) -> str | None:
    vo = an.voice
    if vo is None:
        return an.notes.get("voice")
    s = vo.summary
    # the people counted are those whose role is lived experience, not a group of the report's grouping
    text = (f"Of the {w.q('voice.summary.sources', s['sources'], how='int')} people whose role is lived "
            f"experience, {w.q('voice.summary.within_2', s['within_2'], how='int')} are within two steps of a "
            "policymaker")
    if int(s["within_max"]) > int(s["within_2"]):
        text += (f" and {w.q('voice.summary.within_max', s['within_max'], how='int')} within "
                 f"{w.q('voice.summary.max_steps', s['max_steps'], how='int')} steps")
    if int(s["also_target"]):
        also = w.q("voice.summary.also_target", s["also_target"], how="int")
        text += f" ({also} of them are policymakers themselves)"
    text += (", following ties in their direction, from the person who named a tie to the person named." if
             vo.directed and vo.mode == "out" else ", following ties either way." if not vo.directed or
             vo.mode == "all" else ", following ties against their direction.")
    n_no = int(s["no_path"])
    if n_no:
        text += f" {w.q('voice.summary.no_path', n_no, how='int')} {'has' if n_no == 1 else 'have'} no path to any " \
                "policymaker."
    text += _voice_unknown(vo, w)
    share = vo.carrier_share[vo.carrier_share > 0].head(3)
    if len(share):
        first = True
        names = []
        for a, v in share.items():
            pct = w.q("voice.carrier_share", v, key=a, how="pct")
            names.append(f"{w.actor(a)} ({pct} of the shortest routes from a person with lived experience to a "
                         "policymaker pass through them)" if first else f"{w.actor(a)} ({pct})")
            first = False
        text += " Their voice is carried mostly by " + join_and(names) + "."
    n_s = int(s["single_route"])
    if n_s:
        text += (f" {w.q('voice.summary.single_route', n_s, how='int')} of them {'depends' if n_s == 1 else 'depend'}"
                 " on a single person to be heard: every route to a policymaker")
        gk = vo.gatekeepers
        if n_s == 1 and len(gk):
            text += f" passes through {w.actor(gk.index[0])}."
        else:
            text += f" {'passes' if n_s == 1 else 'each of them has passes'} through one person"
            if len(gk) and int(gk.iloc[0]) > 1:
                top = gk.index[0]
                text += f" (most often {w.actor(top)}, for {w.q('voice.gatekeepers', gk.iloc[0], key=top, how='int')})"
            elif len(gk):
                text += f" (for example {w.actor(gk.index[0])})"
            text += "."
    return text


def _voice_unknown(vo: Any, w: _Sentence) -> str:
    """The sentence on people with no known path whose path is unknown rather than absent."""
    s = vo.summary
    n_u, n_na = int(s["unknown"]), int(s["unknown_not_answered"])
    if not n_u:
        return ""
    more = " more" if int(s["no_path"]) else ""
    head = (f" {w.q('voice.summary.unknown', n_u, how='int')}{more} {'has' if n_u == 1 else 'have'} no known path "
            "to a policymaker, but ")
    if n_na == n_u:
        who = "they did not answer" if n_u == 1 else "none of them answered"
        return head + f"{who} the survey, so their own ties are missing: whether they can be heard is unknown, " \
                      "not absent."
    why = "the people their routes reach did not answer"
    if n_na:
        why = (f"{w.q('voice.summary.unknown_not_answered', n_na, how='int')} of them did not answer the survey "
               "and the others' routes reach people who did not")
    return head + why + ": whether they can be heard is unknown, not absent."


def _vulnerable(an: Analysis, w: _Sentence) -> str:
    v = an.vulnerabilities
    s = v.summary
    n_a, n_t, unsure = int(s["cut_points"]), int(s["bridges"]), int(s["rests_on_nonresponse"])
    if not n_a and not n_t:
        return "No single actor or tie holds the network together: losing any one of them would cut no one off."
    counts = (f"{w.q('vulnerabilities.summary.cut_points', n_a, how='int')} {'actor' if n_a == 1 else 'actors'} and "
              f"{w.q('vulnerabilities.summary.bridges', n_t, how='int')} {'tie' if n_t == 1 else 'ties'}")
    if unsure == n_a + n_t:
        return (f"{counts} look like single points of failure (a tie counting whichever of the two named it), but each would cut off only "
                "people who did not answer the survey and are known only from others' nominations, so whether "
                "anyone would really be cut off is unknown.")
    text = f"{counts} are single points of failure (a tie counting whichever of the two named it)."
    sure = v.actors[~v.actors["rests_on_nonresponse"]]
    if len(sure):
        aid, row = sure.index[0], sure.iloc[0]
        n = int(row["cut_off"])
        text += (f" If {w.actor(aid)} left, {w.q('vulnerabilities.actors.cut_off', n, key=aid, how='int')} "
                 f"{'actor' if n == 1 else 'actors'} would be cut off")
        pairs = [(a, b) for a, b in row.get("groups_disconnected", []) or [] if not an.small(a) and not an.small(b)]
        if pairs:
            a, b = pairs[0]
            text += f", and {w.group(a)} would lose every path to {w.group(b)}"
        text += "."
    if unsure:
        text += (f" {w.q('vulnerabilities.summary.rests_on_nonresponse', unsure, how='int')} of them would cut off "
                 "only people who did not answer the survey, so whether those would really be cut off is unknown.")
    return text


def _bridges(an: Analysis, w: _Sentence) -> str:
    rec = an.bridges
    if rec is None or not len(rec):
        return "No new tie between groups was found that would improve how the network connects."
    parts = []
    for i, (rank, r) in enumerate(rec.head(3).iterrows(), 1):
        intro = r.get("introducer", None)
        who = f", introduced by {w.actor(intro)}" if isinstance(intro, str) and intro in an.labels.index else ""
        reason = r.get("reason", "") if i == 1 else ""
        why = f" ({w.q('bridges.reason', reason, key=rank, how='clause')})" if isinstance(reason, str) and \
            reason.strip() else ""
        parts.append(f"({w.q('bridges.index', rank, key=rank, how='int')}) {w.actor(r['source'])} "
                     f"({w.group(r['source_group'])}) with {w.actor(r['target'])} ({w.group(r['target_group'])})"
                     f"{who}{why}")
    more = (" (the first three; see Next steps for the others and the reasons)" if len(rec) > 3 else
            " (see Next steps for the reasons)" if len(rec) > 1 else "")
    return "Recommended new ties: " + "; ".join(parts) + f"{more}."


def _change(an: Analysis, w: _Sentence) -> str | None:
    c = an.comparison
    if c is None:
        return None
    sc = c.summary_change
    b, a = w.q("compare.before_name", c.before_name, how="text"), w.q("compare.after_name", c.after_name, how="text")
    text = (f"Between waves {b} and {a}, tied pairs of actors went from "
            f"{w.q('compare.summary_change.before', sc.loc['ties', 'before'], key='ties', how='int')} to "
            f"{w.q('compare.summary_change.after', sc.loc['ties', 'after'], key='ties', how='int')} "
            f"({w.q('compare.pairs_gained', c.pairs_gained, how='int')} newly tied, "
            f"{w.q('compare.pairs_lost', c.pairs_lost, how='int')} no longer tied)")
    if c.cross_group is not None:
        cg = c.cross_group
        text += (f", and ties between {by_phrase(an.by)} from "
                 f"{w.q('compare.cross_group', cg['before'], key='before', how='int')} to "
                 f"{w.q('compare.cross_group', cg['after'], key='after', how='int')}")
    text += "."
    text += _change_causes(c, w)
    if c.ei_change is not None and "(network)" in c.ei_change.index:
        e = c.ei_change.loc["(network)"]
        text += (f" The E-I index went from {w.q('compare.ei_change.before', e['before'], key='(network)')} to "
                 f"{w.q('compare.ei_change.after', e['after'], key='(network)')}")
        if math.isnan(c.ei_p):
            text += "."
        else:
            p = w.q("compare.ei_p_two_sided", c.ei_p_two_sided, how="p")
            text += (f", more than the turnover of ties would give by chance ({p}, two-sided)." if c.ei_p < 0.05 else
                     f", a change the turnover of ties could give by chance ({p}, two-sided).")
    return text


def _change_causes(c: Any, w: _Sentence) -> str:
    """How many of the pairs newly tied or no longer tied involve actors in one wave only, or a change in
    who answered (so they need not be a change in ties)."""
    pc = c.pairs_changed
    if not len(pc):
        return ""
    out = []
    for side, word in (("gained", "newly tied"), ("lost", "no longer tied")):
        parts = []
        if pc.loc[side, "turnover"]:
            parts.append(f"{w.q('compare.pairs_changed.turnover', pc.loc[side, 'turnover'], key=side, how='int')} "
                         "involve an actor present in one wave only")
        if pc.loc[side, "response"]:
            parts.append(f"{w.q('compare.pairs_changed.response', pc.loc[side, 'response'], key=side, how='int')} "
                         "rest on someone who answered in one wave only")
        if parts:
            out.append(f"of the pairs {word}, " + " and ".join(parts))
    if not out:
        return ""
    return " Not all of this is a change in ties: " + "; ".join(out) + "."


def _response_note(an: Analysis, w: _Sentence) -> str | None:
    r = an.response
    if math.isnan(r.rate) or r.rate < LOW_RESPONSE:
        return None
    return (f"{w.q('response.respondents', r.respondents, how='int')} of {w.q('response.actors', r.actors, how='int')} "
            f"actors answered the survey ({w.q('response.rate', r.rate, how='pct')}).")
