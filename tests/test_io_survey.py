"""Survey exports as each tool writes them load to the network the respondents described.

Fixtures (tests/data/survey, written by make_survey_fixtures.py there, which says
how each tool lays out, encodes and quotes its file) are compared with their
truth tables: the intended actors in order, respondents, ties with their
ratings and respondents' roles. Every warning a load gives is asserted, and
no other may leak.
"""
from __future__ import annotations

import json
import re
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest

import systemsmap as sm
from systemsmap.errors import UnknownActorError
from systemsmap.io.names import NameMatcher, name_key
from systemsmap.io.survey import survey_table

HERE = Path(__file__).parent / "data" / "survey"
SCALE = ["Never", "A few times a year", "Monthly", "Weekly", "Daily"]
FIXTURES = {
    "qualtrics": {"id_column": "Q1", "scale": SCALE},
    "surveymonkey": {"id_column": "What is your name?", "scale": SCALE},
    "google_forms": {"id_column": "What is your name?", "scale": SCALE},
    "ms_forms": {"id_column": "What is your name?", "scale": SCALE},
    "redcap_labels": {"id_column": "Your name", "scale": SCALE},
    "spss": {"id_column": "Q1"},  # the value labels give the scale
}


def truth(name: str) -> dict:
    return json.loads((HERE / f"{name}.truth.json").read_text(encoding="utf-8"))


