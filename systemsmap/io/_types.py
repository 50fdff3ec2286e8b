"""Column types written beside formats that cannot carry them (CSV), so a round trip keeps them."""
from __future__ import annotations

from typing import Any

import pandas as pd

__all__ = ["column_kinds", "apply_kinds"]


def column_kinds(df: pd.DataFrame) -> dict[str, Any]:
    """Describe each column's type as a small JSON-able value."""
    kinds: dict[str, Any] = {}
    for col in df.columns:
        dt = df[col].dtype
        if isinstance(dt, pd.CategoricalDtype):
            cats = dt.categories.tolist()
            kinds[str(col)] = {"category": [c.item() if hasattr(c, "item") else c for c in cats],
                               "ordered": bool(dt.ordered)}
        elif pd.api.types.is_bool_dtype(dt):
            kinds[str(col)] = "boolean" if str(dt) == "boolean" else "bool"
        elif pd.api.types.is_integer_dtype(dt):
            kinds[str(col)] = "Int64" if str(dt) == "Int64" else "int"
        elif pd.api.types.is_float_dtype(dt):
            kinds[str(col)] = "float"
        elif pd.api.types.is_datetime64_any_dtype(dt):
            kinds[str(col)] = "datetime"
        else:
            kinds[str(col)] = "str"
    return kinds


def apply_kinds(df: pd.DataFrame, kinds: dict[str, Any]) -> pd.DataFrame:
    """Restore the types recorded by :func:`column_kinds` on a table read as text."""
    out = df.copy()
    for col, kind in kinds.items():
        if col not in out.columns:
            continue
        s = out[col]
        if isinstance(kind, dict):
            cats = kind["category"]
            probe = pd.Series(cats)
            if pd.api.types.is_numeric_dtype(probe):
                s = pd.to_numeric(s)
            out[col] = pd.Categorical(s, categories=cats, ordered=kind.get("ordered", False))
        elif kind in ("bool", "boolean"):
            b = s.map(lambda v: None if v is None or (not isinstance(v, str) and pd.isna(v))
                      else str(v).strip().lower() in ("true", "1", "yes"))
            out[col] = b.astype(bool) if kind == "bool" else b.astype("boolean")
        elif kind in ("int", "Int64"):
            n = pd.to_numeric(s, errors="coerce")
            out[col] = n.astype("int64") if kind == "int" else n.astype("Int64")
        elif kind == "float":
            out[col] = pd.to_numeric(s, errors="coerce").astype(float)
        elif kind == "datetime":
            out[col] = pd.to_datetime(s)
        else:
            out[col] = s.astype(object)
    return out
