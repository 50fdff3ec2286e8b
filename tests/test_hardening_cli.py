"""The command line never overwrites an input, checks every number, and writes tables no one can inject into.

Issue 15, items 2 and 6. One test runs the command line as users run it
(``python -m systemsmap`` in a subprocess, importing this checkout); the
others call :func:`systemsmap.cli.main` in this process, in a temporary folder,
which is quicker and sees the same exit status and stderr.
"""
from __future__ import annotations

import csv
import hashlib
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from conftest import run_cli

DANGER = ("=", "+", "-", "@", "\t", "\r")


def run(*args, cwd: Path) -> subprocess.CompletedProcess:
    """In this process: ``systemsmap *args`` in ``cwd``; the exit status and what it wrote, as a subprocess's."""
    return run_cli(*args, cwd=cwd)


def run_process(*args, cwd: Path) -> subprocess.CompletedProcess:
    """``python -m systemsmap *args`` in a subprocess, as users run it."""
    return run_cli(*args, cwd=cwd, process=True)


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def _pair(folder: Path, ties_name: str = "ties.csv", actors_name: str = "actors.csv") -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    ids = [f"a{i}" for i in range(8)]
    pd.DataFrame({"id": ids, "sector": ["x"] * 4 + ["y"] * 4}).to_csv(folder / actors_name, index=False)
    pd.DataFrame({"source": ids[:-1], "target": ids[1:]}).to_csv(folder / ties_name, index=False)
    return folder / ties_name, folder / actors_name


# ---------------------------------------------------------------------------- never overwrite an input
def _refused(p: subprocess.CompletedProcess, *names: str) -> None:
    assert p.returncode == 2, p.stderr
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1, p.stderr
    for name in names:
        assert name in lines[0], (name, lines[0])
    assert "Traceback" not in p.stderr


def test_convert_into_the_inputs_folder_is_refused(tmp_path):
    _pair(tmp_path)
    before = _digest(tmp_path)
    p = run_process("convert", "ties.csv", "actors.csv", "-o", ".", cwd=tmp_path)
    _refused(p, "-o .", "actors.csv")
    assert _digest(tmp_path) == before  # nothing written, nothing changed


def test_metrics_side_files_never_overwrite_an_input(tmp_path):
    ties, actors = _pair(tmp_path, ties_name="m_network.csv")
    before = _digest(tmp_path)
    p = run("metrics", "m_network.csv", "actors.csv", "-o", "m.csv", cwd=tmp_path)
    _refused(p, "-o m.csv", "m_network.csv")
    assert _digest(tmp_path) == before and not (tmp_path / "m.csv").exists()
    # with --by the groups table goes beside it too
    ties.rename(tmp_path / "m_groups.csv")
    p = run("metrics", "m_groups.csv", "actors.csv", "--by", "sector", "-o", "m.csv", cwd=tmp_path)
    _refused(p, "m_groups.csv")
    # without --by, m_groups.csv is not written, so it is no conflict
    p = run("metrics", "m_groups.csv", "actors.csv", "-o", "m.csv", "-q", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert sorted(x.name for x in tmp_path.iterdir()) == ["actors.csv", "m.csv", "m_groups.csv", "m_network.csv"]


def test_every_output_checked_against_every_input(tmp_path):
    _pair(tmp_path)
    run("convert", "ties.csv", "actors.csv", "-o", "folder", "-q", cwd=tmp_path)
    before = _digest(tmp_path / "folder")
    cases = [
        (["metrics", "ties.csv", "actors.csv", "-o", "actors.csv"], ["-o actors.csv", "input actors.csv"]),
        (["bridges", "ties.csv", "actors.csv", "--by", "sector", "-o", "./sub/../ties.csv"], ["ties.csv"]),
        (["convert", "folder", "-o", "folder"], ["-o folder", "folder/actors.csv"]),
        (["convert", "folder", "-o", "folder/ties.csv", "--to", "graphml"], ["folder/ties.csv"]),
        (["metrics", "folder", "-o", "folder/actors.csv"], ["folder/actors.csv"]),
        (["report", "ties.csv", "actors.csv", "--by", "sector", "-o", "ties.csv"], ["-o ties.csv"]),
        (["report", "ties.csv", "actors.csv", "--by", "sector", "--pseudonymise", "--key", "actors.csv"],
         ["--key actors.csv"]),
        (["report", "ties.csv", "actors.csv", "--by", "sector", "--pseudonymise", "--key", "k.csv", "-o", "k.csv"],
         ["-o k.csv", "--key k.csv"]),
    ]
    (tmp_path / "sub").mkdir()
    for args, names in cases:
        _refused(run(*args, cwd=tmp_path), *names)
    assert _digest(tmp_path / "folder") == before


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="symbolic links")
def test_links_resolve_to_the_input(tmp_path):
    _pair(tmp_path)
    os.symlink(tmp_path / "ties.csv", tmp_path / "link.csv")
    _refused(run("bridges", "ties.csv", "actors.csv", "--by", "sector", "-o", "link.csv", cwd=tmp_path),
             "link.csv", "ties.csv")
    os.link(tmp_path / "actors.csv", tmp_path / "hard.csv")
    _refused(run("metrics", "ties.csv", "actors.csv", "-o", "hard.csv", cwd=tmp_path), "hard.csv", "actors.csv")


