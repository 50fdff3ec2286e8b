"""Progress of long work (systemsmap._progress) and the ``progress=`` option of long functions."""
from __future__ import annotations

import io
import re
import warnings

import numpy as np
import pandas as pd
import pytest

import systemsmap as sm
from systemsmap import _progress
from systemsmap._check import check_progress
from systemsmap._progress import Progress
from systemsmap.errors import OptionError


class Clock:
    """A clock the test moves by hand."""

    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class TTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def _net(n: int = 60, m: int = 200, seed: int = 0) -> sm.StakeholderNetwork:
    rng = np.random.default_rng(seed)
    ids = [f"a{i:03d}" for i in range(n)]
    roles = ["lived_experience", "implementer", "policymaker", "researcher"]
    actors = pd.DataFrame({"id": ids, "role": [roles[i % 4] for i in range(n)],
                           "sector": [f"s{i % 3}" for i in range(n)]})
    s, t = rng.integers(0, n, 2 * m), rng.integers(0, n, 2 * m)
    ties = pd.DataFrame({"source": np.array(ids)[s], "target": np.array(ids)[t]})[s != t].drop_duplicates().head(m)
    return sm.from_frames(actors, ties)


def _lines(stream: io.StringIO) -> list[str]:
    return stream.getvalue().splitlines()


# --------------------------------------------------------------------------- the option
def test_the_option_picks_a_mode(monkeypatch):
    # under pytest stderr is not a terminal and this is no notebook
    assert check_progress(None).mode == "off"
    assert check_progress(False).mode == "off"
    assert check_progress(True).mode == "log"
    assert check_progress(np.True_).mode == "log"
    mine = Progress("log")
    assert check_progress(mine) is mine
    assert Progress.auto(stream=TTY()).mode == "bar"
    assert Progress.auto(show=False, stream=TTY()).mode == "off"
    monkeypatch.setattr(_progress, "in_notebook", lambda: True)
    assert check_progress(None).mode == "bar"  # notebooks show a bar by default
    for bad in ("yes", 1, 0.5):
        with pytest.raises(OptionError, match="progress must be True, False, None"):
            check_progress(bad)
    with pytest.raises(OptionError, match="mode must be"):
        Progress("loud")


# --------------------------------------------------------------------------- log lines
def test_log_lines_start_end_and_at_most_one_per_interval():
    out, clock = io.StringIO(), Clock()
    p = Progress("log", stream=out, delay=0, interval=5, clock=clock)
    with p.step("bridges", total=10, unit="ties"):
        for _ in range(10):
            clock.now += 1
            p.advance()
    assert _lines(out) == [
        "systemsmap: bridges ...",
        "systemsmap: bridges: 5/10 ties (50%), 00:05 elapsed, about 00:05 left, 1.00 ties/s",
        "systemsmap: bridges: 10/10 ties (100%), 00:10 elapsed, about 00:00 left, 1.00 ties/s",
        "systemsmap: bridges: done in 10.00 s",
    ]
    assert p.timings == {"bridges": 10.0}


def test_log_is_quiet_during_the_delay_unless_verbose():
    out, clock = io.StringIO(), Clock()
    p = Progress("log", stream=out, delay=2, clock=clock)
    with p.step("quick"):
        clock.now = 1.0
    with p.step("slow"):
        clock.now = 4.0
    assert _lines(out) == ["systemsmap: slow: done in 3.00 s"]  # started in the quiet start, ended after it
    out, clock = io.StringIO(), Clock()
    p = Progress("log", stream=out, delay=2, verbose=True, clock=clock)
    with p.step("quick"):
        clock.now = 0.5
    assert _lines(out) == ["systemsmap: quick: done in 0.50 s"]


def test_nested_steps_and_steps_timed_elsewhere():
    out, clock = io.StringIO(), Clock()
    p = Progress("log", stream=out, delay=0, clock=clock)
    with p.step("report"):
        timings = p.reporting()
        clock.now = 1.5
        timings["summary"] = timings.get("summary", 0.0) + 1.5  # as report/_analysis times its steps
        with p.step("layout"):
            clock.now = 2.0
    assert _lines(out) == ["systemsmap: report ...", "systemsmap: report › summary: done in 1.50 s",
                           "systemsmap: report › layout ...", "systemsmap: report › layout: done in 0.50 s",
                           "systemsmap: report: done in 2.00 s"]
    assert dict(timings) == {"summary": 1.5} and p.timings == {"summary": 1.5, "layout": 0.5, "report": 2.0}


def test_off_shows_nothing_but_keeps_timings():
    out, clock = io.StringIO(), Clock()
    p = Progress("off", stream=out, verbose=True, clock=clock)
    with p.step("a", total=3):
        clock.now = 3
        p.advance(3)
    p.advance()  # outside a step: nothing
    assert out.getvalue() == "" and p.timings == {"a": 3}


