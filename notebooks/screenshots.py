"""Photograph the example's figures and interactive map in headless Chromium at 1400 px wide.

Usage::

    python notebooks/screenshots.py [FOLDER]

Draws every figure with ``make_figures.py`` into FOLDER (default
``notebooks/figures/``, ignored by git), then opens them in Chromium
(``/usr/bin/chromium`` through Playwright) 1400 px wide and saves:

- ``shot_map_*.png``: the interactive map as it opens, with an actor focused
  (side panel), with each overlay on (recommended ties, voice routes, single
  points of failure, change between waves), after a search, and a view
  restored from its address;
- ``shot_static.png``: the static figures on one page, each at most 1400 px wide.

It is how issue 13 asks the map and figures to be looked at: by a person, at
the width a programme team's laptop shows.
"""
from __future__ import annotations

import argparse
import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_figures import make_figures  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
WIDTH, HEIGHT = 1400, 900
VIEWS = {   # name: the address's #fragment (see systemsmap.plot.interactive)
    "open": "",
    "focus": "actor={focus}",
    "recommended": "show=areas,recommended",
    "voice": "show=voice",
    "single_points": "show=areas,spof",
    "change": "show=change",
    "search": "find=dr",
    "hidden_groups": "show=areas&hide-group=academia&hide-group=funders&hide-relation=funding",
}


def shoot(folder: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written = []
    figures = make_figures(folder)
    page_path = next(p for p in figures if p.suffix == ".html")
    pngs = [p for p in figures if p.suffix == ".png"]
    static = folder / "static.html"
    static.write_text("<!doctype html><body style='margin:0;font:14px sans-serif'>" + "".join(
        f"<h3>{html.escape(p.name)}</h3><img src='{p.name}' style='max-width:{WIDTH}px;display:block'>"
        for p in pngs) + "</body>", encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            tab = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
            tab.goto(page_path.as_uri())
            tab.wait_for_selector("html[data-ready]", state="attached")
            # the actor to focus: the first one named on the map (the most important with room for a name)
            focus = tab.evaluate("() => { const d = JSON.parse(document.getElementById('sm-data').textContent);"
                                 " return d.nodes.id[window.systemsmapMap.drawn.labels[0].index]; }")
            for name, fragment in VIEWS.items():
                tab.goto(page_path.as_uri() + "#" + fragment.format(focus=focus))
                tab.reload()
                tab.wait_for_selector("html[data-ready]", state="attached")
                tab.wait_for_timeout(300)
                written.append(folder / f"shot_map_{name}.png")
                tab.screenshot(path=str(written[-1]))
            tab.set_viewport_size({"width": WIDTH, "height": HEIGHT})
            tab.goto(static.as_uri())
            tab.wait_for_load_state("load")
            written.append(folder / "shot_static.png")
            tab.screenshot(path=str(written[-1]), full_page=True)
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=HERE / "figures",
                        help="where to write the figures and screenshots (default: notebooks/figures/)")
    args = parser.parse_args(argv)
    for path in shoot(args.folder):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
