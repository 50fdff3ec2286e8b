"""Pajek networks (``.net``) and projects (``.paj``).

Pajek (Batagelj & Mrvar) writes a network as sections, each opened by a line
starting with ``*``::

    *Network Krackhardt's managers
    *Vertices 3
      1 "Ann"  0.62 0.72 0.5 ellipse ic Red
      2 "Bob"  0.60 0.55 0.5
      3 "Cy"
    *Arcs :1 "advice"
      1 2 1
      2 3 2 c Blue
    *Arcs :2 "friendship"
      2 1
    *Edges
      1 3
    *Partition Department
    *Vertices 3
    1
    2
    1

A project (``.paj``) holds several networks and vectors and partitions of
their vertices. Section names are case-insensitive; ``%`` starts a comment.
"""
from __future__ import annotations

import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath
from typing import Any

import numpy as np
import pandas as pd

from .._check import check_path
from ..errors import DataError, DataWarning, rows_phrase
from ..network import StakeholderNetwork
from ._text import is_binary, decode
from ._validate import MAX_ACTORS, Origin, build_network, check_reader_options, over_limit

__all__ = ["read_pajek", "write_pajek"]

_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_SHAPES = ("ellipse", "box", "diamond", "triangle", "cross", "empty", "man", "woman")
#: Pajek's vertex and line parameters that have a name of ours; others keep Pajek's name.
_VERTEX_PARAMS = {"ic": "color", "bc": "border_color", "s_size": "size"}
_LINE_PARAMS = {"c": "color", "w": "width", "l": "label", "p": "pattern"}
_NETWORK_SECTIONS = ("arcs", "edges", "arcslist", "edgeslist", "matrix")
_SKIPPED = ("permutation", "cluster", "hierarchy")
#: Pajek's code for a missing value in partitions and vectors.
_MISSING = (9999998.0, 999999998.0)


# ---------------------------------------------------------------------- parsing
@dataclass
class _Net:
    """One ``*Network`` as parsed: vertices by number, lines as read."""

    name: str | None
    line: int
    n: int | None = None
    n_line: int = 0
    vertices: dict[int, dict[str, Any]] = field(default_factory=dict)
    vertex_line: dict[int, int] = field(default_factory=dict)
    # (source, target, value, relation number, relation name, directed, params, line)
    lines: list[tuple[int, int, float, int, str | None, bool, dict[str, Any], int]] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)


@dataclass
class _Vector:
    """A ``*Partition`` or ``*Vector``: one value per vertex."""

    kind: str
    name: str
    line: int
    n: int | None = None
    values: list[tuple[float | None, int]] = field(default_factory=list)


