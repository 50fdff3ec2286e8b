"""The ``systemsmap`` command line, run as users run it.

Every subcommand runs on the real files under ``data/`` (the bundled
ecosystem as a CSV pair, a Kumu workbook, a roster export and UCINET DL) and
on malformed files under ``tests/data/malformed``; outputs are read back and
compared with what the library returns for the same network, so the command
line is checked to be a thin layer over the public functions.

What only a real process shows runs as ``python -m systemsmap ...`` in a
subprocess: the README's main job, ``--help`` and ``--version``, a missing
file's exit status, and the progress bar on a terminal and in a pipe. The
other runs call :func:`systemsmap.cli.main` in this process with stdout and
stderr captured (:func:`conftest.run_cli`): the same exit status and output,
without half a second of interpreter start each.

The full report takes a few seconds, so it runs three times in this module
(the README's main job, a filtered report from the CSV pair, a pseudonymised
one from the Kumu workbook), each once, in module-scoped fixtures that the
tests share. Every result is kept, so that one test can check that none of
them drew a progress bar (their stdout and stderr are pipes or text buffers,
not terminals).
"""
from __future__ import annotations

import html
import os
import re
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import systemsmap as sm
from conftest import run_cli

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
MALFORMED = ROOT / "tests" / "data" / "malformed"
TIES, ACTORS = DATA / "ecosystem_ties.csv", DATA / "ecosystem_actors.csv"
KUMU = DATA / "ecosystem_kumu.xlsx"
ROSTER = DATA / "ecosystem_roster_2025.csv"
DL = DATA / "ecosystem_collaboration_2025.dl"
SCALE = "never,yearly,monthly,weekly,daily"
SECTIONS = ["findings", "map", "silos", "brokers", "actors", "change", "evidence", "next-steps", "caveats"]
BRIDGE_COLUMNS = (["source", "target", "source_group", "target_group", "gain", "objective_after", "introducer",
                   "reason", "distance_before", "distance_after"]
                  + [f"{end}_tie_{c}" for end in ("source", "target")
                     for c in ("relation", "wave", "weight", "reciprocated")]
                  + ["rests_on", "group_pair_rank", "nonrespondents", "voice_carriers", "cap_changed"])
CENTRALITY = ["degree", "in_degree", "out_degree", "betweenness", "closeness", "harmonic", "eigenvector", "pagerank"]
HOLES = ["constraint", "effective_size", "efficiency", "hierarchy"]
BROKERAGE = ["brokerage_coordinator", "brokerage_itinerant", "brokerage_representative", "brokerage_gatekeeper",
             "brokerage_liaison", "brokerage_total"]

RUNS: list[subprocess.CompletedProcess] = []  # every run of this module, for the progress-bar check


def run(*args, cwd: Path, process: bool = False, timeout: float = 300) -> subprocess.CompletedProcess:
    """``systemsmap *args`` in ``cwd``, output captured as text: in this process, or ``process=True`` as
    ``python -m systemsmap`` in a subprocess (see :func:`conftest.run_cli`)."""
    p = run_cli(*args, cwd=cwd, process=process, timeout=timeout)
    RUNS.append(p)
    return p


