"""UCINET DL text files: full matrices, half matrices, edge lists and node lists.

The DL ("data language") format of UCINET (Borgatti, Everett & Freeman 2002)
is a header of keywords followed by ``data:``::

    dl n=4 format=edgelist1
    labels:
    Ann, Bob, Cy, Dee
    data:
    1 2 3
    2 3

Keywords are case-insensitive and may share lines; values and labels are
separated by spaces or commas (a line holding a comma is split on commas
only, so labels there may contain spaces); labels may be quoted.
"""
from __future__ import annotations

import math
import os
import re
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._check import check_choice, check_path
from ..errors import DataError, DataWarning, rows_phrase
from ..network import StakeholderNetwork
from ._text import decode, is_binary
from ._validate import MAX_ACTORS, Origin, build_network, check_reader_options, over_limit

__all__ = ["read_ucinet", "write_ucinet"]

_FORMATS = {
    "fullmatrix": "fullmatrix", "fm": "fullmatrix", "full": "fullmatrix",
    "edgelist1": "edgelist1", "el1": "edgelist1", "edgelist": "edgelist1",
    "nodelist1": "nodelist1", "nl1": "nodelist1", "nodelist": "nodelist1",
    "lowerhalf": "lowerhalf", "lh": "lowerhalf", "upperhalf": "upperhalf", "uh": "upperhalf",
}
_UNSUPPORTED = {"edgelist2", "el2", "nodelist2", "nl2", "nodelist1b", "nl1b", "blockmatrix", "edgearray",
                "ea", "rankedlist", "rl"}
_KEYWORDS = {"dl", "n", "nr", "nc", "nm", "format", "labels", "row", "column", "col", "matrix", "level", "diagonal",
             "data"}
_KEY_TOKEN = re.compile(r"\"([^\"]*)\"|'([^']*)'|(=|:)|([^\s,=:\"']+)")
_DATA = re.compile(r"\bdata\s*:", re.IGNORECASE)


def _split(text: str) -> list[str]:
    """Split a label or data line: on commas when it holds one (outside quotes), else on spaces."""
    out: list[str] = []
    has_comma = "," in re.sub(r"\"[^\"]*\"|'[^']*'", "", text)
    if has_comma:
        for m in re.finditer(r"\s*(\"[^\"]*\"|'[^']*'|[^,]*?)\s*(?:,|$)", text):
            tok = m.group(1)
            if m.start() == len(text) and not tok:
                break
            if len(tok) >= 2 and tok[0] == tok[-1] and tok[0] in "\"'":
                out.append(tok[1:-1])
            elif tok:
                out.append(tok)
        return out
    for m in re.finditer(r"\"([^\"]*)\"|'([^']*)'|(\S+)", text):
        out.append(next(g for g in m.groups() if g is not None))
    return out


def _number(tok: str) -> float | None:
    try:
        x = float(tok)
    except ValueError:
        return None
    return x if math.isfinite(x) else None


def _bad(name: str, lines: int | Sequence[int] | None, problem: str, **fields: Any) -> DataError:
    """A :class:`DataError` at ``lines`` (a line number, several, or None) of the DL file ``name``."""
    rows = [] if lines is None else [lines] if isinstance(lines, int) else list(lines)
    return DataError(problem, origin=name, rows=rows, row_word="line", **fields)


def _read_text(p: Path) -> str:
    """The DL file's text, in whatever encoding it was saved (UCINET writes the Windows code page)."""
    if p.is_dir():
        raise DataError("is a folder", origin=str(p), expected="a UCINET DL text file")
    if not p.exists():
        raise DataError("no such file", origin=str(p))
    raw = p.read_bytes()
    if is_binary(raw[:4096]):
        raise DataError("this is not a DL text file (it looks like a binary file); UCINET's own .##h/.##d files "
                        "cannot be read", origin=p.name, suggestion="export the data as DL from UCINET")
    return decode(raw, origin=p.name)[0]