class _Parser:
    """Walks a Pajek file line by line, section by section."""

    def __init__(self, name: str, text: str, max_actors: int | None = None):
        self.name = name
        self.max_actors = max_actors
        self.nets: list[_Net] = []
        self.vectors: list[_Vector] = []
        self.skipped: list[tuple[str, int]] = []
        self.mode: str | None = None  # what the data lines of the current section are
        self.relation: tuple[int, str | None] = (1, None)
        self.row = 0  # the next row of a *Matrix
        self.pending_net: tuple[str, int] | None = None
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw
            if not line.strip() or line.lstrip().startswith("%"):
                continue
            if line.lstrip().startswith("*"):
                self._section(line.strip(), number)
            else:
                self._data(line, number)

    def error(self, line: int, problem: str, **fields: Any) -> DataError:
        return DataError(problem, origin=self.name, rows=[line], row_word="line", **fields)

    # sections
    def _section(self, line: str, number: int) -> None:
        word, _, rest = line[1:].partition(" ")
        word = word.lower()
        if word == "network":
            self.pending_net = (rest.strip() or None, number)
            self.mode = None
        elif word == "vertices":
            self._vertices(rest, number)
        elif word in _NETWORK_SECTIONS:
            net = self._net(number)
            self.relation = _relation_of(rest)
            self.mode, self.row = word, 0
            net.kinds.add(word)
        elif word in ("partition", "vector"):
            self.vectors.append(_Vector(word, rest.strip() or f"{word}_{len(self.vectors) + 1}", number))
            self.mode = "awaiting vertices"
        elif word in _SKIPPED or word.startswith("time"):
            self.skipped.append((f"*{word.capitalize()}", number))
            self.mode = "skip vertices"  # its own *Vertices line follows, not a new network's
        else:
            raise self.error(number, "is not a Pajek section", value=f"*{word}",
                             expected="*Network, *Vertices, *Arcs, *Edges, *Arcslist, *Edgeslist, *Matrix, "
                                      "*Partition or *Vector")

    def _vertices(self, rest: str, number: int) -> None:
        counts = rest.split()
        if not counts or not counts[0].isdigit():
            raise self.error(number, "*Vertices must give the number of vertices", value=rest.strip() or None,
                             expected="*Vertices <n>")
        n = int(counts[0])
        if self.max_actors is not None and n > self.max_actors:
            raise over_limit("vertices", n, self.max_actors, "max_actors", origin=self.name, rows=[number],
                             row_word="line")
        if self.mode == "skip vertices":
            self.mode = "skip"
            return
        if self.mode == "awaiting vertices":
            self.vectors[-1].n = n
            self.mode = "values"
            return
        if self.pending_net is not None or not self.nets or self.nets[-1].n is not None:
            name, line = self.pending_net or (None, number)
            self.nets.append(_Net(name, line))
            self.pending_net = None
        net = self.nets[-1]
        net.n, net.n_line = n, number
        if len(counts) > 1 and counts[1].isdigit():
            net.vertices.update({k: {"mode": 1 if k <= int(counts[1]) else 2} for k in range(1, n + 1)})
        self.mode = "vertices"

    def _net(self, number: int) -> _Net:
        """The network a section of lines belongs to (a *Network without *Vertices starts one)."""
        if self.pending_net is not None or not self.nets:
            name, line = self.pending_net or (None, number)
            self.nets.append(_Net(name, line))
            self.pending_net = None
        return self.nets[-1]

    # data lines
    def _data(self, line: str, number: int) -> None:
        mode = self.mode
        if mode is None or mode == "awaiting vertices":
            raise self.error(number, "is a data line outside any section", value=line.strip()[:40],
                             expected="a section such as *Vertices or *Arcs first")
        if mode in ("skip", "skip vertices"):
            return
        if mode == "values":
            self._value(line, number)
        elif mode == "vertices":
            self._vertex(line, number)
        elif mode == "matrix":
            self._matrix_row(line, number)
        else:
            self._tie_line(mode, line, number)

    def _value(self, line: str, number: int) -> None:
        vec = self.vectors[-1]
        text = line.strip()
        try:
            x = float(text)
        except ValueError:
            raise self.error(number, "is not a number", value=text, expected=f"a value of {vec.kind} "
                             f"{vec.name!r}") from None
        if vec.kind == "partition" and not x.is_integer():
            raise self.error(number, "is not a whole number", value=text, expected="a partition's class number",
                             suggestion="a vector holds fractional values: name the section *Vector")
        vec.values.append((None if x in _MISSING else x, number))

    def _vertex(self, line: str, number: int) -> None:
        net = self.nets[-1]
        toks = [(q, t) for q, t in _TOKEN.findall(line)]
        first = toks[0][1] if toks else ""
        if not first.isdigit() or not 1 <= int(first) <= (net.n or 0):
            raise self.error(number, f"is not a vertex number from 1 to {net.n}", value=toks[0][0] or first,
                             suggestion="each line under *Vertices starts with the vertex's number")
        k = int(first)
        if k in net.vertex_line:
            raise self.error(number, f"vertex {k} is listed twice (also at line {net.vertex_line[k]})")
        net.vertex_line[k] = number
        net.vertices.setdefault(k, {}).update(_vertex_fields(toks[1:], self, number))

    def _tie_line(self, mode: str, line: str, number: int) -> None:
        net = self.nets[-1]
        rel_no, rel_name = self.relation
        toks = [q or t for q, t in _TOKEN.findall(line)]
        if toks and re.fullmatch(r"\d+:", toks[0]):  # "2: 1 5" gives the relation on the line
            rel_no, rel_name = int(toks[0][:-1]), None
            toks = toks[1:]
        ends = [self._vertex_number(t, number) for t in (toks if mode.endswith("list") else toks[:2])]
        directed = mode.startswith("arcs")
        if mode.endswith("list"):
            for target in ends[1:]:
                net.lines.append((ends[0], target, 1.0, rel_no, rel_name, directed, {}, number))
            return
        if len(ends) < 2:
            raise self.error(number, f"has {len(toks)} value(s)", value=line.strip()[:40],
                             expected=f"two vertex numbers (and a value) on a line under *{mode.capitalize()}")
        value, params = _line_fields(toks[2:], self, number)
        net.lines.append((ends[0], ends[1], value, rel_no, rel_name, directed, params, number))

    def _matrix_row(self, line: str, number: int) -> None:
        net = self.nets[-1]
        n = net.n or 0
        self.row += 1
        values = line.split()
        if self.row > n or len(values) != n:
            raise self.error(number, f"row {self.row} of the matrix has {len(values)} value(s)",
                             expected=f"{n} rows of {n} values (*Vertices {n})")
        for j, text in enumerate(values, start=1):
            x = _number(text)
            if x is None:
                raise self.error(number, "is not a number", value=text, expected=f"row {self.row}, column {j}")
            if x != 0:
                net.lines.append((self.row, j, x, *self.relation, True, {}, number))

    def _vertex_number(self, text: str, number: int) -> int:
        net = self.nets[-1]
        if not text.isdigit() or not 1 <= int(text) <= (net.n or 0):
            raise self.error(number, f"is not a vertex number from 1 to {net.n}", value=text,
                             suggestion=f"*Vertices {net.n} declares vertices 1 to {net.n}")
        return int(text)


