"""The report's HTML: Jinja2 templates, shipped as package files, filled with plain data.

Python never writes markup. It builds plain data — numbers, sentences, table
rows — and the templates in ``systemsmap/report/templates/`` turn it into
HTML through one :class:`jinja2.Environment` with ``autoescape=True`` and
``StrictUndefined`` (a name a template uses but the data lack is an error,
never an empty string). Every value a template writes is escaped as
:func:`html.escape` escapes it, quotes included (``&quot;``, ``&#x27;``), so a
label such as ``<script>`` or ``{{ x }}`` shows as text, in element text and
in attributes alike. Nothing is marked safe in Python: the figures are PNG
data URIs, plain text whose escaping changes nothing, and the interactive
map's page is escaped into the ``srcdoc`` attribute like any text.

The templates
-------------
``page.html``
    The document: head (Content Security Policy, ``style.css`` inline), title,
    table of contents, each section in order, footer, ``sort.js`` inline.
``section.html``
    The frame every section extends: ``<section id>``, its ``<h2>`` and the
    ``lead`` block (one sentence under the heading); the section fills
    ``body``.
``sections/<id>.html``
    One template per section (``findings``, ``map``, ``silos``, ``brokers``,
    ``actors``, ``change``, ``model``, ``evidence``, ``next-steps``, ``caveats``). Each reads its data
    as ``section.<name>`` (``section.id`` and ``section.title`` are set for
    it) and the building blocks from ``macros.html``.
``macros.html``
    ``table(t)`` (a :class:`Table`), ``kv(rows)`` (a list of ``(label,
    value)`` pairs, as a two-column table), ``figure(f)`` (a :class:`Figure`),
    ``items(texts)`` (a ``<ul>`` of sentences).
``repr.html``
    The notebook view of a :class:`~systemsmap.report.Report`.

Templates may use the ``thousands`` filter (``{{ n|thousands }}``: ``1,234``);
``None`` is written as nothing.

Adding a section
----------------
1. Write ``templates/sections/<id>.html``: ``{% extends "section.html" %}``,
   ``{% import "macros.html" as m %}``, a ``lead`` block and a ``body`` block
   reading ``section.<name>`` (fixed prose in the template, values from data).
2. Write a function in :mod:`systemsmap.report._sections` that takes the
   :class:`~systemsmap.report._sections.Material` and returns the section's
   data as a dict of plain values, :class:`Table` (built with :func:`table`),
   :class:`Figure` and lists of them (``id`` and ``title`` are reserved) — or
   None to leave the section out. A number the report lacks is computed once
   in :func:`~systemsmap.report._analysis.analyse`; a figure is drawn in
   ``build._figures`` and reaches the section in ``Material.figures``.
3. Add ``Section("<id>", "<Title>", function)`` to ``SECTIONS`` there, in
   reading order; the table of contents and ``Report.sections`` follow.
4. Test it with hostile text (``<script>``, ``{{ }}``) in labels and groups.
"""
from __future__ import annotations

import functools
import html
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ._text import fmt_count, fmt_p

__all__ = ["Cell", "Figure", "Header", "Table", "environment", "render", "table"]

TEMPLATES = "templates"  # the folder of the package holding the templates


def _text(value: Any) -> Any:
    """Every value a template writes: escaped as :func:`html.escape` does, None as nothing.

    The environment's ``finalize``: autoescaping would escape with
    markupsafe's spelling (``&#39;``, ``&#34;``); this keeps the spelling of
    :func:`html.escape` the report has always written. A value that is
    already markup (``__html__``) is the output of a macro of these templates,
    whose values were escaped in turn, and passes as it is.
    """
    from markupsafe import Markup

    if hasattr(value, "__html__"):
        return value
    return Markup(html.escape("" if value is None else str(value), quote=True))


