"""The one gate for input: every reader hands its tables to :func:`build_network`.

Checks (each a :class:`~systemsmap.errors.DataError` naming file, rows, column,
value and what was expected):

- required columns present (the message lists the columns found);
- actor ids present, non-empty and unique;
- ties name known actors (with the closest known ids as suggestions);
- no self-ties, no duplicate ties (same source, target, relation and wave;
  either order when undirected);
- weights present, numeric, finite and positive;
- ``respondent`` values readable as yes/no;
- ``wave`` values among the given wave order.

Lenient options change data only when asked (``unknown_actors="add"``,
``duplicates="sum"`` or ``"keep"``, ``self_ties="drop"``), and every change is
reported in a :class:`~systemsmap.errors.DataWarning`.

What is legal but suspicious is a warning: actors with no ties, many roles
outside the canonical vocabulary.
"""
from __future__ import annotations

import difflib
import re
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .. import roles as _roles
from ..errors import DataError, DataWarning
from ..network import StakeholderNetwork

__all__ = ["Origin", "build_network", "infer_types", "rows_text", "check_not_empty"]

TIE_SYNONYMS = {
    "source": "source", "from": "source", "ego": "source", "sender": "source",
    "target": "target", "to": "target", "alter": "target", "receiver": "target",
    "relation": "relation", "type": "relation",
    "weight": "weight", "strength": "weight", "value": "weight",
    "wave": "wave",
}
ACTOR_SYNONYMS = {"id": "id", "role": "role", "type": "role", "label": "label",
                  "respondent": "respondent"}

_TRUE = {"true", "yes", "y", "1", "t"}
_FALSE = {"false", "no", "n", "0", "f"}


@dataclass
class Origin:
    """Where a table came from, to name rows in error messages.

    Parameters
    ----------
    name : str
        How to name the source: ``"ties.csv"``, ``"book.xlsx, sheet 'Connections'"``.
    first_row : int
        The row number (as a spreadsheet shows it) of the table's first record;
        2 for a file with one header line.
    rows : sequence of int, optional
        Explicit row numbers, one per record, when records are not consecutive
        rows (a roster melted into ties, a JSON array).
    row_word : str
        What a record is called: ``"row"``, ``"line"``, ``"element"``.
    """

    name: str
    first_row: int = 2
    rows: Sequence[int] | None = None
    row_word: str = "row"
    extra: dict[str, Any] = field(default_factory=dict)

    def row(self, position: int) -> int:
        """Row number of the record at ``position``."""
        if self.rows is not None:
            return int(self.rows[position])
        return self.first_row + int(position)

    def subset(self, positions: np.ndarray) -> Origin:
        """Origin of the records at ``positions`` (after reordering or filtering)."""
        return Origin(self.name, self.first_row, [self.row(p) for p in positions], self.row_word)


def rows_text(origin: Origin, positions: Sequence[int], limit: int = 8) -> str:
    """``"ties.csv rows 3, 7 and 9"`` for the records at ``positions``."""
    nums = [origin.row(p) for p in positions]
    word = origin.row_word
    if len(nums) == 1:
        return f"{origin.name} {word} {nums[0]}"
    shown = nums[:limit]
    text = ", ".join(map(str, shown[:-1])) + f" and {shown[-1]}" if len(nums) <= limit else \
        ", ".join(map(str, shown)) + f" (and {len(nums) - limit} more)"
    return f"{origin.name} {word}s {text}"


def _fail(origin: Origin, positions, column: str | None, message: str) -> DataError:
    where = rows_text(origin, list(positions))
    col = f", column {column!r}" if column else ""
    return DataError(f"{where}{col}: {message}")


def check_not_empty(df: pd.DataFrame, origin: Origin, what: str) -> None:
    """Raise a DataError when a table has no columns or no records."""
    if df.shape[1] == 0:
        raise DataError(f"{origin.name}: the file is empty (no header row); expected a table of {what}")
    if len(df) == 0:
        raise DataError(f"{origin.name}: the table has a header ({', '.join(map(str, df.columns))}) "
                        f"but no {what}")