def load(path, expected: list[str], **options) -> sm.StakeholderNetwork:
    """Read a roster, asserting that each pattern in ``expected`` is warned and nothing else is."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", sm.DataWarning)
        net = sm.read_roster(path, **options)
    messages = [str(w.message) for w in caught if issubclass(w.category, sm.DataWarning)]
    for m in messages:
        assert any(re.search(p, m) for p in expected), f"unexpected warning: {m}"
    for p in expected:
        assert any(re.search(p, m) for m in messages), f"no warning matches {p!r}: {messages}"
    return net


def expected_warnings(name: str, t: dict) -> list[str]:
    slip = [r for r, typed in t["typed"].items() if name_key(typed) != name_key(r)]
    assert len(slip) == 1  # each fixture has exactly one typo
    pats = [rf"1 respondent name\(s\) matched by closeness, not exactly: {re.escape(repr(t['typed'][slip[0]]))} "
            rf"taken as {re.escape(repr(slip[0]))}"]
    if name == "spss":  # 9 = Don't know is declared missing (silent); 8 = Not applicable is read as no answer
        pats.append(rf"{t['not_applicable']} answer\(s\) read as no answer.*'Not applicable' \({t['not_applicable']}\)")
    else:
        pats.append(rf"{t['dont_know']} answer\(s\) read as no answer.*\"Don't know\" \({t['dont_know']}\)")
    if name == "qualtrics":
        pats.append(r"role 'polciymaker' \(1 actor\(s\): 'Cllr Rosa Delgado'\).*probably 'policymaker'")
    return pats


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_loads_to_its_truth_table(name):
    t = truth(name)
    net = load(HERE / t["file"], expected_warnings(name, t), **FIXTURES[name])
    assert list(net.ids) == t["actors"]  # respondents in row order, then the rest of the list
    assert 25 <= len(net) <= 40 and len(t["respondents"]) < len(net)  # non-respondents too
    assert net.actors.index[net.actors["respondent"]].tolist() == t["respondents"]
    got = sorted((s, d, w) for s, d, w in net.ties[["source", "target", "weight"]].itertuples(index=False))
    assert got == sorted((s, d, float(w)) for s, d, w in t["ties"])
    assert net.actors["role"].dropna().to_dict() == t["roles"]
    assert net.actors.loc[t["respondents"], "typed_name"].tolist() == [t["typed"][r].strip() for r in t["respondents"]]
    how = net.actors["matched_as"].dropna()
    assert set(how) <= {"exact", "normalised", "close"} and (how == "close").sum() == 1
    assert net.actors.loc[t["respondents"], "organisation"].notna().all()


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_no_phantom_actor_and_strict_matching_refuses_the_typo(name):
    t = truth(name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        with pytest.raises(sm.DataError, match="only closely, and match='normalised' refuses that") as err:
            sm.read_roster(HERE / t["file"], match="normalised", **FIXTURES[name])
    slip = [r for r, typed in t["typed"].items() if name_key(typed) != name_key(r)][0]
    assert err.value.value == t["typed"][slip]


def test_qualtrics_metadata_kept_or_dropped_never_actors():
    t = truth("qualtrics")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        kept = sm.read_roster(HERE / "qualtrics.csv", **FIXTURES["qualtrics"])
        dropped = sm.read_roster(HERE / "qualtrics.csv", metadata="drop", **FIXTURES["qualtrics"])
    meta = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished",
            "RecordedDate", "ResponseId", "LocationLatitude", "DistributionChannel", "UserLanguage"]
    assert set(meta) <= set(kept.actors.columns) and not set(meta) & set(dropped.actors.columns)
    assert not set(meta) & set(kept.ids) and list(dropped.ids) == t["actors"]
    assert kept.actors.loc[t["respondents"][0], "Status"] == "IP Address"
    assert kept.ties.equals(dropped.ties)


@pytest.mark.parametrize("id_column", ["Q1", "What is your name?", "  what is your NAME? ", "QID1_TEXT"])
def test_a_column_is_named_by_any_header_row(id_column):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        net = sm.read_roster(HERE / "qualtrics.csv", id_column=id_column, scale=SCALE)
    assert list(net.ids) == truth("qualtrics")["actors"]


def test_missing_id_column_suggests_the_name_question():
    with pytest.raises(sm.DataError) as err:
        sm.read_roster(HERE / "google_forms.csv", scale=SCALE)
    assert err.value.options == {"id_column": "What is your name?"}
    assert "probably id_column='What is your name?'" in str(err.value)


def _edited(tmp_path: Path, name: str, old: str, new: str) -> Path:
    t = truth(name)
    src = HERE / t["file"]
    dst = tmp_path / t["file"]
    shutil.copy(src, dst)
    raw = dst.read_bytes()
    assert raw.count(old.encode()) >= 1
    dst.write_bytes(raw.replace(old.encode(), new.encode(), 1))
    return dst


def test_a_name_with_no_good_match_is_an_error_naming_it(tmp_path):
    t = truth("google_forms")
    first = t["respondents"][0]
    path = _edited(tmp_path, "google_forms", f'"{t["typed"][first]}"', '"Zebedee Quill"')
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        with pytest.raises(sm.DataError) as err:
            sm.read_roster(path, **FIXTURES["google_forms"])
    e = err.value
    assert (e.origin, e.rows, e.column, e.value) == ("google_forms.csv", (2,), "What is your name?", "Zebedee Quill")
    assert "is not the name of an actor on the list" in str(e) and "the closest are" in str(e)
    assert e.options == {"unknown_respondents": "add"}
    # an alias settles it; unknown_respondents='add' adds them with a warning naming them
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        net = sm.read_roster(path, aliases={"Zebedee Quill": first}, **FIXTURES["google_forms"])
    assert list(net.ids) == t["actors"] and net.actors.loc[first, "matched_as"] == "alias"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        added = sm.read_roster(path, unknown_respondents="add", **FIXTURES["google_forms"])
    assert any("added 1 respondent(s) who are not on the actor list" in str(w.message) and "'Zebedee Quill'"
               in str(w.message) for w in caught)
    assert added.actors.loc["Zebedee Quill", "matched_as"] == "added" and len(added) == len(net) + 1


def test_aliases_from_a_two_column_file(tmp_path):
    t = truth("surveymonkey")
    slip = [r for r, typed in t["typed"].items() if name_key(typed) != name_key(r)][0]
    file = tmp_path / "aliases.csv"
    file.write_text(f"typed,actor\n{t['typed'][slip]},{slip}\n")
    net = load(HERE / t["file"], [r"read as no answer"], aliases=file, **FIXTURES["surveymonkey"])
    assert net.actors.loc[slip, "matched_as"] == "alias" and list(net.ids) == t["actors"]


def test_dont_know_named_in_missing_is_silent_and_unknown_label_suggests_missing(tmp_path):
    t = truth("redcap_labels")
    net = load(HERE / t["file"], [r"matched by closeness"], missing=["Don't know"], **FIXTURES["redcap_labels"])
    assert len(net.ties) == len(t["ties"])
    path = _edited(tmp_path, "redcap_labels", ",Don't know,", ",Prefer not to answer today,")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        with pytest.raises(sm.DataError) as err:
            sm.read_roster(path, **FIXTURES["redcap_labels"])
    text = str(err.value)
    assert "is not a label of the scale" in text and "missing=['Prefer not to answer today']" in text
    assert "add the label to scale" not in text and err.value.options == {"missing": ["Prefer not to answer today"]}


def test_dataframes_read_as_files_do(tmp_path):
    t = truth("google_forms")
    df = pd.read_csv(HERE / "google_forms.csv", dtype=str, keep_default_na=False)
    net = load(df, expected_warnings("google_forms", t)[:2], **FIXTURES["google_forms"])
    assert list(net.ids) == t["actors"] and len(net.ties) == len(t["ties"])
    qualtrics = pd.read_csv(HERE / "qualtrics.csv", header=[0, 1, 2], dtype=str, encoding="utf-8-sig")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        q = sm.read_roster(qualtrics, id_column="What is your name?", scale=SCALE)
    assert list(q.ids) == truth("qualtrics")["actors"]
    bad = df.copy()
    bad.loc[3, bad.columns[1]] = "Zebedee Quill"
    with pytest.raises(sm.DataError) as err:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", sm.DataWarning)
            sm.read_roster(bad, **FIXTURES["google_forms"])
    assert (err.value.origin, err.value.rows) == ("DataFrame roster", (4,))


def test_stata_file_with_value_labels(tmp_path):
    import pyreadstat

    df = pd.DataFrame({"name": ["Ann Lee", "bo chen", "Cy Diaz"], "r_ann": [None, 3.0, 9.0],
                       "r_bo": [2.0, None, 1.0], "r_cy": [0.0, 9.0, None], "r_dee": [3.0, 1.0, 2.0]})
    labels = {"never": 0, "yearly": 1, "monthly": 2, "weekly": 3}
    vl = {c: {float(v): k.capitalize() for k, v in labels.items()} | {9.0: "Don't know"} for c in df.columns[1:]}
    pyreadstat.write_dta(df, str(tmp_path / "s.dta"), variable_value_labels=vl,
                         column_labels=["Your name", "Work with - Ann Lee", "Work with - Bo Chen",
                                        "Work with - Cy Diaz", "Work with - Dee Fox"])
    net = load(tmp_path / "s.dta", [r"2 answer\(s\) read as no answer.*\"Don't know\" \(2\)"], id_column="name")
    assert list(net.ids) == ["Ann Lee", "Bo Chen", "Cy Diaz", "Dee Fox"]
    ties = net.ties[["source", "target", "weight"]].values.tolist()
    # by hand: codes are the scale's order, never (0) is no tie, 9 is no answer
    assert ties == [["Ann Lee", "Bo Chen", 2.0], ["Ann Lee", "Dee Fox", 3.0], ["Bo Chen", "Ann Lee", 3.0],
                    ["Bo Chen", "Dee Fox", 1.0], ["Cy Diaz", "Bo Chen", 1.0], ["Cy Diaz", "Dee Fox", 2.0]]


@pytest.mark.parametrize("style", ["{q} - {n}", "{q}: {n}", "{q} [{n}]", "{q}.{n}", "{q} ({n})"])
def test_every_question_prefix_style(style, tmp_path):
    q = "How often do you work with each of these people?"
    names = ["Dr. Ann Lee", "Bo Chen", "Cy Diaz"]
    df = pd.DataFrame({"Your name": ["ann lee", "Bo Chen"], "Role (main)": ["Researcher", "Clinician"]}
                      | {style.format(q=q, n=n): v for n, v in zip(names, [[None, "2"], ["1", None], ["0", "3"]])})
    net = load(df, [], id_column="Your name")
    assert list(net.ids) == names
    assert net.ties[["source", "target", "weight"]].values.tolist() == [["Dr. Ann Lee", "Bo Chen", 1.0],
                                                                       ["Bo Chen", "Dr. Ann Lee", 2.0],
                                                                       ["Bo Chen", "Cy Diaz", 3.0]]
    assert net.actors["role"].tolist() == ["researcher", "implementer", None]


def test_two_equal_questions_need_question():
    df = pd.DataFrame({"id": ["A", "B"], "Often [A]": ["", "1"], "Often [B]": ["2", ""],
                       "Trust [A]": ["", "3"], "Trust [B]": ["1", ""]})
    with pytest.raises(sm.DataError, match="two questions have 2 columns each") as err:
        sm.read_roster(df)
    assert err.value.options == {"question": "Often"}
    net = load(df, [], question="Trust")
    assert net.ties["weight"].tolist() == [1.0, 3.0]


@pytest.mark.parametrize("typed,actor,how", [
    ("Dr Amara Okafor", "Dr Amara Okafor", "exact"), ("amara okafor ", "Dr Amara Okafor", "normalised"),
    ("  AMARA  OKAFOR", "Dr Amara Okafor", "normalised"), ("Ian Marsh", "Prof Ian Marsh", "normalised"),
    ("Professor Ian Marsh, PhD", "Prof Ian Marsh", "normalised"), ("Owen Pryce", "Owen Price", "close"),
    ("Okafor, Amara", "Dr Amara Okafor", "close"), ("A. Okafor", "Dr Amara Okafor", "close"),
    ("Sean O'Brien", "Seán O’Brien", "normalised"), ("Zed Quill", None, "none"), ("J Smith", None, "ambiguous"),
])
def test_name_tiers(typed, actor, how):
    m = NameMatcher(["Dr Amara Okafor", "Prof Ian Marsh", "Owen Price", "Seán O’Brien", "Jane Smith",
                     "John Smith"]).match(typed)
    assert (m.actor, m.how) == (actor, how)


def test_layouts_are_told_apart():
    assert {n: survey_table(HERE / truth(n)["file"]).layout for n in FIXTURES} == {
        "qualtrics": "qualtrics", "surveymonkey": "surveymonkey", "google_forms": "plain", "ms_forms": "plain",
        "redcap_labels": "plain", "spss": "spss"}


def test_fixture_bytes_are_as_the_tools_write_them():
    q = (HERE / "qualtrics.csv").read_bytes()
    assert q.startswith(b"\xef\xbb\xbfStartDate,EndDate,") and b"\r\n" in q
    assert b'"{""ImportId"":""startDate"",""timeZone"":""Europe/London""}"' in q
    g = (HERE / "google_forms.csv").read_bytes()
    assert g.startswith(b'"Timestamp","What is your name?"') and b"\r\n" not in g
    s = (HERE / "surveymonkey.csv").read_bytes().decode("utf-8-sig").splitlines()
    assert s[0].startswith("Respondent ID,Collector ID,") and s[1].startswith(",,,,,,,,,Open-Ended Response")


# ---------------------------------------------------------------------- name generators
def _people(net: sm.StakeholderNetwork, t: dict) -> dict[str, set[str]]:
    """Each actor's intended person (through the spellings the truth table records): one each."""
    who = {**t["spellings"], **{v.strip(): k for k, v in t["typed"].items()}}
    out: dict[str, set[str]] = {}
    for s, d in net.ties[["target", "typed_name"]].itertuples(index=False):
        out.setdefault(s, set()).add(who[d.strip()])
    for a, typed in net.actors["typed_name"].dropna().items():
        out.setdefault(a, set()).add(who[typed.strip()])
    return out


