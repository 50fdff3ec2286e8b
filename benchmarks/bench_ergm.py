"""Benchmark: an exponential random graph model fitted by MCMC maximum likelihood.

Run ``python benchmarks/bench_ergm.py`` (``--quick`` skips the 500-actor network).
For each network size it fits ``edges + nodematch('group') + mutual + gwesp(0.5)``
with the defaults of :func:`systemsmap.ergm` (1,024 networks per iteration,
1,024 toggles between them, a four times larger last sample, the
log-likelihood by bridge sampling) on a seeded stochastic block model network
(``_sbm.py``, directed, five groups, 80% of ties within a group) and reports
the time, the iterations, the coefficients and the largest
convergence t-ratio. The issue's target: 200 actors under 60 s.
"""
from __future__ import annotations

import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import systemsmap as sm  # noqa: E402

from _sbm import sbm_network  # noqa: E402

TERMS = "edges + nodematch('group') + mutual + gwesp(0.5)"


def bench(n: int, m: int) -> None:
    net = sbm_network(n, m, groups=5, p_in_share=0.8, seed=0, directed=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", sm.DataWarning)
        t0 = time.perf_counter()
        fit = sm.ergm(net, TERMS, seed=0)
        took = time.perf_counter() - t0
    worst = fit.diagnostics["t_ratio"].abs().max()
    coefs = ", ".join(f"{k} {v:.2f}" for k, v in fit.coef.items())
    print(f"{n:>5} actors {m:>6} ties | {took:6.1f} s, {fit.iterations} iterations, "
          f"converged {fit.converged}, "
          f"largest |t-ratio| {worst:.3f} | {coefs}"
          + (f" | warnings: {[str(w.message)[:60] for w in caught]}" if caught else ""))


def main() -> None:
    sizes = [(200, 800)]
    if "--quick" not in sys.argv:
        sizes.append((500, 2000))
    for n, m in sizes:
        bench(n, m)


if __name__ == "__main__":
    main()
