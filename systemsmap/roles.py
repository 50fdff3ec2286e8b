"""The stakeholder role vocabulary and its normalisation.

An actor holds one or more roles, written in one cell and separated by ``;``
(or ``|``, as Kumu writes multiple values): ``"researcher; lived_experience"``.
Common spellings of the six canonical roles are mapped to their canonical
name (:data:`SYNONYMS` lists them, and says which map where and why); any
other role is kept, lower-cased, with spaces and hyphens turned into
underscores. Where a partition is needed, an actor's *primary* role is the
first one listed.

A team sets its own mapping with ``roles={"Commissioner": "policymaker"}``
(readers, :func:`check_role_map`), which wins over the built-in one. A role
that is a slip for a known spelling (``Polciymaker``, ``Lived experiance``) is
kept as written, never guessed, and the readers warn naming its actors and the
role it probably means (:func:`near_role`).
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

__all__ = [
    "CANONICAL_ROLES",
    "ROLE_LABELS",
    "role_name",
    "role_plural",
    "normalise_role",
    "parse_roles",
    "format_roles",
    "normalise_roles",
    "primary_role",
    "has_role",
    "SYNONYMS",
    "role_key",
    "near_role",
    "check_role_map",
    "remap_roles",
    "role_members",
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


_PLURAL = {
    "researcher": "researchers", "implementer": "implementers", "champion": "champions",
    "policymaker": "policymakers", "funder": "funders",
    "lived_experience": "people with lived experience",
}


def role_plural(roles: str | Iterable[str]) -> str:
    """The holders of a role (or of any of several) in a sentence: ``"researchers"``.

    Examples
    --------
    >>> role_plural("lived_experience")
    'people with lived experience'
    >>> role_plural(["implementer", "data_manager"])
    "implementers or actors with role 'data_manager'"
    """
    roles = [roles] if isinstance(roles, str) else list(roles)
    return " or ".join(_PLURAL.get(str(r), f"actors with role '{r}'") for r in roles)


#: Which written roles map to which canonical role, and why. Keys are compared lower-cased, with runs of
#: spaces, hyphens and slashes read as one underscore (``Policy-maker`` is ``policy_maker``).
#:
#: - researcher: people whose work is producing evidence: ``academic``, ``scientist``, ``investigator``.
#: - implementer: people who deliver the service or practice being implemented: ``practitioner``,
#:   ``clinician``, ``service provider``, ``implementing partner``.
#: - champion: people named to promote the change inside their organisation.
#: - policymaker: people who make or shape policy from within government: ``decision maker``,
#:   ``policy adviser``/``advisor``, ``policy officer``, ``civil servant``.
#: - funder: people who hold and allocate the money: ``donor``, ``funding body`` and ``commissioner``
#:   (in health and social care, commissioners buy services with public budgets; a team whose
#:   commissioners set policy maps them with ``roles={"commissioner": "policymaker"}``).
#: - lived_experience: people who bring experience of the issue as service users, patients or family:
#:   ``PWLE``, ``service user``, ``expert by experience``, ``peer``/``peer worker`` (hired for their lived
#:   experience), ``carer``/``caregiver``, ``consumer representative``, ``patient representative``.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "researcher": ("researcher", "researchers", "research", "academic", "academics", "scientist", "scientists",
                   "investigator", "investigators", "research_team", "research_staff"),
    "implementer": ("implementer", "implementers", "implementation", "practitioner", "practitioners",
                    "clinician", "clinicians", "service_provider", "service_providers", "provider", "providers",
                    "implementing_partner", "implementing_partners", "front_line_staff", "frontline_staff"),
    "champion": ("champion", "champions", "implementation_champion", "clinical_champion"),
    "policymaker": ("policymaker", "policymakers", "policy_maker", "policy_makers", "policy", "decision_maker",
                    "decision_makers", "decisionmaker", "decisionmakers", "policy_adviser", "policy_advisers",
                    "policy_advisor", "policy_advisors", "policy_officer", "policy_officers", "civil_servant",
                    "civil_servants"),
    "funder": ("funder", "funders", "funding_body", "funding_bodies", "funding_agency", "donor", "donors",
               "commissioner", "commissioners"),
    "lived_experience": ("lived_experience", "person_with_lived_experience", "people_with_lived_experience",
                         "persons_with_lived_experience", "pwle", "plwe", "lived_experience_expert",
                         "expert_by_experience", "experts_by_experience", "service_user", "service_users",
                         "consumer_representative", "consumer_representatives", "patient_representative",
                         "patient_representatives", "peer", "peers", "peer_worker", "peer_workers",
                         "peer_support_worker", "peer_support_workers", "carer", "carers", "caregiver",
                         "caregivers", "family_carer", "family_carers"),
}
_SYNONYMS: dict[str, str] = {s: canon for canon, spellings in SYNONYMS.items() for s in spellings}

_SEP = re.compile(r"[;|]")
_NON_WORD = re.compile(r"[\s\-/]+")

#: How close (difflib ratio) a written role must be to a known spelling to be taken as a slip for it.
NEAR_RATIO = 0.8


def role_key(text: object) -> str:
    """A written role as compared: lower case, spaces, hyphens and slashes as one underscore.

    Examples
    --------
    >>> role_key(" Policy-maker ")
    'policy_maker'
    """
    return _NON_WORD.sub("_", str(text).strip().lower()).strip("_")


def check_role_map(value: object, name: str = "roles") -> dict[str, str] | None:
    """``roles=``: None, or a mapping from roles as written to the roles they count as, checked and keyed.

    The keys are compared as :func:`role_key` compares them; the values are
    normalised like any role (``"Policy maker"`` is ``"policymaker"``).

    Examples
    --------
    >>> check_role_map({"Commissioner": "Policy maker"})
    {'commissioner': 'policymaker'}
    """
    from .errors import OptionError

    if value is None:
        return None
    if not isinstance(value, Mapping) or not all(isinstance(k, str) and k.strip() and isinstance(v, str)
                                                 and v.strip() for k, v in value.items()):
        raise OptionError(name, value, "a mapping of roles as written to the roles they count as, such as "
                                       "{'Commissioner': 'policymaker'}")
    return {role_key(k): normalise_role(v) for k, v in value.items()}


def near_role(text: object) -> str | None:
    """The canonical role a written role probably means when it is a slip for one of its spellings, or None.

    Known spellings (canonical or synonyms) are not slips: they give None.

    Examples
    --------
    >>> near_role("Polciymaker"), near_role("Lived experiance"), near_role("Reseacher")
    ('policymaker', 'lived_experience', 'researcher')
    >>> near_role("data manager") is None, near_role("policymaker") is None
    (True, True)
    """
    key = role_key(text)
    if key in _SYNONYMS or len(key) < 4:
        return None
    near = difflib.get_close_matches(key, list(_SYNONYMS), n=1, cutoff=NEAR_RATIO)
    return _SYNONYMS[near[0]] if near else None


def normalise_role(text: str, mapping: Mapping[str, str] | None = None) -> str:
    """Return the canonical spelling of one role.

    Parameters
    ----------
    text : str
        One role as written, e.g. ``"Policy maker"`` or ``"PWLE"``.
    mapping : mapping, optional
        A team's own mapping, checked by :func:`check_role_map` (keys as
        :func:`role_key` writes them); it wins over the built-in synonyms.

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
    key = role_key(text)
    if mapping and key in mapping:
        return mapping[key]
    return _SYNONYMS.get(key, key)


