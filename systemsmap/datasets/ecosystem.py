"""The synthetic ``implementation_ecosystem`` network and the seeded generator that makes it.

**Synthetic data.** No real people or organisations: names are drawn from
lists of common surnames and initials, organisations are invented. The
network imitates a two-wave stakeholder survey of a regional mental-health
research and implementation system, with the patterns such surveys find, so
that every function of the package has something to show.

How the network is made (:func:`generate_ecosystem`, every draw from one
``numpy.random.default_rng(seed)``; the defaults give the bundled data):

Actors
    25 invented organisations in six sectors (``academia``, ``health
    services``, ``government``, ``community organisations``, ``funders``,
    ``lived-experience networks``) and four regions (``North``, ``Central``,
    ``South``, ``Coast``). Each organisation has a fixed size in 2024 and a
    mix of roles: researchers in academia, implementers and champions in
    health services, policymakers (some also funders, as commissioners) in
    government, implementers and peer workers in community organisations,
    funders, and people with lived experience. Some actors hold two roles
    (``researcher; lived_experience``, ``implementer; champion``, ...; the
    first is primary). Actor ids are a sector code and a number (``AC001``
    academia, ``HS`` health services, ``GV`` government, ``CO`` community
    organisations, ``FU`` funders, ``LE`` lived-experience networks).
Four key actors (all respondents, in both waves)
    ``AC001``, a knowledge broker at the Harbourside University
    Implementation Unit, and ``GV001``, a policy adviser at the Regional
    Department of Health, with ties into four sectors besides their own;
    ``CO001``, a peer-support lead at the Open Door Recovery College, who
    links the lived-experience networks to services and to the policy
    adviser; ``LE001``, the chair of the Lived Experience Advisory Panel, who
    advises the Mental Health Policy Unit. These last two are the only direct
    routes from people with lived experience to policymakers.
Turnover
    ``turnover`` (10%) of the 2024 actors leave before 2025 (``waves`` =
    ``"2024"``) and as many join (``"2025"``); the rest took part in both
    (``"2024; 2025"``).
Response
    Each actor answers the survey with probability ``response_rate`` (80%;
    key actors and champions always answer). Only respondents report ties, so
    non-respondents have no outgoing ties: they appear because respondents
    name them (each is named at least once in every wave they are part of).
Ties of 2024
    Each respondent names colleagues for ``collaboration`` (1 + Poisson(2.6 a)),
    ``advice`` (Poisson(1.6 a)) and ``evidence`` sharing (Poisson(1.0 a),
    1.8 times more for researchers), ``a`` being the actor's activity
    (log-normal). A tie stays in the sender's sector with a probability set
    by sector (70% to 88%; less for evidence), scaled down by the sender's
    own boundary-spanning propensity; otherwise it goes to another sector
    drawn from a sector-to-sector preference table (academia mostly to
    health services and funders, lived-experience networks mostly to
    community organisations and never straight to government). Within the
    chosen sector the target is drawn in proportion to popularity, four times
    more often from the sender's own organisation and 1.5 times more often
    from its region. Funders report ``funding`` ties (source funds target)
    to researchers and government, and policymakers who are also funders
    (commissioners) to services and community organisations. Each
    health-service champion reports one or two ties to policymakers.
Ties of 2025
    Ties between actors still present are kept with probability 0.7 (0.85
    for funding), their frequency sometimes moving by one step; new ties are
    drawn as above with the within-sector probability lowered by 0.1 (0.025
    for lived-experience networks, whom it reaches less), as after a
    programme encouraging cross-sector work, so the 2025 network is somewhat
    less siloed.
Weights
    ``weight`` is how often the pair is in contact (1 yearly, 2 monthly,
    3 weekly, 4 daily) for collaboration, advice and evidence, and the size
    of the funding (1 small to 4 core funding) for funding; ties within an
    organisation are more frequent.
Policy feedback (drawn after everything above, so it changes none of it)
    In each wave, a policymaker who answered and to whom a health-service
    champion passes evidence sends their needs back, as an ``evidence`` tie,
    to a researcher whose evidence reaches that champion in the fewest steps
    (up to three, along evidence ties; one drawn at random among the
    nearest); where no researcher's evidence reaches the champion, a
    researcher who answered, drawn by popularity (1.5 times more often from
    the champion's region), starts sharing evidence with the champion. These
    few ties close the learning loops research -> practice -> policy ->
    research that run through champions.
Evidence kinds (drawn last)
    Every ``evidence`` tie lists the kinds it carries in the tie column
    ``evidence`` (canonical names of :mod:`systemsmap.evidence_kinds`,
    ``"; "``-separated; empty for the other relations). A tie carries its
    sender's own kinds: researchers quantitative research (probability
    0.85), qualitative research (0.35) and economic evidence (0.08); people
    with lived experience their stories (1.0 when it is their first role,
    0.6 for peer workers whose first role is implementer); implementers
    and champions practice and service data (0.9); policymakers policy
    needs and decisions (0.9, and always on a feedback tie); funders policy
    (0.5) and economic evidence (0.4); a tie with none of these gets its
    sender's first kind. Then, twice over the wave's evidence ties, a tie
    relays each kind its sender receives with a probability by kind
    (quantitative 0.45, practice 0.35, qualitative, policy and economic
    0.3, lived experience 0.2). So quantitative research reaches
    policymakers from many sources, while lived-experience stories, whose
    tellers have no evidence tie to policymakers, reach few of them, and
    only relayed.

The result: about 210 actors, about 1,000 ties per wave, silos by sector
(E-I index about -0.5), a handful of brokers, few routes from lived
experience to policy, and few learning loops, closing through champions.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from .._check import check_number, check_seed
from ..network import StakeholderNetwork

__all__ = ["generate_ecosystem", "SECTORS", "REGIONS", "ORGANISATIONS", "KEY_ACTORS"]

#: The six sectors, in display order, with their id codes.
SECTORS: dict[str, str] = {
    "academia": "AC",
    "health services": "HS",
    "government": "GV",
    "community organisations": "CO",
    "funders": "FU",
    "lived-experience networks": "LE",
}

#: The four regions.
REGIONS: tuple[str, ...] = ("North", "Central", "South", "Coast")

_IMPL_MIX = {"implementer": 0.76, "implementer; champion": 0.14, "champion": 0.05,
             "implementer; lived_experience": 0.05}

#: The invented organisations: (name, sector, region, actors in 2024, role mix).
ORGANISATIONS: list[tuple[str, str, str, int, dict[str, float]]] = [
    ("Harbourside University", "academia", "Central", 16,
     {"researcher": 0.88, "researcher; lived_experience": 0.06, "researcher; implementer": 0.06}),
    ("Harbourside University Implementation Unit", "academia", "Central", 5,
     {"researcher; implementer": 0.5, "researcher": 0.3, "implementer": 0.2}),
    ("Northfield Institute for Mental Health Research", "academia", "North", 12,
     {"researcher": 0.9, "researcher; lived_experience": 0.1}),
    ("South Coast University", "academia", "Coast", 9, {"researcher": 1.0}),
    ("Southvale College of Nursing", "academia", "South", 6,
     {"researcher": 0.7, "researcher; implementer": 0.3}),
    ("Central Mental Health Trust", "health services", "Central", 16, _IMPL_MIX),
    ("North Community Mental Health Service", "health services", "North", 12, _IMPL_MIX),
    ("Southvale Health Partnership", "health services", "South", 11, _IMPL_MIX),
    ("Coast Early Intervention Service", "health services", "Coast", 9, _IMPL_MIX),
    ("Central Primary Care Network", "health services", "Central", 8,
     {"implementer": 0.85, "implementer; champion": 0.15}),
    ("Regional Department of Health", "government", "Central", 8,
     {"policymaker": 0.8, "policymaker; funder": 0.2}),
    ("Mental Health Policy Unit", "government", "Central", 5, {"policymaker": 1.0}),
    ("North County Council", "government", "North", 4, {"policymaker": 0.75, "policymaker; funder": 0.25}),
    ("South County Council", "government", "South", 4, {"policymaker": 0.75, "policymaker; funder": 0.25}),
    ("Open Door Recovery College", "community organisations", "Central", 7,
     {"implementer": 0.5, "implementer; lived_experience": 0.5}),
    ("MindWell Community Trust", "community organisations", "North", 6,
     {"implementer": 0.7, "implementer; lived_experience": 0.3}),
    ("Harbour Youth Wellbeing", "community organisations", "Coast", 6,
     {"implementer": 0.7, "implementer; lived_experience": 0.3}),
    ("Southvale Carers Alliance", "community organisations", "South", 5,
     {"implementer": 0.6, "implementer; lived_experience": 0.4}),
    ("Regional Health Research Fund", "funders", "Central", 5, {"funder": 1.0}),
    ("Alder Tree Foundation", "funders", "North", 3, {"funder": 1.0}),
    ("Coastal Communities Health Fund", "funders", "Coast", 3, {"funder": 1.0}),
    ("Lived Experience Advisory Panel", "lived-experience networks", "Central", 9, {"lived_experience": 1.0}),
    ("Peer Voices North", "lived-experience networks", "North", 7, {"lived_experience": 1.0}),
    ("Coast Service User Forum", "lived-experience networks", "Coast", 6, {"lived_experience": 1.0}),
    ("Southvale Carers' Voice", "lived-experience networks", "South", 6, {"lived_experience": 1.0}),
]

#: The key actors: id -> (organisation, role, description). Each is its organisation's first member.
KEY_ACTORS: dict[str, tuple[str, str, str]] = {
    "AC001": ("Harbourside University Implementation Unit", "researcher; implementer",
              "knowledge broker: ties into health services, government, community organisations and funders"),
    "GV001": ("Regional Department of Health", "policymaker",
              "policy adviser: ties into academia, health services, community organisations and funders"),
    "CO001": ("Open Door Recovery College", "lived_experience; implementer",
              "peer-support lead: links lived-experience networks to services and to the policy adviser"),
    "LE001": ("Lived Experience Advisory Panel", "lived_experience; champion",
              "panel chair: the other direct route from lived experience to policymakers"),
}

_SURNAMES = (
    "Okafor Mensah Nguyen Patel Kowalski Lindqvist Haddad Moreau Tanaka Osei Fernandes O'Brien Novak "
    "Achterberg Bianchi Carvalho Dimitrov Eriksen Farouk Gallagher Hussain Ibrahim Jovanovic Kaur Larsen "
    "McAllister Nakamura Olsen Petrov Quinlan Rahman Santos Thornton Usman Varga Whitfield Yilmaz Zhou "
    "Abbott Bakker Chowdhury Delgado Ellison Fitzgerald Grant Hoang Iqbal Jensen Kimura Lambert Mensink "
    "Nair Owusu Pereira Reyes Sandoval Takahashi Umeh Vasquez Walsh Xu Young Adeyemi Brennan Castillo "
    "Doyle Evans Forsyth Gupta Holloway Ivanova Johansson Kelleher Lopez Maguire Ndlovu Oyelaran Pillai "
    "Rossi Sato Tran Uddin Vance Wilde Yamamoto Ziegler Ahmed Byrne Costa Danso Engel Flynn Greco "
    "Herrera Ishikawa Jamal Karlsson Lowe Murphy Nkemelu Ortiz Park Ramos Sharma Tiwari Underwood "
    "Vega Wong Yusuf Asante Bergstrom Clarke Dunne Esposito Fischer Gomez Hartmann Igwe Keane Lim "
    "Mwangi Nielsen Obi Pham Roberts Schmidt Torres Vieira Weber Aldana Brooks Chen Diallo Farrell"
).split()
_INITIALS = tuple("ABCDEFGHJKLMNOPRSTVWY")

# probability that a tie stays in the sender's sector (2024, collaboration)
_OWN_SHARE = {"academia": 0.85, "health services": 0.85, "government": 0.77,
              "community organisations": 0.79, "funders": 0.66, "lived-experience networks": 0.94}
_OWN_SHIFT = {"collaboration": 0.0, "advice": -0.02, "evidence": -0.12}
# where a cross-sector tie goes, by sender sector
_CROSS = {
    "academia": {"health services": 0.42, "government": 0.14, "community organisations": 0.15,
                 "funders": 0.24, "lived-experience networks": 0.05},
    "health services": {"academia": 0.42, "government": 0.05, "community organisations": 0.40,
                        "funders": 0.03, "lived-experience networks": 0.10},
    "government": {"academia": 0.30, "health services": 0.42, "community organisations": 0.16,
                   "funders": 0.12},
    "community organisations": {"academia": 0.12, "health services": 0.50, "government": 0.06,
                                "funders": 0.10, "lived-experience networks": 0.22},
    "funders": {"academia": 0.6, "government": 0.4},
    "lived-experience networks": {"community organisations": 0.75, "health services": 0.20, "academia": 0.05},
}
# the programme reaches lived-experience networks less: this share of its effect
_LE_EFFECT = 0.25
# share of an actor's cross-sector ties that go to their partner sector
_PARTNER_SHARE = 0.8
_FUNDING_TO = {
    "funder": {"academia": 0.75, "government": 0.25},
    "commissioner": {"health services": 0.6, "community organisations": 0.4},
}
# frequency 1..4 (yearly, monthly, weekly, daily) by closeness of the pair
_FREQ = {"org": (0.05, 0.25, 0.40, 0.30), "sector": (0.15, 0.40, 0.30, 0.15), "cross": (0.35, 0.40, 0.20, 0.05)}
_FUNDING_SIZE = (0.30, 0.35, 0.25, 0.10)
_WAVES = (2024, 2025)


def _roles_of(role: str) -> list[str]:
    return [r.strip() for r in role.split(";")]


def generate_ecosystem(
    seed: int | np.random.Generator | None = 2024,
    *,
    turnover: float = 0.10,
    response_rate: float = 0.80,
    keep: float = 0.70,
    programme_effect: float = 0.10,
) -> StakeholderNetwork:
    """Generate the synthetic regional mental-health implementation ecosystem.

    The structure (sectors, organisations, key actors, how ties are drawn) is
    described in the docstring of :mod:`systemsmap.datasets.ecosystem`. The
    defaults give the bundled ``implementation_ecosystem`` example exactly.

    Parameters
    ----------
    seed : int, numpy Generator or None
        Seed of ``numpy.random.default_rng``; the same seed gives the same network.
    turnover : float
        Share of the 2024 actors who leave before 2025, and of new actors who join.
    response_rate : float
        Probability that an actor (other than the key actors and champions) answered.
    keep : float
        Probability that a 2024 tie between actors still present is reported
        again in 2025 (funding ties: halfway between it and 1).
    programme_effect : float
        How much lower the within-sector probability of a new 2025 tie is
        (a quarter of it for lived-experience networks).

    Returns
    -------
    StakeholderNetwork
        Directed. Actors: ``label``, ``role``, ``respondent``,
        ``organisation``, ``sector``, ``region``, ``waves``. Ties: ``source``,
        ``target``, ``relation`` (collaboration, advice, evidence, funding),
        ``weight`` (1-4), ``wave`` (2024, 2025), ``evidence`` (the kinds an
        evidence tie carries; missing for the other relations).

    Raises
    ------
    OptionError
        If ``seed`` is not a seed or a share is not between 0 and 1.

    Examples
    --------
    >>> from systemsmap.datasets.ecosystem import generate_ecosystem
    >>> net = generate_ecosystem(seed=7, turnover=0.2)
    >>> net.relations
    ['advice', 'collaboration', 'evidence', 'funding']
    >>> net.waves
    [2024, 2025]
    """
    rng = np.random.default_rng(check_seed(seed))
    turnover = check_number("turnover", turnover, minimum=0, maximum=1)
    response_rate = check_number("response_rate", response_rate, minimum=0, maximum=1)
    keep = check_number("keep", keep, minimum=0, maximum=1)
    programme_effect = check_number("programme_effect", programme_effect, minimum=0, maximum=1)
    actors = _make_actors(rng, turnover, response_rate)
    ties = _make_ties(rng, actors, keep, programme_effect)
    from ..io.frames import from_frames

    table = actors[["id", "label", "role", "organisation", "sector", "region", "respondent", "waves"]]
    return from_frames(table, ties, directed=True)


# --------------------------------------------------------------------------- actors
def _partner(rng: np.random.Generator, sector: str) -> str:
    """The other sector an actor mostly works with, drawn from the preference table."""
    names = list(_CROSS[sector])
    p = np.array([_CROSS[sector][s] for s in names])
    return names[int(rng.choice(len(names), p=p / p.sum()))]


def _make_actors(rng: np.random.Generator, turnover: float, response_rate: float) -> pd.DataFrame:
    used: set[str] = set()

    def name(role: str, sector: str) -> str:
        primary = _roles_of(role)[0]
        while True:
            base = f"{_INITIALS[rng.integers(len(_INITIALS))]}. {_SURNAMES[rng.integers(len(_SURNAMES))]}"
            if primary == "researcher":
                title = rng.choice(["Prof ", "Dr ", "Dr ", "Dr ", ""])
            elif sector == "health services":
                title = rng.choice(["Dr ", "", "", ""])
            else:
                title = ""
            if base not in used:
                used.add(base)
                return f"{title}{base}"

    key_by_org = {org: (aid, role) for aid, (org, role, _) in KEY_ACTORS.items()}
    # a key actor is number 001 of its sector; the others are numbered from 002
    counters = {code: int(any(k.startswith(code) for k in KEY_ACTORS)) for code in SECTORS.values()}
    rows: list[dict[str, Any]] = []

    def add(org: tuple, role: str | None, joined: bool, key: bool = False) -> None:
        oname, sector, region, _size, mix = org
        if role is None:
            roles = list(mix)
            role = roles[int(rng.choice(len(roles), p=np.array([mix[r] for r in roles]) / sum(mix.values())))]
        code = SECTORS[sector]
        if key:
            aid = f"{code}001"
        else:
            counters[code] += 1
            aid = f"{code}{counters[code]:03d}"
        is_champion = "champion" in _roles_of(role)
        respondent = True if key or is_champion else bool(rng.random() < response_rate)
        rows.append({
            "id": aid, "label": name(role, sector), "role": role, "organisation": oname, "sector": sector,
            "region": region, "respondent": respondent, "joined": joined, "key": key,
            "popularity": float(rng.lognormal(0.0, 0.6)) * (4.0 if key else 1.0),
            "activity": float(rng.lognormal(-0.06, 0.35)),
            "span": float(min(rng.lognormal(-0.5, 1.0), 2.5)),
            "partner": _partner(rng, sector),
        })

    for org in ORGANISATIONS:
        n = org[3]
        if org[0] in key_by_org:
            add(org, key_by_org[org[0]][1], False, key=True)
            n -= 1
        for _ in range(n):
            add(org, None, False)
    n2024 = len(rows)
    movable = [k for k, r in enumerate(rows) if not r["key"]]
    n_move = int(round(turnover * n2024))
    leavers = set(rng.choice(movable, size=n_move, replace=False).tolist()) if n_move else set()
    sizes = np.array([o[3] for o in ORGANISATIONS], dtype=float)
    for k in rng.choice(len(ORGANISATIONS), size=n_move, p=sizes / sizes.sum()).tolist():
        add(ORGANISATIONS[k], None, True)
    for k, r in enumerate(rows):
        r["waves"] = "2025" if r["joined"] else ("2024" if k in leavers else "2024; 2025")
    df = pd.DataFrame(rows)
    order = {code: k for k, code in enumerate(SECTORS.values())}
    df["_o"] = df["id"].str[:2].map(order)
    return df.sort_values(["_o", "id"]).drop(columns="_o").reset_index(drop=True)


# --------------------------------------------------------------------------- ties
class _Wave:
    """Candidate targets of one wave and the ties drawn so far."""

    def __init__(self, actors: pd.DataFrame, wave: int):
        present = actors["waves"].str.contains(str(wave)).to_numpy()
        self.a = actors[present].reset_index(drop=True)
        self.wave = wave
        self.by_sector = {s: np.flatnonzero((self.a["sector"] == s).to_numpy()) for s in SECTORS}
        self.pos = {aid: k for k, aid in enumerate(self.a["id"])}
        self.rows: list[dict[str, Any]] = self.a.to_dict("records")
        self.col = {c: self.a[c].to_numpy() for c in ("id", "popularity", "organisation", "region")}
        self.has = {r: np.array([r in _roles_of(x) for x in self.a["role"]]) for r in
                    ("researcher", "champion", "policymaker", "funder")}
        self.ties: list[tuple[str, str, str, int]] = []
        self.keys: set[tuple[str, str, str]] = set()
        self.feedback: set[tuple[str, str]] = set()  # the policy feedback ties (evidence)

    def add(self, s: str, t: str, rel: str, w: int) -> bool:
        if s == t or (s, t, rel) in self.keys:
            return False
        self.keys.add((s, t, rel))
        self.ties.append((s, t, rel, int(w)))
        return True


def _no_policy(row: dict[str, Any]) -> bool:
    """Actors with lived experience reach policymakers only through the two key routes."""
    return "lived_experience" in _roles_of(row["role"]) and not row["key"]


def _pick(rng: np.random.Generator, W: _Wave, src: dict[str, Any], sector: str, rel: str,
          role_bonus: dict[str, float] | None = None) -> str | None:
    """A target in ``sector`` drawn by popularity, own organisation x4, own region x1.5."""
    cand = W.by_sector[sector]
    ids = W.col["id"][cand]
    w = W.col["popularity"][cand].copy()
    w *= np.where(W.col["organisation"][cand] == src["organisation"], 4.0, 1.0)
    w *= np.where(W.col["region"][cand] == src["region"], 1.5, 1.0)
    if role_bonus:
        for role, b in role_bonus.items():
            w *= np.where(W.has[role][cand], b, 1.0)
    if _no_policy(src):
        w[W.has["policymaker"][cand]] = 0.0
    me = src["id"]
    w[np.array([i == me or (me, i, rel) in W.keys for i in ids], dtype=bool)] = 0.0
    if w.sum() <= 0:
        return None
    return str(ids[rng.choice(len(ids), p=w / w.sum())])


def _freq(rng: np.random.Generator, src: dict[str, Any], tgt: dict[str, Any]) -> int:
    kind = "org" if src["organisation"] == tgt["organisation"] else (
        "sector" if src["sector"] == tgt["sector"] else "cross")
    return int(rng.choice(4, p=_FREQ[kind])) + 1


def _draw(rng: np.random.Generator, W: _Wave, src: dict[str, Any], rel: str, n: int, shift: float) -> None:
    """Draw ``n`` ties of relation ``rel`` from ``src`` with the sector model."""
    sector = src["sector"]
    own = _OWN_SHARE[sector] + _OWN_SHIFT[rel] - shift
    own = 1.0 - min((1.0 - own) * src["span"], 0.9)
    cross = _CROSS[sector]
    names = list(cross)
    p_cross = np.array([cross[s] for s in names])
    for _ in range(n):
        u = rng.random()
        if u < own:
            tsector = sector
        elif u < own + (1 - own) * _PARTNER_SHARE:
            tsector = src["partner"]
        else:
            tsector = names[int(rng.choice(len(names), p=p_cross / p_cross.sum()))]
        bonus = {"champion": 3.0} if sector == "government" and tsector == "health services" else None
        t = _pick(rng, W, src, tsector, rel, role_bonus=bonus)
        if t is not None:
            W.add(src["id"], t, rel, _freq(rng, src, W.rows[W.pos[t]]))


def _funding(rng: np.random.Generator, W: _Wave, src: dict[str, Any], n: int) -> None:
    kind = "funder" if _roles_of(src["role"])[0] == "funder" else "commissioner"
    to = _FUNDING_TO[kind]
    names = list(to)
    p = np.array([to[s] for s in names])
    for _ in range(n):
        tsector = names[int(rng.choice(len(names), p=p / p.sum()))]
        bonus = {"researcher": 2.0} if tsector == "academia" else None
        t = _pick(rng, W, src, tsector, "funding", role_bonus=bonus)
        if t is not None:
            W.add(src["id"], t, "funding", int(rng.choice(4, p=_FUNDING_SIZE)) + 1)


def _records(W: _Wave, mask: np.ndarray) -> list[dict[str, Any]]:
    return [W.rows[k] for k in np.flatnonzero(mask)]


def _key_ties(rng: np.random.Generator, W: _Wave) -> None:
    """The brokers' and routes' ties, spelled out."""
    def tie(s: str, t: str | None, rel: str, w: int | None = None) -> None:
        if t is not None:
            W.add(s, t, rel, w if w is not None else _freq(rng, W.rows[W.pos[s]], W.rows[W.pos[t]]))

    kb, pa, ps, ch = (W.rows[W.pos[i]] for i in KEY_ACTORS)
    # knowledge broker: own unit, researchers, services, government, community, funders
    for sector, rels in (("academia", ("collaboration", "evidence", "collaboration")),
                         ("health services", ("collaboration", "evidence", "advice", "collaboration")),
                         ("government", ("evidence", "advice")),
                         ("community organisations", ("collaboration", "evidence")),
                         ("funders", ("collaboration",))):
        for rel in rels:
            tie(kb["id"], _pick(rng, W, kb, sector, rel), rel)
    tie(kb["id"], pa["id"], "evidence", 2)
    # policy adviser
    for sector, rels in (("government", ("collaboration", "collaboration", "advice")),
                         ("academia", ("advice", "evidence")),
                         ("health services", ("collaboration", "collaboration")),
                         ("community organisations", ("collaboration",)),
                         ("funders", ("collaboration",))):
        for rel in rels:
            tie(pa["id"], _pick(rng, W, pa, sector, rel), rel)
    tie(pa["id"], kb["id"], "advice", 2)
    tie(pa["id"], ch["id"], "collaboration", 1)
    # peer-support lead: lived-experience networks, own college, services, the policy adviser
    for sector, rels in (("lived-experience networks", ("collaboration",) * 4),
                         ("community organisations", ("collaboration", "advice")),
                         ("health services", ("collaboration", "advice"))):
        for rel in rels:
            tie(ps["id"], _pick(rng, W, ps, sector, rel), rel)
    tie(ps["id"], pa["id"], "advice", 2)
    tie(ps["id"], ch["id"], "collaboration", 3)
    # panel chair: the first member of the Mental Health Policy Unit, and the peer-support lead
    unit = W.col["id"][(W.col["organisation"] == "Mental Health Policy Unit")]
    tie(ch["id"], str(unit[0]), "advice", 2)
    tie(ch["id"], ps["id"], "collaboration", 3)


def _champion_ties(rng: np.random.Generator, W: _Wave) -> None:
    """Each health-service champion names one or two policymakers."""
    a = W.a
    mask = (a["sector"] == "health services").to_numpy() & W.has["champion"] & a["respondent"].to_numpy()
    for src in _records(W, mask):
        for _ in range(int(rng.integers(1, 3))):
            rel = str(rng.choice(["collaboration", "advice", "evidence"]))
            t = _pick(rng, W, src, "government", rel, role_bonus={"funder": 1.5})
            if t is not None:
                W.add(src["id"], t, rel, _freq(rng, src, W.rows[W.pos[t]]))


def _survey(rng: np.random.Generator, W: _Wave, src: dict[str, Any], shift: float,
            previous: Sequence[tuple[str, str, int]] = (), keep: float = 0.0) -> None:
    """One respondent's answers.

    ``previous`` holds their ties of the last wave to actors still present,
    as (target, relation, weight): each is reported again with probability
    ``keep`` (funding ties: halfway to 1), at most as many per relation as
    they name this time; new ties make up the rest.
    """
    act = src["activity"]
    roles = _roles_of(src["role"])
    want = {"collaboration": 1 + int(rng.poisson(2.6 * act)),
            "advice": int(rng.poisson(1.6 * act)),
            "evidence": int(rng.poisson(1.0 * act * (1.8 if "researcher" in roles else 1.0)))}
    if roles[0] == "funder":
        want["funding"] = int(rng.integers(2, 6))
    elif roles[0] == "policymaker" and "funder" in roles:
        want["funding"] = int(rng.integers(1, 4))
    for rel, n in want.items():
        p = keep if rel != "funding" else (1 + keep) / 2
        kept = [(t, w) for t, r, w in previous if r == rel and rng.random() < p][:n]
        for t, w in kept:
            if rng.random() < 0.3:
                w = int(np.clip(w + rng.choice([-1, 1]), 1, 4))
            W.add(src["id"], t, rel, w)
        if rel == "funding":
            _funding(rng, W, src, max(n - len(kept), 0))
        else:
            _draw(rng, W, src, rel, max(n - len(kept), 0), shift)


def _named_everyone(rng: np.random.Generator, W: _Wave) -> None:
    """Every non-respondent of the wave is named at least once (else they would not be in the data)."""
    a = W.a
    named = {t for _, t, _, _ in W.ties}
    resp = a["respondent"].to_numpy()
    for nr in _records(W, ~resp):
        if nr["id"] in named:
            continue
        pool = resp & (a["organisation"] == nr["organisation"]).to_numpy()
        if not pool.any():
            pool = resp & (a["sector"] == nr["sector"]).to_numpy()
        src = _records(W, pool)[int(rng.integers(pool.sum()))]
        W.add(src["id"], nr["id"], "collaboration", _freq(rng, src, nr))
        named.add(nr["id"])


def _make_ties(rng: np.random.Generator, actors: pd.DataFrame, keep: float, effect: float) -> pd.DataFrame:
    waves = [_Wave(actors, w) for w in _WAVES]
    # 2024
    W = waves[0]
    _key_ties(rng, W)
    _champion_ties(rng, W)
    for src in _records(W, W.a["respondent"].to_numpy() & ~W.a["key"].to_numpy()):
        _survey(rng, W, src, 0.0)
    _named_everyone(rng, W)
    # 2025: each respondent reports again some of their 2024 ties, then new ones,
    # more often across sectors (the programme)
    W2 = waves[1]
    _key_ties(rng, W2)
    _champion_ties(rng, W2)
    previous: dict[str, list[tuple[str, str, int]]] = {}
    for s, t, rel, w in W.ties:
        if s in W2.pos and t in W2.pos:
            previous.setdefault(s, []).append((t, rel, w))
    for src in _records(W2, W2.a["respondent"].to_numpy() & ~W2.a["key"].to_numpy()):
        shift = effect * _LE_EFFECT if src["sector"] == "lived-experience networks" else effect
        _survey(rng, W2, src, shift, previous.get(src["id"], ()), keep)
    _named_everyone(rng, W2)
    # drawn last, so that everything above is the same with or without them
    kinds: dict[tuple[str, str, int], str] = {}
    for wv in waves:
        _feedback_ties(rng, wv)
        kinds.update({(s, t, wv.wave): k for (s, t), k in _evidence_kinds(rng, wv).items()})
    rows = [(s, t, rel, w, wv.wave, kinds.get((s, t, wv.wave)) if rel == "evidence" else None)
            for wv in waves for s, t, rel, w in wv.ties]
    ties = pd.DataFrame(rows, columns=["source", "target", "relation", "weight", "wave", "evidence"])
    return ties.sort_values(["wave", "source", "relation", "target"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- evidence kinds and feedback
_OWN_KINDS = {  # the kinds a sender holding a role passes on, with their probabilities
    "researcher": (("quantitative", 0.85), ("qualitative", 0.35), ("economic", 0.08)),
    "implementer": (("practice", 0.9),),
    "champion": (("practice", 0.9),),
    "policymaker": (("policy", 0.9),),
    "funder": (("policy", 0.5), ("economic", 0.4)),
}
_FIRST_KIND = {"researcher": "quantitative", "implementer": "practice", "champion": "practice",
               "policymaker": "policy", "funder": "policy", "lived_experience": "lived_experience"}
_RELAY = {"quantitative": 0.9, "practice": 0.4, "qualitative": 0.3, "policy": 0.4, "economic": 0.3,
          "lived_experience": 0.35}
_KIND_ORDER = ("quantitative", "qualitative", "lived_experience", "practice", "policy", "economic")


def _evidence_ties(W: _Wave) -> list[tuple[str, str]]:
    return [(s, t) for s, t, rel, _ in W.ties if rel == "evidence"]


def _upstream(ties: list[tuple[str, str]], target: str, steps: int) -> dict[str, int]:
    """Actors whose evidence reaches ``target`` within ``steps`` ties, with the fewest steps."""
    into: dict[str, list[str]] = {}
    for s, t in ties:
        into.setdefault(t, []).append(s)
    dist = {target: 0}
    frontier = [target]
    for d in range(1, steps + 1):
        nxt = []
        for v in frontier:
            for u in into.get(v, []):
                if u not in dist:
                    dist[u] = d
                    nxt.append(u)
        frontier = nxt
    dist.pop(target)
    return dist


def _feedback_ties(rng: np.random.Generator, W: _Wave) -> None:
    """Policymakers who hear from a champion send their needs back to a researcher upstream of the champion.

    The researcher is one whose evidence reaches the champion in the fewest
    steps (up to three); where none does, a researcher who answered, drawn
    by popularity (1.5 times more often from the champion's region), starts
    sharing evidence with the champion.
    """
    ev = _evidence_ties(W)
    rows = {r["id"]: r for r in W.rows}
    pairs = sorted((s, t) for s, t in ev if rows[s]["sector"] == "health services"
                   and "champion" in _roles_of(rows[s]["role"]) and "policymaker" in _roles_of(rows[t]["role"]))
    researchers = [r for r in W.rows if r["sector"] == "academia" and r["respondent"]
                   and "researcher" in _roles_of(r["role"])]
    for champ, pm in pairs:
        if not rows[pm]["respondent"]:
            continue
        up = _upstream(ev, champ, 3)
        res = sorted(a for a in up if "researcher" in _roles_of(rows[a]["role"]) and a != pm)
        if res:
            near = min(up[a] for a in res)
            res = [a for a in res if up[a] == near]
            r = res[int(rng.integers(len(res)))]
        else:
            w = np.array([x["popularity"] * (1.5 if x["region"] == rows[champ]["region"] else 1.0)
                          for x in researchers])
            r = researchers[int(rng.choice(len(researchers), p=w / w.sum()))]["id"]
            if W.add(r, champ, "evidence", _freq(rng, rows[r], rows[champ])):
                ev.append((r, champ))
        if W.add(pm, r, "evidence", int(rng.integers(1, 3))):
            W.feedback.add((pm, r))


def _evidence_kinds(rng: np.random.Generator, W: _Wave) -> dict[tuple[str, str], str]:
    """The kinds each evidence tie of the wave carries: its sender's own, then what the sender receives."""
    ev = _evidence_ties(W)
    rows = {r["id"]: r for r in W.rows}
    feedback = W.feedback
    kinds: dict[tuple[str, str], set] = {}
    for s, t in ev:
        roles = _roles_of(rows[s]["role"])
        own: set = set()
        for role in roles:
            for kind, p in _OWN_KINDS.get(role, ()):
                if rng.random() < p:
                    own.add(kind)
        if "lived_experience" in roles and rng.random() < (1.0 if roles[0] == "lived_experience" else 0.6):
            own.add("lived_experience")
        if (s, t) in feedback:
            own.add("policy")
        kinds[(s, t)] = own or {_FIRST_KIND[roles[0]]}
    for _ in range(3):
        received: dict[str, set] = {}
        for (_, t), ks in kinds.items():
            received.setdefault(t, set()).update(ks)
        for (s, _), ks in kinds.items():
            for kind in sorted(received.get(s, set()) - ks, key=_KIND_ORDER.index):
                if rng.random() < _RELAY[kind]:
                    ks.add(kind)
    return {pair: "; ".join(k for k in _KIND_ORDER if k in ks) for pair, ks in kinds.items()}
