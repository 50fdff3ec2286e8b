"""Exponential random graph models: terms, change statistics, estimation, simulation, goodness of fit.

Where the expected values come from:
- statistics and change statistics of every term: computed by hand on the tiny
  graphs drawn in each test (gwesp and the gw degrees with decay log 2, so
  that r = 1 - e^-a = 1/2 and the weights are simple fractions);
- the sampler: exact expectations by enumerating every network on 4 and 5 actors;
- dyad-independent models: R's glm (tests/reference/ergm_glm.R and its output
  ergm_glm.csv) and scipy's BFGS on the dyads' log-likelihood;
- edges + mutual (+ dyad covariates): the exact likelihood, which factorises
  over pairs of actors, maximised with scipy;
- models with mutual and gwesp: the defining property of the MLE (simulated
  statistics average to the observed ones) and agreement across seeds.
"""
from __future__ import annotations

import itertools
import math
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import optimize

import systemsmap as sm
from systemsmap.errors import DataError, NotFoundError, OptionError
from systemsmap.inference import _ergm_fit as F
from systemsmap.inference import _ergm_terms as T

from conftest import load_reference

REFERENCE = Path(__file__).resolve().parent / "reference"
LOG2 = math.log(2.0)


def _net(actors: dict, ties: list, directed: bool) -> sm.StakeholderNetwork:
    frame = pd.DataFrame(actors)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)  # isolated actors in tiny graphs
        return sm.from_frames(frame, pd.DataFrame(ties, columns=["source", "target"]), directed=directed)


def _model(net: sm.StakeholderNetwork, terms) -> F.Model:
    bound = T.bind_terms(T.parse_terms(terms), net, net.ids, net.directed)
    p = net._pairs()
    return F.Model(bound, len(net), net.directed, p["s"].to_numpy(), p["t"].to_numpy())


def _change(model: F.Model, i: int, j: int) -> np.ndarray:
    z, _ = model.design()
    di, dj = T.all_dyads(model.n, model.directed)
    return z[np.flatnonzero((di == min(i, j) if not model.directed else di == i)
                            & (dj == max(i, j) if not model.directed else dj == j))[0]]


# ---------------------------------------------------------------------------- tiny directed graph
@pytest.fixture
def tiny_directed() -> sm.StakeholderNetwork:
    """a<->b, b->c, a->c, c->d; groups x x y y; values 1 2 4 7."""
    return _net({"id": list("abcd"), "g": list("xxyy"), "v": [1, 2, 4, 7]},
                [("a", "b"), ("b", "a"), ("b", "c"), ("a", "c"), ("c", "d")], directed=True)


DIRECTED_TERMS = ["edges", "mutual", "nodematch('g')", "nodematch('g', diff=True)", "nodefactor('g')",
                  "nodecov('v')", "absdiff('v')", "triangle", f"gwesp({LOG2})", f"gwidegree({LOG2})",
                  f"gwodegree({LOG2})"]
#: statistic(s), change for adding c->b, change for adding d->a (hand-computed; see the module docstring)
DIRECTED_EXPECTED = {
    "edges": ([5], [1], [1]),
    "mutual": ([1], [1], [0]),                 # a<->b; c->b reciprocates b->c
    "nodematch('g')": ([3], [0], [0]),         # a->b, b->a, c->d
    "nodematch('g', diff=True)": ([2, 1], [0, 0], [0, 0]),
    "nodefactor('g')": ([4], [1], [1]),        # ends in group y (x is the reference)
    "nodecov('v')": ([28], [6], [8]),
    "absdiff('v')": ([10], [2], [6]),
    "triangle": ([2], [2], [1]),               # transitive a->b->c & a->c, b->a->c & b->c; no cycle yet
    f"gwesp({LOG2})": ([2], [1], [0]),         # b->c and a->c have one partner each
    f"gwidegree({LOG2})": ([4.5], [0.5], [0.5]),  # in-degrees 1 1 2 1
    f"gwodegree({LOG2})": ([4], [0.5], [1]),      # out-degrees 2 2 1 0
}


