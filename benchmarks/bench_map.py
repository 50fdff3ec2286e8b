"""Benchmark: a 5,000-actor interactive map loads in Chromium in under 5 s and stays under 10 MB (issue 13).

Run ``python benchmarks/bench_map.py`` (``--quick`` for 1,000 actors). For a
seeded stochastic block model (5 groups, 5 ties per actor, roles drawn at random
so that voice routes exist) with every overlay given (recommended ties, voice
routes, single points of failure, change between two waves, evidence kinds),
it reports:

* the time to build the page in Python (``interactive``, layout passed in) and
  the file's size;
* in headless Chromium (``/usr/bin/chromium``, software rendering, 1400 x 900):
  the time from navigation to the first frame drawn with names (median of 3
  loads, each in a fresh page), and a redraw after a pan, after a focus and
  with every overlay on (median of 10 each).

Figures, never assertions: the tests check behaviour, this reports speed.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import systemsmap as sm  # noqa: E402
from _sbm import sbm_network  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ROLES = ["lived_experience", "implementer", "researcher", "funder", "policymaker"]


def network(n: int) -> sm.StakeholderNetwork:
    """The SBM network with roles, two waves (ties of wave 1 kept at 90 %) and evidence kinds."""
    base = sbm_network(n, 5 * n, seed=1, directed=True)
    rng = np.random.default_rng(2)
    actors = base.actors.reset_index()
    actors["label"] = [f"Actor {i:05d}" for i in range(n)]
    actors["role"] = rng.choice(ROLES, size=n, p=[0.15, 0.5, 0.15, 0.05, 0.15])
    t = base.ties[["source", "target"]].reset_index(drop=True)
    later = t.sample(frac=0.9, random_state=3)
    ties = pd.concat([t.assign(wave=2024), later.assign(wave=2025)], ignore_index=True)
    ties["evidence"] = rng.choice(["report", "story", "report; data", "data"], size=len(ties))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        return sm.from_frames(actors, ties, directed=True)


def results(net: sm.StakeholderNetwork) -> dict:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        return {"bridges": sm.bridges(net, by="group", k=10), "voice": sm.voice(net),
                "vulnerabilities": sm.vulnerabilities(net, by="group"),
                "change": sm.compare(net, waves=(2024, 2025), permutations=0)}


def browse(path: Path) -> dict:
    from playwright.sync_api import sync_playwright

    out: dict = {"load": [], "pan": [], "focus": [], "overlays": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            for _ in range(3):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                t0 = time.perf_counter()
                page.goto(path.as_uri())
                page.wait_for_selector("html[data-ready]", state="attached", timeout=60000)
                page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
                out["load"].append(time.perf_counter() - t0)
                drawn = page.evaluate("() => window.systemsmapMap.drawn")
                out["labels"], out["nodes"], out["edges"] = len(drawn["labels"]), drawn["nodes"], drawn["edges"]
                page.close()
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(path.as_uri())
            page.wait_for_selector("html[data-ready]", state="attached", timeout=60000)
            for _ in range(10):
                page.mouse.move(700, 450)
                page.mouse.down()
                page.mouse.move(760, 480, steps=2)
                page.mouse.up()
                out["pan"].append(page.evaluate("() => window.systemsmapMap.redraw()") / 1000)
            ids = page.evaluate("() => window.systemsmapMap.drawn.labels.slice(0, 10).map(l => l.index)")
            for i in ids:
                page.evaluate(f"() => window.systemsmapMap.focus(document.title && {i} >= 0 ? "
                              f"JSON.parse(document.getElementById('sm-data').textContent).nodes.id[{i}] : null)")
                out["focus"].append(page.evaluate("() => window.systemsmapMap.redraw()") / 1000)
            page.evaluate("() => window.systemsmapMap.focus(null)")
            for box in page.locator("input[data-overlay]").all():
                box.check()
            for _ in range(10):
                out["overlays"].append(page.evaluate("() => window.systemsmapMap.redraw()") / 1000)
            page.close()
        finally:
            browser.close()
    return out


def run(n: int, folder: Path) -> None:
    t0 = time.perf_counter()
    net = network(n)
    res = results(net)
    t_results = time.perf_counter() - t0
    pos = sm.plot.layout(net, method="groups", by="group", seed=0)
    t0 = time.perf_counter()
    m = sm.plot.interactive(net, color="group", layout=pos, path=folder / f"map{n}.html", **res)
    t_build = time.perf_counter() - t0
    size = (folder / f"map{n}.html").stat().st_size
    b = browse(folder / f"map{n}.html")
    med = {k: statistics.median(v) for k, v in b.items() if isinstance(v, list)}
    print(f"{n:>6} actors, {len(net.ties)} ties ({m.n_ties} lines), results {t_results:.1f} s, "
          f"page built in {t_build:.2f} s, file {size / 1e6:.2f} MB")
    print(f"        Chromium: load to first frame {med['load']:.2f} s (loads {', '.join(f'{x:.2f}' for x in b['load'])}),"
          f" {b['labels']} names drawn of {b['nodes']}; redraw after pan {med['pan'] * 1000:.0f} ms, "
          f"focused {med['focus'] * 1000:.0f} ms, every overlay on {med['overlays'] * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 actors only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for n in ([1000] if args.quick else [1000, 5000]):
            run(n, Path(tmp))


if __name__ == "__main__":
    main()