def ok(p: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert p.returncode == 0, f"exit {p.returncode}\nstdout:\n{p.stdout}\nstderr:\n{p.stderr}"
    assert "Traceback" not in p.stderr
    return p


def failed(p: subprocess.CompletedProcess, status: int = 2) -> str:
    """Assert a clean failure (the status, one line on stderr, no traceback) and return that line."""
    assert p.returncode == status, f"exit {p.returncode}\nstdout:\n{p.stdout}\nstderr:\n{p.stderr}"
    assert "Traceback" not in p.stderr and "Traceback" not in p.stdout
    lines = [ln for ln in p.stderr.splitlines() if ln.strip() and not ln.startswith("systemsmap: warning:")]
    errors = [ln for ln in lines if "error:" in ln]
    assert len(errors) == 1, p.stderr
    return errors[0]


def _quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        return fn(*args, **kwargs)


def _outer_text(doc: str) -> str:
    return re.sub(r'srcdoc="[^"]*"', 'srcdoc=""', doc)


def _section_text(doc: str, sid: str) -> str:
    m = re.search(rf'<section id="{sid}".*?</section>', _outer_text(doc), flags=re.S)
    assert m, f"no section {sid!r}"
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", m.group(0))).split())


def _printed_findings(stdout: str) -> list[str]:
    assert "Key findings:" in stdout, stdout
    items = stdout.split("Key findings:", 1)[1].split("\n  - ")
    return [" ".join(f.split()) for f in items if f.strip()]


def _sections(doc: str) -> list[str]:
    return re.findall(r'<section id="([^"]+)"', _outer_text(doc))


def _assert_self_contained(doc: str) -> None:
    for pattern in (r"""src\s*=\s*["']?\s*(https?:)?//""", r"""href\s*=\s*["']?\s*(https?:)?//""",
                    r"url\(\s*['\"]?\s*(https?:)?//", r"<link\b", r"@import"):
        assert not re.findall(pattern, html.unescape(doc), flags=re.I), pattern
    assert "default-src 'none'" in doc
    assert "data:image/png;base64," in doc


# ---------------------------------------------------------------------------- shared data and runs
@pytest.fixture(scope="module")
def net() -> sm.StakeholderNetwork:
    return _quiet(sm.read_csv, TIES, ACTORS)


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cli")


@pytest.fixture(scope="module")
def main_job(work):
    """The README's main job, exactly as written there."""
    p = run("report", "--example", "implementation_ecosystem", "--by", "sector", "-o", "report.html", cwd=work,
            process=True)
    return p, work / "report.html"


@pytest.fixture(scope="module")
def filtered_report(work):
    """A report from the CSV pair of two relations in one wave, verbose."""
    p = run("report", TIES, ACTORS, "--by", "sector", "--relation", "advice", "--relation", "evidence",
            "--wave", "2025", "--permutations", "99", "-k", "3", "-v", "-o", "filtered.html", cwd=work)
    return p, work / "filtered.html"


@pytest.fixture(scope="module")
def private_report(work):
    """A pseudonymised report from the Kumu workbook, quiet, with its key written apart."""
    p = run("report", KUMU, "--by", "sector", "--pseudonymise", "--salt", "s3cret", "--key", "key.csv",
            "--permutations", "99", "-k", "3", "--quiet", "-o", "private.html", cwd=work)
    return p, work / "private.html", work / "key.csv"


# ---------------------------------------------------------------------------- help
@pytest.mark.parametrize("command", [None, "report", "metrics", "bridges", "convert"])
def test_help_everywhere_with_examples(work, command):
    p = ok(run(*([command] if command else []), "--help", cwd=work, process=True))
    assert p.stdout.startswith("usage: systemsmap")
    assert "examples:" in p.stdout
    example_lines = [ln.strip() for ln in p.stdout.splitlines() if ln.strip().startswith("systemsmap ")]
    assert example_lines and all(ln.split()[1] in ("report", "metrics", "bridges", "evidence", "convert")
                                 for ln in example_lines)
    if command:
        assert any(ln.split()[1] == command for ln in example_lines)
        assert "--quiet" in p.stdout and "--verbose" in p.stdout and "--format" in p.stdout
    else:
        for sub in ("report", "metrics", "bridges", "convert"):
            assert sub in p.stdout


def test_version(work):
    p = ok(run("--version", cwd=work, process=True))
    assert p.stdout.strip() == f"systemsmap {sm.__version__}"


# ---------------------------------------------------------------------------- report
def test_readme_main_job_writes_report_and_prints_findings(main_job):
    p, path = main_job
    ok(p)
    assert p.stdout.startswith("Wrote report.html\n")
    printed = _printed_findings(p.stdout)
    assert len(printed) >= 5
    assert printed[0].startswith("Everything below but the change between waves describes the ties of wave 2025 only")
    assert printed[1].startswith("Ties stay inside sector groups")
    doc = path.read_text(encoding="utf-8")
    assert _sections(doc) == SECTIONS
    _assert_self_contained(doc)
    findings = _section_text(doc, "findings")
    for f in printed:  # what is printed is what the report says
        assert f in findings, f
    assert "implementation_ecosystem" not in p.stderr  # not verbose: nothing said about loading
    assert all(ln.startswith("systemsmap: ") for ln in p.stderr.splitlines())  # warnings and progress lines


def test_report_on_csv_pair_with_relation_and_wave(filtered_report, net):
    p, path = filtered_report
    ok(p)
    assert p.stdout.startswith("Wrote filtered.html\n") and _printed_findings(p.stdout)
    doc = path.read_text(encoding="utf-8")
    _assert_self_contained(doc)
    # one wave: no change section; two relations, named in the caveats
    assert _sections(doc) == [s for s in SECTIONS if s != "change"]
    caveats = _section_text(doc, "caveats")
    assert "restricted to advice and evidence" in caveats
    assert "2024" not in caveats.split("Waves", 1)[1][:40]
    # the actor table holds the actors of wave 2025 only
    table = re.search(r'<table id="actor-table".*?<tbody>(.*?)</tbody>', doc, flags=re.S).group(1)
    assert table.count("<tr>") == len(net.at(2025)) < len(net)
    # --verbose says what was read, and each step's time as the step ends, in the order they ran
    assert "ecosystem_ties.csv" in p.stderr and "kept wave 2025" in p.stderr
    ends = re.findall(r"^systemsmap: (.+): done in \d+\.\d\d s$", p.stderr, flags=re.M)
    assert ends[:4] == ["loading", "report › analysis › summary › betweenness", "report › analysis › summary › distances",
                        "report › analysis › summary"], ends
    for step in ["analysis › bridges", "analysis", "layout", "figure: map", "write"]:
        assert f"report › {step}" in ends, step
    assert ends.index("report › analysis › bridges") < ends.index("report › layout")
    assert ends[-1] == "report" and p.stderr.rstrip().splitlines()[-1].startswith("systemsmap: done in")


def test_report_on_kumu_workbook_pseudonymised(private_report, net):
    p, path, key_path = private_report
    ok(p)
    assert p.stdout == ""  # --quiet
    doc = path.read_text(encoding="utf-8")
    assert _sections(doc) == SECTIONS
    _assert_self_contained(doc)
    tokens = set(map(str, net.ids)) | set(map(str, net.actors["label"]))
    names = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(tokens, key=len, reverse=True))) + r")(?!\w)")
    once = html.unescape(doc)
    assert not names.findall(once) and not names.findall(html.unescape(once))
    # the key maps every code back, and the codes are the library's for this salt
    key = pd.read_csv(key_path, dtype=str)
    assert list(key.columns) == ["code", "id", "label"]
    assert sorted(key["id"]) == sorted(net.ids)
    _, expected = _quiet(sm.pseudonymise, net, salt="s3cret")
    assert dict(zip(key["id"], key["code"])) == dict(zip(expected["id"], expected["code"]))
    assert sum(code in doc for code in key["code"]) > len(key) / 2