@pytest.mark.parametrize("term", DIRECTED_TERMS)
def test_directed_terms_by_hand(tiny_directed, term):
    model = _model(tiny_directed, [term])
    stat, add_cb, add_da = DIRECTED_EXPECTED[term]
    np.testing.assert_allclose(model.observed, stat)
    np.testing.assert_allclose(_change(model, 2, 1), add_cb)
    np.testing.assert_allclose(_change(model, 3, 0), add_da)


def test_edgecov_matrix_and_relation(tiny_directed):
    m = np.arange(16.0).reshape(4, 4)
    model = _model(tiny_directed, [("edgecov", m)])
    assert model.names == ["edgecov"]
    assert model.observed[0] == 1 + 4 + 6 + 2 + 11
    np.testing.assert_allclose(_change(model, 2, 1), [m[2, 1]])
    frame = pd.DataFrame(m, index=list("abcd"), columns=list("abcd")).iloc[::-1, ::-1]  # aligned by id
    assert _model(tiny_directed, [("edgecov", frame, {"name": "w"})]).observed[0] == 24
    net = sm.load_example("implementation_ecosystem").at(2025)
    fit_model = _model(net.layer(["advice", "funding"]), "edgecov('funding')")
    assert fit_model.names == ["edgecov.funding"] and fit_model.observed[0] == len(net.layer("funding")._pairs())


# ---------------------------------------------------------------------------- tiny undirected graph
@pytest.fixture
def tiny_undirected() -> sm.StakeholderNetwork:
    """0-1, 0-2, 1-2 (a triangle), 2-3, 3-4."""
    return _net({"id": list("01234")}, [("0", "1"), ("0", "2"), ("1", "2"), ("2", "3"), ("3", "4")],
                directed=False)


@pytest.mark.parametrize("term, stat, add_13, toggle_01", [
    ("edges", 5, 1, 1),
    ("triangle", 1, 1, 1),
    # gwesp = e^a sum_i (1 - (1 - e^-a)^i) EP_i: three ties with one partner, each weighing 2 (1 - 1/2) = 1
    (f"gwesp({LOG2})", 3, 2.5, 3),
    # gwdegree: degrees 2 2 3 2 1 weigh 1.5 1.5 1.75 1.5 1
    (f"gwdegree({LOG2})", 7.25, 0.5, 1),
])
def test_undirected_terms_by_hand(tiny_undirected, term, stat, add_13, toggle_01):
    model = _model(tiny_undirected, [term])
    np.testing.assert_allclose(model.observed, [stat])
    np.testing.assert_allclose(_change(model, 1, 3), [add_13])
    np.testing.assert_allclose(_change(model, 0, 1), [toggle_01])   # a present tie: with minus without


def test_gwesp_follows_hunter_2007_formula():
    # e^a sum_i {1 - (1 - e^-a)^i} EP_i on a network with ties of 0, 1, 2 and 3 shared partners
    net = _net({"id": list("012345")}, [("0", "1"), ("0", "2"), ("1", "2"), ("0", "3"), ("1", "3"),
                                        ("0", "4"), ("1", "4"), ("4", "5")], directed=False)
    a = 0.7
    model = _model(net, [f"gwesp({a})", f"gwdegree({a})"])
    ep = {0: 1, 1: 6, 3: 1}   # 4-5 none; 0-1 shares 2, 3, 4; the six others one
    want = math.exp(a) * sum((1 - (1 - math.exp(-a)) ** i) * k for i, k in ep.items())
    deg = [4, 4, 2, 2, 3, 1]
    want_deg = math.exp(a) * sum(1 - (1 - math.exp(-a)) ** d for d in deg)
    np.testing.assert_allclose(model.observed, [want, want_deg])


# ---------------------------------------------------------------------------- property tests
def _brute_change(model: F.Model, src, dst, i, j) -> np.ndarray:
    ties = set(zip(src.tolist(), dst.tolist()))
    key = (i, j) if model.directed else (min(i, j), max(i, j))
    on, off = ties | {key}, ties - {key}
    s = lambda e: model.stats(np.array([a for a, _ in e], dtype=np.int64), np.array([b for _, b in e], dtype=np.int64))
    return s(sorted(on)) - s(sorted(off))


