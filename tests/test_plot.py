"""Plots: check what was drawn (nodes, colours, legends, hulls, highlights), not only that nothing crashed."""
from __future__ import annotations

import os
import warnings
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

import systemsmap as sm  # noqa: E402
from systemsmap.plot import (OKABE_ITO, brokerage_chart, centrality_chart, group_colors, interactive,  # noqa: E402
                             layout, mixing_heatmap, network_map, waves)

BASELINE = Path(__file__).parent / "baseline"


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _by_gid(ax, gid):
    return [a for a in list(ax.collections) + list(ax.texts) if a.get_gid() == gid]


def test_layout_is_seeded_and_normalised(karate):
    a, b = layout(karate, seed=3), layout(karate, seed=3)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(layout(karate, seed=4))
    assert a.index.name == "id" and list(a.columns) == ["x", "y"]
    assert a.min().min() >= -1e-9 and a.max().max() <= 1 + 1e-9
    fixed = a.copy()
    again = layout(karate, positions=fixed)
    pd.testing.assert_frame_equal(again, fixed)


def test_large_layout_uses_the_grid_and_still_separates_communities():
    # above 1,000 actors the grid variant runs from a start spread over sqrt(n) (from a unit square every
    # actor shared one grid cell: quadratic); two dense communities joined by one tie stay apart
    rng = np.random.default_rng(0)
    n = 1200
    half = n // 2
    src, tgt = rng.integers(0, half, 6 * n), rng.integers(0, half, 6 * n)
    side = rng.integers(0, 2, 6 * n) * half
    pairs = {(a, b) for a, b in zip(src + side, tgt + side) if a != b}
    pairs.add((0, n - 1))
    ties = pd.DataFrame([(f"a{a:04d}", f"a{b:04d}") for a, b in sorted(pairs)], columns=["source", "target"])
    net = sm.from_frames(None, ties, duplicates="sum")
    pos = layout(net, seed=1)
    pd.testing.assert_frame_equal(pos, layout(net, seed=1))
    community = (pos.index.str[1:].astype(int) >= half)
    c = pos.groupby(community).mean()
    spread = pos.groupby(community).std().mean().mean()
    assert np.hypot(*(c.iloc[0] - c.iloc[1])) > 2 * spread


def test_group_layout_separates_groups(karate):
    pos = layout(karate, method="groups", by="club", seed=0)
    club = karate.actors["club"]
    c = pos.groupby(club).mean()
    spread = pos.groupby(club).std().mean().mean()
    gap = np.hypot(*(c.iloc[0] - c.iloc[1]))
    assert gap > 2 * spread  # the two factions sit in separate regions
    with pytest.raises(ValueError, match="needs by="):
        layout(karate, method="groups")


def test_layout_keeps_known_positions_and_places_newcomers(karate):
    pos = layout(karate, seed=0)
    partial = pos.drop(index=["0", "33"])
    full = layout(karate, positions=partial, seed=0)
    pd.testing.assert_frame_equal(full.loc[partial.index], partial)
    assert full.loc[["0", "33"]].notna().all().all()


def test_network_map_nodes_colours_legend(karate):
    ax = network_map(karate, color="club", seed=0)
    nodes = _by_gid(ax, "nodes")[0]
    assert len(nodes.get_offsets()) == 34
    faces = [to_hex(c) for c in nodes.get_facecolors()]
    pal = group_colors(karate.actors["club"])
    expected = [pal[g] for g in karate.actors["club"]]
    assert faces == expected
    assert pd.Series(faces).value_counts().to_dict() == {pal["Mr. Hi"]: 17, pal["Officer"]: 17}
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts == ["Mr. Hi (17)", "Officer (17)"]
    ties = _by_gid(ax, "ties")[0]
    assert len(ties.get_segments()) == 78
    assert not _by_gid(ax, "arrowheads")  # undirected: no arrows