def test_same_file_ignores_case_where_the_file_system_does(tmp_path, monkeypatch):
    from systemsmap import cli

    a, b = tmp_path / "Out.csv", tmp_path / "out.CSV"
    monkeypatch.setattr(cli, "_case_insensitive", lambda folder: False)
    assert not cli._same_file(a, b)
    monkeypatch.setattr(cli, "_case_insensitive", lambda folder: True)
    assert cli._same_file(a, b)
    assert not cli._same_file(a, tmp_path / "other.csv")


# ---------------------------------------------------------------------------- numbers
@pytest.mark.parametrize("args, flag", [
    (["report", "--example", "karate_club", "--by", "club", "--permutations", "-5"], "--permutations"),
    (["metrics", "--example", "karate_club", "-o", "m.csv", "--permutations", "-1"], "--permutations"),
    (["metrics", "--example", "karate_club", "-o", "m.csv", "--sample", "0"], "--sample"),
    (["bridges", "--example", "karate_club", "--by", "club", "-k", "0"], "-k"),
    (["bridges", "--example", "karate_club", "--by", "club", "--max-per-actor", "-2"], "--max-per-actor"),
    (["report", "--example", "karate_club", "--by", "club", "--min-group-size", "0"], "--min-group-size"),
    (["report", "--example", "karate_club", "--by", "club", "--seed", "-3"], "--seed"),
])
def test_numeric_options_one_line(tmp_path, args, flag):
    p = run(*args, cwd=tmp_path)
    assert p.returncode == 2
    line, = p.stderr.strip().splitlines()
    assert flag in line and "negative dimensions" not in line and "Traceback" not in p.stderr


def test_kumu_strength_zero_in_plain_words(tmp_path):
    (tmp_path / "k.json").write_text('{"elements": [{"label": "A"}, {"label": "B"}], '
                                     '"connections": [{"from": "A", "to": "B", "strength": 0}]}', encoding="utf-8")
    p = run("convert", "k.json", "-o", "out.graphml", cwd=tmp_path)
    assert p.returncode == 2
    line, = p.stderr.strip().splitlines()
    assert "np.float64" not in line and "strength" in line and "is not positive" in line


