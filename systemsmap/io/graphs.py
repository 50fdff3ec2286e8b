"""Graph libraries and graph files: networkx, igraph, GraphML and GEXF.

Every converter keeps every actor, tie and attribute. What a target cannot
hold natively (the order of ties, nullable integer and boolean columns,
ordered categories such as wave order, dates) is recorded beside the graph in
a small JSON description (the graph attribute ``systemsmap``; in GEXF the
``<meta><description>``), so that reading back gives the same network. Graphs
made elsewhere, without that description, are read by what they hold.

XML is parsed with :mod:`defusedxml`: documents declaring entities (the
"billion laughs" expansion bomb, external entities that would read local
files) are refused with a :class:`~systemsmap.errors.DataError`.
"""
from __future__ import annotations

import contextlib
import json
import math
import os
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._check import check_bool, check_graph, check_path
from ..errors import DataError, DataWarning
from ..network import StakeholderNetwork
from ._graphics import viz_edge, viz_node, yed_edge, yed_node
from ._json import load_json
from ._types import apply_kinds, column_kinds
from ._validate import MAX_ATTRIBUTES, Origin, build_network, check_reader_options, over_limit

__all__ = ["to_networkx", "from_networkx", "to_igraph", "from_igraph",
           "read_graphml", "write_graphml", "read_gexf", "write_gexf"]