def _relation_of(rest: str) -> tuple[int, str | None]:
    """The relation a section header gives: ``*Arcs :2 "friendship"`` -> ``(2, "friendship")``, else 1."""
    m = re.match(r'\s*:\s*(\d+)\s*(?:"([^"]*)"|(\S.*))?', rest)
    if not m:
        return 1, None
    name = m.group(2) if m.group(2) is not None else (m.group(3) or "").strip() or None
    return int(m.group(1)), name


def _number(text: str) -> float | None:
    try:
        x = float(text)
    except ValueError:
        return None
    return x if np.isfinite(x) else None


def _vertex_fields(toks: list[tuple[str, str]], parser: _Parser, number: int) -> dict[str, Any]:
    """A vertex line after its number: label, coordinates, shape, then ``key value`` parameters."""
    out: dict[str, Any] = {}
    if toks:  # the label always comes second, as Pajek reads it
        quoted, plain = toks.pop(0)
        out["label"] = (quoted or plain).strip()
    coords = []
    while toks and len(coords) < 3 and not toks[0][0] and _number(toks[0][1]) is not None:
        coords.append(_number(toks.pop(0)[1]))
    out.update(zip(("x", "y", "z"), coords))
    if toks and not toks[0][0] and toks[0][1].lower() in _SHAPES:
        out["shape"] = toks.pop(0)[1].lower()
    out.update(_params([q or t for q, t in toks], _VERTEX_PARAMS, parser, number))
    return out


def _line_fields(toks: list[str], parser: _Parser, number: int) -> tuple[float, dict[str, Any]]:
    """An arc or edge line after its ends: the value (default 1), then ``key value`` parameters."""
    value = 1.0
    if toks and _number(toks[0]) is not None:
        value = _number(toks.pop(0))
    elif toks and re.fullmatch(r"[\[(].*", toks[0]):
        raise parser.error(number, "holds a time interval, which is not read", value=toks[0],
                           suggestion="read one time point at a time, saved from Pajek as a network")
    return value, _params(toks, _LINE_PARAMS, parser, number)


