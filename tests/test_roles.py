"""The role vocabulary: canonical spellings, multiple roles, primary role."""
from __future__ import annotations

import pandas as pd
import pytest

from systemsmap import roles


@pytest.mark.parametrize("text,canon", [
    ("Policy maker", "policymaker"), ("policy-maker", "policymaker"), ("Policymakers", "policymaker"),
    ("Person with lived experience", "lived_experience"), ("PWLE", "lived_experience"),
    ("lived-experience", "lived_experience"), (" Researcher ", "researcher"), ("Funder", "funder"),
    ("Implementation champion", "champion"), ("Practitioner", "implementer"),
    ("Data Manager", "data_manager"), ("Clinical  lead", "clinical_lead"),
])
def test_normalise_role(text, canon):
    assert roles.normalise_role(text) == canon


def test_parse_roles_keeps_order_and_drops_repeats():
    assert roles.parse_roles("PWLE; Researcher | pwle") == ["lived_experience", "researcher"]
    assert roles.parse_roles(float("nan")) == [] and roles.parse_roles("") == []


def test_primary_and_has_role():
    s = pd.Series(["researcher; lived_experience", "policymaker", None], index=["a", "b", "c"])
    assert roles.primary_role(s).tolist() == ["researcher", "policymaker", None]
    assert roles.has_role(s, "lived_experience").tolist() == [True, False, False]
    assert roles.has_role(s, ["Policy maker", "PWLE"]).tolist() == [True, True, False]


def test_normalise_roles_column():
    s = pd.Series(["Policy maker", "PWLE;Researcher", None, "policy maker"])
    assert roles.normalise_roles(s).tolist() == ["policymaker", "lived_experience; researcher", None, "policymaker"]


@pytest.mark.parametrize("text,canon", [
    ("Commissioner", "funder"), ("Policy adviser", "policymaker"), ("policy advisor", "policymaker"),
    ("Civil servant", "policymaker"), ("Peer worker", "lived_experience"), ("Peer support worker", "lived_experience"),
    ("Service user", "lived_experience"), ("Carer", "lived_experience"), ("Clinician", "implementer"),
    ("Practitioner", "implementer"), ("Academic", "researcher"), ("Civil Servants", "policymaker"),
])
def test_common_role_words(text, canon):
    assert roles.normalise_role(text) == canon


@pytest.mark.parametrize("text,near", [
    ("Polciymaker", "policymaker"), ("Lived experiance", "lived_experience"), ("Reseacher", "researcher"),
    ("Implmenter", "implementer"), ("Fundre", "funder"), ("Data manager", None), ("policymaker", None),
    ("Commissioner", None), ("Board member", None),
])
def test_near_role(text, near):
    assert roles.near_role(text) == near


def test_role_map_wins_over_synonyms_and_is_checked():
    mapping = roles.check_role_map({"Commissioner": "Policy maker", "Board member": "funder"})
    assert mapping == {"commissioner": "policymaker", "board_member": "funder"}
    assert roles.parse_roles("Commissioner; Board member; Academic", mapping) == ["policymaker", "funder",
                                                                                   "researcher"]
    with pytest.raises(ValueError, match="roles must be a mapping"):
        roles.check_role_map(["policymaker"])


def test_near_miss_roles_are_warned_naming_actors_whatever_their_share():
    import systemsmap as sm

    actors = pd.DataFrame({"id": list("abcdefgh"), "role": ["Polciymaker", "Lived experiance"] + ["Researcher"] * 6})
    ties = pd.DataFrame({"source": list("abcdefg"), "target": list("bcdefgh")})
    with pytest.warns(sm.DataWarning) as caught:
        net = sm.from_frames(actors, ties)
    text = [str(w.message) for w in caught]
    assert any("role 'polciymaker' (1 actor(s): 'a')" in t and "probably 'policymaker'" in t for t in text)
    assert any("role 'lived_experiance' (1 actor(s): 'b')" in t and "probably 'lived_experience'" in t for t in text)
    assert net.actors["role"].tolist()[:2] == ["polciymaker", "lived_experiance"]  # kept as written, never guessed
    fixed = sm.from_frames(actors, ties, roles={"Polciymaker": "policymaker", "Lived experiance": "lived_experience"})
    assert fixed.actors["role"].tolist()[:2] == ["policymaker", "lived_experience"]


def test_report_caveats_list_who_counted_in_each_role():
    import warnings

    import systemsmap as sm

    actors = pd.DataFrame({"id": list("abcdef"), "label": ["Ann", "Bo", "Cy", "Di", "<Ed>", "Flo"],
                           "role": ["Policymaker", "Polciymaker", "Researcher; PWLE", "Carer", "Commissioner",
                                    "Data manager"], "sector": ["gov", "gov", "uni", "community", "health", "uni"]})
    ties = pd.DataFrame({"source": list("abcde"), "target": list("bcdef")})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        net = sm.from_frames(actors, ties)
        page = sm.report(net, by="sector", path=None, permutations=9).html
    part = page[page.index("Who counted in each role"):page.index("What the figures mean")]
    assert "<dt>Researcher (1)</dt><dd>Cy</dd>" in part and "<dt>Policymaker (1)</dt><dd>Ann</dd>" in part
    assert "<dt>Funder (1)</dt><dd>&lt;Ed&gt;</dd>" in part  # escaped like every label
    assert "<dt>Lived experience (2)</dt><dd>Cy, Di</dd>" in part
    assert "<dt>Polciymaker (1), not a canonical role</dt>" in part
    assert "Probably 'Policymaker' misspelt: these actors count in no 'Policymaker' finding" in part
    assert "<dt>Data manager (1), not a canonical role</dt><dd>Flo</dd>" in part
