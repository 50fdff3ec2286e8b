"""The command line converts and reports every survey fixture with flags only (``systemsmap convert|report``)."""
from __future__ import annotations

import json
import subprocess
import warnings
from pathlib import Path

import pytest

import systemsmap as sm
from conftest import run_cli
from systemsmap.io.names import name_key
from systemsmap.roles import remap_roles

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "tests" / "data" / "survey"
SCALE = "Never,A few times a year,Monthly,Weekly,Daily"
FLAGS = {
    "qualtrics": ["--id-column", "Q1", "--scale", SCALE],
    "surveymonkey": ["--id-column", "What is your name?", "--scale", SCALE],
    "google_forms": ["--id-column", "What is your name?", "--scale", SCALE],
    "ms_forms": ["--id-column", "What is your name?", "--scale", SCALE],
    "redcap_labels": ["--id-column", "Your name", "--scale", SCALE],
    "spss": ["--id-column", "Q1"],
}


def run(*args, cwd: Path) -> subprocess.CompletedProcess:
    """``systemsmap *args`` in ``cwd`` (in this process: see :func:`conftest.run_cli`)."""
    return run_cli(*args, cwd=cwd)


def truth(name: str) -> dict:
    return json.loads((HERE / f"{name}.truth.json").read_text(encoding="utf-8"))


def back(path: Path) -> sm.StakeholderNetwork:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        return sm.read_graphml(path)


@pytest.mark.parametrize("name", sorted(FLAGS))
def test_convert_and_report_each_fixture(name, tmp_path):
    t = truth(name)
    p = run("convert", HERE / t["file"], *FLAGS[name], "-o", "net.graphml", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert "matched by closeness" in p.stderr and "read as no answer" in p.stderr
    net = back(tmp_path / "net.graphml")
    assert sorted(net.ids) == sorted(t["actors"])
    assert sorted(net.actors.index[net.actors["respondent"].astype(bool)]) == sorted(t["respondents"])
    got = sorted((s, d, w) for s, d, w in net.ties[["source", "target", "weight"]].itertuples(index=False))
    assert got == sorted((s, d, float(w)) for s, d, w in t["ties"])
    p = run("report", HERE / t["file"], *FLAGS[name], "--by", "role", "--permutations", "20", "-o", "r.html",
            cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "r.html").stat().st_size > 10_000 and "Key findings" in p.stdout


def test_survey_flags(tmp_path):
    t = truth("qualtrics")
    roles = tmp_path / "roles.csv"
    roles.write_text("role as written,canonical role\nPolciymaker,policymaker\n")
    slip = next(r for r, typed in t["typed"].items() if name_key(typed) != name_key(r))
    aliases = tmp_path / "aliases.csv"
    aliases.write_text(f"typed,actor\n\"{t['typed'][slip]}\",\"{slip}\"\n")
    p = run("convert", HERE / "qualtrics.csv", *FLAGS["qualtrics"], "--role-map", roles, "--aliases", aliases,
            "--missing", "Don't know", "--metadata", "drop", "--match", "normalised", "-o", "net.graphml",
            cwd=tmp_path)
    assert p.returncode == 0 and "warning" not in p.stderr, p.stderr
    net = back(tmp_path / "net.graphml")
    assert net.actors.loc["Cllr Rosa Delgado", "role"] == "policymaker" and "IPAddress" not in net.actors.columns
    p = run("convert", HERE / "qualtrics.csv", *FLAGS["qualtrics"], "--match", "normalised", "-o", "x.graphml",
            cwd=tmp_path)
    assert p.returncode == 2 and "refuses that" in p.stderr and repr(t["typed"][slip]) in p.stderr
    p = run("convert", HERE / "google_forms.csv", "--scale", SCALE, "-o", "x.graphml", cwd=tmp_path)
    assert p.returncode == 2 and "--id-column 'What is your name?'" in p.stderr.replace('"', "'")


def test_role_map_on_a_format_whose_reader_takes_none(tmp_path):
    roles = tmp_path / "roles.csv"
    roles.write_text("funder,policymaker\n")
    base = ROOT / "data"
    p = run("convert", base / "ecosystem_kumu.xlsx", "--role-map", roles, "-o", "k.graphml", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        plain = sm.read_kumu(base / "ecosystem_kumu.xlsx")
    mapped = back(tmp_path / "k.graphml")
    assert (plain.actors["role"] == "funder").sum() > 0 and (mapped.actors["role"] == "funder").sum() == 0
    expected = remap_roles(plain, {"funder": "policymaker"}).actors["role"]
    assert mapped.actors["role"].fillna("").to_dict() == expected.fillna("").to_dict()


def test_name_generator(tmp_path):
    t = truth("nominations")
    p = run("convert", HERE / "nominations.csv", "--id-column", "Your name", "-o", "apart.graphml", cwd=tmp_path)
    assert p.returncode == 0 and "look like another's and are kept apart" in p.stderr, p.stderr
    p = run("convert", HERE / "nominations.csv", "--id-column", "Your name", "--merge", "suggested",
            "-o", "net.graphml", cwd=tmp_path)
    assert p.returncode == 0 and "merged" in p.stderr, p.stderr
    assert len(back(tmp_path / "net.graphml")) == len(t["people"])
    assert len(back(tmp_path / "apart.graphml")) > len(t["people"])
    p = run("report", HERE / "nominations.csv", "--id-column", "Your name", "--merge", "suggested", "--by", "role",
            "--permutations", "20", "-o", "r.html", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
