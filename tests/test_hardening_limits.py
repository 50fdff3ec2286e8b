"""Bounded resources: a zipped workbook that would unzip to too much is refused before it is parsed (issue 15, item 5).

The bombs are built at test time (benchmarks/bench_hardening.py's builder): a
valid ``.xlsx`` whose ties sheet unzips to tens of megabytes from a file of a
tenth of one, and an ``.ods`` likewise. Every reader of workbooks refuses
them with a DataError naming the file, the size and the limit, and the
option that raises it (``max_unzipped``; ``--max-unzipped`` on the command
line); an ordinary workbook reads as before, and ``max_unzipped=None`` lifts
the limit.
"""
from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import warnings
import zipfile
from pathlib import Path

import pytest

import systemsmap as sm
from systemsmap.io._excel_safe import MAX_RATIO, MAX_UNZIPPED, check_zip

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("bench_hardening", ROOT / "benchmarks" / "bench_hardening.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    return bench.make_bomb(tmp_path_factory.mktemp("bomb") / "bomb.xlsx", 24)  # 24 MB from ~0.1 MB


@pytest.fixture(scope="module")
def ods_bomb(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("ods") / "bomb.ods"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        with z.open("content.xml", "w") as fh:
            fh.write(b"<office:document-content>")
            for _ in range(1000):
                fh.write(b"<table:table-row/>" * 1500)
            fh.write(b"</office:document-content>")
    return path


@pytest.mark.parametrize("read", [sm.read_excel, sm.read_kumu, sm.read_matrix, sm.read_any])
def test_every_workbook_reader_refuses_a_bomb(bomb, read):
    with pytest.raises(sm.DataError) as err:  # refused from the zip directory (bench_hardening.py times it)
        read(bomb)
    e = err.value
    assert e.origin == "bomb.xlsx"
    assert "times its size" in str(e) and "zip bomb" in str(e) and f"at most {MAX_RATIO} times" in str(e)
    assert e.options == {"max_unzipped": None}


def test_survey_readers_refuse_it_too_without_naming_an_option_they_lack(bomb):
    with pytest.raises(sm.DataError) as err:
        sm.read_roster(bomb)
    assert "zip bomb" in str(err.value) and err.value.options == {} and "save the sheet as CSV" in str(err.value)


def test_the_total_limit_names_the_value_that_reads_it(bomb, tmp_path):
    with pytest.raises(sm.DataError) as err:
        sm.read_excel(bomb, max_unzipped=10 * 2**20)
    e = err.value
    assert "more than the limit of 10.0 MB (max_unzipped=10485760 bytes)" in str(e)
    total = sum(i.file_size for i in zipfile.ZipFile(bomb).infolist())
    assert e.options["max_unzipped"] >= total
    # an ordinary workbook: read as before, refused under a tiny limit, read with no limit
    net = sm.load_example("karate_club")
    net.to_excel(tmp_path / "k.xlsx")
    assert sm.read_excel(tmp_path / "k.xlsx") == net
    with pytest.raises(sm.DataError, match="more than the limit of 1,000 bytes"):
        sm.read_excel(tmp_path / "k.xlsx", max_unzipped=1000)
    assert sm.read_excel(tmp_path / "k.xlsx", max_unzipped=None) == net
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        assert len(sm.read_any(tmp_path / "k.xlsx", max_unzipped=None)) == len(net)
    with pytest.raises(ValueError, match="max_unzipped must be a whole number"):
        sm.read_excel(tmp_path / "k.xlsx", max_unzipped=0)


def test_ods_bombs_are_refused(ods_bomb):
    with pytest.raises(sm.DataError, match="zip bomb") as err:
        sm.read_excel(ods_bomb)
    assert err.value.origin == "bomb.ods"


def test_check_zip_leaves_other_files_alone(tmp_path):
    (tmp_path / "t.csv").write_text("source,target\na,b\n", encoding="utf-8")
    check_zip(tmp_path / "t.csv")
    assert MAX_UNZIPPED == 256 * 2**20


def test_command_line_refuses_in_one_line_naming_the_flag(bomb, tmp_path):
    from systemsmap.cli import main

    for extra, flag in (([], "--max-unzipped BYTES|none"), (["--max-unzipped", "1000000"], "--max-unzipped 25165824")):
        err = io.StringIO()
        old = os.getcwd()
        os.chdir(tmp_path)
        try:
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                code = main(["convert", str(bomb), "-o", "out.graphml", *extra])
        finally:
            os.chdir(old)
        line, = err.getvalue().strip().splitlines()
        assert code == 2 and line.endswith(f"(on the command line: {flag})"), line
    assert not (tmp_path / "out.graphml").exists()


def test_benchmark_limits_hold(tmp_path):
    # the benchmark's own measurement, on a smaller bomb: refused in under 5 s and 500 MB, in a subprocess
    bomb = bench.make_bomb(tmp_path / "b.xlsx", 40)
    seconds, mb, out, status = bench.run_child(["-c", bench._CHILD, str(bomb)])
    assert "refused" in out and seconds < bench.LIMIT_SECONDS * 3 and mb < bench.LIMIT_MB, (seconds, mb, out)
