"""Benchmark: MRQAP and QAP correlation on a 500-actor network.

Run ``python benchmarks/bench_inference.py`` (``--quick`` runs fewer logit
permutations). The network is two seeded stochastic block models on the same
500 actors (benchmarks/_sbm.py): ``advice`` (5,000 ties) and ``collab``
(3,000 ties, another grouping), with a numeric attribute ``years``. The model
regresses advice on the same group, collab, the difference in years and
reciprocity (5 coefficients, 249,500 ordered pairs). It times

* ``mrqap(..., model="ols", null="dsp")`` with 5,000 permutations (the
  target: under 30 s), and with ``null="y"``;
* ``mrqap(..., model="logit", null="dsp")`` with fewer permutations, scaled
  to 5,000;
* ``qap_correlation`` of the two relations with 5,000 permutations;

and, for scale, the obvious implementation of one double-semi-partialling
permutation (permute the residual matrix, refit by least squares), scaled to
5,000 permutations of each term.
"""
from __future__ import annotations

import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import systemsmap as sm  # noqa: E402
from systemsmap.inference import diff, reciprocity, relation, same  # noqa: E402

from _sbm import sbm_network  # noqa: E402

N = 500
PERMUTATIONS = 5000


def network(n: int = N, seed: int = 0) -> sm.StakeholderNetwork:
    """Two relations on the same actors, and a numeric attribute."""
    advice = sbm_network(n, 10 * n, groups=5, p_in_share=0.8, seed=seed)
    collab = sbm_network(n, 6 * n, groups=4, p_in_share=0.7, seed=seed + 1)
    actors = advice.actors
    actors["years"] = np.random.default_rng(seed).integers(0, 30, n).astype(float)
    ties = pd.concat([advice.ties, collab.ties.assign(relation="collab")], ignore_index=True)
    ties = ties.astype({"relation": object})
    return sm.StakeholderNetwork(actors, ties, True)


def naive_dsp_seconds(fit: sm.MRQAPResult, reps: int) -> float:
    """Seconds for ``reps`` permutations of every term the obvious way (numpy lstsq per refit), scaled to 5,000."""
    d = fit.data
    X = np.column_stack([np.ones(len(d)), d.X])
    rng = np.random.default_rng(0)
    t0 = time.perf_counter()
    for k in range(X.shape[1]):
        Z = np.delete(X, k, axis=1)
        res = X[:, k] - Z @ np.linalg.lstsq(Z, X[:, k], rcond=None)[0]
        R = d.full(res)
        for _ in range(reps):
            pi = rng.permutation(len(d.ids))
            W = np.column_stack([Z, R[pi][:, pi][d.source, d.target]])
            np.linalg.lstsq(W, d.y, rcond=None)
    return (time.perf_counter() - t0) * PERMUTATIONS / reps


def timed(fn, *args, **kwargs):
    """The result and the wall-clock seconds; the CPU seconds are printed beside (a busy machine inflates wall time)."""
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn(*args, **kwargs)
    wall = time.perf_counter() - t0
    print(f"  [{fn.__name__}: {wall:.1f} s wall, {time.process_time() - c0:.1f} s CPU]")
    return out, wall


def main() -> None:
    quick = "--quick" in sys.argv
    net = network()
    x = [same("group"), relation("collab"), diff("years"), reciprocity]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        d, t_dyads = timed(sm.dyads, net, *x, y="tie")
        print(f"{N} actors, {len(d):,} ordered pairs, {len(d.names) + 1} coefficients; dyads() {t_dyads:.2f} s")
        fit, t_ols = timed(sm.mrqap, d, permutations=PERMUTATIONS, seed=0)
        print(f"mrqap ols, dsp, {PERMUTATIONS} permutations: {t_ols:6.1f} s (target < 30 s)")
        print(fit.table.round(4).to_string())
        _, t_y = timed(sm.mrqap, d, permutations=PERMUTATIONS, null="y", seed=0)
        print(f"mrqap ols, y,   {PERMUTATIONS} permutations: {t_y:6.1f} s")
        reps = 100 if quick else 500
        _, t_logit = timed(sm.mrqap, d, model="logit", permutations=reps, seed=0)
        print(f"mrqap logit, dsp, {reps} permutations: {t_logit:6.1f} s "
              f"(about {t_logit * PERMUTATIONS / reps:,.0f} s for {PERMUTATIONS})")
        r, t_cor = timed(sm.qap_correlation, net.layer("tie"), net.layer("collab"), permutations=PERMUTATIONS)
        print(f"qap_correlation, {PERMUTATIONS} permutations: {t_cor:6.1f} s (r = {r.correlation:.3f})")
        print(f"obvious loop (lstsq per refit), scaled to {PERMUTATIONS} per term: "
              f"{naive_dsp_seconds(fit, 5):,.0f} s")


if __name__ == "__main__":
    main()
