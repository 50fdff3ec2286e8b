"""Name-generator surveys (free recall): each respondent types the names of up to k people.

"Name up to five people you go to for advice" is exported as columns ``Name 1``
... ``Name 5``, often each with its own questions (``Name 1 - How often?``).
:func:`read_nominations` makes a tie from the respondent to each person named,
with the per-name answers as tie attributes. The names are typed by many
people in many ways, so they are matched as respondents' names are
(:mod:`systemsmap.io.names`): to the actor list when one is given; otherwise
to each other and to the respondents, names written the same way after
normalising (case, spacing, punctuation, titles) being one person, and near
duplicates (``Dr A. Okafor`` and ``Amara Okafor``, ``Owen Pryce`` and ``Owen
Price``) listed by :func:`nomination_review` with a suggested merge, merged
only when the caller says so (``merge="suggested"`` or ``aliases=``).
"""
from __future__ import annotations

import os
import re
import warnings
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .._check import check_bool, check_choice, check_ids, check_texts
from ..errors import DataError, DataWarning, OptionError
from ..network import StakeholderNetwork
from ._validate import Origin, build_network, check_reader_options
from .matrix import cell_text
from .names import NameMatcher, check_aliases, check_match, close_kind, describe_pairs, name_key
from .roster import _attribute_names, _check_missing, _key, _name_column, _typed_names, no_answer_like
from .survey import Column, SurveyTable, survey_table

__all__ = ["read_nominations", "nomination_review", "nomination_columns"]

_SLOT = re.compile(r"^\s*(?:name|person|contact|nominee|alter|colleague|individual)\s*(?:no\.?\s*|#\s*)?(\d+)\s*$",
                   re.I)
_MERGE_OPTIONS = (None, "suggested")
_UNKNOWN = ("error", "add")
_DUPLICATES = ("error", "first")


def _slot_text(c: Column) -> list[str]:
    return [t for t in dict.fromkeys([c.item, c.title, c.label]) if t]


def nomination_columns(table: SurveyTable, names: Sequence[str] | None = None) -> dict[int, tuple[Column, dict]]:
    """The name columns (``Name 1`` ...) by their number, each with its per-name questions ``{question: column}``.

    Per-name questions are the columns headed ``<name column> - question``
    (or ``:``); ``names=`` gives the name columns' headers when they are not
    called ``Name k``, ``Person k``, ``Contact k`` or the like.
    """
    slots: dict[int, Column] = {}
    if names is not None:
        for k, n in enumerate(names, start=1):
            c = table.find(n)
            if c is None:
                raise OptionError("names", names, f"headers of the file's name columns; {n!r} is not one "
                                                  f"(found {table.header_list()})")
            slots[k] = c
    else:
        for c in table.columns:
            for t in _slot_text(c):
                m = _SLOT.match(t)
                if m and int(m.group(1)) not in slots:
                    slots[int(m.group(1))] = c
                    break
    taken = {c.position for c in slots.values()}
    out = {k: (c, {}) for k, c in sorted(slots.items())}
    for c in table.columns:
        if c.position in taken:
            continue
        for k, (slot, asks) in out.items():
            m = re.match(rf"^\s*{re.escape(slot.title)}\s*[-:\u2013]\s*(.+)$", c.title)
            if m:
                asks[m.group(1).strip()] = c
                break
    return out


@dataclass
class _Plan:
    """Who is who: each typed name's person, the merges suggested, and how each was settled."""

    person: dict[str, str]             # typed name (stripped) -> actor id
    review: pd.DataFrame
    close: list[tuple[str, str]]       # respondent names matched closely to the list


def _count_spellings(typed: list[str], noms: list[tuple[int, str, str, dict]]) -> Counter:
    return Counter([t.strip() for t in typed] + [n.strip() for _, _, n, _ in noms])