def _params(toks: list[str], names: dict[str, str], parser: _Parser, number: int) -> dict[str, Any]:
    """``key value`` pairs (``ic Red x_fact 2``), numbers as numbers, under our names where we have one."""
    if len(toks) % 2:
        raise parser.error(number, "has a parameter without a value", value=toks[-1],
                           expected="parameters in pairs, such as 'ic Red' or 'x_fact 2'")
    out: dict[str, Any] = {}
    for key, value in zip(toks[0::2], toks[1::2]):
        x = _number(value)
        out[names.get(key.lower(), key.lower())] = x if x is not None else value
    return out


# ---------------------------------------------------------------------- assembling
def _short(name: str | None) -> str | None:
    """A network's or vector's name for a relation or a column: ``UciNet\\KnokBur.dat : KNOKI`` -> ``KNOKI``."""
    if not name:
        return None
    name = name.strip().strip('"').strip()
    if " : " in name:
        name = name.rsplit(" : ", 1)[1].strip()
    if "\\" in name or "/" in name or re.search(r"\.(net|paj|clu|vec|per|dat)$", name, re.IGNORECASE):
        name = PureWindowsPath(name).name
        name = re.sub(r"\.(net|paj|clu|vec|per|dat)$", "", name, flags=re.IGNORECASE)
    return name or None


def _vertex_ids(net: _Net) -> list[str]:
    """Vertex ids in number order: the labels when every vertex has a distinct one, else the numbers."""
    numbers = range(1, (net.n or 0) + 1)
    labels = [net.vertices.get(k, {}).get("label") for k in numbers]
    if all(labels) and len(set(labels)) == len(labels):
        return labels
    return [str(k) for k in numbers]


def _actors(parser: _Parser, ids: list[list[str]]) -> tuple[pd.DataFrame, list[int]]:
    """One row per actor, in order of first appearance across the networks, with the vertex fields."""
    rows: dict[str, dict[str, Any]] = {}
    lines: dict[str, int] = {}
    for net, net_ids in zip(parser.nets, ids):
        for k, vid in enumerate(net_ids, start=1):
            if vid not in rows:
                fields = dict(net.vertices.get(k, {}))
                fields.setdefault("label", vid)
                rows[vid] = fields
                lines[vid] = net.vertex_line.get(k, net.n_line)
    table = pd.DataFrame.from_records([{"id": vid, **f} for vid, f in rows.items()], columns=None)
    if "id" not in table.columns:
        table = pd.DataFrame({"id": pd.Series([], dtype=object)})
    _vectors(parser, ids[0] if ids else [], table)
    return table, list(lines.values())


def _vectors(parser: _Parser, first_ids: list[str], table: pd.DataFrame) -> None:
    """Partitions and vectors as actor columns (of the first network's vertices, by position)."""
    taken = set(table.columns)
    for vec in parser.vectors:
        n = len(first_ids)
        if vec.n != n or len(vec.values) != n:
            got = len(vec.values)
            raise DataError(f"{vec.kind} {vec.name!r} has {got} value(s) for *Vertices {vec.n}, but the network has "
                            f"{n} vertices", origin=parser.name, rows=[vec.line], row_word="line",
                            expected=f"one value per vertex, {n} in all")
        column = _short(vec.name) or vec.kind
        while column in taken:
            column = f"{column}_{vec.kind}"
        taken.add(column)
        by_id = dict(zip(first_ids, [v for v, _ in vec.values]))
        values = table["id"].map(by_id)
        if vec.kind == "partition":
            table[column] = values.astype("Int64") if values.isna().any() else values.astype("int64")
        else:
            table[column] = values.astype(float)