META_KEY = "systemsmap"
_CORE = ("id", "source", "target", "weight", "label", "role", "relation", "respondent")
_GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_GEXF_NS = "http://www.gexf.net/1.2draft"
_BAD_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# ---------------------------------------------------------------------- values
def _py(v: Any) -> Any:
    """A plain Python scalar, or None for any kind of missing value."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


def _pylist(s: pd.Series) -> list[Any]:
    return [_py(v) for v in s.astype(object).tolist()]


def _describe(net: StakeholderNetwork) -> dict[str, Any]:
    """What a graph format may lose: column order and exact types."""
    actors = net.actors
    ties = net.ties
    return {
        "format": "systemsmap", "version": 1, "directed": net.directed,
        "actor_columns": [str(c) for c in actors.columns],
        "tie_columns": [str(c) for c in ties.columns if c not in ("source", "target")],
        "actors_types": column_kinds(actors), "ties_types": column_kinds(ties),
        "actors_dtypes": {str(c): str(actors[c].dtype) for c in actors.columns},
        "ties_dtypes": {str(c): str(ties[c].dtype) for c in ties.columns},
    }


def _read_meta(value: Any) -> dict[str, Any] | None:
    if isinstance(value, dict):
        meta = value
    elif isinstance(value, str):
        try:
            meta = load_json(value, origin="the graph's description")
        except DataError:  # not ours, or damaged: the graph is read as it is
            return None
    else:
        return None
    return meta if isinstance(meta, dict) and meta.get("format") == "systemsmap" else None


def _kind_of(kind: Any) -> str:
    """The XML type (GraphML ``attr.type`` / GEXF ``type``) for a column kind."""
    if isinstance(kind, dict):
        cats = [c for c in kind.get("category", [])]
        if cats and all(isinstance(c, bool) for c in cats):
            return "boolean"
        if cats and all(isinstance(c, int) and not isinstance(c, bool) for c in cats):
            return "long"
        if cats and all(isinstance(c, float) for c in cats):
            return "double"
        return "string"
    return {"bool": "boolean", "boolean": "boolean", "int": "long", "Int64": "long",
            "float": "double"}.get(kind, "string")


def _restore(actors: pd.DataFrame, ties: pd.DataFrame, meta: dict[str, Any] | None, wave_order: Any,
             origins: tuple[Origin, Origin]) -> tuple[pd.DataFrame, pd.DataFrame, Any]:
    """Put columns back in their recorded order and types (a no-op without a description).

    A column holding a value that no longer fits its recorded type (the file
    edited since it was written) keeps the values read, with a warning naming
    the file, column and elements (:func:`~systemsmap.io._types.apply_kinds`).
    """
    if not meta:
        return actors, ties, wave_order
    out = []
    for (df, cols_key, kinds_key, dtypes_key, lead), origin in zip((
            (actors, "actor_columns", "actors_types", "actors_dtypes", ["id"]),
            (ties, "tie_columns", "ties_types", "ties_dtypes", ["source", "target"])), origins):
        cols = [c for c in dict.fromkeys(meta.get(cols_key, [])) if isinstance(c, str) and c not in lead]
        absent = [c for c in cols if c not in df.columns]
        if absent:  # all at once: a description may list thousands of columns
            df = pd.concat([df, pd.DataFrame({c: pd.Series([None] * len(df), index=df.index, dtype=object)
                                              for c in absent}, index=df.index)], axis=1)
        df = df[lead + cols + [c for c in df.columns if c not in lead and c not in cols]]
        kinds = meta.get(kinds_key, {})
        kinds = {c: k for c, k in kinds.items() if c not in _CORE and c in df.columns} if isinstance(kinds, dict) \
            else {}
        df = apply_kinds(df, kinds, origin, where="the graph's description")
        dtypes = meta.get(dtypes_key, {}) if isinstance(meta.get(dtypes_key), dict) else {}
        for c, kind in kinds.items():
            if kind == "datetime" and pd.api.types.is_datetime64_any_dtype(df[c]) \
                    and str(dtypes.get(c, "")).startswith("datetime64"):
                with contextlib.suppress(ValueError, TypeError):
                    df[c] = df[c].astype(dtypes[c])
        if "wave" in kinds and wave_order is None and isinstance(df["wave"].dtype, pd.CategoricalDtype) \
                and df["wave"].cat.ordered:
            wave_order = df["wave"].cat.categories.tolist()
        out.append(df)
    return out[0], out[1], wave_order


def _network(ids: list[Any], node_attrs: list[dict[str, Any]], ends: list[tuple[Any, Any]],
             edge_attrs: list[dict[str, Any]], *, directed: bool, meta: dict[str, Any] | None,
             name: str, node_rows: list[int] | None, edge_rows: list[int] | None, row_word: str,
             duplicates: str, self_ties: str, wave_order: Any, renamed: dict[str, str] | None = None
             ) -> StakeholderNetwork:
    """Tables from node and edge records, through the gate."""
    dropped: list[str] = []
    acols: dict[str, None] = {}
    for attrs in node_attrs:
        for k in attrs:
            acols.setdefault(k, None)
    tcols: dict[str, None] = {}
    for attrs in edge_attrs:
        for k in attrs:
            tcols.setdefault(k, None)
    if "id" in acols:
        del acols["id"]
        dropped.append("node attribute 'id' (the node's own id is used)")
    for reserved in ("source", "target"):
        if reserved in tcols:
            del tcols[reserved]
            dropped.append(f"edge attribute {reserved!r} (the edge's own end is used)")
    if dropped:
        warnings.warn(f"{name}: ignored {' and '.join(dropped)}", DataWarning, stacklevel=3)
    # each table built at once, as one block of cells (inserting columns one by one costs quadratic time)
    a_names = list(dict.fromkeys(["id", *(renamed.get(c, c) if renamed else c for c in acols)]))
    actors = pd.DataFrame([[str(i), *map(a.get, acols)] for i, a in zip(ids, node_attrs)],
                          columns=pd.Index(a_names, dtype=object), dtype=object) if len(a_names) == len(acols) + 1 \
        else _columns_frame(ids, acols, node_attrs, renamed)
    t_names = list(tcols)
    ties = pd.DataFrame([[str(s), str(t), *map(a.get, t_names)] for (s, t), a in zip(ends, edge_attrs)],
                        columns=pd.Index(["source", "target", *t_names], dtype=object), dtype=object)
    if "weight" in tcols:  # an edge without a weight weighs 1
        ties["weight"] = pd.Series([a.get("weight", 1.0) for a in edge_attrs], dtype=object)
    a_origin = Origin(name, rows=node_rows, row_word=row_word if node_rows else "node") if node_rows \
        else Origin(name, first_row=1, row_word="node")
    t_origin = Origin(name, rows=edge_rows, row_word=row_word) if edge_rows \
        else Origin(name, first_row=1, row_word="edge")
    actors, ties, wave_order = _restore(actors, ties, meta, wave_order, (a_origin, t_origin))
    return build_network(actors, ties, directed=directed, actors_origin=a_origin, ties_origin=t_origin,
                         duplicates=duplicates, self_ties=self_ties, wave_order=wave_order,
                         lenient=("duplicates", "self_ties"))


def _columns_frame(ids: list[Any], acols: Iterable[str], node_attrs: list[dict[str, Any]],
                   renamed: dict[str, str] | None) -> pd.DataFrame:
    """The actors table when ``renamed`` gives two attributes one name: the later one wins, as it always has."""
    cols: dict[Any, pd.Series] = {"id": pd.Series([str(i) for i in ids], dtype=object)}
    for c in acols:
        cols[renamed.get(c, c) if renamed else c] = pd.Series([a.get(c) for a in node_attrs], dtype=object)
    return pd.DataFrame(cols)


# ---------------------------------------------------------------------- networkx
def to_networkx(net: StakeholderNetwork, multigraph: bool | None = None):
    """The network as a networkx graph carrying every actor and tie attribute.

    Parameters
    ----------
    net : StakeholderNetwork
    multigraph : bool or None
        None (default): a ``MultiDiGraph`` / ``MultiGraph`` when some pair has
        more than one tie (several relations or waves), otherwise a
        ``DiGraph`` / ``Graph``. True or False force the choice; False with
        repeated pairs raises.

    Returns
    -------
    networkx.Graph, DiGraph, MultiGraph or MultiDiGraph
        Nodes are actor ids with the actor columns as attributes (missing
        values left out); edges carry every tie column but ``source`` and
        ``target``. In a multigraph the edge key is the tie's position in
        ``net.ties``. The graph attribute ``systemsmap`` (a JSON string)
        records column order, types and tie order for :func:`from_networkx`.

    Raises
    ------
    DataError
        If ``multigraph=False`` and a pair has more than one tie (naming the
        tie rows, counted from 1).
    OptionError
        If ``multigraph`` is not True, False or None.

    Examples
    --------
    >>> import pandas as pd, systemsmap as sm
    >>> net = sm.from_frames(pd.DataFrame({"id": ["a", "b"], "role": ["funder", "researcher"]}),
    ...                      pd.DataFrame({"source": ["a"], "target": ["b"], "weight": [2]}))
    >>> G = net.to_networkx()
    >>> type(G).__name__, G.nodes["a"]["role"], G.edges["a", "b"]["weight"]
    ('DiGraph', 'funder', 2.0)
    >>> sm.from_networkx(G) == net
    True
    """
    import networkx as nx

    multigraph = check_bool("multigraph", multigraph, allow_none=True)
    s, t = net._codes()
    a, b = (s, t) if net.directed else (np.minimum(s, t), np.maximum(s, t))
    repeated = pd.DataFrame({"a": a, "b": b}).duplicated(keep=False).to_numpy() if len(s) else np.zeros(0, bool)
    if multigraph is None:
        multigraph = bool(repeated.any())
    elif not multigraph and repeated.any():
        raise DataError("some pairs have more than one tie (several relations or waves), which a simple graph "
                        "cannot hold", origin="ties", rows=[int(k) + 1 for k in np.flatnonzero(repeated)],
                        column="source/target", options={"multigraph": True},
                        suggestion="use multigraph=True (or None), or pass a view such as net.layer(...)")
    cls = {(True, True): nx.MultiDiGraph, (True, False): nx.DiGraph,
           (False, True): nx.MultiGraph, (False, False): nx.Graph}[(net.directed, bool(multigraph))]
    G = cls()
    meta = _describe(net)
    actors = net.actors
    ids = net.ids.tolist()
    cols = [(str(c), _pylist(actors[c])) for c in actors.columns]
    G.add_nodes_from((i, {c: vals[k] for c, vals in cols if vals[k] is not None}) for k, i in enumerate(ids))
    ties = net.ties
    tcols = [(str(c), _pylist(ties[c])) for c in ties.columns if c not in ("source", "target")]
    src = ties["source"].tolist()
    tgt = ties["target"].tolist()
    attrs = [{c: vals[k] for c, vals in tcols if vals[k] is not None} for k in range(len(src))]
    if multigraph:
        G.add_edges_from((u, v, k, d) for k, (u, v, d) in enumerate(zip(src, tgt, attrs)))
        if not net.directed:
            meta["flipped"] = [k for u, v, k in G.edges(keys=True) if (u, v) != (src[k], tgt[k])]
    else:
        G.add_edges_from(zip(src, tgt, attrs))
        pos = {(u, v): k for k, (u, v) in enumerate(zip(src, tgt))}
        if not net.directed:
            pos.update({(v, u): k for (u, v), k in list(pos.items())})
        order = [pos[(u, v)] for u, v in G.edges()]
        if order != sorted(order):
            meta["edge_order"] = order
        if not net.directed:
            meta["flipped"] = [k for (u, v), k in zip(G.edges(), order) if (u, v) != (src[k], tgt[k])]
    G.graph[META_KEY] = json.dumps(meta, default=str)
    return G


def from_networkx(
    G,
    *,
    directed: bool | None = None,
    duplicates: str = "keep",
    self_ties: str = "error",
    wave_order: Iterable[Any] | None = None,
) -> StakeholderNetwork:
    """Build a network from a networkx graph of any of the four kinds.

    Parameters
    ----------
    G : networkx.Graph, DiGraph, MultiGraph or MultiDiGraph
        Nodes become actors (ids as text, ``str(node)``); node attributes
        become actor columns (``label`` and ``role`` are recognised, and the
        synonyms of :func:`~systemsmap.from_frames` apply). Edges become ties
        with their attributes (``weight``, 1 for an edge without one, as
        networkx's algorithms assume; ``relation``, default ``"tie"``); every
        edge of a multigraph is a separate tie.
    directed : bool, optional
        Default: ``G.is_directed()``.
    duplicates : {"keep", "sum", "error"}
        Edges repeating a pair, relation and wave (parallel edges in a
        multigraph, or both directions of a pair when ``directed=False`` is
        forced on a directed graph): kept as separate ties (default), merged
        with their weights summed, or an error.
    self_ties : {"error", "drop"}
        Self-loops: an error, or dropped with a warning.
    wave_order : sequence, optional
        The order of the ``wave`` values (default: as recorded by
        :func:`to_networkx`, else their natural order).

    Returns
    -------
    StakeholderNetwork

    Raises
    ------
    DataError
        Naming the node or edge (counted from 1 in ``G``'s order) and the
        attribute, for values the gate refuses (a weight that is not a
        positive number, a self-loop, ...).
    OptionError
        If ``G`` is not a networkx graph, or an option has a value it cannot
        take.

    Notes
    -----
    A graph made by :func:`to_networkx` carries a description (graph
    attribute ``systemsmap``) with which the same network comes back: column
    order, types, the order of ties, the wave order. If the graph's edges
    were changed since, the tie order is taken from ``G`` instead. Node
    attribute ``id`` and edge attributes ``source``/``target`` are ignored
    (with a warning): the node and the edge ends are used.

    Examples
    --------
    >>> import networkx as nx, systemsmap as sm
    >>> G = nx.karate_club_graph()
    >>> net = sm.from_networkx(G)
    >>> len(net), len(net.ties), net.directed
    (34, 78, False)
    """
    check_graph("G", G, "networkx")
    check_reader_options(directed=directed, duplicates=duplicates, self_ties=self_ties, wave_order=wave_order)
    meta = _read_meta(G.graph.get(META_KEY))
    ids = list(G.nodes())
    node_attrs = [{k: _py(v) for k, v in d.items() if _py(v) is not None} for _, d in G.nodes(data=True)]
    if G.is_multigraph():
        edges = list(G.edges(keys=True, data=True))
        keys = [k for _, _, k, _ in edges]
        if keys and all(isinstance(k, (int, np.integer)) and not isinstance(k, bool) for k in keys) \
                and len(set(keys)) == len(keys):
            edges.sort(key=lambda e: e[2])
        ends = [(u, v) for u, v, _, _ in edges]
        data = [d for _, _, _, d in edges]
        positions = [k for _, _, k, _ in edges]
    else:
        edges = list(G.edges(data=True))
        order = meta.get("edge_order") if meta else None
        if order is not None and sorted(order) == list(range(len(edges))):
            ranked = [None] * len(edges)
            for e, k in zip(edges, order):
                ranked[k] = e
            edges = ranked
        ends = [(u, v) for u, v, _ in edges]
        data = [d for _, _, d in edges]
        positions = list(range(len(edges)))
    flipped = set(meta.get("flipped", [])) if meta and not G.is_directed() else set()
    if flipped:
        ends = [(v, u) if k in flipped else (u, v) for (u, v), k in zip(ends, positions)]
    edge_attrs = [{k: _py(v) for k, v in d.items() if _py(v) is not None} for d in data]
    if directed is None:
        directed = G.is_directed()
    return _network(ids, node_attrs, ends, edge_attrs, directed=bool(directed), meta=meta,
                    name="networkx graph", node_rows=None, edge_rows=None, row_word="edge",
                    duplicates=duplicates, self_ties=self_ties,
                    wave_order=list(wave_order) if wave_order is not None else None)


# ---------------------------------------------------------------------- igraph
def to_igraph(net: StakeholderNetwork):
    """The network as an ``igraph.Graph``: every tie an edge, every attribute kept.

    Parameters
    ----------
    net : StakeholderNetwork

    Returns
    -------
    igraph.Graph
        Vertex ``i`` is actor ``net.ids[i]``, with vertex attribute ``name`` =
        id and one attribute per actor column (an actor column itself called
        ``name`` is stored as ``_name``); edge ``k`` is tie ``k`` with one
        attribute per tie column but ``source`` and ``target``. Missing values
        are None. Graph attributes: ``wave_order`` (the wave labels in order)
        when waves are ordered, and ``systemsmap`` (a JSON description of
        column order and types) for :func:`from_igraph`.

    See Also
    --------
    StakeholderNetwork.to_igraph : ``collapse=True`` gives the one-edge-per-pair
        graph the metrics use.

    Examples
    --------
    >>> import pandas as pd, systemsmap as sm
    >>> net = sm.from_frames(None, pd.DataFrame({"source": ["a", "a"], "target": ["b", "b"],
    ...                                          "relation": ["advice", "trust"]}))
    >>> g = net.to_igraph()
    >>> g.vs["name"], g.es["relation"]
    (['a', 'b'], ['advice', 'trust'])
    >>> sm.from_igraph(g) == net
    True
    """
    import igraph as ig

    s, t = net._codes()
    g = ig.Graph(n=len(net), edges=np.column_stack([s, t]).tolist() if len(s) else [], directed=net.directed)
    g.vs["name"] = [str(i) for i in net.ids]
    meta = _describe(net)
    actors = net.actors
    for c in actors.columns:
        attr = "_name" if str(c) == "name" else str(c)
        if attr == "_name":
            meta["renamed"] = {"_name": "name"}
        g.vs[attr] = _pylist(actors[c])
    ties = net.ties
    for c in ties.columns:
        if c not in ("source", "target"):
            g.es[str(c)] = _pylist(ties[c])
    if "wave" in ties.columns and isinstance(ties["wave"].dtype, pd.CategoricalDtype) and ties["wave"].dtype.ordered:
        g["wave_order"] = [_py(c) for c in ties["wave"].dtype.categories.tolist()]
    if not net.directed:
        meta["flipped"] = np.flatnonzero(s > t).tolist()  # igraph stores undirected edges low -> high
    g[META_KEY] = json.dumps(meta, default=str)
    return g


def from_igraph(
    g,
    *,
    directed: bool | None = None,
    duplicates: str = "keep",
    self_ties: str = "error",
    wave_order: Iterable[Any] | None = None,
) -> StakeholderNetwork:
    """Build a network from an ``igraph.Graph``.

    Parameters
    ----------
    g : igraph.Graph
        Vertex attribute ``name`` gives the actor id (``str(index)`` when
        absent or None); other vertex attributes become actor columns, edge
        attributes tie columns (``weight``, ``relation``, ``wave``, ...).
        Graph attribute ``wave_order`` orders the waves.
    directed : bool, optional
        Default: ``g.is_directed()``.
    duplicates, self_ties, wave_order
        As in :func:`from_networkx`.

    Returns
    -------
    StakeholderNetwork

    Raises
    ------
    DataError
        Naming the vertex or edge (counted from 1) and attribute of values the
        gate refuses.
    OptionError
        If ``g`` is not an ``igraph.Graph``, or an option has a value it
        cannot take.

    Examples
    --------
    >>> import igraph as ig, systemsmap as sm
    >>> g = ig.Graph([(0, 1), (1, 2)], directed=True)
    >>> list(sm.from_igraph(g).ids)
    ['0', '1', '2']
    """
    check_graph("g", g, "igraph")
    check_reader_options(directed=directed, duplicates=duplicates, self_ties=self_ties, wave_order=wave_order)
    meta = _read_meta(g[META_KEY]) if META_KEY in g.attributes() else None
    vattrs = g.vs.attributes()
    names = g.vs["name"] if "name" in vattrs else [None] * g.vcount()
    ids = [str(k) if _py(v) is None else str(v) for k, v in enumerate(names)]
    cols = {a: [_py(v) for v in g.vs[a]] for a in vattrs if a != "name"}
    node_attrs = [{a: vals[k] for a, vals in cols.items() if vals[k] is not None} for k in range(g.vcount())]
    ecols = {a: [_py(v) for v in g.es[a]] for a in g.es.attributes()}
    edge_attrs = [{a: vals[k] for a, vals in ecols.items() if vals[k] is not None} for k in range(g.ecount())]
    ends = [(ids[u], ids[v]) for u, v in g.get_edgelist()]
    flipped = set(meta.get("flipped", [])) if meta and not g.is_directed() else set()
    if flipped:
        ends = [(v, u) if k in flipped else (u, v) for k, (u, v) in enumerate(ends)]
    if wave_order is None and "wave_order" in g.attributes() and g["wave_order"] is not None:
        wave_order = g["wave_order"]
    return _network(ids, node_attrs, ends, edge_attrs,
                    directed=g.is_directed() if directed is None else bool(directed), meta=meta,
                    name="igraph graph", node_rows=None, edge_rows=None, row_word="edge",
                    duplicates=duplicates, self_ties=self_ties,
                    wave_order=list(wave_order) if wave_order is not None else None,
                    renamed=(meta or {}).get("renamed"))


# ---------------------------------------------------------------------- safe XML
class _Xml:
    """A parsed XML document: its root, its file name and the line of each element, for messages."""

    def __init__(self, root: Any, lines: dict[int, int], name: str):
        self.root = root
        self.lines = lines
        self.name = name

    def line(self, el: Any, default: int = 0) -> int:
        return self.lines.get(id(el), default)

    def error(self, at: Any, problem: str, **fields: Any) -> DataError:
        """A :class:`DataError` at the line of element ``at`` (or at line ``at``, or the whole file for None)."""
        line = at if isinstance(at, int) or at is None else self.line(at)
        return DataError(problem, origin=self.name, rows=[line] if line else [], row_word="line", **fields)


def _parse_xml(path: str | os.PathLike, root_tag: str) -> _Xml:
    """Parse an XML file safely, recording the line of every element; its root must be ``<root_tag>``."""
    import xml.etree.ElementTree as ET

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import DefusedXMLParser

    p = Path(path)
    if p.is_dir():
        raise DataError("is a folder", origin=str(p), expected="an XML file")
    if not p.exists():
        raise DataError("no such file", origin=str(p))
    name = p.name
    lines: dict[int, int] = {}
    builder = ET.TreeBuilder()

    class _Target:
        def start(self, tag, attrib):
            el = builder.start(tag, attrib)
            lines[id(el)] = parser.parser.CurrentLineNumber
            return el

        def end(self, tag):
            return builder.end(tag)

        def data(self, text):
            builder.data(text)

        def close(self):
            return builder.close()

    parser = DefusedXMLParser(target=_Target())
    try:
        with open(p, "rb") as fh:
            head = fh.read(1 << 16)
            if not head.strip():
                raise DataError("the file is empty", origin=name, expected="an XML document")
            parser.feed(head)
            while chunk := fh.read(1 << 20):
                parser.feed(chunk)
        root = parser.close()
    except DefusedXmlException as exc:
        raise DataError(f"refused to read an XML document that declares entities or refers to external resources "
                        f"({type(exc).__name__}: {exc}); such declarations can expand without limit or read local "
                        "files", origin=name, suggestion="export the graph again without a DTD") from None
    except ET.ParseError as exc:
        line, _ = getattr(exc, "position", (0, 0))
        raise DataError(f"not well-formed XML ({exc})", origin=name, rows=[line] if line else [], row_word="line",
                        expected=f"a {'GraphML' if root_tag == 'graphml' else 'GEXF'} document") from None
    xml = _Xml(root, lines, name)
    if _local(root.tag) != root_tag:
        raise xml.error(xml.line(root, 1), f"the document is <{_local(root.tag)}>, not <{root_tag}>",
                        expected=f"a {'GraphML' if root_tag == 'graphml' else 'GEXF'} file")
    return xml


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _convert(text: str | None, kind: str, attr: str, xml: _Xml, at: Any, where: str | None = None) -> Any:
    """An attribute value of the declared XML type (``boolean``, ``long``, ``double``, ... or text)."""
    kind = (kind or "string").lower()
    raw = "" if text is None else text
    within = f" in {where}" if where else ""
    if kind == "boolean":
        key = raw.strip().lower()
        if key in ("true", "1", "yes"):
            return True
        if key in ("false", "0", "no"):
            return False
        raise xml.error(at, f"is not true/false{within} (declared boolean)", column=attr, value=raw)
    if kind in ("int", "long", "integer", "short", "byte"):
        try:
            return int(raw.strip())
        except ValueError:
            try:
                x = float(raw.strip())
            except ValueError:
                x = math.nan
            if math.isfinite(x) and x.is_integer():
                return int(x)
            raise xml.error(at, f"is not a whole number{within} (declared {kind})", column=attr, value=raw) from None
    if kind in ("float", "double"):
        try:
            return float(raw.strip())
        except ValueError:
            raise xml.error(at, f"is not a number{within} (declared {kind})", column=attr, value=raw) from None
    return raw


@dataclass
class _Records:
    """Nodes and edges read from a graph file, with the line of each and the directions its edges declare."""

    ids: list[str] = field(default_factory=list)
    node_attrs: list[dict[str, Any]] = field(default_factory=list)
    node_rows: list[int] = field(default_factory=list)
    ends: list[tuple[str, str]] = field(default_factory=list)
    edge_attrs: list[dict[str, Any]] = field(default_factory=list)
    edge_rows: list[int] = field(default_factory=list)
    kinds: set[bool] = field(default_factory=set)
    #: GraphML: the groups (node id -> label, enclosing path, data, line), each node's path, each edge's yEd look
    groups: dict[str, tuple[str, tuple[str, ...], dict[str, Any], int]] = field(default_factory=dict)
    paths: list[tuple[str, ...]] = field(default_factory=list)
    edge_looks: list[dict[str, Any]] = field(default_factory=list)

    def direction(self, directed: bool | None, meta: dict[str, Any] | None, default: bool, xml: _Xml,
                  graph: Any) -> bool:
        """As asked; else as our description records; else the edges' own (a mix is an error); else the default."""
        if directed is not None:
            return bool(directed)
        if meta is not None and "directed" in meta:
            return bool(meta["directed"])
        if len(self.kinds) > 1:
            raise xml.error(graph, "the graph mixes directed and undirected edges",
                            suggestion="pass directed=True or directed=False to choose", options={"directed": False})
        return self.kinds.pop() if self.kinds else default

    def network(self, directed: bool, meta: dict[str, Any] | None, xml: _Xml, duplicates: str,
                self_ties: str) -> StakeholderNetwork:
        return _network(self.ids, self.node_attrs, self.ends, self.edge_attrs, directed=directed, meta=meta,
                        name=xml.name, node_rows=self.node_rows, edge_rows=self.edge_rows, row_word="line",
                        duplicates=duplicates, self_ties=self_ties, wave_order=None)


def _xml_text(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, pd.Timestamp):
        return v.isoformat()
    return str(v)


def _esc(text: str, attr: bool = False) -> str:
    if _BAD_XML_CHARS.search(text):
        ch = _BAD_XML_CHARS.search(text).group()
        raise DataError(f"holds the control character U+{ord(ch):04X}, which XML cannot carry", value=text,
                        suggestion="remove it before writing GraphML or GEXF")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    if attr:
        text = text.replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
    return text


def _xml_columns(df: pd.DataFrame, skip: tuple[str, ...]) -> list[tuple[str, str, list[Any]]]:
    kinds = column_kinds(df)
    return [(str(c), _kind_of(kinds[str(c)]), _pylist(df[c])) for c in df.columns if c not in skip]


def _guess_ids(ids: list[str], node_attrs: list[dict[str, Any]], meta: dict | None) -> tuple[list[str], str | None]:
    """igraph and yEd write ids ``n0, n1, ...`` (yEd ``n1::n0`` inside groups) and keep the names in a ``name``
    attribute or a drawn label: use those when every node has one and they differ (which key, else None)."""
    if meta or not ids or not all(re.fullmatch(r"n[0-9]+(::n[0-9]+)*", i) for i in ids):
        return ids, None
    for key in ("name", "label"):
        names = [a.get(key) for a in node_attrs]
        if all(isinstance(v, str) and v.strip() for v in names) and len(set(names)) == len(names):
            return [str(v) for v in names], key
    return ids, None


# ---------------------------------------------------------------------- GraphML
def write_graphml(net: StakeholderNetwork, path: str | os.PathLike) -> None:
    """Write the network as GraphML, keeping every actor, tie and attribute.

    Parameters
    ----------
    net : StakeholderNetwork
    path : path

    Raises
    ------
    DataError
        If a text value holds a control character XML cannot carry.

    Notes
    -----
    Nodes are written in actor order with id = actor id, edges in tie order.
    Columns become ``<key>`` declarations typed ``boolean``, ``long``,
    ``double`` or ``string`` (categories and dates as text); a missing value
    is an absent ``<data>``. A graph-level ``systemsmap`` key holds a JSON
    description (column order, exact types, wave order) so that
    :func:`read_graphml` gives back the same network; other programs
    (Gephi, yEd, networkx, igraph) read the file as ordinary GraphML.

    What cannot be kept: a column mixing types (numbers and text in one
    column, which a table only gets by hand) comes back as text, since a
    GraphML key has one type; text holding control characters other than
    tab, newline and carriage return cannot be written at all.

    References
    ----------
    Brandes, U., Eiglsperger, M., Herman, I., Himsolt, M. and Marshall, M. S.
    (2002). GraphML progress report: structural layer proposal. *Graph
    Drawing 2001*, LNCS 2265, 501-512. https://doi.org/10.1007/3-540-45848-4_59

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd, systemsmap as sm
    >>> net = sm.from_frames(pd.DataFrame({"id": ["a", "b"], "age": [30, None]}),
    ...                      pd.DataFrame({"source": ["a"], "target": ["b"]}))
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "net.graphml"
    >>> net.to_graphml(path)
    >>> sm.read_graphml(path) == net
    True
    """
    actors = net.actors.reset_index()
    ties = net.ties
    acols = _xml_columns(actors, ("id",))
    tcols = _xml_columns(ties, ("source", "target"))
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<graphml xmlns="{_GRAPHML_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           f'xsi:schemaLocation="{_GRAPHML_NS} {_GRAPHML_NS}/1.0/graphml.xsd">',
           f'  <key id="g0" for="graph" attr.name="{META_KEY}" attr.type="string"/>']
    for k, (c, kind, _) in enumerate(acols):
        out.append(f'  <key id="n{k}" for="node" attr.name="{_esc(c, True)}" attr.type="{kind}"/>')
    for k, (c, kind, _) in enumerate(tcols):
        out.append(f'  <key id="e{k}" for="edge" attr.name="{_esc(c, True)}" attr.type="{kind}"/>')
    out.append(f'  <graph id="G" edgedefault="{"directed" if net.directed else "undirected"}">')
    out.append(f'    <data key="g0">{_esc(json.dumps(_describe(net), default=str))}</data>')
    ids = actors["id"].tolist()
    for i, node in enumerate(ids):
        data = "".join(f'<data key="n{k}">{_esc(_xml_text(vals[i]))}</data>'
                       for k, (_, _, vals) in enumerate(acols) if vals[i] is not None)
        out.append(f'    <node id="{_esc(str(node), True)}">{data}</node>')
    src, tgt = ties["source"].tolist(), ties["target"].tolist()
    for i in range(len(src)):
        data = "".join(f'<data key="e{k}">{_esc(_xml_text(vals[i]))}</data>'
                       for k, (_, _, vals) in enumerate(tcols) if vals[i] is not None)
        out.append(f'    <edge source="{_esc(str(src[i]), True)}" '
                   f'target="{_esc(str(tgt[i]), True)}">{data}</edge>')
    out += ["  </graph>", "</graphml>", ""]
    Path(path).write_text("\n".join(out), encoding="utf-8")


def read_graphml(
    path: str | os.PathLike,
    *,
    directed: bool | None = None,
    duplicates: str = "keep",
    self_ties: str = "error",
    max_attributes: int | None = MAX_ATTRIBUTES,
) -> StakeholderNetwork:
    """Read a GraphML file.

    Parameters
    ----------
    path : path
    directed : bool, optional
        Default: the graph's ``edgedefault`` and the edges' ``directed``
        flags (a mix of directed and undirected edges is an error unless this
        is given).
    duplicates : {"keep", "sum", "error"}
        Parallel edges with the same relation and wave: separate ties
        (default), merged with summed weights, or an error.
    self_ties : {"error", "drop"}
        Self-loops: an error or dropped with a warning.
    max_attributes : int or None, default 1,000
        A file declaring more attributes (``<key>`` elements, yEd's graphics
        aside) is refused before any node is read; None: no limit (reading
        takes time in proportion to the file either way).

    Returns
    -------
    StakeholderNetwork
        Node ids are actor ids (but when every id is of the generated form
        ``n0, n1, ...`` (``n1::n0`` inside groups) and the nodes have unique
        ``name`` attributes, as igraph writes them, or unique drawn labels,
        as yEd writes them, those are used); node data become actor
        columns, edge data tie columns, typed as their ``<key>`` declares,
        with declared defaults filled in.

        yEd's graphics give actor columns ``label`` (the drawn label),
        ``color`` (fill, ``#RRGGBB``), ``shape``, ``x`` and ``y`` (the
        centre of the node, with yEd's downward y negated so that the
        picture keeps its orientation; usable as ``layout="xy"`` in the
        maps), and tie columns ``color`` and ``width``. An edge's drawn label
        is its ``relation`` when no edge carries a ``relation`` attribute
        (edges without a label are then ``"tie"``). A node holding a graph (a
        yEd group or folder, a nested GraphML graph) is not an actor: the
        nodes inside it get its label (or ``name``, or id) as ``group``, and,
        when groups nest, ``group_path`` (``"Health sector > Primary
        care"``); a group node that a tie ends at is also an actor, with a
        warning.

    Raises
    ------
    DataError
        Naming the file, line, node or edge and attribute (as ``column``): a
        document that declares entities (refused for safety), XML that is not
        well formed, a root that is not ``<graphml>``, undeclared keys, values
        that do not match their declared type, hyperedges, two keys giving
        the same elements one attribute name, more keys than
        ``max_attributes`` (with ``DataError.options={"max_attributes": n}``),
        and whatever the gate refuses (an edge naming an unknown node is an
        :class:`~systemsmap.errors.UnknownActorError`, bad weights, ...).
    OptionError
        If an option has a value it cannot take.

    Notes
    -----
    Only the first top-level ``<graph>`` is read (with the graphs nested in
    it). A file written by :func:`write_graphml` reads back exactly.

    Examples
    --------
    >>> import tempfile, pathlib, systemsmap as sm
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "g.graphml"
    >>> _ = path.write_text('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
    ...     '<key id="w" for="edge" attr.name="weight" attr.type="double"/>'
    ...     '<graph edgedefault="undirected"><node id="a"/><node id="b"/>'
    ...     '<edge source="a" target="b"><data key="w">2.5</data></edge></graph></graphml>')
    >>> net = sm.read_graphml(path)
    >>> net.directed, net.ties["weight"].tolist()
    (False, [2.5])
    """
    check_path("path", path)
    opts = check_reader_options(directed=directed, duplicates=duplicates, self_ties=self_ties,
                                max_attributes=max_attributes)
    xml = _parse_xml(path, "graphml")
    keys = _graphml_keys(xml, opts["max_attributes"])
    graphs = [el for el in xml.root if _local(el.tag) == "graph"]
    if not graphs:
        raise xml.error(None, "no <graph> element", expected="a GraphML document with one graph")
    graph = graphs[0]
    edgedefault = graph.get("edgedefault", "directed").lower()
    if edgedefault not in ("directed", "undirected"):
        raise xml.error(graph, "is not an edgedefault", value=edgedefault, expected="'directed' or 'undirected'")
    meta = None
    for el in graph:
        if _local(el.tag) == "data" and el.get("key") in keys and keys[el.get("key")][1] == META_KEY:
            meta = _read_meta(el.text)
    rec = _graphml_elements(graph, keys, edgedefault, xml, _graphml_defaults(keys))
    _flatten_groups(rec, xml)
    old = list(rec.ids)
    rec.ids, by_name = _guess_ids(rec.ids, rec.node_attrs, meta)
    if by_name:
        lookup = dict(zip(old, rec.ids))
        rec.ends = [(lookup.get(s, s), lookup.get(t, t)) for s, t in rec.ends]
        if by_name == "name":  # a drawn label used as the id stays the label too
            for a in rec.node_attrs:
                a.pop("name", None)
    directed = rec.direction(opts["directed"], meta, edgedefault == "directed", xml, graph)
    return rec.network(directed, meta, xml, opts["duplicates"], opts["self_ties"])


def _graphml_keys(xml: _Xml, max_attributes: int | None) -> dict[str, tuple[str, str, str, Any]]:
    """The declared ``<key>`` elements: ``{id: (for, name, type, default)}`` (yFiles graphics typed ``yfiles``).

    Raises
    ------
    DataError
        At the line of a ``<key>`` without an id, of one whose name a key for
        the same elements already has, or of the first past ``max_attributes``.
    """
    keys: dict[str, tuple[str, str, str, Any]] = {}
    named: dict[tuple[str, str], tuple[str, int]] = {}  # (for, name) -> (id, line)
    count = 0
    for el in xml.root:
        if _local(el.tag) != "key":
            continue
        kid = el.get("id")
        if kid is None:
            raise xml.error(el, "a <key> without an id")
        if el.get("yfiles.type") is not None:  # yEd's graphics: read by _graphics, named by their yfiles type
            keys[kid] = (el.get("for", "all"), el.get("yfiles.type"), "yfiles", None)
            continue
        count += 1
        if max_attributes is not None and count > max_attributes:
            total = sum(1 for k in xml.root if _local(k.tag) == "key" and k.get("yfiles.type") is None)
            raise over_limit("attributes", total, max_attributes, "max_attributes", origin=xml.name,
                             rows=[xml.line(el)], row_word="line")
        kfor, kname, ktype = el.get("for", "all"), el.get("attr.name") or kid, el.get("attr.type", "string")
        for scope in (("node", "edge") if kfor == "all" else (kfor,)):
            for other in (scope, "all"):
                if (other, kname) in named:
                    first, line = named[(other, kname)]
                    raise xml.error(el, f"is the name of two <key> elements for {scope}s (ids {first!r} and "
                                        f"{kid!r}; the first at line {line})", column=kname, value=kname,
                                    suggestion="give each attribute its own attr.name")
        named[(kfor, kname)] = (kid, xml.line(el))
        default = None
        for child in el:
            if _local(child.tag) == "default":
                default = _convert(child.text, ktype, kname, xml, xml.line(child) or xml.line(el))
        keys[kid] = (kfor, kname, ktype, default)
    return keys


def _graphml_defaults(keys: dict[str, tuple[str, str, str, Any]]) -> dict[str, list[tuple[str, Any]]]:
    """The declared defaults of node and of edge data, ``{scope: [(name, default), ...]}``, found once."""
    out: dict[str, list[tuple[str, Any]]] = {"node": [], "edge": []}
    for kfor, kname, ktype, default in keys.values():
        if default is not None and ktype != "yfiles":
            for scope in out:
                if kfor in (scope, "all"):
                    out[scope].append((kname, default))
    return out


def _graphml_data(el: Any, scope: str, where: str, keys: dict[str, tuple[str, str, str, Any]],
                  xml: _Xml, defaults: dict[str, list[tuple[str, Any]]]) -> dict[str, Any]:
    """The ``<data>`` of a node or an edge, typed as declared, with the declared defaults filled in."""
    out: dict[str, Any] = {}
    for child in el:
        tag = _local(child.tag)
        if tag != "data":  # a nested <graph> is walked by _graphml_elements
            continue
        kid = child.get("key")
        if kid not in keys:
            raise xml.error(child, f"is a data key of {where} that no <key> element declares", value=kid)
        kfor, kname, ktype, _ = keys[kid]
        if ktype == "yfiles":
            continue
        if kfor not in (scope, "all"):
            raise xml.error(child, f"is a data key of {where} declared for {kfor}s, not {scope}s", value=kid,
                            column=kname)
        out[kname] = _convert(child.text, ktype, kname, xml, child, where)
    for kname, default in defaults[scope]:
        if kname not in out:
            out[kname] = default
    return out


def _graphml_elements(graph: Any, keys: dict[str, tuple[str, str, str, Any]], edgedefault: str,
                      xml: _Xml, defaults: dict[str, list[tuple[str, Any]]], rec: _Records | None = None,
                      path: tuple[str, ...] = ()) -> _Records:
    """The nodes and edges of a ``<graph>`` and of the graphs nested in it, each with its data and line.

    A node holding a graph (a yEd group or folder, a GraphML hypernode) is
    not read as an actor: its label names the group of the nodes inside
    (``path``, outermost first), recorded in ``rec.groups``.
    """
    rec = rec if rec is not None else _Records()
    for el in graph:
        tag = _local(el.tag)
        line = xml.line(el)
        if tag == "node":
            nid = el.get("id")
            if nid is None:
                raise xml.error(el, "a <node> without an id")
            attrs = _graphml_data(el, "node", f"node {nid!r}", keys, xml, defaults)
            for k, v in yed_node(el, keys).items():
                attrs.setdefault(k, v)
            inner = [g for g in el if _local(g.tag) == "graph"]
            if inner:
                name = str(attrs.get("label") or attrs.get("name") or nid)
                rec.groups[nid] = (name, path, attrs, line)
                for g in inner:
                    _graphml_elements(g, keys, g.get("edgedefault", edgedefault).lower(), xml, defaults, rec,
                                      path + (name,))
                continue
            rec.ids.append(nid)
            rec.node_attrs.append(attrs)
            rec.node_rows.append(line)
            rec.paths.append(path)
        elif tag == "edge":
            s, t = el.get("source"), el.get("target")
            if s is None or t is None:
                raise xml.error(el, f"an <edge> without a {'source' if s is None else 'target'}")
            flag = el.get("directed")
            if flag is not None and flag.lower() not in ("true", "false"):
                raise xml.error(el, f"is not a directed= flag (edge {s!r} -> {t!r})", value=flag,
                                expected="true or false")
            rec.kinds.add(edgedefault == "directed" if flag is None else flag.lower() == "true")
            rec.ends.append((s, t))
            attrs = _graphml_data(el, "edge", f"edge {s!r} -> {t!r}", keys, xml, defaults)
            rec.edge_looks.append(yed_edge(el, keys))
            rec.edge_attrs.append(attrs)
            rec.edge_rows.append(line)
        elif tag == "hyperedge":
            raise xml.error(el, "a <hyperedge>; hyperedges are not supported")
    return rec


def _flatten_groups(rec: _Records, xml: _Xml) -> None:
    """Members get their group's label as ``group`` (and ``group_path`` when groups nest); a group node that a
    tie ends at is kept as an actor too, with a warning; yEd edge labels become relations where none is given."""
    ends = {e for pair in rec.ends for e in pair}
    tied_groups = [g for g in rec.groups if g in ends and g not in set(rec.ids)]
    for gid in tied_groups:
        name, path, attrs, line = rec.groups[gid]
        rec.ids.append(gid)
        rec.node_attrs.append(dict(attrs))
        rec.node_rows.append(line)
        rec.paths.append(path)
    if tied_groups:
        warnings.warn(f"{xml.name}: group node(s) {', '.join(repr(rec.groups[g][0]) for g in tied_groups)} have ties "
                      "of their own, so each is also read as an actor", DataWarning, stacklevel=4)
    nested = any(len(p) > 1 for p in rec.paths)
    for attrs, path in zip(rec.node_attrs, rec.paths):
        if path:
            attrs.setdefault("group" if "group" not in attrs else "yed_group", path[-1])
            if nested:
                attrs.setdefault("group_path", " > ".join(path))
    named = any("relation" in a for a in rec.edge_attrs)
    labelled = any("label" in look for look in rec.edge_looks)
    for attrs, look in zip(rec.edge_attrs, rec.edge_looks):
        look = dict(look)
        if labelled and not named:
            attrs["relation"] = look.pop("label", "tie")
        for k, v in look.items():
            attrs.setdefault(k, v)


# ---------------------------------------------------------------------- GEXF
def write_gexf(net: StakeholderNetwork, path: str | os.PathLike) -> None:
    """Write the network as GEXF 1.2 (Gephi's format), keeping every actor, tie and attribute.

    Parameters
    ----------
    net : StakeholderNetwork
    path : path

    Raises
    ------
    DataError
        If a text value holds a control character XML cannot carry.

    Notes
    -----
    Nodes carry ``id`` = actor id and ``label`` = the ``label`` column; edges
    carry ``weight``; every other column is a declared attribute (``boolean``,
    ``long``, ``double`` or ``string``) with one ``<attvalue>`` per present
    value. ``defaultedgetype`` gives the direction. The ``<meta>``
    ``<description>`` holds the JSON description that lets
    :func:`read_gexf` give back the same network (column order, exact types,
    wave order). As in GraphML, a column mixing numbers and text comes back
    as text.

    References
    ----------
    GEXF Working Group (2009). GEXF 1.2draft Primer. https://gexf.net/

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd, systemsmap as sm
    >>> net = sm.from_frames(pd.DataFrame({"id": ["a", "b"], "role": ["funder", None]}),
    ...                      pd.DataFrame({"source": ["a"], "target": ["b"], "weight": [3]}))
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "net.gexf"
    >>> net.to_gexf(path)
    >>> sm.read_gexf(path) == net
    True
    """
    from .. import __version__

    actors = net.actors.reset_index()
    ties = net.ties
    acols = _xml_columns(actors, ("id", "label"))
    tcols = _xml_columns(ties, ("source", "target", "weight"))
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<gexf xmlns="{_GEXF_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           f'xsi:schemaLocation="{_GEXF_NS} {_GEXF_NS}/gexf.xsd" version="1.2">',
           f"  <meta><creator>systemsmap {__version__}</creator>"
           f"<description>{_esc(json.dumps(_describe(net), default=str))}</description></meta>",
           f'  <graph defaultedgetype="{"directed" if net.directed else "undirected"}" mode="static">']
    for cls, cols in (("node", acols), ("edge", tcols)):
        out.append(f'    <attributes class="{cls}" mode="static">')
        out += [f'      <attribute id="{k}" title="{_esc(c, True)}" type="{kind}"/>'
                for k, (c, kind, _) in enumerate(cols)]
        out.append("    </attributes>")

    def attvalues(cols, i) -> str:
        vals = "".join(f'<attvalue for="{k}" value="{_esc(_xml_text(v[i]), True)}"/>'
                       for k, (_, _, v) in enumerate(cols) if v[i] is not None)
        return f"<attvalues>{vals}</attvalues>" if vals else ""

    out.append("    <nodes>")
    labels = _pylist(actors["label"])
    for i, node in enumerate(actors["id"].tolist()):
        out.append(f'      <node id="{_esc(str(node), True)}" label="{_esc(str(labels[i]), True)}">'
                   f"{attvalues(acols, i)}</node>")
    out.append("    </nodes>")
    out.append("    <edges>")
    src, tgt, w = ties["source"].tolist(), ties["target"].tolist(), ties["weight"].tolist()
    for i in range(len(src)):
        out.append(f'      <edge id="{i}" source="{_esc(str(src[i]), True)}" target="{_esc(str(tgt[i]), True)}" '
                   f'weight="{float(w[i])!r}">{attvalues(tcols, i)}</edge>')
    out += ["    </edges>", "  </graph>", "</gexf>", ""]
    Path(path).write_text("\n".join(out), encoding="utf-8")


