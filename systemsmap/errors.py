"""Exceptions and warnings raised by systemsmap.

Every error about input data is a :class:`DataError`, a ``ValueError``, whose
message names the file, the row or rows, the column, the offending value and
what was expected. What is legal but risky is a :class:`DataWarning`.
"""
from __future__ import annotations

__all__ = ["SystemsMapError", "DataError", "SystemsMapWarning", "DataWarning"]


class SystemsMapError(Exception):
    """Base class of every exception raised on purpose by systemsmap."""


class DataError(SystemsMapError, ValueError):
    """Input data that cannot be used as given.

    The message names where the problem is (file, sheet, row, column), the
    value found and what was expected, and how to fix it.
    """


class SystemsMapWarning(UserWarning):
    """Base class of systemsmap's warnings."""


class DataWarning(SystemsMapWarning):
    """Input that is legal but suspicious, or a lenient load that changed data."""
