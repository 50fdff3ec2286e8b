"""What drawing programs store beside a graph: yEd's labels, groups and geometry, Gephi's ``viz:`` attributes.

yEd (yFiles) keeps a node's label, colour and place inside its
``nodegraphics`` data (``<y:ShapeNode>``, ``<y:GenericNode>``, a group's
``<y:ProxyAutoBoundsNode>`` ...), and an edge's label inside ``edgegraphics``
(``<y:PolyLineEdge>`` ...). Gephi writes ``<viz:color>``, ``<viz:size>``,
``<viz:position>`` and ``<viz:shape>`` inside GEXF nodes, and ``<viz:color>``,
``<viz:thickness>``, ``<viz:shape>`` inside edges. These functions turn them
into plain actor and tie fields (:data:`NODE_FIELDS`), which the GraphML and
GEXF readers keep as columns.
"""
from __future__ import annotations

from typing import Any

__all__ = ["yed_node", "yed_edge", "viz_node", "viz_edge", "NODE_FIELDS"]

#: The actor fields read from graphics, and what each holds.
NODE_FIELDS = {
    "label": "the node's label as drawn",
    "color": "its fill colour, as #RRGGBB (#RRGGBBAA when not opaque)",
    "size": "its size (GEXF viz:size)",
    "shape": "its shape (rectangle, ellipse, ... in yEd; disc, square, ... in Gephi)",
    "x": "the x of its centre",
    "y": "the y of its centre, pointing up (yEd's own y, which points down, is negated)",
    "z": "its z (GEXF viz:position), when any node has one other than 0",
}


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _float(text: Any) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def _graphics(el: Any, keys: dict[str, tuple[str, str, str, Any]], kind: str) -> Any:
    """The first element inside ``el``'s ``<data>`` of the yFiles type ``kind`` (nodegraphics, edgegraphics)."""
    for data in el:
        if _local(data.tag) != "data":
            continue
        key = keys.get(data.get("key"))
        if key is not None and key[2] == "yfiles" and key[1] == kind:
            for child in data:
                return child
    return None


def _realizer(shape: Any) -> Any:
    """The realizer a ``<y:ProxyAutoBoundsNode>`` shows (``<y:Realizers active="k">``), else the element itself."""
    if _local(shape.tag) != "ProxyAutoBoundsNode":
        return shape
    for realizers in shape:
        if _local(realizers.tag) == "Realizers":
            kids = [r for r in realizers if isinstance(r.tag, str)]
            active = int(realizers.get("active", "0") or 0)
            return kids[active] if 0 <= active < len(kids) else (kids[0] if kids else shape)
    return shape


def _label(realizer: Any, tag: str) -> str | None:
    """The first non-empty ``<y:NodeLabel>`` / ``<y:EdgeLabel>`` text (its text comes before its child elements)."""
    for child in realizer.iter():
        if _local(child.tag) == tag and child.text and child.text.strip():
            return child.text.strip()
    return None


def _hex(color: str | None) -> str | None:
    if not color or not color.startswith("#"):
        return None
    return color.upper()


def yed_node(el: Any, keys: dict[str, tuple[str, str, str, Any]]) -> dict[str, Any]:
    """A GraphML node's yEd graphics: ``label``, ``color``, ``shape``, ``x``, ``y`` (those present)."""
    shape = _graphics(el, keys, "nodegraphics")
    if shape is None:
        return {}
    real = _realizer(shape)
    out: dict[str, Any] = {}
    label = _label(real, "NodeLabel")
    if label is not None:
        out["label"] = label
    for child in real:
        tag = _local(child.tag)
        if tag == "Fill" and _hex(child.get("color")):
            out["color"] = _hex(child.get("color"))
        elif tag == "Geometry":
            x, y, w, h = (_float(child.get(k)) for k in ("x", "y", "width", "height"))
            if None not in (x, y, w, h):
                out["x"], out["y"] = x + w / 2, -(y + h / 2)
        elif tag == "Shape" and child.get("type"):
            out["shape"] = child.get("type")
    if "shape" not in out and real.get("configuration"):  # y:GenericNode: com.yworks.flowchart.process, ...
        out["shape"] = real.get("configuration").rsplit(".", 1)[-1]
    return out


def yed_edge(el: Any, keys: dict[str, tuple[str, str, str, Any]]) -> dict[str, Any]:
    """A GraphML edge's yEd graphics: ``label`` (the edge label), ``color``, ``width`` (those present)."""
    line = _graphics(el, keys, "edgegraphics")
    if line is None:
        return {}
    out: dict[str, Any] = {}
    label = _label(line, "EdgeLabel")
    if label is not None:
        out["label"] = label
    for child in line:
        if _local(child.tag) == "LineStyle":
            if _hex(child.get("color")):
                out["color"] = _hex(child.get("color"))
            if _float(child.get("width")) is not None:
                out["width"] = _float(child.get("width"))
    return out


def _viz_color(child: Any) -> str | None:
    if child.get("hex"):
        return _hex(child.get("hex") if child.get("hex").startswith("#") else "#" + child.get("hex"))
    rgb = [_float(child.get(k)) for k in ("r", "g", "b")]
    if None in rgb:
        return None
    text = "#" + "".join(f"{int(round(v)):02X}" for v in rgb)
    alpha = _float(child.get("a"))
    return text + f"{int(round(alpha * 255)):02X}" if alpha is not None and alpha < 1 else text


def viz_node(el: Any) -> dict[str, Any]:
    """A GEXF node's ``viz:`` children: ``color``, ``size``, ``shape``, ``x``, ``y``, ``z`` (those present)."""
    out: dict[str, Any] = {}
    for child in el:
        tag = _local(child.tag)
        if tag == "color" and _viz_color(child):
            out["color"] = _viz_color(child)
        elif tag == "size" and _float(child.get("value")) is not None:
            out["size"] = _float(child.get("value"))
        elif tag == "shape" and child.get("value"):
            out["shape"] = child.get("value")
        elif tag == "position":
            for k in ("x", "y", "z"):
                if _float(child.get(k)) is not None:
                    out[k] = _float(child.get(k))
    return out


def viz_edge(el: Any) -> dict[str, Any]:
    """A GEXF edge's ``viz:`` children: ``color``, ``width`` (viz:thickness), ``shape`` (those present)."""
    out: dict[str, Any] = {}
    for child in el:
        tag = _local(child.tag)
        if tag == "color" and _viz_color(child):
            out["color"] = _viz_color(child)
        elif tag == "thickness" and _float(child.get("value")) is not None:
            out["width"] = _float(child.get("value"))
        elif tag == "shape" and child.get("value"):
            out["shape"] = child.get("value")
    return out