def test_network_map_roles_and_second_role_ring(stakeholder6):
    actors = stakeholder6.actors.reset_index()
    actors.loc[actors["id"] == "L1", "role"] = "lived_experience; researcher"
    net = sm.from_frames(actors, stakeholder6.ties)
    ax = network_map(net, seed=0)
    nodes = _by_gid(ax, "nodes")[0]
    faces = [to_hex(c) for c in nodes.get_facecolors()]
    edges = [to_hex(c) for c in nodes.get_edgecolors()]
    i = list(net.ids).index("L1")
    assert faces[i] == OKABE_ITO[5] and edges[i] == OKABE_ITO[0]  # lived experience face, researcher ring
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Lived experience (1)" in legend and "Researcher (2)" in legend
    assert "ring: second role (1)" in legend               # the ring is explained, with how many have one
    assert len(_by_gid(ax, "arrowheads")[0].get_paths()) == 7  # one arrow per directed tie


def test_network_map_hulls_per_group_and_size_legend(karate):
    deg = pd.Series(karate._graph().degree(), index=karate.ids, name="degree")
    ax = network_map(karate, color="club", groups="club", size=deg, seed=0)
    hulls = _by_gid(ax, "hulls")[0]
    assert len(hulls.get_paths()) == 2
    assert sorted(t.get_text() for t in _by_gid(ax, "hull-label")) == ["Mr. Hi", "Officer"]
    sizes = _by_gid(ax, "nodes")[0].get_sizes()
    assert sizes[list(karate.ids).index("33")] == sizes.max()  # the hub is the largest node
    size_legend = [a for a in ax.artists if a.get_gid() == "size-legend"]
    assert len(size_legend) == 1 and size_legend[0].get_title().get_text() == "degree"


def test_network_map_highlights_bridges(karate):
    rec = pd.DataFrame({"source": ["4", "16"], "target": ["26", "30"], "gain": [0.1, 0.05]})
    ax = network_map(karate, color="club", highlight=rec, seed=0)
    dashed = _by_gid(ax, "recommended")[0]
    assert len(dashed.get_segments()) == 2
    assert [t.get_text() for t in _by_gid(ax, "recommended-label")] == ["1", "2"]
    outlined = _by_gid(ax, "highlighted")[0]
    assert len(outlined.get_offsets()) == 4
    assert "recommended tie" in [t.get_text() for t in ax.get_legend().get_texts()]
    ax2 = network_map(karate, highlight=["0", "33"], color="club")
    assert len(_by_gid(ax2, "highlighted")[0].get_offsets()) == 2
    with pytest.raises(sm.errors.UnknownActorError, match="'nobody' is not an actor id"):
        network_map(karate, highlight=["nobody"])


def test_recommended_ties_name_their_ends_and_numbers_do_not_cover_each_other(karate):
    # three nearly parallel ties from one corner of the club to the other: their midpoints almost coincide
    rec = pd.DataFrame({"source": ["4", "5", "6"], "target": ["26", "29", "30"]})
    ax = network_map(karate, color="club", highlight=rec, seed=0)
    shown = {t.get_text() for t in ax.texts if t.get_gid() is None}
    assert {"4", "5", "6", "26", "29", "30"} <= shown  # auto labels name the ends first
    spots = np.array([t.get_position() for t in _by_gid(ax, "recommended-label")])
    pos = layout(karate, seed=0).to_numpy()
    gap = 0.03 * np.ptp(pos, axis=0).max()
    for i in range(len(spots)):
        for j in range(i + 1, len(spots)):
            assert np.hypot(*(spots[i] - spots[j])) > gap * 0.999


def test_recommended_ties_bend_apart(karate):
    rec = pd.DataFrame({"source": ["4", "5", "6"], "target": ["26", "29", "30"]})
    ax = network_map(karate, color="club", highlight=rec, seed=0)
    curves = _by_gid(ax, "recommended")[0].get_segments()
    pos = layout(karate, seed=0).to_numpy()
    gap = 0.025 * np.ptp(pos, axis=0).max()
    for i in range(len(curves)):
        for j in range(i):   # their middles (ends aside) never run on top of each other
            a, b = curves[i][3:-3], curves[j][3:-3]
            assert np.hypot(*(a[:, None, :] - b[None, :, :]).transpose(2, 0, 1)).min() > gap
    # names keep clear of the numbers
    renderer = ax.figure.canvas.get_renderer()
    numbers = [t.get_window_extent(renderer) for t in _by_gid(ax, "recommended-label")]
    names = [t.get_window_extent(renderer) for t in ax.texts if t.get_gid() is None]
    assert not any(n.overlaps(m) for n in names for m in numbers)