# ---------------------------------------------------------------------- columns
def _rename(df: pd.DataFrame, synonyms: Mapping[str, str], columns: Mapping[str, str] | None,
            origin: Origin) -> pd.DataFrame:
    """Apply the caller's ``columns`` mapping, then the recognised synonyms (case-insensitive)."""
    mapping: dict[Any, str] = {}
    if columns:
        for k, v in columns.items():
            if k in df.columns:
                mapping[k] = v
    taken = set(mapping.values())
    present_canon = {str(c).strip().lower() for c in df.columns if c not in mapping}
    for c in df.columns:
        if c in mapping:
            continue
        key = str(c).strip().lower()
        canon = synonyms.get(key)
        if canon is None or canon in taken:
            continue
        # a synonym beside the canonical column: ambiguous for the tie ends and the id,
        # an ordinary attribute otherwise ('value' beside 'weight', 'type' beside 'relation')
        if key != canon and canon in present_canon:
            if canon in ("source", "target", "id"):
                raise DataError(f"{origin.name}: more than one column maps to [{canon!r}] "
                                f"({c!r} and {canon!r}); the columns are {', '.join(map(repr, df.columns))}. "
                                "Drop one or pass columns= to say which is which")
            continue
        if key == "value" and "strength" in present_canon:
            continue
        mapping[c] = canon
        taken.add(canon)
    out = df.rename(columns=mapping)
    dup = out.columns[out.columns.duplicated()].unique().tolist()
    if dup:
        raise DataError(f"{origin.name}: more than one column maps to {dup}; the columns are "
                        f"{', '.join(map(repr, df.columns))}. Drop one or pass columns= to say which is which")
    return out


def _require(df: pd.DataFrame, required: Sequence[str], origin: Origin, hint: str) -> None:
    missing = [c for c in required if c not in df.columns]
    if missing:
        found = ", ".join(map(repr, df.columns)) or "none"
        for sep, name in ((";", "semicolons"), ("\t", "tabs"), ("|", "bars")):
            if len(df.columns) == 1 and sep in str(df.columns[0]):
                hint = f"The header seems to be separated by {name}, not commas; save the file as comma-separated. " + hint
        raise DataError(
            f"{origin.name}: missing required column(s) {', '.join(map(repr, missing))}; "
            f"found {found}. {hint}"
        )


# ---------------------------------------------------------------------- values
def _as_id(values: pd.Series) -> pd.Series:
    """Ids as strings; integral floats (pandas' reading of ints with gaps) written as ints."""
    if pd.api.types.is_float_dtype(values):
        def conv(v):
            if pd.isna(v):
                return None
            return str(int(v)) if float(v).is_integer() else str(v)
        return values.map(conv).astype(object)
    if pd.api.types.is_bool_dtype(values) or pd.api.types.is_numeric_dtype(values):
        return values.astype(str).astype(object)
    out = values.astype(object)
    mask = out.notna()
    if not out[mask].map(lambda v: isinstance(v, str)).all():
        out = out.where(~mask, out.astype(str))
    return out


def _blank(values: pd.Series) -> np.ndarray:
    v = values.astype(object)
    return (v.isna() | v.map(lambda x: isinstance(x, str) and x.strip() == "")).to_numpy(bool)


def _parse_bool(values: pd.Series, origin: Origin, column: str) -> pd.Series:
    if pd.api.types.is_bool_dtype(values):
        return values.astype("boolean" if values.isna().any() else bool)
    out = []
    bad = []
    for i, v in enumerate(values.tolist()):
        if v is None or (not isinstance(v, str) and pd.isna(v)) or (isinstance(v, str) and not v.strip()):
            out.append(pd.NA)
            continue
        if isinstance(v, (bool, np.bool_)):
            out.append(bool(v))
            continue
        key = str(v).strip().lower()
        if isinstance(v, (int, float, np.integer, np.floating)) and float(v) in (0.0, 1.0):
            out.append(bool(v))
        elif key in _TRUE:
            out.append(True)
        elif key in _FALSE:
            out.append(False)
        else:
            bad.append(i)
    if bad:
        raise _fail(origin, bad, column, f"{values.iloc[bad[0]]!r} is not yes/no; expected "
                    "true/false, yes/no or 1/0 (or an empty cell for unknown)")
    s = pd.Series(out, index=values.index, dtype="boolean")
    return s.astype(bool) if not s.isna().any() else s