def _ties(parser: _Parser, ids: list[list[str]], relation: str, directed: bool | None) -> tuple[pd.DataFrame, bool]:
    """One row per arc or edge (edges in a directed network both ways, with a warning)."""
    named = _relation_names(parser, relation)
    has_arcs = any(d for net in parser.nets for *_, d, _, _ in net.lines)
    directed = has_arcs if directed is None else directed
    records = []
    both_ways: list[int] = []
    for n_index, (net, net_ids) in enumerate(zip(parser.nets, ids)):
        for s, t, value, rel_no, _, arc, params, line in net.lines:
            rel = named[(n_index, rel_no)]
            records.append({"source": net_ids[s - 1], "target": net_ids[t - 1], "relation": rel, "weight": value,
                            **params, "_line": line})
            if directed and not arc and s != t:
                records.append({**records[-1], "source": net_ids[t - 1], "target": net_ids[s - 1]})
                both_ways.append(line)
    if both_ways:
        warnings.warn(f"{parser.name}: the network has arcs, so each of its {len(both_ways)} edge(s) is read as two "
                      f"ties, one each way ({rows_phrase(sorted(set(both_ways)), 'line')})", DataWarning,
                      stacklevel=4)
    cols = ["source", "target", "relation", "weight"]
    ties = pd.DataFrame.from_records(records) if records else pd.DataFrame({c: [] for c in cols + ["_line"]})
    return ties, directed


def _relation_names(parser: _Parser, relation: str) -> dict[tuple[int, int], str]:
    """The relation of each (network, relation number): its name, the network's, or ``relation``."""
    out: dict[tuple[int, int], str] = {}
    several = len(parser.nets) > 1
    for n_index, net in enumerate(parser.nets):
        numbers: dict[int, str | None] = {}
        for *_, rel_no, rel_name, _, _, _ in net.lines:
            if rel_name or rel_no not in numbers:
                numbers[rel_no] = rel_name or numbers.get(rel_no)
        base = (_short(net.name) or f"network_{n_index + 1}") if several else relation
        for rel_no, rel_name in numbers.items():
            if rel_name:
                name = f"{base}: {rel_name}" if several and len(numbers) > 1 else rel_name
            else:
                name = base if len(numbers) == 1 else f"{base}_{rel_no}"
            out[(n_index, rel_no)] = name
    return out


