"""Champions: actors well placed to carry a change to decision-makers.

Valente (2012) lists ways to pick the people who will carry an intervention;
the most used is to pick opinion leaders, and Valente and Pumpuang (2007)
review how to find them: by how often others name them, by their position
between groups, and by their access to those who decide. This module
combines three such measures into one documented score and shows each of
them, so the choice can be argued with.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from .._check import MISSING_OPTIONS, check_bool, check_choice, check_column, check_int
from ..network import StakeholderNetwork
from .._scope import action_network, nonrespondents
from .voice import _answered, _members, _roles_list

__all__ = ["champions"]


def _below(x: np.ndarray) -> np.ndarray:
    """How many values are strictly lower than each (``rank_min - 1``)."""
    return np.searchsorted(np.sort(x), x, side="left").astype(np.int64)


def _percentile(x: np.ndarray) -> np.ndarray:
    """Share of the other actors with a strictly lower value: ``(rank_min - 1) / (n - 1)``."""
    n = len(x)
    if n < 2:
        return np.zeros(n)
    return _below(x) / (n - 1)


def _targets_within_two(g, T: np.ndarray) -> np.ndarray:
    """For each actor, the actors of ``T`` other than itself within two steps of it, ties followed either way:
    two levels of breadth-first searches from ``T``, 64 to a machine word
    (:class:`~systemsmap._sweep.BitSweep`).

    Examples
    --------
    >>> import igraph as ig
    >>> _targets_within_two(ig.Graph([(0, 1), (2, 1), (2, 3), (3, 4)], directed=True), np.array([0, 4])).tolist()
    [0, 1, 2, 1, 0]
    """
    from .._sweep import BitSweep

    sweep = BitSweep(g, mode="all")
    within = np.zeros(g.vcount(), dtype=np.int64)
    for batch in sweep.batches(np.unique(T)):
        within += sweep.run(batch, within=(2,), depth=2).within[2]
    return within


def champions(
    net: StakeholderNetwork,
    *,
    target: str | Iterable[str] = "policymaker",
    by: str | None = None,
    top: int | None = 10,
    missing: str = "error",
    include_nonrespondents: bool = False,
    waves: Any = "latest",
) -> pd.DataFrame:
    """Rank actors as potential champions: reach to decision-makers, brokerage and nominations.

    Parameters
    ----------
    net : StakeholderNetwork
        Several ties between a pair count as one; weights are ignored.
    target : str or list of str, default "policymaker"
        The role(s) of the decision-makers (any of an actor's roles counts).
    by : str, optional
        The actor column whose groups brokerage is counted across; ``None``
        uses each actor's primary role.
    top : int or None, default 10
        How many actors to return; ``None`` for all.
    missing : {"error", "own_group"}
        Actors with no value of ``by``; see :meth:`StakeholderNetwork.groups`.
    include_nonrespondents : bool, default False
        Whether to list actors who did not answer the survey (``respondent``
        false). Their own ties are unknown, so by default they are left out
        of the ranking (their scores, and everyone's, are computed on the
        whole network either way); with True they are listed too, and
        ``answered`` marks them.
    waves : {"latest", "pooled"} or a wave, default "latest"
        Which ties to use when they carry waves: the latest wave's (with
        that wave's actors), every wave's pooled, or one wave's (see
        :func:`systemsmap._scope.action_network`). The sentence is in
        ``result.attrs["scope"]``.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``id``, best first (equal scores by id), with columns

        - ``label``: the actor's name;
        - ``reach``: the share of target actors, other than the actor, within
          two steps, following ties either way (unlike :func:`voice`, which
          follows them in their direction: a champion can carry a message
          to a policymaker who named them as much as to one they named);
        - ``brokerage``: Gould-Fernandez brokerage across groups, the
          ``total`` of :func:`systemsmap.brokerage` less its ``coordinator``
          count (brokering within one's own group);
        - ``in_degree``: how many other actors name the actor (its degree in
          an undirected network);
        - ``reach_pct``, ``brokerage_pct``, ``in_degree_pct``: each as the
          share of the other actors it beats (see Notes);
        - ``score``: the mean of the three percentiles, in [0, 1];
        - ``answered``: whether the actor answered the survey (``<NA>``
          when not known).

        ``result.attrs`` holds ``scope`` (the ties used) and
        ``nonrespondents_left_out`` (how many were not listed).

    Raises
    ------
    DataError
        If no actor holds the target role, or groups are missing (see ``missing``).
    NotFoundError
        If ``by`` is not an actor column (a ``DataError`` and a ``KeyError``).
    OptionError
        If ``target``, ``top``, ``missing`` or ``include_nonrespondents`` is
        not valid (a ``ValueError``).

    See Also
    --------
    voice : how far one group's voice travels to another, and who carries it.
    key_players : the set of actors that together reach the most.

    Notes
    -----
    Each component ``x`` is turned into ``p_i = #{j : x_j < x_i} / (n - 1)``,
    the share of the other actors with a strictly lower value (rank
    percentile with ties at their lowest rank, over every actor of the
    network, listed or not), and
    ``score = (p_reach + p_brokerage + p_in_degree) / 3``.

    Rank percentiles rather than min-max rescaling because the three
    components are on unrelated scales with very skewed distributions
    (a few actors hold most nominations and most brokerage): min-max would
    let one outlier squeeze everyone else towards 0 on that component and
    so weigh it less; percentiles weigh the three alike, ignore outliers'
    size, and read simply ("beats 80% of the others on reach"). Giving tied
    actors their lowest rank keeps actors with nothing (no brokerage, say)
    at 0 rather than crediting them with half the ties.

    The components follow Valente and Pumpuang's (2007) ways of finding
    opinion leaders: sociometric nominations (in-degree), positional
    measures (brokerage between groups, as in Gould and Fernandez), and,
    for a policy champion, access to the people who decide (reach). The
    score is a screening aid: it names candidates to discuss, not a
    measurement of influence.

    References
    ----------
    .. [1] Valente, T. W. (2012). Network interventions. *Science* 337,
       49-53. https://doi.org/10.1126/science.1217330
    .. [2] Valente, T. W. and Pumpuang, P. (2007). Identifying opinion
       leaders to promote behavior change. *Health Education & Behavior*
       34(6), 881-896. https://doi.org/10.1177/1090198106297855
    .. [3] Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation:
       a formal approach to brokerage in transaction networks. *Sociological
       Methodology* 19, 89-126. https://doi.org/10.2307/270949

    Examples
    --------
    >>> import pandas as pd
    >>> import systemsmap as sm
    >>> actors = pd.DataFrame({"id": ["R1", "R2", "I1", "L1", "P1", "P2"],
    ...     "role": ["researcher", "researcher", "implementer", "lived_experience",
    ...              "policymaker", "policymaker"]})
    >>> ties = pd.DataFrame({"source": ["R2", "R1", "L1", "I1", "P1"],
    ...                      "target": ["R1", "I1", "I1", "P1", "P2"]})
    >>> net = sm.from_frames(actors, ties)
    >>> sm.champions(net, top=3)[["reach", "brokerage", "in_degree", "score"]]
        reach  brokerage  in_degree     score
    id
    I1    1.0          2          2  0.866667
    P1    1.0          1          1  0.533333
    R1    0.5          1          1  0.400000
    """
    top = check_int("top", top, minimum=1, allow_none=True)
    if by is not None:
        check_column(net, by, name="by")
    missing = check_choice("missing", missing, MISSING_OPTIONS)
    include_nonrespondents = check_bool("include_nonrespondents", include_nonrespondents)
    net, scope = action_network(net, waves)
    T = _members(net, _roles_list(target, "target"), "target")
    ids = net.ids
    n = len(ids)
    from ..metrics.brokerage import brokerage

    # (a) reach: target actors other than oneself within two steps, either way
    g = net._graph()
    is_target = np.zeros(n, dtype=bool)
    is_target[T] = True
    others = len(T) - is_target.astype(int)
    with np.errstate(invalid="ignore", divide="ignore"):
        reach = np.where(others > 0, _targets_within_two(g, T) / np.maximum(others, 1), 0.0)

    # (b) brokerage across groups
    br = brokerage(net, by if by is not None else "role", missing=missing)
    cross = (br["total"] - br["coordinator"]).reindex(ids).to_numpy(dtype=np.int64)

    # (c) nominations received
    indeg = np.asarray(g.degree(mode="in" if g.is_directed() else "all"), dtype=np.int64)

    labels = net.actors["label"] if "label" in net.actors.columns else pd.Series(ids, index=ids)
    out = pd.DataFrame({"label": labels.reindex(ids).to_numpy(dtype=object), "reach": reach,
                        "brokerage": cross, "in_degree": indeg},
                       index=pd.Index(ids, dtype=object, name="id"))
    below = np.zeros(n, dtype=np.int64)
    for col in ("reach", "brokerage", "in_degree"):
        x = out[col].to_numpy(dtype=float)
        out[f"{col}_pct"] = _percentile(x)
        below += _below(x)
    # the mean of the three percentiles, from integer counts so that equal scores are equal floats
    out["score"] = below / (3 * (n - 1)) if n > 1 else 0.0
    out["answered"] = _answered(net).to_numpy()
    order = sorted(range(n), key=lambda i: (-below[i], ids[i]))
    out = out.iloc[order]
    left_out = 0
    if not include_nonrespondents:
        absent = out.index.isin(nonrespondents(net))
        left_out = int(absent.sum())
        out = out[~absent]
    if top is not None:
        out = out.head(int(top))
    out.attrs = {"scope": scope, "nonrespondents_left_out": left_out}
    return out