def _suggest(value: str, known: pd.Index, cache: dict) -> str:
    if value in cache:
        return cache[value]
    text = ""
    stripped = value.strip()
    if stripped != value and stripped in known:
        text = f" (did you mean {stripped!r}, without the surrounding spaces?)"
    else:
        pool = known if len(known) <= 5000 else known[:5000]
        close = difflib.get_close_matches(value, [str(k) for k in pool], n=3, cutoff=0.6)
        if not close:
            lower = {str(k).lower(): k for k in pool}
            if value.lower() in lower:
                close = [lower[value.lower()]]
        if close:
            text = " (did you mean " + " or ".join(map(repr, close)) + "?)"
    cache[value] = text
    return text


_INT_RE = re.compile(r"^[+-]?(0|[1-9][0-9]*)$")


def infer_types(df: pd.DataFrame, skip: Sequence[str] = ()) -> pd.DataFrame:
    """Give text columns read from a file the type their values show, conservatively.

    A text column becomes integer when every non-empty value is written as an
    integer without leading zeros (so codes like ``"007"`` stay text), float
    when every value parses as a number and none has leading zeros, boolean
    when every value is ``true``/``false``. Otherwise it stays text, exactly
    as written. Columns in ``skip`` are left alone.
    """
    out = df.copy()
    for col in out.columns:
        if col in skip:
            continue
        s = out[col]
        if not (pd.api.types.is_object_dtype(s) or pd.api.types.is_string_dtype(s)):
            continue
        vals = s.dropna()
        if len(vals) == 0 or not vals.map(lambda v: isinstance(v, str)).all():
            continue
        text = vals.astype(str)
        if text.str.match(_INT_RE).all():
            nums = pd.to_numeric(s.where(s.notna(), None), errors="coerce")
            out[col] = nums.astype("int64") if len(vals) == len(s) else nums.astype("Int64")
            continue
        low = text.str.strip().str.lower()
        if low.isin(["true", "false"]).all():
            b = s.map(lambda v: None if v is None or (not isinstance(v, str) and pd.isna(v))
                      else v.strip().lower() == "true")
            out[col] = b.astype("boolean") if len(vals) < len(s) else b.astype(bool)
            continue
        nums = pd.to_numeric(text, errors="coerce")
        if nums.notna().all() and not text.str.match(r"^[+-]?0[0-9]").any() \
                and not text.str.strip().str.lower().isin(["nan", "inf", "-inf", "+inf", "infinity"]).any():
            out[col] = pd.to_numeric(s, errors="coerce").astype(float)
    return out