def _split_lines(name: str, text: str) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The header lines and the data lines, ``(line number, text)``, split at the first ``data:`` outside quotes."""
    all_lines = text.splitlines()
    if not any(line.strip() for line in all_lines):
        raise DataError("the file is empty", origin=name, expected="a DL file starting with 'dl n=...'")
    first = next((k, line) for k, line in enumerate(all_lines, start=1) if line.strip())
    if not re.match(r"\s*dl\b", first[1], re.IGNORECASE):
        raise _bad(name, first[0], "is what the file starts with", value=first[1].strip()[:40],
                   expected="the keyword 'dl' first", suggestion="a UCINET DL file starts with 'dl n=...'")
    header_lines: list[tuple[int, str]] = []
    data_lines: list[tuple[int, str]] = []
    for k, line in enumerate(all_lines, start=1):
        if data_lines:
            data_lines.append((k, line))
            continue
        unquoted = re.sub(r"\"[^\"]*\"|'[^']*'", lambda m: " " * len(m.group()), line)
        m = _DATA.search(unquoted)
        if m:
            header_lines.append((k, line[:m.start()]))
            data_lines.append((k, line[m.end():]))
        else:
            header_lines.append((k, line))
    if not data_lines:
        raise _bad(name, len(all_lines), "no 'data:' line", suggestion="a DL file lists its values after a line "
                                                                       "'data:'")
    return header_lines, data_lines


class _Header:
    """Walks the header (everything before ``data:``) keyword by keyword."""

    def __init__(self, name: str, lines: list[tuple[int, str]]):
        self.name = name
        self.lines = lines
        self.i = 0
        self.toks: list[str] = []
        self.line_no = lines[0][0] if lines else 1
        self._load()

    def _load(self) -> None:
        while self.i < len(self.lines) and not self.toks:
            self.line_no, text = self.lines[self.i]
            self.toks = [next(g for g in m.groups() if g is not None) for m in _KEY_TOKEN.finditer(text)]
            self.i += 1

    def peek(self) -> str | None:
        return self.toks[0] if self.toks else None

    def take(self) -> tuple[int, str] | None:
        if not self.toks:
            return None
        tok = self.toks.pop(0)
        line = self.line_no
        if not self.toks:
            self._load()
        return line, tok

    def skip(self, tok: str) -> None:
        """Take the next token if it is ``tok`` (an optional ``=`` or ``:``)."""
        if self.peek() == tok:
            self.take()

    def expect(self, what: str, after: str) -> tuple[int, str]:
        got = self.take()
        if got is None:
            raise _bad(self.name, self.line_no, f"the header ends after {after!r}", expected=what)
        return got

    def labels(self, count: int | None, what: str, start_line: int, size: str = "n") -> list[str]:
        """Labels from the rest of the current line on, line by line, until ``count`` are read.

        A line that starts another keyword (``column labels:``, ``nm=``, ...)
        ends the list even when fewer than ``count`` labels were read, so a
        short list is named as such rather than swallowing the next keyword.
        """
        out: list[str] = []
        # the rest of the current line, as written (labels may hold spaces when comma-separated)
        if self.toks:
            out.extend(_split(_after_colon(self.lines[self.i - 1][1])))
            self.toks = []
        stop = None
        while (count is None or len(out) < count) and self.i < len(self.lines):
            num, text = self.lines[self.i]
            if _keyword_line(text) or (count is None and _starts_keyword(text)):
                stop = (num, text.strip())
                break
            self.i += 1
            self.line_no = num
            out.extend(_split(text))
        self._load()
        if count is not None and len(out) != count:
            if len(out) > count:
                extra = ", ".join(map(repr, out[count:count + 3])) + (", ..." if len(out) > count + 3 else "")
                found = f"{len(out)} label(s), more than the {count} that {size}={count} asks for (the extra: {extra})"
            else:
                end = (f"; the list ends at line {stop[0]}, where {stop[1][:30]!r} starts" if stop
                       else "; the header ends first")
                found = f"{len(out)} label(s), fewer than the {count} that {size}={count} asks for{end}"
            raise _bad(self.name, start_line, f"{what} lists {found}",
                       suggestion=f"give exactly {count}, separated by commas or new lines, or correct {size}=")
        return out


_KEYWORD_LINE = re.compile(r"\s*(?:(?:(?:row|column|col|matrix|level)\s+)?labels\b\s*(?:embedded\b)?\s*(?::|$)"
                           r"|(?:n|nr|nc|nm|format|diagonal)\s*=|diagonal\s+(?:present|absent)\b|data\s*:)",
                           re.IGNORECASE)


def _keyword_line(text: str) -> bool:
    """Whether a header line starts with a keyword phrase (``column labels:``, ``nm=``, ``data:``), not a label."""
    return bool(_KEYWORD_LINE.match(text))


def _after_colon(text: str) -> str:
    """The part of a header line after its ``labels:`` colon."""
    m = re.search(r"labels\s*(?:embedded\s*)?:", text, re.IGNORECASE)
    return text[m.end():] if m else text


def _starts_keyword(text: str) -> bool:
    m = _KEY_TOKEN.search(text)
    if not m:
        return False
    tok = next(g for g in m.groups() if g is not None).lower()
    return tok in _KEYWORDS - {"dl"}


def _parse_header(name: str, lines: list[tuple[int, str]]) -> dict[str, Any]:
    """The header's keywords: ``n``, ``nm``, ``format``, ``diagonal``, the labels and the line of each."""
    h = _Header(name, lines)
    first = h.take()
    if first is None or first[1].lower() != "dl":
        raise _bad(name, first[0] if first else 1, "is what the file starts with",
                   value=first[1] if first else None, expected="the keyword 'dl' first",
                   suggestion="a UCINET DL file starts with 'dl n=...'")
    hd: dict[str, Any] = {"format": "fullmatrix", "embedded_rows": False, "embedded_cols": False,
                          "diagonal": "present", "lines": {}}
    handlers = {"n": _size, "nr": _size, "nc": _size, "nm": _size, "format": _format, "diagonal": _diagonal,
                "labels": _labels, "row": _labels, "column": _labels, "col": _labels, "matrix": _labels,
                "level": _labels}
    last = None
    while (got := h.take()) is not None:
        line, tok = got
        handler = handlers.get(tok.lower())
        if handler is None:
            raise _unknown_keyword(h, hd, line, tok, last)
        handler(h, hd, line, tok)
        last = tok.lower()
    return hd


