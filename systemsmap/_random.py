"""Seeds: every random choice in systemsmap takes ``seed`` (int, None or numpy Generator)."""
from __future__ import annotations

import contextlib
import random
from collections.abc import Iterator

import numpy as np

__all__ = ["rng", "int_seed", "igraph_seed"]


def rng(seed: int | np.random.Generator | None) -> np.random.Generator:
    """A numpy Generator from ``seed`` (a Generator is used as it is)."""
    return seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)


def int_seed(seed: int | np.random.Generator | None) -> int | None:
    """An integer seed for libraries that take one (a Generator gives its next draw)."""
    if isinstance(seed, np.random.Generator):
        return int(seed.integers(0, 2**63 - 1))
    return seed


@contextlib.contextmanager
def igraph_seed(seed: int | np.random.Generator | None) -> Iterator[None]:
    """Run igraph's random routines from ``seed``, then give igraph back its default generator.

    igraph draws from one process-wide generator (by default Python's
    ``random`` module); this swaps in a ``random.Random(seed)`` for the block
    and restores the default afterwards, so results are reproducible and no
    seeded state leaks into other code.
    """
    import igraph as ig

    ig.set_random_number_generator(random.Random(int_seed(seed)))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)
