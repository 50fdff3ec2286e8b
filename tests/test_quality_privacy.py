"""tie_quality, weighted_by, pseudonymise, suppress_small, disclosure_risk."""
from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest

import systemsmap as sm
from systemsmap.privacy import free_text_columns, suppress_small


@pytest.fixture
def rated():
    actors = pd.DataFrame({"id": ["a", "b", "c", "d"], "grp": ["x", "x", "y", "y"]})
    ties = pd.DataFrame({"source": ["a", "b", "c", "d", "a"], "target": ["c", "c", "a", "a", "b"],
                         "trust": [4, 2, 3, np.nan, 5], "value": [1, 1, 2, 3, 4]})
    # without this mapping 'value' would be read as the tie weight (a recognised synonym)
    return sm.from_frames(actors, ties, columns={"value": "value"})


def test_tie_quality_hand_made(rated):
    q = sm.tie_quality(rated, by="grp")
    a = q.actors
    assert a.loc["c", "trust_received"] == 3.0       # (4 + 2) / 2
    assert a.loc["a", "trust_received"] == 3.0       # only c's 3 is rated
    assert a.loc["a", "trust_given"] == 4.5          # (4 + 5) / 2
    assert a.loc["a", "n_received"] == 2 and a.loc["d", "n_received"] == 0
    g = q.groups.set_index(["from_group", "to_group"])
    assert g.loc[("x", "y"), "trust"] == 3.0 and g.loc[("x", "x"), "trust"] == 5.0
    assert g.loc[("y", "x"), "ties"] == 2 and g.loc[("y", "x"), "value"] == 2.5
    with pytest.raises(sm.DataError, match="'warmth' is not a tie column"):
        sm.tie_quality(rated, columns=["warmth"])


def test_weighted_by(rated):
    with pytest.raises(sm.DataError, match=r"ties row 4, column 'trust': missing trust.*cannot be a weight"):
        rated.weighted_by("trust")
    w = rated.weighted_by("value")
    assert w.ties["weight"].tolist() == [1, 1, 2, 3, 4] and w.ties["weight_original"].eq(1).all()


def test_pseudonymise_is_stable_and_hides_names():
    net = sm.load_example("implementation_ecosystem")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        p1, key = sm.pseudonymise(net, salt="s3cret")
        p2, _ = sm.pseudonymise(net, salt="s3cret")
        p3, _ = sm.pseudonymise(net, salt="other")
    assert list(p1.ids) == list(p2.ids) and list(p1.ids) != list(p3.ids)
    assert len(p1.ties) == len(net.ties) and len(p1) == len(net)
    assert set(key.columns) == {"code", "id", "label"} and key["id"].tolist() == list(net.ids)
    assert not set(p1.actors["label"]) & set(net.actors["label"])


def test_pseudonymised_files_hold_no_original_name(tmp_path):
    net = sm.load_example("implementation_ecosystem")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        pnet, key = sm.pseudonymise(net, salt="s3cret")
    pnet.to_csv(tmp_path / "csv")
    pnet.to_excel(tmp_path / "net.xlsx")
    pnet.to_kumu(tmp_path / "kumu.xlsx")
    pnet.to_graphml(tmp_path / "net.graphml")
    pnet.to_gexf(tmp_path / "net.gexf")
    import zipfile

    texts = []
    for f in sorted(tmp_path.rglob("*")):
        if f.is_file():
            if f.suffix == ".xlsx":
                with zipfile.ZipFile(f) as z:
                    texts.append(" ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist()))
            else:
                texts.append(f.read_text(encoding="utf-8"))
    blob = "\n".join(texts)
    assert len(texts) >= 7
    for ident in list(net.ids) + list(net.actors["label"]):
        # whole-token match: ids must not appear as words in any output (the substring test first
        # only spares the slow regex scan of the 2 MB blob where it cannot match)
        word = r"(?<![\w-])" + re.escape(str(ident)) + r"(?![\w-])"
        assert str(ident) not in blob or not re.search(word, blob), ident


def test_same_salt_matches_across_waves():
    net = sm.load_example("implementation_ecosystem")
    w1, w2 = net.waves[:2]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        a, _ = sm.pseudonymise(net.at(w1), salt="k")
        b, _ = sm.pseudonymise(net.at(w2), salt="k")
        full, _ = sm.pseudonymise(net, salt="k")
    stayed = set(net.at(w1).ids) & set(net.at(w2).ids)
    assert len(set(a.ids) & set(b.ids)) == len(stayed)
    assert set(a.ids) <= set(full.ids)


def test_free_text_columns():
    t = pd.DataFrame({"sector": ["a", "a", "b", "b", "a", "b"], "note": ["x"] * 6,
                      "bio": list("uvwxyz"), "code": list("pqrstu"), "size": range(6)})
    assert free_text_columns(t) == ["note", "bio", "code"]


def test_suppress_small_blank_and_merge():
    t = pd.DataFrame({"actors": [40, 3, 12, 2], "ties": [100, 4, 30, 1]}, index=list("abcd"))
    b = suppress_small(t, 5)
    assert b.loc["b"].isna().all() and b.loc["a", "ties"] == 100
    m = suppress_small(t, 5, how="merge")
    assert list(m.index) == ["a", "c", "Other groups"] and m.loc["Other groups", "ties"] == 5
    assert np.isnan(suppress_small(t, 6, how="merge").loc["Other groups", "ties"])  # 3 + 2 < 6: blanked
    mix = pd.DataFrame([[10, 1, 2], [1, 0, 3], [2, 3, 8]], index=list("xyz"), columns=list("xyz"))
    sizes = pd.Series({"x": 10, "y": 2, "z": 7})
    sq = suppress_small(mix, 5, sizes=sizes)
    assert sq["y"].isna().all() and sq.loc["y"].isna().all() and sq.loc["x", "z"] == 2
    sm_ = suppress_small(mix, 5, sizes=pd.Series({"x": 10, "y": 2, "z": 4}), how="merge")
    assert list(sm_.index) == ["x", "Other groups"] == list(sm_.columns)
    assert sm_.loc["Other groups", "x"] == 3 and sm_.loc["x", "Other groups"] == 3
    assert sm_.loc["Other groups", "Other groups"] == 14
    with pytest.raises(ValueError, match="sizes="):
        suppress_small(mix, 5)


def test_disclosure_risk_hand_made():
    actors = pd.DataFrame({"id": list("abcd"), "role": ["researcher", "researcher", "funder", "funder"],
                           "region": ["n", "n", "s", "s"]})
    ties = pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "c", "d"]})
    net = sm.from_frames(actors, ties, directed=False)
    r = sm.disclosure_risk(net, ["role", "region"])
    # degrees a1 b2 c2 d1: every (role, region, degree) combination unique
    assert r["at_risk"].all() and r["class_size"].eq(1).all()
    r2 = sm.disclosure_risk(net, ["role", "region"], degree=False)
    assert not r2["at_risk"].any() and r2["class_size"].eq(2).all()
    with pytest.raises(sm.DataError, match="not an actor column"):
        sm.disclosure_risk(net, ["age"])