# ---------------------------------------------------------------------- the reader
def read_pajek(
    path: str | os.PathLike,
    *,
    directed: bool | None = None,
    relation: str = "tie",
    duplicates: str = "error",
    self_ties: str = "error",
    max_actors: int | None = MAX_ACTORS,
) -> StakeholderNetwork:
    """Read a Pajek network (``.net``) or project (``.paj``).

    Parameters
    ----------
    path : path
        A Pajek file. Read are ``*Vertices`` (number, label, coordinates
        ``x y z``, shape, and parameters such as ``ic`` colour or
        ``x_fact``), ``*Arcs`` and ``*Edges`` (``source target value`` and
        line parameters such as ``c`` colour, ``w`` width, ``l`` label),
        ``*Arcslist`` and ``*Edgeslist`` (a vertex and its neighbours),
        ``*Matrix``; several relations in one network (``*Arcs :2
        "friendship"``, or ``2:`` before a line); and in a project several
        ``*Network`` sections, ``*Partition`` and ``*Vector``.
    directed : bool, optional
        None (default): directed when the file has arcs (``*Arcs``,
        ``*Arcslist``, ``*Matrix``), undirected when it has only edges. In a
        directed network each edge becomes two ties, one each way, with a
        warning. True/False force it.
    relation : str
        The relation of the ties of a single network whose lines name none.
    duplicates, self_ties
        As in :func:`systemsmap.from_frames` (Pajek allows repeated lines and
        loops; the default refuses them, naming the lines).
    max_actors : int or None, default 100,000
        A ``*Vertices n`` over this is refused before anything is built from
        it, since a few bytes can declare millions; None: no limit.

    Returns
    -------
    StakeholderNetwork
        Actors are the vertices, in number order. An actor's id is its label
        when every vertex has a distinct label (as Pajek files nearly always
        have), else the vertex number; ``label`` holds the label, trimmed.
        Vertex fields become actor columns: ``x``, ``y``, ``z`` (the
        coordinates, usable as a layout: ``plot.network_map(net,
        layout="xy")``), ``shape``, ``color`` (``ic``), ``border_color``
        (``bc``), ``size`` (``s_size``), ``mode`` (1 or 2, in a two-mode
        network ``*Vertices n m``) and other parameters under Pajek's names.
        Each ``*Partition`` (whole numbers) and ``*Vector`` (numbers) becomes
        an actor column named after it (a name that is a file path is
        shortened to the file's stem; Pajek's missing value 9999998 is
        missing). Ties carry ``relation``, ``weight`` (the line's value,
        default 1) and their parameters (``color``, ``width``, ``label``,
        ...). Several networks in a project become several relations, named
        after the networks (``UciNet\\KnokBur.dat : KNOKI`` -> ``KNOKI``), and
        their vertices are matched by id.

    Raises
    ------
    DataError
        Naming the file and line: a section Pajek does not have, a vertex
        number outside ``*Vertices``, a value that is not a number, a matrix
        row of the wrong length, a partition or vector whose length differs
        from the network's, a repeated line or a loop (unless allowed), a
        value that is not a positive weight; ``*Vertices n`` over
        ``max_actors`` (with ``DataError.options={"max_actors": n}``).
    OptionError
        If an option has a value it cannot take.

    Warns
    -----
    DataWarning
        Edges read both ways in a directed network; sections not read
        (``*Permutation``, ``*Cluster``, ``*Hierarchy``); a guessed encoding.

    References
    ----------
    Batagelj, V. and Mrvar, A. (1998). Pajek: program for large network
    analysis. *Connections* 21(2), 47-57. De Nooy, W., Mrvar, A. and
    Batagelj, V. (2018). *Exploratory Social Network Analysis with Pajek*,
    3rd ed., appendix (file formats). Cambridge University Press.
    https://doi.org/10.1017/9781108565691

    Examples
    --------
    >>> import tempfile, pathlib, systemsmap as sm
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "net.net"
    >>> _ = path.write_text('*Vertices 3\\n1 "Ann" 0.1 0.2\\n2 "Bob" 0.5 0.9\\n3 "Cy"\\n'
    ...                     '*Arcs :1 "advice"\\n1 2 2\\n2 3\\n*Arcs :2 "trust"\\n3 1\\n')
    >>> net = sm.read_pajek(path)
    >>> net.ties[["source", "target", "relation", "weight"]].values.tolist()
    [['Ann', 'Bob', 'advice', 2.0], ['Bob', 'Cy', 'advice', 1.0], ['Cy', 'Ann', 'trust', 1.0]]
    >>> net.actors[["x", "y"]].values.tolist()
    [[0.1, 0.2], [0.5, 0.9], [nan, nan]]
    """
    check_path("path", path)
    opts = check_reader_options(directed=directed, relation=relation, duplicates=duplicates, self_ties=self_ties,
                                max_actors=max_actors)
    p = Path(path)
    parser = _Parser(p.name, _read_text(p), opts["max_actors"])
    if not parser.nets or all(net.n is None for net in parser.nets):
        raise DataError("no *Vertices section", origin=p.name, expected="a Pajek network: *Vertices n, then *Arcs "
                                                                        "or *Edges")
    for net in parser.nets:
        if net.n is None:
            raise DataError(f"network {net.name!r} has no *Vertices section", origin=p.name, rows=[net.line],
                            row_word="line")
    if parser.skipped:
        warnings.warn(f"{p.name}: not read: {', '.join(f'{s} (line {k})' for s, k in parser.skipped)}; only "
                      "networks, partitions and vectors are", DataWarning, stacklevel=2)
    ids = [_vertex_ids(net) for net in parser.nets]
    actors, actor_lines = _actors(parser, ids)
    ties, is_directed = _ties(parser, ids, opts["relation"], opts["directed"])
    lines = ties.pop("_line").astype(int).tolist()
    return build_network(actors, ties, directed=is_directed, duplicates=opts["duplicates"],
                         self_ties=opts["self_ties"], lenient=("duplicates", "self_ties"),
                         actors_origin=Origin(p.name, rows=actor_lines, row_word="line"),
                         ties_origin=Origin(p.name, rows=lines, row_word="line"))


def _read_text(p: Path) -> str:
    if p.is_dir():
        raise DataError("is a folder", origin=str(p), expected="a Pajek .net or .paj file")
    if not p.exists():
        raise DataError("no such file", origin=str(p))
    raw = p.read_bytes()
    if is_binary(raw[:4096]):
        raise DataError("this is not a Pajek text file (it looks like a binary file)", origin=p.name)
    return decode(raw, origin=p.name)[0]