# ---------------------------------------------------------------------------- injection
HOSTILE_LABELS = ['=HYPERLINK("http://evil.example","click")', "=S1", "+cmd|' /C calc'!A0", "-1+1", "@SUM(1+1)",
                  "\t=2+2"]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    ids = ["=S1", "+cmd|' /C calc'!A0", "-1+1", "@SUM(1+1)", "p5", "p6", "p7", "p8"]
    labels = HOSTILE_LABELS + ["Ann", "Bo"]
    sectors = ["=A", "=A", "=A", "=A", "@B", "@B", "@B", "@B"]
    pd.DataFrame({"id": ids, "label": labels, "sector": sectors}).to_csv(folder / "actors.csv", index=False)
    src = [0, 1, 2, 3, 4, 5, 6, 0, 2, 5]
    tgt = [1, 2, 3, 0, 5, 6, 7, 4, 7, 4]
    pd.DataFrame({"source": [ids[i] for i in src], "target": [ids[j] for j in tgt]}).to_csv(
        folder / "ties.csv", index=False)
    return folder


def _check_workbook(path: Path) -> int:
    """Every text cell that a spreadsheet would evaluate is a text cell with the quote prefix; no <f> anywhere."""
    with zipfile.ZipFile(path) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert "<f>" not in xml and "<f " not in xml
    seen = 0
    for ws in openpyxl.load_workbook(path):
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith(DANGER):
                    assert c.data_type == "s" and c.quotePrefix, (ws.title, c.coordinate, c.value)
                    seen += 1
    return seen


def _check_csv(path: Path) -> int:
    """No field starts with a character a spreadsheet evaluates, bar numbers; returns the quoted fields."""
    seen = 0
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            for field in row:
                if field.startswith(DANGER):
                    float(field)  # -0.5 is a number, not a formula
                if field.startswith("'") and field[1:].startswith(DANGER):
                    seen += 1
    return seen


def test_metrics_tables_hold_no_formula(hostile, tmp_path):
    args = ["metrics", hostile / "ties.csv", hostile / "actors.csv", "--by", "sector", "--permutations", "10"]
    p = run(*args, "-o", "m.xlsx", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert _check_workbook(tmp_path / "m.xlsx") >= 8 + 8 + 2  # ids, labels, groups
    ws = openpyxl.load_workbook(tmp_path / "m.xlsx")["actors"]
    cells = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for text in HOSTILE_LABELS:
        assert cells[text].data_type == "s"
    p = run(*args, "-o", "m.csv", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert _check_csv(tmp_path / "m.csv") >= 16
    assert _check_csv(tmp_path / "m_groups.csv") == 2
    table = pd.read_csv(tmp_path / "m.csv", keep_default_na=False)
    assert table["id"].tolist()[:4] == ["'=S1", "'+cmd|' /C calc'!A0", "'-1+1", "'@SUM(1+1)"]
    assert table["label"].tolist()[:6] == ["'" + t for t in HOSTILE_LABELS]


def test_bridges_tables_hold_no_formula(hostile, tmp_path):
    args = ["bridges", hostile / "ties.csv", hostile / "actors.csv", "--by", "sector", "-k", "2", "-q"]
    for out in ("b.xlsx", "b.csv"):
        p = run(*args, "-o", out, cwd=tmp_path)
        assert p.returncode == 0, p.stderr
    assert _check_workbook(tmp_path / "b.xlsx") > 0
    assert _check_csv(tmp_path / "b.csv") > 0
    b = pd.read_csv(tmp_path / "b.csv", keep_default_na=False)
    assert set(b["source_group"]) | set(b["target_group"]) <= {"'=A", "'@B"}


def test_report_key_holds_no_formula(hostile, tmp_path):
    args = ["report", hostile / "ties.csv", hostile / "actors.csv", "--by", "sector", "--pseudonymise",
            "--salt", "s", "--permutations", "10", "--min-group-size", "1", "-q"]
    for key in ("key.xlsx", "key.csv"):
        p = run(*args, "--key", key, "-o", f"{key}.html", cwd=tmp_path)
        assert p.returncode == 0, p.stderr
    assert _check_workbook(tmp_path / "key.xlsx") == 4 + 6  # four ids, six labels
    assert _check_csv(tmp_path / "key.csv") == 4 + 6
    key = pd.read_csv(tmp_path / "key.csv", keep_default_na=False)
    assert {"'=S1", "'-1+1", "p5"} <= set(key["id"]) and "'" + HOSTILE_LABELS[0] in set(key["label"])
