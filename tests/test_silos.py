"""silos() and ei_index(): hand-computed answers, netseg's published values, networkx/igraph cross-checks."""
from __future__ import annotations

import json
import math
import warnings
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import systemsmap as sm
from systemsmap.groups import ei_from_counts, shuffled

from conftest import load_reference

NETSEG = json.loads((Path(__file__).parent / "reference" / "silos_netseg.json").read_text())


def quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        return fn(*args, **kwargs)


def run(net, by, **kw):
    kw.setdefault("permutations", 0)
    kw.setdefault("seed", 1)
    return quiet(sm.silos, net, by, **kw)


# ------------------------------------------------------------------ a 6-actor, 2-group graph by hand
#   gov:  A1 -> A2 -> A3 -> A1          (3 internal arcs)
#   acad: B1 <-> B2                     (2 internal arcs)
#   across: A1 -> B1, B3 -> A3          (2 external arcs)
ACTORS = pd.DataFrame({"id": ["A1", "A2", "A3", "B1", "B2", "B3"],
                       "sector": ["gov", "gov", "gov", "acad", "acad", "acad"]})
ARCS = [("A1", "A2"), ("A2", "A3"), ("A3", "A1"), ("B1", "B2"), ("B2", "B1"), ("A1", "B1"), ("B3", "A3")]
EDGES = [("A1", "A2"), ("A2", "A3"), ("A3", "A1"), ("B1", "B2"), ("A1", "B1"), ("B3", "A3")]


@pytest.fixture
def six_directed():
    return sm.from_frames(ACTORS, pd.DataFrame(ARCS, columns=["source", "target"]), directed=True)


@pytest.fixture
def six_undirected():
    return sm.from_frames(ACTORS, pd.DataFrame(EDGES, columns=["source", "target"]), directed=False)


def test_hand_computed_directed(six_directed):
    r = run(six_directed, "sector")
    # T = 7 arcs, I = 5, E = 2: E-I = (2 - 5) / 7
    assert (r.ties, r.internal, r.external) == (7, 5, 2)
    assert r.ei == pytest.approx(-3 / 7)
    # ordered pairs: 6*5 = 30; inside 3*2 + 3*2 = 12; between 18: (18 - 12) / 30
    assert r.ei_expected == pytest.approx(0.2)
    # 7 ties fit entirely between (18 pairs) or entirely inside (12 pairs): range [-1, 1]
    assert (r.ei_min, r.ei_max) == (-1.0, 1.0)
    assert r.ei_rescaled == pytest.approx(-3 / 7)
    # gov: I = 3 (the cycle), E = 2 (A1->B1, B3->A3): -1/5; acad: I = 2, E = 2: 0
    assert r.group_ei.to_dict() == pytest.approx({"acad": 0.0, "gov": -0.2})
    assert r.group_ties.loc["gov"].tolist() == [3, 2]
    # gov: 5 arcs touch it, chance share inside (n_g - 1) / (2 (N - n_g) + n_g - 1) = 2 / 8 -> E-I 4/8
    assert r.group_ei_expected["gov"] == pytest.approx(0.5)
    # contacts (in or out): A1 {A2, A3, B1} -> (1 - 2)/3; A2 {A1, A3} -> -1; B1 {A1, B2} -> 0 (B2 once);
    # B2 {B1} -> -1; B3 {A3} -> +1
    assert r.actor_ei.to_dict() == pytest.approx(
        {"A1": -1 / 3, "A2": -1.0, "A3": -1 / 3, "B1": 0.0, "B2": -1.0, "B3": 1.0})
    assert r.actor_ei.index.name == "id"
    # sender rows x receiver columns, groups sorted: acad, gov
    assert r.mixing.to_numpy().tolist() == [[2, 1], [1, 3]]
    assert list(r.mixing.index) == ["acad", "gov"]
    # densities: acad->acad 2 / (3*2), acad->gov 1 / 9, gov->gov 3 / 6
    assert r.density.to_numpy() == pytest.approx(np.array([[1 / 3, 1 / 9], [1 / 9, 1 / 2]]))
    # Freeman: expected cross = 7 (36 - 18) / 30 = 4.2; (4.2 - 2) / 4.2
    assert r.segregation == pytest.approx(2.2 / 4.2)
    # Coleman: gov sends 4, 3 inside, expected 4 * 2 / 5 = 1.6: (3 - 1.6) / (4 - 1.6);
    #          acad sends 3, 2 inside, expected 3 * 2 / 5 = 1.2: (2 - 1.2) / (3 - 1.2)
    assert r.coleman.to_dict() == pytest.approx({"acad": 0.8 / 1.8, "gov": 1.4 / 2.4})
    # assortativity: e = [[2,1],[1,3]] / 7, a = b = [3,4] / 7: (5/7 - 25/49) / (1 - 25/49) = 10 / 24
    assert r.assortativity == pytest.approx(10 / 24)
    assert r.sizes.to_dict() == {"acad": 3, "gov": 3}
    assert sm.metrics.ei_index(six_directed, "sector") == pytest.approx(-3 / 7)