def test_group_names_are_placed_clear_of_ties():
    # group "a" sits under a hub ("h", group "b") that ties to each of its actors: above "a", its name would sit
    # on ten ties; below, on none
    ids = [f"a{i}" for i in range(10)] + ["h", "b1", "b2"]
    xs = [0.1 + 0.02 * i for i in range(10)] + [0.19, 0.9, 0.95]
    ys = [0.3 + 0.01 * (i % 3) for i in range(10)] + [0.95, 0.6, 0.65]
    actors = pd.DataFrame({"id": ids, "grp": ["alpha team"] * 10 + ["b"] * 3})
    ties = pd.DataFrame({"source": ["h"] * 10 + ["b1"], "target": ids[:10] + ["b2"]})
    net = sm.from_frames(actors, ties, directed=False)
    pos = pd.DataFrame({"x": xs, "y": ys}, index=pd.Index(ids, name="id"))
    ax = network_map(net, color="grp", groups="grp", layout=pos, labels=None)
    (a_name,) = [t for t in _by_gid(ax, "hull-label") if t.get_text() == "alpha team"]
    assert a_name.get_position()[1] < 0.3 and a_name.get_va() == "top"      # below its group
    (b_name,) = [t for t in _by_gid(ax, "hull-label") if t.get_text() == "b"]
    assert b_name.get_va() == "bottom"                                        # above, where nothing is in the way
    plt.close("all")


def test_side_legends_are_inside_a_tight_bounding_box(karate):
    deg = pd.Series(karate._graph().degree(), index=karate.ids, name="a rather long size metric name")
    ax = network_map(karate, color="club", size=deg, seed=0)
    fig = ax.figure
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    tight = fig.get_tightbbox(r).transformed(fig.dpi_scale_trans)
    size_legend = [a for a in ax.artists if a.get_gid() == "size-legend"][0]
    assert size_legend.get_window_extent(r).x1 <= tight.x1 + 1


def test_labels_do_not_overlap(karate):
    ax = network_map(karate, color="club", labels=True, seed=0)
    renderer = ax.figure.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts if t.get_text() and t.get_gid() is None]
    assert len(boxes) >= 20
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            assert not boxes[i].overlaps(boxes[j])


def test_auto_labels_pick_most_central(karate):
    ax = network_map(karate, color="club", seed=0)
    shown = {t.get_text() for t in ax.texts}
    # 34 actors (more than 25): only the most central 8..15 are labelled, the hubs among them
    assert {"0", "33", "32"} <= shown and 8 <= len(shown) <= 15


def test_main_map_matches_golden_image(karate, tmp_path):
    from matplotlib.testing.compare import compare_images

    fig, ax = plt.subplots(figsize=(8, 6))
    deg = pd.Series(karate._graph().degree(), index=karate.ids, name="degree")
    network_map(karate, color="club", groups="club", size=deg, ax=ax, seed=0)
    out = tmp_path / "map.png"
    fig.savefig(out, dpi=60)
    golden = BASELINE / "network_map_karate.png"
    if os.environ.get("SYSTEMSMAP_UPDATE_BASELINE"):
        golden.write_bytes(out.read_bytes())
    assert compare_images(str(golden), str(out), tol=12) is None


def test_mixing_heatmap(karate):
    rep = sm.silos(karate, "club", permutations=0)
    ax = mixing_heatmap(rep, normalize="counts")
    img = ax.get_images()[0].get_array()
    assert img.shape == (2, 2) and img.sum() == rep.mixing.to_numpy().sum()
    assert [t.get_text() for t in ax.get_xticklabels()] == [str(g) for g in
                                                            __import__("systemsmap.plot.matrices",
                                                                       fromlist=["block_order"]).block_order(rep.mixing)]
    dens = mixing_heatmap(rep)
    assert len(dens.texts) == 4 and "(" in dens.texts[0].get_text()
    with pytest.raises(ValueError):
        mixing_heatmap(rep, normalize="z")