_KNOWN = ("n=, nr=, nc=, nm=, format=, diagonal present/absent, labels:, row labels:, column labels:, "
          "matrix labels:, level labels:, labels embedded, data:")


def _unknown_keyword(h: _Header, hd: dict[str, Any], line: int, tok: str, last: str | None) -> DataError:
    """The error for a word the header does not know, saying what it looks like."""
    if h.peek() is not None and h.peek().lower() == "labels":
        return _bad(h.name, line, "is not a kind of labels in DL", value=f"{tok} labels",
                    expected="labels:, row labels:, column labels:, matrix labels: or level labels:")
    after_labels = last in ("labels", "row", "column", "col", "matrix", "level")
    if after_labels and h.peek() not in ("=", ":"):
        which = {"matrix": "nm", "level": "nm", "row": "nr", "column": "nc", "col": "nc"}.get(last, "n")
        which = which if which in hd or which == "nm" else "n"
        count = hd.get(which, 1)
        return _bad(h.name, line, f"follows the {count} label(s) that {which}={count} asks for, and is not a DL "
                                  "keyword", value=tok,
                    suggestion=f"if it is a label, the list is longer than {which}={count}: check {which}= against "
                               f"the labels; if it is a keyword, the keywords are {_KNOWN}")
    return _bad(h.name, line, "is not a DL keyword", value=tok, expected=f"one of {_KNOWN}")


def _size(h: _Header, hd: dict[str, Any], line: int, tok: str) -> None:
    """``n=``, ``nr=``, ``nc=`` or ``nm=``: a positive whole number."""
    key = tok.lower()
    h.skip("=")
    vline, value = h.expect("a number", key)
    if not value.isdigit() or int(value) < 1:
        raise _bad(h.name, vline, f"is not a valid {key}=", value=value, expected="a positive whole number")
    hd[key] = int(value)
    hd["lines"][key] = vline


def _format(h: _Header, hd: dict[str, Any], line: int, tok: str) -> None:
    """``format=``: one of the layouts read (two-mode and ranked layouts are refused by name)."""
    h.skip("=")
    vline, value = h.expect("a value", tok.lower())
    value = value.lower()
    if value in _UNSUPPORTED:
        raise _bad(h.name, vline, f"format={value} (two-mode or ranked data) is not supported",
                   expected="fullmatrix, lowerhalf, upperhalf, edgelist1 or nodelist1")
    if value not in _FORMATS:
        raise _bad(h.name, vline, "is not a DL format", value=value,
                   expected="fullmatrix, lowerhalf, upperhalf, edgelist1 or nodelist1")
    hd["format"] = _FORMATS[value]
    hd["lines"]["format"] = vline


def _diagonal(h: _Header, hd: dict[str, Any], line: int, tok: str) -> None:
    """``diagonal=present`` or ``absent`` (matrices without their diagonal)."""
    h.skip("=")
    vline, value = h.expect("a value", tok.lower())
    if value.lower() not in ("present", "absent"):
        raise _bad(h.name, vline, "is not a diagonal= value", value=value, expected="'present' or 'absent'")
    hd["diagonal"] = value.lower()


def _labels(h: _Header, hd: dict[str, Any], line: int, tok: str) -> None:
    """``labels:``, ``row labels:``, ``column labels:``, ``matrix labels:`` (a list) or ``... embedded``."""
    key = tok.lower()
    which = {"labels": "both", "row": "rows", "column": "cols", "col": "cols", "matrix": "matrix",
             "level": "matrix"}[key]
    if key != "labels":
        nxt = h.take()
        if nxt is None or nxt[1].lower() != "labels":
            raise _bad(h.name, line, f"expected 'labels' after {tok!r}")
    if h.peek() is not None and h.peek().lower() == "embedded":
        h.take()
        h.skip(":")
        if which == "matrix":
            raise _bad(h.name, line, f"{tok} labels (the relations' names) cannot be embedded in the data")
        hd["embedded_rows"] |= which in ("both", "rows")
        hd["embedded_cols"] |= which in ("both", "cols")
        return
    if h.peek() != ":":
        raise _bad(h.name, line, f"expected ':' after '{tok} labels' (as in 'labels:')")
    h.toks.pop(0)  # the colon; the labels follow on this line or the next ones
    if which == "matrix":
        size = "nm"
        count, what = hd.get("nm", 1), f"{key} labels:"
    else:
        size = "nr" if which == "rows" and "nr" in hd else "nc" if which == "cols" and "nc" in hd else "n"
        count = hd.get(size)
        what = {"both": "labels:", "rows": "row labels:", "cols": "column labels:"}[which]
    labels = h.labels(count, what, line, size)
    for side, key in (("rows", "row_labels"), ("cols", "col_labels"), ("matrix", "matrix_labels")):
        if which == side or (which == "both" and side != "matrix"):
            hd[key] = labels
    hd["lines"][which] = line


