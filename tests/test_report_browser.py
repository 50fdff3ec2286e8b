"""The report in headless Chromium: it renders, its images load, and hostile names stay text.

Uses the ``chromium`` command line (``--dump-dom``, ``--screenshot``), each call bounded by a
timeout. Skipped, with the reason, when Debian's ``chromium`` is not installed
(``apt-get install chromium``). One more test drives the page with Playwright, when it is
installed, to check that the interactive map renders inside its sandboxed iframe under the
page's Content Security Policy and that no script dialog opens.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import warnings

import pytest

import systemsmap as sm
from systemsmap.report import report

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium browser on this machine: the report's "
                                                          "browser checks need `chromium` (apt-get install chromium)")
HOSTILE_LABEL = "<script>alert(1)</script>"
HOSTILE_GROUP = '"><b>x'
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
         "--hide-scrollbars", "--mute-audio"]


def _chromium(args: list[str], profile, timeout: float = 60) -> subprocess.CompletedProcess:
    cmd = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args]
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:  # pragma: no cover - a hung browser is a failure, not a hang
        pytest.fail(f"chromium did not finish within {timeout} s: {' '.join(cmd)}")


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    """The example's report, with one actor named <script>alert(1)</script> and one sector '"><b>x'."""
    net = sm.load_example("implementation_ecosystem")
    actors = net.actors.reset_index()
    actors.loc[0, "label"] = HOSTILE_LABEL
    actors.loc[actors["sector"] == "funders", "sector"] = HOSTILE_GROUP
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        hostile = sm.from_frames(actors, net.ties, directed=net.directed)
    folder = tmp_path_factory.mktemp("browser")
    path = folder / "report.html"
    report(hostile, by="sector", path=path, permutations=100, k=3, seed=0)
    return path, folder


def test_dom_renders_images_and_keeps_names_as_text(page):
    path, folder = page
    res = _chromium(["--virtual-time-budget=10000", "--dump-dom", path.as_uri()], folder / "profile-dom")
    assert res.returncode == 0, res.stderr[-2000:]
    dom = res.stdout
    assert '<section id="findings"' in dom and '<section id="caveats"' in dom
    # every image is a PNG data URI, and the page's own script counted them as loaded
    imgs = re.findall(r"<img [^>]*>", dom)
    assert len(imgs) >= 4 and all('src="data:image/png;base64,' in i for i in imgs)
    loaded = re.search(r'data-images-loaded="(\d+)/(\d+)"', dom)
    assert loaded, "the page's load handler did not run"
    assert loaded.group(1) == loaded.group(2) == str(len(imgs))
    # the hostile label is text in the DOM, and nothing it holds became an element
    outer = re.sub(r'srcdoc="[^"]*"', 'srcdoc=""', dom)   # attribute values are escaped, '"' included
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in outer
    assert HOSTILE_LABEL not in outer
    assert len(re.findall(r"<script\b", outer)) == 1      # only the report's own sorter
    assert "&quot;&gt;&lt;b&gt;x" in outer or '"&gt;&lt;b&gt;x' in outer
    assert "<b>x" not in outer


def test_screenshot_is_not_blank(page):
    import matplotlib.image as mpimg

    path, folder = page
    shot = folder / "shot.png"
    res = _chromium(["--virtual-time-budget=10000", f"--screenshot={shot}", "--window-size=1280,4000",
                     path.as_uri()], folder / "profile-shot")
    assert res.returncode == 0 and shot.exists(), res.stderr[-2000:]
    pixels = mpimg.imread(shot)[..., :3]
    assert pixels.shape[:2] == (4000, 1280)
    assert pixels.std() > 0.05
    # the map area (below the findings) holds a drawing, not an empty box
    rows = pixels.reshape(40, 100, 1280, 3).std(axis=(1, 2, 3))
    assert (rows > 0.05).sum() >= 20


def test_interactive_map_renders_in_its_iframe(page):
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    path, _ = page
    dialogs: list = []
    errors: list = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS[1:])
        try:
            tab = browser.new_page(viewport={"width": 1280, "height": 900})
            tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            tab.on("pageerror", lambda e: errors.append(str(e)))
            tab.goto(path.as_uri())
            # the frame as its element reports it: tab.frames may not list it yet on a busy machine
            frame = tab.wait_for_selector("iframe[srcdoc]", state="attached").content_frame()
            assert frame is not None, [f.url for f in tab.frames]
            frame.wait_for_selector("html[data-ready]", state="attached", timeout=20000)
            tab.locator("iframe.interactive").scroll_into_view_if_needed()   # a frame out of view is not laid out
            frame.wait_for_function("() => window.systemsmapMap.drawn.labels.length > 20", timeout=20000)
            drawn = frame.evaluate("() => window.systemsmapMap.drawn")
            assert drawn["nodes"] == len(sm.load_example("implementation_ecosystem").at(2025)) and len(drawn["labels"]) > 20   # the wave the report describes
            assert set(frame.evaluate("() => window.systemsmapMap.overlays")) >= {"recommended", "voice"}
            frame.evaluate("() => window.systemsmapMap.focus('AC001')")  # a hostile name: panel text, no markup
            panel = frame.evaluate("() => document.querySelector('.sm-panel h2').textContent")
            assert panel == HOSTILE_LABEL
            assert frame.evaluate("() => document.querySelectorAll('.sm-panel script, .sm-panel img').length") == 0
            # the sorter: clicking a numeric heading puts the largest value first
            tab.click("#actor-table thead th:nth-child(6)")
            first = tab.evaluate("""() => { const t = document.getElementById('actor-table');
                const col = [...t.tHead.rows[0].cells].findIndex(c => c.getAttribute('aria-sort'));
                return [...t.tBodies[0].rows].slice(0, 5).map(r => parseFloat(r.cells[col].dataset.v)); }""")
            assert first == sorted(first, reverse=True)
        finally:
            browser.close()
    assert dialogs == [] and errors == []


def test_tables_fit_a_laptop_screen_and_their_text_wraps(page):
    # At 1366 px (a common laptop), every table but the actor table (many columns, scrolled in its box)
    # fits the page's width; long texts wrap in their columns instead of making rows hundreds of pixels tall.
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    path, _ = page
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS[1:])
        try:
            tab = browser.new_page(viewport={"width": 1366, "height": 900})
            tab.goto(path.as_uri())
            tables = tab.evaluate("""() => [...document.querySelectorAll('table')].map(t => ({
                section: t.closest('section') ? t.closest('section').id : '', id: t.id,
                width: t.scrollWidth, room: t.parentElement.clientWidth,
                tallest: Math.max(0, ...[...t.querySelectorAll('tbody tr')].map(r => r.getBoundingClientRect().height))}))""")
        finally:
            browser.close()
    assert len(tables) >= 10
    wide = [t for t in tables if t["id"] != "actor-table" and t["width"] > t["room"] + 1]
    assert wide == [], wide
    assert max(t["tallest"] for t in tables) < 260, tables   # the recommendations' reasons were 400-600 px tall
