"""Benchmark: drawing maps of large networks (issue: a 5,000-actor map in under 15 s).

Run ``python benchmarks/bench_plot.py`` (``--quick`` for 1,000 actors only). For
each seeded stochastic block model (5 groups, 5 ties per actor) it times, in one
run so the figures compare as ratios:

* ``layout(net)`` (seeded force-directed, igraph's Fruchterman-Reingold) and
  ``layout(net, method="groups", by="group")``;
* ``network_map(net, color="group", size=betweenness, groups="group")`` drawn
  and saved to PNG at 150 dpi, from a fresh layout and with the layout passed in;
* the obvious networkx drawing for comparison: ``nx.spring_layout`` (seeded)
  plus ``nx.draw_networkx`` of the same graph, saved the same way;
* ``interactive(net, path=...)``: the self-contained HTML map, and its size.

Timings include matplotlib's rendering (``savefig``), since that is what a user
waits for.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import systemsmap as sm  # noqa: E402
from _sbm import sbm_network  # noqa: E402


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def run(n: int, out: Path) -> None:
    net = sbm_network(n, 5 * n, seed=1, directed=False)
    b = sm.centrality(net, sample=min(n, 256), seed=0)["betweenness"]

    t_force, pos = timed(lambda: sm.plot.layout(net, seed=0))
    t_groups, _ = timed(lambda: sm.plot.layout(net, method="groups", by="group", seed=0))

    def draw(layout=None):
        fig, ax = plt.subplots(figsize=(10, 8))
        sm.plot.network_map(net, color="group", size=b, groups="group", layout=layout, ax=ax, seed=0)
        fig.savefig(out / f"map_{n}.png", dpi=150)
        plt.close(fig)

    t_map, _ = timed(draw)
    t_map_fixed, _ = timed(lambda: draw(pos))

    def nx_draw():
        G = net.to_networkx()
        p = nx.spring_layout(G, seed=0)
        fig, ax = plt.subplots(figsize=(10, 8))
        nx.draw_networkx(G, p, ax=ax, node_size=20, with_labels=False, width=0.3)
        fig.savefig(out / f"nx_{n}.png", dpi=150)
        plt.close(fig)

    t_nx, _ = timed(nx_draw)
    html = out / f"map_{n}.html"
    t_int, _ = timed(lambda: sm.plot.interactive(net, color="group", size=b, path=str(html), seed=0))
    print(f"{n:>6} actors {net.ties.shape[0]:>7} ties | layout force {t_force:6.2f} s, groups {t_groups:6.2f} s"
          f" | network_map {t_map:6.2f} s (layout given {t_map_fixed:6.2f} s)"
          f" | networkx spring+draw {t_nx:6.2f} s (ratio {t_nx / t_map:5.1f}x)"
          f" | interactive {t_int:6.2f} s, {html.stat().st_size / 1e6:.1f} MB", flush=True)


def main() -> None:
    sizes = [1000] if "--quick" in sys.argv else [1000, 5000]
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            run(n, Path(tmp))


if __name__ == "__main__":
    main()
