"""The package's shape, read from its source with ``ast``: short functions, declared exports,
matplotlib only where drawing happens, and no private name reaching across subpackages.

Where today's code breaks a rule, the offence is listed in an explicit allow-set below. Each
set only shrinks: the test fails when an offence is new or grew, and also when a listed entry
is no longer needed (so it must then be removed from the set).
"""
from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "systemsmap"
MAX_LINES = 100

#: Functions longer than MAX_LINES, with their length (see ``function_lengths``): none since the
#: long readers, ``bridges``, ``silos`` and the maps were split. An entry may only shrink: the test
#: fails when a listed function grows, and when it is no longer over the limit (or gone).
ALLOWED_LONG: dict[str, int] = {}

#: ``(importing module, imported module, name)`` for each private name (``_x``), or name from a
#: private module (``metrics._engine``), that one subpackage imports from another today. The set
#: only shrinks: a new crossing is a decision to make public what is shared, not an accident.
ALLOWED_PRIVATE_IMPORTS: set[tuple[str, str, str]] = set()

#: Modules exempt from declaring ``__all__``: ``python -m systemsmap`` runs ``__main__`` as a
#: script; it exports nothing.
NO_ALL = {"systemsmap.__main__"}


# ------------------------------------------------------------------------------------ reading
def _modules() -> dict[str, tuple[Path, ast.Module]]:
    """Every module of the package: dotted name -> (path, parsed tree)."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = (path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    return out


MODULES = _modules()


def _body_length(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Lines from the first statement after the docstring to the function's last line."""
    body = fn.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        body = body[1:]
    return fn.end_lineno - body[0].lineno + 1 if body else 0


