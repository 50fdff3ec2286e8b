"""Shared fixtures: small named graphs, the reference-data folder, and a way to run the command line."""
from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import warnings
from pathlib import Path

import matplotlib
import networkx as nx
import pandas as pd
import pytest

matplotlib.use("Agg")

import systemsmap as sm  # noqa: E402
from hypothesis import settings  # noqa: E402

# Property tests explore new examples on every local run; CI (CI=1) replays a fixed
# sequence so that a landing run is reproducible.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

#: Under pytest-xdist (``-n``), the tests of these modules run on one worker, in file order: they
#: share module-scoped fixtures that are costly to build twice (the command line's reports, the
#: report files), and test_cli's progress-bar check reads every run made before it in the module.
SAME_WORKER = {"test_cli.py": "cli", "test_report.py": "report", "test_report_browser.py": "report_browser"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        group = SAME_WORKER.get(item.path.name)
        if group:
            item.add_marker(pytest.mark.xdist_group(group))


#: Classic public networks copied into the repository with their sources (tests/data/reference/README.md),
#: so that every cross-check runs from a fresh clone.
REFERENCE = Path(__file__).resolve().parent / "data" / "reference"


def _quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        return fn(*args, **kwargs)


ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args, cwd: Path, process: bool = False, timeout: float = 300) -> subprocess.CompletedProcess:
    """``systemsmap *args`` run in the folder ``cwd``: its exit status, stdout and stderr.

    By default the command runs in this process: :func:`systemsmap.cli.main` with stdout and stderr
    captured (argparse's exits become the status), which sees the same status and output as a shell
    while saving the half second of interpreter start and imports each run would pay. With
    ``process=True`` it runs as users run it, ``python -m systemsmap`` in a subprocess importing this
    checkout, for what only a real process shows: the entry point, terminals and pipes, help text.
    """
    argv = [str(a) for a in args]
    if process:
        env = {**os.environ, "PYTHONIOENCODING": "utf-8", "MPLBACKEND": "Agg",
               "PYTHONPATH": os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
        env.pop("COLUMNS", None)
        return subprocess.run([sys.executable, "-m", "systemsmap", *argv], cwd=cwd, env=env,
                              capture_output=True, text=True, encoding="utf-8", timeout=timeout)
    from systemsmap.cli import main

    out, err = io.StringIO(), io.StringIO()
    old = os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as stop:  # argparse: --help, --version and usage errors
                code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    finally:
        os.chdir(old)
    return subprocess.CompletedProcess(["systemsmap", *argv], code, out.getvalue(), err.getvalue())


def lonely(net: sm.StakeholderNetwork) -> list[str]:
    """Actors of ``net`` with no tie (building such a network warns that they 'have no ties')."""
    tied = set(net.ties["source"]) | set(net.ties["target"])
    return [a for a in net.ids if a not in tied]


def warns_if(expected: bool, match: str):
    """``pytest.warns(sm.DataWarning, match=match)`` when ``expected``; otherwise no warning may be
    raised (the suite's configuration turns any DataWarning into an error)."""
    return pytest.warns(sm.DataWarning, match=match) if expected else contextlib.nullcontext()


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    """The reference-data folder (``tests/data/reference``)."""
    return REFERENCE


def load_reference(name: str, relation: str | None = None, *, directed: bool | None = None,
                   group_as_role: bool = False) -> sm.StakeholderNetwork:
    """Load one reference network (``tests/data/reference/<name>``)."""
    folder = REFERENCE / name
    ties = folder / (f"ties_{relation}.csv" if relation else "ties.csv")
    undirected = {"strike", "padgett_florentine", "zachary_karate", "jemaah_islamiyah",
                  "white_kinship", "ef3", "borgatti2006_fig8"}
    if directed is None:
        directed = name not in undirected
    actors = pd.read_csv(folder / "actors.csv", dtype={"id": str})
    if "role" in actors.columns and not group_as_role:
        actors = actors.rename(columns={"role": "group_role"})
    t = pd.read_csv(ties, dtype={"source": str, "target": str})
    # some reference networks have actors with no tie (Padgett's Pucci); that warning, and only it, is expected
    alone = set(actors["id"]) - set(t["source"]) - set(t["target"])
    with warns_if(bool(alone), f"{len(alone)} of {len(actors)} actors have no ties"):
        return sm.from_frames(actors, t, directed=directed)


@pytest.fixture
def kite() -> sm.StakeholderNetwork:
    """Krackhardt's kite (10 actors, undirected), ids as networkx numbers them."""
    G = nx.krackhardt_kite_graph()
    ties = pd.DataFrame([(str(u), str(v)) for u, v in G.edges()], columns=["source", "target"])
    actors = pd.DataFrame({"id": [str(n) for n in G.nodes()]})
    return sm.from_frames(actors, ties, directed=False)


@pytest.fixture
def karate() -> sm.StakeholderNetwork:
    """Zachary's karate club from networkx, with its two factions as ``club``."""
    G = nx.karate_club_graph()
    ties = pd.DataFrame([(str(u), str(v)) for u, v in G.edges()], columns=["source", "target"])
    actors = pd.DataFrame({"id": [str(n) for n in G.nodes()],
                           "club": [G.nodes[n]["club"] for n in G.nodes()]})
    return sm.from_frames(actors, ties, directed=False)


@pytest.fixture
def stakeholder6() -> sm.StakeholderNetwork:
    """A hand-drawn 6-actor stakeholder map.

    ::

        R1 (researcher, academia)  -> R2 (researcher, academia)
        R2 -> I1 (implementer, health)   I1 -> P1 (policymaker, government)
        L1 (lived_experience, community) -> I1
        R1 -> I1                          P1 -> F1 (funder, funders)
        F1 -> R1
    """
    actors = pd.DataFrame({
        "id": ["R1", "R2", "I1", "P1", "L1", "F1"],
        "role": ["researcher", "researcher", "implementer", "policymaker", "lived_experience", "funder"],
        "sector": ["academia", "academia", "health", "government", "community", "funders"],
    })
    ties = pd.DataFrame({"source": ["R1", "R2", "I1", "L1", "R1", "P1", "F1"],
                         "target": ["R2", "I1", "P1", "I1", "I1", "F1", "R1"]})
    return sm.from_frames(actors, ties, directed=True)
