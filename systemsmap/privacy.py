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
from typing import Any
from collections.abc import Iterable, Iterator, Mapping, Sequence

import numpy as np
import pandas as pd

from ._check import (check_any_columns, check_bool, check_choice, check_columns, check_int,
                     check_text)
from .errors import DataError, DataWarning
from .groups import MISSING, display_name
from .network import StakeholderNetwork

__all__ = ["pseudonymise", "suppress_small", "disclosure_risk", "free_text_columns", "actor_columns",
           "check_disclosure", "redact"]

#: Column names that say a column holds free text, contact details or people's names.
_FREE_TEXT_NAMES = re.compile(
    r"(name|label|email|e-mail|phone|mobile|(?<![a-z])tel(?![a-z])|telephone|fax|address|street|note|comment|"
    r"description|desc|text|remarks?|bio|url|website|link|twitter|linkedin|contact|postcode|zip|surname|"
    r"forename|supervisor|manager|mentor|boss|reports?_?to|referee|referred|nominat|spouse|kin|interviewer|"
    r"author|owner|person)", re.I)
#: Values that are contact details or people's names, whatever the column is called.
_CONTENT = (
    ("e-mail addresses", re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")),
    ("web addresses", re.compile(r"(https?://|www\.)\S+", re.I)),
    ("titled names", re.compile(r"(?<![\w])(Dr|Prof|Mr|Mrs|Ms|Miss|Mx|Sir|Dame|Rev)\.?\s+[A-Z]")),
    ("street addresses", re.compile(r"(?<![\w])\d+[A-Za-z]?,?\s+(\w+\s+){0,3}(Street|St|Road|Rd|Avenue|Ave|Lane|"
                                    r"Drive|Way|Close|Court|Place|Square|Boulevard|Crescent|Terrace)(?![\w])")),
)
_PHONE = re.compile(r"\+?[\d\s().-]+")
_DATE = re.compile(r"(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})([ T].*)?")
_STRUCTURAL_TIES = {"source", "target", "relation", "weight", "wave", "imputed", "weight_observed",
                    "weight_original", "direction"}
_STRUCTURAL_ACTORS = {"label", "role", "respondent", "respondent_waves", "waves"}
#: What separates several values in one cell (roles use "; ", Kumu "|").
_SEPARATORS = re.compile(r"\s*[;|]\s*")


def _is_text(s: pd.Series) -> bool:
    return (pd.api.types.is_object_dtype(s) or pd.api.types.is_string_dtype(s)
            or isinstance(s.dtype, pd.CategoricalDtype))


def _is_phone(v: str) -> bool:
    """A telephone number: digits with a leading + or separators, 7 to 15 digits, not a date."""
    v = v.strip()
    digits = sum(ch.isdigit() for ch in v)
    return (7 <= digits <= 15 and _PHONE.fullmatch(v) is not None and not _DATE.fullmatch(v)
            and (v.startswith("+") or any(ch in v for ch in " ().-")))


def _free_text_reason(name: Any, s: pd.Series) -> str | None:
    """Why a text column is free text, contact details or names (None if it is not)."""
    if not _is_text(s):
        return None
    if _FREE_TEXT_NAMES.search(str(name)):
        return "its name says free text, contact details or names"
    vals = [v for v in s.dropna().tolist() if isinstance(v, str)]
    for what, pattern in _CONTENT:
        if any(pattern.search(v) for v in vals):
            return f"it holds {what}"
    if any(_is_phone(v) for v in vals):
        return "it holds telephone numbers"
    parts = [p.casefold() for v in vals for p in _parts(v)]  # a cell may list several values, as roles do
    if len(vals) >= 5 and len(set(parts)) > 0.5 * len(parts):
        return "most of its values are different, as names and comments are"
    return None


def free_text_columns(table: pd.DataFrame, *, protected: Iterable[str] = ()) -> list[str]:
    """Columns that look like free text, contact details or direct identifiers.

    A text column is free text when its name suggests it (name, email, phone,
    address, note, comment, description, url, supervisor, manager, ...); when
    one of its values is an e-mail or web address, a telephone number, a name
    with a title ("Dr A. Smith") or a street address; or when most of its
    values are distinct (more than half of the non-empty values, with at
    least 5 values), as names and comments are, while categories such as
    sector or region repeat. A cell may list several values separated by
    ``;`` or ``|`` (roles, kinds of evidence): the values are counted one by
    one, so a column of combinations of a few categories is not free text.
    Numeric and boolean columns are never free text.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"sector": ["a", "a", "b"], "contact": ["x", "y", "x"],
    ...                   "info": ["ann@example.org", None, "b"], "hq": ["+44 20 7946 0000", "c", "c"]})
    >>> free_text_columns(t)
    ['contact', 'info', 'hq']
    """
    protected = set(protected)
    return [c for c in table.columns if c not in protected and _free_text_reason(c, table[c]) is not None]


def _parts(v: Any) -> list[str]:
    return [p for p in _SEPARATORS.split(str(v).strip()) if p]


def actor_columns(table: pd.DataFrame, ids: Iterable[Any], labels: Iterable[Any], *,
                  protected: Iterable[str] = ()) -> dict[Any, bool]:
    """Text columns whose values name actors (by id or label): ``{column: every value names an actor}``.

    A value may list several names (separated by ``;`` or ``|``); names are
    compared ignoring case and spaces at the ends. A column names actors when
    at least half of its distinct names are actor ids or labels, or when its
    name says it names people (supervisor, manager, contact, ...) and one of
    its names is an actor's.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"supervisor": ["Ann", "ann", None], "team": ["x", "y", "x"]})
    >>> actor_columns(t, ids=["a1", "a2"], labels=["Ann", "Bo"])
    {'supervisor': True}
    """
    known = {str(v).strip().casefold() for v in [*ids, *labels] if v is not None and str(v).strip()}
    protected = set(protected)
    out: dict[Any, bool] = {}
    for c in table.columns:
        if c in protected or not _is_text(table[c]):
            continue
        names = {p.casefold() for v in table[c].dropna().tolist() for p in _parts(v)}
        hits = names & known
        if hits and (2 * len(hits) >= len(names) or _FREE_TEXT_NAMES.search(str(c))):
            out[c] = hits == names
    return out


def _code(salt: str, value: str, length: int) -> str:
    return hmac.new(salt.encode("utf-8"), value.encode("utf-8"), hashlib.sha256).hexdigest()[:length]


def _codes(salt: str, ids: list[str], prefix: str, length: int) -> list[str]:
    """``prefix`` + HMAC digits for each id, lengthened by 2 digits until no two ids share a code."""
    n = length
    while True:
        codes = [prefix + _code(salt, i, n) for i in ids]
        if len(set(codes)) == len(codes):
            return codes
        n += 2


def _recode(values: pd.Series, lookup: dict[str, str]) -> pd.Series:
    """Each name in each cell that is an actor's id or label replaced by the actor's code (others kept)."""
    def one(v: Any) -> Any:
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            return v
        return "; ".join(lookup.get(p.casefold(), p) for p in _parts(v))

    return pd.Series([one(v) for v in values.tolist()], index=values.index, dtype=object)


def _plan(table: pd.DataFrame, where: str, keep: set[str], structural: set[str], ids: list[str],
          labels: list[Any]) -> dict[str, tuple[str, str]]:
    """What pseudonymise does with each column of one table: ``{column: (action, why)}``.

    Actions: ``"recode"`` (every name an actor's: replaced by codes),
    ``"recode-keep"`` (kept by ``keep``: actors' names replaced, the rest kept),
    ``"drop"`` or ``"keep"`` (free text kept by ``keep``).
    """
    plan: dict[str, tuple[str, str]] = {}
    refs = actor_columns(table, ids, labels, protected=structural)
    for c, every in refs.items():
        if every:
            plan[c] = ("recode", "it holds actor ids or labels")
        elif c in keep:
            plan[c] = ("recode-keep", "kept; the actor ids and labels in it replaced by codes")
        else:
            plan[c] = ("drop", "it names actors and others")
    for c in table.columns:
        if c in plan or c in structural:
            continue
        why = _free_text_reason(c, table[c])
        if why is not None:
            plan[c] = ("keep", f"kept by keep= although {why}") if c in keep else ("drop", why)
    return {f"{where}.{c}": v for c, v in plan.items()}


def _apply(table: pd.DataFrame, where: str, plan: dict[str, tuple[str, str]], lookup: dict[str, str]) -> pd.DataFrame:
    out = table.copy()
    for name, (action, _) in plan.items():
        table_name, _, col = name.partition(".")
        if table_name != where:
            continue
        if action == "drop":
            out = out.drop(columns=col)
        elif action.startswith("recode"):
            out[col] = _recode(out[col], lookup)
    return out


def pseudonymise(net: StakeholderNetwork, *, salt: str, keep: Sequence[str] = (), prefix: str = "P",
                 length: int = 10) -> tuple[StakeholderNetwork, pd.DataFrame]:
    """Replace actor ids and labels by stable codes derived from a secret salt; drop what names people.

    Parameters
    ----------
    net : StakeholderNetwork
    salt : str
        A secret kept apart from the shared data. The same salt gives the same
        code to the same id, so waves and files pseudonymised separately still
        match; without the salt the codes cannot be reversed.
    keep : sequence of str
        Actor or tie columns to keep although they look like free text,
        contact details or names (see :func:`free_text_columns`), or name
        actors among others (see :func:`actor_columns`; the actors' names in
        them are still replaced by codes).
    prefix : str, default "P"
        Text before each code ("" for none).
    length : int, default 10
        Hex digits of the code, 4 to 64 (lengthened automatically on a collision).

    Returns
    -------
    network : StakeholderNetwork
        Ids and labels are the codes. Every other column whose values are
        actor ids or labels (a ``supervisor`` column, an ``introduced_by``
        tie column) holds the codes instead; one that names actors and
        others too is dropped, as are free-text, contact and name columns
        (e-mail, phone, address, notes, ...).
    key : DataFrame
        ``code``, ``id``, ``label``: the table to store apart, securely.
        ``key.attrs["columns"]`` says what was done with each column that was
        not kept as it was: ``{"actors.email": ("drop", "it holds e-mail addresses"), ...}``.

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
        Listing the columns replaced by codes, dropped and kept.

    Notes
    -----
    Codes are ``prefix`` + the first ``length`` hex digits of
    HMAC-SHA256(salt, id). Names inside kept free text are not searched for.
    Pseudonymised data can still identify people through their attributes
    and position; check with :func:`disclosure_risk`, and show no group
    smaller than a minimum (:func:`suppress_small`, :func:`check_disclosure`).

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
    keep = set(check_any_columns(net, keep, name="keep"))
    prefix = check_text("prefix", prefix) if prefix != "" else prefix
    length = check_int("length", length, minimum=4, maximum=64)
    a, t = net.actors, net.ties
    ids = [str(i) for i in a.index]
    codes = _codes(salt, ids, prefix, length)
    mapping = dict(zip(ids, codes))
    lookup = {**{str(lab).strip().casefold(): c for lab, c in zip(a["label"], codes) if pd.notna(lab)},
              **{i.strip().casefold(): c for i, c in mapping.items()}}
    labels = a["label"].tolist()
    plan = {**_plan(a, "actors", keep, _STRUCTURAL_ACTORS, ids, labels),
            **_plan(t, "ties", keep, _STRUCTURAL_TIES, ids, labels)}
    _warn_plan(plan)
    key = pd.DataFrame({"code": codes, "id": ids, "label": labels})
    key.attrs["columns"] = plan
    na = _apply(a, "actors", plan, lookup)
    na.index = pd.Index([mapping[i] for i in ids], name="id", dtype=object)
    na["label"] = na.index.to_numpy(dtype=object)
    nt = _apply(t, "ties", plan, lookup)
    nt["source"] = nt["source"].map(mapping).astype(object)
    nt["target"] = nt["target"].map(mapping).astype(object)
    return StakeholderNetwork(na, nt, net.directed), key


def _warn_plan(plan: dict[str, tuple[str, str]]) -> None:
    """One warning listing the columns replaced by codes, dropped and kept."""
    if not plan:
        return
    parts = []
    for action, head in (("recode", "replaced by codes"), ("drop", "dropped"), ("keep", "kept"),
                         ("recode-keep", "kept with actors' names replaced by codes")):
        cols = [f"{c} ({why})" if action != "recode-keep" else c for c, (act, why) in plan.items() if act == action]
        if cols:
            parts.append(f"{head}: " + ", ".join(cols))
    hint = " (pass keep=[...] to keep a column)" if any(act == "drop" for act, _ in plan.values()) else ""
    warnings.warn("pseudonymise " + "; ".join(parts) + hint, DataWarning, stacklevel=3)


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


# ---------------------------------------------------------------------------- small groups in outputs
def _small_names(sizes: pd.Series, min_size: int, by: str | None) -> dict[str, int]:
    """Each way a group under ``min_size`` may be written (its value, its display name) and its size."""
    out: dict[str, int] = {}
    for g, size in sizes.items():
        if pd.notna(size) and int(size) < min_size and not (isinstance(g, str) and g == MISSING):
            for name in {str(g), display_name(g, by)}:
                if name.strip():
                    out[name.strip()] = int(size)
    return out


def _pattern(names: Iterable[str]) -> re.Pattern | None:
    """A whole-word pattern for the names, longest first (so "Ab Ltd" wins over "Ab")."""
    names = sorted(set(names), key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])")


def redact(text: str, sizes: pd.Series, *, min_size: int, by: str | None = None,
           replacement: str = "a small group") -> str:
    """``text`` with every group under ``min_size`` (by its value or display name) written as ``replacement``.

    For text made outside one's control, such as warnings raised while a
    pseudonymised report is computed. Names are matched as whole words.

    Examples
    --------
    >>> import pandas as pd
    >>> sizes = pd.Series({"Abernathy Consulting Ltd": 1, "Health": 40})
    >>> redact("group 'Abernathy Consulting Ltd' (P3af) and Health", sizes, min_size=5)
    "group 'a small group' (P3af) and Health"
    """
    pattern = _pattern(_small_names(sizes, min_size, by))
    return text if pattern is None else pattern.sub(replacement, text)


def _texts(output: Any) -> Iterator[str]:
    """Every text an output holds: a string, the cells, index and columns of a table, items of a list."""
    if output is None:
        return
    if isinstance(output, str):
        yield output
    elif isinstance(output, pd.DataFrame):
        yield from (str(c) for c in output.columns)
        yield from (str(i) for i in output.index)
        for c in output.columns:
            yield from (v for v in output[c].tolist() if isinstance(v, str))
    elif isinstance(output, pd.Series):
        yield from (str(i) for i in output.index)
        yield from (v for v in output.tolist() if isinstance(v, str))
    elif isinstance(output, Mapping):
        for v in output.values():
            yield from _texts(v)
    else:
        for v in output:
            yield from _texts(v)


def check_disclosure(outputs: Mapping[str, Any], sizes: pd.Series, *, min_size: int, by: str | None = None,
                     option: str = "min_group_size") -> None:
    """Refuse outputs that name a group smaller than ``min_size``: the last check before a pseudonymised output is written.

    Parameters
    ----------
    outputs : mapping of str to object
        What will be shown, by where it goes (``"findings"``, ``"the HTML
        file"``, ``"the map's data"``): texts, tables (cells, index and
        column names), Series, or lists and mappings of them.
    sizes : Series
        Group sizes indexed by group value.
    min_size : int
        Groups with fewer actors must not be named.
    by : str, optional
        The actor column of the groups (``"role"`` adds role display names).
    option : str, default "min_group_size"
        The option that sets the minimum, named in the error.

    Raises
    ------
    DataError
        Naming where the group is named, the group's size and the minimum,
        with ``options={option: size}`` (the setting that would allow it),
        but not the group: the message may be shown where the group must not be.

    Examples
    --------
    >>> import pandas as pd
    >>> sizes = pd.Series({"Abernathy Consulting Ltd": 2, "Health": 40})
    >>> check_disclosure({"findings": ["Health works alone."]}, sizes, min_size=5)
    >>> check_disclosure({"findings": ["Abernathy Consulting Ltd works alone."]}, sizes, min_size=5)
    Traceback (most recent call last):
    ...
    systemsmap.errors.DataError: findings: names a group of 2 actors, under the minimum group size of 5; ...
    """
    min_size = check_int(option, min_size, minimum=1)
    small = _small_names(sizes, min_size, by)
    pattern = _pattern(small)
    if pattern is None:
        return
    for where, output in outputs.items():
        for text in _texts(output):
            found = pattern.search(text)
            if found is not None:
                size = small[found.group(0)]
                raise DataError(f"names a group of {size} actor{'s' if size != 1 else ''}, under the minimum group "
                                f"size of {min_size}; nothing was written", origin=where,
                                suggestion=f"leave the group out of what is shown, or allow groups of {size} "
                                           f"with {option}={size}",
                                options={option: size})
