"""Care with data: stable pseudonyms, small-group suppression, disclosure risk.

Stakeholder networks name people, and some attributes (lived experience of a
mental-health condition) are health information. These functions help share
results without exposing who is who.
"""
from __future__ import annotations

import hashlib
import hmac
import re
import warnings
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from ._check import (check_any_columns, check_bool, check_choice, check_columns, check_int,
                     check_text)
from .errors import DataWarning
from .groups import MISSING
from .network import StakeholderNetwork

__all__ = ["pseudonymise", "suppress_small", "disclosure_risk", "free_text_columns"]

_FREE_TEXT_NAMES = re.compile(r"(name|label|email|e-mail|phone|address|note|comment|description|desc|"
                              r"text|remarks?|bio|url|link|contact|postcode|zip)", re.I)
_STRUCTURAL_TIES = {"source", "target", "relation", "weight", "wave", "imputed", "weight_observed",
                    "weight_original", "direction"}
_STRUCTURAL_ACTORS = {"label", "role", "respondent", "waves"}


def free_text_columns(table: pd.DataFrame, *, protected: Iterable[str] = ()) -> list[str]:
    """Columns that look like free text or direct identifiers.

    A text column is free text when its name suggests it (name, email, phone,
    address, note, comment, description, url, ...) or when most of its values
    are distinct (more than half of the non-empty values, with at least 5
    values), as names and comments are, while categories such as sector or
    region repeat. Numeric and boolean columns are never free text.
    """
    protected = set(protected)
    out = []
    for c in table.columns:
        if c in protected:
            continue
        s = table[c]
        if not (pd.api.types.is_object_dtype(s) or pd.api.types.is_string_dtype(s)):
            continue
        vals = s.dropna()
        if _FREE_TEXT_NAMES.search(str(c)):
            out.append(c)
        elif len(vals) >= 5 and vals.nunique() > 0.5 * len(vals):
            out.append(c)
    return out


def _code(salt: str, value: str, length: int) -> str:
    return hmac.new(salt.encode("utf-8"), value.encode("utf-8"), hashlib.sha256).hexdigest()[:length]


def pseudonymise(net: StakeholderNetwork, *, salt: str, keep: Sequence[str] = (), prefix: str = "P",
                 length: int = 10) -> tuple[StakeholderNetwork, pd.DataFrame]:
    """Replace actor ids and labels by stable codes derived from a secret salt.

    Parameters
    ----------
    net : StakeholderNetwork
    salt : str
        A secret kept apart from the shared data. The same salt gives the same
        code to the same id, so waves and files pseudonymised separately still
        match; without the salt the codes cannot be reversed.
    keep : sequence of str
        Free-text actor or tie columns to keep (by default they are dropped;
        see :func:`free_text_columns`).
    prefix : str, default "P"
        Text before each code ("" for none).
    length : int, default 10
        Hex digits of the code, 4 to 64 (lengthened automatically on a collision).

    Returns
    -------
    network : StakeholderNetwork
        Ids and labels are the codes; free-text columns dropped.
    key : DataFrame
        ``code``, ``id``, ``label``: the table to store apart, securely.

    Raises
    ------
    OptionError
        If ``salt`` is not a non-empty text, or ``prefix`` or ``length`` is
        not valid (a ``ValueError``).
    NotFoundError
        If a ``keep`` column is neither an actor nor a tie column (a
        ``DataError`` and a ``KeyError``).

    Warns
    -----
    DataWarning
        Listing the columns dropped.

    Notes
    -----
    Codes are ``prefix`` + the first ``length`` hex digits of
    HMAC-SHA256(salt, id). Pseudonymised data can still identify people
    through their attributes and position; check with :func:`disclosure_risk`.

    Examples
    --------
    >>> import systemsmap as sm
    >>> net = sm.load_example("implementation_ecosystem")
    >>> pnet, key = sm.pseudonymise(net, salt="keep-me-secret")
    >>> set(pnet.ids) & set(net.ids)
    set()
    >>> pnet2, _ = sm.pseudonymise(net, salt="keep-me-secret")
    >>> list(pnet.ids) == list(pnet2.ids)
    True
    """
    salt = check_text("salt", salt)
    keep = check_any_columns(net, keep, name="keep")
    prefix = check_text("prefix", prefix) if prefix != "" else prefix
    length = check_int("length", length, minimum=4, maximum=64)
    a, t = net.actors, net.ties
    ids = [str(i) for i in a.index]
    n = length
    while True:
        codes = [prefix + _code(salt, i, n) for i in ids]
        if len(set(codes)) == len(codes):
            break
        n += 2
    mapping = dict(zip(ids, codes))
    drop_a = [c for c in free_text_columns(a, protected=set(keep) | _STRUCTURAL_ACTORS)]
    drop_t = [c for c in free_text_columns(t, protected=set(keep) | _STRUCTURAL_TIES)]
    if drop_a or drop_t:
        warnings.warn("pseudonymise dropped free-text columns: "
                      + ", ".join([f"actors.{c}" for c in drop_a] + [f"ties.{c}" for c in drop_t])
                      + " (pass keep=[...] to keep them)", DataWarning, stacklevel=2)
    key = pd.DataFrame({"code": codes, "id": ids, "label": a["label"].tolist()})
    na = a.drop(columns=drop_a)
    na.index = pd.Index([mapping[i] for i in ids], name="id", dtype=object)
    na["label"] = na.index.to_numpy(dtype=object)
    nt = t.drop(columns=drop_t)
    nt["source"] = nt["source"].map(mapping).astype(object)
    nt["target"] = nt["target"].map(mapping).astype(object)
    return StakeholderNetwork(na, nt, net.directed), key


