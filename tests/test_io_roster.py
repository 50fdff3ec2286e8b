"""read_roster: survey exports with one row per respondent and one column per rated actor."""
from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

import systemsmap as sm

HERE = Path(__file__).parent / "data" / "roster"
SCALE = {"never": 0, "yearly": 1, "monthly": 2, "weekly": 3, "daily": 4}


def _read(*args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        return sm.read_roster(*args, **kwargs)


# Expected ties of roster_scale.csv, read by hand from the file with SCALE and threshold 1
# ("never" is 0, so no tie; labels match ignoring case and spaces: "Daily " and "DAILY").
EXPECTED = [("Ann Lee", "Bo Chen", 3.0), ("Ann Lee", "Dee Fox", 2.0),
            ("Bo Chen", "Ann Lee", 4.0), ("Bo Chen", "Cy Diaz", 1.0), ("Bo Chen", "Eve Gray", 3.0),
            ("Cy Diaz", "Ann Lee", 2.0), ("Cy Diaz", "Dee Fox", 4.0)]


@pytest.mark.parametrize("name", ["roster_scale.csv", "roster_scale.xlsx"])
def test_text_scale_with_non_respondents(name):
    net = _read(HERE / name, scale=SCALE)
    assert list(net.ids) == ["Ann Lee", "Bo Chen", "Cy Diaz", "Dee Fox", "Eve Gray"]
    assert [tuple(r) for r in net.ties[["source", "target", "weight"]].itertuples(index=False)] == EXPECTED
    assert set(net.ties["relation"]) == {"tie"} and net.directed
    a = net.actors
    assert a["respondent"].tolist() == [True, True, True, False, False]
    assert a["role"].tolist() == ["researcher", "policymaker", "lived_experience", None, None]
    assert a["organisation"].tolist() == ["Uni", "Health Dept", "Community", None, None]
    assert a.loc["Dee Fox", "submitted"] is None
    assert a.loc["Ann Lee", "submitted"] in ("2025-03-01 10:00", pd.Timestamp("2025-03-01 10:00"))


def test_scale_as_ordered_list_equals_mapping():
    a = _read(HERE / "roster_scale.csv", scale=list(SCALE))
    b = _read(HERE / "roster_scale.csv", scale=SCALE)
    assert a == b


def test_threshold_and_relation():
    net = _read(HERE / "roster_scale.csv", scale=SCALE, threshold=3, relation="contact")
    # only weekly (3) and daily (4) ratings remain: 4 of the 7
    assert sorted(net.ties["weight"].tolist()) == [3.0, 3.0, 4.0, 4.0]
    assert set(net.ties["relation"]) == {"contact"}
    with pytest.raises(ValueError, match="threshold must be a number, greater than 0, not 0"):
        sm.read_roster(HERE / "roster_scale.csv", scale=SCALE, threshold=0)


def test_none_in_scale_means_no_answer(tmp_path):
    p = tmp_path / "r.csv"
    p.write_text("id,A,B\nA,,don't know\nB,weekly,\n")
    net = _read(p, scale={**SCALE, "Don't know": None})
    assert net.ties[["source", "target"]].values.tolist() == [["B", "A"]]


def test_scale_numbers_are_accepted_but_others_are_not(tmp_path):
    p = tmp_path / "r.csv"
    p.write_text("id,A,B\nA,,3\nB,weekly,\n")
    net = _read(p, scale=SCALE)
    assert net.ties["weight"].tolist() == [3.0, 3.0]
    p.write_text("id,A,B\nA,,7\nB,weekly,\n")
    with pytest.raises(sm.DataError, match=r"r.csv row 2, column 'B': '7' is not a label of the scale"):
        sm.read_roster(p, scale=SCALE)


def test_numeric_roster_and_attribute_warning():
    # 'Years in role' holds only numbers but is no respondent id: an attribute, with a warning.
    with pytest.warns(sm.DataWarning, match=r"'Years in role', 'D' hold only numbers"):
        net = sm.read_roster(HERE / "roster_numeric.csv", id_column="respondent")
    # D did not answer and has no scale labels, so without actors= it is not an actor column...
    assert list(net.ids) == ["A", "B", "C"]
    assert net.actors["Years in role"].tolist()[:2] == [3, 12]
    # ...but with actors= (or columns=) it is: D is then a non-respondent
    net = _read(HERE / "roster_numeric.csv", id_column="respondent", actors=["A", "B", "C", "D", "E"])
    assert list(net.ids) == ["A", "B", "C", "D", "E"]
    assert net.actors["respondent"].tolist() == [True, True, True, False, False]
    assert str(net.actors["Years in role"].dtype) == "Int64"
    ties = [tuple(r) for r in net.ties[["source", "target", "weight"]].itertuples(index=False)]
    # by hand: A->B 2, A->D 1 (A->C is 0: no tie), B->A 3, C->A 1, C->B 1, C->D 4
    assert ties == [("A", "B", 2.0), ("A", "D", 1.0), ("B", "A", 3.0), ("C", "A", 1.0), ("C", "B", 1.0),
                    ("C", "D", 4.0)]
    by_columns = _read(HERE / "roster_numeric.csv", id_column="Respondent", columns=["years in role"])
    assert list(by_columns.ids) == ["A", "B", "C", "D"] and len(by_columns.ties) == 6


def test_actor_table_adds_attributes(tmp_path):
    table = tmp_path / "actors.csv"
    # respondents are matched to the list, so the table lists them too (B and C without attributes)
    table.write_text("id,sector,role\nA,health,funder\nB,,\nC,,\nD,policy,\nE,community,PWLE\n")
    net = _read(HERE / "roster_numeric.csv", id_column="respondent", actors=table)
    a = net.actors
    assert list(net.ids) == ["A", "B", "C", "D", "E"]
    assert a["sector"].tolist() == ["health", None, None, "policy", "community"]
    assert a["role"].tolist() == ["funder", None, None, None, "lived_experience"]


def test_undirected_takes_the_larger_rating(tmp_path):
    p = tmp_path / "r.csv"
    p.write_text("id,A,B,C\nA,,1,2\nB,3,,\nC,,,\n")
    net = _read(p, directed=False)
    # A-B rated 1 by A and 3 by B: one tie of weight 3, oriented as first rated (A -> B)
    assert net.ties[["source", "target", "weight"]].values.tolist() == [["A", "B", 3.0], ["A", "C", 2.0]]


def test_self_cells(tmp_path):
    p = tmp_path / "r.csv"
    p.write_text("id,A,B\nA,0,1\nB,1,\n")  # a self rating below the threshold is no tie, not an error
    assert len(_read(p).ties) == 2
    p.write_text("id,A,B\nA,2,1\nB,1,\n")
    with pytest.warns(sm.DataWarning, match=r"ignored 1 self-rating\(s\).*row 2"):
        net = sm.read_roster(p, self_ties="drop")
    assert len(net.ties) == 2


def test_every_row_is_a_respondent_even_without_ratings(tmp_path):
    p = tmp_path / "r.csv"
    p.write_text("id,A,B\nA,,1\nB,,\n")
    net = _read(p)
    assert net.actors["respondent"].tolist() == [True, True]


def test_suggested_scale_puts_frequency_words_in_order(tmp_path):
    # alphabetical order would suggest daily = 0 and never = 2: a reversed scale that loads without error
    p = tmp_path / "r.csv"
    p.write_text("id,A,B,C\nA,,daily,never\nB,Monthly,,yearly\nC,weekly,never,\n")
    with pytest.raises(sm.DataError) as err:
        sm.read_roster(p)
    suggested = "scale=['never', 'yearly', 'monthly', 'weekly', 'daily']"
    assert suggested in str(err.value) and "lowest to highest" in str(err.value)
    net = sm.read_roster(p, scale=eval(suggested.split("=", 1)[1]))
    w = net.ties.set_index(["source", "target"])["weight"]
    assert w[("A", "B")] == 4 and w[("B", "A")] == 2 and ("A", "C") not in w.index
    other = tmp_path / "o.csv"
    other.write_text("id,A,B\nA,,often\nB,sometimes,\n")
    with pytest.raises(sm.DataError, match="lowest to highest.*with your labels"):
        sm.read_roster(other)


MALFORMED = [
    ("bad_unknown_label.csv", {"scale": SCALE},
     ["bad_unknown_label.csv row 3", "column 'Ann'", "'fortnightly' is not a label of the scale",
      "'never', 'yearly', 'monthly', 'weekly', 'daily'", "1 other cell", "'Often'"]),
    ("bad_text_no_scale.csv", {},
     ["bad_text_no_scale.csv row 3", "column 'Cy'", "'weekly' is not a number", "scale=", "'daily'"]),
    ("bad_duplicate_respondent.csv", {},
     ["bad_duplicate_respondent.csv rows 2 and 4", "column 'id'", "'Ann' has more than one row"]),
    ("bad_self_rating.csv", {}, ["bad_self_rating.csv row 3", "column 'Bo'", "rated themselves", "self_ties='drop'"]),
    ("bad_empty_id.csv", {}, ["bad_empty_id.csv row 3", "column 'id'", "empty respondent id"]),
    ("bad_no_id_column.csv", {}, ["bad_no_id_column.csv row 1", "no id column 'id'", "found 'name', 'Ann'",
                                  "id_column="]),
    ("bad_duplicate_header.csv", {}, ["bad_duplicate_header.csv row 1, column E", "'bo' appears twice", "also in column C"]),
    ("bad_decimal_comma.csv", {}, ["bad_decimal_comma.csv row 3", "column 'Ann'", "'2,5' is not a number",
                                   "decimal comma"]),
]


@pytest.mark.parametrize("name,options,fragments", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_roster_gives_located_error(name, options, fragments):
    with pytest.raises(sm.DataError) as info:
        sm.read_roster(HERE / name, **options)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"


def test_every_bad_file_is_a_case():
    assert {p.name for p in HERE.glob("bad_*")} == {m[0] for m in MALFORMED}


def test_workbook_dates_become_datetimes(tmp_path):
    import datetime

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Responses"
    ws.append(["id", "submitted", "A", "B"])
    ws.append(["A", datetime.datetime(2025, 3, 1, 10), None, 2])
    ws.append(["B", datetime.datetime(2025, 3, 2), 1, None])
    wb.save(tmp_path / "r.xlsx")
    net = _read(tmp_path / "r.xlsx", sheet="Responses")
    assert pd.api.types.is_datetime64_any_dtype(net.actors["submitted"])
    assert net.ties[["source", "target", "weight"]].values.tolist() == [["A", "B", 2.0], ["B", "A", 1.0]]


def test_listed_actors_match_ignoring_case():
    # the list spells ids in lower case: respondents are matched to the list and take its spelling
    net = _read(HERE / "roster_numeric.csv", id_column="respondent", actors=["a", "b", "c", "d"])
    assert list(net.ids) == ["a", "b", "c", "d"]
    assert net.actors["typed_name"].tolist() == ["A", "B", "C", None]
    assert net.actors["matched_as"].tolist() == ["normalised", "normalised", "normalised", None]
    assert len(net.ties) == 6 and ("c", "d") in set(zip(net.ties["source"], net.ties["target"]))