def test_block_order_puts_mixing_groups_together():
    from systemsmap.plot.matrices import block_order

    m = pd.DataFrame([[10, 0, 5], [0, 12, 0], [5, 0, 2]], index=list("abc"), columns=list("abc"))
    assert block_order(m) == ["b", "a", "c"]


def test_centrality_and_brokerage_charts(karate):
    ax = centrality_chart(karate, "degree", values=pd.Series(karate._graph().degree(), index=karate.ids),
                          color="club", top=5)
    assert len(ax.patches) == 5
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "33"  # the top actor, drawn at the top of the chart
    table = pd.DataFrame(0, index=karate.ids, columns=["coordinator", "itinerant", "representative",
                                                       "gatekeeper", "liaison", "total"])
    table.loc["0", ["coordinator", "gatekeeper"]] = [3, 2]
    table["total"] = table.iloc[:, :5].sum(axis=1)
    ax2 = brokerage_chart(karate, "club", table=table, top=3)
    assert len(ax2.patches) == 15  # 3 actors x 5 roles
    assert [t.get_text() for t in ax2.get_legend().get_texts()] == ["coordinator", "itinerant", "representative",
                                                                    "gatekeeper", "liaison"]
    # role bars never take a group colour (names are coloured by group, keyed in a second legend)
    group_hex = {to_hex(c) for c in OKABE_ITO}
    assert not {to_hex(p.get_facecolor()) for p in ax2.patches} & group_hex
    names = [a for a in ax2.artists if a.get_gid() == "group-legend"][0]
    assert [t.get_text() for t in names.get_texts()] == ["Mr. Hi"]


def test_waves_small_multiples():
    actors = pd.DataFrame({"id": list("ABCDE"), "grp": ["x", "x", "y", "y", "y"],
                           "waves": ["1; 2", "1; 2", "1", "1; 2", "2"]})
    ties = pd.DataFrame({"source": ["A", "B", "C", "A", "D", "A"], "target": ["B", "C", "D", "B", "E", "D"],
                         "wave": [1, 1, 1, 2, 2, 2]})
    net = sm.from_frames(actors, ties, directed=False)
    axes = waves(net, by="grp")
    assert len(axes) == 2
    a1, a2 = axes
    assert len(_by_gid(a2, "ties-gained")[0].get_segments()) == 2     # D-E, A-D
    assert len(_by_gid(a2, "ties-lost")[0].get_segments()) == 2       # B-C, C-D
    assert len(_by_gid(a2, "ties-kept")[0].get_segments()) == 1       # A-B
    group_hex = {to_hex(c) for c in OKABE_ITO}
    assert to_hex(_by_gid(a2, "ties-gained")[0].get_edgecolor()[0]) not in group_hex
    assert to_hex(_by_gid(a2, "ties-lost")[0].get_edgecolor()[0]) not in group_hex
    assert len(_by_gid(a1, "absent")[0].get_offsets()) == 1           # E not in wave 1
    assert len(_by_gid(a2, "absent")[0].get_offsets()) == 1           # C not in wave 2
    np.testing.assert_allclose(_by_gid(a1, "present")[0].get_offsets()[0], _by_gid(a2, "present")[0].get_offsets()[0])
    text = _by_gid(a2, "wave-metrics")[0].get_text()
    assert "4 actors" in text and "+2 ties gained, −2 lost" in text and "E-I index by grp" in text
    with pytest.raises(ValueError, match="no waves"):
        waves(sm.from_frames(None, pd.DataFrame({"source": ["a"], "target": ["b"]})))