def _display(spellings: Counter, members: list[str]) -> str:
    """How a group of spellings of one person is written: the most frequent; ties to the properly capitalised,
    then the longest, then the first in alphabetical order."""
    def proper(s: str) -> bool:
        return s != s.upper() and all(w[:1].isupper() for w in s.split() if w[:1].isalpha())
    best = min(members, key=lambda s: (-spellings[s], not proper(s), -len(s), s))
    return " ".join(best.split())


def _groups(spellings: Counter) -> dict[str, list[str]]:
    """Spellings that normalise alike, by their key."""
    groups: dict[str, list[str]] = {}
    for s in spellings:
        groups.setdefault(name_key(s), []).append(s)
    return groups


def _suggest(groups: dict[str, list[str]], spellings: Counter) -> list[tuple[str, str, str]]:
    """Near-duplicate groups: ``(key, key it would merge into, kind)``, only where one partner is clearly meant."""
    keys = sorted(groups, key=lambda k: (-sum(spellings[s] for s in groups[k]), k))
    weight = {k: sum(spellings[s] for s in groups[k]) for k in keys}
    out = []
    for k in keys:
        fits = [(j, close_kind(k, j)) for j in keys if j != k and close_kind(k, j) is not None]
        fits = [(j, kind) for j, kind in fits if (weight[j], j) > (weight[k], k) or kind == "initials"
                and len(j) > len(k)]
        if len(fits) == 1:
            out.append((k, fits[0][0], fits[0][1]))
    return out


def _plan_free(typed: list[str], noms: list, aliases: dict | None, merge: str | None) -> _Plan:
    """Without an actor list: names are matched to each other (normalised alike = one person)."""
    spellings = _count_spellings(typed, noms)
    groups = _groups(spellings)
    target = {k: k for k in groups}
    suggestions = _suggest(groups, spellings)
    if merge == "suggested":
        for k, into, _ in suggestions:
            target[k] = into
    alias_key = {name_key(a): name_key(b) for a, b in (aliases or {}).items()}
    for a, b in alias_key.items():
        if b not in groups:
            groups[b] = [aliases[next(x for x in aliases if name_key(x) == a)]]
            spellings[groups[b][0]] += 0
            target.setdefault(b, b)
        target[a] = b

    def root(k: str) -> str:
        seen = set()
        while target.get(k, k) != k and k not in seen:
            seen.add(k)
            k = target[k]
        return k
    members: dict[str, list[str]] = {}
    for k, ss in groups.items():
        members.setdefault(root(k), []).extend(ss)
    shown = {r: _display(spellings, ms) for r, ms in members.items()}
    person = {s: shown[root(k)] for k, ss in groups.items() for s in ss}
    review = _review_table(groups, spellings, suggestions, person, merge == "suggested")
    return _Plan(person, review, [])


def _review_table(groups: dict, spellings: Counter, suggestions: list, person: dict, accepted: bool) -> pd.DataFrame:
    rows = []
    for k, into, kind in suggestions:
        ss = sorted(groups[k], key=lambda s: -spellings[s])
        rows.append({"name": ss[0], "spellings": ", ".join(ss), "mentions": sum(spellings[s] for s in ss),
                     "suggested": _display(spellings, groups[into]), "kind": kind, "merged": accepted})
    cols = ["name", "spellings", "mentions", "suggested", "kind", "merged"]
    return pd.DataFrame(rows, columns=cols)


