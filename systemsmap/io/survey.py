"""Survey exports as survey tools write them: header rows, question prefixes, metadata and value labels.

:func:`survey_table` reads any of these into a :class:`SurveyTable` (columns
with every header row's text, and the respondent rows), which the roster and
name-generator readers then interpret:

- **plain**: one header row (a spreadsheet, Google Forms, Microsoft Forms,
  REDCap's labelled export, a pandas DataFrame);
- **Qualtrics**: three header rows (column ids such as ``Q2_1``, the question
  text such as ``How often ... - Dr Amara Okafor``, and ``{"ImportId": ...}``);
- **SurveyMonkey**: two header rows (the question over a block of blank
  cells, then each block's sub-questions, or ``Response``);
- **SPSS** ``.sav`` and **Stata** ``.dta`` (read by pyreadstat): variable
  names and labels are the header rows, value labels say what each code
  means, and user-missing codes are missing.

Question-prefixed headers, as tools write a grid question's rows, are split
into the question and the item (:func:`split_questions`), in every common
style: ``Question - Name``, ``Question: Name``, ``Question [Name]``,
``Question.Name`` and ``Question (Name)``.
"""
from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import DataError
from ._cells import header_words, title_rows
from ._source import open_grid
from ._validate import Origin
from .matrix import cell_text, column_letter, trim_grid

__all__ = ["SurveyTable", "Column", "survey_table", "split_questions", "question_groups", "METADATA", "STAT_EXT",
           "header_layout"]

#: Statistical-package files read through pyreadstat.
STAT_EXT = {".sav": "spss", ".zsav": "spss", ".dta": "stata"}

#: Column names survey tools add about a response rather than about the respondent's answers (lower case).
METADATA = frozenset({
    # Qualtrics
    "startdate", "enddate", "status", "ipaddress", "progress", "duration (in seconds)", "finished", "recordeddate",
    "responseid", "recipientlastname", "recipientfirstname", "recipientemail", "externalreference",
    "locationlatitude", "locationlongitude", "distributionchannel", "userlanguage", "q_recaptchascore",
    "q_relevantidduplicate", "q_relevantidduplicatescore", "q_relevantidfraudscore", "q_relevantidlaststartdate",
    "q_ballotboxstuffing", "start date", "end date", "response type", "ip address", "recorded date", "response id",
    # SurveyMonkey
    "respondent id", "collector id", "email address", "first name", "last name", "custom data 1", "custom data",
    # Google Forms, Microsoft Forms
    "timestamp", "score", "total score", "id", "start time", "completion time", "email", "last modified time",
    "total points", "quiz feedback",
    # REDCap
    "record id", "survey identifier", "survey timestamp", "complete?", "repeat instrument", "repeat instance",
    "event name", "data access group",
})
_GENERIC_SUB = {"response", "open-ended response", "other (please specify)"}
_IMPORT_ID = re.compile(r'^\s*\{\s*"ImportId"\s*:\s*"([^"]*)"')


@dataclass
class Column:
    """One column of a survey export.

    Attributes
    ----------
    position : int
        From 0, as the file has it.
    headers : tuple
        The text of each header row (None where blank).
    label : str
        How messages name the column: its first header row's text (a column
        id such as ``Q2_1`` or a variable name where the tool writes one).
    title : str
        Its readable header: the question text where the tool writes one.
    question, item : str or None
        The question text and the item (an actor's name in a grid question)
        when the header is question-prefixed, else None.
    value_labels : dict or None
        What each code means (SPSS, Stata).
    missing_codes : frozenset
        Codes the file declares missing (SPSS user-missing values).
    metadata : bool
        Whether the tool added the column about the response (dates, ids, IP).
    """

    position: int
    headers: tuple[str | None, ...]
    label: str
    title: str
    question: str | None = None
    item: str | None = None
    value_labels: dict[float, str] | None = None
    missing_codes: frozenset = frozenset()
    metadata: bool = False

    def names(self) -> list[str]:
        """Every text that names the column: each header row, and a Qualtrics ImportId's own id."""
        out = []
        for h in self.headers:
            if h is None:
                continue
            m = _IMPORT_ID.match(h)
            out.append(m.group(1) if m else h)
        return list(dict.fromkeys(out + [self.title]))