def function_lengths() -> dict[str, int]:
    """``module:Qualified.name`` -> body length, for every function and method, nested ones
    included (each measured on its own; a nested function also counts in its parent)."""
    lengths: dict[str, int] = {}

    def visit(node: ast.AST, module: str, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                qual = f"{prefix}{child.name}"
                lengths[f"{module}:{qual}"] = _body_length(child)
                visit(child, module, qual + ".<locals>.")
            elif isinstance(child, ast.ClassDef):
                visit(child, module, f"{prefix}{child.name}.")
            else:
                visit(child, module, prefix)

    for module, (_, tree) in MODULES.items():
        visit(tree, module, "")
    return lengths


def _subpackage(module: str) -> str:
    """``systemsmap.metrics.silos`` -> ``metrics``; a module at the top (``systemsmap.waves``) -> ``""``."""
    parts = module.split(".")
    is_package = (PACKAGE.joinpath(*parts[1:]) / "__init__.py").exists()
    inside = parts[1:] if is_package else parts[1:-1]
    return inside[0] if inside else ""


def _resolve(module: str, node: ast.ImportFrom) -> str:
    """The absolute module a ``from ... import`` statement in ``module`` names."""
    if not node.level:
        return node.module or ""
    parts = module.split(".")
    is_package = (PACKAGE.joinpath(*parts[1:]) / "__init__.py").exists()
    base = parts if is_package else parts[:-1]
    base = base[:len(base) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_imports() -> set[tuple[str, str, str]]:
    """Each ``(importer, module, name)`` where a module takes from another subpackage a private
    name, or any name of a private module, by an import statement or as an attribute of a module
    it imported (``silos._group_codes``). The package's top-level private modules
    (``systemsmap._check``, ``_format``, ``_random``, ``_lazy``) are the shared internals every
    layer uses, so their public names are not counted; their private names are."""
    found: set[tuple[str, str, str]] = set()
    for importer, (_, tree) in MODULES.items():
        found |= _crossings(importer, tree)
    return found


def _crossings(importer: str, tree: ast.AST) -> set[tuple[str, str, str]]:
    """The private names ``importer`` (whose source is ``tree``) takes from other subpackages."""
    found: set[tuple[str, str, str]] = set()
    aliases: dict[str, str] = {}  # local name -> the systemsmap module it is bound to
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            source = _resolve(importer, node)
            _check_one(importer, source, [a.name for a in node.names], found)
            aliases.update({a.asname or a.name: f"{source}.{a.name}" for a in node.names
                            if f"{source}.{a.name}" in MODULES})
        elif isinstance(node, ast.Import):
            for a in node.names:
                if "." in a.name:
                    source, name = a.name.rsplit(".", 1)
                    _check_one(importer, source, [name], found)
                if a.asname and a.name in MODULES:
                    aliases[a.asname] = a.name
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases:
            _check_one(importer, aliases[node.value.id], [node.attr], found)
    return found


def _check_one(importer: str, source: str, names: list[str], found: set) -> None:
    """Add ``(importer, source, name)`` to ``found`` for each of ``names`` that ``importer`` may
    not take from ``source``: a private name, or any name of a private module, of another
    subpackage."""
    if source.split(".")[0] != "systemsmap" or _subpackage(source) == _subpackage(importer):
        return
    # systemsmap._check and its top-level siblings are everyone's; systemsmap.metrics._engine is metrics' own
    private_module = _subpackage(source) != "" and any(_private(p) for p in source.split(".")[1:])
    for name in names:
        if _private(name) or private_module:
            found.add((importer, source, name))


def _top_level_imports(tree: ast.Module) -> list[str]:
    """Modules imported by statements that run when the module is imported (not inside a
    function or class body, nor under ``if TYPE_CHECKING:``)."""
    out: list[str] = []

    def visit(stmts: list[ast.stmt]) -> None:
        for node in stmts:
            if isinstance(node, ast.Import):
                out.extend(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and not node.level:
                out.append(node.module or "")
            elif isinstance(node, ast.If):
                test = ast.unparse(node.test)
                if test not in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
                    visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)
                for h in node.handlers:
                    visit(h.body)
                visit(node.orelse)
                visit(node.finalbody)
            elif isinstance(node, (ast.With, ast.AsyncWith)):
                visit(node.body)

    visit(tree.body)
    return out


# ------------------------------------------------------------------------------------ tests
def test_the_readers_see_the_whole_package():
    assert len(MODULES) > 40 and "systemsmap.metrics.silos" in MODULES and "systemsmap" in MODULES
    lengths = function_lengths()
    assert len(lengths) > 500
    assert lengths["systemsmap._check:check_choice"] > 0


def test_body_length_skips_the_docstring_and_counts_nested_functions_apart():
    tree = ast.parse('def f(a,\n      b):\n    """Doc.\n\n    More.\n    """\n    x = 1\n'
                     '    def g():\n        """G."""\n        return 2\n    return g\n')
    f = tree.body[0]
    g = f.body[2]
    assert _body_length(f) == 5 and _body_length(g) == 1
    assert _body_length(ast.parse('def h():\n    """Only a docstring."""\n').body[0]) == 0


def test_no_function_is_longer_than_100_lines():
    lengths = function_lengths()
    long = {name: n for name, n in lengths.items() if n > MAX_LINES}
    new = {name: n for name, n in long.items() if name not in ALLOWED_LONG}
    grew = {name: (ALLOWED_LONG[name], n) for name, n in long.items()
            if name in ALLOWED_LONG and n > ALLOWED_LONG[name]}
    stale = sorted(set(ALLOWED_LONG) - set(long))
    assert not new, f"functions over {MAX_LINES} lines (docstring not counted); split them: {new}"
    assert not grew, f"listed long functions grew (allowed, now): {grew}"
    assert not stale, f"no longer over {MAX_LINES} lines (or gone): remove from ALLOWED_LONG: {stale}"


def test_every_module_declares_all():
    missing = []
    for name, (_, tree) in MODULES.items():
        declared = any(isinstance(n, (ast.Assign, ast.AnnAssign)) and any(
            isinstance(t, ast.Name) and t.id == "__all__"
            for t in (n.targets if isinstance(n, ast.Assign) else [n.target])) for n in tree.body)
        if not declared and name not in NO_ALL:
            missing.append(name)
    assert not missing, f"modules without __all__: {missing}"
    assert NO_ALL <= set(MODULES)


def test_matplotlib_is_imported_at_module_level_only_in_plot():
    offenders = {}
    for name, (_, tree) in MODULES.items():
        drawn = [m for m in _top_level_imports(tree) if m.split(".")[0] == "matplotlib"]
        if drawn and not name.startswith("systemsmap.plot"):
            offenders[name] = drawn
    assert not offenders, f"import matplotlib inside the function that draws: {offenders}"
    assert "matplotlib.pyplot" in _top_level_imports(MODULES["systemsmap.plot.maps"][1])  # the reader sees them


def test_importing_everything_outside_plot_leaves_matplotlib_unimported():
    """Computing never draws: the analysis, the command line and the report's text load without
    matplotlib (the report imports it when it renders a figure)."""
    names = [n for n in MODULES if not n.startswith("systemsmap.plot") and n != "systemsmap.__main__"]
    code = ("import importlib, sys\n"
            f"for name in {names!r}:\n"
            "    importlib.import_module(name)\n"
            "    assert 'matplotlib' not in sys.modules, name\n")
    path = os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])
    p = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300,
                       env={**os.environ, "PYTHONPATH": path, "MPLBACKEND": "Agg"})
    assert p.returncode == 0, p.stderr[-2000:]