# ---------------------------------------------------------------------------- metrics
@pytest.fixture(scope="module")
def metrics_csv(work):
    return run("metrics", TIES, ACTORS, "--by", "sector", "--permutations", "99", "-o", "metrics.csv", cwd=work)


@pytest.fixture(scope="module")
def metrics_xlsx(work):
    return run("metrics", KUMU, "--relation", "advice", "--wave", "2025", "-o", "advice.xlsx", cwd=work)


def test_metrics_csv_one_row_per_actor(metrics_csv, work, net):
    p = ok(metrics_csv)
    assert p.stdout.startswith("Wrote metrics.csv, metrics_network.csv, metrics_groups.csv: 207 actors")
    table = pd.read_csv(work / "metrics.csv", index_col="id", dtype={"id": str})
    assert list(table.index) == list(net.ids)
    assert {"label", "sector", *CENTRALITY, *HOLES, *BROKERAGE, "actor_ei", "community"} <= set(table.columns)
    # the library's numbers, unchanged
    cen = sm.centrality(net)
    np.testing.assert_allclose(table["betweenness"], cen["betweenness"], rtol=1e-9)
    np.testing.assert_allclose(table["constraint"], sm.structural_holes(net)["constraint"], rtol=1e-9)
    bro = sm.brokerage(net, "sector")
    assert (table["brokerage_total"] == bro["total"]).all()
    # network figures and groups beside it
    network = pd.read_csv(work / "metrics_network.csv", index_col="figure")["value"]
    summ = sm.summary(net)
    assert list(network.index[:len(summ)]) == list(summ.index)
    np.testing.assert_allclose(network[summ.index].astype(float), summ.astype(float), rtol=1e-9)
    assert {"ei", "ei_p_lower", "ei_p_upper", "ei_p_two_sided", "modularity", "brokerage_total"} <= set(network.index)
    assert "ei_p" not in network.index  # every p-value names its tail
    assert network["ei"] == pytest.approx(sm.silos(net, "sector", permutations=0).ei)
    groups = pd.read_csv(work / "metrics_groups.csv", index_col="sector")
    assert groups["actors"].sum() == len(net) and "group_ei" in groups.columns


