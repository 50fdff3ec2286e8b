"""The command line on files that UCINET, Pajek, yEd, Gephi and spreadsheet programs write (``systemsmap convert``)."""
from __future__ import annotations

import subprocess
import warnings
import zipfile
from pathlib import Path

import pandas as pd

import systemsmap as sm
from conftest import run_cli

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"


def run(*args, cwd: Path) -> subprocess.CompletedProcess:
    """``systemsmap *args`` in ``cwd`` (in this process: see :func:`conftest.run_cli`)."""
    return run_cli(*args, cwd=cwd)


def ok(p: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert p.returncode == 0, f"exit {p.returncode}\nstdout:\n{p.stdout}\nstderr:\n{p.stderr}"
    assert "Traceback" not in p.stderr
    return p


def _quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        return fn(*args, **kwargs)


def _ties(net):
    return sorted(net.ties[["source", "target", "relation", "weight"]].itertuples(index=False, name=None))


def test_convert_ucinet_and_pajek_files_both_ways(tmp_path):
    ok(run("convert", DATA / "ucinet" / "monks_row_column_level.dl", "-o", "monks.paj", cwd=tmp_path))
    monks = sm.read_ucinet(DATA / "ucinet" / "monks_row_column_level.dl")
    assert _ties(sm.read_pajek(tmp_path / "monks.paj")) == _ties(monks)
    p = ok(run("convert", DATA / "pajek" / "managers_three_relations.paj", "-o", "managers", cwd=tmp_path))
    assert "8 actors, 20 ties" in p.stdout
    back = _quiet(sm.read_csv, tmp_path / "managers")
    assert back == sm.read_pajek(DATA / "pajek" / "managers_three_relations.paj")


def test_convert_yed_gephi_and_spreadsheet_files(tmp_path):
    for source, reader in (("graphs/yed_groups.graphml", sm.read_graphml), ("graphs/gephi_viz_1_3.gexf",
                                                                           sm.read_gexf),
                           ("workbooks/stakeholders.ods", sm.read_excel), ("workbooks/stakeholders.xls",
                                                                          sm.read_excel)):
        out = Path(source).stem + "_" + Path(source).suffix[1:]
        ok(run("convert", DATA / source, "-o", out, cwd=tmp_path))
        assert _quiet(sm.read_csv, tmp_path / out) == _quiet(reader, DATA / source), source


def test_a_windows_csv_warns_once_in_our_words(tmp_path):
    p = ok(run("metrics", DATA / "text" / "ties_excel_semicolon_cp1252.csv",
               DATA / "text" / "actors_excel_semicolon_cp1252.csv", "-o", "m.csv", cwd=tmp_path))
    warned = [ln for ln in p.stderr.splitlines() if "warning" in ln]
    assert len(warned) == 2, p.stderr  # one per file
    assert all("not UTF-8; read as Windows-1252 (Western European)" in ln for ln in warned)
    metrics = pd.read_csv(tmp_path / "m.csv", index_col=0)
    assert "Zoë Müller" in metrics.index


def test_openpyxl_says_nothing_on_the_command_line(tmp_path):
    net = sm.from_frames(None, pd.DataFrame({"source": ["A", "B"], "target": ["B", "C"]}))
    net.to_excel(tmp_path / "plain.xlsx")
    with zipfile.ZipFile(tmp_path / "plain.xlsx") as src, \
            zipfile.ZipFile(tmp_path / "ext.xlsx", "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = data.replace(b"</worksheet>", b'<extLst><ext uri="{00000000-1111-2222-3333-444444444444}">'
                                    b"<x/></ext></extLst></worksheet>")
            out.writestr(item, data)
    p = ok(run("convert", "ext.xlsx", "-o", "ext.graphml", cwd=tmp_path))
    assert "warning" not in p.stderr and "extension" not in p.stderr, p.stderr


def test_an_undetectable_file_gives_each_readers_objection(tmp_path):
    (tmp_path / "matrix.csv").write_text(",A,B,C\nA,0,1,0\n,1,0,1\nC,0,1,0\n")
    p = run("metrics", "matrix.csv", "-o", "m.csv", cwd=tmp_path)
    assert p.returncode != 0 and "Traceback" not in p.stderr
    assert "cannot tell the format" in p.stderr
    assert p.stderr.index("as a matrix: row 3, column A: empty row label") < p.stderr.index("as a ties table")


def test_help_names_the_new_formats(tmp_path):
    convert = ok(run("convert", "--help", cwd=tmp_path)).stdout
    assert "NAME.net, NAME.paj" in convert and "Pajek" in convert
    report = " ".join(ok(run("report", "--help", cwd=tmp_path)).stdout.split())
    for fragment in ("Pajek (.net, .paj)", "LibreOffice .ods", ".xls", "GraphML (yEd's too)", "GEXF (Gephi's)",
                     "any delimiter and encoding"):
        assert fragment in report, fragment
    assert "pajek" in ok(run("metrics", "--help", cwd=tmp_path)).stdout
