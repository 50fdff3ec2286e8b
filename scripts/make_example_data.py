"""Regenerate the bundled example data and the practitioner-format files in data/.

Run from anywhere::

    python scripts/make_example_data.py            # write the files
    python scripts/make_example_data.py --check    # only say whether the files are up to date

Writes (all SYNTHETIC, from ``generate_ecosystem(seed=2024)``):

- ``systemsmap/datasets/implementation-ecosystem/`` (``actors.csv``,
  ``ties.csv``, ``systemsmap.json``): the package data ``load_example`` reads;
- ``data/ecosystem_actors.csv`` and ``data/ecosystem_ties.csv``: the same
  network as a plain pair of CSV files;
- ``data/ecosystem_kumu.xlsx``: a Kumu workbook (``Elements``, ``Connections``);
- ``data/ecosystem_roster_2025.csv``: a roster survey export of wave 2025, one
  row per respondent, one column per actor on the list, collaboration
  frequency as text (never, yearly, monthly, weekly, daily);
- ``data/ecosystem_collaboration_2025.dl``: the 2025 collaboration layer as a
  UCINET DL edge list.

See data/README.md for what each file holds and how it maps to the network.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

import systemsmap as sm  # noqa: E402
from systemsmap.datasets.ecosystem import generate_ecosystem  # noqa: E402
from systemsmap.io import write_ucinet  # noqa: E402

SEED = 2024
PACKAGE_DIR = ROOT / "systemsmap" / "datasets" / "implementation-ecosystem"
DATA_DIR = ROOT / "data"
#: Roster answer labels: the tie weight is the position in this list (never = no tie).
SCALE = ["never", "yearly", "monthly", "weekly", "daily"]
ROSTER_RELATION, ROSTER_WAVE = "collaboration", 2025


def roster_table(net: sm.StakeholderNetwork, relation: str = ROSTER_RELATION, wave=ROSTER_WAVE) -> pd.DataFrame:
    """The roster survey export of one relation in one wave.

    One row per respondent of the wave (``id``, ``name``), one column per actor
    on the wave's list (headed by the actor id), cells the rating as text;
    a respondent's own cell is empty.
    """
    view = net.layer(relation).at(wave)
    actors = view.actors
    ids = actors.index.tolist()
    resp = actors.index[actors["respondent"].to_numpy(dtype=bool)].tolist()
    weight = {(s, t): int(w) for s, t, w in view.ties[["source", "target", "weight"]].itertuples(index=False)}
    rows = []
    for r in resp:
        row = {"id": r, "name": actors.at[r, "label"]}
        for a in ids:
            row[a] = "" if a == r else SCALE[weight.get((r, a), 0)]
        rows.append(row)
    return pd.DataFrame(rows, columns=["id", "name", *ids])


def write_all(package_dir: Path, data_dir: Path) -> sm.StakeholderNetwork:
    """Write every example file; return the network."""
    net = generate_ecosystem(seed=SEED)
    net.to_csv(package_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    net.actors.reset_index().to_csv(data_dir / "ecosystem_actors.csv", index=False)
    # weights are whole numbers (contact frequency 1-4): written as such, as a survey tool would
    net.ties.assign(weight=net.ties["weight"].astype(int)).to_csv(data_dir / "ecosystem_ties.csv", index=False)
    net.to_kumu(data_dir / "ecosystem_kumu.xlsx")
    roster_table(net).to_csv(data_dir / "ecosystem_roster_2025.csv", index=False)
    with warnings.catch_warnings():  # DL keeps ids, ties and weights only, and says so
        warnings.simplefilter("ignore", sm.DataWarning)
        write_ucinet(net.layer(ROSTER_RELATION).at(ROSTER_WAVE), data_dir / "ecosystem_collaboration_2025.dl")
    return net


def _text_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.suffix in (".csv", ".json", ".dl")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="regenerate into a temporary folder and report files that differ (text files only)")
    args = parser.parse_args(argv)
    if not args.check:
        net = write_all(PACKAGE_DIR, DATA_DIR)
        print(f"wrote {PACKAGE_DIR.relative_to(ROOT)}/ and {DATA_DIR.relative_to(ROOT)}/: {net!r}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        write_all(Path(tmp) / "pkg", Path(tmp) / "data")
        stale = []
        for new_dir, old_dir in ((Path(tmp) / "pkg", PACKAGE_DIR), (Path(tmp) / "data", DATA_DIR)):
            for name, content in _text_files(new_dir).items():
                old = old_dir / name
                if not old.exists() or old.read_bytes() != content:
                    stale.append(str(old.relative_to(ROOT)))
    print("up to date" if not stale else "out of date: " + ", ".join(stale))
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
