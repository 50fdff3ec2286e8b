"""Acting: recommend missing bridges, find key players and single points of failure, follow voices
and evidence, find learning loops."""
from __future__ import annotations

from .._lazy import lazy_exports

_EXPORTS = {
    "bridges": ".bridges", "least_connected": ".bridges",
    "key_players": ".keyplayers", "KeyPlayers": ".keyplayers",
    "vulnerabilities": ".vulnerabilities",
    "champions": ".champions",
    "voice": ".voice", "VoiceReport": ".voice",
    "evidence": ".evidence", "EvidenceReport": ".evidence",
    "loops": ".loops", "Loops": ".loops",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
