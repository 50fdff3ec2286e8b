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

from threadpoolctl import threadpool_limits

__all__ = ["one_blas_thread"]


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
    return threadpool_limits(limits=1, user_api="blas")