def test_metrics_xlsx_with_relation_and_wave(metrics_xlsx, work, net):
    p = ok(metrics_xlsx)
    assert p.stdout.startswith("Wrote advice.xlsx:")
    sheets = pd.read_excel(work / "advice.xlsx", sheet_name=None, index_col=0, engine="openpyxl")
    assert list(sheets) == ["actors", "network"]  # no --by: no groups
    view = net.layer("advice").at(2025)
    table = sheets["actors"]
    table.index = table.index.astype(str)
    assert list(table.index) == list(view.ids) and len(view) < len(net)
    assert {"label", *CENTRALITY, *HOLES, "community"} <= set(table.columns)
    assert not set(BROKERAGE) & set(table.columns)
    np.testing.assert_allclose(table["pagerank"], sm.centrality(view)["pagerank"], rtol=1e-9)
    network = sheets["network"]["value"]
    assert network["actors"] == len(view) and network["tie_records"] == len(view.ties)


def test_metrics_sample_estimates_like_the_library(work, net):
    p = ok(run("metrics", TIES, ACTORS, "--sample", "40", "--seed", "3", "-o", "sampled.csv", cwd=work))
    assert p.returncode == 0
    table = pd.read_csv(work / "sampled.csv", index_col="id", dtype={"id": str})
    est = sm.centrality(net, sample=40, seed=3)
    np.testing.assert_allclose(table["betweenness"], est["betweenness"], rtol=1e-9)
    assert not np.allclose(table["betweenness"], sm.centrality(net)["betweenness"])  # an estimate, not exact
    bad = run("metrics", TIES, ACTORS, "--sample", "0", "-o", "x.csv", cwd=work)
    assert failed(bad) == "systemsmap: error: --sample must be a whole number, 1 or more, not 0"


# ---------------------------------------------------------------------------- bridges
@pytest.fixture(scope="module")
def bridges_run(work):
    return run("bridges", TIES, ACTORS, "--by", "sector", "-k", "4", "-o", "bridges.csv", cwd=work)


def test_bridges_prints_a_table_and_writes_csv(bridges_run, work, net):
    p = ok(bridges_run)
    expected = _quiet(sm.bridges, net, "sector", k=4, missing="own_group")
    out = pd.read_csv(work / "bridges.csv", index_col="rank", dtype={"source": str, "target": str})
    assert list(out.columns) == BRIDGE_COLUMNS
    assert list(out.index) == [1, 2, 3, 4]
    assert out[["source", "target"]].values.tolist() == expected[["source", "target"]].values.tolist()
    lines = p.stdout.splitlines()
    header = next(i for i, ln in enumerate(lines) if ln.startswith("#  source"))
    assert "source group" in lines[header] and "introducer" in lines[header]
    rows = lines[header + 2:header + 6]
    for rank, row, (_, rec) in zip(range(1, 5), rows, expected.iterrows()):
        assert row.startswith(f"{rank}  ")
        assert f"({rec['source']})" in row and f"({rec['target']})" in row  # label (id)
    assert "Why:" in p.stdout and expected["reason"].iloc[0].split(";")[0] in p.stdout
    assert "Wrote bridges.csv: 4 recommended ties" in p.stdout


# ---------------------------------------------------------------------------- convert
def test_convert_chain_loses_nothing(work, net):
    """CSV pair -> Kumu workbook -> GraphML -> GEXF -> CSV folder -> Excel: the same network at every step."""
    steps = [((TIES, ACTORS), "chain.xlsx", ["--to", "kumu"]), (("chain.xlsx",), "chain.graphml", []),
             (("chain.graphml",), "chain.gexf", []), (("chain.gexf",), "chain.csv", []),
             (("chain",), "chain_excel.xlsx", [])]
    for inputs, output, extra in steps:
        p = ok(run("convert", *inputs, "-o", output, *extra, cwd=work))
        assert f"{len(net)} actors, {len(net.ties)} ties" in p.stdout
    assert (work / "chain").is_dir()  # -o NAME.csv writes the folder NAME
    assert sorted(os.listdir(work / "chain")) == ["actors.csv", "systemsmap.json", "ties.csv"]
    sheets = pd.read_excel(work / "chain.xlsx", sheet_name=None, engine="openpyxl")
    assert list(sheets) == ["Elements", "Connections", "systemsmap (ignore)"]
    for name in ("chain.xlsx", "chain.graphml", "chain.gexf", "chain", "chain_excel.xlsx"):
        back = _quiet(sm.read_any, work / name)
        assert back == net, name


