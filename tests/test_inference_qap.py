"""systemsmap.inference.qap: QAP correlation and MRQAP regression.

Where the expected values come from:

- hand-computed: the graph correlation and the OLS and logit coefficients of
  3- and 4-actor networks (worked out in the comments);
- an independent implementation: each permuted statistic recomputed the
  obvious way (permute the matrix, refit with numpy's lstsq or a plain Newton
  loop written here), for the same permutations;
- R's sna 2.7 (tests/reference/sna_qap.R writes tests/reference/sna_qap.json):
  netlm / netlogit on the Krackhardt high-tech managers (advice on friendship,
  reports-to, same department, age difference; directed) and the Florentine
  families (marriage on business and wealth difference; undirected,
  mode="graph"), gcor and qaptest; coefficients to 1e-6, p-values within 0.02.
"""
from __future__ import annotations

import json
import math
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import systemsmap as sm
from systemsmap.errors import DataError, DataWarning, OptionError
from systemsmap.groups import shuffled
from systemsmap.inference import diff, dyads, mrqap, qap_correlation, reciprocity, relation, same

REFERENCE = Path(__file__).resolve().parent / "reference" / "sna_qap.json"
DATA = Path(__file__).resolve().parent / "data" / "reference"
P_TOLERANCE = 0.02


def load(folder: str, relations: list[str], directed: bool) -> sm.StakeholderNetwork:
    """A reference network with several relations (tests/data/reference/<folder>/ties_<relation>.csv)."""
    actors = pd.read_csv(DATA / folder / "actors.csv", dtype={"id": str})
    ties = pd.concat([pd.read_csv(DATA / folder / f"ties_{r}.csv", dtype=str).assign(relation=r)
                      for r in relations], ignore_index=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataWarning)  # the Florentine Pucci family has no tie
        return sm.from_frames(actors, ties, directed=directed)


@pytest.fixture(scope="module")
def krackhardt() -> sm.StakeholderNetwork:
    return load("krackhardt_hightech", ["advice", "friendship", "reportsto"], directed=True)


@pytest.fixture(scope="module")
def florentine() -> sm.StakeholderNetwork:
    return load("padgett_florentine", ["marriage", "business"], directed=False)


@pytest.fixture(scope="module")
def sna() -> dict:
    return json.loads(REFERENCE.read_text())


@pytest.fixture
def tiny() -> sm.StakeholderNetwork:
    """3 actors. y: A->B, B->C, C->A; x: A->B, A->C, C->A.

    Off-diagonal cells in row order (AB, AC, BA, BC, CA, CB): y = 1 0 0 1 1 0, x = 1 1 0 0 1 0.
    """
    ties = pd.DataFrame({"source": list("ABCAAC"), "target": list("BCABCA"), "relation": ["y"] * 3 + ["x"] * 3})
    return sm.from_frames(pd.DataFrame({"id": list("ABC")}), ties, directed=True)


def specs(net_k, net_f):
    return {"krackhardt": (net_k, "advice", ["friendship", "reportsto", same("department"), diff("age")]),
            "florentine": (net_f, "marriage", ["business", diff("wealth")])}


# ---------------------------------------------------------------------------- by hand
def test_graph_correlation_by_hand(tiny):
    # centred y and x are +-1/2; their products sum to 1/2 and each sums of squares to 3/2: r = 1/3
    r = qap_correlation(tiny.layer("y"), tiny.layer("x"), permutations=0)
    assert r.correlation == pytest.approx(1 / 3, abs=1e-15)
    assert r.dyads == 6 and r.directed and math.isnan(r.p_greater) and len(r.null) == 0


def test_ols_by_hand(tiny):
    # slope = 1/2 / 3/2 = 1/3, intercept = 1/2 - 1/3 * 1/2 = 1/3; residuals 1/3, -2/3, -1/3, 2/3, 1/3, -1/3
    # RSS = 4/3, s^2 = 4/3 / 4 = 1/3, se(slope) = sqrt(1/3 / 3/2) = sqrt(2)/3, t = 1/sqrt(2); R^2 = r^2 = 1/9
    fit = mrqap(tiny, y="y", x=["x"], permutations=0)
    t = fit.table
    assert t.loc["intercept", "estimate"] == pytest.approx(1 / 3)
    assert t.loc["x", "estimate"] == pytest.approx(1 / 3)
    assert t.loc["x", "std_error"] == pytest.approx(math.sqrt(2) / 3)
    assert t.loc["x", "statistic"] == pytest.approx(1 / math.sqrt(2))
    assert fit.r_squared == pytest.approx(1 / 9)
    assert fit.statistics["df_residual"] == 4 and fit.statistics["dyads"] == 6
    assert t[["p_greater", "p_less", "p_two_sided"]].isna().all().all()


