"""The interactive map in headless Chromium: every point of issue 13's "Done when" for the map.

Names are drawn; a click on an actor fades the others and fills the side panel; each overlay appears and
disappears; the view in the address restores the same state; no survey metadata column appears unless named;
every label is text (an actor named ``<img src=x onerror=alert(1)>`` runs nothing).

Skipped, with the reason, when Chromium (Debian's ``chromium``) or Playwright is not installed. One browser
serves the whole module; each test opens its own page.
"""
from __future__ import annotations

import shutil
import warnings

import pandas as pd
import pytest

import systemsmap as sm
from systemsmap.plot import interactive

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install '.[dev]')")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium browser on this machine "
                                                          "(apt-get install chromium)")
HOSTILE = "<img src=x onerror=alert(1)>"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def small_network() -> sm.StakeholderNetwork:
    """12 actors in 5 sectors, two waves, evidence kinds, survey metadata columns and one hostile name (X)."""
    ids = ["L1", "L2", "I1", "I2", "I3", "I4", "I5", "P1", "P2", "F1", "R1", "X"]
    role = ["lived_experience", "lived_experience", "implementer", "implementer", "implementer; champion",
            "implementer", "implementer", "policymaker", "policymaker", "funder", "researcher", "implementer"]
    sector = ["community"] * 2 + ["health"] * 5 + ["government"] * 2 + ["funders", "academia", "health"]
    actors = pd.DataFrame({
        "id": ids, "label": ["Lena", "Luis", "Ines", "Ivan", "Iris", "Ida", "Igor", "Pia", "Paul", "Fay", "Rui",
                             HOSTILE],
        "role": role, "sector": sector, "region": ["North", "South"] * 6,
        "Respondent ID": [f"R_{i:04d}" for i in range(12)], "Start Date": ["2024-03-01 10:17"] * 12,
        "RecipientEmail": [f"person{i}@example.org" for i in range(12)]})
    pairs = [("L1", "I1"), ("L2", "I2"), ("I1", "I3"), ("I2", "I3"), ("I3", "P1"), ("I4", "I5"), ("I5", "X"),
             ("X", "I4"), ("P1", "P2"), ("F1", "P2"), ("R1", "I4"), ("I3", "I4"), ("I1", "I2")]
    rows = ([(s, t, "advice", 2024, "report") for s, t in pairs]
            + [(s, t, "advice", 2025, "report; story") for s, t in pairs[2:]]
            + [("L1", "P1", "funding", 2025, "story")])
    ties = pd.DataFrame(rows, columns=["source", "target", "relation", "wave", "evidence"])
    return sm.from_frames(actors, ties, directed=True)


@pytest.fixture(scope="module")
def net():
    return small_network()


