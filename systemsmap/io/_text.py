"""The one place where text tables are opened: bytes to text, the delimiter, every cell as text.

Spreadsheet programs write "CSV" in several ways, and all of them are read here:

- Excel on Windows saves "CSV" in the system's legacy code page (Windows-1252
  in Western Europe) unless "CSV UTF-8" is chosen, and "Unicode text" as
  UTF-16 with tabs; LibreOffice and Google Sheets write UTF-8; a byte-order
  mark (BOM) may lead any Unicode file.
- Wherever the comma is the decimal mark (most of Europe), Excel separates
  cells with ``;`` and writes ``1,5`` for one and a half.

:func:`decode` turns bytes into text (a BOM, else strict UTF-8, else the
legacy encoding that charset-normalizer finds, with a
:class:`~systemsmap.errors.DataWarning` naming it); :func:`sniff_delimiter`
finds the delimiter; :func:`read_table` reads a table with every cell as text
(``NA``, ``None`` and ``null`` stay text: only empty cells are missing) and a
:class:`TableInfo` saying how it was read; :func:`point_decimals` turns
``1,5`` into ``1.5`` in the columns that hold only numbers, so that type
inference sees numbers.
"""
from __future__ import annotations

import codecs
import csv
import functools
import io
import os
import re
import sys
import warnings
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Union

import numpy as np
import pandas as pd

from ..errors import DataError, DataWarning
from . import _cells
from ._cells import check_headers, title_rows

__all__ = ["decode", "read_text", "head_text", "sniff_delimiter", "read_table", "TableInfo", "point_decimals",
           "is_binary", "DELIMITERS"]

#: The delimiters :func:`sniff_delimiter` chooses among, in order of preference on a tie.
DELIMITERS = (",", ";", "\t", "|")
_DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "bars"}

Source = Union[str, "os.PathLike[str]", bytes, bytearray, IO[bytes], IO[str]]

# UTF-32 LE's mark starts with UTF-16 LE's: test it first.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
#: The codec that reads what follows each mark.
_AFTER_BOM = {codecs.BOM_UTF32_LE: "utf-32-le", codecs.BOM_UTF32_BE: "utf-32-be", codecs.BOM_UTF8: "utf-8",
              codecs.BOM_UTF16_LE: "utf-16-le", codecs.BOM_UTF16_BE: "utf-16-be"}
#: Legacy encodings that spreadsheet programs write, most common first; on a tie the first wins.
_LEGACY = ("cp1252", "iso8859_15", "latin_1", "cp1250", "mac_roman", "cp1251", "cp1253", "cp1254", "cp1257",
           "cp1255", "cp1256", "koi8_r", "shift_jis", "gb18030", "big5", "euc_kr", "cp874")
_DESCRIBE = {
    "utf-8": "UTF-8", "utf-8-sig": "UTF-8 with a byte-order mark", "utf-16": "UTF-16", "utf-16-le": "UTF-16 LE",
    "utf-16-be": "UTF-16 BE", "utf-32": "UTF-32", "cp1252": "Windows-1252 (Western European)",
    "iso8859-15": "ISO-8859-15 (Western European)", "iso8859-1": "Latin-1 (ISO-8859-1)",
    "cp1250": "Windows-1250 (Central European)", "mac-roman": "Mac Roman", "cp1251": "Windows-1251 (Cyrillic)",
    "cp1253": "Windows-1253 (Greek)", "cp1254": "Windows-1254 (Turkish)", "cp1257": "Windows-1257 (Baltic)",
    "cp1255": "Windows-1255 (Hebrew)", "cp1256": "Windows-1256 (Arabic)", "koi8-r": "KOI8-R (Cyrillic)",
    "shift_jis": "Shift JIS (Japanese)", "gb18030": "GB18030 (Chinese)", "big5": "Big5 (Chinese)",
    "euc_kr": "EUC-KR (Korean)", "cp874": "Windows-874 (Thai)",
}
#: Encodings read exactly without a guess: no warning.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def describe_encoding(encoding: str) -> str:
    """A reader's name for a codec name: ``"cp1252"`` -> ``"Windows-1252 (Western European)"``."""
    return _DESCRIBE.get(encoding, encoding)


def _name(encoding: str) -> str:
    return codecs.lookup(encoding).name


