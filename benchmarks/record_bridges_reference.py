"""Record the picks of ``bridges`` as it was before issue 16 (commit c58d924), for bench_bridges.py.

``python benchmarks/record_bridges_reference.py`` (with the old implementation
importable as ``systemsmap``) writes ``bridges_reference.json``: the ties picked
by ``bridges(net, "group", k=10, objective="efficiency", max_new_per_actor=None)``
on the seeded block-model networks of ``_sbm.py`` (seed 0) with 2,000 and
5,000 actors. bench_bridges.py checks that today's picks are the same.
"""
from __future__ import annotations

import json
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import systemsmap as sm  # noqa: E402

from _sbm import sbm_network  # noqa: E402

SIZES = [(2000, 10000), (5000, 25000)]


def main() -> None:
    out = {}
    for n, m in SIZES:
        net = sbm_network(n, m, groups=5, seed=0, directed=True)
        t0 = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            rec = sm.bridges(net, "group", k=10, objective="efficiency", max_new_per_actor=None)
        out[str(n)] = {"ties": m, "picks": [[s, t] for s, t in zip(rec.source, rec.target)],
                       "gains": rec.gain.tolist(), "seconds": time.perf_counter() - t0}
        print(n, out[str(n)]["seconds"], file=sys.stderr)
    (Path(__file__).resolve().parent / "bridges_reference.json").write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()
