"""Tie quality: the ratings ties carry (trust, value, ...) per actor and per group pair."""
from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .errors import DataError
from .network import StakeholderNetwork

__all__ = ["tie_quality", "TieQuality"]


@dataclass
class TieQuality:
    """Averages of tie ratings (see :func:`tie_quality`).

    Attributes
    ----------
    columns : list of str
        The rating columns.
    actors : DataFrame
        Indexed by actor id: ``<column>_received`` (mean rating of ties the
        actor receives), ``<column>_given`` (mean of the ratings it gives) and
        ``n_received``, ``n_given`` (ties rated).
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
                    line += (f"; highest for {top} ({solid.max():.2f}, "
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

    def _repr_html_(self) -> str:
        return f"<div><pre>{html.escape(str(self))}</pre></div>"


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
    DataError
        If a column is not a tie column or is not numeric.

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
    columns = [columns] if isinstance(columns, str) else list(columns)
    t = net.ties
    for c in columns:
        if c not in t.columns:
            hint = (" ('value' and 'strength' are read as the tie weight when the ties have no 'weight' column:"
                    " use columns=['weight'], or load with columns={'value': 'value'} to keep it as a rating)"
                    if c in ("value", "strength") else "")
            raise DataError(f"{c!r} is not a tie column; the tie columns are {', '.join(map(repr, t.columns))}; "
                            f"pass columns=[...] naming the rating columns{hint}")
        if not pd.api.types.is_numeric_dtype(t[c]) or pd.api.types.is_bool_dtype(t[c]):
            raise DataError(f"tie column {c!r} is not numeric (found {t[c].dtype}); ratings must be numbers")
    ids = net.ids
    out = pd.DataFrame(index=pd.Index(ids, name="id"))
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
    groups = None
    if by is not None:
        g = net.groups(by, missing=missing)
        tt = net.ties
        frame = pd.DataFrame({"from_group": g.reindex(tt["source"]).to_numpy(),
                              "to_group": g.reindex(tt["target"]).to_numpy()})
        for c in columns:
            frame[c] = tt[c].astype(float).to_numpy()
        agg = frame.groupby(["from_group", "to_group"])
        groups = agg[columns].mean()
        groups["ties"] = agg.size()
        groups = groups.reset_index()
    rated_ties = net.ties[columns].astype(float)
    overall = pd.DataFrame({"mean": rated_ties.mean(), "ties": rated_ties.notna().sum()})
    return TieQuality(columns, out, groups, by, overall)