def small_results(net) -> dict:
    """The findings the interactive map overlays, computed on :func:`small_network`."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        return {"bridges": sm.bridges(net, by="sector", k=3), "voice": sm.voice(net),
                "vulnerabilities": sm.vulnerabilities(net), "brokerage": sm.brokerage(net, "sector"),
                "champions": sm.champions(net), "change": sm.compare(net, waves=(2024, 2025), permutations=0)}


@pytest.fixture(scope="module")
def results(net):
    return small_results(net)


@pytest.fixture(scope="module")
def map_path(net, results, tmp_path_factory):
    path = tmp_path_factory.mktemp("map") / "map.html"
    interactive(net, color="sector", path=path, **results)
    return path


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield b
        finally:
            b.close()


class Tab:
    """A page on the map, with every dialog and script error it met."""

    def __init__(self, browser, url: str):
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.dialogs: list = []
        self.errors: list = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(url)
        self.page.wait_for_selector("html[data-ready]", state="attached", timeout=15000)

    def js(self, expression: str, arg=None):
        # a function, not a string to evaluate: the page's Content Security Policy forbids eval
        return self.page.evaluate(f"(arg) => {expression}", arg)

    def frame(self) -> dict:
        self.page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        return self.js("window.systemsmapMap.drawn")

    def close(self):
        self.page.close()
        assert self.dialogs == [] and self.errors == []


@pytest.fixture
def tab(browser, map_path):
    t = Tab(browser, map_path.as_uri())
    yield t
    t.close()


def test_names_are_drawn(tab):
    drawn = tab.frame()
    assert drawn["nodes"] == 12 and drawn["faded"] == 0
    names = {lab["text"] for lab in drawn["labels"]}
    assert {"Lena", "Iris", "Pia", HOSTILE} <= names          # 12 actors: room for every name
    boxes = drawn["labels"]                                      # and no two names overlap
    for a in range(len(boxes)):
        for b in range(a):
            p, q = boxes[a], boxes[b]
            assert (p["x"] + p["w"] <= q["x"] or q["x"] + q["w"] <= p["x"] or p["y"] + p["h"] <= q["y"]
                    or q["y"] + q["h"] <= p["y"]), (p, q)
    shot = tab.page.screenshot()
    assert len(shot) > 20000                                     # a drawing, not a blank page


def test_click_focuses_and_fills_the_panel(tab):
    x, y = tab.js("window.systemsmapMap.screenOf('I3')")
    tab.page.mouse.click(x, y)
    drawn = tab.frame()
    assert tab.js("window.systemsmapMap.state().focus") == "I3"
    # Iris (I3) is tied to I1, I2, P1 and I4: those 5 stay, the other 7 fade
    assert drawn["faded"] == 7
    assert {lab["text"] for lab in drawn["labels"]} == {"Iris", "Ines", "Ivan", "Pia", "Ida"}
    panel = tab.js("document.querySelector('.sm-panel').innerText")
    assert tab.js("document.querySelector('.sm-panel h2').textContent") == "Iris"
    assert "Implementer, Champion" in panel                       # role names, not codes
    assert "Single point of failure: if they left, 6 actors would be cut off" in panel
    assert "Recommended new tie" in panel and "Betweenness" in panel and "Region\tNorth" in panel
    assert "lived_experience" not in panel and "implementer; champion" not in panel
    # a click on empty ground clears the focus
    tab.page.mouse.click(300, 880)
    assert tab.js("window.systemsmapMap.state().focus") is None and tab.frame()["faded"] == 0


def test_each_overlay_appears_and_disappears(tab):
    names = tab.js("window.systemsmapMap.overlays")
    assert names == ["areas", "recommended", "voice", "spof", "evidence", "change"]
    for name in names:
        box = tab.page.locator(f"input[data-overlay='{name}']")
        before = tab.frame()
        box.check()
        on = tab.frame()
        box.uncheck()
        off = tab.frame()
        if name == "areas":
            assert len(on["hullLabels"]) == 5 and before["hullLabels"] == off["hullLabels"] == []
        else:
            assert on["overlays"].get(name, 0) > 0, name
            assert name not in before["overlays"] and name not in off["overlays"], name
    tab.page.locator("input[data-overlay='recommended']").check()
    drawn = tab.frame()
    assert sorted(b["rank"] for b in drawn["badges"]) == [1, 2, 3]  # numbered as in the bridges table


def test_the_view_in_the_address_restores_the_same_state(tab, browser, map_path):
    tab.page.locator("input[data-overlay='voice']").check()
    tab.page.locator(".sm-controls label", has_text="academia").locator("input").uncheck()
    tab.js("window.systemsmapMap.focus('P1')")
    tab.page.mouse.move(700, 450)
    tab.page.mouse.wheel(0, -300)
    tab.page.wait_for_timeout(400)                                 # the address follows within 200 ms
    state, drawn = tab.js("window.systemsmapMap.state()"), tab.frame()
    url = tab.page.url
    assert "actor=P1" in url and "show=voice" in url and "hide-group=academia" in url
    other = Tab(browser, url)
    try:
        restored = other.js("window.systemsmapMap.state()")
        assert restored["view"] == pytest.approx(state.pop("view"), rel=1e-5)   # 6 digits in the address
        assert {k: v for k, v in restored.items() if k != "view"} == state
        again = other.frame()
        assert [lab["text"] for lab in again["labels"]] == [lab["text"] for lab in drawn["labels"]]
        assert again["overlays"] == drawn["overlays"] and again["faded"] == drawn["faded"]
        assert other.js("document.querySelector('.sm-panel h2').textContent") == "Pia"
    finally:
        other.close()


def test_no_metadata_unless_named(net, results, map_path, browser, tmp_path):
    page = map_path.read_text(encoding="utf-8")
    for hidden in ("Respondent ID", "R_0003", "Start Date", "10:17", "RecipientEmail", "example.org"):
        assert hidden not in page, hidden                          # not even in the data
    named = tmp_path / "named.html"
    interactive(net, color="sector", path=named, fields=["region", "Respondent ID"], metrics=None)
    t = Tab(browser, named.as_uri())
    try:
        t.js("window.systemsmapMap.focus('I2')")
        panel = t.js("document.querySelector('.sm-panel').innerText")
        assert "Respondent ID" in panel and "R_0003" in panel and "South" in panel
        assert "Start Date" not in panel and "example.org" not in panel
    finally:
        t.close()


def test_every_label_is_text(tab):
    drawn = tab.frame()
    assert HOSTILE in {lab["text"] for lab in drawn["labels"]}     # drawn on the canvas as text
    tab.page.fill(".sm-search input", "onerror")
    assert tab.js("[...document.querySelectorAll('.sm-results button')].map(b => b.textContent)") == [HOSTILE]
    tab.page.keyboard.press("Enter")
    assert tab.js("window.systemsmapMap.state().focus") == "X"
    assert tab.js("document.querySelector('.sm-panel h2').textContent") == HOSTILE
    x, y = tab.js("window.systemsmapMap.screenOf('X')")
    tab.page.mouse.move(x, y)
    assert tab.js("document.querySelector('.sm-tip').textContent").startswith(HOSTILE)
    tab.page.wait_for_timeout(200)
    assert tab.js("document.querySelectorAll('img').length") == 0   # nothing became an element
    # the dialogs and script errors (none) are checked as the tab closes
