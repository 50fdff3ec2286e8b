"""Reporting: one self-contained HTML file and the key findings in plain language.

:func:`report` writes the file (findings, the map, silos, brokers, actors,
change between waves, next steps, data and caveats); :func:`findings` gives
the key findings alone, as sentences, from the same numbers.
"""
from __future__ import annotations

from .build import Report, report
from .narrative import findings

__all__ = ["Report", "findings", "report"]
