"""The notebooks in notebooks/: each runs top to bottom without error, and each is committed clean.

Each notebook is executed with nbclient in a fresh ``python3`` kernel of the
interpreter running the tests, from the ``notebooks/`` folder (as a reader
opening it in Jupyter would), with matplotlib's Agg backend. The committed
files must carry no outputs and no execution counts, and must be what
``notebooks/build_notebooks.py`` writes.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))
CELL_TIMEOUT = 300  # seconds per cell: generous, the slowest cell takes a few seconds


@pytest.fixture(scope="module")
def kernel_env(tmp_path_factory):
    """Run kernels on this interpreter with the Agg backend.

    A ``python3`` kernelspec installed elsewhere (``jupyter kernelspec list``)
    may launch another interpreter; a spec in a folder named first on
    ``JUPYTER_PATH`` wins over it, so one is written there that launches
    ``sys.executable -m ipykernel_launcher``. The environment is inherited by
    the kernel process.
    """
    root = tmp_path_factory.mktemp("jupyter")
    spec = root / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (tests)", "language": "python"}))
    new = {"JUPYTER_PATH": os.pathsep.join([str(root), os.environ.get("JUPYTER_PATH", "")]).rstrip(os.pathsep),
           "MPLBACKEND": "Agg",
           "PYDEVD_DISABLE_FILE_VALIDATION": "1"}  # silences a debugger notice on kernel start
    saved = {k: os.environ.get(k) for k in new}
    os.environ.update(new)
    from jupyter_client.kernelspec import KernelSpecManager

    assert KernelSpecManager().get_kernel_spec("python3").argv[0] == sys.executable
    yield
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


def test_there_are_notebooks():
    assert [p.name for p in PATHS] == ["01_quickstart.ipynb", "02_silos_and_brokers.ipynb",
                                       "03_missing_bridges.ipynb", "04_waves.ipynb", "05_your_own_data.ipynb",
                                       "06_care_with_data.ipynb", "07_what_drives_ties.ipynb",
                                       "08_evidence_and_learning.ipynb"]


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_notebook_runs(path, kernel_env):
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOKS)}})
    t0 = time.perf_counter()
    client.execute()  # raises CellExecutionError, with the cell and traceback, on the first error
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors
    print(f"{path.name}: {time.perf_counter() - t0:.1f} s")


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_notebook_is_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: a cell has stored outputs"
            assert cell.execution_count is None, f"{path.name}: a cell has an execution count"
    assert nb.metadata["kernelspec"]["name"] == "python3"


def test_notebooks_match_their_builder():
    result = subprocess.run([sys.executable, str(NOTEBOOKS / "build_notebooks.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
