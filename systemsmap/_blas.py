"""BLAS threads: the one place systemsmap limits them.

numpy's linear algebra runs on a multi-threaded BLAS (OpenBLAS). For the
small or thin matrices systemsmap works with (a 200-actor eigenproblem, the
thin products of a permutation loop, an ERGM's handful of statistics) waking
the threads costs far more than the arithmetic: a dense 200 x 200 ``eig``
took 3 s instead of 0.05 s on a busy two-core machine. Such work runs
inside :func:`one_blas_thread`, which restores the previous limit on exit
(threadpoolctl), so no global state is left changed.
"""
from __future__ import annotations

import functools
import sys

from threadpoolctl import ThreadpoolController

__all__ = ["one_blas_thread"]


@functools.lru_cache(maxsize=1)
def _controller(modules: int) -> ThreadpoolController:
    """threadpoolctl's view of the BLAS libraries loaded in this process, made again whenever Python has
    imported more modules (a new library comes in with a module): finding them reads ``/proc/self/maps``,
    about 1 ms, which was half of ``centrality()`` on a ten-actor network."""
    return ThreadpoolController()


def one_blas_thread():
    """A context in which BLAS runs on one thread (the previous setting comes back on exit).

    Examples
    --------
    >>> import numpy as np
    >>> with one_blas_thread():
    ...     w = np.linalg.eigvals(np.eye(3))
    >>> w.tolist()
    [1.0, 1.0, 1.0]
    """
    return _controller(len(sys.modules)).limit(limits=1, user_api="blas")