@dataclass
class SurveyTable:
    """A survey export's columns and respondent rows (see :func:`survey_table`).

    ``rows`` holds ``(row number, cells)`` for each row with a non-empty cell,
    numbered as a spreadsheet shows them (from 1 for a DataFrame's rows);
    ``header_rows`` are the header rows' numbers (none for a DataFrame).
    """

    name: str
    layout: str
    columns: list[Column]
    rows: list[tuple[int, list[Any]]]
    header_rows: list[int] = field(default_factory=lambda: [1])
    row_word: str = "row"

    @property
    def origin(self) -> Origin:
        """Errors name rows by their number: positions are row numbers."""
        return Origin(self.name, first_row=0, row_word=self.row_word)

    def find(self, name: str) -> Column | None:
        """The column that any of its header rows names (case and spacing ignored), or None."""
        key = _key(name)
        for c in self.columns:
            if any(_key(n) == key for n in c.names()):
                return c
        return None

    def cells(self, column: Column) -> list[Any]:
        """Column ``column``'s cell in every respondent row."""
        j = column.position
        return [r[j] for _, r in self.rows]

    def header_list(self) -> str:
        """The columns as messages list them: ``'Q1' (What is your name?), 'Q2_1' (...)``."""
        shown = []
        for c in self.columns[:12]:
            shown.append(repr(c.label) + (f" ({c.title})" if c.title != c.label else ""))
        return ", ".join(shown) + (f" ... ({len(self.columns)} columns)" if len(self.columns) > 12 else "")


def _key(text: Any) -> str:
    return " ".join(str(text).split()).casefold()


# ---------------------------------------------------------------------- reading
def survey_table(source: Any, *, sheet: str | int | None = None, what: str = "roster",
                 header_names: Collection[str] = ()) -> SurveyTable:
    """Read a survey export, in whichever layout its tool wrote it, into a :class:`SurveyTable`.

    Parameters
    ----------
    source : path or pandas.DataFrame
        A CSV file, an Excel workbook, an SPSS ``.sav`` or Stata ``.dta``
        file, or a DataFrame (its columns the header; a MultiIndex gives one
        header row per level).
    sheet : str or int, optional
        The worksheet of a workbook.
    what : str
        How a DataFrame is named in messages (``"DataFrame roster"``).
    header_names : collection of str
        Names that mark the header row (the id column's): one-cell rows
        above a row holding one are a title, skipped with a warning
        (:func:`~systemsmap.io._cells.title_rows`).

    Raises
    ------
    DataError
        If the file is missing, empty, or not a table.
    """
    if isinstance(source, pd.DataFrame):
        return _frame_table(source, f"DataFrame {what}")
    p = Path(source)
    if p.suffix.lower() in STAT_EXT and p.is_file():
        return _stat_table(p)
    rows, name = open_grid(p, sheet=sheet)
    rows = trim_grid(rows)
    if not rows:
        raise DataError("the file is empty", origin=name, expected="a header row and one row per respondent")
    start = title_rows(rows, header_words(header_names), name) if header_names else 0
    rows = rows[start:]
    layout, n = header_layout(rows)
    heads = rows[:n]
    body = [(k + start + n + 1, list(r)) for k, r in enumerate(rows[n:]) if any(cell_text(v) is not None for v in r)]
    columns = _grid_columns(heads, layout, name, start + 1)
    return SurveyTable(name, layout, split_questions(columns), body,
                       header_rows=list(range(start + 1, start + n + 1)))