class _Numbered(Sequence):
    """The names ``relation_1`` ... ``relation_nm`` of unlabelled matrices, made when asked for (``nm=`` may be
    any number; only the matrices the data hold are named)."""

    def __init__(self, relation: str, count: int):
        self.relation, self.count = relation, count

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, m):  # type: ignore[override]
        if isinstance(m, slice):
            return [self[k] for k in range(*m.indices(self.count))]
        if not 0 <= m < self.count:
            raise IndexError(m)
        return f"{self.relation}_{m + 1}"


def _shape(name: str, hd: dict[str, Any], relation: str) -> tuple[int | None, list[str] | None, list[str]]:
    """The number of actors (None when only the data tell), the header's labels, and the relations."""
    n = hd.get("n")
    nr, nc = hd.get("nr"), hd.get("nc")
    if nr is not None and nc is not None and nr != nc:
        cols = hd.get("col_labels")
        found = f" whose columns are {', '.join(map(repr, cols[:5]))}{', ...' if len(cols) > 5 else ''}" if cols \
            else ""
        raise _bad(name, hd["lines"].get("nr", 1), f"nr={nr} and nc={nc} describe a two-mode (rectangular) "
                   f"matrix{found}, which is not a network of actors", expected="a square matrix (n=)",
                   suggestion="UCINET writes actor attributes this way: read the values as a table (one row per "
                              "actor) and join them to the actors" if cols else None)
    n = n or nr or nc
    rl, cl = hd.get("row_labels"), hd.get("col_labels")
    if rl is not None and cl is not None and rl != cl:
        diff = next(k for k in range(min(len(rl), len(cl))) if rl[k] != cl[k]) if len(rl) == len(cl) else None
        where = f" (first at position {diff + 1}: {rl[diff]!r} vs {cl[diff]!r})" if diff is not None else ""
        raise _bad(name, hd["lines"].get("cols", 1), f"row labels and column labels differ{where}; two-mode data "
                                                     "is not supported")
    labels = rl if rl is not None else cl
    if labels is not None and n is None:
        n = len(labels)
    elif labels is not None and len(labels) != n:
        raise _bad(name, hd["lines"].get("both", hd["lines"].get("rows", 1)), f"{len(labels)} label(s) for n={n} "
                   "actors", suggestion="give n= before the labels, and one label per actor")
    nm = hd.get("nm", 1)
    mlabels = hd.get("matrix_labels")
    relations = (list(mlabels) if mlabels is not None else [relation] if nm == 1 else _Numbered(relation, nm))
    if mlabels is not None and len(set(relations)) != len(relations):
        raise _bad(name, hd["lines"].get("matrix", 1), f"matrix labels repeat a name "
                   f"({', '.join(map(repr, relations))})", suggestion="each relation needs its own name")
    return n, labels, relations


def _cells(name: str, records: list[tuple[int, int, int, float, int]], labels: list[str], relations: list[str],
           self_ties: str) -> dict[tuple[int, int, int], tuple[float, int]]:
    """``{(matrix, i, j): (value, line)}`` for each non-zero value off the diagonal, each pair given once."""
    cells: dict[tuple[int, int, int], tuple[float, int]] = {}
    dropped: list[int] = []
    for m, i, j, v, line in records:
        key = (m, i, j)
        if key in cells:
            raise _bad(name, [cells[key][1], line], f"the pair {labels[i]!r} -> {labels[j]!r} is given twice in "
                                                    f"matrix {relations[m]!r}", suggestion="give each pair once")
        cells[key] = (v, line)
        if i == j and v != 0:
            if self_ties == "error":
                raise _bad(name, line, f"is the value of a tie from {labels[i]!r} to itself", value=v,
                           expected="0 on the diagonal (self-ties are not allowed)",
                           suggestion="pass self_ties='drop' to ignore the diagonal", options={"self_ties": "drop"})
            dropped.append(line)
    if dropped:
        lines = sorted(set(dropped))
        warnings.warn(f"{name}: ignored {len(dropped)} non-zero diagonal value(s) (self-ties) at "
                      f"{rows_phrase(lines, 'line')}", DataWarning, stacklevel=3)
    return {k: v for k, v in cells.items() if v[0] != 0 and k[1] != k[2]}