@st.composite
def small_networks(draw):
    directed = draw(st.booleans())
    n = draw(st.integers(3, 7))
    pairs = [(i, j) for i in range(n) for j in range(n) if i != j and (directed or i < j)]
    ties = [p for p in pairs if draw(st.booleans())]
    groups = draw(st.lists(st.sampled_from("xy"), min_size=n, max_size=n))
    values = draw(st.lists(st.integers(0, 9), min_size=n, max_size=n))
    return directed, n, ties, groups, values


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_networks(), st.floats(0.1, 2.0))
def test_change_statistic_is_difference_of_statistics(network, decay):
    directed, n, ties, groups, values = network
    net = _net({"id": [f"v{k}" for k in range(n)], "g": groups, "v": values},
               [(f"v{a}", f"v{b}") for a, b in ties], directed)
    terms = ["edges", "nodematch('g')", "absdiff('v')", "nodecov('v')", "triangle", f"gwesp({decay})"]
    terms += ["mutual", f"gwidegree({decay})", f"gwodegree({decay})"] if directed else [f"gwdegree({decay})"]
    model = _model(net, terms)
    z, y = model.design()
    di, dj = T.all_dyads(n, directed)
    for row in range(len(di)):
        np.testing.assert_allclose(z[row], _brute_change(model, model.src, model.dst, di[row], dj[row]),
                                   atol=1e-9)


@settings(max_examples=20, deadline=None)
@given(small_networks(), st.integers(0, 2**31), st.floats(0.2, 1.5))
def test_sampler_keeps_statistics_and_shared_partners_exact(network, seed, decay):
    directed, n, ties, groups, values = network
    net = _net({"id": [f"v{k}" for k in range(n)], "g": groups},
               [(f"v{a}", f"v{b}") for a, b in ties], directed)
    terms = ["edges", "nodematch('g')", "triangle", f"gwesp({decay})"]
    terms += ["mutual", f"gwidegree({decay})", f"gwodegree({decay})"] if directed else [f"gwdegree({decay})"]
    model = _model(net, terms)
    rng = np.random.default_rng(seed)
    theta = rng.normal(0, 0.5, len(model.names))
    chain = model.chain()
    chain.run(theta[model.dep], model.eta(theta), 500, 0, rng, record=False)
    codes = np.array(chain.ties, dtype=np.int64)
    src, dst = codes // n, codes % n
    np.testing.assert_allclose(chain.stats, model.stats(src, dst)[model.dep], atol=1e-9)
    a = T.adjacency(n, src, dst, directed).astype(int)
    off = ~np.eye(n, dtype=bool)   # two-path counts of every pair (the diagonal is never read)
    np.testing.assert_array_equal(np.array(chain.sp).reshape(n, n)[off], (a @ a)[off])


@pytest.mark.parametrize("directed", [True, False])
def test_compiled_steps_equal_a_naive_sampler_draw_for_draw(directed):
    """The compiled loop against the sampler written from its definition, on the same random numbers: TNT
    proposals, change statistics as the difference of the statistics with and without the tie (every term
    recomputed from scratch), the Metropolis-Hastings test, the tie list's order."""
    rng = np.random.default_rng(11)
    n = 9
    pairs = [(a, b) for a in range(n) for b in range(n) if a != b and (directed or a < b)]
    chosen = [pairs[k] for k in rng.choice(len(pairs), 16, replace=False)]
    net = _net({"id": [f"v{k}" for k in range(n)], "g": list("xyzxyzxyz")}, [(f"v{a}", f"v{b}") for a, b in chosen],
               directed)
    terms = ["edges", "nodematch('g')", "triangle", "gwesp(0.6)"]
    terms += ["mutual", "gwidegree(0.4)", "gwodegree(0.9)"] if directed else ["gwdegree(0.4)"]
    model = _model(net, terms)
    theta = rng.normal(0, 0.3, len(model.names))
    steps, interval = 3000, 30
    chain = model.chain()
    draws = chain.run(theta[model.dep], model.eta(theta), steps, interval, np.random.default_rng(5))
    ut, ue, di, dj, logu = model.chain()._draw(np.random.default_rng(5), steps)  # the same random numbers
    D = model.ndyads
    ties = [int(c) for c in model.src * n + model.dst]
    eta = model.eta(theta)
    stats = lambda codes: model.stats(np.array(codes, dtype=np.int64) // n,  # noqa: E731
                                      np.array(codes, dtype=np.int64) % n)[model.dep]
    recorded, lists, accepted = [], [], 0
    for t in range(steps):
        E = len(ties)
        if E and ut[t] < 0.5:
            c, present = ties[int(ue[t] * E)], True
        else:
            c = int(di[t]) * n + int(dj[t])
            present = c in ties
        without = [x for x in ties if x != c]
        change = stats(without + [c]) - stats(without)
        lin = eta[c] + theta[model.dep] @ change
        log_remove = math.log(2 / (D + 1)) if E == 1 else math.log(E / (D + E)) if E else 0.0
        log_add = math.log((D + 1) / 2) if E == 0 else math.log1p(D / (E + 1))
        lr = log_remove - lin if present else log_add + lin
        if lr >= 0 or logu[t] < lr:
            accepted += 1
            if present:
                k, last = ties.index(c), ties.pop()
                if last != c:
                    ties[k] = last
            else:
                ties.append(c)
        if (t + 1) % interval == 0:
            recorded.append(stats(ties))
            lists.append(list(ties))
    assert draws.accepted == accepted and draws.steps == steps and not draws.capped
    assert [c.tolist() for c in draws.ties] == lists
    np.testing.assert_allclose(draws.dependent, np.array(recorded), rtol=0, atol=1e-9)


