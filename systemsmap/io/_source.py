"""Where survey readers open files: the one function that turns a path into a grid of cells.

Kept apart so that the way text tables are opened (encodings, delimiters) is
decided in one place for every survey reader.
"""
from __future__ import annotations

import os
from typing import Any

__all__ = ["open_grid"]


def open_grid(path: str | os.PathLike, *, sheet: str | int | None = None) -> tuple[list[list[Any]], str]:
    """A CSV file or one worksheet as rows of raw cells (headers included), and its name for messages.

    CSV cells are text (empty cells None); workbook cells keep Excel's types.
    See :func:`systemsmap.io.matrix.read_grid`.
    """
    from .matrix import read_grid

    return read_grid(path, sheet=sheet)