def read_gexf(
    path: str | os.PathLike,
    *,
    directed: bool | None = None,
    duplicates: str = "keep",
    self_ties: str = "error",
    max_attributes: int | None = MAX_ATTRIBUTES,
) -> StakeholderNetwork:
    """Read a GEXF file (Gephi's format, versions 1.1 to 1.3).

    Parameters
    ----------
    path : path
    directed : bool, optional
        Default: ``defaultedgetype`` and each edge's ``type`` (``mutual``
        counts as undirected); a mix is an error unless this is given.
    duplicates, self_ties, max_attributes
        As in :func:`read_graphml` (``max_attributes`` counts the
        ``<attribute>`` declarations of nodes and edges).

    Returns
    -------
    StakeholderNetwork
        Node ``id`` is the actor id and node ``label`` the ``label`` column;
        edge ``weight`` is the weight (default 1), edge ``label`` and ``kind``
        become tie columns of those names; declared attributes become
        columns, typed as declared, with declared defaults filled in.
        Gephi's visual attributes become columns too: ``viz:color`` as
        ``color`` (``#RRGGBB``, ``#RRGGBBAA`` when not opaque),
        ``viz:size`` as ``size``, ``viz:shape`` as ``shape``,
        ``viz:position`` as ``x``, ``y`` (and ``z`` unless every node's is
        0), usable as ``layout="xy"`` in the maps; on edges ``viz:color`` as
        ``color``, ``viz:thickness`` as ``width``, ``viz:shape`` as
        ``shape``. A declared attribute of the same name keeps the name, and
        the visual one is prefixed ``viz_``.

    Raises
    ------
    DataError
        Naming the file, line, node or edge and attribute (as ``column``): a
        document that declares entities (refused for safety), malformed XML,
        a root that is not ``<gexf>``, attribute values not of their declared
        type, references to undeclared attributes, two attributes of one
        class with one title, more attributes than ``max_attributes``,
        dynamic attributes holding several values over time, nested nodes,
        and whatever the gate refuses.
    OptionError
        If an option has a value it cannot take.

    Notes
    -----
    Time spells are ignored; the ``networkx_key`` attribute networkx writes for multigraph
    keys is dropped. A file written by :func:`write_gexf` reads back exactly.

    Examples
    --------
    >>> import tempfile, pathlib, systemsmap as sm
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "g.gexf"
    >>> _ = path.write_text('<gexf version="1.2"><graph defaultedgetype="directed"><nodes>'
    ...     '<node id="0" label="Ann"/><node id="1" label="Bob"/></nodes>'
    ...     '<edges><edge id="0" source="0" target="1" weight="2"/></edges></graph></gexf>')
    >>> net = sm.read_gexf(path)
    >>> net.actors["label"].tolist(), net.ties["weight"].tolist()
    (['Ann', 'Bob'], [2.0])
    """
    check_path("path", path)
    opts = check_reader_options(directed=directed, duplicates=duplicates, self_ties=self_ties,
                                max_attributes=max_attributes)
    xml = _parse_xml(path, "gexf")
    meta = None
    for el in xml.root.iter():
        if _local(el.tag) == "description":
            meta = _read_meta((el.text or "").strip()) or meta
    graph = next((el for el in xml.root if _local(el.tag) == "graph"), None)
    if graph is None:
        raise xml.error(None, "no <graph> element", expected="a GEXF document with one graph")
    default_type = graph.get("defaultedgetype", "undirected").lower()
    if default_type not in ("directed", "undirected", "mutual"):
        raise xml.error(graph, "is not a defaultedgetype", value=default_type, expected="directed or undirected")
    decl = _gexf_attributes(graph, xml, opts["max_attributes"])
    rec = _Records()
    for section in graph:
        if _local(section.tag) == "nodes":
            _gexf_nodes(section, decl, xml, rec)
        elif _local(section.tag) == "edges":
            _gexf_edges(section, decl, default_type, xml, rec)
    if all(a.get("z", 0.0) == 0.0 for a in rec.node_attrs) and "z" not in decl["node"].by_title:
        for a in rec.node_attrs:  # Gephi writes z="0.0" for every node of a flat layout
            a.pop("z", None)
    directed = rec.direction(opts["directed"], meta, default_type == "directed", xml, graph)
    return rec.network(directed, meta, xml, opts["duplicates"], opts["self_ties"])