# --------------------------------------------------------------------------- the bar
def test_bar_counts_and_messages_do_not_break_it():
    out = TTY()
    p = Progress("bar", stream=out, notebook=False, verbose=True)
    with p.step("voice", total=4, unit="actors"):
        p.advance(2)
        p.write("systemsmap: warning: something\n")
        p.advance(2)
    text = out.getvalue()
    assert text.startswith("\rvoice:   0%|") and "| 0/4 actors [00:00<?, ? actors/s]" in text, text
    # the message sits on a line of its own: the bar is cleared before it and drawn again after, with
    # its count, the time left and the rate
    assert re.search(r"\r +\rsystemsmap: warning: something\n\rvoice: +50%\|[^|]*\| 2/4 actors "
                     r"\[\d\d:\d\d<\d\d:\d\d, +[\d.]+ actors/s\]", text), text
    # the bar is erased when the step ends, then (verbose) the step's time is written
    assert re.search(r"\r {20,}\rsystemsmap: voice: done in \d+\.\d\d s\n$", text), text


def test_notebook_bar_waits_for_the_delay_so_quick_calls_leave_no_output():
    # a notebook's cell keeps what was written to stderr: a call quicker than the delay draws nothing
    quick = TTY()
    p = Progress("bar", stream=quick, notebook=True, delay=30)
    with p.step("voice", total=4, unit="actors"):
        p.advance(4)
    assert quick.getvalue() == ""
    shown = TTY()
    p = Progress("bar", stream=shown, notebook=True, delay=0)
    with p.step("voice", total=4, unit="actors"):
        p.advance(4)
    assert "voice:   0%|" in shown.getvalue()


# --------------------------------------------------------------------------- long functions
def test_report_progress_off_by_default_and_on_when_asked(capsys, tmp_path):
    net = _net()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        sm.report(net, by="sector", path=None, permutations=9, k=1)
        assert capsys.readouterr().err == ""
        sm.report(net, by="sector", path=None, permutations=9, k=1, progress=False)
        assert capsys.readouterr().err == ""
        out = io.StringIO()
        rep = sm.report(net, by="sector", path=tmp_path / "r.html", permutations=9, k=1,
                        progress=Progress("log", stream=out, delay=0))
    steps = re.findall(r"^systemsmap: (.+): done in \d+\.\d\d s$", out.getvalue(), flags=re.M)
    for step in ["report › analysis › summary", "report › analysis › bridges", "report › analysis",
                 "report › layout", "report › figure: map", "report › interactive map", "report › html",
                 "report › write"]:
        assert step in steps, (step, steps)
    assert steps[-1] == "report"
    assert set(rep.timings) >= {"summary", "bridges", "layout", "html", "write", "total"}


@pytest.mark.parametrize("call, step, unit", [
    (lambda net, p: sm.voice(net, progress=p), "voice", "source actors"),
    (lambda net, p: sm.key_players(net, 2, progress=p), "key players", "sets"),
    (lambda net, p: sm.key_players(net, 3, method="search", restarts=3, seed=1, progress=p),
     "key players", "restarts"),
    (lambda net, p: sm.centrality(net, progress=p), "centrality › distances", "sources"),
])
def test_long_functions_count_their_work(call, step, unit):
    out = io.StringIO()
    plain = call(_net(), False)
    shown = call(_net(), Progress("log", stream=out, delay=0, interval=0))  # a fresh network: nothing cached
    if isinstance(plain, pd.DataFrame):
        pd.testing.assert_frame_equal(plain, shown)  # progress changes nothing computed
    text = out.getvalue()
    counts = re.findall(rf"^systemsmap: {re.escape(step)}: ([\d,]+)/([\d,]+) {unit} ", text, flags=re.M)
    assert counts and counts[-1][0] == counts[-1][1], text  # counted to the end
    assert re.search(rf"^systemsmap: {re.escape(step)}: done in", text, flags=re.M)


def test_summary_counts_its_sweep_and_shares_it_with_centrality():
    net = _net()
    out = io.StringIO()
    sm.summary(net, sample=20, seed=1, progress=Progress("log", stream=out, delay=0, interval=0))
    assert "systemsmap: summary › distances: 20/20 sources (100%)" in out.getvalue()
    sm.centrality(net)  # exact paths, cached on the network
    out = io.StringIO()
    sm.summary(net, progress=Progress("log", stream=out, delay=0, interval=0))
    assert "distances" not in out.getvalue() and "systemsmap: summary: done in" in out.getvalue()


def test_nested_calls_join_the_running_display():
    out = io.StringIO()
    p = Progress("log", stream=out, delay=0)
    with p.step("outer"):
        sm.centrality(_net())  # progress=None inside a step: the same display, one level down
        quiet = sm.summary(_net(), progress=False)  # asked for none: none
    steps = re.findall(r"^systemsmap: (.+): done in", out.getvalue(), flags=re.M)
    assert steps == ["outer › centrality › betweenness", "outer › centrality › distances", "outer › centrality",
                     "outer"]
    assert quiet["actors"] == 60
    off = Progress("off")
    with off.step("silent"):
        assert check_progress(None) is off  # a display that is off silences what runs inside it
    assert check_progress(None).mode == "off" and check_progress(None) is not off  # outside any step: automatic
