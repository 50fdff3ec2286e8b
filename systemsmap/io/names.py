"""Names as people type them, matched to an actor list: exactly, after normalising, or by closeness.

Survey respondents type their own name (``amara okafor ``, ``Ian Marsh`` for
``Prof Ian Marsh``, ``  KAI TANAKA``) and, in name generators, the names of
the people they go to (``Dr A. Okafor``). These are matched to the actor list
in three tiers, each tried only when the one before finds nothing:

1. **exact**: the text as typed, surrounding spaces ignored;
2. **normalised**: case, accents, spacing, punctuation and titles ignored
   (:func:`name_key`); such matches are the same name written another way and
   load silently;
3. **close**: a typing slip (``Owen Pryce`` for ``Owen Price``), initials for
   a first name (``A. Okafor``), or the names in another order (``Okafor,
   Amara``), when exactly one actor is that close. Close matches may be two
   different people, so they are never silent: they load with a warning that
   lists every pair, or are refused with ``match="normalised"``.

Anything else is not matched: the reader says which name, in which row, and
which actors come closest. ``aliases=`` settles any name by hand, first.
"""
from __future__ import annotations

import difflib
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .._check import check_choice
from ..errors import DataError, OptionError

__all__ = ["name_key", "NameMatcher", "Match", "MATCH_OPTIONS", "TITLES", "check_aliases", "check_match",
           "read_mapping_file", "close_kind", "describe_pairs"]

#: ``match=``: the loosest tier a reader accepts.
MATCH_OPTIONS = ("exact", "normalised", "close")

#: Words ignored at the start of a name: honorifics and academic, clerical and civic titles.
TITLES = frozenset({
    "dr", "doctor", "prof", "professor", "assoc", "associate", "asst", "assistant", "cllr", "councillor",
    "councilor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame", "lord", "lady", "rev", "revd", "reverend",
    "hon", "rt", "fr", "father", "sister", "br", "brother", "rabbi", "imam", "pastor", "judge", "justice",
})
#: Letters after a name ignored at its end: degrees and honours (never Jr/Sr, which tell people apart).
_POSTNOMINALS = frozenset({"phd", "dphil", "md", "mbbs", "frcp", "frcs", "mbe", "obe", "cbe", "dbe", "kbe",
                           "qc", "kc", "mp", "msp", "ms", "am", "ao"})
_APOSTROPHES = str.maketrans({"\u2019": "", "\u2018": "", "'": "", "`": "", "\u00b4": ""})
_PUNCT = re.compile(r"[^\w\s]|_")

#: Similarity (difflib ratio of the normalised names) from which a name counts as a typing slip.
CLOSE_RATIO = 0.85
#: How much better the best actor must be than the next for a close match to count.
_CLOSE_MARGIN = 0.04


def name_key(text: Any) -> str:
    """A name as compared in the normalised tier: case, accents, punctuation, spacing and titles ignored.

    Leading titles (:data:`TITLES`: Dr, Prof, Cllr, Mr, Ms, Mrs, Sir, Dame, ...)
    and trailing degrees and honours (PhD, MBE, OBE, ...) are dropped, unless
    nothing else is left.

    Examples
    --------
    >>> name_key("  Dr. Amara  OKAFOR ")
    'amara okafor'
    >>> name_key("Prof Ian Marsh") == name_key("ian marsh")
    True
    >>> name_key("Seán O’Brien-Kelly, PhD")
    'sean obrien kelly'
    """
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold().translate(_APOSTROPHES)
    words = _PUNCT.sub(" ", text).split()
    core = list(words)
    while len(core) > 1 and core[0] in TITLES:
        core.pop(0)
    while len(core) > 1 and core[-1] in _POSTNOMINALS:
        core.pop()
    return " ".join(core or words)


def _initials_fit(a: list[str], b: list[str]) -> bool:
    """Whether two names agree word for word, a one-letter word standing for any word it begins."""
    if len(a) != len(b) or len(a) < 2 or a[-1] != b[-1]:
        return False
    some_initial = False
    for x, y in zip(a[:-1], b[:-1]):
        if x == y:
            continue
        if (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y)):
            some_initial = True
            continue
        return False
    return some_initial