def test_hand_computed_undirected(six_undirected):
    r = run(six_undirected, "sector")
    # T = 6 edges, I = 4, E = 2
    assert r.ei == pytest.approx(-2 / 6)
    # unordered pairs: 15; inside 3 + 3 = 6; between 9: (9 - 6) / 15
    assert r.ei_expected == pytest.approx(0.2)
    # gov: I = 3, E = 2; acad: I = 1, E = 2
    assert r.group_ei.to_dict() == pytest.approx({"acad": 1 / 3, "gov": -0.2})
    # each edge counted from both ends: acad-acad 2 (1 edge), across 2 each way, gov-gov 6 (3 edges)
    assert r.mixing.to_numpy().tolist() == [[2, 2], [2, 6]]
    # densities: acad 1 edge of 3 pairs, gov 3 of 3, across 2 of 9
    assert r.density.to_numpy() == pytest.approx(np.array([[1 / 3, 2 / 9], [2 / 9, 1.0]]))
    # Freeman: expected cross = 6 * 18 / 30 = 3.6; (3.6 - 2) / 3.6
    assert r.segregation == pytest.approx(1.6 / 3.6)
    assert r.actor_ei["B1"] == pytest.approx(0.0) and r.actor_ei["B2"] == -1.0


def test_mixing_matches_networkx_convention(six_undirected, six_directed):
    for net, G in ((six_undirected, nx.Graph(EDGES)), (six_directed, nx.DiGraph(ARCS))):
        nx.set_node_attributes(G, dict(zip(ACTORS["id"], ACTORS["sector"])), "sector")
        ref = nx.attribute_mixing_matrix(G, "sector", nodes=None, mapping={"acad": 0, "gov": 1},
                                         normalized=False)
        assert run(net, "sector").mixing.to_numpy() == pytest.approx(ref)


def test_restricted_range_and_rescaling():
    # K4 minus the internal edge c-d, groups {a, b}, {c, d}: T = 5, 2 internal pairs, 4 between.
    # max: E = 4, I = 1 -> 3/5; min: I = 2, E = 3 -> 1/5; observed E = 4, I = 1 -> 3/5 = max -> rescaled 1
    actors = pd.DataFrame({"id": list("abcd"), "g": list("xxyy")})
    ties = pd.DataFrame([("a", "b"), ("a", "c"), ("a", "d"), ("b", "c"), ("b", "d")],
                        columns=["source", "target"])
    r = run(sm.from_frames(actors, ties, directed=False), "g")
    assert r.ei == pytest.approx(0.6)
    assert (r.ei_min, r.ei_max) == pytest.approx((0.2, 0.6))
    assert r.ei_rescaled == pytest.approx(1.0)
    # complete graph: every arrangement is the same, the range is a point and rescaling undefined
    ties = pd.DataFrame([(u, v) for i, u in enumerate("abcd") for v in "abcd"[i + 1:]],
                        columns=["source", "target"])
    r = run(sm.from_frames(actors, ties, directed=False), "g")
    assert r.ei_min == r.ei_max == pytest.approx(1 / 3) and math.isnan(r.ei_rescaled)
    assert r.segregation == pytest.approx(0.0)  # netseg: Freeman is 0 on a full network