def _tie_set(n: sm.StakeholderNetwork) -> set:
    return set(n.ties[["source", "target", "relation", "weight"]].itertuples(index=False, name=None))


def test_convert_ucinet_round_trip(work, net):
    """One wave to UCINET DL and back keeps every actor and tie (DL holds no attributes)."""
    p = run("convert", KUMU, "--wave", "2025", "-o", "wave.dl", cwd=work)
    ok(p)
    assert "not written" in p.stderr  # the warning that DL drops attributes
    ok(run("convert", "wave.dl", "-o", "wave_back", cwd=work))
    back = _quiet(sm.read_csv, work / "wave_back")
    view = net.at(2025)
    assert list(back.ids) == list(view.ids)
    assert _tie_set(back) == _tie_set(view)


def test_convert_reads_bundled_dl_and_roster(work, net):
    view = net.layer("collaboration").at(2025)
    ok(run("convert", DL, "-o", "dl.graphml", cwd=work))
    dl = _quiet(sm.read_graphml, work / "dl.graphml")
    assert set(dl.ids) == set(view.ids)
    assert {(s, t, w) for s, t, _, w in _tie_set(dl)} == {(s, t, w) for s, t, _, w in _tie_set(view)}
    ok(run("convert", ROSTER, "--scale", SCALE, "-o", "roster.gexf", cwd=work))
    roster = _quiet(sm.read_gexf, work / "roster.gexf")
    assert set(roster.ids) == set(view.ids)
    assert {(s, t, w) for s, t, _, w in _tie_set(roster)} == {(s, t, w) for s, t, _, w in _tie_set(view)}
    assert roster.actors["respondent"].sum() == 152


def test_convert_quiet_and_verbose(work):
    quiet = ok(run("convert", TIES, ACTORS, "-q", "-o", "q.graphml", cwd=work))
    assert quiet.stdout == "" and quiet.stderr == ""
    plain = ok(run("convert", TIES, ACTORS, "-o", "p.graphml", cwd=work))
    assert plain.stdout.startswith("Wrote p.graphml")
    # nothing on stderr but, on a machine slow enough that the work outlasts the quiet start, progress lines
    assert all(re.fullmatch(r"systemsmap: [^:]+(: done in \d+\.\d\d s| \.\.\.)", ln)
               for ln in plain.stderr.splitlines()), plain.stderr
    verbose = ok(run("convert", TIES, ACTORS, "-v", "-o", "v.graphml", "--relation", "advice", cwd=work))
    assert verbose.stdout.startswith("Wrote v.graphml")
    assert "ecosystem_ties.csv" in verbose.stderr and "207 actors, 2034 directed ties" in verbose.stderr
    assert "kept relation(s) advice" in verbose.stderr and "done in" in verbose.stderr


# ---------------------------------------------------------------------------- errors
@pytest.mark.parametrize("command, extra", [("metrics", ["-o", "m.csv"]), ("report", ["--by", "role"]),
                                            ("bridges", ["--by", "role"]), ("convert", ["-o", "x.graphml"])])
def test_malformed_input_one_line_exit_2(work, command, extra):
    p = run(command, MALFORMED / "ties_unknown_target.csv", MALFORMED / "actors_ok.csv", *extra, cwd=work)
    line = failed(p)
    assert line.startswith("systemsmap: error: ties_unknown_target.csv row ")
    assert "'target'" in line and "'Dr Smyth'" in line and "not an actor id" in line
    assert p.stdout == ""
    assert not (work / "x.graphml").exists() and not (work / "m.csv").exists()


@pytest.mark.parametrize("name, words", [
    ("ties_weight_negative.csv", ["weight"]),
    ("ties_missing_columns.csv", ["source"]),
    ("ties_self_tie.csv", ["self"]),
])
def test_other_malformed_files(work, name, words):
    line = failed(run("convert", MALFORMED / name, MALFORMED / "actors_ok.csv", "-o", "bad.graphml", cwd=work))
    assert name in line and all(w in line.lower() for w in words), line