def test_logit_by_hand():
    # teams {A, B}, {C, D}; 4 ordered pairs inside a team (3 tied), 8 across (2 tied):
    # intercept = log(2/6), slope = log((3/1) / (2/6)) = log 9
    actors = pd.DataFrame({"id": list("ABCD"), "team": list("xxyy")})
    ties = pd.DataFrame({"source": list("ABCAD"), "target": list("BADCB")})
    net = sm.from_frames(actors, ties, directed=True)
    fit = mrqap(net, y=relation(), x=same("team"), model="logit", permutations=0)
    assert fit.table.loc["intercept", "estimate"] == pytest.approx(math.log(1 / 3), abs=1e-12)
    assert fit.table.loc["same_team", "estimate"] == pytest.approx(math.log(9), abs=1e-12)
    assert fit.table.loc["same_team", "odds_ratio"] == pytest.approx(9)
    # standard errors of a 2x2 table: sqrt(1/3 + 1/1 + 1/2 + 1/6) for the log odds ratio
    assert fit.table.loc["same_team", "std_error"] == pytest.approx(math.sqrt(1 / 3 + 1 + 1 / 2 + 1 / 6))
    dev = -2 * (3 * math.log(.75) + math.log(.25) + 2 * math.log(.25) + 6 * math.log(.75))
    assert fit.deviance == pytest.approx(dev)
    assert fit.aic == pytest.approx(dev + 4)
    null = -2 * (5 * math.log(5 / 12) + 7 * math.log(7 / 12))
    assert fit.statistics["null_deviance"] == pytest.approx(null)


# ---------------------------------------------------------------------------- against an obvious implementation
def permutations_of(n: int, count: int, seed: int) -> np.ndarray:
    """The relabellings mrqap draws (its blocks are rows of one seeded stream, whatever their size)."""
    return np.vstack(list(shuffled(np.arange(n), count, seed)))