@functools.cache
def environment():
    """The report's :class:`jinja2.Environment`: package templates, autoescaped, strict."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader(__package__, TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, finalize=_text, trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=True, auto_reload=False)
    env.filters["thousands"] = fmt_count
    return env


def render(name: str, **context: Any) -> str:
    """Render the template ``name`` (a path under ``templates/``) with ``context``."""
    return environment().get_template(name).render(**context)


# ---------------------------------------------------------------------------- building blocks
@dataclass(frozen=True)
class Figure:
    """An image: its ``uri`` (a PNG data URI), ``alt`` text and ``caption``."""

    uri: str
    alt: str
    caption: str


@dataclass(frozen=True)
class Header:
    """A column heading; ``numeric`` headings sort by number (``data-type="num"``) and align right."""

    text: str
    numeric: bool


@dataclass(frozen=True)
class Cell:
    """A table cell: the ``text`` shown, right-aligned when ``numeric``; ``sort`` is the value the
    sorter reads (``data-v``), None for cells that sort by their text."""

    text: str
    numeric: bool = False
    sort: str | None = None


@dataclass(frozen=True)
class Table:
    """A table for the ``table`` macro: headings, rows of cells and how it is shown."""

    head: list[Header]
    rows: list[list[Cell]]
    caption: str | None = None
    id: str | None = None
    classes: str = ""
    tall: bool = False


def _missing(v: Any) -> bool:
    if v is None or v is pd.NA:
        return True
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _cell(v: Any, kind: str) -> tuple[str, str]:
    """(display text, sort value) of one cell."""
    if _missing(v):
        return "", ""
    if kind == "int":
        return f"{int(v):,}", repr(float(v))
    if kind in ("f2", "f3", "f4"):
        x = float(v)
        if math.isinf(x):
            return ("∞" if x > 0 else "-∞"), ("1e308" if x > 0 else "-1e308")
        return f"{x:.{kind[1]}f}", repr(x)
    if kind == "p":  # a p-value, as every p-value is written (without the leading "p")
        x = float(v)
        return fmt_p(x, bare=True), repr(x)
    if kind == "pct":
        return f"{float(v):.0%}", repr(float(v))
    if kind == "pct1":
        return f"{float(v):.1%}", repr(float(v))
    if kind == "bool":
        return ("yes" if bool(v) else "no"), ("1" if bool(v) else "0")
    if kind == "steps":  # steps to a target: 1e9 stands for no path, 2e9 for unknown, 0 for being one
        x = float(v)
        return ("unknown" if x >= 2e9 else "no path" if x >= 1e9 else "is one" if x == 0 else f"{int(x)}"), repr(x)
    return str(v), ""


def _make_cell(v: Any, kind: str) -> Cell:
    text, key = _cell(v, kind)
    if kind == "text":
        return Cell(text)
    if kind == "rtext":  # text aligned as numbers are, sorted as text
        return Cell(text, numeric=True)
    return Cell(text, numeric=True, sort=key)


def table(df: pd.DataFrame, columns: Sequence[tuple[str, str, str]], *, sortable: bool = False,
          caption: str | None = None, tall: bool = False, print_limit: bool = False,
          table_id: str | None = None) -> Table:
    """The :class:`Table` of ``df``'s ``columns``, each ``(column, heading, kind)``.

    ``kind`` says how values are written and sorted: ``text``, ``rtext``
    (text aligned right), ``int``, ``f2``/``f3``/``f4`` (decimals), ``p``
    (a p-value), ``pct`` and ``pct1`` (percentages, no or one decimal), ``bool`` (yes/no), ``steps``
    (steps to a target).
    ``sortable`` lets a reader sort by clicking a heading; ``tall`` scrolls a
    long table in its own box; ``print_limit`` prints the first 100 rows.
    """
    head = [Header(heading, kind not in ("text", "rtext")) for _, heading, kind in columns]
    data = [(df[c].tolist(), kind) for c, _, kind in columns]
    rows = [[_make_cell(values[i], kind) for values, kind in data] for i in range(len(df))]
    classes = " ".join(c for c, on in (("sortable", sortable), ("print-limit", print_limit)) if on)
    return Table(head, rows, caption=caption, id=table_id, classes=classes, tall=tall)
