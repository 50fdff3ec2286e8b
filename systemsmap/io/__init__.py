"""Reading and writing stakeholder networks.

Every reader returns a validated :class:`~systemsmap.StakeholderNetwork`;
validation happens once, in :mod:`systemsmap.io._validate`.
"""
from __future__ import annotations

from .._lazy import lazy_exports

_EXPORTS = {
    "from_frames": ".frames",
    "read_csv": ".csv", "write_csv": ".csv",
    "read_excel": ".excel", "write_excel": ".excel",
    "read_kumu": ".kumu", "write_kumu": ".kumu",
    "read_roster": ".roster",
    "read_nominations": ".nominations", "nomination_review": ".nominations",
    "read_matrix": ".matrix",
    "read_ucinet": ".ucinet", "write_ucinet": ".ucinet",
    "read_pajek": ".pajek", "write_pajek": ".pajek",
    "read_graphml": ".graphs", "write_graphml": ".graphs",
    "read_gexf": ".graphs", "write_gexf": ".graphs",
    "from_networkx": ".graphs", "to_networkx": ".graphs",
    "from_igraph": ".graphs", "to_igraph": ".graphs",
    "read_any": ".detect", "reader_for": ".detect",
    "write_tables": "._sheets", "table_paths": "._sheets",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