def test_missing_file(work):
    line = failed(run("metrics", "no_such_ties.csv", "-o", "m.csv", cwd=work, process=True))
    assert line == "systemsmap: error: no_such_ties.csv: no such file or folder"


def test_unknown_format_is_an_argparse_error(work):
    p = run("convert", TIES, "--format", "dot", "-o", "x.graphml", cwd=work)
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert p.stderr.startswith("usage: systemsmap convert")
    assert "argument --format: invalid choice: 'dot'" in p.stderr


@pytest.mark.parametrize("args, words", [
    (["metrics", "--example", "karate_club", TIES, "-o", "m.csv"], "not both"),
    (["metrics", "-o", "m.csv"], "--example NAME"),
    (["metrics", "--example", "karate_club", "-o", "m.txt"], ".csv or .xlsx"),
    (["metrics", "--example", "karate_club", "-o", "no/such/folder/m.csv"], "does not exist"),
    (["convert", "--example", "karate_club", "-o", "x.json"], "--to"),
    (["report", "--example", "karate_club", "--by", "club", "--salt", "x"], "--pseudonymise"),
    (["bridges", "--example", "karate_club", "--by", "club", "--scale", SCALE], "roster"),
    (["convert", TIES, "--format", "csv", "--scale", SCALE, "-o", "x.gexf"], "--format csv"),
    (["convert", TIES, ACTORS, TIES, "-o", "x.gexf"], "got 3"),
])
def test_usage_errors_before_any_work(work, args, words):
    line = failed(run(*args, cwd=work))
    assert line.startswith(f"systemsmap {args[0]}: error: ") and words in line, line


@pytest.mark.parametrize("args, words", [
    (["--wave", "2030"], ["--wave: '2030' is not a wave", "it has 2024 and 2025"]),
    (["--relation", "gossip"], ["--relation: 'gossip' is not a relation", "'advice'"]),
    (["--by", "nope"], ["--by: 'nope' is not an actor column", "'sector'"]),
])
def test_bad_filters_and_columns(work, args, words):
    by = [] if "--by" in args else ["--by", "sector"]
    line = failed(run("bridges", "--example", "implementation_ecosystem", *by, *args, cwd=work))
    assert all(w in line for w in words), line


def test_roster_without_scale_says_which_option(work):
    line = failed(run("convert", ROSTER, "-o", "r.graphml", cwd=work))
    assert "ecosystem_roster_2025.csv row 2" in line and "--scale" in line


def test_dl_of_a_panel_says_pick_a_wave(work):
    line = failed(run("convert", KUMU, "-o", "panel.dl", cwd=work))
    assert "one value per pair" in line and "--wave" in line


# ---------------------------------------------------------------------------- progress bar
def test_no_progress_bar_without_a_terminal(main_job, filtered_report, private_report, metrics_csv,
                                            metrics_xlsx, bridges_run):
    assert len(RUNS) >= 6
    for p in RUNS:
        for text in (p.stdout, p.stderr):
            assert "\r" not in text and "[#" not in text and "[...." not in text, p.args


@pytest.mark.skipif(not hasattr(os, "openpty") or sys.platform == "win32", reason="needs a POSIX terminal")
def test_progress_bar_on_a_terminal(work):
    """With stderr a terminal the bar is drawn there and erased; stdout stays clean."""
    master, slave = os.openpty()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    try:
        p = subprocess.run([sys.executable, "-m", "systemsmap", "metrics", KUMU, "-o", "tty.csv"], cwd=work,
                           env=env, stdout=subprocess.PIPE, stderr=slave, timeout=300)
    finally:
        os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    err = b"".join(chunks).decode()
    assert p.returncode == 0
    # tqdm draws each step, and counts the distance sweep with a bar, its rate and the time left
    assert "\rloading [00:00" in err and "\rcentrality › betweenness [" in err
    assert re.search(r"centrality › distances: +\d+%\|.*\| \d+/207 sources \[\d\d:\d\d<", err), err
    assert "communities [" in err and "writing [" in err
    assert "done in" not in err  # step times only with -v
    assert err.endswith("\r")  # the line is erased at the end
    assert p.stdout.decode().startswith("Wrote tty.csv") and b"\r" not in p.stdout