# ---------------------------------------------------------------------- writing
def _quote(text: str, what: str) -> str:
    if '"' in text or "\n" in text or "\r" in text:
        raise DataError("cannot be written in a Pajek file (it holds a double quote or a line break)", value=text,
                        column=what, suggestion="rename it")
    return f'"{text}"'


def _fmt(x: Any) -> str:
    x = float(x)
    return str(int(x)) if x.is_integer() and abs(x) < 1e15 else repr(x)


def write_pajek(net: StakeholderNetwork, path: str | os.PathLike) -> None:
    """Write a network as a Pajek network (``.net``) or, for a ``.paj`` path, a project.

    Parameters
    ----------
    net : StakeholderNetwork
    path : path
        A ``.net`` file holds the vertices (the actor ids as labels, with
        ``x``, ``y``, ``z``, ``shape``, ``color``, ``border_color`` and
        ``size`` when the actors have them) and the ties, one ``*Arcs``
        (directed) or ``*Edges`` (undirected) section per relation, named as
        Pajek names relations (``*Arcs :2 "trust"``), with each tie's weight
        and its ``color``, ``width`` and ``label``. A ``.paj`` project adds
        each actor column of whole numbers or true/false as a
        ``*Partition`` and each column of other numbers as a ``*Vector``.

    Raises
    ------
    DataError
        If an actor id or a relation holds a double quote or a line break,
        or a pair has more than one tie in one relation (one per wave, say:
        write one wave at a time with ``net.at(wave)``).

    Warns
    -----
    DataWarning
        Listing the actor and tie columns Pajek cannot carry (text columns
        such as ``role``, ``label`` when it differs from the id, ``wave``, ...).

    Notes
    -----
    :func:`read_pajek` on the file gives back the actors in order, the ties
    with their relation and weight, the direction and the columns written.
    Lines end in CRLF and text is UTF-8, as Pajek 5 and later read it.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd, systemsmap as sm
    >>> net = sm.from_frames(None, pd.DataFrame({"source": ["Ann", "Bob"], "target": ["Bob", "Cy"]}))
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "net.net"
    >>> sm.io.write_pajek(net, path)
    >>> print(path.read_text().replace("\\r", ""), end="")
    *Vertices 3
    1 "Ann"
    2 "Bob"
    3 "Cy"
    *Arcs
    1 2 1
    2 3 1
    >>> sm.read_pajek(path) == net
    True
    """
    check_path("path", path)
    project = Path(path).suffix.lower() == ".paj"
    _check_one_tie_per_pair(net)
    vectors, lost = _written_columns(net, project)
    out = (["*Network " + _quote(Path(path).stem, "name")[1:-1]] if project else []) + _vertex_lines(net)
    out += _tie_lines(net)
    for kind, column, values in vectors:
        out += [f"*{kind} {column}", f"*Vertices {len(values)}"] + values
    if lost:
        warnings.warn(f"Pajek keeps actor ids, ties, relations and weights"
                      f"{', and numbers as partitions and vectors' if project else ''}; not written: "
                      f"{'; '.join(lost)}", DataWarning, stacklevel=2)
    Path(path).write_bytes(("\r\n".join(out) + "\r\n").encode("utf-8"))


_VERTEX_OUT = [("shape", None), ("color", "ic"), ("border_color", "bc"), ("size", "s_size")]
_TIE_OUT = [("color", "c"), ("width", "w"), ("label", "l")]


def _vertex_lines(net: StakeholderNetwork) -> list[str]:
    a = net.actors
    coords = [c for c in ("x", "y", "z") if c in a.columns and pd.api.types.is_numeric_dtype(a[c])]
    out = [f"*Vertices {len(a)}"]
    for k, (vid, row) in enumerate(a.iterrows(), start=1):
        parts = [str(k), _quote(str(vid), "id")]
        xyz = [row[c] for c in coords]
        if coords[:2] == ["x", "y"] and not pd.isna(xyz[0]) and not pd.isna(xyz[1]):
            parts += [_fmt(v) for v in (xyz if len(xyz) == 3 and not pd.isna(xyz[2]) else xyz[:2])]
        for col, key in _VERTEX_OUT:
            if col in a.columns and not pd.isna(row[col]):
                value = str(row[col]) if not isinstance(row[col], (int, float, np.number)) else _fmt(row[col])
                parts.append(value if key is None else f"{key} {value}")
        out.append(" ".join(parts))
    return out