def test_waves_take_another_figures_colours():
    """The report's map draws the latest wave alone, whose group sizes can order the colours differently
    from every wave's: ``palette`` gives the waves the map's colours."""
    actors = pd.DataFrame({"id": list("ABCDE"), "grp": ["x", "x", "y", "y", "y"]})
    ties = pd.DataFrame({"source": ["A", "C", "A", "D"], "target": ["B", "D", "C", "E"], "wave": [1, 1, 2, 2]})
    net = sm.from_frames(actors, ties, directed=False)
    default = waves(net, by="grp", metrics=False)[1]
    legend = {t.get_text(): to_hex(h.get_markerfacecolor()) for t, h in
              zip(default.get_legend().get_texts(), default.get_legend().legend_handles)}
    assert legend["y"] == to_hex(OKABE_ITO[0])  # the larger group first
    plt.close("all")
    given = waves(net, by="grp", palette={"x": OKABE_ITO[0], "y": OKABE_ITO[1], "z": OKABE_ITO[2]},
                  metrics=False)[1]
    present = [i for i in net.ids if i != "B"]  # B takes no part in wave 2
    faces = dict(zip(present, (to_hex(c) for c in _by_gid(given, "present")[0].get_facecolors())))
    assert (faces["A"], faces["C"], faces["E"]) == (to_hex(OKABE_ITO[0]), to_hex(OKABE_ITO[1]), to_hex(OKABE_ITO[1]))
    texts = [t.get_text() for t in given.get_legend().get_texts()]
    assert "x" in texts and "y" in texts and "z" not in texts  # only the groups drawn
    with pytest.raises(sm.errors.OptionError, match="palette must be a mapping"):
        waves(net, by="grp", palette=["red"], metrics=False)


def test_waves_count_change_by_group():
    # the small-multiples network: B-C (x-y) and C-D (y-y) lost, A-D (x-y) and D-E (y-y) gained
    actors = pd.DataFrame({"id": list("ABCDE"), "grp": ["x", "x", "y", "y", "y"],
                           "waves": ["1; 2", "1; 2", "1", "1; 2", "2"]})
    ties = pd.DataFrame({"source": ["A", "B", "C", "A", "D", "A"], "target": ["B", "C", "D", "B", "E", "D"],
                         "wave": [1, 1, 1, 2, 2, 2]})
    net = sm.from_frames(actors, ties, directed=False)
    a1, a2 = waves(net, by="grp", change="groups")
    assert _by_gid(a2, "ties-gained") == [] and _by_gid(a2, "ties-lost") == []   # no hairball: counts instead
    assert len(_by_gid(a2, "ties-kept")[0].get_segments()) == 1                    # A-B
    assert [t.get_text() for t in a2.texts if t.get_gid() == "change-between-groups"] == ["+1 −1"]
    assert [t.get_text() for t in a2.texts if t.get_gid() == "change-within-groups"] == ["within: +1 −1"]
    (bundles,) = _by_gid(a2, "change-bundles")
    gained, lost = bundles.get_segments()
    # one line each way between the group centres, offset to either side: never on top of each other
    pos = sm.plot.layout(net, method="groups", by="grp", seed=0)
    centres = pos.groupby(net.actors["grp"])[["x", "y"]].mean().to_numpy()
    np.testing.assert_allclose((gained + lost) / 2, centres, atol=1e-9)          # either side of the centre line
    assert np.linalg.norm(gained[0] - lost[0]) > 0.02
    np.testing.assert_allclose(gained[1] - gained[0], lost[1] - lost[0], atol=1e-9)  # parallel
    assert bundles.get_linestyles()[1] != bundles.get_linestyles()[0]             # lost ones dashed
    assert not any(t.get_gid() == "change-between-groups" for t in a1.texts)      # the first wave has no change
    # auto: a change of 4 ties is drawn tie by tie
    assert len(_by_gid(waves(net, by="grp")[1], "ties-gained")[0].get_segments()) == 2
    with pytest.raises(sm.errors.OptionError, match="change must be 'auto', 'ties' or 'groups', not 'bundle'"):
        waves(net, by="grp", change="bundle")