def _symmetric(name: str, live: dict, labels: list[str], relations: list[str], directed: bool | None) -> bool:
    """Whether the network is directed: as asked (False needs symmetric matrices), else unless all are symmetric."""
    symmetric = all((m, j, i) in live and live[(m, j, i)][0] == v for (m, i, j), (v, _) in live.items())
    if directed is None:
        return not symmetric
    if not directed and not symmetric:
        (m, i, j), (v, line) = next(((k, x) for k, x in live.items()
                                     if (k[0], k[2], k[1]) not in live or live[(k[0], k[2], k[1])][0] != x[0]))
        other = live.get((m, j, i), (0.0, 0))[0]
        raise _bad(name, line, f"matrix {relations[m]!r} is not symmetric ({labels[i]!r} -> {labels[j]!r} is "
                               f"{v:g} but {labels[j]!r} -> {labels[i]!r} is {other:g})",
                   suggestion="pass directed=True or make it symmetric", options={"directed": True})
    return bool(directed)


def read_ucinet(
    path: str | os.PathLike,
    *,
    directed: bool | None = None,
    relation: str = "tie",
    self_ties: str = "error",
    max_actors: int | None = MAX_ACTORS,
) -> StakeholderNetwork:
    """Read a UCINET DL text file.

    Parameters
    ----------
    path : path
        A DL file: ``dl n=<actors>`` with optional ``nm=<matrices>``,
        ``format=`` one of ``fullmatrix`` (default), ``lowerhalf``,
        ``upperhalf``, ``edgelist1`` or ``nodelist1``, labels given as
        ``labels:`` (or ``row labels:`` / ``column labels:``, which must
        agree) or embedded in the data (``labels embedded``, ``row labels
        embedded``, ``column labels embedded``), optional ``matrix labels:``
        or ``level labels:`` (as UCINET itself writes) naming the relations,
        ``diagonal = present`` or ``absent`` (also written ``format =
        fullmatrix diagonal present``), then ``data:``. Keywords may be in any
        case, share lines and be separated by commas; labels may be quoted and
        hold spaces. Several matrices follow one another, and a matrix row may
        be wrapped over several lines (as in UCINET's wide datasets); edge and
        node lists are separated by a line ``!``. The file may be in any
        encoding :func:`systemsmap.io._text.decode` reads (UCINET writes the
        Windows code page), with LF or CRLF line ends.
    directed : bool, optional
        None (default): when every matrix is symmetric the network is
        undirected (one tie per pair, from the first of the pair in the file),
        otherwise directed. Half matrices are symmetric. True/False force it
        (False requires symmetric matrices).
    relation : str
        The relation of a single matrix without ``matrix labels``; several
        unlabelled matrices are named ``relation_1``, ``relation_2``, ...
    self_ties : {"error", "drop"}
        A non-zero diagonal value (a tie from an actor to itself): an error
        naming the line, or ignored with a warning (similarity matrices and
        some UCINET datasets fill the diagonal).
    max_actors : int or None, default 100,000
        A file declaring more actors (``n=``, ``nr=``, ``nc=``) is refused
        before anything is read, since a few bytes can declare millions;
        None: no limit.

    Returns
    -------
    StakeholderNetwork
        Actors are the labels (in order), or ``"1"`` ... ``"n"`` without
        labels, or with embedded labels in an edge or node list (and no
        ``labels:``), the labels in order of first appearance. Ties carry
        ``relation`` and ``weight`` (the cell or edge value; 0 is no tie).

    Raises
    ------
    DataError
        Naming the file and line: a header that does not start with ``dl``,
        an unknown keyword or format, labels that do not match ``n``, a value
        that is not a number, a node number outside 1..n, too few or too many
        values, a pair given twice, a non-zero diagonal, an asymmetric matrix
        with ``directed=False``, a negative value; a declared ``n`` over
        ``max_actors`` (with ``DataError.options={"max_actors": n}``), or
        matrices (``nm=``) the data are too short to hold.
    OptionError
        If an option has a value it cannot take.

    Notes
    -----
    DL holds one value per pair and relation: no actor attributes, no tie
    attributes besides the value, no waves. Two-mode formats (``nr`` differing
    from ``nc``, ``edgelist2``, ``nodelist2``) are refused with a message.

    References
    ----------
    Borgatti, S. P., Everett, M. G. and Freeman, L. C. (2002). *Ucinet for
    Windows: Software for Social Network Analysis*, section "DL files".
    Harvard, MA: Analytic Technologies.

    Examples
    --------
    >>> import tempfile, pathlib, systemsmap as sm
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "net.dl"
    >>> _ = path.write_text("dl n=3 format=edgelist1\\nlabels embedded\\ndata:\\nAnn Bob 2\\nBob Cy\\n")
    >>> net = sm.read_ucinet(path)
    >>> net.ties[["source", "target", "weight"]].values.tolist()
    [['Ann', 'Bob', 2.0], ['Bob', 'Cy', 1.0]]
    """
    check_path("path", path)
    opts = check_reader_options(directed=directed, relation=relation, self_ties=self_ties, max_actors=max_actors)
    p = Path(path)
    name = p.name
    header_lines, data_lines = _split_lines(name, _read_text(p))
    hd = _parse_header(name, header_lines)
    fmt = hd["format"]
    nm = hd.get("nm", 1)
    _check_size(name, hd, opts["max_actors"])
    n, labels, relations = _shape(name, hd, opts["relation"])
    records: list[tuple[int, int, int, float, int]] = []  # (matrix, i, j, value, line)
    if fmt in ("fullmatrix", "lowerhalf", "upperhalf"):
        if n is None:
            raise _bad(name, 1, "no n= in the header", expected=f"n=<number of actors> for a {fmt} file")
        tokens = [(num, tok) for num, line in data_lines for tok in _split(line)]
        labels = _read_matrices(name, tokens, n, nm, fmt, hd, labels, records, data_lines)
    else:
        labels = _read_lists(name, data_lines, n, nm, fmt, hd["embedded_rows"] or hd["embedded_cols"], labels,
                             records)
        n = len(labels)
    if labels is None:
        labels = [str(k + 1) for k in range(n)]
    label_line = hd["lines"].get("both", hd["lines"].get("rows", 1))
    if len(set(labels)) != len(labels):
        dup = pd.Index(labels)[pd.Index(labels).duplicated()][0]
        raise _bad(name, label_line, "names two actors", value=dup, suggestion="labels must be unique")
    live = _cells(name, records, labels, relations, opts["self_ties"])
    directed = _symmetric(name, live, labels, relations, opts["directed"])
    src, tgt, rel, wts, rows = [], [], [], [], []
    done: set[tuple[int, int, int]] = set()
    for (m, i, j), (v, line) in live.items():
        if not directed:
            if (m, j, i) in done:
                continue
            done.add((m, i, j))
        src.append(labels[i])
        tgt.append(labels[j])
        rel.append(relations[m])
        wts.append(v)
        rows.append(line)
    ties = pd.DataFrame({"source": pd.Series(src, dtype=object), "target": pd.Series(tgt, dtype=object),
                         "relation": pd.Series(rel, dtype=object), "weight": pd.Series(wts, dtype=float)})
    actors = pd.DataFrame({"id": pd.Series(labels, dtype=object)})
    return build_network(actors, ties, directed=directed, lenient=(),
                         actors_origin=Origin(name, rows=[label_line] * len(labels), row_word="line"),
                         ties_origin=Origin(name, rows=rows, row_word="line"))