def test_lenient_reading_options(tmp_path):
    (tmp_path / "t.csv").write_text("source,target\nA,B\nA,B\nC,C\n")
    (tmp_path / "a.csv").write_text("id\nA\nB\n")
    strict = run("convert", "t.csv", "a.csv", "-o", "out.graphml", cwd=tmp_path)
    assert strict.returncode == 2 and "(on the command line: --unknown-actors add)" in strict.stderr
    lenient = run("convert", "t.csv", "a.csv", "-o", "out.graphml", "--unknown-actors", "add",
                  "--duplicates", "sum", "--self-ties", "drop", cwd=tmp_path)
    assert lenient.returncode == 0, lenient.stderr
    assert "added 1 actor" in lenient.stderr and "dropped 1 self-tie" in lenient.stderr
    with pytest.warns(sm.DataWarning, match="1 of 3 actors have no ties: 'C'"):  # its self-tie was dropped
        net = sm.read_graphml(tmp_path / "out.graphml")
    assert sorted(net.ids) == ["A", "B", "C"] and net.ties["weight"].tolist() == [2.0]


def test_an_option_the_reader_does_not_take_names_the_flag(tmp_path):
    sm.load_example("karate_club").to_graphml(tmp_path / "k.graphml")
    line = failed(run("convert", "k.graphml", "-o", "x.gexf", "--unknown-actors", "add", cwd=tmp_path))
    assert "takes no --unknown-actors option" in line and "unknown_actors" not in line, line
    assert "--duplicates" in line and "self_ties" not in line, line  # the options it does take, as flags too


# ---------------------------------------------------------------------------- errors from their fields
def test_error_message_is_built_from_fields_not_text():
    from systemsmap.cli import error_message
    from systemsmap.errors import DataError, NotFoundError, OptionError, UnknownActorError

    e = DataError("is not an actor id", origin="ties.csv", rows=[14], column="target", value="Dr Smyth",
                  suggestion="add the actor, or pass unknown_actors='add'", options={"unknown_actors": "add"})
    assert error_message(e) == ("ties.csv row 14, column 'target': 'Dr Smyth' is not an actor id (add the actor, "
                                "or pass unknown_actors='add') (on the command line: --unknown-actors add)")
    # text that names an option is not read: only the fields count
    bare = DataError("is not an actor id; pass unknown_actors='add' or scale=", origin="t.csv", rows=[2])
    assert "on the command line" not in error_message(bare)
    several = DataError("has text ratings", origin="r.csv", options={"scale": ["never", "weekly", "daily"],
                                                                      "threshold": 2, "directed": False})
    assert error_message(several).endswith("(on the command line: --scale never,weekly,daily, --threshold 2, "
                                           "--undirected)")
    assert error_message(DataError("one value per pair", options={"wave": None, "no_flag": 1})).endswith(
        "(on the command line: --wave W)")
    assert error_message(OptionError("duplicates", "twice", "'error', 'sum' or 'keep'")) == \
        "--duplicates must be 'error', 'sum' or 'keep', not 'twice'"
    assert error_message(OptionError("no_flag", 3, "a text")) == "no_flag must be a text, not 3"
    assert error_message(NotFoundError("actor column", ["nope"], choices=["sector"], column="by")) == \
        "--by: 'nope' is not an actor column of this network; it has 'sector'"
    # an unknown actor in a file keeps its place in the file
    e = UnknownActorError(["X"], choices=["A"], origin="ties.csv", column="target")
    assert error_message(e).startswith("ties.csv, column 'target': 'X' is not an actor id")
    assert error_message(DataError("a\nb  c")) == "a b c"  # one line


def test_main_renders_option_errors_with_flags(monkeypatch, capsys, tmp_path):
    """An OptionError from the reader (as io raises it for an option its format does not take) names the flag."""
    import systemsmap.io
    from systemsmap.cli import main
    from systemsmap.errors import OptionError

    def refuse(path, **options):
        raise OptionError("unknown_actors", options["unknown_actors"], "not given for GraphML files")

    monkeypatch.setattr(systemsmap.io, "read_any", refuse)
    (tmp_path / "k.graphml").write_text("<graphml/>")
    status = main(["convert", str(tmp_path / "k.graphml"), "--unknown-actors", "add", "-o", str(tmp_path / "x.gexf")])
    err = capsys.readouterr().err
    assert status == 2
    assert err == "systemsmap: error: --unknown-actors must be not given for GraphML files, not 'add'\n"