def _cielab_after(matrix, colour):
    """CIELAB of an sRGB colour as a reader with the given colour vision sees it (linear-RGB matrix)."""
    c = np.asarray(matplotlib.colors.to_rgb(colour))
    lin = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ np.clip(
        np.asarray(matrix) @ lin, 0, 1) / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def test_brokerage_roles_stay_apart_for_colour_blind_readers(karate):
    # Machado, Oliveira & Fernandes (2009), severity 1.0
    vision = {"normal": np.eye(3),
              "protan": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                         [-0.003882, -0.048116, 1.051998]],
              "deutan": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                         [-0.011820, 0.042940, 0.968881]],
              "tritan": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                         [0.004733, 0.691367, 0.303900]]}
    ax = brokerage_chart(karate, "club", top=5)
    bars = {to_hex(p.get_facecolor()) for p in ax.patches}
    assert len(bars) == 5
    for name, m in vision.items():
        lab = [_cielab_after(m, c) for c in sorted(bars)]
        gaps = [np.linalg.norm(a - b) for i, a in enumerate(lab) for b in lab[:i]]
        assert min(gaps) > 30, name          # the five greys of before: 13.8 for every reader
    plt.close("all")


def test_interactive_html_is_self_contained_and_escaped(karate, tmp_path):
    actors = karate.actors.reset_index()
    actors.loc[0, "label"] = "<img src=x onerror=alert(1)>"
    net = sm.from_frames(actors, karate.ties, directed=False)
    m = interactive(net, color="club", path=tmp_path / "map.html", title="<b>Map</b>", metrics=None)
    page = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert m.n_actors == 34 and m.n_ties == 78
    assert "<img src=x" not in page and "<b>Map</b>" not in page and "&lt;b&gt;Map&lt;/b&gt;" in page
    import re

    # no tag loads anything from outside: scripts and styles are inline
    assert not re.search(r"""<(script|link|img|iframe)[^>]*(src|href)=["']?(https?:)?//""", page, re.I)
    assert "cdn.jsdelivr.net/npm/mathjax" not in page
    assert "srcdoc" in m._repr_html_()


# ---------------------------------------------------------------------------- option checks
def test_map_options_are_checked(karate):
    errors = sm.errors
    for options, error, match in [
        ({"highlight": ["0", "nobody"]}, errors.UnknownActorError, "'nobody' is not an actor id"),
        ({"highlight": pd.DataFrame({"source": ["0"], "target": ["nobody"]})}, errors.UnknownActorError,
         "'nobody' is not an actor id"),
        ({"highlight": pd.DataFrame({"a": ["0"]})}, errors.OptionError, "highlight must be actor ids, or a bridges"),
        ({"labels": ["33", "ghost"]}, errors.UnknownActorError, "'ghost' is not an actor id"),
        ({"color": "sector"}, errors.NotFoundError, "'sector' is not an actor column"),
        ({"groups": "sector"}, errors.NotFoundError, "'sector' is not an actor column"),
        ({"size": "height"}, errors.NotFoundError, "'height' is not an actor column"),
        ({"layout": "spring"}, errors.OptionError, "layout must be 'force', 'groups', 'circle' or 'xy', not 'spring'"),
        ({"layout": pd.DataFrame({"x": [0.0]})}, errors.OptionError, "layout must be a method name or a table"),
        ({"seed": -1}, errors.OptionError, "seed must be a whole number, 0 or more"),
        ({"legend": "yes"}, errors.OptionError, "legend must be True or False"),
        ({"title": 5}, errors.OptionError, "title must be a non-empty text or None, not 5"),
    ]:
        with pytest.raises(error, match=match):
            network_map(karate, **{"color": "club", **options})