def _plan_listed(table: SurveyTable, typed: list[str], noms: list, listed: list[str], aliases: dict | None,
                 match: str, unknown: str) -> _Plan:
    """With an actor list: every typed name matched to it (close matches warned), none invented unless asked."""
    matcher = NameMatcher(listed, aliases=aliases)
    person, close, added = {}, [], []
    places = [(table.rows[i][0], None, t) for i, t in enumerate(typed)] + [(r, col, n) for r, col, n, _ in noms]
    for rownum, col, text in places:
        t = text.strip()
        if t in person:
            continue
        m = matcher.match(t)
        refused = m.how == "close" and match != "close" or m.how == "normalised" and match == "exact"
        if m.actor is not None and not refused:
            person[t] = m.actor
            if m.how == "close":
                close.append((t, m.actor))
        elif unknown == "add":
            person[t] = t
            added.append(t)
        else:
            closest = ", ".join(map(repr, m.closest)) or "none"
            raise table.origin.error("is not the name of an actor on the list", [rownum], column=col, value=t,
                                     suggestion=f"the closest are {closest}; fix the name, pass aliases=, or "
                                                "unknown_names='add' to add them as a new actor",
                                     options={"unknown_names": "add"})
    if added:
        warnings.warn(f"{table.name}: added {len(added)} name(s) that are not on the actor list, as "
                      f"unknown_names='add' asks: {', '.join(map(repr, added))}", DataWarning, stacklevel=5)
    return _Plan(person, pd.DataFrame(columns=["name", "spellings", "mentions", "suggested", "kind", "merged"]),
                 close)


def _nominations(table: SurveyTable, slots: dict[int, tuple[Column, dict]]) -> list[tuple[int, str, str, dict]]:
    """Every name typed: ``(row, name column, name, {question: answer})``, row by row, in slot order."""
    out = []
    for i, (rownum, r) in enumerate(table.rows):
        for k, (c, asks) in slots.items():
            name = cell_text(r[c.position])
            if name is None:
                answered = [q for q, qc in asks.items() if cell_text(r[qc.position]) is not None]
                if answered:
                    raise table.origin.error(f"answers {answered[0]!r} about no one: the name is empty", [rownum],
                                             column=c.label, suggestion="fill in the name or clear the answers")
                continue
            out.append((rownum, c.label, name, {q: cell_text(r[qc.position]) for q, qc in asks.items()}))
    return out


def _check_options(**given: Any) -> dict[str, Any]:
    opts = check_reader_options(id_column=given["id_column"], relation=given["relation"], sheet=given["sheet"],
                                self_ties=given["self_ties"], roles=given["roles"])
    check_bool("directed", given["directed"])
    opts.update(directed=given["directed"], aliases=check_aliases(given["aliases"]), match=check_match(given["match"]),
                merge=check_choice("merge", given["merge"], _MERGE_OPTIONS),
                unknown_names=check_choice("unknown_names", given["unknown_names"], _UNKNOWN),
                duplicates=check_choice("duplicates", given["duplicates"], _DUPLICATES),
                missing=_check_missing(given["missing"]))
    if isinstance(given["actors"], (str, os.PathLike, pd.DataFrame)):
        from .roster import _actor_table

        opts["listed"] = _actor_table(given["actors"])[1]
    elif given["actors"] is not None:
        opts["listed"] = check_ids("actors", given["actors"])
    else:
        opts["listed"] = None
    if given["names"] is not None:
        check_texts("names", given["names"])
    return opts


def _prepare(path: Any, opts: dict[str, Any], names: Sequence[str] | None):
    table = survey_table(path, sheet=opts["sheet"], what="nominations", header_names=(opts["id_column"],))
    if not table.rows:
        raise DataError(f"the file has a header ({table.header_list()}) but no respondent rows", origin=table.name)
    name_col = _name_column(table, opts["id_column"])
    typed = _typed_names(table, name_col)
    slots = nomination_columns(table, names)
    if not slots:
        raise table.origin.error(f"no name columns (Name 1, Name 2, ...); found {table.header_list()}",
                                 table.header_rows[:1], suggestion="pass names=[...] with the name columns' headers")
    noms = _nominations(table, slots)
    if opts["listed"] is not None:
        plan = _plan_listed(table, typed, noms, opts["listed"], opts["aliases"], opts["match"], opts["unknown_names"])
    else:
        plan = _plan_free(typed, noms, opts["aliases"], opts["merge"])
    return table, name_col, typed, slots, noms, plan


