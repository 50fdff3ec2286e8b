"""Key findings in plain language, written from the numbers of the library's own functions."""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..network import StakeholderNetwork
from ._analysis import LOW_RESPONSE, Analysis, analyse, require_column
from ._text import by_phrase, fmt_num, fmt_p, fmt_pct, join_and, plural

__all__ = ["findings", "findings_from"]

_ROLE_TEXT = {
    "coordinator": "a coordinator within their own group",
    "itinerant": "an itinerant broker between members of another group",
    "representative": "a representative of their group to others",
    "gatekeeper": "a gatekeeper into their group",
    "liaison": "a liaison between two other groups",
}


def findings(net: StakeholderNetwork, by: str, *, relation: str | Sequence[str] | None = None,
             permutations: int = 1000, k: int = 5, seed: int | None = 0) -> list[str]:
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

    Returns
    -------
    list of str
        One finding per item, in this order: a caution about rankings when
        under 70% of actors answered; whether ties stay inside groups (the
        network E-I index with its chance value and permutation p-value);
        the most inward-looking groups (group E-I, chance value, p-value);
        the strongest brokers; the best-placed champions; how many people
        with lived experience are within two steps of a policymaker and who
        carries their voice; single points of failure; the top recommended
        bridges with who could introduce them and why; the change between
        the first and last waves; the response rate.

    Raises
    ------
    NotFoundError
        If ``by`` is not an actor column (a ``DataError``), or ``relation``
        names a relation the network lacks (a ``KeyError``).
    OptionError
        If ``permutations``, ``k`` or ``seed`` is not allowed.

    Notes
    -----
    Every number is the one the library's function returns (``silos``,
    ``brokerage``, ``champions``, ``voice``, ``vulnerabilities``,
    ``bridges``, ``compare``, ``response``, ``robustness``), rounded for
    reading: E-I indices to two decimals, p-values as ``p < 0.001``,
    ``p = 0.004`` or ``p = 0.21`` (see :func:`systemsmap._format.fmt_p`).
    The group p-values are :func:`systemsmap.silos`'s ``group_ei_p``: each
    group's E-I tested by shuffling the group labels over the actors.

    Examples
    --------
    >>> import pandas as pd
    >>> import systemsmap as sm
    >>> actors = pd.DataFrame({"id": list("abcdef"), "team": list("xxxyyy")})
    >>> ties = pd.DataFrame({"source": list("abdec"), "target": list("bcefd")})
    >>> net = sm.from_frames(actors, ties, directed=False)
    >>> from systemsmap.report import findings
    >>> print(findings(net, "team", permutations=99, k=1)[0])  # doctest: +ELLIPSIS
    Ties stay inside team groups somewhat more than random ties would: the E-I index is -0.60 ...
    """
    require_column(net, by)
    if relation is not None:
        net = net.layer(relation)
    return findings_from(analyse(net, by, permutations=permutations, k=k, seed=seed))


def findings_from(an: Analysis) -> list[str]:
    """The findings of an :class:`~systemsmap.report._analysis.Analysis` (see :func:`findings`)."""
    return [text for _, text in topics_and_findings(an)]


def topics_and_findings(an: Analysis) -> list[tuple[str, str]]:
    """``(topic, sentence)`` pairs: the findings with a short heading each, for the HTML."""
    out: list[tuple[str, str]] = []
    for topic, make in (("Caution", _response_caution), ("Silos", _silo_headline),
                        ("Inward-looking groups", _siloed_groups), ("Brokers", _brokers),
                        ("Champions", _champions), ("Voice of lived experience", _voice),
                        ("Single points of failure", _vulnerable), ("New ties", _bridges),
                        ("Change", _change), ("Response", _response_note)):
        text = make(an)
        if text:
            out.append((topic, text))
    return out


# ---------------------------------------------------------------------------- sentences
def _response_caution(an: Analysis) -> str | None:
    r = an.response
    if math.isnan(r.rate) or r.rate >= LOW_RESPONSE:
        return None
    text = (f"Read the rankings with care: only {r.respondents:,} of {r.actors:,} actors answered the survey "
            f"({fmt_pct(r.rate)}), so the ties of the others are missing and rankings built on paths, "
            "such as betweenness and brokerage, are fragile.")
    rob = an.robustness
    if rob is not None:
        text += (f" Removing a further {fmt_pct(rob.drop)} of respondents at random ({rob.repeats} repeats), "
                 f"the top {rob.top} by betweenness kept {fmt_pct(rob.top_overlap)} of its members on average "
                 f"(rank correlation {fmt_num(rob.rank_correlation)}).")
    return text


def _silo_headline(an: Analysis) -> str:
    rep = an.silos
    groups = by_phrase(an.by)
    if len(rep.sizes) < 2:
        return (f"Every actor is in the same group of {an.by.replace('_', ' ')}, so silos between groups cannot "
                "be measured; choose another column to group by.")
    if math.isnan(rep.ei):
        return f"There are no ties, so silos between {groups} cannot be measured."
    scale = "(-1: every tie inside a group; +1: every tie between groups)"
    base = f"the E-I index is {fmt_num(rep.ei)} {scale}, against {fmt_num(rep.ei_expected)} if ties fell at random"
    P = an.permutations
    if not P or math.isnan(rep.ei_p):
        return f"Silos between {groups}: {base} (no permutation test was run)."
    inward = rep.ei <= rep.ei_expected
    p = rep.ei_p if inward else rep.ei_p_high
    verb = "stay inside" if inward else "cross"
    if p < 0.05:
        return f"Ties {verb} {groups} more than chance would give: {base} ({fmt_p(p, P)}, {P} permutations)."
    return (f"Ties {verb} {groups} somewhat more than random ties would: {base}; but with {fmt_p(p, P)} "
            f"({P} permutations) this could be chance, so there is no clear sign of "
            f"{'silos' if inward else 'mixing beyond chance'}.")


def siloed_groups(an: Analysis, top: int = 3) -> list:
    """Groups whose E-I falls furthest below its chance value (most inward-looking first)."""
    return [g for g in an.silos.most_inward(top=None) if not an.small(g)][:top]


def _siloed_groups(an: Analysis) -> str | None:
    rep = an.silos
    chosen = siloed_groups(an)
    if not chosen:
        if len(rep.sizes) >= 2 and not math.isnan(rep.ei):
            return "No group keeps its ties inside more than chance would give."
        return None
    parts = []
    for g in chosen:
        ext = int(rep.group_ties.loc[g, "external"])
        tot = ext + int(rep.group_ties.loc[g, "internal"])
        p = an.silos.group_ei_p.get(g, np.nan)
        doubt = "" if (not math.isnan(p) and p < 0.05) or math.isnan(p) else ", which could be chance"
        parts.append(f"{an.group(g)} (E-I {fmt_num(rep.group_ei[g])} against {fmt_num(rep.group_ei_expected[g])} "
                     f"by chance, {fmt_p(p, an.permutations)}{doubt}; {ext} of {tot} ties reach outside)")
    lead = "The most inward-looking group is " if len(parts) == 1 else "The most inward-looking groups are "
    return lead + join_and(parts) + "."


def top_brokers(an: Analysis, top: int = 3) -> list:
    """Actors with the highest total brokerage (ties broken by id), only those above 0."""
    tot = an.brokerage["total"]
    df = pd.DataFrame({"v": tot.to_numpy(dtype=float), "_key": tot.index.astype(str)}, index=tot.index)
    df = df[df["v"] > 0].sort_values(["v", "_key"], ascending=[False, True])
    return list(df.index[:top])


def _brokers(an: Analysis) -> str:
    chosen = top_brokers(an)
    if not chosen:
        return f"No actor brokers between {by_phrase(an.by)}: no one sits on a two-step path between two actors who are not tied."
    br = an.brokerage
    roles = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison"]
    parts = []
    for a in chosen:
        row = br.loc[a]
        main = max(roles, key=lambda r: (row[r], -roles.index(r)))
        parts.append(f"{an.actor(a)} ({an.group(an.groups[a])}: links {int(row['total'])} pairs, mostly as "
                     f"{_ROLE_TEXT[main]})")
    return ("The strongest brokers, who link the most pairs of actors not tied to each other "
            f"(Gould-Fernandez brokerage by {an.by.replace('_', ' ')}), are " + join_and(parts) + ".")


def _champions(an: Analysis) -> str | None:
    ch = an.champions
    if ch is None:
        return an.notes.get("champions")
    chosen = ch.head(3)
    if not len(chosen):
        return None
    parts = [f"{an.actor(a)} (reaches {fmt_pct(r['reach'])} of policymakers within two steps, brokers "
             f"{int(r['brokerage'])} pairs across groups, named by {int(r['in_degree'])})"
             for a, r in chosen.iterrows()]
    return ("Best placed to champion change with policymakers: " + join_and(parts)
            + ". The ranking combines reach, brokerage and nominations; it names people to talk to, "
              "not a measure of influence.")


def _voice(an: Analysis) -> str | None:
    vo = an.voice
    if vo is None:
        return an.notes.get("voice")
    s = vo.summary
    n = int(s["sources"])
    text = (f"{int(s['within_2'])} of {n} people with lived experience are within two steps of a policymaker")
    if int(s["also_target"]):
        text += f" ({int(s['also_target'])} of them are policymakers themselves)"
    text += "."
    n_u = int(s["unreachable"])
    if n_u:
        text += f" {n_u} {'has' if n_u == 1 else 'have'} no path to any policymaker at all."
    pos = vo.carriers[vo.carriers > 0]
    if len(pos):
        text += " Their voice is carried mostly by " + join_and([an.actor(a) for a in pos.index[:3]]) + "."
    single = vo.actors[vo.actors["disjoint_paths"].fillna(0).astype(int) == 1]
    if len(single):
        firsts = Counter(deps[0] for deps in single["depends_on"] if deps)
        n_s = len(single)
        text += (f" {n_s} {'depends' if n_s == 1 else 'depend'} on a single person to be heard: every route "
                 f"{'passes' if n_s == 1 else 'they have passes'} through one actor")
        if firsts:
            top, top_n = sorted(firsts.items(), key=lambda kv: (-kv[1], str(kv[0])))[0]
            if n_s == 1:
                text += f" ({an.actor(top)})"
            elif top_n > 1:
                text += f" (most often {an.actor(top)}, for {top_n} of them)"
            else:
                text += f" (for example {an.actor(top)})"
        text += "."
    return text


def _vulnerable(an: Analysis) -> str:
    v = an.vulnerabilities
    if v.actors.empty and v.ties.empty:
        return "No single actor or tie holds the network together: losing any one of them would cut no one off."
    text = (f"{plural(len(v.actors), 'actor')} and {plural(len(v.ties), 'tie')} are single points of failure "
            "(ties taken both ways).")
    if len(v.actors):
        aid = v.actors.index[0]
        row = v.actors.iloc[0]
        n = int(row["cut_off"])
        text += f" If {an.actor(aid)} left, {plural(n, 'actor')} would be cut off"
        pairs = [(a, b) for a, b in row.get("groups_disconnected", []) or []
                 if not an.small(a) and not an.small(b)]
        if pairs:
            a, b = pairs[0]
            text += f", and {an.group(a)} would lose every path to {an.group(b)}"
        text += "."
    return text


def _bridges(an: Analysis) -> str:
    rec = an.bridges
    if rec is None or not len(rec):
        return "No new tie between groups was found that would improve how the network connects."
    parts = []
    for i, r in enumerate(rec.head(3).itertuples(index=False), 1):
        intro = getattr(r, "introducer", None)
        who = (f", introduced by {an.actor(intro)}"
               if isinstance(intro, str) and intro in an.labels.index else "")
        reason = str(getattr(r, "reason", "") or "").strip().rstrip(".") if i == 1 else ""
        parts.append(f"({i}) {an.actor(r.source)} ({an.group(r.source_group)}) with {an.actor(r.target)} "
                     f"({an.group(r.target_group)}){who}" + (f" ({reason})" if reason else ""))
    more = " (see Next steps for the reasons)" if len(rec) > 1 else ""
    return "Recommended new ties: " + "; ".join(parts) + f"{more}."


def _change(an: Analysis) -> str | None:
    c = an.comparison
    if c is None:
        return None
    b, a = c.before_name, c.after_name
    sc = c.summary_change
    text = (f"Between waves {b} and {a}, ties went from {int(sc.loc['ties', 'before']):,} to "
            f"{int(sc.loc['ties', 'after']):,} ({c.pairs_gained:,} pairs of actors newly tied, "
            f"{c.pairs_lost:,} no longer tied)")
    if c.cross_group is not None:
        cg = c.cross_group
        text += (f", and ties between {by_phrase(an.by)} from {int(cg['before']):,} to {int(cg['after']):,}")
    text += "."
    if c.ei_change is not None and "(network)" in c.ei_change.index:
        e = c.ei_change.loc["(network)"]
        text += f" The E-I index went from {fmt_num(e['before'])} to {fmt_num(e['after'])}"
        if math.isnan(c.ei_p):
            text += "."
        elif c.ei_p < 0.05:
            text += (f", more than the turnover of ties would give by chance ({fmt_p(c.ei_p, c.permutations)}, "
                     "two-sided).")
        else:
            text += (f", a change the turnover of ties could give by chance ({fmt_p(c.ei_p, c.permutations)}, "
                     "two-sided).")
    return text


def _response_note(an: Analysis) -> str | None:
    r = an.response
    if math.isnan(r.rate) or r.rate < LOW_RESPONSE:
        return None
    return f"{r.respondents:,} of {r.actors:,} actors answered the survey ({fmt_pct(r.rate)})."