def _line_of(data: bytes, offset: int) -> int:
    """The line (from 1) of byte ``offset``, counting LF and lone CR line breaks."""
    head = data[:offset]
    return head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1


def _undecodable(data: bytes, origin: str, encoding: str, exc: UnicodeDecodeError, why: str) -> DataError:
    bad = data[exc.start:exc.start + 1]
    return DataError(f"{why}: byte {exc.start + 1} (line {_line_of(data, exc.start)}) is 0x{bad.hex().upper()}, "
                     f"which is not {describe_encoding(encoding)} ({exc.reason})", origin=origin,
                     suggestion="save the file again as 'CSV UTF-8' (Excel) or with UTF-8 text encoding")


def _bomless_utf16(data: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when NUL bytes sit in every other place, as in UTF-16 without a BOM."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) >= 0.4 * len(odd) and even.count(0) <= 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.4 * len(even) and odd.count(0) <= 0.05 * len(odd):
        return "utf-16-be"
    return None


def _legacy(data: bytes) -> str | None:
    """The legacy encoding of bytes that are not UTF-8: charset-normalizer's least chaotic reading.

    charset-normalizer (Ousret) measures how "chaotic" each candidate's text
    is; on short spreadsheet text several encodings tie (Windows-1252 and
    Windows-1250 read ``Zoë`` alike), so among the least chaotic readings the
    first of :data:`_LEGACY` that gives the same text wins.
    """
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data, cp_isolation=list(_LEGACY)))
    if not matches:
        return None
    least = min(m.chaos for m in matches)
    tied = {_name(enc) for m in matches if m.chaos <= least + 0.01 for enc in m.could_be_from_charset}
    for enc in _LEGACY:
        if _name(enc) in tied:
            return _name(enc)
    return _name(matches[0].encoding)