def test_other_plot_options_are_checked(karate):
    errors = sm.errors
    with pytest.raises(errors.OptionError, match="method must be 'force', 'groups', 'circle' or 'xy', not 'kk'"):
        layout(karate, method="kk")
    with pytest.raises(errors.NotFoundError, match="'faction' is not an actor column"):
        layout(karate, method="groups", by="faction")
    with pytest.raises(errors.OptionError, match="positions must be a table of positions"):
        layout(karate, positions=pd.DataFrame({"x": [0.1]}, index=["0"]))
    with pytest.raises(errors.OptionError, match="height must be a whole number, 100 or more, not 10"):
        interactive(karate, color="club", height=10)
    with pytest.raises(errors.OptionError, match="metrics must be 'auto', None or a table by actor id"):
        interactive(karate, color="club", metrics="all")
    with pytest.raises(errors.OptionError, match="metric must be 'degree', 'betweenness'"):
        centrality_chart(karate, "fame", color="club")
    with pytest.raises(errors.OptionError, match="top must be a whole number, 1 or more, not 0"):
        centrality_chart(karate, color="club", top=0)
    with pytest.raises(errors.NotFoundError, match="'faction' is not an actor column"):
        brokerage_chart(karate, "faction")
    with pytest.raises(errors.OptionError, match="table must be a brokerage\\(\\) table with columns"):
        brokerage_chart(karate, "club", table=pd.DataFrame({"total": [1]}))
    rep = sm.silos(karate, "club", permutations=0)
    with pytest.raises(errors.OptionError, match="annotate must be True or False"):
        mixing_heatmap(rep, annotate="yes")
    net = sm.load_example("implementation_ecosystem")
    with pytest.raises(errors.OptionError, match=r"ax must be one Axes per wave \(2\), not '1 Axes'"):
        waves(net, ax=[plt.subplots()[1]], metrics=False)
    with pytest.raises(errors.OptionError, match="metrics must be True or False"):
        waves(net, metrics="some")
    with pytest.raises(sm.DataError, match="no waves"):
        waves(karate)


# ----------------------------------------------------------------------------- many groups
def test_mixing_heatmap_of_many_groups_shows_the_largest_and_the_rest_together():

    from systemsmap.groups import OTHER_GROUPS

    rng = np.random.default_rng(3)
    n = 235
    cities = [f"City {i:03d}" for i in range(230)]
    actors = pd.DataFrame({"id": [f"a{i}" for i in range(n)], "City": cities + list(rng.choice(cities[:5], 5))})
    pairs = {(int(a), int(b)) for a, b in rng.integers(0, n, size=(1200, 2)) if a != b}
    ties = pd.DataFrame([(f"a{a}", f"a{b}") for a, b in sorted(pairs)], columns=["source", "target"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        net = sm.from_frames(actors, ties)
        rep = sm.silos(net, "City", permutations=0)
    ax = mixing_heatmap(rep)
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert len(names) == 21 and names[-1] == OTHER_GROUPS
    assert set(names[:-1]) == {f"City {i:03d}" for i in range(5)} | set(sorted(cities[5:])[:15])
    assert "the 20 largest groups; 210 others together" in ax.get_title(loc="left")
    # the merged cells sum the ties of the groups they hold
    sizes = rep.sizes
    keep = names[:-1]
    other = [g for g in sizes.index if g not in keep]
    expected = rep.mixing.loc[other, other].to_numpy().sum()
    cell = [t for t in ax.texts if t.get_position() == (20, 20)]
    assert cell and f"({int(expected)})" in cell[0].get_text()
    plt.close(ax.figure)
    # few groups: drawn as they are
    small = mixing_heatmap(sm.silos(sm.load_example("karate_club"), "club", permutations=0), max_groups=20)
    assert OTHER_GROUPS not in [t.get_text() for t in small.get_yticklabels()]
    plt.close(small.figure)
    with pytest.raises(sm.errors.OptionError, match="max_groups"):
        mixing_heatmap(rep, max_groups=0)


def test_waves_key_figures_are_summarys():
    """Each panel's actors, ties and density are those of summary() of the wave (computed without its path
    measures), and the ties gained and lost those of compare()."""
    from systemsmap._format import fmt_small

    net = sm.load_example("implementation_ecosystem")
    axes = waves(net, by="sector")
    for w, a in zip(net.waves, axes):
        s = sm.summary(net.at(w))
        text = _by_gid(a, "wave-metrics")[0].get_text()
        assert text.startswith(f"{int(s['actors']):,} actors · {int(s['ties']):,} ties · density "
                               f"{fmt_small(s['density'])}")
    c = sm.compare(net, waves=tuple(net.waves), permutations=0)
    text = _by_gid(axes[1], "wave-metrics")[0].get_text()
    assert f"+{c.pairs_gained:,} ties gained, −{c.pairs_lost:,} lost" in text
    plt.close("all")
