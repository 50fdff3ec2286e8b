"""BLAS threads are limited to one inside ``one_blas_thread`` and restored after (systemsmap/_blas.py)."""
from __future__ import annotations

import sys

import numpy as np
import threadpoolctl

from systemsmap import _blas


def _threads() -> list[int]:
    return [lib["num_threads"] for lib in threadpoolctl.threadpool_info() if lib["user_api"] == "blas"]


def test_one_thread_inside_the_previous_setting_after():
    np.dot(np.ones((2, 2)), np.ones((2, 2)))  # numpy's BLAS is loaded
    before = _threads()
    with _blas.one_blas_thread():
        assert all(t == 1 for t in _threads())
        with _blas.one_blas_thread():  # nested: still one, and the outer limit comes back
            assert all(t == 1 for t in _threads())
        assert all(t == 1 for t in _threads())
    assert _threads() == before


def test_the_libraries_are_looked_up_again_only_after_new_imports(monkeypatch):
    made = []

    class Counting(threadpoolctl.ThreadpoolController):
        def __init__(self):
            made.append(1)
            super().__init__()

    monkeypatch.setattr(_blas, "ThreadpoolController", Counting)
    _blas._controller.cache_clear()
    for _ in range(3):
        with _blas.one_blas_thread():
            pass
    assert len(made) == 1
    monkeypatch.setitem(sys.modules, "systemsmap_test_new_module", type(sys)("systemsmap_test_new_module"))
    with _blas.one_blas_thread():
        pass
    assert len(made) == 2
    _blas._controller.cache_clear()
