"""Progress of long work: one mechanism for the command line and for the ``progress=`` option.

Long functions say what they are doing through a :class:`Progress`: named
steps, the count within a step where it is known, and from the count a rate
and an estimate of the time left (tqdm computes and formats them)::

    with progress.step("bridges", total=k, unit="ties"):
        for ...:
            ...
            progress.advance()

How it shows depends on where the output goes (``mode``):

- ``"bar"``: a tqdm bar on stderr, for a terminal; in a Jupyter notebook a
  widget (when ipywidgets is installed) or tqdm's text bar, drawn only once
  the run has lasted ``delay`` seconds, so that quick calls leave nothing in
  the cell's output. The bar shows the step (``report › bridges``), its
  count, rate and estimate, and is erased when the step ends.
- ``"log"``: plain lines on stderr, for pipes, CI logs and notebooks'
  subprocesses, where a bar would be a mess of carriage returns: a line when a
  step starts and when it ends (with its time), and within a step at most one
  line every ``interval`` seconds. Nothing is written during the first
  ``delay`` seconds of the run, so quick work stays silent.
- ``"off"``: nothing is shown.

In every mode each step's seconds are kept in :attr:`Progress.timings`, and
with ``verbose=True`` each step's time is written as the step ends (the
command line's ``-v``). :meth:`Progress.write` writes a message (a warning, a
log line) without breaking the bar.

Public functions take ``progress=None``: None shows a bar in notebooks and
terminals and nothing otherwise, or, when called from inside a step of a
Progress (``report`` calling ``centrality``), joins that display as a nested
step; True shows progress anywhere (log lines when stderr is not a terminal);
False shows nothing; a :class:`Progress` is used as it is (the command line
passes its own, so that a report's steps join the loading step on one display). :func:`systemsmap._check.check_progress` turns
the option into a :class:`Progress`.

Examples
--------
>>> import io
>>> out = io.StringIO()
>>> p = Progress("log", stream=out, delay=0, interval=0, clock=iter([0, 0, 1, 1.5]).__next__)
>>> with p.step("bridges", total=4, unit="ties"):
...     p.advance(2)
>>> print(out.getvalue(), end="")
systemsmap: bridges ...
systemsmap: bridges: 2/4 ties (50%), 00:01 elapsed, about 00:01 left, 2.00 ties/s
systemsmap: bridges: done in 1.50 s
>>> p.timings
{'bridges': 1.5}
"""
from __future__ import annotations

import contextlib
import contextvars
import importlib.util
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TextIO

__all__ = ["Progress", "from_option", "MODES"]

log = logging.getLogger(__name__)

#: The ways progress can show.
MODES = ("bar", "log", "off")

#: Joins the names of nested steps in what is shown: ``report › bridges``.
SEPARATOR = " › "

#: The Progress whose step is running in this context: ``progress=None`` in a function called from
#: inside a step joins it, so that nested work shows as nested steps of one display.
_ACTIVE: contextvars.ContextVar[Progress | None] = contextvars.ContextVar("systemsmap_progress", default=None)


@dataclass
class _Step:
    name: str
    total: int | None
    unit: str | None
    start: float
    n: int = 0
    bar: Any = None


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _columns(stream) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return 0


def in_notebook() -> bool:
    """Whether this code runs in a Jupyter kernel (tqdm's own test)."""
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return False
    try:
        shell = ipython.get_ipython()
    except Exception:  # pragma: no cover - an IPython without a shell
        return False
    return shell is not None and "IPKernelApp" in getattr(shell, "config", {})


def _bar_class(notebook: bool):
    """tqdm's notebook widget in a notebook with ipywidgets, else its text bar."""
    if notebook and importlib.util.find_spec("ipywidgets") is not None:  # tqdm.notebook draws with it
        from tqdm.notebook import tqdm

        return tqdm
    from tqdm import tqdm

    return tqdm