def nomination_review(path: str | os.PathLike | pd.DataFrame, *, id_column: str = "id",
                      names: Sequence[str] | None = None, sheet: str | int | None = None,
                      aliases: Mapping[str, str] | str | os.PathLike | None = None) -> pd.DataFrame:
    """The near-duplicate names of a name-generator export, each with the merge it suggests.

    Parameters
    ----------
    path, id_column, names, sheet, aliases
        As in :func:`read_nominations`.

    Returns
    -------
    pandas.DataFrame
        One row per group of spellings that is probably someone else's:
        ``name`` (its most frequent spelling), ``spellings`` (every spelling
        of the group, normalised alike), ``mentions``, ``suggested`` (who it
        is probably), ``kind`` (``"typo"``, ``"initials"`` or ``"order"``) and
        ``merged`` (False here). ``read_nominations(..., merge="suggested")``
        accepts them all; ``aliases={name: suggested}`` accepts one by one.

    Examples
    --------
    >>> import pandas as pd, systemsmap as sm
    >>> df = pd.DataFrame({"id": ["Ann", "Bo", "Cy"], "Name 1": ["Owen Price", "Owen Pryce", "owen price"],
    ...                    "Name 2": ["Bo", "Ann", None]})
    >>> sm.nomination_review(df)[["name", "suggested", "kind"]].values.tolist()
    [['Owen Pryce', 'Owen Price', 'typo']]
    """
    opts = _check_options(id_column=id_column, relation="tie", sheet=sheet, self_ties="error", roles=None,
                          directed=True, aliases=aliases, match="close", merge=None, unknown_names="error",
                          duplicates="error", missing=None, actors=None, names=names)
    return _prepare(path, opts, names)[-1].review