def test_name_generator_suggests_merges_and_accepting_gives_the_intended_actors():
    t = truth("nominations")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        apart = sm.read_nominations(HERE / "nominations.csv", id_column="Your name")
    review = sm.nomination_review(HERE / "nominations.csv", id_column="Your name")
    listed = [str(w.message) for w in caught if "look like another's and are kept apart" in str(w.message)]
    assert len(listed) == 1 and f"{len(review)} name(s)" in listed[0]
    assert set(review["kind"]) == {"typo", "initials"} and not review["merged"].any()
    for name, suggested in zip(review["name"], review["suggested"]):  # every suggestion is right
        assert t["spellings"][name] == t["spellings"].get(suggested, suggested)
    assert len(apart) == len(t["people"]) + len(review)  # nothing merged silently
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        net = sm.read_nominations(HERE / "nominations.csv", id_column="Your name", merge="suggested")
    people = _people(net, t)
    assert all(len(p) == 1 for p in people.values())  # no actor is two people
    assert sorted(p.pop() for p in people.values()) == sorted(t["people"])  # each person one actor
    assert len(net) == len(t["people"]) and net.actors["respondent"].sum() == 40
    got = sorted((s, d) for s, d in net.ties[["source", "target"]].itertuples(index=False))
    names = {a: next(iter(p)) for a, p in _people(net, t).items()}
    assert sorted((names[s], names[d]) for s, d in got) == sorted((s, d) for s, d, _ in t["ties"])
    freq = {(names[s], names[d]): f for s, d, f in net.ties[["source", "target", "How often?"]].itertuples(index=False)}
    assert all(freq[s, d] == (None if f == "Don't know" else f) for s, d, f in t["ties"])