def decode(data: bytes, *, origin: str, warn: bool = True) -> tuple[str, str]:
    """Turn the bytes of a text file into text; say which encoding it was.

    A byte-order mark says UTF-8, UTF-16 or UTF-32; otherwise the bytes are
    read as UTF-8 when they are valid UTF-8, as UTF-16 when NUL bytes sit in
    every other place (UTF-16 without a mark), else in the legacy 8-bit
    encoding that charset-normalizer finds most likely among those
    spreadsheet programs write (Windows-1252 first on a tie).

    Parameters
    ----------
    data : bytes
    origin : str
        The file's name, for messages.
    warn : bool
        Warn when the encoding was guessed (default True; detection passes
        False so that a file read twice warns once).

    Returns
    -------
    text : str
        Without the byte-order mark.
    encoding : str
        Python's name of the codec used: ``"utf-8"``, ``"utf-8-sig"``,
        ``"utf-16"``, ``"cp1252"``, ...

    Raises
    ------
    DataError
        Naming the file, the byte and its line: bytes invalid in the encoding
        their mark declares, a file mostly UTF-8 with a few bytes that are
        not (two encodings mixed), or binary data.

    Warns
    -----
    DataWarning
        Naming the file and the encoding used, when it was guessed (not UTF-8
        and without a byte-order mark), with the first text outside ASCII so a
        wrong guess shows at once.

    Examples
    --------
    >>> decode("Zoë".encode("utf-8"), origin="t.csv")
    ('Zoë', 'utf-8')
    >>> decode(codecs.BOM_UTF16_LE + "Zoë".encode("utf-16-le"), origin="t.csv")
    ('Zoë', 'utf-16')
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     decode("source;target\\nZoë;José\\n".encode("cp1252"), origin="t.csv")
    ('source;target\\nZoë;José\\n', 'cp1252')
    >>> print(str(caught[0].message).split(". ")[0])
    t.csv: not UTF-8; read as Windows-1252 (Western European) text (first accented text: 'Zoë')
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(_AFTER_BOM[bom]), enc
            except UnicodeDecodeError as exc:
                at = UnicodeDecodeError(exc.encoding, data, exc.start + len(bom), exc.end + len(bom), exc.reason)
                raise _undecodable(data, origin, enc, at, "the file starts with a byte-order mark") from None
    if b"\x00" in data:
        enc = _bomless_utf16(data)
        if enc is None:
            raise DataError(f"this is not a text file (byte {data.index(0) + 1} is a NUL byte, as in binary files)",
                            origin=origin, expected="a text file (CSV, DL, Pajek ...)")
        try:
            text = data.decode(enc)
        except UnicodeDecodeError as exc:
            raise _undecodable(data, origin, enc, exc, "the file looks like UTF-16 without a byte-order mark") \
                from None
    else:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            first_bad = exc
        if _UTF8_MULTIBYTE.search(data):
            raise _undecodable(data, origin, "utf-8", first_bad,
                               "the file is UTF-8 in places but not throughout (two encodings mixed?)")
        enc = _legacy(data)
        if enc is None:
            raise _undecodable(data, origin, "utf-8", first_bad, "no text encoding reads this file")
        text = data.decode(enc)
    if warn:
        _warn_guess(text, enc, origin)
    return text, enc


def _warn_guess(text: str, encoding: str, origin: str) -> None:
    sample = re.search(r"[^\s;,|\"']*[^\x00-\x7f][^\s;,|\"']*", text)
    seen = f" (first accented text: {sample.group()[:40]!r})" if sample else ""
    warnings.warn(f"{origin}: not UTF-8; read as {describe_encoding(encoding)} text{seen}. If names look wrong, "
                  "save the file as UTF-8 ('CSV UTF-8' in Excel)", DataWarning, stacklevel=4)


def is_binary(head: bytes) -> str | None:
    """What binary file ``head`` (the first bytes) starts, or None for text: ``"zip"``, ``"ole"``, ``"binary"``."""
    if head.startswith(_ZIP):
        return "zip"
    if head.startswith(_OLE):
        return "ole"
    if b"\x00" in head and not any(head.startswith(b) for b, enc in _BOMS if enc != "utf-8-sig") \
            and _bomless_utf16(head) is None:
        return "binary"
    return None


def _raw(source: Source, origin: str | None) -> tuple[bytes | str, str]:
    """The bytes (or text, from a text buffer) of ``source`` and its name."""
    if isinstance(source, (bytes, bytearray)):
        return bytes(source), origin or "the data"
    if isinstance(source, (str, os.PathLike)):
        p = Path(source)
        if p.is_dir():
            raise DataError("is a folder", origin=str(source), expected="a text file")
        if not p.exists():
            raise DataError("no such file", origin=str(source))
        return p.read_bytes(), origin or p.name
    if hasattr(source, "read"):
        data = source.read()
        return data, origin or str(getattr(source, "name", "") or "the data")
    raise TypeError(f"not a path, bytes or a file object: {type(source).__name__}")


def read_text(source: Source, *, origin: str | None = None, warn: bool = True,
              what: str = "text") -> tuple[str, str]:
    """Read a text file (a path, bytes, or a file object) into text: ``(text, encoding)``.

    ``what`` names the kind of file expected in the message for a binary
    file: ``"CSV text"``, ``"DL text"``.

    Raises
    ------
    DataError
        If the path is a folder or missing, the file is a workbook or another
        binary file, or its bytes cannot be decoded (see :func:`decode`).

    Examples
    --------
    >>> read_text(b"\\xef\\xbb\\xbfid\\nAnn\\n")
    ('id\\nAnn\\n', 'utf-8-sig')
    """
    data, name = _raw(source, origin)
    if isinstance(data, str):
        return data, "str"
    kind = is_binary(data[:4096])
    if kind in ("zip", "ole"):
        raise DataError(f"this is not a {what} file (it looks like a binary file, perhaps an Excel workbook)",
                        origin=name,
                        suggestion="use read_excel for workbooks, or save the sheet as CSV")
    return decode(data, origin=name, warn=warn)


def head_text(path: str | os.PathLike, size: int = 4096) -> str | None:
    """The first ``size`` bytes of a file as text, leniently (for detection), or None for a binary file."""
    with open(path, "rb") as fh:
        head = fh.read(size)
    if is_binary(head):
        return None
    for bom, enc in _BOMS:
        if head.startswith(bom):
            return head.decode(enc, errors="ignore")
    enc = _bomless_utf16(head) if b"\x00" in head else None
    return head.decode(enc or "utf-8", errors="replace")


# ---------------------------------------------------------------------- delimiters
def _counts(text: str, delimiter: str, lines: int) -> list[int]:
    """How many times ``delimiter`` occurs in each of the first records (quotes respected, blank lines skipped)."""
    out: list[int] = []
    count = 0
    quoted = False
    blank = True
    for ch in text:
        if ch == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif ch in "\r\n":
            if not blank:
                out.append(count)
                if len(out) >= lines:
                    return out
            count, blank = 0, True
            continue
        elif ch == delimiter:
            count += 1
        if not ch.isspace():
            blank = False
    if not blank:
        out.append(count)
    return out


def sniff_delimiter(text: str, *, origin: str | None = None, lines: int = 50) -> str:
    """The delimiter of a text table: ``,``, ``;``, tab or ``|``.

    Over the first ``lines`` records, each candidate's count per record is
    taken outside quotes. A candidate absent from the first record (the
    header) is passed over (a file with one column reads as comma-separated
    whatever its cells hold); among the others, the
    delimiter whose commonest count (at least 1) holds on the most records
    wins, then the one whose count the header row shares, then the larger
    count, then the order above. This is sturdier
    than :class:`csv.Sniffer` on what spreadsheets write: a ``;`` file with
    decimal commas has as many ``;`` on every line, commas only here and
    there.

    Parameters
    ----------
    text : str
    origin : str, optional
        Unused; for symmetry with the other readers' signatures.
    lines : int
        How many records to look at.

    Examples
    --------
    >>> sniff_delimiter("source;target;weight\\nAnn;Bob;1,5\\nBob;Cy;2\\n")
    ';'
    >>> sniff_delimiter('id\\tlabel\\n1\\t"Smith, Ann"\\n')
    '\\t'
    >>> sniff_delimiter("id\\nAnn; Bob\\n")
    ','
    """
    scored = []
    head = text[:200_000]
    for rank, d in enumerate(DELIMITERS):
        if d not in head:  # nor counted
            continue
        counts = _counts(head, d, lines)
        nonzero = [c for c in counts if c]
        if not nonzero:
            continue
        mode, hits = Counter(counts).most_common(1)[0]
        if mode == 0:
            mode, hits = Counter(nonzero).most_common(1)[0]
        scored.append(((hits / len(counts), counts[0] == mode, mode, -rank), counts[0], d))
    in_header = [s for s in scored if s[1] > 0]  # a delimiter absent from the header row is not the delimiter
    return max(in_header)[2] if in_header else ","


def delimiter_name(delimiter: str) -> str:
    """``"semicolons"`` for ``";"``: how messages name a delimiter."""
    return _DELIMITER_NAMES.get(delimiter, repr(delimiter))


# ---------------------------------------------------------------------- tables
@dataclass
class TableInfo:
    """How a text table was read.

    Attributes
    ----------
    origin : str
        The file's name, for messages.
    encoding : str
        The codec used (:func:`decode`).
    delimiter : str
        ``,``, ``;``, tab or ``|``.
    decimal : str
        ``","`` when numbers in the file are written with a decimal comma
        (``1,5``; only where the delimiter is not a comma), else ``"."``.
    rows : list of int
        The row number of each record as a spreadsheet shows it (blank lines
        skipped but counted; the header is the first non-blank row).
    header_row : int or None
        The row of the header (None when read without one).
    """

    origin: str
    encoding: str
    delimiter: str
    decimal: str = "."
    rows: list[int] = field(default_factory=list)
    header_row: int | None = 1


_COMMA_NUMBER = re.compile(r"[+-]?(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+),[0-9]+")
_COMMA_INTEGER = re.compile(r"[+-]?(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,[0-9]+)?")
_POINT_NUMBER = re.compile(r"[+-]?[0-9]*\.[0-9]+")


def _decimal_mark(cells: Iterable[str], delimiter: str) -> str:
    """``","`` when cells write numbers with a decimal comma and none with a decimal point (never in a CSV).

    The cells are read until one writes a number with a decimal point (then it is ``"."``), so that passing
    each distinct text once (:func:`_distinct_cells`) gives the answer that all the cells give.

    Examples
    --------
    >>> _decimal_mark(["id", "1,5", "2", " -0,25 "], ";"), _decimal_mark(["1,5", "2.5"], ";")
    (',', '.')
    >>> _decimal_mark(["1,5"], ","), _decimal_mark(["Smith, Ann", "1.234,5"], ";"), _decimal_mark([""], ";")
    ('.', ',', '.')
    """
    if delimiter == ",":
        return "."
    commas = False
    for c in cells:
        if "," in c:  # only such a cell may be a number with a decimal comma, and it is no number with a point
            commas = commas or _COMMA_NUMBER.fullmatch(c.strip()) is not None
        elif "." in c and _POINT_NUMBER.fullmatch(c.strip()):
            return "."
    return "," if commas else "."


def _distinct_cells(grid: pd.DataFrame) -> Iterator[str]:
    """Each column's distinct non-empty texts, column by column (a text in two columns comes twice).

    Examples
    --------
    >>> list(_distinct_cells(pd.DataFrame({0: ["a", "b", "a", ""], 1: ["1", "a", "1", "2"]}, dtype=object)))
    ['a', 'b', '1', 'a', '2']
    """
    for j in grid.columns:
        yield from (c for c in pd.unique(grid[j].to_numpy(dtype=object)).tolist() if c)


def _records(text: str, delimiter: str, origin: str, limit: int | None = None) -> list[tuple[int, list[str]]]:
    """``(row, cells)`` of each non-blank record (the first ``limit`` only, when given, read from the start of
    the text); a row is a record's number as a spreadsheet counts them."""
    if limit is not None:
        size = 1 << 12
        while size < len(text):  # a start long enough to hold one record more (the last may be cut short)
            try:
                head = _records(text[:size], delimiter, origin)
            except DataError:  # a quote open where the start is cut
                head = []
            if len(head) > limit:
                return head[:limit]
            size *= 4
        return _records(text, delimiter, origin)[:limit]
    field_limit = csv.field_size_limit()
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # a long cell is data, not an error
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        out: list[tuple[int, list[str]]] = []
        row = 0
        try:
            for cells in reader:
                row += 1
                if cells and any(c.strip() for c in cells):
                    out.append((row, cells))
                    if limit is not None and len(out) >= limit:
                        break
        except csv.Error as exc:
            raise DataError(f"not a well-formed table: {exc}", origin=origin, rows=[row + 1]) from None
    finally:
        csv.field_size_limit(field_limit)
    return out