def header_layout(rows: list[list[Any]]) -> tuple[str, int]:
    """The layout of a grid and how many header rows it has: Qualtrics 3, SurveyMonkey 2, plain 1.

    Examples
    --------
    >>> header_layout([["Q1", "Q2_1"], ["Name?", "Often - Ann"], ['{"ImportId":"QID1"}', '{"ImportId":"QID2_1"}']])
    ('qualtrics', 3)
    >>> header_layout([["Respondent ID", "Q?", None], [None, "Ann", "Bo"], ["1", "2", "3"]])
    ('surveymonkey', 2)
    """
    if len(rows) >= 3:
        third = [cell_text(c) for c in rows[2]]
        filled = [t for t in third if t is not None]
        if filled and sum(bool(_IMPORT_ID.match(t)) for t in filled) >= max(1, len(filled) // 2):
            return "qualtrics", 3
    if len(rows) >= 2:
        first = [(cell_text(c) or "").casefold() for c in rows[0]]
        second = [(cell_text(c) or "").casefold() for c in rows[1]]
        blocks = any(first[j] == "" and second[j] != "" for j in range(1, len(first)))
        if second and second[0] == "" and (("respondent id" in first and blocks)
                                           or (blocks and set(second) & _GENERIC_SUB)):
            return "surveymonkey", 2
    return "plain", 1


def _grid_columns(heads: list[list[Any]], layout: str, name: str, header_row: int = 1) -> list[Column]:
    """The columns of a grid's header rows."""
    width = max(len(r) for r in heads)
    texts = [[cell_text(r[j]) if j < len(r) else None for r in heads] for j in range(width)]
    cols: list[Column] = []
    question = None
    for j, hs in enumerate(texts):
        if layout == "surveymonkey":
            question = hs[0] if hs[0] is not None or j == 0 else question
            cols.append(_monkey_column(j, hs, question, name, header_row))
            continue
        label = hs[0] if hs[0] is not None else (next((h for h in hs if h is not None), None))
        if label is None:
            raise DataError("a column with no header", origin=name, rows=[header_row], column=column_letter(j),
                            suggestion="give every column a name (the actor's name for an actor column)")
        title = hs[1] if layout == "qualtrics" and hs[1] is not None else label
        meta = _is_metadata(label, title) or (layout == "qualtrics" and _qualtrics_meta(hs[2]))
        cols.append(Column(j, tuple(hs), label, title, metadata=meta))
    return cols


def _monkey_column(j: int, hs: list[str | None], question: str | None, name: str, header_row: int = 1) -> Column:
    """A SurveyMonkey column: the block's question (from the first row, carried across) and its sub-question."""
    sub = hs[1]
    if question is None and sub is None:
        raise DataError("a column with no header", origin=name, rows=[header_row, header_row + 1],
                        column=column_letter(j))
    if sub is None or _key(sub) in _GENERIC_SUB:
        title = question if question is not None else sub
        return Column(j, (question, sub), title, title, metadata=_is_metadata(title, title))
    if question is None:
        return Column(j, (None, sub), sub, sub, metadata=_is_metadata(sub, sub))
    return Column(j, (question, sub), f"{question} - {sub}", f"{question} - {sub}", question=question, item=sub)


def _is_metadata(*names: str) -> bool:
    return any(_key(n) in METADATA for n in names)


def _qualtrics_meta(import_id: str | None) -> bool:
    """A Qualtrics column about the response: an ImportId that is not a question's (``QID...``)."""
    m = _IMPORT_ID.match(import_id or "")
    return bool(m) and not m.group(1).startswith("QID")


def _frame_table(df: pd.DataFrame, name: str) -> SurveyTable:
    """A DataFrame as a survey table: its columns (each MultiIndex level a header row) and its rows from 1."""
    if isinstance(df.columns, pd.MultiIndex):
        heads = [[cell_text(v) if not str(v).startswith("Unnamed: ") else None for v in level]
                 for level in zip(*df.columns.tolist())]
    else:
        heads = [[cell_text(c) for c in df.columns]]
    layout, _ = header_layout(heads + [[None] * len(df.columns)]) if len(heads) > 1 else ("plain", 1)
    for j, c in enumerate(zip(*heads)):
        if all(h is None for h in c):
            raise DataError("a column with no name", origin=name, column=f"position {j}",
                            suggestion="give every column a name")
    columns = _grid_columns(heads, layout if len(heads) in (2, 3) else "plain", name)
    body = [(k + 1, list(r)) for k, r in enumerate(df.itertuples(index=False, name=None))
            if any(cell_text(v) is not None for v in r)]
    return SurveyTable(name, "dataframe", split_questions(columns), body, header_rows=[])


def _stat_table(p: Path) -> SurveyTable:
    """An SPSS or Stata file through pyreadstat: names and labels as header rows, value labels and missing codes."""
    try:
        import pyreadstat
    except ImportError:  # pragma: no cover - pyreadstat is a dependency
        raise DataError("reading SPSS and Stata files needs the pyreadstat package", origin=p.name,
                        suggestion="pip install pyreadstat") from None
    kind = STAT_EXT[p.suffix.lower()]
    reader = pyreadstat.read_sav if kind == "spss" else pyreadstat.read_dta
    try:
        df, meta = reader(os.fspath(p), apply_value_formats=False, user_missing=True)
    except Exception as exc:  # pyreadstat raises its own ReadstatError and others for damaged files
        raise DataError(f"cannot be read as {'an SPSS' if kind == 'spss' else 'a Stata'} file ({exc})",
                        origin=p.name) from None
    labels = dict(zip(meta.column_names, meta.column_labels or [None] * len(meta.column_names)))
    columns = []
    for j, var in enumerate(meta.column_names):
        title = labels.get(var) or var
        vl = meta.variable_value_labels.get(var)
        codes = _missing_codes(meta, var)
        columns.append(Column(j, (var, labels.get(var)), var, title, value_labels=_float_keys(vl),
                              missing_codes=codes, metadata=_is_metadata(var, title)))
    body = [(k + 1, [_stat_cell(v) for v in r]) for k, r in enumerate(df.itertuples(index=False, name=None))]
    body = [(k, r) for k, r in body if any(cell_text(v) is not None for v in r)]
    return SurveyTable(p.name, kind, split_questions(columns), body, header_rows=[], row_word="case")


def _float_keys(labels: dict | None) -> dict[float, str] | None:
    if not labels:
        return None
    out = {}
    for k, v in labels.items():
        try:
            out[float(k)] = str(v)
        except (TypeError, ValueError):
            continue
    return out or None


def _missing_codes(meta: Any, var: str) -> frozenset:
    """The codes an SPSS file declares missing for ``var`` (single values and ranges' ends)."""
    codes: set[float] = set()
    for rng in (getattr(meta, "missing_ranges", None) or {}).get(var, []):
        lo, hi = rng.get("lo"), rng.get("hi")
        try:
            lo, hi = float(lo), float(hi)
        except (TypeError, ValueError):
            continue
        if hi - lo <= 1000 and float(lo).is_integer():
            codes.update(float(x) for x in range(int(lo), int(hi) + 1))
        else:
            codes.update({lo, hi})
    for v in (getattr(meta, "missing_user_values", None) or {}).get(var, []):
        try:
            codes.add(float(v))
        except (TypeError, ValueError):
            continue
    return frozenset(codes)


def _stat_cell(v: Any) -> Any:
    """A pyreadstat value as a cell: text stripped (empty is None), NaN None, numbers as they are."""
    if isinstance(v, str):
        return v.strip() or None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return v


# ---------------------------------------------------------------------- question prefixes
_DASH = re.compile(r"\s+[-\u2013\u2014]\s+")
_COLON = re.compile(r":\s*")
_DOT = re.compile(r"\.(?=\S)")
_BRACKET = re.compile(r"^(.*?)\s*\[([^\[\]]+)\]\s*$", re.S)
_PAREN = re.compile(r"^(.*?)\s*\(([^()]+)\)\s*$", re.S)


def _splits(text: str) -> list[tuple[str, str]]:
    """Every way to read a header as ``(question, item)`` in the common styles."""
    out = []
    for pattern in (_DASH, _COLON, _DOT):
        for m in pattern.finditer(text):
            q, item = text[:m.start()].strip(), text[m.end():].strip()
            if q and item:
                out.append((q, item))
    for pattern in (_BRACKET, _PAREN):
        m = pattern.match(text)
        if m and m.group(1).strip() and m.group(2).strip():
            out.append((m.group(1).strip(), m.group(2).strip()))
    return out


def split_questions(columns: list[Column]) -> list[Column]:
    """Find the questions that two or more headers share, and split those headers into question and item.

    Each header is read every way the common styles allow; a column takes
    the reading whose question most other columns share (at least two), so
    ``How often ...?.Dr. Ann Lee`` splits at ``?.``, not at ``Dr.``.
    Columns already split (SurveyMonkey's) and metadata are left alone.

    Examples
    --------
    >>> cols = [Column(j, (h,), h, h) for j, h in enumerate(["Name", "Work with? [Ann Lee]", "Work with? [Bo]"])]
    >>> [(c.question, c.item) for c in split_questions(cols)]
    [(None, None), ('Work with?', 'Ann Lee'), ('Work with?', 'Bo')]
    """
    options: dict[int, list[tuple[str, str]]] = {}
    count: Counter = Counter()
    for c in columns:
        if c.question is not None or c.metadata:
            continue
        texts = [h for h in (c.title, *c.headers) if h is not None and not _IMPORT_ID.match(h)]
        opts = list(dict.fromkeys(s for t in dict.fromkeys(texts) for s in _splits(t)))
        options[c.position] = opts
        count.update({_key(q) for q, _ in opts})
    out = []
    for c in columns:
        opts = [o for o in options.get(c.position, []) if count[_key(o[0])] >= 2]
        if opts:
            q, item = max(opts, key=lambda o: (count[_key(o[0])], len(o[0])))
            c = Column(c.position, c.headers, c.label, c.title, q, item, c.value_labels, c.missing_codes,
                       c.metadata)
        out.append(c)
    return out


def question_groups(columns: Sequence[Column]) -> dict[str, list[Column]]:
    """The question-prefixed columns grouped by question (case and spacing ignored), largest first."""
    groups: dict[str, list[Column]] = {}
    names: dict[str, str] = {}
    for c in columns:
        if c.question is not None:
            groups.setdefault(_key(c.question), []).append(c)
            names.setdefault(_key(c.question), c.question)
    ordered = sorted(groups.items(), key=lambda kv: -len(kv[1]))
    return {names[k]: v for k, v in ordered if len(v) >= 2}