# ---------------------------------------------------------------------- the gate
def build_network(
    actors: pd.DataFrame | None,
    ties: pd.DataFrame,
    *,
    directed: bool = True,
    columns: Mapping[str, str] | None = None,
    actors_origin: Origin | None = None,
    ties_origin: Origin | None = None,
    unknown_actors: str = "error",
    duplicates: str = "error",
    self_ties: str = "error",
    wave_order: Sequence[Any] | None = None,
    warn_isolates: bool = True,
) -> StakeholderNetwork:
    """Validate an actors and a ties table and return a :class:`StakeholderNetwork`.

    This is the only place input is checked; readers call it with an
    :class:`Origin` for each table so that errors name the file and row.

    Parameters
    ----------
    actors : DataFrame or None
        One row per actor; ``None`` to take the actors from the ties (in order
        of first appearance, with ``label`` = id and no role).
    ties : DataFrame
        One row per tie.
    directed : bool
    columns : mapping, optional
        The caller's column names mapped to ours (``{"Organisation A": "source"}``).
    unknown_actors : {"error", "add"}
        Ties naming an actor missing from the actors table: an error, or the
        actor is added (label = id, no role) and a warning lists them.
    duplicates : {"error", "sum", "keep"}
        Repeated ties (same source, target, relation and wave; either order when
        undirected): an error; merged into one with weights summed (other
        attributes from the first), with a warning; or kept as separate ties.
    self_ties : {"error", "drop"}
        Ties from an actor to itself: an error, or dropped with a warning.
    wave_order : sequence, optional
        The order of the wave labels (``["baseline", "follow-up"]``); the
        ``wave`` column becomes an ordered categorical and a wave outside it is
        an error.
    warn_isolates : bool
        Warn when actors have no tie.

    Returns
    -------
    StakeholderNetwork

    Raises
    ------
    DataError
        For each problem listed in the module docstring.
    """
    if unknown_actors not in ("error", "add"):
        raise ValueError(f"unknown_actors must be 'error' or 'add', not {unknown_actors!r}")
    if duplicates not in ("error", "sum", "keep"):
        raise ValueError(f"duplicates must be 'error', 'sum' or 'keep', not {duplicates!r}")
    if self_ties not in ("error", "drop"):
        raise ValueError(f"self_ties must be 'error' or 'drop', not {self_ties!r}")
    t_origin = ties_origin or Origin("ties")
    a_origin = actors_origin or Origin("actors")
    changes: list[str] = []

    # ---- ties: columns
    if not isinstance(ties, pd.DataFrame):
        raise DataError(f"{t_origin.name}: expected a table of ties (a pandas DataFrame), got {type(ties).__name__}")
    ties = _rename(ties.reset_index(drop=True), TIE_SYNONYMS, columns, t_origin)
    if ties.shape[1] == 0:
        raise DataError(f"{t_origin.name}: the file is empty (no header row); expected columns source, target")
    _require(ties, ["source", "target"], t_origin,
             "Name the tie ends 'source' and 'target' (or from/to, ego/alter, sender/receiver), "
             "or pass columns={'your name': 'source', ...}.")

    # ---- actors
    if actors is not None:
        if not isinstance(actors, pd.DataFrame):
            raise DataError(f"{a_origin.name}: expected a table of actors (a pandas DataFrame), "
                            f"got {type(actors).__name__}")
        if "id" not in actors.columns and actors.index.name == "id":
            actors = actors.reset_index()
        actors = _rename(actors.reset_index(drop=True), ACTOR_SYNONYMS, columns, a_origin)
        if actors.shape[1] == 0:
            raise DataError(f"{a_origin.name}: the file is empty (no header row); expected a column 'id'")
        if "id" not in actors.columns:
            lower = {str(c).strip().lower(): c for c in actors.columns}
            if "name" in lower:
                src = lower["name"]
                actors.insert(0, "id", actors[src])
                if "label" not in actors.columns:
                    actors = actors.rename(columns={src: "label"})
            elif "label" in actors.columns:
                actors.insert(0, "id", actors["label"])
            else:
                _require(actors, ["id"], a_origin,
                         "Give each actor an 'id' (or a 'name' or 'label' column to use as the id), "
                         "or pass columns={'your name': 'id'}.")
        if len(actors) == 0 and len(ties) == 0:
            raise DataError(f"{a_origin.name} and {t_origin.name}: no actors and no ties; "
                            "expected at least one actor")
        ids = _as_id(actors["id"])
        blank = _blank(ids)
        if blank.any():
            raise _fail(a_origin, np.flatnonzero(blank), "id",
                        "empty actor id; every actor needs a unique, non-empty id")
        dup = ids.duplicated(keep=False).to_numpy()
        if dup.any():
            first = ids[dup].iloc[0]
            pos = np.flatnonzero((ids == first).to_numpy())
            n_dup = int(ids.duplicated().sum())
            raise _fail(a_origin, pos, "id", f"actor id {first!r} appears more than once "
                        f"({n_dup} repeated id(s) in all); ids must be unique")
        actors = actors.drop(columns="id")
        actors.index = pd.Index(ids.to_numpy(dtype=object), name="id", dtype=object)
    else:
        actors = None

    # ---- ties: values
    if len(ties) == 0 and actors is None:
        raise DataError(f"{t_origin.name}: the table has a header ({', '.join(map(str, ties.columns))}) "
                        "but no ties, and no actors table was given")
    for end in ("source", "target"):
        col = _as_id(ties[end])
        blank = _blank(col)
        if blank.any():
            raise _fail(t_origin, np.flatnonzero(blank), end, f"missing {end} actor id; every tie needs "
                        "a source and a target")
        ties[end] = col
    if actors is None:
        ends = pd.unique(np.column_stack([ties["source"].to_numpy(object),
                                          ties["target"].to_numpy(object)]).ravel())
        actors = pd.DataFrame({"label": pd.Series(ends, dtype=object)}, index=pd.Index(ends, name="id", dtype=object))
        actors["role"] = pd.Series([None] * len(actors), index=actors.index, dtype=object)
    else:
        known = actors.index
        for end in ("source", "target"):
            unknown = ~ties[end].isin(known).to_numpy()
            if unknown.any():
                if unknown_actors == "add":
                    continue
                pos = np.flatnonzero(unknown)
                value = ties[end].iloc[pos[0]]
                same = np.flatnonzero((ties[end] == value).to_numpy())
                n_other = len(pd.unique(ties[end].iloc[pos]))
                more = f"; {n_other - 1} other unknown id(s) too" if n_other > 1 else ""
                raise _fail(t_origin, same, end, f"{value!r} is not an actor id{_suggest(value, known, {})}"
                            f"{more}. Add the actor to {a_origin.name}, fix the id, or pass "
                            "unknown_actors='add'")
        if unknown_actors == "add":
            ends = pd.unique(np.column_stack([ties["source"].to_numpy(object),
                                              ties["target"].to_numpy(object)]).ravel())
            new = [e for e in ends if e not in set(known)]
            if new:
                extra = pd.DataFrame(index=pd.Index(new, name="id", dtype=object))
                extra["label"] = pd.Series(new, index=extra.index, dtype=object)
                actors = pd.concat([actors, extra])
                changes.append(f"added {len(new)} actor(s) named in ties but missing from "
                               f"{a_origin.name}: {', '.join(map(repr, new[:10]))}{' ...' if len(new) > 10 else ''}")

    # ---- self ties
    loops = (ties["source"] == ties["target"]).to_numpy()
    if loops.any():
        pos = np.flatnonzero(loops)
        if self_ties == "error":
            raise _fail(t_origin, pos, "target", f"tie from {ties['source'].iloc[pos[0]]!r} to itself; "
                        "self-ties are not allowed (remove them, or pass self_ties='drop')")
        changes.append(f"dropped {len(pos)} self-tie(s) at {rows_text(t_origin, pos)}")
        keep = np.flatnonzero(~loops)
        ties = ties.iloc[keep].reset_index(drop=True)
        t_origin = t_origin.subset(keep)

    # ---- relation
    if "relation" not in ties.columns:
        ties["relation"] = "tie"
    else:
        rel = ties["relation"]
        blank = _blank(rel)
        if blank.any():
            raise _fail(t_origin, np.flatnonzero(blank), "relation",
                        "missing relation; give every tie a relation (or drop the column to call them all 'tie')")
        ties["relation"] = rel.astype(str).astype(object) if not pd.api.types.is_string_dtype(rel) else rel.astype(object)

    # ---- weight
    if "weight" not in ties.columns:
        ties["weight"] = 1.0
    else:
        raw = ties["weight"]
        if pd.api.types.is_bool_dtype(raw):
            raise _fail(t_origin, [0], "weight", "weights are true/false; expected positive numbers")
        num = pd.to_numeric(raw, errors="coerce") if not pd.api.types.is_numeric_dtype(raw) else raw
        num = num.astype(float)
        missing = raw.isna().to_numpy() | _blank(raw)
        if missing.any():
            raise _fail(t_origin, np.flatnonzero(missing), "weight",
                        "missing weight; expected a positive number (or drop the column for weight 1)")
        bad = num.isna().to_numpy()
        if bad.any():
            pos = np.flatnonzero(bad)
            raise _fail(t_origin, pos, "weight", f"{raw.iloc[pos[0]]!r} is not a number; expected a positive number")
        arr = num.to_numpy()
        inf = ~np.isfinite(arr)
        if inf.any():
            pos = np.flatnonzero(inf)
            raise _fail(t_origin, pos, "weight", f"{raw.iloc[pos[0]]!r} is not finite; expected a positive number")
        nonpos = arr <= 0
        if nonpos.any():
            pos = np.flatnonzero(nonpos)
            raise _fail(t_origin, pos, "weight", f"{raw.iloc[pos[0]]!r} is not positive; weights are tie "
                        "strengths and must be > 0 (leave out absent ties rather than giving them weight 0)")
        ties["weight"] = num

    # ---- wave
    if "wave" in ties.columns:
        w = ties["wave"]
        blank = _blank(w)
        if blank.any():
            raise _fail(t_origin, np.flatnonzero(blank), "wave",
                        "missing wave; when ties carry a wave, every tie needs one")
        if wave_order is not None:
            order = list(wave_order)
            outside = ~w.isin(order).to_numpy()
            if outside.any():
                pos = np.flatnonzero(outside)
                raise _fail(t_origin, pos, "wave", f"{w.iloc[pos[0]]!r} is not one of the waves {order}")
            ties["wave"] = pd.Categorical(w, categories=order, ordered=True)
    elif wave_order is not None:
        raise DataError(f"{t_origin.name}: wave_order was given but the ties have no 'wave' column; "
                        f"found {', '.join(map(repr, ties.columns))}")

    # ---- duplicates
    key_cols = ["relation"] + (["wave"] if "wave" in ties.columns else [])
    if directed:
        a, b = ties["source"], ties["target"]
    else:
        s, t = ties["source"].to_numpy(object), ties["target"].to_numpy(object)
        swap = s > t
        a = pd.Series(np.where(swap, t, s), dtype=object)
        b = pd.Series(np.where(swap, s, t), dtype=object)
    key = pd.DataFrame({"_a": a.to_numpy(), "_b": b.to_numpy()})
    for c in key_cols:
        key[c] = ties[c].to_numpy()
    dupmask = key.duplicated(keep=False).to_numpy()
    if dupmask.any():
        if duplicates == "error":
            first = np.flatnonzero(dupmask)[0]
            same = np.flatnonzero((key == key.iloc[first]).all(axis=1).to_numpy())
            n_extra = int(key.duplicated().sum())
            what = (f"tie {ties['source'].iloc[first]!r} -> {ties['target'].iloc[first]!r}"
                    if directed else f"tie {ties['source'].iloc[first]!r} -- {ties['target'].iloc[first]!r}")
            what += f" ({ties['relation'].iloc[first]}"
            what += f", wave {ties['wave'].iloc[first]})" if "wave" in ties.columns else ")"
            raise _fail(t_origin, same, "source/target",
                        f"{what} is given more than once ({n_extra} repeated tie(s) in all); "
                        "remove the repeats, or pass duplicates='sum' to add their weights "
                        "or duplicates='keep' to keep them as separate ties")
        if duplicates == "sum":
            n_before = len(ties)
            grp = key.groupby(list(key.columns), sort=False, observed=True).ngroup().to_numpy()
            firsts = pd.Series(np.arange(len(ties))).groupby(grp).min().to_numpy()
            sums = ties["weight"].groupby(grp).sum()
            merged = ties.iloc[firsts].reset_index(drop=True)
            merged["weight"] = sums.to_numpy()
            ties = merged
            t_origin = t_origin.subset(firsts)
            changes.append(f"merged {n_before - len(ties)} repeated tie(s) into their first occurrence, "
                           "summing weights")

    # ---- actor columns
    if "label" not in actors.columns:
        actors.insert(0, "label", actors.index.to_numpy(dtype=object))
    else:
        lab = actors["label"].astype(object)
        blank = _blank(lab)
        lab = lab.where(~blank, pd.Series(actors.index.to_numpy(dtype=object), index=actors.index))
        actors["label"] = lab.map(lambda v: v if isinstance(v, str) else str(v)).astype(object)
    if "role" not in actors.columns:
        actors["role"] = pd.Series([None] * len(actors), index=actors.index, dtype=object)
    else:
        actors["role"] = _roles.normalise_roles(actors["role"])
    if "respondent" in actors.columns:
        actors["respondent"] = _parse_bool(actors["respondent"], a_origin, "respondent")
    front = ["label", "role"] + (["respondent"] if "respondent" in actors.columns else [])
    actors = actors[front + [c for c in actors.columns if c not in front]]
    order = ["source", "target", "relation", "weight"] + (["wave"] if "wave" in ties.columns else [])
    ties = ties[order + [c for c in ties.columns if c not in order]].reset_index(drop=True)

    actors = _object_text(actors)
    ties = _object_text(ties)

    # ---- warnings
    if changes:
        warnings.warn("; ".join(changes), DataWarning, stacklevel=3)
    if warn_isolates and len(actors):
        ends = pd.Index(pd.unique(np.concatenate([ties["source"].to_numpy(object), ties["target"].to_numpy(object)])))
        isolated = actors.index[~actors.index.isin(ends)]
        if len(isolated):
            shown = ", ".join(map(repr, isolated[:5].tolist())) + (" ..." if len(isolated) > 5 else "")
            warnings.warn(f"{len(isolated)} of {len(actors)} actors have no ties: {shown}", DataWarning, stacklevel=3)
    _warn_roles(actors["role"], a_origin)
    return StakeholderNetwork(actors, ties, directed)


