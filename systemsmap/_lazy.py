"""Lazy re-exports: a package names its public functions without importing every module at import time."""
from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(package: str, table: Mapping[str, str], submodules: tuple[str, ...] = (),
                 ) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """Return ``__getattr__`` and ``__dir__`` for ``package`` exporting ``name -> module`` lazily.

    ``submodules`` are subpackages reachable as attributes (``sm.plot.network_map``)
    without an explicit ``import systemsmap.plot``, imported on first use.
    """

    def __getattr__(name: str) -> Any:
        if name in submodules:
            return importlib.import_module(f"{package}.{name}")
        try:
            module = table[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        value = getattr(importlib.import_module(module, package), name)
        importlib.import_module(package).__dict__[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(set(table) | set(submodules) | set(importlib.import_module(package).__dict__))

    # Importing a submodule binds it on its package under its own name
    # (``metrics.silos``), hiding a function exported under the same name once
    # anything imports the submodule first (a sibling module, pytest's doctest
    # collection). Refuse that one binding; the submodule stays in sys.modules.
    mod = sys.modules.get(package)
    if mod is not None and type(mod) is types.ModuleType:
        class _LazyModule(types.ModuleType):
            def __setattr__(self, name: str, value: Any) -> None:
                if (name in table and isinstance(value, types.ModuleType)
                        and value.__name__ == f"{package}.{name}"):
                    return
                super().__setattr__(name, value)

        mod.__class__ = _LazyModule

    return __getattr__, __dir__
