"""Data quality: the ratings ties carry (trust, value, ...), and whether enough actors answered.

- :func:`tie_quality`: tie ratings per actor and per group pair.
- :func:`warn_low_response`: the one warning, raised once per network by every
  metric, that under :data:`LOW_RESPONSE` of the actors answered the survey.
"""
from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from ._check import MISSING_OPTIONS, check_choice, check_columns
from ._repr import html_view, short
from .errors import DataError, DataWarning
from .network import StakeholderNetwork

__all__ = ["tie_quality", "TieQuality", "LOW_RESPONSE", "warn_low_response"]


@dataclass
class TieQuality:
    """Averages of tie ratings (see :func:`tie_quality`).

    Attributes
    ----------
    columns : list of str
        The rating columns.
    actors : DataFrame
        Indexed by actor id: ``label``, ``<column>_received`` (mean rating of
        ties the actor receives), ``<column>_given`` (mean of the ratings it
        gives) and ``n_received``, ``n_given`` (ties rated).
    overall : DataFrame
        One row per rating column: ``mean`` over the ties rated in it (each
        tie once) and ``ties``, how many were rated.
    groups : DataFrame or None
        With ``by``: one row per (``from_group``, ``to_group``) with the mean of
        each rating and ``ties``.
    """

    columns: list
    actors: pd.DataFrame
    groups: pd.DataFrame | None = None
    by: str | None = None
    overall: pd.DataFrame | None = None

    #: The plain-language summary names a highest or lowest mean only where at
    #: least this many ties were rated: a mean of one rating says little.
    MIN_RATED = 3

    def __str__(self) -> str:
        out = []
        k = self.MIN_RATED
        for c in self.columns:
            col = self.actors[f"{c}_received"].dropna()
            if len(col):
                line = (f"Mean {c}: {self.overall.loc[c, 'mean']:.2f} over {int(self.overall.loc[c, 'ties'])} "
                        "rated ties")
                solid = col[self.actors.loc[col.index, "n_received"] >= k]
                if len(solid):
                    top = solid.idxmax()
                    name = self.actors.loc[top, "label"] if "label" in self.actors.columns else top
                    line += (f"; highest for {name} ({solid.max():.2f}, "
                             f"{int(self.actors.loc[top, 'n_received'])} ties; actors with {k} or more rated ties)")
                out.append(line + ".")
        if self.groups is not None and len(self.groups):
            c = self.columns[0]
            g = self.groups.dropna(subset=[c])
            g = g[g["ties"] >= k].sort_values(c)
            if len(g):
                lo = g.iloc[0]
                out.append(f"Lowest {c} between groups: {lo['from_group']} → {lo['to_group']} ({lo[c]:.2f} over "
                           f"{int(lo['ties'])} ties; pairs of groups with {k} or more ties).")
        return "\n".join(out)

    def _headline(self) -> str:
        parts = [f"mean {c} {self.overall.loc[c, 'mean']:.2f} over {int(self.overall.loc[c, 'ties'])} ties"
                 for c in self.columns if self.overall is not None and c in self.overall.index]
        return "; ".join(parts) or "no ratings"

    def __repr__(self) -> str:
        return short("TieQuality", self._headline())

    def _repr_html_(self) -> str:
        first = f"{self.columns[0]}_received" if self.columns else None
        t = self.actors
        if first in t.columns:
            t = t.sort_values([first], ascending=False, na_position="last", kind="mergesort")
        return html_view("TieQuality", self._headline(), str(self).split("\n"), t,
                         caption="highest rated first")