# ------------------------------------------------------------------ netseg's published values
def _mutual(net):
    t = net.ties
    pairs = set(zip(t["source"], t["target"]))
    mutual = sorted((a, b) for a, b in pairs if (b, a) in pairs and a < b)
    return quiet(sm.from_frames, net.actors, pd.DataFrame(mutual, columns=["source", "target"]),
                 directed=False)


def test_netseg_white_kinship():
    ref = NETSEG["white_kinship"]
    r = run(load_reference("white_kinship"), "gender")
    assert r.ties == ref["ties"] and r.external == ref["freeman_cross"]
    assert r.segregation == pytest.approx(ref["freeman"], abs=1e-7)
    assert r.assortativity == pytest.approx(ref["assort"], abs=1e-7)


def test_netseg_classroom():
    ref = NETSEG["classroom"]
    r = run(load_reference("classroom"), "gender")
    assert r.mixing.to_dict(orient="index") == ref["mixing"]
    assert r.ei == pytest.approx(ref["ei"], abs=1e-7)
    assert r.coleman.to_dict() == pytest.approx(ref["coleman"], abs=1e-7)
    # netseg's assort symmetrises a directed mixing matrix; ours is Newman's (networkx, igraph): they differ
    m = r.mixing.to_numpy()
    e = (m + m.T) / (2 * m.sum())
    a = e.sum(axis=1)
    assert (np.trace(e) - a @ a) / (1 - a @ a) == pytest.approx(ref["assort_netseg_symmetrised"], abs=1e-7)
    assert r.assortativity != pytest.approx(ref["assort_netseg_symmetrised"], abs=1e-5)


def test_netseg_classroom_mutual():
    ref = NETSEG["classroom_mutual"]
    r = run(_mutual(load_reference("classroom")), "gender")
    assert r.ei == pytest.approx(ref["ei"], abs=1e-7)
    assert r.segregation == pytest.approx(ref["freeman"], abs=1e-7)
    assert r.assortativity == pytest.approx(ref["assort"], abs=1e-7)


def test_netseg_ef3_coleman():
    ref = NETSEG["ef3"]
    r = run(load_reference("ef3"), "race")
    assert {str(k): v for k, v in r.coleman.items()} == pytest.approx(ref["coleman"], abs=1e-7)


def test_netseg_coleman_ring_and_coleman_1958():
    ids = [str(i) for i in range(1, 7)]
    actors = pd.DataFrame({"id": ids, "color": [1, 1, 2, 2, 3, 3]})
    ring = pd.DataFrame({"source": ids, "target": ids[1:] + ids[:1]})
    r = run(sm.from_frames(actors, ring), "color")
    assert r.coleman.tolist() == pytest.approx([NETSEG["coleman_ring"]["coleman"]] * 3)

    boys = [f"b{i}" for i in range(60)]
    girls = [f"g{i}" for i in range(40)]
    actors = pd.DataFrame({"id": boys + girls, "sex": ["boys"] * 60 + ["girls"] * 40})
    arcs = ([(boys[i], boys[i + 1]) for i in range(45)] + [(boys[i], girls[i]) for i in range(15)]
            + [(girls[i], boys[i]) for i in range(20)] + [(girls[i], girls[i + 1]) for i in range(20)])
    with pytest.warns(sm.DataWarning, match=r"33 of 100 actors have no ties: 'b46', 'b47'"):
        net = sm.from_frames(actors, pd.DataFrame(arcs, columns=["source", "target"]))
    r = run(net, "sex")
    assert r.mixing.to_numpy().tolist() == [[45, 15], [20, 20]]
    assert r.coleman.to_dict() == pytest.approx(NETSEG["coleman_1958"]["coleman"], abs=1e-9)