def suppress_small(table: pd.DataFrame, min_size: int = 5, *, sizes: pd.Series | None = None,
                   how: str = "blank", other: str = "Other groups") -> pd.DataFrame:
    """Blank or merge the rows (and columns) of groups smaller than ``min_size`` in a group table.

    Parameters
    ----------
    table : DataFrame
        Indexed by group: a table of group figures, or a square group x group
        table (a mixing or density matrix), whose rows and columns are both treated.
    min_size : int, default 5
    sizes : Series, optional
        Group sizes indexed by group. By default taken from a column named
        ``actors``, ``size``, ``n`` or ``count`` in ``table``.
    how : {"blank", "merge"}
        ``"blank"``: every value of a small group becomes missing (its size
        too), keeping the row so readers see it was suppressed. ``"merge"``:
        small groups are summed into one row (and column) named ``other``;
        only for tables of counts, since rates and indices cannot be summed.
        If the merged group is itself smaller than ``min_size`` it is blanked.
    other : str, default "Other groups"

    Returns
    -------
    DataFrame

    Raises
    ------
    OptionError
        If ``min_size``, ``how`` or ``other`` is not valid (a ``ValueError``).
    ValueError
        If sizes cannot be found.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"actors": [40, 3, 12], "ei": [-0.5, 0.2, -0.1]}, index=["a", "b", "c"])
    >>> suppress_small(t)["ei"].isna().tolist()
    [False, True, False]
    """
    min_size = check_int("min_size", min_size, minimum=1)
    how = check_choice("how", how, ("blank", "merge"))
    other = check_text("other", other)
    if sizes is None:
        for name in ("actors", "size", "n", "count"):
            if name in table.columns:
                sizes = table[name]
                break
        else:
            raise ValueError("pass sizes= (group sizes indexed by group): the table has no 'actors', 'size', "
                             "'n' or 'count' column")
    square = list(table.index) == list(table.columns)
    small = [g for g in table.index if g in sizes.index and sizes[g] < min_size]
    out = table.copy()
    if not small:
        return out
    if how == "blank":
        out = out.astype({c: float for c in out.columns if pd.api.types.is_integer_dtype(out[c])})
        out.loc[small, :] = np.nan
        if square:
            out.loc[:, small] = np.nan
        return out
    big = [g for g in table.index if g not in small]
    merged_size = float(sizes.reindex(small).sum())
    if square:
        m = out.loc[big, big].copy()
        m[other] = out.loc[big, small].sum(axis=1)
        row = out.loc[small, big].sum(axis=0)
        row[other] = out.loc[small, small].to_numpy().sum()
        m.loc[other] = row
        out = m
    else:
        num = out.select_dtypes("number").columns
        row = out.loc[small, num].sum(axis=0)
        out = out.loc[big].copy()
        out.loc[other, num] = row
    if merged_size < min_size:
        out = out.astype(float)
        out.loc[other, :] = np.nan
        if square:
            out.loc[:, other] = np.nan
    return out


def disclosure_risk(net: StakeholderNetwork, quasi_identifiers: Sequence[str], *, degree: bool = True,
                    k: int = 1) -> pd.DataFrame:
    """Actors whose combination of attributes (and degree) is rare enough to identify them.

    Parameters
    ----------
    net : StakeholderNetwork
    quasi_identifiers : sequence of str
        Actor columns an outsider might know (role, organisation, region, ...).
    degree : bool, default True
        Also count the actor's number of contacts (one tie per pair, any
        direction) as known: in a map, position gives people away.
    k : int, default 1
        Flag actors whose combination is shared by at most ``k`` actors
        (``k=1``: unique; k-anonymity asks for more than k).

    Returns
    -------
    DataFrame
        Indexed by actor id, sorted by ``class_size`` then id: the
        quasi-identifier values, ``degree`` (when used), ``class_size`` (how
        many actors share the combination) and ``at_risk`` (class_size <= k).

    Raises
    ------
    NotFoundError
        If a quasi-identifier is not an actor column (a ``DataError`` and a ``KeyError``).
    OptionError
        If ``degree`` or ``k`` is not valid (a ``ValueError``).

    References
    ----------
    Sweeney, L. (2002). k-anonymity: a model for protecting privacy.
    International Journal of Uncertainty, Fuzziness and Knowledge-Based
    Systems 10(5), 557-570. doi:10.1142/S0218488502001648

    Examples
    --------
    >>> import systemsmap as sm
    >>> net = sm.load_example("implementation_ecosystem")
    >>> risk = disclosure_risk(net, ["role", "organisation"])
    >>> bool(risk["at_risk"].any())
    True
    """
    qi = check_columns(net, quasi_identifiers, name="quasi_identifiers")
    degree = check_bool("degree", degree)
    k = check_int("k", k, minimum=1)
    a = net.actors
    table = a[qi].astype(object).where(a[qi].notna(), MISSING)
    if degree:
        g = net._graph()
        table["degree"] = np.asarray(g.degree(mode="all") if not g.is_directed() else
                                     g.as_undirected(mode="collapse").degree(), dtype=int)
    cols = list(table.columns)
    sizes = table.groupby(cols, dropna=False)[cols[0]].transform("size")
    table["class_size"] = sizes.astype(int).to_numpy()
    table["at_risk"] = table["class_size"] <= k
    table["_id"] = table.index.astype(str)
    return table.sort_values(["class_size", "_id"]).drop(columns="_id")