def tie_quality(net: StakeholderNetwork, columns: Sequence[str] = ("trust", "value"), by: str | None = None, *,
                missing: str = "error") -> TieQuality:
    """Average tie ratings received and given per actor, and per group pair.

    As the PARTNER tool reports trust and value: each rated tie counts once;
    ties without a rating (empty cell) are left out of that rating's mean.
    Columns that are absent from the ties are an error; pass the ones present.

    Parameters
    ----------
    net : StakeholderNetwork
    columns : sequence of str, default ("trust", "value")
        Numeric tie columns holding ratings.
    by : str, optional
        An actor column: adds means per (sender group, receiver group).
    missing : {"error", "own_group"}

    Returns
    -------
    TieQuality

    Raises
    ------
    NotFoundError
        If a column is not a tie column, or ``by`` not an actor column.
    DataError
        If a column is not numeric, or ``by`` values are missing and
        ``missing="error"``.
    OptionError
        If ``missing`` is not one of the choices.

    Notes
    -----
    To use a rating as the weight of any metric, pass
    ``net.weighted_by("trust")`` to it.

    References
    ----------
    Varda, D. M., Chandra, A., Stern, S. A. & Lurie, N. (2008). Core
    dimensions of connectivity in public health collaboratives. Journal of
    Public Health Management and Practice 14(5), E1-E7.
    doi:10.1097/01.PHH.0000333889.60517.46

    Examples
    --------
    >>> import pandas as pd, systemsmap as sm
    >>> ties = pd.DataFrame({"source": ["a", "b", "c"], "target": ["c", "c", "a"], "trust": [4, 2, 3]})
    >>> q = sm.tie_quality(sm.from_frames(None, ties), columns=["trust"])
    >>> float(q.actors.loc["c", "trust_received"])
    3.0
    """
    hint = ("'value' and 'strength' are read as the tie weight when the ties have no 'weight' column: use "
            "columns=['weight'], or load with columns={'value': 'value'} to keep it as a rating")
    columns = check_columns(net, columns, table="ties", name="columns",
                            suggestions={"value": hint, "strength": hint})
    groups = net.groups(by, missing=missing).series if by is not None else None
    check_choice("missing", missing, MISSING_OPTIONS)
    t = net.ties
    for c in columns:
        if not pd.api.types.is_numeric_dtype(t[c]) or pd.api.types.is_bool_dtype(t[c]):
            raise DataError(f"tie column is not numeric (found {t[c].dtype})", column=c,
                            expected="ratings that are numbers")
    ids = net.ids
    out = pd.DataFrame({"label": net.actors["label"].to_numpy(dtype=object)}, index=pd.Index(ids, name="id"))
    src, tgt = t["source"], t["target"]
    if not net.directed:  # each rating belongs to both ends
        src, tgt = pd.concat([src, tgt], ignore_index=True), pd.concat([tgt, src], ignore_index=True)
        t = pd.concat([t, t], ignore_index=True)
    for c in columns:
        vals = t[c].astype(float)
        out[f"{c}_received"] = vals.groupby(tgt.to_numpy()).mean().reindex(ids).to_numpy()
        out[f"{c}_given"] = vals.groupby(src.to_numpy()).mean().reindex(ids).to_numpy()
    rated = t[columns].notna().any(axis=1).to_numpy()
    out["n_received"] = pd.Series(rated).groupby(tgt.to_numpy()).sum().reindex(ids).fillna(0).astype(int).to_numpy()
    out["n_given"] = pd.Series(rated).groupby(src.to_numpy()).sum().reindex(ids).fillna(0).astype(int).to_numpy()
    table = None
    if groups is not None:
        tt = net.ties
        frame = pd.DataFrame({"from_group": groups.reindex(tt["source"]).to_numpy(),
                              "to_group": groups.reindex(tt["target"]).to_numpy()})
        for c in columns:
            frame[c] = tt[c].astype(float).to_numpy()
        agg = frame.groupby(["from_group", "to_group"])
        table = agg[columns].mean()
        table["ties"] = agg.size()
        table = table.reset_index()
    rated_ties = net.ties[columns].astype(float)
    overall = pd.DataFrame({"mean": rated_ties.mean(), "ties": rated_ties.notna().sum()})
    return TieQuality(columns, out, table, by, overall)


#: Response rate under which the metrics warn (issue: betweenness and brokerage of
#: non-respondents rest only on what others reported).
LOW_RESPONSE = 0.70


def warn_low_response(net) -> None:
    """Warn, once per network, when under 70% of the actors answered the survey.

    The rate is :func:`~systemsmap.response`'s: actors whose ``respondent`` is
    true over actors whose ``respondent`` is known. Networks without a
    ``respondent`` column, or with no known answer, are not checked. Centrality
    rankings degrade quickly once more than about a third of the actors are
    missing (Costenbader and Valente 2003; Borgatti, Carley and Krackhardt 2006),
    which is why 70% is the threshold.

    References
    ----------
    Costenbader, E., & Valente, T. W. (2003). The stability of centrality
    measures when networks are sampled. *Social Networks*, 25(4), 283-307.
    Borgatti, S. P., Carley, K. M., & Krackhardt, D. (2006). On the robustness
    of centrality measures under conditions of imperfect data. *Social
    Networks*, 28(2), 124-136.
    """
    cache = net._cache
    if "low_response_checked" in cache:
        return
    cache["low_response_checked"] = True
    actors = net.actors
    if "respondent" not in actors.columns:
        return
    resp = actors["respondent"].astype("boolean")
    known = int(resp.notna().sum())
    if not known:
        return
    rate = float(resp.sum()) / known
    if rate < LOW_RESPONSE:
        warnings.warn(
            f"only {int(resp.sum())} of {known} actors answered the survey ({rate:.0%}, under "
            f"{LOW_RESPONSE:.0%}): non-respondents' ties are only those others reported, so their "
            "centrality and brokerage are understated and rankings are fragile; see "
            "systemsmap.response(), impute() and robustness()",
            DataWarning, stacklevel=3)
