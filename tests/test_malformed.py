"""The malformed-input corpus (tests/data/malformed): every file gives a DataError naming file, row and column.

Each case names the ties file, the actors file (or None) and fragments the message must contain.
Excel, Kumu, roster, matrix, UCINET and XML cases live beside their readers' tests.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import systemsmap as sm

HERE = Path(__file__).parent / "data" / "malformed"
OK_ACTORS = "actors_ok.csv"
OK_TIES = "ties_ok.csv"

CASES = [
    # (ties, actors, fragments)
    ("ties_missing_columns.csv", OK_ACTORS, ["ties_missing_columns.csv", "missing required column", "'source'",
                                             "found 'from_org', 'to_org'"]),
    ("ties_unknown_target.csv", OK_ACTORS, ["ties_unknown_target.csv row 3", "column 'target'", "'Dr Smyth'",
                                            "not an actor id"]),
    ("ties_self_tie.csv", OK_ACTORS, ["ties_self_tie.csv row 4", "column 'target'", "'C' is tied to itself"]),
    ("ties_duplicate.csv", OK_ACTORS, ["ties_duplicate.csv rows 2 and 4", "'Alice' (A) -> 'Bob' (B)",
                                        "more than once"]),
    ("ties_weight_missing.csv", OK_ACTORS, ["ties_weight_missing.csv row 3", "column 'weight'", "missing weight"]),
    ("ties_weight_text.csv", OK_ACTORS, ["ties_weight_text.csv row 3", "column 'weight'", "'often' is not a number"]),
    ("ties_weight_zero.csv", OK_ACTORS, ["ties_weight_zero.csv row 3", "column 'weight'", "'0' is not positive"]),
    ("ties_weight_negative.csv", OK_ACTORS, ["ties_weight_negative.csv row 3", "column 'weight'", "'-2' is not positive"]),
    ("ties_weight_infinite.csv", OK_ACTORS, ["ties_weight_infinite.csv row 3", "column 'weight'", "'inf' is not finite"]),
    ("ties_missing_source.csv", OK_ACTORS, ["ties_missing_source.csv row 3", "column 'source'", "missing source"]),
    ("ties_missing_relation.csv", OK_ACTORS, ["ties_missing_relation.csv row 3", "column 'relation'", "missing relation"]),
    ("ties_missing_wave.csv", OK_ACTORS, ["ties_missing_wave.csv row 3", "column 'wave'", "missing wave"]),
    ("ties_empty.csv", None, ["ties_empty.csv", "the file is empty"]),
    ("ties_header_only.csv", None, ["ties_header_only.csv", "no ties"]),
    ("ties_ragged.csv", OK_ACTORS, ["ties_ragged.csv row 3", "not a well-formed CSV", "'extra'"]),
    ("ties_unnamed_column.csv", OK_ACTORS, ["ties_unnamed_column.csv row 1", "no header", "positions 3"]),
    ("ties_ambiguous_columns.csv", OK_ACTORS, ["ties_ambiguous_columns.csv", "more than one column maps to ['source']"]),
    ("ties_is_xlsx.csv", OK_ACTORS, ["ties_is_xlsx.csv", "not a CSV text file", "read_excel"]),
    (OK_TIES, "actors_empty_id.csv", ["actors_empty_id.csv row 3", "column 'id'", "empty actor id"]),
    (OK_TIES, "actors_duplicate_id.csv", ["actors_duplicate_id.csv rows 2 and 4", "column 'id'", "'A' appears more than once"]),
    (OK_TIES, "actors_missing_id.csv", ["actors_missing_id.csv", "missing required column(s) 'id'",
                                        "found 'label_name', 'org'"]),
    (OK_TIES, "actors_bad_respondent.csv", ["actors_bad_respondent.csv row 3", "column 'respondent'",
                                            "'maybe' is not yes/no"]),
]


@pytest.mark.parametrize("ties,actors,fragments", CASES, ids=[c[0] if c[0] != OK_TIES else c[1] for c in CASES])
def test_malformed_csv_gives_located_error(ties, actors, fragments):
    with pytest.raises(sm.DataError) as info:
        sm.read_csv(HERE / ties, HERE / actors if actors else None)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"


def test_every_file_in_the_corpus_is_a_case():
    named = {c[0] for c in CASES} | {c[1] for c in CASES if c[1]}
    assert {p.name for p in HERE.iterdir()} == named


def test_the_good_files_load():
    net = sm.read_csv(HERE / OK_TIES, HERE / OK_ACTORS)
    assert len(net) == 4 and len(net.ties) == 4
    assert net.actors.loc["C", "role"] == "lived_experience"


def test_suggestion_names_closest_actor(tmp_path):
    (tmp_path / "a.csv").write_text("id\nDr Smith\nDr Jones\n")
    (tmp_path / "t.csv").write_text("source,target\nDr Jones,Dr Smyth\n")
    with pytest.raises(sm.DataError, match=r"did you mean 'Dr Smith'\?"):
        sm.read_csv(tmp_path / "t.csv", tmp_path / "a.csv")