# ------------------------------------------------------------------ networkx / igraph cross-checks
def _nx_graph(net, by):
    G = nx.DiGraph() if net.directed else nx.Graph()
    groups = net.groups(by).series
    G.add_nodes_from((i, {"g": groups[i]}) for i in net.ids)
    p = net._pairs()
    ids = net.ids
    G.add_edges_from(zip(ids[p["s"].to_numpy()], ids[p["t"].to_numpy()]))
    return G


@pytest.mark.parametrize("name, relation, by", [
    ("zachary_karate", None, "club"),
    ("campnet", None, "gender"),
    ("krackhardt_hightech", "advice", "department"),
])
def test_assortativity_and_modularity_agree_with_networkx_and_igraph(name, relation, by):
    net = load_reference(name, relation)
    r = run(net, by)
    G = _nx_graph(net, by)
    assert r.assortativity == pytest.approx(nx.attribute_assortativity_coefficient(G, "g"), abs=1e-12)
    codes = pd.Index(r.sizes.index).get_indexer(net.groups(by).series)
    g = net._graph()
    assert r.assortativity == pytest.approx(g.assortativity_nominal(codes.tolist(), directed=net.directed),
                                            abs=1e-12)
    parts = [set(net.ids[codes == c]) for c in range(len(r.sizes))]
    assert r.modularity == pytest.approx(nx.community.modularity(G, parts), abs=1e-12)
    assert r.ei == pytest.approx(_slow_ei(G, "g"))
    for grp, val in r.group_ei.items():
        assert val == pytest.approx(_slow_group_ei(G, "g", grp))


def _slow_ei(G, attr):
    ext = sum(G.nodes[u][attr] != G.nodes[v][attr] for u, v in G.edges())
    return (2 * ext - G.number_of_edges()) / G.number_of_edges()


def _slow_group_ei(G, attr, grp):
    a = nx.get_node_attributes(G, attr)
    i = sum(a[u] == grp and a[v] == grp for u, v in G.edges())
    e = sum((a[u] == grp) != (a[v] == grp) for u, v in G.edges())
    return (e - i) / (e + i)


def _nmi_ari(x, y):
    """Independent NMI (Danon et al.: 2 I / (H1 + H2)) and ARI (Hubert & Arabie) from a contingency table."""
    c = pd.crosstab(np.asarray(x), np.asarray(y)).to_numpy().astype(float)
    n = c.sum()
    p, px, py = c / n, c.sum(1) / n, c.sum(0) / n
    nz = p > 0
    mi = float((p[nz] * np.log(p[nz] / np.outer(px, py)[nz])).sum())
    h = lambda q: -float((q[q > 0] * np.log(q[q > 0])).sum())  # noqa: E731
    comb = lambda v: v * (v - 1) / 2  # noqa: E731
    idx, a, b = comb(c).sum(), comb(c.sum(1)).sum(), comb(c.sum(0)).sum()
    exp = a * b / comb(n)
    return 2 * mi / (h(px) + h(py)), (idx - exp) / ((a + b) / 2 - exp)


def test_agreement_with_detected_communities(karate):
    r = run(karate, "club", seed=3)
    assert r.communities.equals(sm.communities(karate, seed=3))
    nmi, ari = _nmi_ari(r.communities, r.groups)
    assert r.agreement["nmi"] == pytest.approx(nmi) and r.agreement["ari"] == pytest.approx(ari)
    assert 0.3 < r.agreement["nmi"] <= 1


# ------------------------------------------------------------------ the permutation test
def test_permutation_test_is_seeded(karate):
    a = quiet(sm.silos, karate, "club", permutations=200, seed=7)
    b = quiet(sm.silos, karate, "club", permutations=200, seed=7)
    c = quiet(sm.silos, karate, "club", permutations=200, seed=8)
    assert a.ei_p == b.ei_p and np.array_equal(a.ei_null, b.ei_null)
    assert not np.array_equal(a.ei_null, c.ei_null)
    assert len(a.ei_null) == 200 and a.permutations == 200


def test_permutation_test_finds_karate_factions(karate):
    r = quiet(sm.silos, karate, "club", permutations=999, seed=1)
    assert r.ei < r.ei_expected
    assert r.ei_p == pytest.approx(1 / 1000)  # no relabelling keeps as many ties inside
    assert r.ei_p_high == 1.0
    assert "p = 0.001" in str(r)