def test_no_private_name_crosses_subpackages():
    found = private_imports()
    new = sorted(found - ALLOWED_PRIVATE_IMPORTS)
    stale = sorted(ALLOWED_PRIVATE_IMPORTS - found)
    assert not new, ("a private name imported from another subpackage: make it public in its own "
                     f"module (and __all__) or move the code: {new}")
    assert not stale, f"no longer imported: remove from ALLOWED_PRIVATE_IMPORTS: {stale}"


@pytest.mark.parametrize("importer, statement, expected", [
    ("systemsmap.waves", "from .metrics.silos import _group_codes",
     {("systemsmap.waves", "systemsmap.metrics.silos", "_group_codes")}),
    ("systemsmap.report._analysis", "from ..metrics._engine import Engine",
     {("systemsmap.report._analysis", "systemsmap.metrics._engine", "Engine")}),
    ("systemsmap.report._analysis", "from ..metrics import _engine",
     {("systemsmap.report._analysis", "systemsmap.metrics", "_engine")}),
    ("systemsmap.report.build", "import systemsmap.metrics._engine",
     {("systemsmap.report.build", "systemsmap.metrics", "_engine")}),
    ("systemsmap.metrics.silos", "from ._engine import _x", set()),           # same subpackage
    ("systemsmap.metrics.silos", "from .._check import check_choice", set()),  # shared internals
    ("systemsmap.metrics.silos", "from .._check import _helper",
     {("systemsmap.metrics.silos", "systemsmap._check", "_helper")}),
    ("systemsmap.metrics.silos", "from ..network import StakeholderNetwork", set()),
    ("systemsmap.metrics", "from ..io._validate import check", {("systemsmap.metrics", "systemsmap.io._validate",
                                                                "check")}),
    ("systemsmap.waves", "from .metrics import silos as s\ns._group_codes(g)\ns.silos(g)",
     {("systemsmap.waves", "systemsmap.metrics.silos", "_group_codes")}),
    ("systemsmap.waves", "import systemsmap.metrics.silos as s\ns._group_codes(g)",
     {("systemsmap.waves", "systemsmap.metrics.silos", "_group_codes")}),
])
def test_private_import_rule(importer, statement, expected):
    """The rule on single statements (the whole package is read by ``private_imports``)."""
    assert _crossings(importer, ast.parse(statement)) == expected