#: Retries of pandas' parser with a wider table before the csv module reads the file (ragged rows).
_WIDER_TRIES = 4


def _grid(text: str, delimiter: str, origin: str) -> tuple[pd.DataFrame, list[int]]:
    """Every non-blank record as a row of texts (columns 0, 1, ...; a cell a record lacks is ``""``) and each
    record's row number as a spreadsheet counts them.

    pandas' C parser reads the records as the csv module would (quoted
    fields, doubled quotes, line breaks inside quotes, blank lines counted),
    in one piece (``low_memory=False``: each column then holds one text
    object per distinct text, not one per chunk, which makes every later
    pass over the cells faster, hashing the ids above all, and the memory
    no larger, as every cell is text);
    a table it cannot read (a record wider than those before it, after a few
    retries; an unterminated quote; a NUL; a blank first line, which pandas
    takes for no data at all) is read by :func:`_records`,
    which gives the same cells, or its error.
    """
    names = None
    frame = None
    bare_cr = "\r" in text and text.count("\r") != text.count("\r\n")
    if "\0" not in text and not bare_cr:  # a NUL or a bare CR: the csv module
        data = text.encode("utf-8", "surrogatepass")
        for _ in range(_WIDER_TRIES):
            try:
                frame = pd.read_csv(io.BytesIO(data), sep=delimiter, header=None, names=names, dtype=object,
                                    na_filter=False, keep_default_na=False, skip_blank_lines=False, engine="c",
                                    quotechar='"', doublequote=True, skipinitialspace=False, encoding="utf-8",
                                    low_memory=False)
                break
            except pd.errors.EmptyDataError:  # also a text whose first line is blank: the csv module reads it
                break
            except pd.errors.ParserError as exc:
                wider = re.search(r"Expected \d+ fields in line \d+, saw (\d+)", str(exc))
                if not wider:
                    break
                names = list(range(int(wider.group(1))))
    if frame is None:
        records = _records(text, delimiter, origin)
        width = max((len(c) for _, c in records), default=0)
        body = [c + [""] * (width - len(c)) for _, c in records]
        return pd.DataFrame(body, columns=range(width), dtype=object), [r for r, _ in records]
    frame.columns = range(frame.shape[1])
    if frame.shape[1] and _lines_start_filled(text, delimiter):  # no record is blank: no cell looked at
        return frame, list(range(1, len(frame) + 1))
    filled = _holds(frame[0].to_numpy()) if frame.shape[1] else np.zeros(len(frame), dtype=bool)
    for j in frame.columns[1:]:  # a record whose first cell is blank may hold others
        rest = np.flatnonzero(~filled)
        if not len(rest):
            break
        filled[rest] = _holds(frame[j].to_numpy()[rest])
    if filled.all():
        return frame, list(range(1, len(frame) + 1))
    keep = np.flatnonzero(filled)
    return frame.iloc[keep].reset_index(drop=True), (keep + 1).tolist()


