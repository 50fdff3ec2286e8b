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