def test_unknown_actor_in_ties_names_file_row_and_column(tmp_path):
    (tmp_path / "t.csv").write_text("source,target\nA,B\nB,Q\n")
    (tmp_path / "a.csv").write_text("id\nA\nB\n")
    line = failed(run("metrics", "t.csv", "a.csv", "-o", "m.csv", cwd=tmp_path))
    assert line.startswith("systemsmap: error: t.csv row 3, column 'target': 'Q' is not an actor id"), line
    assert not (tmp_path / "m.csv").exists()


@pytest.mark.parametrize("args, expected", [
    (["report", "--by", "club", "--permutations", "-5"], "--permutations must be a whole number, 0 or more, not -5"),
    (["report", "--by", "club", "-k", "-1"], "-k must be a whole number, 0 or more, not -1"),
    (["report", "--by", "club", "--seed", "-3"], "seed must be a whole number, 0 or more, not -3"),
    (["report", "--by", "club", "--min-group-size", "0"], "--min-group-size must be a whole number, 1 or more, not 0"),
    (["metrics", "-o", "m.csv", "--permutations", "-1"], "--permutations must be a whole number, 0 or more, not -1"),
    (["bridges", "--by", "club", "-k", "0"], "-k must be a whole number, 1 or more, not 0"),
    (["bridges", "--by", "club", "--max-per-actor", "-2"], "--max-per-actor must be a whole number, 0 or more, not -2"),
])
def test_numeric_options_one_line_exit_2(work, args, expected):
    p = run(*args, "--example", "karate_club", cwd=work)
    assert failed(p) == f"systemsmap: error: {expected}".replace("error: seed", "error: --seed")
    assert p.stderr.count("\n") == 1 and p.stdout == ""


def test_threshold_must_be_a_finite_number(work):
    line = failed(run("convert", ROSTER, "--scale", SCALE, "--threshold", "nan", "-o", "r.graphml", cwd=work))
    assert line == "systemsmap: error: --threshold must be a number, not nan"


# ---------------------------------------------------------------------------- progress without a terminal
def _random_ties(path: Path, n: int, m: int, seed: int = 0) -> None:
    rng = np.random.default_rng(seed)
    s, t = rng.integers(0, n, 2 * m), rng.integers(0, n, 2 * m)
    ids = np.array([f"A{i:05d}" for i in range(n)])
    ties = pd.DataFrame({"source": ids[s], "target": ids[t]})[s != t].drop_duplicates().head(m)
    ties.to_csv(path, index=False)


def test_progress_lines_appear_while_a_long_run_works(tmp_path):
    """stderr to a file (as in CI or a pipe): plain progress lines, written while the work goes on.

    With -v each step's line is written as the step ends, so the test does not hang on the machine's
    speed: without -v an idle machine finishes this run inside the quiet start (2 s) and rightly writes
    nothing (the quiet start itself is tested in test_progress with a fake clock). Centrality works for
    about 1.5 s after the loading line on an idle machine, more under load.
    """
    _random_ties(tmp_path / "ties.csv", 3000, 12000)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]),
           "MPLBACKEND": "Agg"}
    err_path, out_path = tmp_path / "stderr.txt", tmp_path / "stdout.txt"
    seen: list[tuple[float, int]] = []  # (time, lines of stderr so far) whenever stderr grew
    with open(err_path, "w") as err, open(out_path, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "systemsmap", "metrics", "ties.csv", "-o", "m.csv", "-v"],
                                cwd=tmp_path, env=env, stdout=out, stderr=err)
        while proc.poll() is None:
            lines = err_path.read_text().count("\n")
            if not seen or lines > seen[-1][1]:
                seen.append((time.monotonic(), lines))
            time.sleep(0.05)
        end = time.monotonic()
    assert proc.returncode == 0, err_path.read_text()
    text = err_path.read_text()
    assert "\r" not in text and all(ln.startswith("systemsmap: ") for ln in text.splitlines())
    steps = re.findall(r"^systemsmap: (.+): done in \d+\.\d\d s$", text, flags=re.M)
    assert "centrality" in steps and steps[-1] == "writing", text
    first = next(t for t, n in seen if n > 0)
    assert end - first > 0.5, (end - first, text)  # lines were written well before the end
    assert out_path.read_text().startswith("Wrote m.csv")