def close_kind(a: str, b: str) -> str | None:
    """How two normalised names (:func:`name_key`) are close: ``"typo"``, ``"initials"``, ``"order"`` or None.

    Examples
    --------
    >>> close_kind("owen pryce", "owen price"), close_kind("a okafor", "amara okafor")
    ('typo', 'initials')
    >>> close_kind("okafor amara", "amara okafor"), close_kind("jo bell", "kai tanaka")
    ('order', None)
    """
    if a == b:
        return None
    wa, wb = a.split(), b.split()
    if sorted(wa) == sorted(wb):
        return "order"
    if _initials_fit(wa, wb):
        return "initials"
    if min(len(a), len(b)) >= 4 and difflib.SequenceMatcher(None, a, b).ratio() >= CLOSE_RATIO:
        return "typo"
    return None


def _closeness(a: str, b: str) -> float:
    """A score for ranking candidates: 1 for the same name, the difflib ratio otherwise (initials count 0.95)."""
    kind = close_kind(a, b)
    if kind in ("order", "initials"):
        return 0.95
    return difflib.SequenceMatcher(None, a, b).ratio()


@dataclass(frozen=True)
class Match:
    """How one typed name was matched: ``actor`` (None when not matched), ``how`` and the ``closest`` actors.

    ``how`` is ``"exact"``, ``"alias"``, ``"normalised"``, ``"close"`` (with
    ``kind``: ``"typo"``, ``"initials"`` or ``"order"``), ``"ambiguous"`` (two
    or more actors fit equally) or ``"none"``.
    """

    typed: str
    actor: str | None
    how: str
    kind: str | None = None
    closest: tuple[str, ...] = ()


class NameMatcher:
    """Match typed names to a list of actors (see the module's description of the tiers).

    Parameters
    ----------
    actors : sequence of str
        The actor list, each once.
    aliases : mapping, optional
        Typed names (matched exactly, then normalised) to actors of the list.

    Examples
    --------
    >>> m = NameMatcher(["Dr Amara Okafor", "Prof Ian Marsh", "Owen Price"])
    >>> [(r.actor, r.how) for r in map(m.match, ["amara okafor ", "Ian Marsh", "Owen Pryce", "Zed"])]
    [('Dr Amara Okafor', 'normalised'), ('Prof Ian Marsh', 'normalised'), ('Owen Price', 'close'), (None, 'none')]
    """

    def __init__(self, actors: Sequence[str], *, aliases: Mapping[str, str] | None = None):
        self.actors = list(actors)
        self.exact = {a.strip(): a for a in self.actors}
        self.by_key: dict[str, list[str]] = {}
        for a in self.actors:
            self.by_key.setdefault(name_key(a), []).append(a)
        self.keys = list(self.by_key)
        self.aliases = {k.strip(): v for k, v in (aliases or {}).items()}
        self.alias_keys = {name_key(k): v for k, v in (aliases or {}).items()}

    def match(self, typed: str) -> Match:
        """The :class:`Match` of one typed name."""
        text = str(typed).strip()
        if text in self.aliases:
            return Match(text, self.aliases[text], "alias")
        if text in self.exact:
            return Match(text, self.exact[text], "exact")
        key = name_key(text)
        if key in self.alias_keys:
            return Match(text, self.alias_keys[key], "alias")
        same = self.by_key.get(key, [])
        if len(same) == 1:
            return Match(text, same[0], "normalised")
        if len(same) > 1:
            return Match(text, None, "ambiguous", closest=tuple(same))
        return self._close(text, key)

    def _close(self, text: str, key: str) -> Match:
        """The close tier: one actor clearly closest and close enough, or none (with the nearest few)."""
        scored = sorted(((_closeness(key, k), k) for k in self._candidates(key)), key=lambda s: (-s[0], s[1]))
        nearest = tuple(a for _, k in scored[:3] for a in self.by_key[k])[:3]
        fits = [(s, k) for s, k in scored if close_kind(key, k) is not None]
        if not fits:
            return Match(text, None, "none", closest=nearest)
        best, k = fits[0]
        rivals = [s for s, k2 in fits[1:] if s > best - _CLOSE_MARGIN]
        if rivals or len(self.by_key[k]) > 1:
            return Match(text, None, "ambiguous", closest=nearest)
        return Match(text, self.by_key[k][0], "close", kind=close_kind(key, k), closest=nearest)

    def _candidates(self, key: str) -> list[str]:
        """The keys worth scoring: all of a short list, else those sharing a word or close by difflib's filter."""
        if len(self.keys) <= 200:
            return self.keys
        words = set(key.split())
        near = {k for k in self.keys if words & set(k.split())}
        near.update(difflib.get_close_matches(key, self.keys, n=5, cutoff=0.6))
        return sorted(near)