def _tie_lines(net: StakeholderNetwork) -> list[str]:
    t = net.ties
    position = {vid: k for k, vid in enumerate(net.ids, start=1)}
    relations = net.relations
    word = "*Arcs" if net.directed else "*Edges"
    out: list[str] = []
    for r_no, rel in enumerate(relations, start=1):
        out.append(word if relations == ["tie"] else f"{word} :{r_no} {_quote(str(rel), 'relation')}")
        for _, tie in t[t["relation"] == rel].iterrows():
            parts = [str(position[tie["source"]]), str(position[tie["target"]]), _fmt(tie["weight"])]
            for col, key in _TIE_OUT:
                if col in t.columns and not pd.isna(tie[col]):
                    value = tie[col]
                    parts.append(f"{key} {_quote(str(value), col) if isinstance(value, str) else _fmt(value)}")
            out.append(" ".join(parts))
    if not relations:
        out.append(word)
    return out


def _written_columns(net: StakeholderNetwork, project: bool) -> tuple[list[tuple[str, str, list[str]]], list[str]]:
    """The partitions and vectors a project holds, and what is not written (for the warning)."""
    a = net.actors
    vectors: list[tuple[str, str, list[str]]] = []
    lost_actors: list[str] = []
    vertex_cols = {"x", "y", "z"} | {c for c, _ in _VERTEX_OUT}
    for col in a.columns:
        s = a[col]
        if col == "label":
            if (s.astype(str) != pd.Series(net.ids, index=a.index)).any():
                lost_actors.append(col)
            continue
        if col in vertex_cols or (col == "role" and s.isna().all()):
            continue
        kind = _vector_kind(s) if project and str(col).strip() and "\n" not in str(col) else None
        if kind is None:
            if s.notna().any():
                lost_actors.append(col)
            continue
        values = ["9999998" if pd.isna(v) else (_fmt(int(v)) if kind == "Partition" else _fmt(v)) for v in s]
        vectors.append((kind, str(col), values))
    lost_ties = [c for c in net.ties.columns if c not in ("source", "target", "relation", "weight")
                 and c not in {c2 for c2, _ in _TIE_OUT}]
    lost = ([f"actor column(s) {', '.join(map(repr, lost_actors))}"] if lost_actors else []) + \
        ([f"tie column(s) {', '.join(map(repr, lost_ties))}"] if lost_ties else [])
    return vectors, lost


def _vector_kind(s: pd.Series) -> str | None:
    """``"Partition"`` for whole numbers or true/false, ``"Vector"`` for other numbers, None for the rest."""
    if pd.api.types.is_bool_dtype(s) or pd.api.types.is_integer_dtype(s):
        return "Partition"
    if pd.api.types.is_float_dtype(s):
        return "Vector"
    return None


def _check_one_tie_per_pair(net: StakeholderNetwork) -> None:
    t = net.ties
    key = t[["source", "target", "relation"]].copy()
    if not net.directed:
        a, b = key["source"].astype(str), key["target"].astype(str)
        key["source"], key["target"] = np.where(a <= b, a, b), np.where(a <= b, b, a)
    dup = key.duplicated(keep=False).to_numpy()
    if dup.any():
        first = int(np.flatnonzero(dup)[0])
        waves = " (one per wave; write one wave at a time with net.at(wave))" if "wave" in t.columns else ""
        raise DataError(f"{t['source'].iloc[first]!r} and {t['target'].iloc[first]!r} have more than one tie in "
                        f"{t['relation'].iloc[first]!r}{waves}; a Pajek network holds one line per pair and relation "
                        "here", origin="ties", rows=[int(k) + 1 for k in np.flatnonzero(dup)],
                        column="source/target")
