"""systemsmap.homophily: each grouping's homophily with the others held fixed.

The networks here are built so the answer is known: ties drawn inside sectors
only, with regions that overlap the sectors, so region's silo is sector's
shadow; and the reverse.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import systemsmap as sm
from systemsmap.errors import OptionError
from systemsmap.inference import reciprocity
from systemsmap.inference.homophily import verdict


def overlapping(driver: str, seed: int = 0, n: int = 60) -> sm.StakeholderNetwork:
    """60 actors in 3 sectors and 3 regions; 80% of each sector sits in its own region.

    Ties fall inside the ``driver`` grouping with probability 0.25 and across it with 0.02, whatever
    the other grouping.
    """
    rng = np.random.default_rng(seed)
    sector = np.repeat([0, 1, 2], n // 3)
    region = np.where(rng.random(n) < 0.8, sector, rng.integers(0, 3, n))
    group = sector if driver == "sector" else region
    ids = [f"a{i:02d}" for i in range(n)]
    p = np.where(group[:, None] == group[None, :], 0.25, 0.02)
    src, tgt = np.nonzero((rng.random((n, n)) < p) & ~np.eye(n, dtype=bool))
    actors = pd.DataFrame({"id": ids, "sector": [f"s{g}" for g in sector], "region": [f"r{g}" for g in region]})
    ties = pd.DataFrame({"source": np.array(ids)[src], "target": np.array(ids)[tgt]})
    return sm.from_frames(actors, ties, directed=True)


def test_the_grouping_that_drives_ties_is_found():
    net = overlapping("sector")
    rep = sm.homophily(net, ["sector", "region"], permutations=199, seed=1)
    t = rep.table
    assert list(t.index) == ["sector", "region"] and t.index.name == "by"
    assert t.loc["sector", "p_greater"] < 0.05 and t.loc["region", "p_greater"] > 0.05
    # region alone looks like a silo (it overlaps sector); with sector held fixed it mostly vanishes
    assert t.loc["region", "alone_odds_ratio"] > 2 * t.loc["region", "odds_ratio"]
    assert rep.verdict.startswith("The silos follow sector, not region: being in the same sector multiplies")
    assert rep.verdict.endswith("each with the other held fixed.")
    other = sm.homophily(overlapping("region"), ["sector", "region"], permutations=199, seed=1)
    assert other.verdict.startswith("The silos follow region, not sector")


def test_table_is_the_model():
    net = overlapping("sector", seed=2)
    rep = sm.homophily(net, ["sector", "region"], permutations=0)
    fit = sm.mrqap(net, y=sm.relation(), x=[sm.same("sector"), sm.same("region")], model="logit", permutations=0)
    np.testing.assert_allclose(rep.table["estimate"], fit.table["estimate"].iloc[1:])
    np.testing.assert_allclose(rep.table["odds_ratio"], np.exp(fit.table["estimate"].iloc[1:]))
    alone = sm.mrqap(net, y=sm.relation(), x=[sm.same("region")], model="logit", permutations=0)
    assert rep.table.loc["region", "alone_odds_ratio"] == pytest.approx(np.exp(alone.table["estimate"].iloc[1]))
    assert rep.verdict.startswith("Without permutations there is no test")


@pytest.mark.parametrize("row,expected", [
    ({"odds_ratio": [3.0, 2.0], "p_greater": [0.001, 0.01], "p_less": [1, 1]},
     "The silos follow both sector and region, sector the most: being in the same sector multiplies the odds "
     "of a tie by 3.00 (p = 0.001) and being in the same region by 2.00 (p = 0.01), each with the other held fixed."),
    ({"odds_ratio": [1.1, 0.9], "p_greater": [0.3, 0.7], "p_less": [0.7, 0.3]},
     "Neither sector nor region keeps ties inside more than chance once the other is held fixed: being in the same "
     "sector multiplies the odds of a tie by 1.10 (p = 0.30) and being in the same region by 0.90 (p = 0.70), each "
     "with the other held fixed."),
    ({"odds_ratio": [2.5, 0.5], "p_greater": [0.002, 0.99], "p_less": [1, 0.01]},
     "The silos follow sector, not region: being in the same sector multiplies the odds of a tie by 2.50 "
     "(p = 0.002) and being in the same region by 0.50 (p = 0.99), each with the other held fixed; ties cross "
     "region groups more than chance."),
])
def test_verdicts(row, expected):
    assert verdict(pd.DataFrame(row, index=["sector", "region"]), 999) == expected


def test_one_grouping_and_controls():
    net = overlapping("sector", seed=3)
    rep = sm.homophily(net, "sector", controls=[reciprocity], permutations=99, seed=0)
    assert rep.by == ("sector",) and "reciprocity" in rep.model.table.index
    assert rep.verdict.startswith("Ties stay inside sector groups more than chance would give")
    assert "on its own" not in str(rep) and "<table>" in rep._repr_html_()


def test_options():
    net = overlapping("sector")
    with pytest.raises(OptionError, match="each column once"):
        sm.homophily(net, ["sector", "sector"])
    with pytest.raises(OptionError, match="alpha"):
        sm.homophily(net, ["sector"], alpha=1.5)
    with pytest.raises(sm.errors.NotFoundError):
        sm.homophily(net, ["sector", "county"])


def test_silos_points_several_groupings_to_homophily():
    net = overlapping("sector")
    with pytest.raises(OptionError, match=r"homophily\(net, by=\['sector', 'region'\]\)"):
        sm.silos(net, ["sector", "region"])


def test_bundled_example():
    net = sm.load_example("implementation_ecosystem")
    rep = sm.homophily(net, ["sector", "region"], permutations=49, seed=0)
    assert rep.table.loc["sector", "odds_ratio"] > rep.table.loc["region", "odds_ratio"] > 1
    assert repr(rep).startswith("<HomophilyReport by ['sector', 'region']: sector odds ratio")