def test_name_generator_aliases_merge_one_by_one():
    review = sm.nomination_review(HERE / "nominations.csv", id_column="Your name")
    first = review.iloc[0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        net = sm.read_nominations(HERE / "nominations.csv", id_column="Your name",
                                  aliases={first["name"]: first["suggested"]})
        apart = sm.read_nominations(HERE / "nominations.csv", id_column="Your name")
    assert len(net) == len(apart) - 1 and first["name"] not in set(net.ids)


def test_name_generator_against_a_list():
    t = truth("nominations")
    listed = sorted(t["people"])
    net = load_nom(actors=listed)
    assert set(net.ids) == set(listed)
    with pytest.raises(sm.DataError, match="is not the name of an actor on the list") as err:
        load_nom(actors=[p for p in listed if p != "Maria Santos"])
    assert err.value.value == "Maria Santos" and err.value.options == {"unknown_names": "add"}


def load_nom(**options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        return sm.read_nominations(HERE / "nominations.csv", id_column="Your name", **options)


# ---------------------------------------------------------------------- DataFrames where paths are taken
def test_read_csv_and_read_matrix_take_dataframes():
    ties = pd.DataFrame({"from": ["a", "b"], "to": ["b", "zed"]})
    actors = pd.DataFrame({"id": ["a", "b"], "role": ["Commissioner", "Polciymaker"]})
    with pytest.raises(UnknownActorError) as err:
        sm.read_csv(ties, actors)
    assert (err.value.origin, err.value.rows, err.value.column) == ("DataFrame ties", (2,), "target")
    net = sm.read_csv(ties.iloc[:1], actors, roles={"polciymaker": "policymaker"})
    assert net.actors["role"].tolist() == ["funder", "policymaker"]
    assert net == sm.from_frames(actors, ties.iloc[:1], roles={"Polciymaker": "policymaker"})
    m = pd.DataFrame([[0, 1, 0], [1, 0, 2], [0, 2, 0]], index=list("ABC"), columns=list("ABC"))
    net = sm.read_matrix(m)
    assert (net.directed, net.ties["weight"].tolist()) == (False, [1.0, 2.0])
    assert sm.read_matrix(m.reset_index()) == net  # ids in the first column, as pd.read_csv gives them
    m.iloc[2, 0] = -1
    with pytest.raises(sm.DataError) as err:
        sm.read_matrix(m)
    assert (err.value.origin, err.value.rows) == ("DataFrame matrix", (3,))


def test_read_any_tells_survey_exports():
    from systemsmap.io.detect import sniff

    ids = {"qualtrics": "Q1", "redcap_labels": "Your name", "spss": "Q1"}
    kinds = {n: sniff(HERE / truth(n)["file"], id_column=ids.get(n, "What is your name?")) for n in FIXTURES}
    assert kinds == {"qualtrics": "survey", "surveymonkey": "survey", "google_forms": "survey",
                     "ms_forms": "survey workbook", "redcap_labels": "roster", "spss": "spss"}
    assert sniff(HERE / "nominations.csv") == "nominations"
    for name, options in FIXTURES.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", sm.DataWarning)
            assert sm.read_any(HERE / truth(name)["file"], **options) == sm.read_roster(HERE / truth(name)["file"],
                                                                                         **options)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        assert len(sm.read_any(HERE / "nominations.csv", id_column="Your name", merge="suggested")) == \
            len(truth("nominations")["people"])