@pytest.mark.parametrize("directed", [True, False])
def test_sampler_matches_exact_enumeration(directed):
    """Every network on 4 (directed) or 5 (undirected) actors: exact expected statistics against the chain."""
    n = 4 if directed else 5
    net = _net({"id": [f"a{k}" for k in range(n)], "g": list("xyxyx")[:n]}, [("a0", "a1"), ("a1", "a2")],
               directed)
    terms = "edges + gwesp(0.7) + triangle + nodematch('g') + " + (
        "mutual + gwidegree(0.3) + gwodegree(1.2)" if directed else "gwdegree(0.4)")
    model = _model(net, terms)
    theta = np.array([-0.5, 0.3, -0.2, 0.6, 0.4, 0.5, -0.3][: len(model.names)])
    i, j = T.all_dyads(n, directed)
    every = np.array([model.stats(i[np.array(b, bool)], j[np.array(b, bool)])
                      for b in itertools.product([0, 1], repeat=len(i))])
    w = np.exp(every @ theta)
    w /= w.sum()
    exact = w @ every
    sd = np.sqrt(w @ (every - exact) ** 2)
    x, _, _ = F.sample(model, model.chain(), theta, 20000, 20, np.random.default_rng(3))
    z = (x.mean(axis=0) - exact) / (sd / np.sqrt(F.ess(x)))
    assert np.all(np.abs(z) < 3.5), z


# ---------------------------------------------------------------------------- dyad-independent models
def _glm_reference(model: str) -> pd.DataFrame:
    ref = pd.read_csv(REFERENCE / "ergm_glm.csv", skipinitialspace=True)
    return ref[ref["model"] == model].set_index("term")


def _bfgs_logistic(fit: sm.ErgmResult) -> np.ndarray:
    """An independent fit: scipy's BFGS on the dyads' Bernoulli log-likelihood."""
    z, y = fit._model.design()
    scale = np.abs(z).max(axis=0)
    zs = z / scale

    def nll(b):
        eta = zs @ b
        return float(np.sum(np.logaddexp(0, eta) - y * eta))

    def grad(b):
        return zs.T @ (1 / (1 + np.exp(-(zs @ b))) - y)

    res = optimize.minimize(nll, np.zeros(z.shape[1]), jac=grad, method="BFGS", options={"gtol": 1e-12})
    return res.x / scale


