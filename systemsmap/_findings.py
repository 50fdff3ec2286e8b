"""Each actor's place in the findings, assembled from results the library's functions computed.

The interactive map (its side panel) and the Kumu export (its fields) both say
of an actor whether they are among the top brokers, potential champions,
carriers of the voice of lived experience, single points of failure, ends or
introducers of recommended ties. Nothing here computes a metric: it ranks,
picks and words the tables that :func:`~systemsmap.brokerage`,
:func:`~systemsmap.champions`, :func:`~systemsmap.voice`,
:func:`~systemsmap.vulnerabilities` and :func:`~systemsmap.bridges` returned.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ._check import check_result, check_table
from .groups import display_name
from .network import StakeholderNetwork

__all__ = ["FLAGS", "actor_findings", "check_findings"]

#: The flags, in the order they are listed, with the words shown for them.
FLAGS = {
    "broker": "broker",
    "champion": "potential champion",
    "voice_carrier": "voice carrier",
    "single_point": "single point of failure",
    "recommended": "recommended tie",
    "introducer": "introducer",
}

#: Gould-Fernandez roles in plain words (what the broker stands between).
BROKER_WORDS = {
    "coordinator": "within their own group",
    "itinerant": "for two people of another group",
    "representative": "from their group to another",
    "gatekeeper": "from another group into theirs",
    "liaison": "between two other groups",
}


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _num(x: float) -> str:
    return f"{x:.0f}" if float(x).is_integer() else f"{x:.3g}"


def check_findings(net: StakeholderNetwork, *, brokerage: Any = None, champions: Any = None, voice: Any = None,
                   vulnerabilities: Any = None, bridges: Any = None) -> None:
    """Check that each result given is the kind of table or report its function returns."""
    if brokerage is not None:
        check_table("brokerage", brokerage, ["total"], what="a brokerage() table")
    if champions is not None:
        check_table("champions", champions, ["score"], what="a champions() table")
    if voice is not None:
        check_result("voice", voice, ("actors", "carriers"), "a voice() report")
    if vulnerabilities is not None:
        check_result("vulnerabilities", vulnerabilities, ("actors", "ties"), "a vulnerabilities() result")
    if bridges is not None:
        check_table("bridges", bridges, ["source", "target"], what="a bridges() table")


def actor_findings(net: StakeholderNetwork, *, brokerage: pd.DataFrame | None = None,
                   champions: pd.DataFrame | None = None, voice: Any = None, vulnerabilities: Any = None,
                   bridges: pd.DataFrame | None = None, top: int = 10) -> pd.DataFrame:
    """Each actor's place in the findings: flags, ranks and plain sentences.

    Parameters
    ----------
    net : StakeholderNetwork
    brokerage, champions, voice, vulnerabilities, bridges
        Results of the functions of those names, for this network (any may be None).
    top : int
        How far down a ranking an actor is flagged (brokers, champions, voice carriers).

    Returns
    -------
    pandas.DataFrame
        Indexed by actor id: ``flags`` (tuple of keys of :data:`FLAGS`),
        ``sentences`` (tuple of plain sentences), and the numbers behind them
        where the results were given: ``broker_rank``, ``champion_rank``,
        ``voice_carrier_share`` (or ``voice_carrier_paths``), ``cut_off``.

    Examples
    --------
    >>> import systemsmap as sm
    >>> net = sm.load_example("karate_club")
    >>> f = actor_findings(net, brokerage=sm.brokerage(net, "club"), top=2)
    >>> f.loc[f["flags"].map(len) > 0, "sentences"].map(len).tolist()
    [1, 1]
    """
    ids = net.ids
    flags: dict[Any, list[str]] = {i: [] for i in ids}
    says: dict[Any, list[str]] = {i: [] for i in ids}
    out = pd.DataFrame(index=ids.copy())
    labels = net.actors["label"].astype(str)
    if brokerage is not None:
        out["broker_rank"] = _brokers(brokerage.reindex(ids), top, len(ids), flags, says)
    if champions is not None:
        out["champion_rank"] = _champions(champions, ids, top, flags, says)
    if voice is not None:
        out = out.join(_carriers(voice, ids, top, flags, says))
        _voices(voice, labels, says)
    if vulnerabilities is not None:
        out["cut_off"] = _single_points(vulnerabilities, ids, flags, says)
    if bridges is not None:
        _recommended(bridges, labels, flags, says)
    order = list(FLAGS)
    out["flags"] = [tuple(sorted(dict.fromkeys(flags[i]), key=order.index)) for i in ids]
    out["sentences"] = [tuple(says[i]) for i in ids]
    out.index.name = "id"
    return out


def _rank(values: pd.Series) -> pd.Series:
    """1 for the largest value, ties by id; NaN and values of 0 or less are not ranked."""
    v = values.astype(float)
    keep = v[v > 0]
    order = pd.DataFrame({"v": keep.to_numpy(), "k": keep.index.astype(str)}, index=keep.index)
    ranked = order.sort_values(["v", "k"], ascending=[False, True]).index
    return pd.Series(np.arange(1, len(ranked) + 1), index=ranked).reindex(values.index).astype("Int64")


def _brokers(table: pd.DataFrame, top: int, n: int, flags: dict, says: dict) -> pd.Series:
    rank = _rank(table["total"])
    for aid, r in rank.dropna().items():
        if r > top:
            continue
        flags[aid].append("broker")
        row = table.loc[aid]
        parts = [f"{_num(row[c])} {BROKER_WORDS[c]}" for c in BROKER_WORDS if c in row.index and row[c] > 0]
        says[aid].append(f"Broker: {_ordinal(int(r))} of {n} by brokerage, standing between "
                         f"{_num(row['total'])} pairs of actors" + (f" ({'; '.join(parts)})" if parts else "") + ".")
    return rank


def _champions(table: pd.DataFrame, ids: pd.Index, top: int, flags: dict, says: dict) -> pd.Series:
    rank = pd.Series(np.arange(1, len(table) + 1), index=table.index).reindex(ids).astype("Int64")
    for aid, r in rank.dropna().items():
        if r > top:
            continue
        flags[aid].append("champion")
        says[aid].append(f"Potential champion: {_ordinal(int(r))} of {len(table)} (score "
                         f"{float(table.loc[aid, 'score']):.2f}, from reach to decision-makers, brokerage "
                         "and how often others name them).")
    return rank


def _carriers(voice: Any, ids: pd.Index, top: int, flags: dict, says: dict) -> pd.DataFrame:
    share = getattr(voice, "carrier_share", None)
    use_share = isinstance(share, pd.Series) and len(share) > 0
    values = (share if use_share else voice.carriers).reindex(ids).astype(float)
    rank = _rank(values)
    for aid, r in rank.dropna().items():
        if r > top:
            continue
        flags[aid].append("voice_carrier")
        amount = (f"on {values[aid]:.0%} of the shortest routes" if use_share
                  else f"on {_num(values[aid])} shortest routes")
        says[aid].append(f"Carries the voice of lived experience: {amount} from people with lived experience "
                         f"to decision-makers ({_ordinal(int(r))} carrier).")
    name = "voice_carrier_share" if use_share else "voice_carrier_paths"
    return pd.DataFrame({name: values.where(values > 0)}, index=ids)


def _voices(voice: Any, labels: pd.Series, says: dict) -> None:
    """A sentence for each source actor: how far their voice reaches, and whom a single route depends on."""
    a = voice.actors
    for aid, row in a.iterrows():
        if aid not in says:
            continue
        if bool(row.get("is_target", False)):
            continue
        d = float(row["distance"])
        status = row.get("status", "reached" if np.isfinite(d) else "no path")
        if status == "unknown":
            says[aid].append("Their voice (lived experience) has no known route to a decision-maker; "
                             "missing answers may hide one.")
            continue
        if not np.isfinite(d):
            says[aid].append("Their voice (lived experience) has no route to a decision-maker.")
            continue
        steps = f"{int(d)} step{'s' if d != 1 else ''}"
        text = f"Their voice (lived experience) reaches a decision-maker in {steps}"
        deps = list(row.get("depends_on") or [])
        if pd.notna(row.get("disjoint_paths")) and int(row["disjoint_paths"]) == 1 and deps:
            text += ", by one route only, through " + ", ".join(str(labels.get(x, x)) for x in deps)
        says[aid].append(text + ".")


def _single_points(vul: Any, ids: pd.Index, flags: dict, says: dict) -> pd.Series:
    t = vul.actors
    by = getattr(vul, "by", None)
    for aid, row in t.iterrows():
        if aid not in flags:
            continue
        flags[aid].append("single_point")
        n = int(row["cut_off"])
        text = f"Single point of failure: if they left, {n} actor{'s' if n != 1 else ''} would be cut off"
        pairs = row.get("groups_disconnected") if "groups_disconnected" in row.index else None
        if pairs:
            shown = [f"{display_name(a, by)} and {display_name(b, by)}" for a, b in list(pairs)[:3]]
            text += ", and these groups would lose every path between them: " + "; ".join(shown)
        says[aid].append(text + ".")
    return t["cut_off"].reindex(ids).astype("Int64") if "cut_off" in t.columns else pd.Series(pd.NA, index=ids)


def _recommended(bridges: pd.DataFrame, labels: pd.Series, flags: dict, says: dict) -> None:
    for rank, row in bridges.iterrows():
        s, t = row["source"], row["target"]
        intro = row.get("introducer")
        has_intro = intro is not None and not (isinstance(intro, float) and np.isnan(intro)) and intro in flags
        via = f", introduced by {labels[intro]}" if has_intro else ""
        for me, other in ((s, t), (t, s)):
            if me in flags:
                flags[me].append("recommended")
                says[me].append(f"Recommended new tie {rank}: with {labels.get(other, other)}{via}.")
        if has_intro:
            flags[intro].append("introducer")
            says[intro].append(f"Could introduce {labels.get(s, s)} and {labels.get(t, t)} "
                               f"(recommended tie {rank}).")