def test_permutation_test_not_small_on_random_labels(karate):
    rng = np.random.default_rng(2024)
    actors = karate.actors.assign(coin=rng.choice(["heads", "tails"], len(karate)))
    net = sm.from_frames(actors, karate.ties, directed=False)
    r = quiet(sm.silos, net, "coin", permutations=999, seed=1)
    assert r.ei_p > 0.05 and r.ei_p_high > 0.05


def test_permutation_null_is_centred_on_expected_and_both_kernels_agree(karate):
    # shuffling labels, a tie falls inside with probability sum n_k (n_k - 1) / (N (N - 1)):
    # the permuted E-I average the expected E-I
    r = quiet(sm.silos, karate, "club", permutations=4000, seed=5)
    se = r.ei_null.std() / math.sqrt(len(r.ei_null))
    assert abs(r.ei_null.mean() - r.ei_expected) < 4 * se
    p = karate._pairs()
    s, t = p["s"].to_numpy(), p["t"].to_numpy()
    g = karate.groups("club")
    batched = g.permuted_ei(3000, seed=1).null
    rowwise = g.permuted_ei(3000, seed=1, chunk=1).null   # one permutation per block: the same draws
    np.testing.assert_array_equal(batched, rowwise)
    assert abs(batched.mean() - r.ei_expected) < 4 * batched.std() / math.sqrt(len(batched))
    # one shuffle, checked against a loop
    one = next(shuffled(g.codes, 1, seed=9))[0]
    shuffled_codes = g.codes.copy()
    np.random.default_rng(9).shuffle(shuffled_codes)
    np.testing.assert_array_equal(one, shuffled_codes)
    internal = sum(shuffled_codes[u] == shuffled_codes[v] for u, v in zip(s, t))
    assert g.permuted_ei(1, seed=9).null[0] == pytest.approx((len(s) - 2 * internal) / len(s))


def test_two_cliques_p_value():
    # two disjoint 5-cliques labelled by clique: only the 2 of C(10,5) = 252 labellings that keep the
    # cliques together reach 20 internal ties
    actors = pd.DataFrame({"id": [f"v{i}" for i in range(10)], "g": ["x"] * 5 + ["y"] * 5})
    ties = [(f"v{i}", f"v{j}") for c in (0, 5) for i in range(c, c + 5) for j in range(i + 1, c + 5)]
    net = sm.from_frames(actors, pd.DataFrame(ties, columns=["source", "target"]), directed=False)
    r = quiet(sm.silos, net, "g", permutations=2000, seed=3)
    assert r.ei == -1.0 and r.ei_p_high == 1.0
    assert r.ei_p == pytest.approx(2 / 252, abs=0.006)
    assert r.segregation == 1.0 and r.assortativity == 1.0


def test_no_permutations():
    r = quiet(sm.silos, load_reference("white_kinship"), "gender", permutations=0, seed=1)
    assert math.isnan(r.ei_p) and len(r.ei_null) == 0
    assert "no permutation test" in str(r)


# ------------------------------------------------------------------ report, warnings, edge cases
def test_str_and_html(six_directed):
    actors = ACTORS.assign(sector=["<b>Gov & Co</b>"] * 3 + ["Academia"] * 3)
    net = sm.from_frames(actors, pd.DataFrame(ARCS, columns=["source", "target"]))
    r = quiet(sm.silos, net, "sector", permutations=99, seed=1)
    text = str(r)
    assert "E-I index -0.43" in text and "expected 0.20" in text and "7 directed ties" in text
    assert "Widest gap: <b>Gov & Co</b> and Academia share 2 of 7 ties" in text
    assert "Most inward-looking: <b>Gov & Co</b>" in text
    page = r._repr_html_()
    assert "<b>Gov & Co</b>" not in page and "&lt;b&gt;Gov &amp; Co&lt;/b&gt;" in page
    assert "SiloReport" in repr(r)