def test_dyad_independent_directed_equals_glm():
    net = load_reference("krackhardt_hightech", "advice")
    fr = load_reference("krackhardt_hightech", "friendship")
    m = pd.DataFrame(T.adjacency(len(fr), fr._pairs()["s"].to_numpy(), fr._pairs()["t"].to_numpy(), True),
                     index=fr.ids, columns=fr.ids)
    fit = sm.ergm(net, ["edges", "nodematch('department')", "nodefactor('level')", "nodecov('age')",
                        "absdiff('age')", ("edgecov", m, {"name": "friendship"})])
    ref = _glm_reference("krackhardt_advice")
    assert fit.dyad_independent and fit.iterations == 0 and "no MCMC" in fit.notes[0]
    assert list(fit.coef.index) == list(ref.index)
    np.testing.assert_allclose(fit.coef, ref["estimate"], atol=1e-6)
    np.testing.assert_allclose(fit.std_error, ref["std_error"], atol=1e-6)
    np.testing.assert_allclose(fit.loglik, ref["loglik"].iloc[0], atol=1e-6)
    np.testing.assert_allclose(fit.coef, _bfgs_logistic(fit), atol=1e-6)
    assert math.isclose(fit.aic, -2 * fit.loglik + 14) and math.isclose(fit.bic, -2 * fit.loglik + 7 * math.log(420))


def test_dyad_independent_undirected_equals_glm():
    folder = Path(__file__).resolve().parent / "data" / "reference" / "padgett_florentine"
    actors = pd.read_csv(folder / "actors.csv", dtype={"id": str})
    actors["wealthy"] = np.where(actors["wealth"] > 50, "yes", "no")
    both = pd.concat([pd.read_csv(folder / f"ties_{r}.csv", dtype=str).assign(relation=r)
                      for r in ("marriage", "business")])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        net = sm.from_frames(actors, both, directed=False)
    fit = sm.ergm(net, "edges + nodecov('wealth') + absdiff('wealth') + edgecov('business') + nodematch('wealthy')",
                  relation="marriage")
    ref = _glm_reference("florentine_marriage")
    assert list(fit.coef.index) == list(ref.index) and fit.ties == 20 and fit.dyads == 120
    np.testing.assert_allclose(fit.coef, ref["estimate"], atol=1e-6)
    np.testing.assert_allclose(fit.std_error, ref["std_error"], atol=1e-6)
    np.testing.assert_allclose(fit.loglik, ref["loglik"].iloc[0], atol=1e-6)
    np.testing.assert_allclose(fit.coef, _bfgs_logistic(fit), atol=1e-6)


def test_dyad_independent_simulation_is_exact_and_seeded():
    net = load_reference("krackhardt_hightech", "advice")
    fit = sm.ergm(net, "edges + nodematch('department')")
    a, b = sm.simulate(fit, 4000, seed=4), sm.simulate(fit, 4000, seed=4)
    pd.testing.assert_frame_equal(a.stats, b.stats)
    assert a.burnin == a.interval == 0
    # the MLE's defining property, exactly: expected statistics equal the observed ones
    se = a.stats.std() / math.sqrt(len(a))
    assert (np.abs(a.stats.mean() - fit.observed) < 3 * se).all()


# ---------------------------------------------------------------------------- MCMC MLE
def _pair_mle(net: sm.StakeholderNetwork) -> np.ndarray:
    """edges + mutual + nodematch(department) by its exact likelihood (it factorises over pairs of actors)."""
    model = _model(net, "edges + mutual + nodematch('department')")
    n = model.n
    a = T.adjacency(n, model.src, model.dst, True)
    i, j = np.triu_indices(n, 1)
    same = model.X[i, j, 1]
    obs = model.observed

    def nll(th):
        e1 = th[0] + th[2] * same
        log_z = np.logaddexp.reduce(np.stack([np.zeros_like(e1), e1, e1, 2 * e1 + th[1]]), axis=0).sum()
        return log_z - th @ obs

    return optimize.minimize(nll, np.zeros(3), method="BFGS", options={"gtol": 1e-10}).x, a


def test_mcmc_mle_matches_exact_likelihood_of_a_pair_model():
    net = load_reference("krackhardt_hightech", "friendship")
    exact, _ = _pair_mle(net)
    fit = sm.ergm(net, "edges + mutual + nodematch('department')", samplesize=512, interval=512, seed=0)
    assert fit.method == "MCMC MLE" and fit.converged and not fit.dyad_independent
    assert (np.abs(fit.coef.to_numpy() - exact) < 0.5 * fit.std_error.to_numpy()).all(), (fit.coef, exact)
    # the bridge-sampled log-likelihood against the exact one at the exact MLE's neighbourhood
    model = fit._model
    th = fit.coef.to_numpy()
    n = model.n
    i, j = np.triu_indices(n, 1)
    e1 = th[0] + th[2] * model.X[i, j, 1]
    exact_ll = th @ model.observed - np.logaddexp.reduce(
        np.stack([np.zeros_like(e1), e1, e1, 2 * e1 + th[1]]), axis=0).sum()
    assert abs(fit.loglik - exact_ll) < 1.0, (fit.loglik, exact_ll)