def read_nominations(
    path: str | os.PathLike | pd.DataFrame,
    *,
    id_column: str = "id",
    names: Sequence[str] | None = None,
    relation: str = "tie",
    directed: bool = True,
    sheet: str | int | None = None,
    actors: Sequence[str] | str | os.PathLike | pd.DataFrame | None = None,
    aliases: Mapping[str, str] | str | os.PathLike | None = None,
    match: str = "close",
    merge: str | None = None,
    unknown_names: str = "error",
    missing: Sequence[str | float] | None = None,
    self_ties: str = "error",
    duplicates: str = "error",
    roles: Mapping[str, str] | None = None,
) -> StakeholderNetwork:
    """Read a name-generator export: a row per respondent, the people each named in ``Name 1`` ... ``Name k``.

    Parameters
    ----------
    path : path or pandas.DataFrame
        A CSV file, workbook, SPSS/Stata file or DataFrame, in any layout
        :func:`~systemsmap.io.survey.survey_table` reads.
    id_column : str
        The column of each respondent's own name (any of its header rows).
    names : list of str, optional
        The name columns' headers, when they are not called ``Name 1``,
        ``Person 1``, ``Contact 1``, ... . A column headed ``<name column> -
        question`` (or ``:``) is that name's answer to the question.
    relation : str
        The relation of every tie (default ``"tie"``).
    directed : bool
        Ties run from the respondent to the person named (default True).
    sheet : str or int, optional
        The worksheet of a workbook.
    actors : list of str, path or DataFrame, optional
        The actor list (ids, or a table or file with an ``id`` column).
        Given, every typed name (respondents' and nominees') is matched to
        it as :func:`read_roster` matches respondents.
    aliases : mapping or path, optional
        Names as typed mapped to who they are (an actor on the list, or, with
        no list, the name to use), or a two-column file of them.
    match : {"close", "normalised", "exact"}
        With ``actors=``: the loosest match that loads (see :func:`read_roster`).
    merge : {None, "suggested"}
        Without ``actors=``: None (default) keeps near-duplicate names apart,
        with a warning listing them (see :func:`nomination_review`);
        ``"suggested"`` merges each into the name it suggests.
    unknown_names : {"error", "add"}
        With ``actors=``: a name that matches no actor is an error naming
        it (default), or added as an actor with a warning.
    missing : list, optional
        Further answers that mean no answer (see :func:`read_roster`).
    self_ties : {"error", "drop"}
        A respondent naming themselves.
    duplicates : {"error", "first"}
        A respondent naming one person twice (written any way that matches):
        an error naming both cells, or the first kept with a warning.
    roles : mapping, optional
        Roles as written mapped to the roles they count as.

    Returns
    -------
    StakeholderNetwork
        Actors: respondents in row order, then the people they named in
        order of first mention; ``respondent``, ``typed_name``. Ties: one per
        name typed, from the respondent, with ``slot`` (the name's number)
        and each per-name question's answer as a column named after the
        question (``How often?``), as written (a no-answer label such as
        ``Don't know`` left empty).

    Raises
    ------
    DataError
        A missing name column, an empty respondent name, answers about an
        empty name, a name not on the list (with ``actors=``), two rows for
        one respondent, a person named twice in one row, a self-nomination.

    Examples
    --------
    >>> import pandas as pd, systemsmap as sm
    >>> df = pd.DataFrame({"Your name": ["Ann Lee", "bo chen"], "Name 1": ["Bo Chen", "ann lee"],
    ...                    "Name 1 - How often?": ["Weekly", "Daily"], "Name 2": ["Cy Diaz", None],
    ...                    "Name 2 - How often?": ["Monthly", None]})
    >>> net = sm.read_nominations(df, id_column="Your name")
    >>> net.ties[["source", "target", "How often?"]].values.tolist()
    [['Ann Lee', 'Bo Chen', 'Weekly'], ['Ann Lee', 'Cy Diaz', 'Monthly'], ['Bo Chen', 'Ann Lee', 'Daily']]
    """
    opts = _check_options(id_column=id_column, relation=relation, sheet=sheet, self_ties=self_ties, roles=roles,
                          directed=directed, aliases=aliases, match=match, merge=merge, unknown_names=unknown_names,
                          duplicates=duplicates, missing=missing, actors=actors, names=names)
    table, name_col, typed, slots, noms, plan = _prepare(path, opts, names)
    _warn_plan(table, plan, merge)
    resp_ids = [plan.person[t.strip()] for t in typed]
    _one_row_each(table, name_col, resp_ids, typed)
    tie_df, tie_rows = _tie_frame(table, noms, typed, resp_ids, plan, opts)
    used = {name_col.position} | {c.position for c, asks in slots.values()} | \
        {qc.position for _, asks in slots.values() for qc in asks.values()}
    actor_df = _actor_frame(table, [c for c in table.columns if c.position not in used], resp_ids, typed, tie_df,
                            opts["listed"])
    first_row = dict(zip(resp_ids, (r for r, _ in table.rows)))
    return build_network(actor_df, tie_df, directed=opts["directed"], lenient=(), roles=opts["roles"],
                         actors_origin=Origin(table.name, rows=[first_row.get(a, tie_rows[0] if tie_rows else 1)
                                                                for a in actor_df["id"]], row_word=table.row_word),
                         ties_origin=Origin(table.name, rows=tie_rows, row_word=table.row_word))