def test_tie_quality_summary_ignores_means_of_one_or_two_ratings():
    actors = pd.DataFrame({"id": list("abcde"), "g": ["x", "x", "y", "y", "z"]})
    ties = pd.DataFrame({"source": ["a", "b", "c", "d", "a", "b", "c"],
                         "target": ["c", "c", "a", "a", "e", "d", "d"],
                         "trust": [4.0, 4.0, 3.0, 3.0, 1.0, 2.0, 5.0]})
    q = sm.tie_quality(sm.from_frames(actors, ties), columns=["trust"], by="g")
    text = str(q)
    # e has the single rating 1.0 and x->z is one tie: neither is named; no actor has 3 rated ties
    assert "Mean trust: 3.14 over 7 rated ties." in text and "highest" not in text
    assert "x → z" not in text and "Lowest trust between groups: x → y (3.33 over 3 ties" in text
    assert q.overall.loc["trust"].tolist() == [pytest.approx(22 / 7), 7]
    ties2 = pd.concat([ties, pd.DataFrame({"source": ["d", "e"], "target": ["c", "c"], "trust": [5.0, 2.0]})])
    text2 = str(sm.tie_quality(sm.from_frames(actors, ties2), columns=["trust"], by="g"))
    assert "highest for c (3.75, 4 ties" in text2
    assert "Lowest trust between groups: x → y (3.33 over 3 ties" in text2


def test_privacy_options_are_checked():
    net = sm.load_example("karate_club")
    with pytest.raises(sm.errors.OptionError, match="salt must be a non-empty text, not ''"):
        sm.pseudonymise(net, salt="")
    with pytest.raises(sm.errors.NotFoundError, match="'notes' is not an actor or tie column of this network"):
        sm.pseudonymise(net, salt="s", keep=["notes"])
    with pytest.raises(sm.errors.OptionError, match="length must be a whole number, 4 or more and 64 or less"):
        sm.pseudonymise(net, salt="s", length=2)
    t = pd.DataFrame({"actors": [40, 3]}, index=["a", "b"])
    with pytest.raises(sm.errors.OptionError, match="min_size must be a whole number, 1 or more, not 0"):
        suppress_small(t, 0)
    with pytest.raises(sm.errors.OptionError, match="how must be 'blank' or 'merge', not 'drop'"):
        suppress_small(t, how="drop")
    with pytest.raises(sm.errors.OptionError, match="other must be a non-empty text"):
        suppress_small(t, how="merge", other="")
    with pytest.raises(sm.errors.OptionError, match="degree must be True or False, not 'yes'"):
        sm.disclosure_risk(net, ["club"], degree="yes")
    with pytest.raises(sm.errors.OptionError, match="k must be a whole number, 1 or more, not 0"):
        sm.disclosure_risk(net, ["club"], k=0)