def _object_text(df: pd.DataFrame) -> pd.DataFrame:
    """Give attribute columns one canonical dtype, whichever way pandas or the caller built them.

    Text is stored with object dtype (missing as None); an object column holding
    only booleans, integers or floats gets the matching (nullable where needed)
    dtype, so equal data compare equal after any round trip.
    """
    changes: dict[str, Any] = {}
    for c in df.columns:
        s = df[c]
        dt = s.dtype
        if isinstance(dt, pd.CategoricalDtype):
            continue
        if pd.api.types.is_string_dtype(dt) and dt != object:
            changes[c] = s.astype(object).where(s.notna(), None)
        elif dt == object:
            kind = pd.api.types.infer_dtype(s, skipna=True)
            has_na = bool(s.isna().any())
            if kind == "boolean":
                changes[c] = s.astype("boolean") if has_na else s.astype(bool)
            elif kind == "integer":
                changes[c] = s.astype("Int64") if has_na else s.astype("int64")
            elif kind in ("floating", "mixed-integer-float"):
                changes[c] = s.astype(float)
            elif has_na and kind == "string":
                changes[c] = s.where(s.notna(), None)
    if changes:
        df = df.copy()
        for c, v in changes.items():
            df[c] = v
    return df


def _warn_roles(role: pd.Series, origin: Origin) -> None:
    counts = role.dropna().value_counts()
    if counts.empty:
        return
    unknown: dict[str, int] = {}
    n_only_unknown = 0
    for value, n in counts.items():
        parts = [p.strip() for p in str(value).split(";")]
        extra = [p for p in parts if p not in _roles.CANONICAL_ROLES]
        for p in extra:
            unknown[p] = unknown.get(p, 0) + int(n)
        if len(extra) == len(parts):
            n_only_unknown += int(n)
    if unknown and n_only_unknown > 0.25 * counts.sum():
        names = ", ".join(f"{k!r} ({v})" for k, v in sorted(unknown.items(), key=lambda kv: -kv[1])[:8])
        warnings.warn(
            f"{origin.name}: {n_only_unknown} of {int(counts.sum())} actors have only roles outside the "
            f"canonical vocabulary ({', '.join(_roles.CANONICAL_ROLES)}): {names}; "
            "they are kept as written, lower-cased", DataWarning, stacklevel=4)