def naive_logit(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Plain Newton-Raphson from zero with step halving: coefficients and standard errors."""
    beta = np.zeros(X.shape[1])

    def dev(b):
        eta = X @ b
        return 2 * np.sum(np.logaddexp(0, eta) - y * eta)

    for _ in range(200):
        mu = 1 / (1 + np.exp(-(X @ beta)))
        H = X.T @ (X * (mu * (1 - mu))[:, None])
        step = np.linalg.solve(H, X.T @ (y - mu))
        while dev(beta + step) > dev(beta) + 1e-9:
            step /= 2
        beta = beta + step
        if np.max(np.abs(step)) < 1e-12:
            break
    mu = 1 / (1 + np.exp(-(X @ beta)))
    H = X.T @ (X * (mu * (1 - mu))[:, None])
    return beta, np.sqrt(np.diag(np.linalg.inv(H)))


def naive_statistic(X: np.ndarray, y: np.ndarray, model: str) -> np.ndarray:
    if model == "ols":
        beta, *_ = np.linalg.lstsq(X, y, rcond=None)
        r = y - X @ beta
        s2 = r @ r / (len(y) - X.shape[1])
        return beta / np.sqrt(s2 * np.diag(np.linalg.inv(X.T @ X)))
    beta, se = naive_logit(X, y)
    return beta / se


@pytest.mark.parametrize("model", ["ols", "logit"])
@pytest.mark.parametrize("case", ["krackhardt", "florentine"])
def test_double_semi_partialling_equals_refitting_each_permutation(case, model, krackhardt, florentine):
    net, y, x = specs(krackhardt, florentine)[case]
    fit = mrqap(net, y=y, x=x, model=model, permutations=12, seed=5)
    d = fit.data
    X = np.column_stack([np.ones(len(d)), d.X])
    perms = permutations_of(len(d.ids), 12, 5)
    expected = np.empty((12, X.shape[1]))
    for k in range(X.shape[1]):
        Z = np.delete(X, k, axis=1)
        resid = d.full(X[:, k] - Z @ np.linalg.lstsq(Z, X[:, k], rcond=None)[0])
        for b, pi in enumerate(perms):
            W = np.column_stack([Z, resid[np.ix_(pi, pi)][d.source, d.target]])
            expected[b, k] = naive_statistic(W, d.y, model)[-1]
    np.testing.assert_allclose(fit.null_distribution.to_numpy(), expected, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(fit.table["statistic"], naive_statistic(X, d.y, model), rtol=1e-7)


@pytest.mark.parametrize("model", ["ols", "logit"])
def test_y_permutation_equals_refitting_each_permutation(model, krackhardt):
    net, y, x = specs(krackhardt, None)["krackhardt"]
    fit = mrqap(net, y=y, x=x, model=model, null="y", permutations=12, seed=9)
    d = fit.data
    X = np.column_stack([np.ones(len(d)), d.X])
    Y = d.full(d.y)
    expected = np.array([naive_statistic(X, Y[np.ix_(pi, pi)][d.source, d.target], model)
                         for pi in permutations_of(len(d.ids), 12, 9)])
    np.testing.assert_allclose(fit.null_distribution.to_numpy(), expected, rtol=1e-7, atol=1e-9)


@pytest.mark.parametrize("directed", [True, False])
def test_correlation_permutations_equal_recomputing(directed, krackhardt, florentine):
    net = krackhardt if directed else florentine
    a, b = ("advice", "friendship") if directed else ("marriage", "business")
    r = qap_correlation(net.layer(a), net.layer(b), permutations=30, seed=3)
    s, t = dyads(net, a, b).source, dyads(net, a, b).target
    A, B = dyads(net, y=a), dyads(net, y=b)
    ma, mb = A.full(A.y), B.full(B.y)
    # the sparser side (here b) is summed over, the other relabelled: corr(a[pi][:, pi], b)
    fixed, moving = (mb, ma) if np.count_nonzero(mb) <= np.count_nonzero(ma) else (ma, mb)
    expected = [np.corrcoef(fixed[s, t], moving[np.ix_(pi, pi)][s, t])[0, 1]
                for pi in permutations_of(len(net), 30, 3)]
    np.testing.assert_allclose(r.null, expected, rtol=1e-10, atol=1e-12)


def binary_specs(krackhardt, florentine):
    """Models whose terms are all 0/1, so that the dyads fall into few kinds and logit permutations are fitted
    on grouped data (one row per kind weighted by its count): directed with 35,156 dyads, undirected with 120.
    (With evidence permuted, its few ties rarely meet a collaboration tie: that fit separates, its estimate runs
    off and its z value is only "about 0", so the null="y" model leaves collaboration out.)"""
    eco = sm.load_example("implementation_ecosystem").at(2025)
    return {"ecosystem": (eco, "evidence", ["collaboration", same("sector"), same("region"), reciprocity]),
            "ecosystem_y": (eco, "evidence", [same("sector"), same("region")]),
            "florentine": (florentine, "marriage", ["business"])}


@pytest.fixture
def grouped_fits(monkeypatch):
    """Counts the blocks fitted on grouped data (so a test knows that path ran)."""
    from systemsmap.inference import _kernels

    calls = []
    fit, batch = _kernels._GroupedTerm.fit, _kernels.logit_batch

    def counted_fit(self, *args):
        calls.append("dsp")
        return fit(self, *args)

    def counted_batch(*args, counts=None, **kwargs):
        if counts is not None:
            calls.append("grouped")
        return batch(*args, counts=counts, **kwargs)

    monkeypatch.setattr(_kernels._GroupedTerm, "fit", counted_fit)
    monkeypatch.setattr(_kernels, "logit_batch", counted_batch)
    return calls


@pytest.mark.parametrize("null", ["dsp", "dsp_per_term", "y"])
@pytest.mark.parametrize("case", ["ecosystem", "florentine"])
def test_grouped_logit_permutations_equal_refitting_each_permutation(case, null, krackhardt, florentine,
                                                                     grouped_fits, monkeypatch):
    if null == "dsp_per_term":  # each term counts its own kinds (as when the kinds are too many to count jointly)
        from systemsmap.inference import _kernels

        monkeypatch.setattr(_kernels._Kinds, "tally", lambda self, idx: (self.cell_code[idx], None))
        null = "dsp"
    net, y, x = binary_specs(krackhardt, florentine)[f"{case}_y" if case == "ecosystem" and null == "y" else case]
    P = 5 if case == "ecosystem" else 12  # each naive refit of the ecosystem takes 35,156 dyads
    fit = mrqap(net, y=y, x=x, model="logit", null=null, permutations=P, seed=4)
    assert "grouped" in grouped_fits and (null == "y" or "dsp" in grouped_fits)
    d = fit.data
    X = np.column_stack([np.ones(len(d)), d.X])
    perms = permutations_of(len(d.ids), P, 4)
    expected = np.empty((P, X.shape[1]))
    if null == "y":
        Y = d.full(d.y)
        for b, pi in enumerate(perms):
            expected[b] = naive_statistic(X, Y[np.ix_(pi, pi)][d.source, d.target], "logit")
    for k in range(X.shape[1] if null == "dsp" else 0):
        Z = np.delete(X, k, axis=1)
        resid = d.full(X[:, k] - Z @ np.linalg.lstsq(Z, X[:, k], rcond=None)[0])
        for b, pi in enumerate(perms):
            W = np.column_stack([Z, resid[np.ix_(pi, pi)][d.source, d.target]])
            expected[b, k] = naive_statistic(W, d.y, "logit")[-1]
    np.testing.assert_allclose(fit.null_distribution.to_numpy(), expected, rtol=1e-7, atol=1e-9)


# ---------------------------------------------------------------------------- against R's sna
CASES = [f"{net}_{model}_{null}" for net in ("krackhardt", "florentine") for model in ("ols", "logit")
         for null in ("qapspp", "qapy")]


@pytest.mark.parametrize("case", CASES)
def test_against_sna(case, sna, krackhardt, florentine):
    ref = sna[case]
    name, model, null = case.split("_")
    net, y, x = specs(krackhardt, florentine)[name]
    fit = mrqap(net, y=y, x=x, model=model, null="dsp" if null == "qapspp" else "y", permutations=5000, seed=0)
    t = fit.table
    num = lambda key: np.array(ref[key], dtype=float)  # noqa: E731
    assert list(t.index) == ref["terms"]
    assert fit.statistics["dyads"] == ref["n"] == (420 if name == "krackhardt" else 120)
    np.testing.assert_allclose(t["estimate"], num("coefficients"), rtol=0, atol=1e-6)
    if model == "ols":
        np.testing.assert_allclose(t["std_error"], num("se"), rtol=1e-9)
        np.testing.assert_allclose(t["statistic"], num("statistic"), rtol=1e-9)
        assert fit.r_squared == pytest.approx(float(ref["r_squared"]), abs=1e-12)
        assert fit.statistics["sigma"] == pytest.approx(float(ref["sigma"]), abs=1e-12)
        assert fit.statistics["df_residual"] == ref["df_residual"]
    else:
        # R's glm.fit stops at a deviance change of 1e-8 and takes its standard errors from the
        # weights one step earlier; ours are at the maximum: they agree to about 1e-4
        np.testing.assert_allclose(t["std_error"], num("se"), rtol=1e-3)
        np.testing.assert_allclose(t["statistic"], num("statistic"), rtol=1e-3)
        for key in ("deviance", "aic", "bic"):
            assert fit.statistics[key] == pytest.approx(float(ref[key]), abs=1e-6)
        # sna's null.deviance is that of p = 0.5 everywhere; ours is the intercept-only model's (glm(y ~ 1))
        assert fit.statistics["null_deviance"] == pytest.approx(float(ref["null_deviance_intercept"]), abs=1e-6)
    for ours, theirs in (("p_greater", "p_greater"), ("p_less", "p_less"), ("p_two_sided", "p_two_sided")):
        gap = np.abs(t[ours].to_numpy() - num(theirs))
        assert gap.max() <= P_TOLERANCE, f"{ours}: {dict(zip(t.index, gap.round(4)))}"


@pytest.mark.parametrize("case,relations", [("gcor_krackhardt_advice_friendship", ("advice", "friendship")),
                                            ("gcor_florentine_marriage_business", ("marriage", "business"))])
def test_correlation_against_sna(case, relations, sna, krackhardt, florentine):
    ref = sna[case]
    net = krackhardt if "krackhardt" in case else florentine
    r = qap_correlation(net.layer(relations[0]), net.layer(relations[1]), permutations=5000, seed=0)
    assert r.correlation == pytest.approx(float(ref["gcor"]), abs=1e-12)
    assert abs(r.p_greater - float(ref["p_greater"])) <= P_TOLERANCE
    assert abs(r.p_less - float(ref["p_less"])) <= P_TOLERANCE


# ---------------------------------------------------------------------------- properties
@settings(max_examples=25, deadline=None)
@given(st.integers(4, 9), st.integers(0, 2**31), st.booleans())
def test_estimates_equal_least_squares_and_correlation_equals_numpy(n, seed, directed):
    rng = np.random.default_rng(seed)
    ids = [f"a{i}" for i in range(n)]
    cells = [(i, j) for i in range(n) for j in range(n) if i != j and (directed or i < j)]
    rows = [(ids[i], ids[j], rel) for rel, p in (("y", 0.4), ("x", 0.5)) for i, j in cells if rng.random() < p]
    ties = pd.DataFrame(rows, columns=["source", "target", "relation"])
    actors = pd.DataFrame({"id": ids, "v": rng.normal(size=n)})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataWarning)
        net = sm.from_frames(actors, ties, directed=directed)
    if set(net.relations) != {"x", "y"}:
        return
    d = dyads(net, "x", diff("v"), y="y")
    X = np.column_stack([np.ones(len(d)), d.X])
    if np.linalg.matrix_rank(X) < X.shape[1] or len(d) <= 3:
        return
    fit = mrqap(d, permutations=0)
    np.testing.assert_allclose(fit.table["estimate"], np.linalg.lstsq(X, d.y, rcond=None)[0], atol=1e-10)
    r = qap_correlation(net.layer("y"), net.layer("x"), permutations=0)
    expected = np.corrcoef(d.y, d.X[:, 0])[0, 1]
    assert (math.isnan(r.correlation) and math.isnan(expected)) or r.correlation == pytest.approx(expected)


def test_relabelling_actors_changes_no_estimate(krackhardt):
    actors = krackhardt.actors.iloc[::-1].reset_index()
    shuffled_net = sm.from_frames(actors, krackhardt.ties, directed=True)
    x = ["friendship", same("department"), diff("age"), reciprocity]
    a = mrqap(krackhardt, y="advice", x=x, model="logit", permutations=0)
    b = mrqap(shuffled_net, y="advice", x=x, model="logit", permutations=0)
    pd.testing.assert_frame_equal(a.table, b.table, rtol=1e-9)


def test_seeds(krackhardt):
    x = ["friendship", same("department")]
    a = mrqap(krackhardt, y="advice", x=x, permutations=200, seed=4)
    b = mrqap(krackhardt, y="advice", x=x, permutations=200, seed=4)
    c = mrqap(krackhardt, y="advice", x=x, permutations=200, seed=5)
    pd.testing.assert_frame_equal(a.null_distribution, b.null_distribution)
    assert not np.array_equal(a.null_distribution.to_numpy(), c.null_distribution.to_numpy())
    gen = mrqap(krackhardt, y="advice", x=x, permutations=200, seed=np.random.default_rng(4))
    pd.testing.assert_frame_equal(a.null_distribution, gen.null_distribution)


def test_p_values_count_the_observed_labelling(krackhardt):
    fit = mrqap(krackhardt, y="advice", x=["reportsto"], permutations=99, null="y", seed=1)
    null = fit.null_distribution["reportsto"].to_numpy()
    obs = fit.table.loc["reportsto", "statistic"]
    assert fit.table.loc["reportsto", "p_greater"] == (1 + np.sum(null >= obs - 1e-12)) / 100
    assert fit.table.loc["reportsto", "p_two_sided"] == (1 + np.sum(np.abs(null) >= abs(obs) - 1e-12)) / 100


# ---------------------------------------------------------------------------- inputs and errors
def test_correlation_inputs(krackhardt):
    by_layers = qap_correlation(krackhardt.layer("advice"), krackhardt.layer("friendship"), permutations=0)
    by_names = qap_correlation("advice", "friendship", net=krackhardt, permutations=0)
    frame = dyads(krackhardt, y="friendship").matrix("friendship").fillna(0)
    by_matrix = qap_correlation(krackhardt.layer("advice"), frame, permutations=0)
    arrays = qap_correlation(dyads(krackhardt, y="advice").matrix("advice").fillna(0).to_numpy(),
                             frame.to_numpy(), permutations=0)
    for r in (by_names, by_matrix, arrays):
        assert r.correlation == pytest.approx(by_layers.correlation, abs=1e-14)
    term = qap_correlation(krackhardt.layer("advice"), same("department"), permutations=0)
    assert term.b == "same_department" and -1 < term.correlation < 1
    with pytest.raises(OptionError, match="need a network"):
        qap_correlation("advice", "friendship")


def test_correlation_of_an_empty_relation_is_nan(krackhardt):
    empty = np.zeros((21, 21))
    r = qap_correlation(krackhardt.layer("advice"), empty, permutations=50)
    assert math.isnan(r.correlation) and math.isnan(r.p_two_sided) and "No permutation" in str(r)


def test_collinear_and_constant_terms_are_named(krackhardt):
    copy = dyads(krackhardt, y="friendship").matrix("friendship").fillna(0)
    with pytest.raises(DataError, match=r"'copy' is constant or a combination of the terms before it "
                                        r"\('intercept', 'friendship'\)"):
        mrqap(krackhardt, y="advice", x=["friendship", sm.dyadic(copy, name="copy")])
    # department 0 has one actor (the president): no pair inside it
    with pytest.raises(DataError, match=r"'same_department\[0\]' is constant"):
        mrqap(krackhardt, y="advice", x=[same("department", per_group=True)])
    with pytest.raises(DataError, match="'zero' is constant"):
        mrqap(krackhardt, y="advice", x=[sm.dyadic(np.zeros((21, 21)), name="zero")], permutations=0)


def test_logit_needs_ties_present_or_absent(krackhardt):
    with pytest.raises(DataError, match="values other than 0 and 1"):
        mrqap(krackhardt, y=np.arange(441.0).reshape(21, 21), x=["friendship"], model="logit")


def test_separation_warns(krackhardt):
    # friendship explains itself perfectly: the logit of friendship on friendship's copy cannot settle
    copy = dyads(krackhardt, y="friendship").matrix("friendship").fillna(0)
    with pytest.warns(DataWarning, match=r"separates tied from untied pairs.*look at 'copy' \(\+"):
        fit = mrqap(krackhardt, y="friendship", x=[sm.dyadic(copy, name="copy")], model="logit", permutations=0)
    assert not fit.converged or fit.table.loc["copy", "estimate"] > 15


def test_options_are_checked(krackhardt):
    with pytest.raises(OptionError, match="model"):
        mrqap(krackhardt, y="advice", x=["friendship"], model="probit")
    with pytest.raises(OptionError, match="null"):
        mrqap(krackhardt, y="advice", x=["friendship"], null="qapx")
    with pytest.raises(OptionError, match="permutations"):
        mrqap(krackhardt, y="advice", x=["friendship"], permutations=-1)
    with pytest.raises(OptionError, match="y"):
        mrqap(krackhardt, x=["friendship"])
    with pytest.raises(OptionError, match="x"):
        mrqap(krackhardt, y="advice")
    with pytest.raises(OptionError, match="when the dyads are given"):
        mrqap(dyads(krackhardt, "friendship", y="advice"), y="advice")


def test_result_text_and_shapes(krackhardt):
    fit = mrqap(krackhardt, y="advice", x=["friendship", "reportsto"], model="logit", permutations=99)
    assert list(fit.table.columns) == ["estimate", "std_error", "statistic", "odds_ratio", "p_greater", "p_less",
                                       "p_two_sided"]
    assert fit.table.index.name == "term" and fit.null_distribution.shape == (99, 3)
    text = fit.summary()
    assert "Logit network regression of 'advice' (directed, 21 actors, 420 ordered pairs)" in text
    assert "99 relabellings" in text and "qapspp" in text and "AIC" in text
    assert repr(fit).startswith("<MRQAPResult logit of 'advice' on friendship, reportsto: 420 dyads")
    assert "<table>" in fit._repr_html_() and "reportsto" in fit._repr_html_()
    said = fit.sentences()
    assert len(said) == 2 and said[1].startswith("reportsto: one unit multiplies the odds of a tie in 'advice' by")
    ols = mrqap(krackhardt, y="advice", x=["friendship"], permutations=0)
    assert "odds_ratio" not in ols.table and math.isnan(ols.deviance) and "No permutation test" in ols.summary()


def test_progress_counts_the_permutations(krackhardt):
    import io

    from systemsmap._progress import Progress

    out = io.StringIO()
    mrqap(krackhardt, y="advice", x=["friendship"], permutations=50, progress=Progress("log", stream=out, delay=0,
                                                                                          interval=0))
    qap_correlation(krackhardt.layer("advice"), krackhardt.layer("friendship"), permutations=20,
                    progress=Progress("log", stream=out, delay=0, interval=0))
    text = out.getvalue()
    assert "mrqap (ols, dsp): done" in text and "qap correlation: done" in text
    assert "mrqap (ols, dsp): 50/50 permutations (100%)" in text