class Progress:
    """Reports long work: named steps, counts within a step, rates and estimates.

    Parameters
    ----------
    mode : {"bar", "log", "off"}
        How progress shows (see the module's description): a tqdm bar, plain
        log lines, or nothing.
    stream : file, optional
        Where bars and lines go (default ``sys.stderr`` at the time of each write).
    verbose : bool, default False
        Write each step's time as the step ends, in every mode but ``"off"``
        (``"log"`` writes it anyway once ``delay`` has passed).
    interval : float, default 5
        ``"log"`` mode: the fewest seconds between two lines within a step.
    delay : float, default 2
        ``"log"`` mode: seconds from the start during which nothing is written
        (unless ``verbose``), so that quick work says nothing.
    notebook : bool, optional
        Draw bars as notebook widgets; by default when running in a Jupyter kernel.
    clock : callable, optional
        Returns the time in seconds (default :func:`time.perf_counter`); for tests.

    Attributes
    ----------
    timings : dict
        Seconds spent in each step, by name (summed when a name repeats).
    """

    def __init__(self, mode: str = "off", *, stream: TextIO | None = None, verbose: bool = False,
                 interval: float = 5.0, delay: float = 2.0, notebook: bool | None = None,
                 clock: Callable[[], float] | None = None):
        from ._check import check_bool, check_choice, check_number

        self.mode = check_choice("mode", mode, MODES)
        self.verbose = check_bool("verbose", verbose)
        self.interval = check_number("interval", interval, minimum=0)
        self.delay = check_number("delay", delay, minimum=0)
        self._stream = stream
        self._notebook = in_notebook() if notebook is None else bool(notebook)
        self._clock = clock or time.perf_counter
        self._t0 = self._clock()
        self._last_line = -float("inf")
        self._steps: list[_Step] = []
        self._last_ended: tuple[int, str] | None = None
        self.timings: dict[str, float] = {}

    # ------------------------------------------------------------------ choosing
    @classmethod
    def auto(cls, *, show: bool | None = None, stream: TextIO | None = None, **kwargs) -> Progress:
        """A Progress for where the output goes.

        ``show=None``: a bar in a notebook or when ``stream`` (stderr) is a
        terminal, else nothing. ``show=True``: a bar there, log lines
        elsewhere. ``show=False``: nothing.
        """
        target = stream if stream is not None else sys.stderr
        notebook = in_notebook()
        if show is False:
            mode = "off"
        elif notebook or _isatty(target):
            mode = "bar"
        else:
            mode = "log" if show else "off"
        return cls(mode, stream=stream, notebook=notebook, **kwargs)

    @property
    def enabled(self) -> bool:
        """Whether anything is shown."""
        return self.mode != "off"

    @property
    def stream(self) -> TextIO:
        return self._stream if self._stream is not None else sys.stderr

    # ------------------------------------------------------------------ steps
    @contextlib.contextmanager
    def step(self, name: str, total: int | None = None, unit: str | None = None) -> Iterator[Progress]:
        """Run one named step: ``with progress.step("layout"): ...``.

        Parameters
        ----------
        name : str
            What the step does, in a few words ("centrality", "writing the file").
        total : int, optional
            How many units the step will count with :meth:`advance`, when
            known: the display then shows a bar, a rate and the time left.
        unit : str, optional
            What is counted ("ties", "actors", "permutations").

        Steps may nest: the display names the inner step after the outer
        one. The step's seconds are added to :attr:`timings` under ``name``.
        """
        st = _Step(name, None if total is None else int(total), unit, self._clock())
        parent = self._steps[-1] if self._steps else None
        if parent is not None:
            self._close_bar(parent)
        token = _ACTIVE.set(self) if parent is None else None
        self._steps.append(st)
        self._began(st)
        try:
            yield self
        finally:
            self._steps.pop()
            if token is not None:
                _ACTIVE.reset(token)
            self._close_bar(st)
            now = self._clock()
            seconds = now - st.start
            self.timings[name] = self.timings.get(name, 0.0) + seconds
            log.debug("step %s: %.2f s", name, seconds)
            self._ended(st, seconds, now)
            self._last_ended = (len(self._steps), name)
            if parent is not None:
                self._open_bar(parent)

    def advance(self, n: int = 1) -> None:
        """Count ``n`` more units of the current step (nothing outside a step)."""
        if not self._steps:
            return
        st = self._steps[-1]
        st.n += n
        if self.mode == "bar" and st.bar is not None:
            st.bar.update(n)
        elif self.mode == "log":
            now = self._clock()
            if now - self._last_line >= self.interval and self._may_speak(now):
                self._line(self._count_text(st, now), now)

    def done(self, name: str, seconds: float) -> None:
        """Report a step timed elsewhere (its name and seconds), as if it had just ended inside the current step.

        Nothing is reported when a step of that name has just ended at this level (the caller timed a
        function that reported its own step).
        """
        if self._last_ended == (len(self._steps), name):
            self._last_ended = None
            return
        self.timings[name] = self.timings.get(name, 0.0) + seconds
        now = self._clock()
        self._ended(_Step(name, None, None, now - seconds), seconds, now)
        if self.mode == "bar" and self._steps and self._steps[-1].bar is not None:
            self._steps[-1].bar.set_postfix_str(f"{name} took {seconds:.1f} s", refresh=True)

    def reporting(self) -> dict:
        """A timings dict that reports each entry as a finished step when code sets it.

        For code that times its own steps (``timings[name] = seconds``) and
        does not take a Progress yet: each step shows as it ends.
        """
        return _Reporting(self)

    # ------------------------------------------------------------------ messages
    def write(self, text: str) -> None:
        """Write ``text`` on the stream without breaking the bar (``text`` ends its own line)."""
        stream = self.stream
        if self.mode == "bar" and any(s.bar is not None for s in self._steps):
            from tqdm import tqdm

            with tqdm.external_write_mode(file=stream):
                stream.write(text)
                stream.flush()
            return
        stream.write(text)
        stream.flush()

    def close(self) -> None:
        """Erase any bar left (safe to call more than once)."""
        for st in self._steps:
            self._close_bar(st)

    # ------------------------------------------------------------------ drawing
    def _path(self, st: _Step) -> str:
        names = [s.name for s in self._steps] if st in self._steps else [st.name]
        return SEPARATOR.join(names)

    def _may_speak(self, now: float) -> bool:
        return now - self._t0 >= self.delay

    def _line(self, text: str, now: float) -> None:
        self._last_line = now
        self.write(f"systemsmap: {text}\n")

    def _began(self, st: _Step) -> None:
        if self.mode == "bar":
            self._open_bar(st)
        elif self.mode == "log" and self._may_speak(st.start):
            self._line(f"{self._path(st)} ...", st.start)

    def _ended(self, st: _Step, seconds: float, now: float) -> None:
        if not self.enabled:
            return
        if self.verbose or (self.mode == "log" and self._may_speak(now)):
            path = SEPARATOR.join([*(s.name for s in self._steps), st.name])
            self._line(f"{path}: done in {seconds:.2f} s", now)

    def _count_text(self, st: _Step, now: float) -> str:
        from tqdm import tqdm

        elapsed = now - st.start
        unit = f" {st.unit}" if st.unit else ""
        rate = st.n / elapsed if elapsed > 0 else None
        text = f"{self._path(st)}: {st.n:,}"
        if st.total:
            text += f"/{st.total:,}{unit} ({100 * st.n / st.total:.0f}%)"
        else:
            text += unit
        text += f", {tqdm.format_interval(elapsed)} elapsed"
        if st.total and rate:
            text += f", about {tqdm.format_interval(max(st.total - st.n, 0) / rate)} left"
        if rate:
            text += f", {rate:.2f}{unit}/s"
        return text

    def _open_bar(self, st: _Step) -> None:
        if self.mode != "bar" or st.bar is not None:
            return
        cls = _bar_class(self._notebook)
        unit = f" {st.unit}" if st.unit else "it"
        if st.total is not None:
            fmt = "{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt}" + (unit if st.unit else "") + \
                  " [{elapsed}<{remaining}, {rate_fmt}{postfix}]"
        elif st.unit:
            fmt = "{desc}: {n_fmt}" + unit + " [{elapsed}, {rate_fmt}{postfix}]"
        else:
            fmt = "{desc} [{elapsed}{postfix}]"
        kwargs: dict[str, Any] = {}
        if not cls.__module__.startswith("tqdm.notebook"):
            # follow the terminal's width; a terminal that reports no size (0 x 0) gets 80 x 24
            kwargs = {"file": self.stream, **({"dynamic_ncols": True} if _columns(self.stream) else {"ncols": 80, "nrows": 24})}
        # in a notebook quick work leaves no bar in the cell's output: nothing is drawn before the run's
        # first `delay` seconds (a terminal shows the bar at once and erases it)
        now = self._clock()
        wait = max(0.0, self.delay - (now - self._t0)) if self._notebook else 0.0
        st.bar = cls(total=st.total, initial=st.n, desc=self._path(st), unit=unit, leave=False, bar_format=fmt,
                     mininterval=0.2, delay=wait, **kwargs)
        st.bar.start_t -= now - st.start  # the elapsed time of a step resumed after an inner one

    def _close_bar(self, st: _Step) -> None:
        if st.bar is not None:
            bar, st.bar = st.bar, None
            bar.close()


class _Reporting(dict):
    """A timings dict whose entries are reported to a Progress as finished steps when set."""

    def __init__(self, progress: Progress):
        super().__init__()
        self._progress = progress

    def __setitem__(self, name: str, seconds: float) -> None:
        before = self.get(name, 0.0)
        super().__setitem__(name, seconds)
        self._progress.done(name, seconds - before)


def from_option(progress: bool | None | Progress) -> Progress:
    """The Progress of a ``progress=`` option already checked (None, True, False or a Progress).

    None inside a step of another Progress (a function called by a function showing progress) is
    that Progress, so nested work shows in the same display (or not at all when it is off).
    """
    if isinstance(progress, Progress):
        return progress
    if progress is None and _ACTIVE.get() is not None:
        return _ACTIVE.get()
    return Progress.auto(show=progress)
