"""The stakeholder role vocabulary and its normalisation.

An actor holds one or more roles, written in one cell and separated by ``;``
(or ``|``, as Kumu writes multiple values): ``"researcher; lived_experience"``.
Common spellings of the six canonical roles are mapped to their canonical
name; any other role is kept, lower-cased, with spaces and hyphens turned into
underscores. Where a partition is needed, an actor's *primary* role is the
first one listed.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

__all__ = [
    "CANONICAL_ROLES",
    "ROLE_LABELS",
    "role_name",
    "normalise_role",
    "parse_roles",
    "format_roles",
    "normalise_roles",
    "primary_role",
    "has_role",
]

#: The six canonical stakeholder roles, in display order.
CANONICAL_ROLES: tuple[str, ...] = (
    "researcher",
    "implementer",
    "champion",
    "policymaker",
    "funder",
    "lived_experience",
)

#: Display names of the canonical roles.
ROLE_LABELS: dict[str, str] = {
    "researcher": "Researcher",
    "implementer": "Implementer",
    "champion": "Champion",
    "policymaker": "Policymaker",
    "funder": "Funder",
    "lived_experience": "Lived experience",
}



def role_name(role: object) -> str:
    """How a role is written for people: its display name.

    The one place that turns a stored role into words: the canonical roles
    have their :data:`ROLE_LABELS`; any other role is shown with underscores
    as spaces and a capital first letter. Used by every table, sentence and
    legend that names a role.

    Examples
    --------
    >>> role_name("lived_experience")
    'Lived experience'
    >>> role_name("data_manager")
    'Data manager'
    """
    text = str(role)
    return ROLE_LABELS.get(text, text.replace("_", " ").capitalize())


_SYNONYMS: dict[str, str] = {}
for _canon, _spellings in {
    "researcher": ["researcher", "researchers", "research", "academic", "academics",
                   "scientist", "investigator", "research_team"],
    "implementer": ["implementer", "implementers", "implementation", "practitioner",
                    "practitioners", "service_provider", "provider", "implementing_partner"],
    "champion": ["champion", "champions", "implementation_champion", "clinical_champion"],
    "policymaker": ["policymaker", "policymakers", "policy_maker", "policy_makers",
                    "policy", "decision_maker", "decision_makers", "decisionmaker"],
    "funder": ["funder", "funders", "funding_body", "funding_agency", "donor", "donors"],
    "lived_experience": ["lived_experience", "person_with_lived_experience",
                         "people_with_lived_experience", "persons_with_lived_experience",
                         "pwle", "plwe", "lived_experience_expert", "expert_by_experience",
                         "experts_by_experience", "service_user", "service_users",
                         "consumer_representative", "peer"],
}.items():
    for _s in _spellings:
        _SYNONYMS[_s] = _canon

_SEP = re.compile(r"[;|]")
_NON_WORD = re.compile(r"[\s\-/]+")


def normalise_role(text: str) -> str:
    """Return the canonical spelling of one role.

    Parameters
    ----------
    text : str
        One role as written, e.g. ``"Policy maker"`` or ``"PWLE"``.

    Returns
    -------
    str
        The canonical role (``"policymaker"``, ``"lived_experience"``) for a
        known spelling; otherwise the text lower-cased, trimmed, with runs of
        spaces, hyphens and slashes turned into one underscore.

    Examples
    --------
    >>> normalise_role("Policy-maker")
    'policymaker'
    >>> normalise_role("Person with lived experience")
    'lived_experience'
    >>> normalise_role("Data Manager")
    'data_manager'
    """
    key = _NON_WORD.sub("_", str(text).strip().lower()).strip("_")
    return _SYNONYMS.get(key, key)


def parse_roles(value: object) -> list[str]:
    """Split a role cell into a list of normalised roles, in the order given.

    Missing values give an empty list; repeated roles are kept once.

    Examples
    --------
    >>> parse_roles("Researcher; PWLE")
    ['researcher', 'lived_experience']
    >>> parse_roles(None)
    []
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return []
    out: list[str] = []
    for part in _SEP.split(str(value)):
        if part.strip():
            role = normalise_role(part)
            if role not in out:
                out.append(role)
    return out


def format_roles(roles: Iterable[str]) -> str | None:
    """Join roles in the stored form ``"a; b"`` (None for no role)."""
    roles = list(roles)
    return "; ".join(roles) if roles else None


def normalise_roles(values: pd.Series) -> pd.Series:
    """Normalise a whole role column (vectorised over distinct values)."""
    raw = values.astype(object).tolist()
    mapping = {u: format_roles(parse_roles(u)) for u in set(v for v in raw if not _missing(v))}
    return pd.Series([None if _missing(v) else mapping[v] for v in raw], index=values.index,
                     dtype=object, name=values.name)


def primary_role(values: pd.Series) -> pd.Series:
    """The first role of each actor (None where no role is given)."""
    return pd.Series([None if _missing(v) else str(v).split(";")[0].strip() for v in values.tolist()],
                     index=values.index, dtype=object, name=values.name)


def has_role(values: pd.Series, role: str | Iterable[str]) -> pd.Series:
    """Boolean Series: does each actor hold ``role`` (any of ``role``) among its roles?

    Examples
    --------
    >>> s = pd.Series(["researcher; lived_experience", "policymaker", None])
    >>> has_role(s, "lived_experience").tolist()
    [True, False, False]
    """
    wanted = {normalise_role(role)} if isinstance(role, str) else {normalise_role(r) for r in role}
    return values.map(
        lambda v: False if _missing(v) else bool(wanted & {p.strip() for p in str(v).split(";")})
    ).astype(bool)


def _missing(v: object) -> bool:
    return v is None or (not isinstance(v, str) and bool(pd.isna(v)))