def check_aliases(value: Any, name: str = "aliases") -> dict[str, str] | None:
    """``aliases=``: None, a mapping of typed names to actors, or the path of a two-column file of them."""
    if value is None:
        return None
    if isinstance(value, (str, os.PathLike)):
        return read_mapping_file(value, what=name)
    if isinstance(value, Mapping) and all(isinstance(k, str) and k.strip() and isinstance(v, str) and v.strip()
                                          for k, v in value.items()):
        return {k: v.strip() for k, v in value.items()}
    raise OptionError(name, value, "a mapping of names as typed to actors ({'Owen Pryce': 'Owen Price'}), or "
                                   "the path of a two-column file of them")


def check_match(value: Any) -> str:
    """``match=``: ``"exact"``, ``"normalised"`` (also spelled ``"normalized"``) or ``"close"``."""
    return check_choice("match", "normalised" if value == "normalized" else value, MATCH_OPTIONS)


_FROM_WORDS = {"typed", "as typed", "typed name", "name", "alias", "from", "written", "as written", "spelling",
               "role as written", "role"}
_TO_WORDS = {"actor", "id", "actor id", "to", "canonical", "means", "is", "name on the list", "role",
             "canonical role", "maps to"}


def read_mapping_file(path: str | os.PathLike, *, what: str = "aliases") -> dict[str, str]:
    """A two-column file (CSV or workbook) as a mapping from its first column to its second.

    A first row whose cells read as column names (``typed,actor``,
    ``alias,id``, ``role as written,canonical role``, ...) is a header and
    skipped. Used by ``aliases=`` and by the command line's ``--aliases`` and
    ``--role-map``.

    Raises
    ------
    DataError
        If the file is missing, a row has an empty cell in either column, a
        name is given twice with different meanings, or the file has no rows.
    """
    from ._source import open_grid

    rows, name = open_grid(path)
    rows = [[_text(c) for c in r[:2]] + [None] * (2 - len(r[:2])) for r in rows]
    start = 1 if rows and rows[0][0] and rows[0][1] and rows[0][0].casefold() in _FROM_WORDS \
        and rows[0][1].casefold() in _TO_WORDS else 0
    out: dict[str, str] = {}
    first_row: dict[str, int] = {}
    for k, (a, b) in enumerate(rows[start:], start=start + 1):
        if a is None and b is None:
            continue
        if a is None or b is None:
            raise DataError("has only one of its two cells filled", origin=name, rows=[k],
                            expected=f"two columns: the name as written, then what it means ({what})")
        if a in out and out[a] != b:
            raise DataError(f"{a!r} is given twice with different meanings ({out[a]!r} in row {first_row[a]}, "
                            f"{b!r} here)", origin=name, rows=[k])
        out[a] = b
        first_row.setdefault(a, k)
    if not out:
        raise DataError("the file has no rows", origin=name,
                        expected=f"two columns: the name as written, then what it means ({what})")
    return out


def _text(cell: Any) -> str | None:
    from .matrix import cell_text

    return cell_text(cell)


def describe_pairs(pairs: Iterable[tuple[str, str]], limit: int = 12) -> str:
    """``'Owen Pryce' taken as 'Owen Price', ...``: the pairs of a close-match warning, all of them up to ``limit``."""
    items = [f"{a!r} taken as {b!r}" for a, b in pairs]
    more = f" (and {len(items) - limit} more)" if len(items) > limit else ""
    return ", ".join(items[:limit]) + more