def _warn_plan(table: SurveyTable, plan: _Plan, merge: str | None) -> None:
    if plan.close:
        warnings.warn(f"{table.name}: {len(plan.close)} name(s) matched by closeness, not exactly: "
                      f"{describe_pairs(plan.close)}; check them, and pass aliases= to settle a name (or "
                      "match='normalised' to refuse close matches)", DataWarning, stacklevel=4)
    if len(plan.review):
        pairs = list(zip(plan.review["name"], plan.review["suggested"]))
        if merge == "suggested":
            warnings.warn(f"{table.name}: merged {len(pairs)} near-duplicate name(s), as merge='suggested' asks: "
                          f"{describe_pairs(pairs)}", DataWarning, stacklevel=4)
        else:
            shown = ", ".join(f"{a!r} (probably {b!r})" for a, b in pairs[:12])
            warnings.warn(f"{table.name}: {len(pairs)} name(s) look like another's and are kept apart: {shown}"
                          f"{' ...' if len(pairs) > 12 else ''}; see nomination_review(...), then pass "
                          "merge='suggested' to merge them all or aliases={...} for some", DataWarning, stacklevel=4)


def _one_row_each(table: SurveyTable, name_col: Column, ids: list[str], typed: list[str]) -> None:
    from .roster import _one_row_each as check

    check(table, name_col, ids, typed)


def _tie_frame(table: SurveyTable, noms: list, typed: list[str], resp_ids: list[str], plan: _Plan,
               opts: dict[str, Any]) -> tuple[pd.DataFrame, list[int]]:
    """One tie per name typed, with its slot and per-name answers (no-answer labels as empty)."""
    row_index = {rownum: i for i, (rownum, _) in enumerate(table.rows)}
    ties, rows, seen = [], [], {}
    dropped_self, dropped_dup = [], []
    for rownum, col, name, answers in noms:
        src = resp_ids[row_index[rownum]]
        tgt = plan.person[name.strip()]
        if src == tgt:
            if opts["self_ties"] == "error":
                raise table.origin.error(f"is the respondent ({typed[row_index[rownum]]!r}) naming themselves",
                                         [rownum], column=col, value=name,
                                         suggestion="clear the cell, or pass self_ties='drop'",
                                         options={"self_ties": "drop"})
            dropped_self.append(rownum)
            continue
        if (src, tgt) in seen:
            if opts["duplicates"] == "error":
                raise table.origin.error(f"names {tgt!r} again (as {seen[src, tgt]!r} does)", [rownum], column=col,
                                         value=name, suggestion="clear one of them, or pass duplicates='first'",
                                         options={"duplicates": "first"})
            dropped_dup.append(rownum)
            continue
        seen[src, tgt] = col
        clean = {q: (None if a is None or no_answer_like(a) or _key(a) in opts["missing"][0] else a)
                 for q, a in answers.items()}
        ties.append({"source": src, "target": tgt, "slot": int(re.sub(r"\D", "", col) or 0) or None,
                     "typed_name": name, **clean})
        rows.append(rownum)
    if dropped_self or dropped_dup:
        warnings.warn(f"{table.name}: left out {len(dropped_self)} self-nomination(s) and {len(dropped_dup)} "
                      "repeated name(s)", DataWarning, stacklevel=4)
    df = pd.DataFrame(ties, columns=None if ties else ["source", "target", "slot", "typed_name"])
    df.insert(2, "relation", opts["relation"])
    return df, rows


def _actor_frame(table: SurveyTable, attr_cols: list[Column], resp_ids: list[str], typed: list[str],
                 tie_df: pd.DataFrame, listed: list[str] | None) -> pd.DataFrame:
    """Respondents in row order, then the people named in order of first mention (then other listed actors)."""
    ids = list(dict.fromkeys([*resp_ids, *tie_df["target"].tolist(), *(listed or [])]))
    df = pd.DataFrame({"id": pd.Series(ids, dtype=object)})
    names = _attribute_names(attr_cols)
    for c in attr_cols:
        vals = dict(zip(resp_ids, (r[c.position] for _, r in table.rows)))
        df[names[c.position]] = pd.Series([vals.get(a) for a in ids], dtype=object)
    df["respondent"] = [a in set(resp_ids) for a in ids]
    typed_of = dict(zip(resp_ids, typed))
    df["typed_name"] = pd.Series([typed_of.get(a) for a in ids], dtype=object)
    return df