@dataclass
class _Declared:
    """The attributes a GEXF file declares for one class (nodes or edges)."""

    attrs: dict[str, tuple[str, str, Any]] = field(default_factory=dict)  # id -> (title, type, default)
    by_title: dict[str, str] = field(default_factory=dict)  # title -> id
    defaults: list[tuple[str, Any]] = field(default_factory=list)  # (title, default) where one is declared
    lines: dict[str, int] = field(default_factory=dict)  # title -> line


def _gexf_attributes(graph: Any, xml: _Xml, max_attributes: int | None) -> dict[str, _Declared]:
    """The declared attributes of nodes and of edges, each title once, no more than ``max_attributes`` in all."""
    decl = {"node": _Declared(), "edge": _Declared()}
    count = 0
    for el in graph:
        if _local(el.tag) != "attributes" or el.get("class", "node").lower() not in decl:
            continue
        d = decl[el.get("class", "node").lower()]
        for a in el:
            if _local(a.tag) != "attribute":
                continue
            count += 1
            if max_attributes is not None and count > max_attributes:
                raise over_limit("attributes", _count_declared(graph), max_attributes, "max_attributes",
                                 origin=xml.name, rows=[xml.line(a)], row_word="line")
            aid = a.get("id")
            if aid is None:
                raise xml.error(a, "an <attribute> without an id")
            title = a.get("title") or aid
            if title in d.by_title:
                raise xml.error(a, f"is declared twice as a {el.get('class', 'node').lower()} attribute (ids "
                                   f"{d.by_title[title]!r} and {aid!r}; the first at line {d.lines[title]})",
                                column=title, value=title, suggestion="give each attribute its own title")
            atype = a.get("type", "string")
            default = None
            for child in a:
                if _local(child.tag) == "default":
                    default = _convert(child.text, atype, title, xml, xml.line(child) or xml.line(a))
            d.attrs[aid] = (title, atype, default)
            d.by_title[title] = aid
            d.lines[title] = xml.line(a)
            if default is not None:
                d.defaults.append((title, default))
    return decl