def parse_roles(value: object, mapping: Mapping[str, str] | None = None) -> list[str]:
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
            role = normalise_role(part, mapping)
            if role not in out:
                out.append(role)
    return out


def format_roles(roles: Iterable[str]) -> str | None:
    """Join roles in the stored form ``"a; b"`` (None for no role)."""
    roles = list(roles)
    return "; ".join(roles) if roles else None


def normalise_roles(values: pd.Series, mapping: Mapping[str, str] | None = None) -> pd.Series:
    """Normalise a whole role column; ``mapping`` as :func:`normalise_role`.

    Each distinct value is normalised once (a column of 100,000 actors holds
    a handful of roles) and the column is built from the codes; missing
    values (None, NaN, NA) give None.

    Examples
    --------
    >>> s = pd.Series(["Policy maker", None, "Researcher; PWLE", "Policy maker", float("nan"), " "],
    ...               index=list("abcdef"))
    >>> normalise_roles(s).tolist()
    ['policymaker', None, 'researcher; lived_experience', 'policymaker', None, None]
    >>> normalise_roles(s, {"policy_maker": "funder"})["d"]
    'funder'
    """
    codes, uniques = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=True)
    done = [format_roles(parse_roles(u, mapping)) for u in uniques.tolist()] + [None]  # [-1]: missing
    return pd.Series(np.array(done, dtype=object)[codes], index=values.index, dtype=object, name=values.name)


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


def remap_roles(net, mapping: Mapping[str, str]):
    """The network with its roles counted as ``mapping`` says (``{"polciymaker": "policymaker"}``).

    For networks read by a reader that takes no ``roles=`` (the readers of
    surveys and CSV tables take it, and apply it as they read). Keys are
    compared as :func:`role_key` compares them, so a role as read
    (``polciymaker``) or as written (``Polciymaker``) both work.

    Examples
    --------
    >>> import pandas as pd, systemsmap as sm
    >>> net = sm.from_frames(pd.DataFrame({"id": ["a", "b"], "role": ["Commissioner", "Academic"]}),
    ...                      pd.DataFrame({"source": ["a"], "target": ["b"]}))
    >>> net.actors["role"].tolist()
    ['funder', 'researcher']
    >>> remap_roles(net, {"funder": "policymaker"}).actors["role"].tolist()
    ['policymaker', 'researcher']
    """
    from .network import StakeholderNetwork

    checked = check_role_map(mapping)
    actors = net.actors.copy()
    actors["role"] = normalise_roles(actors["role"], checked)
    return StakeholderNetwork(actors, net.ties, net.directed)


def role_members(values: pd.Series, labels: pd.Series | None = None) -> dict[str, list[str]]:
    """Who counts in each role: ``{role: [actor, ...]}`` (labels where given, else ids), canonical roles first.

    An actor with several roles counts in each; actors without a role are
    left out. This is what a report lists so readers can check that
    ``Polciymaker`` did not leave someone out of the policymakers.

    Examples
    --------
    >>> s = pd.Series(["policymaker", "researcher; lived_experience", "polciymaker", None], index=list("abcd"))
    >>> role_members(s)
    {'researcher': ['b'], 'policymaker': ['a'], 'lived_experience': ['b'], 'polciymaker': ['c']}
    """
    names = labels.reindex(values.index) if labels is not None else pd.Series(values.index, index=values.index)
    out: dict[str, list[str]] = {}
    for i, v in values.items():
        if _missing(v):
            continue
        for role in (p.strip() for p in str(v).split(";")):
            if role:
                out.setdefault(role, []).append(str(names.get(i, i)))
    order = [r for r in CANONICAL_ROLES if r in out] + sorted(r for r in out if r not in CANONICAL_ROLES)
    return {r: out[r] for r in order}