def _check_size(name: str, hd: dict[str, Any], max_actors: int | None) -> None:
    """Refuse a declared number of actors over ``max_actors`` before anything is built from it."""
    if max_actors is None:
        return
    for key in ("n", "nr", "nc"):
        if hd.get(key, 0) > max_actors:
            raise over_limit("actors", hd[key], max_actors, "max_actors", origin=name,
                             rows=[hd["lines"].get(key, 1)], row_word="line")


def _read_matrices(name, tokens, n, nm, fmt, hd, labels, records, data_lines):
    """Matrix layouts: a stream of values (and embedded labels), ``n`` rows per matrix."""
    pos = 0
    last_line = data_lines[-1][0] if data_lines else 1
    absent = hd["diagonal"] == "absent"
    row_labels: list[str] | None = None
    col_labels: list[str] | None = None

    def take(what: str) -> tuple[int, str]:
        nonlocal pos
        while pos < len(tokens) and tokens[pos][1] == "!":
            pos += 1
        if pos >= len(tokens):
            raise _bad(name, last_line, "the data end early", expected=what,
                       suggestion=f"check n= and nm= against the data (n={n}, nm={nm}, format={fmt})")
        pos += 1
        return tokens[pos - 1]

    for m in range(nm):
        while pos < len(tokens) and tokens[pos][1] == "!":
            pos += 1
        if hd["embedded_cols"]:
            repeated = col_labels is not None and [t for _, t in tokens[pos:pos + n]] == col_labels
            here = [take(f"the column labels of matrix {m + 1}") for _ in range(n)] \
                if m == 0 or repeated else None
            if here is not None:
                names = [t for _, t in here]
                if col_labels is None:
                    col_labels = names
                elif names != col_labels:
                    raise _bad(name, here[0][0], f"the column labels of matrix {m + 1} differ from those of "
                                                 "matrix 1")
        for i in range(n):
            if hd["embedded_rows"]:
                line, lab = take(f"the label of row {i + 1} of matrix {m + 1}")
                if m == 0:
                    row_labels = (row_labels or []) + [lab]
                elif lab != row_labels[i]:
                    raise _bad(name, line, f"is the label of row {i + 1} of matrix {m + 1}, but {row_labels[i]!r} "
                                           "in matrix 1", value=lab)
            # the columns of row i, as a range (n may be large and the data short: nothing built from n)
            lo, hi = {"fullmatrix": (0, n), "lowerhalf": (0, i + 1), "upperhalf": (i, n)}[fmt]
            width = hi - lo - (1 if absent else 0)
            for j in range(lo, hi):
                if absent and j == i:
                    continue
                line, tok = take(f"row {i + 1} of matrix {m + 1} to have {width} value(s)")
                v = _number(tok)
                if v is None:
                    hint = ("a label? say 'labels embedded' in the header"
                            if not (hd["embedded_rows"] or hd["embedded_cols"]) else None)
                    raise _bad(name, line, "is not a number", value=tok, suggestion=hint,
                               expected=f"the value for row {i + 1}, column {j + 1} of matrix {m + 1}")
                if v < 0:
                    raise _bad(name, line, f"is negative (row {i + 1}, column {j + 1} of matrix {m + 1})", value=tok,
                               expected="0 for no tie or a positive weight")
                if fmt == "fullmatrix" or i == j:
                    records.append((m, i, j, v, line))
                else:  # a half matrix: both cells, the upper one first
                    records.append((m, min(i, j), max(i, j), v, line))
                    records.append((m, max(i, j), min(i, j), v, line))
    while pos < len(tokens) and tokens[pos][1] == "!":
        pos += 1
    if pos < len(tokens):
        line, tok = tokens[pos]
        raise _bad(name, line, f"more data than n={n} and nm={nm} hold (starting at {tok!r})",
                   suggestion="check n= and nm= against the data")
    if row_labels is not None and col_labels is not None and row_labels != col_labels:
        raise _bad(name, None, "embedded row labels differ from the column labels; two-mode data is not "
                               "supported")
    emb = row_labels or col_labels
    if emb is not None:
        if labels is not None and [x.lower() for x in emb] != [x.lower() for x in labels]:
            raise _bad(name, None, "the embedded labels differ from those given in the header")
        return emb
    return labels