@functools.lru_cache(maxsize=8)
def _blank_starts(delimiter: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What may start a blank first cell: at the text's start, and after a line break (a space, the delimiter, a
    byte-order mark, or a quote that a space, a quote, the delimiter, a byte-order mark or the end follows)."""
    chars = "[\\s\ufeff" + re.escape(delimiter) + "]"
    start = f'(?:{chars}|"(?:{chars}|"|\\Z))'
    return re.compile(start), re.compile("\n" + start)


def _lines_start_filled(text: str, delimiter: str) -> bool:
    """Whether every line of ``text`` starts in a way that makes the first cell of a record starting there hold
    text: with a character that is not a space (any character :meth:`str.isspace` calls one, line breaks
    included, so no line is empty), a quote, the delimiter or a byte-order mark; or with a quote that such a
    character follows (a quoted cell whose text starts with it).

    Every record starts where a line starts (the text's start or after a line break), so then no record is
    blank, found by one search of the text instead of a look at a million cells. False says only that some
    line starts otherwise (a blank line, a space, a delimiter or a quoted space first): the cells are looked
    at then (:func:`_holds`). For text without bare carriage returns (:func:`_grid`'s fast
    path).

    Examples
    --------
    >>> _lines_start_filled("id,label\\nA,x\\nB,\\n", ","), _lines_start_filled("id\\n\\nA\\n", ",")
    (True, False)
    >>> _lines_start_filled('id,label\\n"A",x\\n', ","), _lines_start_filled('id,label\\n" A",x\\n', ",")
    (True, False)
    >>> _lines_start_filled("id;x\\n;1\\n", ";")
    False
    """
    first, after_break = _blank_starts(delimiter)
    return bool(text) and first.match(text) is None and after_break.search(text) is None


def _holds(cells: np.ndarray) -> np.ndarray:
    """Which cells (texts) hold more than whitespace: those not empty whose first character is not a space, and
    those whose first character is a space but not every one (looked at one by one: they are few)."""
    filled = cells != ""
    at = np.flatnonzero(filled)
    spaced = at[np.strings.isspace(cells[at].astype("U1"))]
    if len(spaced):
        filled[spaced] = [bool(c.strip()) for c in cells[spaced].tolist()]
    return filled


def read_table(
    source: Source,
    *,
    origin: str | None = None,
    header: int | None = 0,
    delimiter: str | None = None,
    warn: bool = True,
    what: str = "CSV text",
    header_words: Collection[str] = (),
    exact_headers: bool = False,
) -> tuple[pd.DataFrame, TableInfo]:
    """Read a delimited text table with every cell as text.

    Parameters
    ----------
    source : path, bytes or file object
    origin : str, optional
        How messages name the file (default its name).
    header : 0 or None
        0: the first non-blank row is the header (cells trimmed) and names
        the columns; None: every row is data and columns are numbered from 0.
    delimiter : str, optional
        Default: :func:`sniff_delimiter`.
    warn : bool
        Warn when the encoding was guessed (see :func:`decode`).
    what : str
        The kind of file expected, for the message on a binary file.
    header_words : collection of str
        Column names that mark the header row: one-cell rows above a row
        holding one of them are a title, skipped with a warning
        (:func:`~systemsmap.io._cells.title_rows`).
    exact_headers : bool
        Two headers differing only in case are refused unless this is set
        (a file systemsmap wrote, see :func:`~systemsmap.io._cells.check_headers`).

    Returns
    -------
    frame : pandas.DataFrame
        One row per non-blank record; every cell text as written (``NA``,
        ``None``, ``null``, spaces included), empty cells missing (None).
    info : TableInfo
        The encoding, the delimiter, the decimal mark and the row of each
        record.

    Raises
    ------
    DataError
        Naming the file and row: missing, a folder, binary or undecodable, no
        row at all, a record with more cells than the header has columns, a
        column with values but no header, or two columns with one name.

    Examples
    --------
    >>> frame, info = read_table(b"source;target;weight\\nAnn;NA;1,5\\n\\nBob;Cy;\\n", origin="t.csv")
    >>> frame.values.tolist()
    [['Ann', 'NA', '1,5'], ['Bob', 'Cy', None]]
    >>> info.delimiter, info.decimal, info.rows
    (';', ',', [2, 4])
    """
    text, encoding = read_text(source, origin=origin, warn=warn, what=what)
    name = origin or (Path(source).name if isinstance(source, (str, os.PathLike)) else "the data")
    if not text or text.isspace():
        raise DataError("the file is empty", origin=name, expected="a header row and one row per record"
                        if header is not None else "rows of cells")
    delimiter = delimiter or sniff_delimiter(_below_title(text, header_words), origin=name)
    grid, rows = _grid(text, delimiter, name)
    if not rows:
        raise DataError("the file holds no cells", origin=name, expected="a header row and one row per record")
    if header is None:
        frame = grid.where(grid != "", None)
        info = TableInfo(name, encoding, delimiter, rows=rows, header_row=None)
    else:
        first = [c for _, c in _records(text, delimiter, name, limit=_cells.MAX_TITLE_ROWS + 2)]  # as written
        start = title_rows(first, _cells.header_words(header_words), name, row_of=lambda i: rows[i]) \
            if header_words else 0
        frame = _with_header(rows[start], first[start], grid.iloc[start + 1:], rows[start + 1:], name, exact_headers)
        info = TableInfo(name, encoding, delimiter, rows=rows[start + 1:], header_row=rows[start])
    # a decimal comma needs a comma in the text; each distinct text is looked at once
    info.decimal = _decimal_mark(_distinct_cells(grid), delimiter) if delimiter != "," and "," in text else "."
    return frame, info


_LINE_END = re.compile(r"\r\n?|\n")


def _below_title(text: str, words: Collection[str]) -> str:
    """The text from its header on, when lines holding none of ``words`` (a title) lead to a line holding one;
    else the whole text (the delimiter is found from the header, which a title line lacks)."""
    if not words:
        return text
    wanted = {w.casefold() for w in words}
    start = 0
    for _ in range(2 * _cells.MAX_TITLE_ROWS + 1):  # the first lines only: a title is short
        nl = _LINE_END.search(text, start)
        end = nl.end() if nl else len(text)
        cells = {c.strip().strip('"').strip().casefold() for c in re.split(r"[,;\t|]", text[start:end])}
        if cells & wanted:
            return text[start:] if start else text
        if end >= len(text):
            break
        start = end
    return text


def _with_header(head_row: int, head: list[str], body: pd.DataFrame, rows: list[int], name: str,
                 exact: bool = False) -> pd.DataFrame:
    """The records under their header: trailing columns empty everywhere dropped, every other column named once.

    ``body`` holds the records as :func:`_grid` gives them, ``rows`` their row numbers.
    """
    header = [h.strip() for h in head]
    width = len(header)

    def filled(j: int) -> np.ndarray:  # which cells of column j hold something
        return _holds(body[j].to_numpy()) if j in body.columns else np.zeros(len(body), dtype=bool)
    while width and not header[width - 1] and not filled(width - 1).any():
        width -= 1  # spreadsheets write trailing delimiters for formatted but empty columns
    header = header[:width]
    beyond = [j for j in body.columns if j >= width]
    if beyond:
        extra = np.column_stack([filled(j) for j in beyond])
        if extra.any():
            i = int(extra.any(axis=1).argmax())
            value = body.iloc[i][beyond[int(extra[i].argmax())]]
            raise DataError(f"is a cell beyond the {width} columns that the header (row {head_row}) names: not a "
                            "well-formed CSV table", origin=name, rows=[rows[i]], value=value,
                            suggestion="check for a delimiter inside a cell that is not quoted")
    nameless = [j for j in range(width) if not header[j]]
    if nameless:
        raise DataError(f"{len(nameless)} column(s) have no header (positions "
                        f"{', '.join(str(j + 1) for j in nameless)})", origin=name, rows=[head_row],
                        suggestion="give every column a name")
    check_headers(header, name, head_row, exact=exact)
    return _named_cells(body, header)


def _named_cells(body: pd.DataFrame, header: list[str]) -> pd.DataFrame:
    """The first ``len(header)`` columns of ``body`` (texts, as :func:`_grid` gives them) under ``header``,
    rows numbered from 0, empty cells None; columns the records lack are None throughout.

    Each column's cells are compared with ``""`` once, and only the columns holding empty cells are rebuilt:
    the others keep pandas' arrays (no copy of the table).

    Examples
    --------
    >>> body = pd.DataFrame({0: ["a", "", " "], 1: ["x", "y", "z"]}, index=[4, 5, 6], dtype=object)
    >>> _named_cells(body, ["id", "label", "role"]).to_dict("list")
    {'id': ['a', None, ' '], 'label': ['x', 'y', 'z'], 'role': [None, None, None]}
    """
    width, given = len(header), min(len(header), body.shape[1])
    out = body.iloc[:, :given].set_axis(pd.RangeIndex(len(body)), axis=0)
    for k in range(given):
        values = out.iloc[:, k].to_numpy(dtype=object)
        empty = values == ""
        if empty.any():
            values = values.copy()
            values[empty] = None
            out.isetitem(k, pd.Series(values, index=out.index, dtype=object))
    for k in range(given, width):
        out.insert(k, k, pd.Series([None] * len(out), index=out.index, dtype=object))
    return out.set_axis(pd.Index(header, dtype=object), axis=1)


def point_decimals(frame: pd.DataFrame, info: TableInfo, *, skip: Sequence[Any] = (),
                   skip_rows: int = 0) -> pd.DataFrame:
    """Write decimal commas as points in the columns that hold only numbers, when the file uses them.

    With ``info.decimal == ","``, a column whose every non-empty cell (after
    the first ``skip_rows`` rows) is a number written with a decimal comma
    (``1,5``, ``-0,25``, ``1.234,5``) or a whole number, at least one with a
    comma, is rewritten with points (``1.5``, ``-0.25``, ``1234.5``) so that
    type inference reads numbers. Other columns (names, codes, mixed text)
    and the columns in ``skip`` are left as written.

    Examples
    --------
    >>> frame, info = read_table(b"id;score;code\\nA;1,5;1,2\\nB;2;x\\n", origin="t.csv")
    >>> point_decimals(frame, info).values.tolist()
    [['A', '1.5', '1,2'], ['B', '2', 'x']]
    """
    if info.decimal != ",":
        return frame
    out = frame.copy(deep=False)  # copy on write: the columns rewritten are new ones
    for k, col in enumerate(out.columns):
        if col in skip:
            continue
        values = out.iloc[:, k].to_numpy(dtype=object).copy()
        pointed = _pointed(values[skip_rows:])
        if pointed is not None:
            values[skip_rows:] = pointed
            out.isetitem(k, pd.Series(values, index=out.index, dtype=object))
    return out


def _pointed(cells: np.ndarray) -> np.ndarray | None:
    """``cells`` with their numbers written with points when every text among them is a number written with a
    decimal comma or a whole number, at least one with a comma; else None. Each distinct text is read once.

    Examples
    --------
    >>> _pointed(np.array(["1,5", None, " 2 ", "1.234,5", "1,5"], dtype=object)).tolist()
    ['1.5', None, '2', '1234.5', '1.5']
    >>> _pointed(np.array(["1,5", "x"], dtype=object)) is None, _pointed(np.array(["1", "2"], dtype=object)) is None
    (True, True)
    """
    codes, uniques = pd.factorize(cells, use_na_sentinel=True)
    distinct = uniques.tolist()
    texts = [u.strip() if isinstance(u, str) else "" for u in distinct]
    numbers = [t for t in texts if t]
    if not numbers or not any("," in t for t in numbers) or not all(_COMMA_INTEGER.fullmatch(t) for t in numbers):
        return None
    written = np.array([t.replace(".", "").replace(",", ".") for t in texts] + [""], dtype=object)
    change = np.array([bool(t) for t in texts] + [False], dtype=bool)[codes]  # texts, not blanks or missing
    out = cells.copy()
    out[change] = written[codes[change]]
    return out
