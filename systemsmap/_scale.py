"""How large a network may be before path measures are estimated rather than computed exactly.

The report and the command line compute betweenness, closeness, harmonic
centrality, mean distance and diameter exactly up to :data:`LARGE_NETWORK`
actors, and from :data:`PATH_SAMPLE` random source actors above (the metrics'
own ``sample=`` option); both say so. Library functions called directly do
what their ``sample=`` says.
"""
from __future__ import annotations

__all__ = ["LARGE_NETWORK", "PATH_SAMPLE", "default_sample"]

#: Above this many actors, the report and the command line estimate path measures (betweenness,
#: closeness, harmonic centrality, mean distance, diameter) from a sample of sources.
LARGE_NETWORK = 10_000
#: The random source actors of those estimates: relative errors near 1/sqrt(1000), about 3%.
PATH_SAMPLE = 1_000


def default_sample(n: int) -> int | None:
    """The ``sample=`` of path measures for a network of ``n`` actors: None (exact) up to
    :data:`LARGE_NETWORK`, :data:`PATH_SAMPLE` above.

    Examples
    --------
    >>> default_sample(207), default_sample(25_000)
    (None, 1000)
    """
    return PATH_SAMPLE if n > LARGE_NETWORK else None