def _read_lists(name, data_lines, n, nm, fmt, embedded, labels, records):
    """Edge lists and node lists: one line per edge (or per ego), matrices separated by ``!``."""
    index: dict[str, int] = {lab: k for k, lab in enumerate(labels)} if labels else {}
    lower = {lab.lower(): k for k, lab in enumerate(labels)} if labels else {}
    seen: list[str] = list(labels) if labels else []
    m = 0
    max_index = 0

    top = n if n is not None else (len(labels) if labels else None)

    def node(tok: str, line: int) -> int:
        nonlocal max_index
        if not embedded and tok.isdigit():
            k = int(tok)
            if k < 1 or (top is not None and k > top):
                raise _bad(name, line, f"is outside the node numbers 1..{top}", value=k,
                           suggestion="check n= or the data")
            max_index = max(max_index, k)
            return k - 1
        if tok in index:
            return index[tok]
        if labels:
            if tok.lower() in lower:
                return lower[tok.lower()]
            raise _bad(name, line, "is not one of the labels given in the header", value=tok)
        if not embedded:
            raise _bad(name, line, "is not a node number", value=tok,
                       suggestion="for labels in the data, say 'labels embedded' in the header")
        if n is not None and len(seen) >= n:
            raise _bad(name, line, f"is label number {len(seen) + 1}, but n={n}", value=tok, suggestion="check n=")
        index[tok] = len(seen)
        seen.append(tok)
        return index[tok]

    for line, text in data_lines:
        toks = _split(text)
        if not toks:
            continue
        if toks == ["!"]:
            m += 1
            if m >= nm:
                raise _bad(name, line, f"a '!' starts matrix {m + 1}, but nm={nm}")
            continue
        if fmt == "edgelist1":
            if len(toks) not in (2, 3):
                raise _bad(name, line, f"{len(toks)} values ({' '.join(toks)})",
                           expected="a source, a target and optionally a value on an edgelist1 line")
            i, j = node(toks[0], line), node(toks[1], line)
            v = 1.0
            if len(toks) == 3:
                v = _number(toks[2])
                if v is None:
                    raise _bad(name, line, "is not a number", value=toks[2], expected="a tie value")
                if v < 0:
                    raise _bad(name, line, "is negative", value=toks[2],
                               expected="a positive weight (or 0 for no tie)")
            records.append((m, i, j, v, line))
        else:
            ego = node(toks[0], line)
            for tok in toks[1:]:
                records.append((m, ego, node(tok, line), 1.0, line))
    if labels:
        return list(labels)
    if embedded:
        return seen
    count = n if n is not None else max_index
    return [str(k + 1) for k in range(count)]


# ---------------------------------------------------------------------- writing
_PLAIN = re.compile(r"^[^\s,=:\"'!]+$")


def _label(text: str) -> str:
    if _PLAIN.match(text) and text.lower() not in _KEYWORDS and _number(text) is None:
        return text
    if "\n" in text or "\r" in text or ('"' in text and "'" in text):
        raise DataError("cannot be written as a DL label (it holds a line break or both kinds of quote)",
                        value=text, column="id", suggestion="rename the actor")
    return f"'{text}'" if '"' in text else f'"{text}"'


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() and abs(x) < 1e15 else repr(float(x))


