"""systemsmap: systems-thinking stakeholder network analysis.

Load actors and their ties from the files practitioners have, measure
centrality, brokerage and silos, recommend the missing bridges, and show and
report the results. See the README for a tour.

Examples
--------
>>> import systemsmap as sm
>>> net = sm.load_example("implementation_ecosystem")
>>> net.directed
True
"""
from __future__ import annotations

from ._lazy import lazy_exports
from .errors import DataError, DataWarning, SystemsMapError, SystemsMapWarning
from .network import StakeholderNetwork

__version__ = "0.1.0"

_EXPORTS = {
    # loading and writing
    "from_frames": ".io", "read_csv": ".io", "read_excel": ".io", "read_kumu": ".io",
    "read_roster": ".io", "read_nominations": ".io", "nomination_review": ".io", "read_matrix": ".io",
    "read_ucinet": ".io", "read_pajek": ".io", "read_graphml": ".io",
    "read_gexf": ".io", "from_networkx": ".io", "from_igraph": ".io", "read_any": ".io", "write_tables": ".io",
    "load_example": ".datasets", "examples": ".datasets",
    # measuring
    "summary": ".metrics", "centrality": ".metrics", "brokerage": ".metrics",
    "structural_holes": ".metrics", "silos": ".metrics", "SiloReport": ".metrics",
    "communities": ".metrics",
    # acting
    "bridges": ".act", "least_connected": ".act", "key_players": ".act", "KeyPlayers": ".act", "vulnerabilities": ".act",
    "champions": ".act", "voice": ".act", "VoiceReport": ".act",
    # evidence and learning loops
    "evidence": ".act", "EvidenceReport": ".act", "loops": ".act", "Loops": ".act",
    "combine_evidence": ".evidence_kinds",
    # change and care
    "compare": ".waves", "Comparison": ".waves", "response": ".waves", "impute": ".waves",
    "robustness": ".waves", "Response": ".waves", "Robustness": ".waves",
    "tie_quality": ".quality", "TieQuality": ".quality",
    "pseudonymise": ".privacy", "suppress_small": ".privacy", "disclosure_risk": ".privacy",
    # inference: what drives the ties
    "dyads": ".inference", "Dyads": ".inference", "same": ".inference", "diff": ".inference",
    "sender": ".inference", "receiver": ".inference", "relation": ".inference", "reciprocity": ".inference",
    "dyadic": ".inference", "qap_correlation": ".inference", "QAPCorrelation": ".inference",
    "mrqap": ".inference", "MRQAPResult": ".inference", "homophily": ".inference",
    "HomophilyReport": ".inference",
    "ergm": ".inference", "ErgmResult": ".inference", "simulate": ".inference", "Simulation": ".inference",
    "gof": ".inference", "ErgmGof": ".inference",
    # reporting
    "report": ".report",
}

__all__ = ["StakeholderNetwork", "DataError", "DataWarning", "SystemsMapError",
           "SystemsMapWarning", "__version__", *sorted(_EXPORTS)]
#: Subpackages reachable as attributes without importing them first: ``sm.plot.network_map``.
_SUBMODULES = ("act", "datasets", "evidence_kinds", "inference", "io", "metrics", "plot", "privacy", "quality",
               "roles", "waves")
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, _SUBMODULES)
