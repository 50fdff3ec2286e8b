"""The public names and parameters of ../shared/DESIGN.md: outside code calls exactly these."""
from __future__ import annotations

import inspect

import pytest

import systemsmap as sm

# name -> parameters DESIGN.md promises (more may follow, none may be renamed)
CONTRACT = {
    "from_frames": ["actors", "ties", "directed", "columns"],
    "read_csv": ["ties", "actors", "directed", "columns"],
    "read_excel": ["path", "actors_sheet", "ties_sheet", "directed"],
    "read_kumu": ["path"],
    "read_roster": ["path", "id_column", "relation", "scale", "threshold"],
    "read_matrix": ["path"], "read_ucinet": ["path"], "read_graphml": ["path"], "read_gexf": ["path"],
    "read_pajek": ["path", "directed", "relation"],
    "from_networkx": ["G"], "from_igraph": ["g"], "load_example": ["name"], "examples": [],
    "summary": ["net"], "centrality": ["net", "weight", "sample", "seed"],
    "brokerage": ["net", "by", "stat", "level"], "structural_holes": ["net", "weight", "scope"],
    "silos": ["net", "by", "permutations", "seed"], "communities": ["net", "method", "seed"],
    # bridges makes no random choice (equal gains are broken by id), so it takes no seed
    "bridges": ["net", "by", "k", "objective", "candidates", "max_new_per_actor", "exclude", "only"],
    "key_players": ["net", "k", "objective", "m", "seed"], "vulnerabilities": ["net", "by"],
    "champions": ["net", "target", "top"], "voice": ["net", "source", "target", "max_steps"],
    "evidence": ["net", "to", "kinds", "max_steps"], "loops": ["net", "through", "max_length"],
    "combine_evidence": ["networks"],
    "compare": ["before", "after", "by", "waves"], "response": ["net", "by"],
    "impute": ["net", "method", "rule"], "robustness": ["net", "metric", "drop", "repeats", "seed"],
    "tie_quality": ["net", "columns", "by"], "pseudonymise": ["net", "salt", "keep"],
    "suppress_small": ["table", "min_size"], "disclosure_risk": ["net", "quasi_identifiers"],
    "report": ["net", "by", "path", "title", "relation", "pseudonymise", "min_group_size"],
}
PLOT = {
    "network_map": ["net", "color", "size", "layout", "highlight", "groups", "labels", "ax", "seed"],
    "mixing_heatmap": ["report", "normalize", "ax"], "waves": ["net", "by", "ax"],
    "interactive": ["net", "color", "size", "path"], "brokerage_chart": [], "centrality_chart": [],
    "layout": ["net"], "evidence_chart": ["report", "ax"], "loop_diagram": ["loops", "ax"],
}
METHODS = ["to_csv", "to_excel", "to_kumu", "to_graphml", "to_gexf", "to_pajek", "to_networkx", "to_igraph",
           "layer", "at", "subset", "where"]


#: net.groups(by) -> Groups (DESIGN: codes, labels, display names, the missing marker, E-I whole/group/actor/permuted)
GROUPS = ["by", "series", "labels", "codes", "sizes", "names", "name", "members", "inside", "ei", "group_ties",
          "group_ei", "actor_ei", "permuted_ei"]


def _check(fn, params):
    sig = inspect.signature(fn).parameters
    missing = [p for p in params if p not in sig]
    assert not missing, f"{fn.__name__} lacks {missing}"
    assert fn.__doc__ and "Parameters" in fn.__doc__ or not params, f"{fn.__name__} has no numpydoc Parameters"


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_top_level_names(name):
    assert name in sm.__all__
    _check(getattr(sm, name), CONTRACT[name])


@pytest.mark.parametrize("name", sorted(PLOT))
def test_plot_names_reachable_as_attribute(name):
    _check(getattr(sm.plot, name), PLOT[name])          # no explicit import of systemsmap.plot needed


def test_methods_and_errors():
    for m in METHODS:
        assert callable(getattr(sm.StakeholderNetwork, m)), m
    assert issubclass(sm.DataError, sm.SystemsMapError) and issubclass(sm.DataError, ValueError)
    assert sm.errors.DataError is sm.DataError
    keys = ["actors", "ties", "density", "reciprocity", "transitivity", "components", "largest_component_share",
            "degree_centralization", "betweenness_centralization", "mean_distance", "diameter", "response_rate"]
    assert sm.summary(sm.load_example("karate_club")).index[:12].tolist() == keys   # reciprocity NaN: undirected


def test_result_shapes():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        net = sm.load_example("implementation_ecosystem")
        rep = sm.silos(net, "sector", permutations=10, seed=0)
        for a in ["ei", "ei_expected", "ei_p", "group_ei", "actor_ei", "mixing", "density", "assortativity",
                  "segregation", "coleman", "modularity", "agreement", "group_ei_p"]:
            assert hasattr(rep, a), a
        assert rep.group_ei_p.index.equals(rep.group_ei.index)
        assert str(rep) and rep._repr_html_()
        assert list(sm.brokerage(net, "sector").columns[:6]) == [
            "coordinator", "itinerant", "representative", "gatekeeper", "liaison", "total"]
        assert len(sm.brokerage(net, "sector", level="network")) == 1
        assert {"constraint", "effective_size", "efficiency", "hierarchy"} <= set(sm.structural_holes(net).columns)
        assert {"in_degree", "out_degree", "betweenness", "closeness", "harmonic", "eigenvector",
                "pagerank"} <= set(sm.centrality(net).columns)
        assert "seed" not in __import__("inspect").signature(sm.bridges).parameters
        b = sm.bridges(net, "sector", k=2)
        assert list(b.columns[:8]) == ["source", "target", "source_group", "target_group", "gain",
                                       "objective_after", "introducer", "reason"]
        kp = sm.key_players(net, 2, seed=0)
        assert isinstance(kp.actors, list) and isinstance(kp.score, float) and len(kp.contributions) >= 2
        v = sm.voice(net)
        assert {"distance", "within_2", "within_max", "disjoint_paths"} <= set(v.actors.columns)
        assert hasattr(v, "carriers") and str(v)
        c = sm.compare(net, waves=(2024, 2025))
        assert isinstance(c.actors_joined, list) and isinstance(c.actors_left, list)
        for a in ["ties_gained", "ties_lost", "ties_kept"]:
            assert {"source", "target"} <= set(getattr(c, a).columns), a
        assert list(c.summary_change.columns[:3]) == ["before", "after", "change"] and str(c)
        pnet, key = sm.pseudonymise(net, salt="x")
        assert len(pnet) == len(net) and len(key) == len(net)


def test_groups_shape():
    from systemsmap.groups import MISSING, Groups, PermutedEI

    net = sm.load_example("implementation_ecosystem")
    assert list(inspect.signature(sm.StakeholderNetwork.groups).parameters) == ["self", "by", "missing"]
    g = net.groups("sector")
    assert isinstance(g, Groups) and MISSING == "(missing)"
    for a in GROUPS:
        assert hasattr(g, a), a
    assert list(inspect.signature(Groups.permuted_ei).parameters)[:3] == ["self", "permutations", "seed"]
    assert len(g.codes) == len(net) and g.series.index.equals(net.ids) and list(g.sizes.index) == list(g.labels)
    assert isinstance(g.ei(), float) and g.group_ei().index.equals(g.labels) and g.actor_ei().index.equals(net.ids)
    r = g.permuted_ei(5, seed=0)
    assert isinstance(r, PermutedEI) and len(r.null) == 5 and r.group_p.index.equals(g.labels)
