"""How result objects show themselves in a notebook: a short text line and a small HTML view.

Every result class (``SiloReport``, ``VoiceReport``, ``KeyPlayers``,
``Vulnerabilities``, ``Response``, ``Comparison``, ``TieQuality``,
``Robustness``, ``Report``) gives

- ``__repr__``: one line, at most two: what it is and its headline, as
  :func:`short` writes it (``<VoiceReport: 22 of 46 ...>``);
- ``_repr_html_``: the headline, a few sentences and the top rows of its main
  table, with each actor's ``label`` beside its id, as :func:`html_view`
  writes it.

``str()`` stays the full plain-language account.
"""
from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

__all__ = ["short", "html_view", "with_labels", "TOP_ROWS", "REPR_WIDTH"]

#: Rows of a result's table shown in its notebook view.
TOP_ROWS = 10
#: The longest ``repr`` line; longer headlines are cut with an ellipsis.
REPR_WIDTH = 160


def short(kind: str, headline: str, extra: str = "") -> str:
    """``<kind: headline>`` on one line (a second line for ``extra``), cut to :data:`REPR_WIDTH`.

    Examples
    --------
    >>> short("VoiceReport", "22 of 46 people with lived experience within 2 steps of a policymaker")
    '<VoiceReport: 22 of 46 people with lived experience within 2 steps of a policymaker>'
    """
    def cut(text: str, room: int) -> str:
        text = " ".join(str(text).split())
        return text if len(text) <= room else text[: room - 3].rstrip() + "..."

    first = f"<{kind}: " + cut(headline, REPR_WIDTH - len(kind) - 4) + ">"
    return first if not extra else first + "\n  " + cut(extra, REPR_WIDTH - 2)


def with_labels(table: pd.DataFrame, labels: Mapping[Any, Any], *, columns: Iterable[str] = ()) -> pd.DataFrame:
    """A copy of ``table`` with a ``label`` column first (by its index) and ``<col>_label`` beside id columns.

    ``columns`` names columns holding actor ids (``source``, ``target``,
    ``introducer``); the index, when it holds actor ids, gets ``label``.
    Labels that equal the id are still written, so every row reads alike.
    """
    out = table.copy()
    if out.index.name == "id" and "label" not in out.columns:
        out.insert(0, "label", [labels.get(i, i) for i in out.index])
    for col in columns:
        if col in out.columns and f"{col}_label" not in out.columns:
            pos = out.columns.get_loc(col) + 1
            out.insert(pos, f"{col}_label", [labels.get(i, i) if isinstance(i, str) else i for i in out[col]])
    return out


def _cell(v: Any) -> str:
    if isinstance(v, float):
        return "" if v != v else f"{v:.4g}"
    if isinstance(v, (list, tuple)):
        return ", ".join(map(str, v))
    if v is None or v is pd.NA:
        return ""
    return str(v)


def html_view(kind: str, headline: str, lines: Iterable[str] = (), table: pd.DataFrame | None = None, *,
              caption: str = "", top: int = TOP_ROWS) -> str:
    """A small escaped HTML block: the kind and headline in bold, sentences, and the top rows of ``table``."""
    esc = html.escape
    parts = [f"<div class='systemsmap-result'><p><b>{esc(kind)}</b>: {esc(headline)}</p>"]
    parts += [f"<p>{esc(str(line))}</p>" for line in lines if line]
    if table is not None and len(table.columns):
        shown = table.head(top)
        index_name = shown.index.name or ""
        head = "".join(f"<th>{esc(str(c))}</th>" for c in [index_name, *shown.columns])
        body = "".join("<tr><th>" + esc(str(i)) + "</th>" + "".join(f"<td>{esc(_cell(v))}</td>" for v in row)
                       + "</tr>" for i, row in zip(shown.index, shown.itertuples(index=False)))
        more = len(table) - len(shown)
        note = caption + (f" (first {len(shown)} of {len(table)} rows)" if more > 0 else "")
        cap = f"<caption>{esc(note.strip())}</caption>" if note.strip() else ""
        parts.append(f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    return "".join(parts) + "</div>"