def _count_declared(graph: Any) -> int:
    """How many attributes a GEXF graph declares (for the message of the limit)."""
    return sum(1 for el in graph if _local(el.tag) == "attributes" for a in el if _local(a.tag) == "attribute")


def _gexf_values(el: Any, cls: str, where: str, decl: dict[str, _Declared], xml: _Xml) -> dict[str, Any]:
    """The ``<attvalues>`` of a node or an edge, typed as declared, with the declared defaults filled in."""
    d = decl[cls]
    out: dict[str, Any] = {}
    for child in el:
        tag = _local(child.tag)
        if tag == "nodes":
            raise xml.error(child, f"nested nodes inside {where}; hierarchical GEXF is not supported")
        if tag != "attvalues":
            continue
        for av in child:
            if _local(av.tag) != "attvalue":
                continue
            aid = av.get("for", av.get("id"))
            if aid not in d.attrs:
                if aid not in d.by_title:
                    raise xml.error(av, f"is an attvalue of {where} for no declared {cls} attribute", value=aid)
                aid = d.by_title[aid]
            title, atype, _ = d.attrs[aid]
            if title in out:
                raise xml.error(av, f"several values of {title!r} in {where} (a dynamic attribute over time)",
                                column=title, suggestion="systemsmap reads static graphs: export one time slice")
            out[title] = _convert(av.get("value"), atype, title, xml, av, where)
    for title, default in d.defaults:
        if title not in out:
            out[title] = default
    return out