def test_role_groups_use_display_names(stakeholder6):
    r = quiet(sm.silos, stakeholder6, "role", permutations=0)
    assert "Lived experience" in str(r)
    assert "lived_experience" in r.group_ei.index


def test_single_actor_group_warns(stakeholder6):
    with pytest.warns(sm.DataWarning, match="single actor"):
        sm.silos(stakeholder6, "sector", permutations=0)


def test_missing_values():
    actors = ACTORS.assign(sector=["gov", None, "gov", "acad", "acad", "acad"])
    net = sm.from_frames(actors, pd.DataFrame(ARCS, columns=["source", "target"]))
    with pytest.raises(sm.DataError, match="A2"):
        sm.silos(net, "sector")
    r = quiet(sm.silos, net, "sector", permutations=0, missing="own_group")
    assert "(missing)" in r.sizes.index


def test_no_ties():
    net = quiet(sm.from_frames, ACTORS, pd.DataFrame({"source": [], "target": []}))
    r = quiet(sm.silos, net, "sector", permutations=10)
    assert r.ties == 0 and math.isnan(r.ei) and math.isnan(r.ei_p) and math.isnan(r.segregation)
    assert r.actor_ei.isna().all() and "no ties" in str(r)
    assert math.isnan(ei_from_counts(0, 0))


def test_single_group():
    net = sm.from_frames(ACTORS.assign(sector="all"), pd.DataFrame(ARCS, columns=["source", "target"]))
    r = quiet(sm.silos, net, "sector", permutations=10, seed=1)
    assert r.ei == -1.0 and r.ei_expected == -1.0 and math.isnan(r.segregation)
    str(r)


# ------------------------------------------------------------------ properties
@st.composite
def small_networks(draw):
    n = draw(st.integers(3, 9))
    directed = draw(st.booleans())
    pairs = [(i, j) for i in range(n) for j in range(n) if i != j and (directed or i < j)]
    chosen = draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=len(pairs), unique=True))
    groups = draw(st.lists(st.sampled_from(["p", "q", "r"]), min_size=n, max_size=n))
    perm = draw(st.permutations(range(n)))
    return n, directed, chosen, groups, perm


def _build(n, directed, chosen, groups, names):
    actors = pd.DataFrame({"id": names, "g": groups})
    ties = pd.DataFrame([(names[i], names[j]) for i, j in chosen], columns=["source", "target"])
    return quiet(sm.from_frames, actors, ties, directed=directed)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_networks())
def test_properties(case):
    n, directed, chosen, groups, perm = case
    names = [f"v{i}" for i in range(n)]
    r = run(_build(n, directed, chosen, groups, names), "g")
    assert -1 <= r.ei <= 1 and r.ei_min - 1e-12 <= r.ei <= r.ei_max + 1e-12
    for s in (r.group_ei, r.actor_ei, r.coleman):
        v = s.dropna()
        assert ((v >= -1 - 1e-12) & (v <= 1 + 1e-12)).all()
    assert r.mixing.to_numpy().sum() == r.ties * (1 if directed else 2)
    # relabel the actors (new ids, new table order): nothing changes
    new = [f"w{perm[i]}" for i in range(n)]
    order = sorted(range(n), key=lambda i: perm[i])
    actors = pd.DataFrame({"id": [new[i] for i in order], "g": [groups[i] for i in order]})
    ties = pd.DataFrame([(new[i], new[j]) for i, j in chosen], columns=["source", "target"])
    r2 = run(quiet(sm.from_frames, actors, ties, directed=directed), "g")
    for attr in ("ei", "ei_expected", "ei_min", "ei_max", "assortativity", "segregation", "modularity"):
        assert getattr(r2, attr) == pytest.approx(getattr(r, attr), nan_ok=True)
    pd.testing.assert_frame_equal(r2.mixing, r.mixing)
    pd.testing.assert_series_equal(r2.coleman, r.coleman)
    pd.testing.assert_series_equal(r2.group_ei, r.group_ei)
    mapped = r.actor_ei.rename(index=dict(zip(names, new)))
    pd.testing.assert_series_equal(r2.actor_ei.sort_index(), mapped.sort_index(), check_index_type=False)
