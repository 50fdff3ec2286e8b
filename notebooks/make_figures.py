"""Save the bundled example's figures: the maps, the mixing heatmap, the charts, the waves and the interactive map.

Usage::

    python notebooks/make_figures.py [FOLDER] [--by COLUMN] [--dpi N]

FOLDER defaults to ``notebooks/figures/`` (ignored by git: the figures are
made from the code, so they are never committed). Every figure is drawn on
``sm.load_example("implementation_ecosystem")`` with the same seed, so two
runs give the same pictures. The files:

- ``map_groups.png``: the network coloured and hulled by sector, node size by betweenness;
- ``map_bridges.png``: the same map with the five recommended bridges dashed and numbered;
- ``mixing_heatmap.png``: block densities of ties between sectors;
- ``brokerage_chart.png``: the top brokers and their Gould-Fernandez roles;
- ``centrality_chart.png``: the top actors by betweenness;
- ``waves.png``: the two survey waves on one layout, ties gained and lost;
- ``map_interactive.html``: the interactive map, one offline file, with every finding as an overlay
  (``notebooks/screenshots.py`` photographs it in Chromium).
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import systemsmap as sm  # noqa: E402

HERE = Path(__file__).resolve().parent
SEED = 0


def _save(fig, path: Path, dpi: int) -> None:
    fig.savefig(path, dpi=dpi, bbox_inches="tight", facecolor="white")
    plt.close(fig)


def make_figures(folder: Path, *, by: str = "sector", dpi: int = 150) -> list[Path]:
    """Draw every figure of the example into ``folder``; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    net = sm.load_example("implementation_ecosystem")
    betweenness = sm.centrality(net)["betweenness"]
    rec = sm.bridges(net, by, k=5)
    positions = sm.plot.layout(net, method="groups", by=by, seed=SEED)  # one layout for every map
    written = []

    def out(name: str) -> Path:
        written.append(folder / name)
        return folder / name

    fig, ax = plt.subplots(figsize=(11, 8.6))
    sm.plot.network_map(net, color=by, groups=by, size=betweenness, layout=positions, ax=ax,
                        title=f"Implementation ecosystem by {by} (size: betweenness)")
    _save(fig, out("map_groups.png"), dpi)

    fig, ax = plt.subplots(figsize=(11, 8.6))
    sm.plot.network_map(net, color=by, groups=by, size=betweenness, layout=positions, highlight=rec, ax=ax,
                        title=f"The {len(rec)} recommended introductions between {by} groups")
    _save(fig, out("map_bridges.png"), dpi)

    rep = sm.silos(net, by, permutations=0)
    k = len(rep.mixing)
    fig, ax = plt.subplots(figsize=(max(5.0, 0.9 * k + 3.0), max(4.0, 0.8 * k + 2.2)))
    sm.plot.mixing_heatmap(rep, ax=ax)
    _save(fig, out("mixing_heatmap.png"), dpi)

    fig, ax = plt.subplots(figsize=(8, 0.34 * 15 + 1.7))
    sm.plot.brokerage_chart(net, by, top=15, ax=ax)
    _save(fig, out("brokerage_chart.png"), dpi)

    fig, ax = plt.subplots(figsize=(8, 0.34 * 15 + 1.7))
    sm.plot.centrality_chart(net, "betweenness", values=betweenness, color=by, top=15, ax=ax)
    _save(fig, out("centrality_chart.png"), dpi)

    axes = sm.plot.waves(net, by=by, layout=positions, seed=SEED)
    fig = axes[0].figure
    _save(fig, out("waves.png"), dpi)

    findings = {"bridges": rec, "brokerage": sm.brokerage(net, by), "champions": sm.champions(net, by=by),
                "voice": sm.voice(net), "vulnerabilities": sm.vulnerabilities(net, by),
                "change": sm.compare(net, waves=tuple(net.waves[:2]), permutations=0)}
    sm.plot.interactive(net, color=by, groups=by, size=betweenness, layout=positions,
                        title="Implementation ecosystem", path=out("map_interactive.html"), **findings)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=HERE / "figures",
                        help="where to write the figures (default: notebooks/figures/)")
    parser.add_argument("--by", default="sector", help="the actor column of the groups (default: sector)")
    parser.add_argument("--dpi", type=int, default=150, help="resolution of the PNG files (default: 150)")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    for path in make_figures(args.folder, by=args.by, dpi=args.dpi):
        print(path)
    print(f"{time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