def _gexf_nodes(section: Any, decl: dict[str, _Declared], xml: _Xml, rec: _Records) -> None:
    """Each ``<node>``: its id, its label and its attributes."""
    for el in section:
        if _local(el.tag) != "node":
            continue
        nid = el.get("id")
        if nid is None:
            raise xml.error(el, "a <node> without an id")
        attrs = {"label": el.get("label")} if el.get("label") is not None else {}
        attrs.update(_gexf_values(el, "node", f"node {nid!r}", decl, xml))
        for k, v in viz_node(el).items():
            attrs[k if k not in attrs else f"viz_{k}"] = v
        rec.ids.append(nid)
        rec.node_attrs.append(attrs)
        rec.node_rows.append(xml.line(el))


def _gexf_edges(section: Any, decl: dict[str, _Declared], default_type: str, xml: _Xml, rec: _Records) -> None:
    """Each ``<edge>``: its ends, its direction, its weight, label, kind and attributes."""
    for el in section:
        if _local(el.tag) != "edge":
            continue
        s, t = el.get("source"), el.get("target")
        if s is None or t is None:
            raise xml.error(el, f"an <edge> without a {'source' if s is None else 'target'}")
        where = f"edge {s!r} -> {t!r}"
        etype = el.get("type", default_type).lower()
        if etype not in ("directed", "undirected", "mutual"):
            raise xml.error(el, f"is not an edge type ({where})", value=etype,
                            expected="directed, undirected or mutual")
        rec.kinds.add(etype == "directed")
        attrs = {}
        if el.get("weight") is not None:
            attrs["weight"] = _convert(el.get("weight"), "double", "weight", xml, el, where)
        for extra in ("label", "kind"):
            if el.get(extra) is not None:
                attrs[extra] = el.get(extra)
        attrs.update(_gexf_values(el, "edge", where, decl, xml))
        for k, v in viz_edge(el).items():
            attrs[k if k not in attrs else f"viz_{k}"] = v
        attrs.pop("networkx_key", None)
        rec.ends.append((s, t))
        rec.edge_attrs.append(attrs)
        rec.edge_rows.append(xml.line(el))
