"""Benchmark: how ``bridges(k=10)`` grows with the network (issue 16), one process per size.

Run ``python benchmarks/bench_bridges_scale.py`` (``--quick``: 1k, 2k and 5k
actors only; ``--sizes 1000,2000``: those sizes). Each size runs in its own
process, so that peak memory and caches are those of that size alone.

Networks are the seeded block models of ``_sbm.py`` (5 groups, 80% of ties
inside groups, seed 0, directed; bridges works on the undirected version) with
five ties per actor (average degree 10): 1k/5k, 2k/10k, 5k/25k, 10k/50k and
20k/100k actors/ties. Each process times ``bridges(net, "group", k=10)`` with
the defaults (objective ``"silos"``, introductions only, cap 2) and reports
wall time, CPU time (``time.process_time``: what a shared machine's load
does not inflate), peak memory (ru_maxrss) and the number of candidates. At 2,000
actors (and 5,000 with ``--check5k``) it also runs the exact greedy of
before issue 16 (``objective="efficiency", max_new_per_actor=None``) and
checks the picks against ``bridges_reference.json``, recorded from the
previous implementation by ``record_bridges_reference.py``.

The growth exponent is the least-squares slope of log(CPU time) on log(ties)
over the sizes run (issue 16 asks for under 1.3 over 1k-20k, 10k under 20 s
and 20k under 60 s).
"""
from __future__ import annotations

import json
import math
import resource
import subprocess
import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

SIZES = [(1000, 5000), (2000, 10000), (5000, 25000), (10000, 50000), (20000, 100000)]


def one(n: int, m: int, check: bool) -> dict:
    """Time bridges on one network (in this process); with ``check``, compare with the recorded picks."""
    import systemsmap as sm
    from _sbm import sbm_network

    net = sbm_network(n, m, groups=5, seed=0, directed=True)
    out: dict = {"n": n, "m": m}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t0, c0 = time.perf_counter(), time.process_time()
        rec = sm.bridges(net, "group", k=10, progress=False)
        out["seconds"] = time.perf_counter() - t0
        out["cpu_seconds"] = time.process_time() - c0
        out["candidates"] = int(rec.attrs["n_candidates"])
        out["picks"] = len(rec)
        if check:
            ref = json.loads((HERE / "bridges_reference.json").read_text())[str(n)]
            t0, c0 = time.perf_counter(), time.process_time()
            eff = sm.bridges(net, "group", k=10, objective="efficiency", max_new_per_actor=None, progress=False)
            out["check_seconds"] = time.perf_counter() - t0
            out["check_cpu_seconds"] = time.process_time() - c0
            out["check_reference_seconds"] = ref["seconds"]
            out["same_picks"] = [list(p) for p in zip(eff.source, eff.target)] == ref["picks"]
            out["gains_close"] = all(math.isclose(a, b, rel_tol=1e-9) for a, b in zip(eff.gain, ref["gains"]))
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def main(argv: list[str]) -> None:
    sizes = SIZES[:3] if "--quick" in argv else SIZES
    if "--sizes" in argv:
        wanted = {int(x) for x in argv[argv.index("--sizes") + 1].split(",")}
        sizes = [s for s in SIZES if s[0] in wanted]
    checks = {2000} | ({5000} if "--check5k" in argv else set())
    print(f"bridges(k=10) scale benchmark, {time.strftime('%Y-%m-%d %H:%M')}, one process per size")
    rows = []
    for n, m in sizes:
        cmd = [sys.executable, __file__, "--one", str(n), str(m)] + (["--check"] if n in checks else [])
        res = subprocess.run(cmd, capture_output=True, text=True, check=True)
        r = json.loads(res.stdout.strip().splitlines()[-1])
        rows.append(r)
        line = (f"{n:>6} actors / {m:>7} ties: {r['seconds']:8.2f} s wall, {r['cpu_seconds']:8.2f} s CPU, "
                f"peak {r['peak_mb']:6.0f} MB, "
                f"{r['candidates']:>7} candidates, {r['picks']} picks")
        if "same_picks" in r:
            line += (f"; exact greedy (efficiency, no cap) {r['check_seconds']:.2f} s wall, "
                     f"{r['check_cpu_seconds']:.2f} s CPU (previous implementation {r['check_reference_seconds']:.2f} s "
                     "wall when recorded), "
                     f"same picks as recorded: {r['same_picks']}, same gains: {r['gains_close']}")
        print(line, flush=True)
    if len(rows) >= 2:
        xs = [math.log(r["m"]) for r in rows]
        ys = [math.log(r["cpu_seconds"]) for r in rows]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
        print(f"growth exponent (least squares of log CPU time on log ties, {rows[0]['n']}-{rows[-1]['n']} actors): "
              f"{slope:.2f}")
        for a, b in zip(rows, rows[1:]):
            print(f"  local exponent {a['n']}->{b['n']}: "
                  f"{math.log(b['cpu_seconds'] / a['cpu_seconds']) / math.log(b['m'] / a['m']):.2f}")


if __name__ == "__main__":
    if "--one" in sys.argv:
        i = sys.argv.index("--one")
        print(json.dumps(one(int(sys.argv[i + 1]), int(sys.argv[i + 2]), "--check" in sys.argv)))
    else:
        main(sys.argv[1:])
