"""Pseudonymisation that hides everyone (issue 15, item 1): library side.

``pseudonymise`` replaces every column naming actors by codes or drops it,
drops free-text and contact columns found by name or content, and says what
it did; ``check_disclosure`` refuses an output naming a group under the
minimum size; ``redact`` takes small groups' names out of text such as warnings.
"""
from __future__ import annotations

import re
import warnings

import pandas as pd
import pytest

import systemsmap as sm
from systemsmap.privacy import actor_columns, check_disclosure, free_text_columns, redact

NAMES = ["Jane Roe", "Rob Moe", "Ann Poe", "Kim Loe", "Sam Doe", "Lee Hoe"]


def _people() -> sm.StakeholderNetwork:
    ids = [f"a{i}" for i in range(6)]
    actors = pd.DataFrame({
        "id": ids, "label": NAMES,
        "supervisor": ["Rob Moe", None, "rob moe", "Jane Roe; Rob Moe", "a1", "Rob Moe"],  # ids and labels only
        "mentor": ["Jane Roe", "Zed Outsider", None, None, None, "Jane Roe"],  # an actor and an outsider
        "email": ["j@x.org", None, None, None, None, None],
        "office": ["+44 20 7946 0000", "room 2", "room 2", "room 3", "room 3", "room 2"],
        "hq": ["12 Baker Street", "x", "x", "x", "x", "x"],
        "team": ["t1", "t1", "t2", "t2", "t2", "t1"],
        "joined": ["2024-01-05", "2024-01-05", "2023-03-01", "2023-03-01", "2023-03-01", "2024-01-05"],
    })
    ties = pd.DataFrame({"source": ids[:5], "target": ids[1:], "introduced_by": ["Lee Hoe", None, "a0", None, None],
                         "comment": ["met at Dr Who's", "x", "x", "y", "y"]})
    return sm.from_frames(actors, ties)


def _pseudo(net, **kw):
    with pytest.warns(sm.DataWarning, match="pseudonymise") as rec:
        out = sm.pseudonymise(net, salt="s3cret", **kw)
    return (*out, " ".join(str(w.message) for w in rec))


def test_columns_naming_actors_become_codes_and_the_rest_is_dropped():
    net = _people()
    pnet, key, warning = _pseudo(net)
    code = dict(zip(key["id"], key["code"]))
    a = pnet.actors
    assert a["supervisor"].tolist()[:1] == [code["a1"]]
    assert a["supervisor"].tolist() == [code["a1"], None, code["a1"], f"{code['a0']}; {code['a1']}", code["a1"],
                                        code["a1"]]
    assert pnet.ties["introduced_by"].tolist() == [code["a5"], None, code["a0"], None, None]
    assert set(a.columns) == {"label", "role", "supervisor", "team", "joined"}
    assert set(pnet.ties.columns) == {"source", "target", "relation", "weight", "introduced_by"}
    plan = key.attrs["columns"]
    assert plan["actors.supervisor"][0] == "recode" and plan["ties.introduced_by"][0] == "recode"
    assert plan["actors.mentor"] == ("drop", "it names actors and others")
    assert plan["actors.email"][0] == "drop" and plan["actors.office"] == ("drop", "it holds telephone numbers")
    assert plan["actors.hq"] == ("drop", "it holds street addresses")
    assert plan["ties.comment"][0] == "drop"
    assert "actors.joined" not in plan  # dates are not telephone numbers
    for name in ("actors.supervisor", "actors.mentor", "actors.email", "actors.office", "ties.comment"):
        assert name in warning
    # no name survives anywhere in the network
    blob = pnet.actors.to_csv() + pnet.ties.to_csv()
    for name in [*NAMES, "Zed Outsider", "j@x.org", "Baker", "7946", "Dr Who"]:
        assert not re.search(re.escape(name), blob, re.I), name


def test_kept_columns_keep_their_text_with_actors_coded():
    net = _people()
    pnet, key, warning = _pseudo(net, keep=["mentor", "email"])
    code = dict(zip(key["id"], key["code"]))
    assert pnet.actors["mentor"].tolist() == [code["a0"], "Zed Outsider", None, None, None, code["a0"]]
    assert pnet.actors["email"].tolist()[0] == "j@x.org"
    assert key.attrs["columns"]["actors.mentor"][0] == "recode-keep"
    assert key.attrs["columns"]["actors.email"][0] == "keep"
    assert "kept" in warning


def test_detection_by_name_and_content():
    t = pd.DataFrame({"sector": ["a"] * 6, "Supervisor": ["Bo"] * 6, "Mobile": ["1"] * 6, "hotel": ["h"] * 6,
                      "web": ["see www.example.org", "b", "b", "b", "b", "b"],
                      "who": ["Prof. Ada Byron", "x", "x", "x", "x", "x"], "when": ["31/12/2024"] * 6,
                      "n": range(6)})
    assert free_text_columns(t) == ["Supervisor", "Mobile", "web", "who"]
    refs = actor_columns(pd.DataFrame({"org": ["Health", "Care", "Edu", "Law"], "boss": ["Ann", "x", "x", "x"],
                                       "head": ["ann | bo", None, "Ann", "Bo"]}), ["a1"], ["Ann", "Bo"])
    # "org": one name in four is no reference; "boss" names people (its name says so) and others
    assert refs == {"boss": False, "head": True}


def test_example_networks_keep_their_categories():
    with warnings.catch_warnings():
        warnings.simplefilter("error", sm.DataWarning)
        pnet, key = sm.pseudonymise(sm.load_example("implementation_ecosystem"), salt="x")
    assert key.attrs["columns"] == {}
    assert {"organisation", "sector", "region"} <= set(pnet.actors.columns)


def test_check_disclosure_names_size_and_option_not_the_group():
    sizes = pd.Series({"Abernathy Consulting Ltd": 2, "Health": 40, "lived_experience": 1})
    ok = {"findings": ["Health is a silo."], "table": pd.DataFrame({"group": ["Health", "Other groups"]})}
    check_disclosure(ok, sizes, min_size=5)
    bad = {"findings": ["x"], "bridges": pd.DataFrame({"reason": ["joins Abernathy Consulting Ltd to Health"]})}
    with pytest.raises(sm.DataError) as err:
        check_disclosure(bad, sizes, min_size=5)
    e = err.value
    assert e.origin == "bridges" and e.options == {"min_group_size": 2}
    assert "2 actors" in str(e) and "minimum group size of 5" in str(e) and "Abernathy" not in str(e)
    check_disclosure(bad, sizes, min_size=2)  # allowed once the minimum is 2
    # role display names too, and index labels of tables
    with pytest.raises(sm.DataError, match="1 actor,"):
        check_disclosure({"t": pd.DataFrame({"x": [1]}, index=["Lived experience"])}, sizes, min_size=5, by="role")
    # whole words only: "Healthy" does not name "Health"
    check_disclosure({"f": "Healthy"}, pd.Series({"Health": 1}), min_size=5)


def test_redact():
    sizes = pd.Series({"Ab": 1, "Ab Ltd": 2, "Big": 9})
    assert redact("Ab Ltd, Ab and Big; Abc", sizes, min_size=5) == "a small group, a small group and Big; Abc"
    assert redact("Ab", sizes, min_size=1) == "Ab"


def test_cli_prints_the_option_as_a_flag():
    from systemsmap.cli import error_message

    e = pytest.raises(sm.DataError, check_disclosure, {"the report": "X Ltd"}, pd.Series({"X Ltd": 3}), min_size=5)
    assert error_message(e.value).endswith("(on the command line: --min-group-size 3)")