def write_ucinet(net: StakeholderNetwork, path: str | os.PathLike, *, format: str = "edgelist1") -> None:
    """Write a network as a UCINET DL file, one matrix per relation.

    Parameters
    ----------
    net : StakeholderNetwork
    path : path
    format : {"edgelist1", "fullmatrix"}
        ``edgelist1`` (default) writes one line per tie with its weight,
        ``fullmatrix`` the whole n-by-n matrix of each relation. Both list
        every actor id under ``labels:`` (isolates included) and, unless the
        only relation is ``"tie"``, the relations under ``matrix labels:``.

    Raises
    ------
    DataError
        If a pair has more than one tie in one relation (for example one per
        wave): DL holds one value per pair and relation. Write one wave at a
        time (``net.at(wave)``).

    Warns
    -----
    DataWarning
        Listing the actor and tie columns that DL cannot carry (anything
        besides the id, the relation and the weight; ``label`` when it differs
        from the id, ``role`` when given, ``wave``, ...).

    Notes
    -----
    :func:`read_ucinet` on the file gives back the actors (in order), and each
    tie's ends, relation and weight. An undirected network is written as
    symmetric matrices and reads back undirected; a directed network whose
    every tie is reciprocated with the same weight reads back undirected
    unless ``directed=True`` is passed. Actor attributes and other tie
    attributes are not kept.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd, systemsmap as sm
    >>> from systemsmap.io import write_ucinet
    >>> net = sm.from_frames(None, pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]}))
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "net.dl"
    >>> write_ucinet(net, path)
    >>> print(path.read_text())
    dl n=3
    format = edgelist1
    labels:
    a
    b
    c
    data:
    1 2 1
    2 3 1
    <BLANKLINE>
    """
    fmt = check_choice("format", format.lower() if isinstance(format, str) else format, ("edgelist1", "fullmatrix"))
    check_path("path", path)
    actors = net.actors
    ties = net.ties
    ids = [str(i) for i in net.ids]
    s, t = net._codes()
    if not net.directed:
        a, b = np.minimum(s, t), np.maximum(s, t)
    else:
        a, b = s, t
    key = pd.DataFrame({"a": a, "b": b, "r": ties["relation"].to_numpy(object)})
    dup = key.duplicated(keep=False).to_numpy()
    if dup.any():
        first = int(np.flatnonzero(dup)[0])
        n_pairs = int(key[dup].drop_duplicates().shape[0])
        waves = " (one per wave; write one wave at a time with net.at(wave))" if "wave" in ties.columns else ""
        raise DataError(f"{n_pairs} pair(s) have more than one tie in one relation, e.g. "
                        f"{ties['source'].iloc[first]!r} and {ties['target'].iloc[first]!r} in "
                        f"{ties['relation'].iloc[first]!r}{waves}; DL holds one value per pair and relation",
                        origin="ties", rows=[int(k) + 1 for k in np.flatnonzero(dup)], column="source/target",
                        options={"wave": None} if waves else None)
    lost = [c for c in actors.columns if c not in ("label", "role") and actors[c].notna().any()]
    if (actors["label"].astype(str) != pd.Series(ids, index=actors.index)).any():
        lost.insert(0, "label")
    if actors["role"].notna().any():
        lost.insert(1 if lost[:1] == ["label"] else 0, "role")
    lost_ties = [c for c in ties.columns if c not in ("source", "target", "relation", "weight")]
    if lost or lost_ties:
        parts = []
        if lost:
            parts.append(f"actor column(s) {', '.join(map(repr, lost))}")
        if lost_ties:
            parts.append(f"tie column(s) {', '.join(map(repr, lost_ties))}")
        warnings.warn(f"UCINET DL keeps actor ids, ties, relations and weights only; not written: "
                      f"{' and '.join(parts)}", DataWarning, stacklevel=2)
    relations = net.relations
    n = len(ids)
    head = f"dl n={n}" + (f" nm={len(relations)}" if len(relations) > 1 else "")
    out = [head, f"format = {fmt}", "labels:"] + [_label(i) for i in ids]
    if relations and relations != ["tie"]:
        out += ["matrix labels:"] + [_label(str(r)) for r in relations]
    out.append("data:")
    w = ties["weight"].to_numpy(float)
    rel = ties["relation"].to_numpy(object)
    for k, r in enumerate(relations or ["tie"]):
        mask = rel == r
        if fmt == "edgelist1":
            if k:
                out.append("!")
            for si, ti, wi in zip(s[mask], t[mask], w[mask]):
                out.append(f"{si + 1} {ti + 1} {_num(wi)}")
                if not net.directed:
                    out.append(f"{ti + 1} {si + 1} {_num(wi)}")
        else:
            mat = np.zeros((n, n))
            mat[s[mask], t[mask]] = w[mask]
            if not net.directed:
                mat[t[mask], s[mask]] = w[mask]
            out += [" ".join(_num(x) for x in row) for row in mat]
    Path(path).write_text("\n".join(out) + "\n", encoding="utf-8")