def _check_mle_property(net, terms, *, relation=None, interval):
    fits = [sm.ergm(net, terms, relation=relation, seed=s, interval=interval, loglik=False) for s in (0, 1)]
    for f in fits:
        assert f.converged and not f.degenerate, f.summary()
    a, b = fits
    # two seeds: coefficients within their standard errors
    assert (np.abs(a.coef - b.coef) < np.minimum(a.std_error, b.std_error)).all(), (a.coef, b.coef)
    # 1,000 networks simulated from the fit: each statistic's mean within 2 standard errors of the observed
    sims = sm.simulate(a, 1000, seed=0)
    x = sims.stats.to_numpy()
    se = x.std(axis=0, ddof=1) / np.sqrt(F.ess(x))
    z = (x.mean(axis=0) - a.observed.to_numpy()) / se
    assert (np.abs(z) < 2).all(), dict(zip(a.coef.index, z))
    return a


def test_mle_property_krackhardt_friendship():
    net = load_reference("krackhardt_hightech", "friendship")
    fit = _check_mle_property(net, "edges + mutual + nodematch('department') + gwesp(0.5)", interval=256)
    assert fit.coef["gwesp.fixed.0.5"] > 0 and fit.p["gwesp.fixed.0.5"] < 0.01


def test_mle_property_implementation_ecosystem():
    net = sm.load_example("implementation_ecosystem").at(2025)
    fit = _check_mle_property(net, "edges + mutual + nodematch('sector') + gwesp(0.25)", relation="advice",
                              interval=1024)
    assert fit.coef["nodematch.sector"] > 1


def test_undirected_mcmc_fit_and_gof():
    net = load_reference("zachary_karate")
    fit = sm.ergm(net, "edges + nodematch('club') + gwesp(0.5) + gwdegree(0.5)", samplesize=256, interval=256)
    assert fit.converged and not fit.directed and fit.dyads == 561
    assert fit.coef["nodematch.club"] > 0 and fit.p["gwesp.fixed.0.5"] < 0.01
    assert (fit.diagnostics["t_ratio"].abs() < 0.5).all() and np.isfinite(fit.loglik)
    check = sm.gof(fit, 30, seed=0)
    assert check.components == ("degree", "esp", "distance", "model")
    assert check.observed["degree"].sum() == 34 and check.observed["esp"].sum() == 78
    assert check.observed["distance"].sum() == 561 and check.simulated["degree"].shape[0] == 30


# ---------------------------------------------------------------------------- warnings and options
def test_degenerate_model_warns():
    net = load_reference("krackhardt_hightech", "advice")
    with pytest.warns(sm.DataWarning, match="degenerate"):
        fit = sm.ergm(net, "edges + triangle", samplesize=128, interval=256, seed=0)
    assert fit.degenerate and not fit.converged
    assert "must not be interpreted" in fit.summary()


def test_unconverged_model_warns():
    net = load_reference("krackhardt_hightech", "friendship")
    with pytest.warns(sm.DataWarning, match="did not converge"):
        fit = sm.ergm(net, "edges + mutual + gwesp(0.5)", maxit=1, samplesize=64, interval=64, loglik=False)
    assert not fit.converged and "NOT converged" in fit.summary()


