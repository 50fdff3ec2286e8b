"""The one place where JSON is read: bytes to a document, every failure a DataError naming the file.

Used for Kumu maps and for the metadata systemsmap writes beside its own files
(``systemsmap.json``, the hidden sheets of workbooks, the description in
GraphML). A document nested deeper than Python's parser can follow (100,000
brackets) is refused rather than crashing with ``RecursionError``; text that is
not UTF-8 is named with its byte; and a key given twice in one object is
refused, since JSON readers keep one of the two values without a word.
"""
from __future__ import annotations

import json
import sys
from typing import Any

from ..errors import DataError

__all__ = ["load_json"]

def _pairs(origin: str):
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, v in pairs:
            if k in out:
                raise DataError("the key is given twice in one JSON object (a reader would keep only one of its "
                                "values)", origin=origin, column=k, suggestion="keep one of them")
            out[k] = v
        return out
    return hook


def load_json(data: str | bytes, *, origin: str, what: str = "JSON") -> Any:
    """Parse a JSON document, refusing what Python's parser would fail on or read wrongly.

    Parameters
    ----------
    data : str or bytes
        The document (bytes are read as UTF-8, a byte-order mark allowed).
    origin : str
        The file's name, for messages.
    what : str
        What the document should be, for messages (``"Kumu JSON"``).

    Raises
    ------
    DataError
        Naming the file: bytes that are not UTF-8 (with the byte's place),
        text that is not JSON (line and column), nesting deeper than Python's
        parser follows (about 1,000 levels), or a key given twice in one object.

    Examples
    --------
    >>> load_json(b'{"a": [1, 2]}', origin="m.json")
    {'a': [1, 2]}
    >>> load_json("[" * 100_000 + "]" * 100_000, origin="deep.json")
    Traceback (most recent call last):
    ...
    systemsmap.errors.DataError: deep.json: the JSON is nested more deeply than can be read (over ... levels); expected JSON
    >>> load_json('{"label": "A", "label": "B"}', origin="m.json")
    Traceback (most recent call last):
    ...
    systemsmap.errors.DataError: m.json, column 'label': the key is given twice in one JSON object (a reader would keep only one of its values) (keep one of them)
    """
    if isinstance(data, (bytes, bytearray)):
        try:
            text = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            bad = bytes(data)[exc.start:exc.start + 1].hex().upper()
            raise DataError(f"not UTF-8 text: byte {exc.start + 1} is 0x{bad} ({exc.reason})", origin=origin,
                            expected=what, suggestion="save the file again with UTF-8 text encoding") from None
    else:
        text = data
    try:
        return json.loads(text, object_pairs_hook=_pairs(origin))
    except json.JSONDecodeError as exc:
        raise DataError(f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})", origin=origin,
                        expected=what) from None
    except RecursionError:  # Python's parser recurses once per level of nesting
        raise DataError(f"the JSON is nested more deeply than can be read (over {sys.getrecursionlimit():,} "
                        "levels)", origin=origin, expected=what) from None
