"""Tests of the bundled examples (systemsmap.datasets) and the files in data/.

The ecosystem is synthetic: these tests check the structure its generator
promises (silos, brokers, routes from lived experience to policy, survey
non-response, turnover), that the shipped files are exactly what the generator
makes, and that every practitioner-format file in data/ loads to the network.
"""
from __future__ import annotations

import importlib.util
import warnings
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import systemsmap as sm
from systemsmap.datasets import ecosystem
from systemsmap.errors import NotFoundError
from systemsmap.datasets.ecosystem import KEY_ACTORS, SECTORS, generate_ecosystem

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
PACKAGE_DATA = ROOT / "systemsmap" / "datasets" / "implementation-ecosystem"
SCALE = ["never", "yearly", "monthly", "weekly", "daily"]


@pytest.fixture(scope="module")
def eco() -> sm.StakeholderNetwork:
    return sm.load_example("implementation_ecosystem")


@pytest.fixture(scope="module")
def script():
    """The data script as a module (it is not part of the package)."""
    spec = importlib.util.spec_from_file_location("make_example_data", ROOT / "scripts" / "make_example_data.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _ei(net: sm.StakeholderNetwork, ties: pd.DataFrame | None = None) -> float:
    """Krackhardt-Stern E-I index by sector, counting every tie row: (E - I) / (E + I)."""
    t = net.ties if ties is None else ties
    sec = net.actors["sector"]
    same = sec.loc[t["source"]].to_numpy() == sec.loc[t["target"]].to_numpy()
    return float(((~same).sum() - same.sum()) / len(same))


# ------------------------------------------------------------------ examples() and load_example()
def test_examples_lists_every_example_with_its_size():
    ex = sm.examples()
    assert ex.index.name == "name"
    assert ex.index.tolist() == ["implementation_ecosystem", "karate_club", "florentine_families"]
    assert ex.columns.tolist() == ["description", "actors", "ties", "directed", "groups"]
    for name, row in ex.iterrows():
        net = sm.load_example(name)
        assert (row["actors"], row["ties"], row["directed"]) == (len(net), len(net.ties), net.directed)
        for col in filter(None, (c.strip() for c in row["groups"].split(","))):
            assert col in net.actors.columns
    assert "SYNTHETIC" in ex.loc["implementation_ecosystem", "description"]


def test_unknown_example_lists_names_closest_first():
    # the house error for a name not found: a NotFoundError, so also a ValueError and a KeyError
    with pytest.raises(NotFoundError, match=r"^'karate' is not a bundled example of systemsmap; it has "
                                               r"'karate_club', .*\(did you mean 'karate_club'\?") as err:
        sm.load_example("karate")
    assert isinstance(err.value, ValueError) and isinstance(err.value, KeyError)
    assert err.value.choices[0] == "karate_club" and err.value.missing == ["karate"]
    # a part of a name is enough to be pointed to it
    with pytest.raises(KeyError, match="did you mean 'implementation_ecosystem'"):
        sm.load_example("ecosystem")
    with pytest.raises(ValueError, match="florentine_families") as err:
        sm.load_example("no such thing")
    assert "did you mean" not in str(err.value) and "systemsmap.examples() describes each" in str(err.value)


def test_names_ignore_case_spaces_and_hyphens(eco):
    assert sm.load_example("Implementation-Ecosystem") == eco
    assert sm.load_example(" karate club ") == sm.load_example("karate_club")


def test_loading_does_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for name in sm.examples().index:
            sm.load_example(name)
        # and not because load_example hides it: the shipped files load cleanly on their own
        sm.read_csv(PACKAGE_DATA)
        generate_ecosystem()


def test_load_example_returns_a_new_network_each_time(eco):
    again = sm.load_example("implementation_ecosystem")
    assert again == eco and again is not eco


# ------------------------------------------------------------------ reproducibility
def test_generator_reproduces_the_shipped_files_exactly(tmp_path, eco):
    net = generate_ecosystem()  # default seed 2024
    assert net == eco
    net.to_csv(tmp_path)
    for name in ("actors.csv", "ties.csv", "systemsmap.json"):
        assert (tmp_path / name).read_bytes() == (PACKAGE_DATA / name).read_bytes(), name


def test_same_seed_same_network_other_seed_other_network():
    a = generate_ecosystem(seed=11)
    assert a == generate_ecosystem(seed=11)
    assert a == generate_ecosystem(seed=np.random.default_rng(11))
    assert a != generate_ecosystem(seed=12)


def test_script_writes_every_file_as_committed(tmp_path, script):
    if not DATA.is_dir():
        pytest.skip("data/ not present (installed package?)")
    script.write_all(tmp_path / "pkg", tmp_path / "data")
    for folder, shipped in ((tmp_path / "pkg", PACKAGE_DATA), (tmp_path / "data", DATA)):
        for p in sorted(folder.iterdir()):
            if p.suffix in (".csv", ".json", ".dl"):  # the workbook carries a timestamp; checked by content below
                assert p.read_bytes() == (shipped / p.name).read_bytes(), p.name


# ------------------------------------------------------------------ the ecosystem's structure
def test_columns_values_and_size(eco):
    a, t = eco.actors, eco.ties
    assert set(a.columns) == {"label", "role", "organisation", "sector", "region", "respondent", "waves"}
    assert t.columns.tolist() == ["source", "target", "relation", "weight", "wave", "evidence"]
    assert eco.directed
    assert 150 <= len(a) <= 250
    assert a.index.is_unique and a["label"].is_unique
    assert set(a["sector"]) == set(SECTORS)
    assert 3 <= a["region"].nunique() <= 4
    assert a["organisation"].value_counts().min() >= 3  # several actors each
    roles = [r for rs in eco.roles() for r in rs]
    assert set(roles) == {"researcher", "implementer", "champion", "policymaker", "funder", "lived_experience"}
    assert (eco.roles().map(len) == 2).sum() >= 10  # some hold two roles
    assert a["respondent"].dtype == bool and 0.7 <= a["respondent"].mean() <= 0.9
    assert set(a["waves"]) == {"2024; 2025", "2024", "2025"}
    assert set(t["relation"]) == {"collaboration", "advice", "evidence", "funding"}
    assert t["wave"].dtype == np.int64 and eco.waves == [2024, 2025]
    assert set(t["weight"]) == {1.0, 2.0, 3.0, 4.0}


def test_no_self_ties_no_duplicates(eco):
    t = eco.ties
    assert not (t["source"] == t["target"]).any()
    assert not t.duplicated(["source", "target", "relation", "wave"]).any()


def test_non_respondents_are_only_named(eco):
    a, t = eco.actors, eco.ties
    silent = a.index[~a["respondent"]]
    assert len(silent) > 20
    assert not t["source"].isin(silent).any()  # they did not answer, so reported no ties
    for wave in eco.waves:
        view = eco.at(wave)
        named = set(view.ties["target"])
        present_silent = view.actors.index[~view.actors["respondent"]]
        assert all(i in named for i in present_silent), wave


def test_ties_only_among_actors_of_their_wave_and_no_isolates(eco):
    a, t = eco.actors, eco.ties
    for wave in eco.waves:
        members = set(a.index[a["waves"].str.contains(str(wave))])
        tw = t[t["wave"] == wave]
        assert set(tw["source"]) <= members and set(tw["target"]) <= members
        view = eco.at(wave)
        assert set(view.ids) == members  # at() finds exactly the wave's actors
        assert members == set(tw["source"]) | set(tw["target"])  # nobody isolated in a wave


def test_turnover_about_ten_percent(eco):
    w = eco.actors["waves"].value_counts()
    n2024 = w["2024; 2025"] + w["2024"]
    assert 0.05 <= w["2024"] / n2024 <= 0.15
    assert 0.05 <= w["2025"] / n2024 <= 0.15
    t = eco.ties
    stay = set(eco.actors.index[eco.actors["waves"] == "2024; 2025"])
    key = ["source", "target", "relation"]
    t24 = t[(t["wave"] == 2024) & t["source"].isin(stay) & t["target"].isin(stay)][key]
    t25 = t[(t["wave"] == 2025)][key]
    kept = t24.merge(t25).shape[0] / len(t24)
    assert 0.4 <= kept <= 0.85  # ties change between waves


def test_sector_silos_loosen_in_2025(eco):
    # Krackhardt-Stern E-I by sector; hand check on a 3-tie toy: 1 external, 2 internal -> (1-2)/3
    toy = sm.from_frames(pd.DataFrame({"id": list("abc"), "sector": ["x", "x", "y"]}),
                         pd.DataFrame({"source": list("aab"), "target": list("bca")}))
    assert _ei(toy) == pytest.approx(-1 / 3)
    ei_all = _ei(eco)
    ei24 = _ei(eco, eco.ties[eco.ties["wave"] == 2024])
    ei25 = _ei(eco, eco.ties[eco.ties["wave"] == 2025])
    assert -0.6 <= ei_all <= -0.4
    assert ei24 < ei25 - 0.05  # cross-sector ties gained in 2025
    # the same on the pairs the metrics see (one tie per ordered pair)
    pairs = eco._pairs()
    sec = eco.actors["sector"].to_numpy()
    same = sec[pairs["s"]] == sec[pairs["t"]]
    assert -0.6 <= ((~same).sum() - same.sum()) / len(same) <= -0.4
    # lived-experience networks are the most closed sector
    t = eco.ties
    by_sector = {s: _ei(eco, t[eco.actors["sector"].loc[t["source"]].to_numpy() == s]) for s in SECTORS}
    assert min(by_sector, key=by_sector.get) == "lived-experience networks"
    assert by_sector["lived-experience networks"] < -0.7


def test_key_brokers_span_sectors_and_lead_betweenness(eco):
    a = eco.actors
    sec = a["sector"]
    for wave in eco.waves:
        t = eco.ties[eco.ties["wave"] == wave]
        for broker in ("AC001", "GV001", "CO001"):
            out = t[t["source"] == broker]
            other = set(sec.loc[out["target"]]) - {sec[broker]}
            assert len(other) >= 3, (broker, wave, other)
        # few others report ties into three or more other sectors (more after the 2025 programme)
        o = t.assign(ss=sec.loc[t["source"]].to_numpy(), ts=sec.loc[t["target"]].to_numpy())
        spans = o[o["ss"] != o["ts"]].groupby("source")["ts"].nunique()
        assert (spans >= 3).sum() <= {2024: 5, 2025: 10}[wave]
    t24 = eco.ties[eco.ties["wave"] == 2024]
    G = nx.DiGraph(list(zip(t24["source"], t24["target"])))
    top3 = pd.Series(nx.betweenness_centrality(G)).sort_values(ascending=False).index[:3]
    assert set(top3) == {"AC001", "GV001", "CO001"}


def test_few_routes_from_lived_experience_to_policymakers(eco):
    t = eco.ties
    le = eco.actors.index[eco.has_role("lived_experience")]
    pm = eco.actors.index[eco.has_role("policymaker")]
    direct = t[t["source"].isin(le) & t["target"].isin(pm)]
    assert sorted(set(direct["source"])) == ["CO001", "LE001"]
    for wave in eco.waves:
        assert 1 <= (direct["wave"] == wave).sum() <= 2
    assert KEY_ACTORS["LE001"][1] == eco.actors.at["LE001", "role"]


def test_champions_reach_policymakers_and_funders_fund_research_and_government(eco):
    a, t = eco.actors, eco.ties
    pm = set(a.index[eco.has_role("policymaker")])
    champs = a.index[eco.has_role("champion") & (a["sector"] == "health services")]
    assert len(champs) >= 3
    for c in champs:
        assert t[(t["source"] == c)]["target"].isin(pm).any(), c
    f = t[t["relation"] == "funding"]
    funders = a.index[eco.roles().str[0] == "funder"]
    to = a.loc[f[f["source"].isin(funders)]["target"], "sector"]
    assert set(to) == {"academia", "government"}
    assert set(f["source"]) <= set(a.index[eco.has_role("funder")])


def test_evidence_ties_list_their_kinds(eco):
    from systemsmap.evidence_kinds import CANONICAL_KINDS, parse_kinds

    t = eco.ties
    ev = t["relation"] == "evidence"
    assert t.loc[~ev, "evidence"].isna().all()  # only evidence ties carry kinds
    kinds = t.loc[ev, "evidence"].map(parse_kinds)
    assert kinds.map(len).min() >= 1
    assert {k for ks in kinds for k in ks} == set(CANONICAL_KINDS)
    assert (t.loc[ev, "evidence"] == kinds.map("; ".join)).all()  # stored in canonical spelling
    # people with lived experience tell their stories; the stories reach policymakers only relayed
    le = eco.has_role("lived_experience")
    first_le = eco.roles().str[0] == "lived_experience"
    told = t[ev & t["source"].isin(eco.ids[first_le])]
    assert told["evidence"].str.contains("lived_experience").all()


def test_evidence_reaches_policymakers_as_built(eco):
    rep = sm.evidence(eco)  # the latest wave
    k = rep.kinds
    assert k.loc["quantitative", "origins_reaching"] >= 5 * k.loc["lived_experience", "origins_reaching"] > 0
    assert k.loc["quantitative", "decision_makers"] > k.loc["lived_experience", "decision_makers"] >= 1
    assert k.loc["lived_experience", "first_hand_share"] == 0  # relayed only
    assert rep.summary["heard_first_hand"] == 2  # CO001 and LE001, by their advice ties


def test_a_few_learning_loops_close_through_champions(eco):
    lo = sm.loops(eco.layer("evidence"), through=["researcher", "implementer; champion", "policymaker"])
    champions = set(eco.ids[eco.has_role("champion")])
    assert 2 <= len(lo.loops) <= 8
    assert sum(bool(champions & set(a)) for a in lo.loops["actors"]) >= 2
    assert lo.summary["open"].iloc[0] > 0  # and some chains stay open
    feedback = eco.ties[(eco.ties["relation"] == "evidence") & eco.ties["source"].isin(eco.ids[eco.has_role(
        "policymaker")]) & eco.ties["target"].isin(eco.ids[eco.has_role("researcher")])]
    assert feedback["evidence"].str.contains("policy").all()


def test_generator_options_change_what_they_say():
    low = generate_ecosystem(seed=3, response_rate=0.5)
    assert low.actors["respondent"].mean() < 0.65
    none = generate_ecosystem(seed=3, turnover=0.0)
    assert set(none.actors["waves"]) == {"2024; 2025"}


# ------------------------------------------------------------------ classic networks
def test_karate_club_is_networkx_with_factions():
    net = sm.load_example("karate_club")
    G = nx.karate_club_graph()
    assert not net.directed and len(net) == 34 and len(net.ties) == 78
    assert net.ids.tolist() == [str(n) for n in G.nodes()]
    assert net.actors["club"].to_dict() == {str(n): d["club"] for n, d in G.nodes(data=True)}
    mine = {frozenset((s, t)): w for s, t, w in net.ties[["source", "target", "weight"]].itertuples(index=False)}
    assert mine == {frozenset((str(u), str(v))): float(d["weight"]) for u, v, d in G.edges(data=True)}
    assert net.groups("club").sizes.to_dict() == {"Mr. Hi": 17, "Officer": 17}


def test_florentine_families_is_networkx_without_invented_attributes():
    net = sm.load_example("florentine_families")
    G = nx.florentine_families_graph()
    assert not net.directed and len(net) == 15 and len(net.ties) == 20
    assert set(net.actors.columns) == {"label", "role"}
    assert net.actors["role"].isna().all()
    assert (net.actors["label"] == net.ids).all()
    assert {frozenset(e) for e in zip(net.ties["source"], net.ties["target"])} == \
        {frozenset(e) for e in G.edges()}
    assert net.relations == ["marriage"]


# ------------------------------------------------------------------ the practitioner files in data/
@pytest.fixture(scope="module")
def data_dir() -> Path:
    if not DATA.is_dir() or not (DATA / "ecosystem_ties.csv").exists():
        pytest.skip("data/ not present (installed package?)")
    return DATA


def _tie_set(net: sm.StakeholderNetwork) -> pd.DataFrame:
    cols = ["source", "target", "relation", "weight"]
    return net.ties[cols].sort_values(cols).reset_index(drop=True)


def test_csv_pair_is_the_network(data_dir, eco):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        net = sm.read_csv(data_dir / "ecosystem_ties.csv", data_dir / "ecosystem_actors.csv")
    assert net == eco


def test_kumu_workbook_is_the_network(data_dir, eco):
    assert sm.read_kumu(data_dir / "ecosystem_kumu.xlsx") == eco


def test_roster_is_collaboration_2025(data_dir, eco):
    view = eco.layer("collaboration").at(2025)
    with warnings.catch_warnings():
        # three actors of 2025 have no collaboration tie (only other relations): legal, warned about
        warnings.simplefilter("ignore", sm.DataWarning)
        net = sm.read_roster(data_dir / "ecosystem_roster_2025.csv", relation="collaboration", scale=SCALE)
    raw = pd.read_csv(data_dir / "ecosystem_roster_2025.csv", dtype=str)
    assert raw.shape == (int(view.actors["respondent"].sum()), 2 + len(view))
    assert set(raw.iloc[:, 2:].stack().dropna().unique()) <= set(SCALE)
    assert set(net.ids) == set(view.ids)
    resp = net.actors["respondent"]
    assert resp.to_dict() == view.actors["respondent"].loc[resp.index].to_dict()
    assert _tie_set(net).equals(_tie_set(view))
    names = net.actors.loc[resp, "name"]
    assert (names == view.actors.loc[names.index, "label"]).all()


def test_ucinet_file_is_collaboration_2025(data_dir, eco):
    view = eco.layer("collaboration").at(2025)
    with warnings.catch_warnings():  # the same three actors without collaboration ties
        warnings.simplefilter("ignore", sm.DataWarning)
        net = sm.read_ucinet(data_dir / "ecosystem_collaboration_2025.dl", directed=True,
                             relation="collaboration")
    assert net.ids.tolist() == view.ids.tolist()
    assert _tie_set(net).equals(_tie_set(view))


def test_data_readme_documents_every_file(data_dir):
    readme = (data_dir / "README.md").read_text(encoding="utf-8")
    for p in data_dir.iterdir():
        if p.name != "README.md":
            assert p.name in readme, p.name
    assert "synthetic" in readme.lower() and "seed" in readme


def test_module_docstring_tells_the_data_is_synthetic():
    assert "Synthetic data" in ecosystem.__doc__