def test_mple_estimate_and_seeds():
    net = load_reference("krackhardt_hightech", "friendship")
    fit = sm.ergm(net, "edges + mutual + gwesp(0.5)", estimate="MPLE")
    assert fit.method == "MPLE" and math.isnan(fit.loglik) and "too small" in fit.notes[0]
    pd.testing.assert_series_equal(fit.coef, fit.mple.rename("estimate"))
    kw = dict(samplesize=64, interval=64, maxit=2, loglik=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        one, two = (sm.ergm(net, "edges + mutual + gwesp(0.5)", seed=7, **kw) for _ in range(2))
    pd.testing.assert_frame_equal(one.table, two.table)
    pd.testing.assert_frame_equal(one.sample, two.sample)


@pytest.mark.parametrize("terms, error, match", [
    ("edges + gwsep(0.5)", OptionError, "did you mean 'gwesp'"),
    ("edges + nodematch('sectr')", NotFoundError, "did you mean 'sector'"),
    ("edges + gwesp", OptionError, "decay"),
    ("edges + gwesp(0.5, fixed=False)", OptionError, "curved"),
    ("edges + gwesp(-1)", OptionError, "decay"),
    ("edges + gwdegree(0.5)", OptionError, "gwidegree or gwodegree"),
    ("edges + nodecov('sector')", DataError, "not a number"),
    ("edges + edgecov('fundng')", NotFoundError, "did you mean 'funding'"),
    ("edges + nodematch('sector', diff=True, levels=['nowhere'])", NotFoundError, "nowhere"),
    ("edges + gwesp(0.5) + gwesp(0.2)", OptionError, "once"),
    ("edges + nodematch(", OptionError, "terms"),
    ("edges + nodematch(open('x'))", OptionError, "plain value"),
    (["edges", 3], OptionError, "tuple"),
    ([], OptionError, "at least one term"),
    ("edges + nodematch('sector', bogus=1)", OptionError, "arguments among"),
])
def test_clear_errors(terms, error, match):
    net = sm.load_example("implementation_ecosystem").at(2025)
    with pytest.raises(error, match=match):
        sm.ergm(net, terms, relation="advice")


def test_errors_for_network_kind_and_data():
    net = load_reference("padgett_florentine", "marriage")
    with pytest.raises(OptionError, match="directed network"):
        sm.ergm(net, "edges + mutual")
    with pytest.raises(OptionError, match="gwdegree"):
        sm.ergm(net, "edges + gwidegree(0.5)")
    with pytest.raises(DataError, match="not symmetric"):
        sm.ergm(net, [("edgecov", np.triu(np.ones((16, 16)), 1))])
    with pytest.raises(OptionError, match="16 x 16"):
        sm.ergm(net, [("edgecov", np.ones((3, 3)))])
    with pytest.raises(OptionError, match="tuple"):
        sm.ergm(net, ["edges", np.ones((16, 16))])
    # no transitive closure observed: no MLE for triangle
    star = _net({"id": list("abcd")}, [("a", "b"), ("a", "c"), ("a", "d")], directed=False)
    with pytest.raises(DataError, match="smallest possible.*triangle"):
        sm.ergm(star, "edges + triangle")
    for bad in ({"samplesize": 2}, {"interval": 0}, {"estimate": "Bayes"}, {"seed": -1}, {"loglik": "yes"}):
        with pytest.raises(OptionError):
            sm.ergm(net, "edges", **bad)
    with pytest.raises(OptionError, match="the result of systemsmap.ergm"):
        sm.simulate("not a fit")
    mutual_only = _net({"id": list("abc")}, [("a", "b"), ("b", "a")], directed=True)
    with pytest.raises(DataError, match="every tie is reciprocated"):
        sm.ergm(mutual_only, "edges + mutual")
    split = _net({"id": list("abcdef"), "g": list("xxxyyy")}, [("a", "b"), ("b", "c"), ("d", "e"), ("e", "f")],
                 directed=False)
    with pytest.raises(DataError, match="separates tied from untied"):
        sm.ergm(split, "edges + nodematch('g')")


# ---------------------------------------------------------------------------- results, simulation, gof
@pytest.fixture(scope="module")
def friendship_fit():
    net = load_reference("krackhardt_hightech", "friendship")
    return sm.ergm(net, "edges + mutual + gwesp(0.5)", samplesize=256, interval=256, seed=0)


def test_result_shapes(friendship_fit):
    fit = friendship_fit
    assert list(fit.table.columns) == ["estimate", "std_error", "mcmc_pct", "z", "p"]
    assert fit.table.index.name == "statistic" and list(fit.coef.index) == ["edges", "mutual", "gwesp.fixed.0.5"]
    np.testing.assert_allclose(fit.z, fit.coef / fit.std_error)
    assert list(fit.diagnostics.columns) == ["observed", "mean", "sd", "difference", "t_ratio", "mcse", "ess",
                                             "geweke_z"]
    assert len(fit.sample) == 4 * 256 and np.isfinite(fit.loglik) and fit.loglik < 0
    assert fit.null_loglik == pytest.approx(-420 * math.log(2))
    text = fit.summary()
    assert "gwesp.fixed.0.5" in text and "AIC" in text and "t-ratio" in text
    assert repr(fit).startswith("<ErgmResult MCMC MLE: edges=")
    page = fit._repr_html_()
    assert "<table>" in page and page.count("gwesp.fixed.0.5") == 1 and "log-likelihood" in page
    np.testing.assert_allclose(fit.cov.to_numpy().diagonal(), fit.std_error ** 2)


def test_simulate_networks(friendship_fit):
    sims = sm.simulate(friendship_fit, 30, seed=2, interval=100)
    again = sm.simulate(friendship_fit, 30, seed=2, interval=100)
    pd.testing.assert_frame_equal(sims.stats, again.stats)
    assert len(sims) == 30 and sims.stats.index.name == "network"
    net = sims.network(5)
    assert isinstance(net, sm.StakeholderNetwork) and list(net.ids) == list(friendship_fit._net.ids)
    # each network's statistics, recomputed from its ties
    recomputed = _model(net, "edges + mutual + gwesp(0.5)").observed
    np.testing.assert_allclose(recomputed, sims.stats.iloc[5])
    assert sum(1 for _ in sims.networks()) == 30


def test_gof(friendship_fit):
    check = sm.gof(friendship_fit, 40, seed=1)
    assert check.components == ("idegree", "odegree", "esp", "distance", "model")
    obs = sm.inference._ergm_gof.gof_statistics  # observed counts, by hand on the fitted network
    model = friendship_fit._model
    assert check.observed["idegree"].sum() == 21 and check.observed["esp"].sum() == 102
    assert check.observed["distance"].sum() == 420 and check.simulated["esp"].shape[0] == 40
    direct = obs(21, model.src, model.dst, True)
    assert check.observed["odegree"].to_dict() == {float(k): float(v) for k, v in direct["odegree"].items()} or \
        all(check.observed["odegree"].get(k, 0) == v for k, v in direct["odegree"].items())
    table = check["esp"]
    assert list(table.columns) == ["observed", "mean", "min", "lower", "upper", "max", "p_value"]
    assert ((table["p_value"] >= 0) & (table["p_value"] <= 1)).all()
    assert "inf" in check["distance"].index
    assert "Goodness of fit" in check.summary() and isinstance(check.misfits(), pd.DataFrame)
    pd.testing.assert_frame_equal(check.simulated["esp"], sm.gof(friendship_fit, 40, seed=1).simulated["esp"])


def test_gof_statistics_by_hand():
    from systemsmap.inference._ergm_gof import gof_statistics
    # a->b, b->c, a->c, c->d (directed): in-degrees 0 1 2 1, out-degrees 2 1 1 0
    s = gof_statistics(4, np.array([0, 1, 0, 2]), np.array([1, 2, 2, 3]), True)
    assert s["idegree"] == {0: 1, 1: 2, 2: 1} and s["odegree"] == {0: 1, 1: 2, 2: 1}
    assert s["esp"] == {0: 3, 1: 1}                       # a->c has the two-path a->b->c
    assert s["distance"] == {1: 4, 2: 2, "inf": 6}        # a->d and b->d at 2; 6 ordered pairs unreachable


def test_plot_gof(friendship_fit):
    import matplotlib.pyplot as plt
    check = sm.gof(friendship_fit, 20, seed=0)
    axes = sm.plot.gof(check)
    assert [a.get_title() for a in axes] == ["In-degree", "Out-degree", "Edgewise shared partners",
                                             "Geodesic distance"]
    plt.close("all")
    fig, ax = plt.subplots()
    out = sm.plot.gof(check, components="model", ax=ax)
    assert out[0] is ax and ax.get_ylabel().startswith("simulated - observed")
    with pytest.raises(OptionError):
        sm.plot.gof(check, components=["degree"])  # directed: idegree and odegree
    with pytest.raises(ValueError, match="Axes"):
        sm.plot.gof(check, ax=[ax])
    plt.close("all")
