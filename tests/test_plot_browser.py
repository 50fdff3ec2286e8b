"""The interactive map in headless Chromium: it renders, shows every actor, and shows hostile labels as text.

Skipped, with the reason, when Chromium (Debian's ``chromium``) or Playwright is not installed.
"""
from __future__ import annotations

import shutil

import numpy as np
import pytest

import systemsmap as sm
from systemsmap.plot import interactive

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install '.[dev]')")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium browser on this machine "
                                                          "(apt-get install chromium)")
HOSTILE = "<img src=x onerror=alert(1)>"

FIND_NODE = """() => {
  const views = [...Bokeh.index.all_views()];
  const pv = views.find(v => v.frame && v.canvas_view);
  const d = Bokeh.documents[0].get_model_by_name('nodes').data;
  const i = d.label.findIndex(l => l === %r);
  const r = pv.canvas_view.el.getBoundingClientRect();
  return [r.left + pv.frame.x_scale.compute(d.x[i]), r.top + pv.frame.y_scale.compute(d.y[i])];
}"""
DEEP = """(what) => { const out = []; const walk = (n) => { if (n.shadowRoot) walk(n.shadowRoot);
  for (const c of (n.children || [])) { if (what === 'img' ? c.tagName === 'IMG' :
      [...(c.classList || [])].some(k => k.includes('tooltip'))) out.push(c.textContent); walk(c); } };
  walk(document.body); return out; }"""


def test_interactive_map_renders_and_escapes(karate, tmp_path):
    actors = karate.actors.reset_index()
    actors.loc[0, "label"] = HOSTILE
    net = sm.from_frames(actors, karate.ties, directed=False)
    path = tmp_path / "map.html"
    interactive(net, color="club", path=path, metrics=None)
    alerts: list = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        try:
            page = browser.new_page(viewport={"width": 1300, "height": 800})
            page.on("dialog", lambda d: (alerts.append(d.message), d.dismiss()))
            page.goto(path.as_uri())
            page.wait_for_function("window.Bokeh && Bokeh.documents.length > 0", timeout=15000)
            page.wait_for_timeout(800)
            assert page.evaluate("Bokeh.documents[0].get_model_by_name('nodes').data.x.length") == 34
            status = page.evaluate("Bokeh.documents[0].get_model_by_name('status').text")
            assert status.startswith("34 actors shown")
            shot = tmp_path / "shot.png"
            page.screenshot(path=str(shot))
            import matplotlib.image as mpimg

            pixels = mpimg.imread(shot)
            assert pixels[..., :3].std() > 0.05  # not a blank page
            x, y = page.evaluate(FIND_NODE % HOSTILE)
            page.mouse.move(x, y)
            page.wait_for_timeout(500)
            tips = page.evaluate(DEEP, "tooltip")
            assert any(HOSTILE in t for t in tips), tips
            assert page.evaluate(DEEP, "img") == []   # the label was not turned into an element
            # search filters: typing part of a name leaves one match
            page.evaluate("""() => { const s = Bokeh.documents[0].get_model_by_name('search');
                                     s.value_input = 'onerror'; }""")
            page.wait_for_timeout(300)
            assert page.evaluate("Bokeh.documents[0].get_model_by_name('status').text").endswith("1 match")
        finally:
            browser.close()
    assert alerts == []
