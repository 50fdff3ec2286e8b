"""Results read well in a notebook: a short repr (what it is and its headline) and an HTML view with labels."""
from __future__ import annotations

import html
import re
import warnings
from html.parser import HTMLParser

import pandas as pd
import pytest

import systemsmap as sm
from systemsmap._repr import REPR_WIDTH


@pytest.fixture(scope="module")
def results():
    net = sm.load_example("implementation_ecosystem")
    rated = net.ties.assign(trust=[(i % 5) + 1 for i in range(len(net.ties))])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        rated_net = sm.from_frames(net.actors.reset_index(), rated)
    return net, {
        "SiloReport": sm.silos(net, "sector", permutations=50, seed=0),
        "VoiceReport": sm.voice(net, progress=False),
        "KeyPlayers": sm.key_players(net, 2, seed=0, progress=False),
        "Vulnerabilities": sm.vulnerabilities(net, "sector"),
        "Response": sm.response(net, "sector"),
        "Comparison": sm.compare(net, waves=(2024, 2025), by="sector", permutations=20, seed=0),
        "Robustness": sm.robustness(net, "degree", repeats=3, seed=0),
        "TieQuality": sm.tie_quality(rated_net, columns=["trust"], by="sector"),
        "Report": sm.report(net, by="sector", path=None, permutations=20, k=1),
    }


class _Cells(HTMLParser):
    def __init__(self, doc):
        super().__init__(convert_charrefs=True)
        self.cells: list[str] = []
        self.tags: list[str] = []
        self._in = False
        self.feed(doc)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._in = tag in ("td", "th")

    def handle_data(self, data):
        if self._in:
            self.cells.append(data)


@pytest.mark.parametrize("kind", ["SiloReport", "VoiceReport", "KeyPlayers", "Vulnerabilities", "Response",
                                  "Comparison", "Robustness", "TieQuality", "Report"])
def test_repr_is_short_and_says_what_it_is(results, kind):
    text = repr(results[1][kind])
    lines = text.split("\n")
    assert 1 <= len(lines) <= 2, text
    assert lines[0].startswith(f"<{kind}: ") and lines[0].endswith(">")
    assert all(len(line) <= REPR_WIDTH for line in lines), text
    assert len(text) < 400


@pytest.mark.parametrize("kind", ["SiloReport", "VoiceReport", "KeyPlayers", "Vulnerabilities", "Response",
                                  "Comparison", "Robustness", "TieQuality"])
def test_html_view_has_headline_and_top_rows_with_labels(results, kind):
    net, res = results
    view = res[kind]._repr_html_()
    assert view.startswith("<div") and f"<b>{kind}</b>" in view
    assert len(view) < 20_000                         # a view, not a dump
    rows = view.count("<tr>")
    assert 2 <= rows <= 12                            # the heading row and at most ten rows
    cells = _Cells(view).cells
    labels = set(net.actors["label"])
    if kind not in ("SiloReport", "Comparison"):      # tables of actors name them
        assert labels & set(cells), kind


def test_tables_of_actors_carry_labels(results):
    net, res = results
    lab = net.actors["label"]
    assert (res["VoiceReport"].actors["label"] == lab.reindex(res["VoiceReport"].actors.index)).all()
    v = res["Vulnerabilities"]
    assert (v.actors["label"] == lab.reindex(v.actors.index)).all()
    assert (v.ties["source_label"] == lab.reindex(v.ties["source"]).to_numpy()).all()
    assert res["KeyPlayers"].table["label"].tolist() == lab.reindex(res["KeyPlayers"].actors).tolist()
    assert "label" in sm.champions(net, by="sector").columns
    assert (res["TieQuality"].actors["label"] == lab).all()


def test_html_views_escape_labels():
    actors = pd.DataFrame({"id": ["L", "P", "I"], "label": ["<b>L</b>", "P&Q", "I"],
                           "role": ["lived_experience", "policymaker", "implementer"]})
    net = sm.from_frames(actors, pd.DataFrame({"source": ["L", "I"], "target": ["I", "P"]}))
    view = sm.voice(net)._repr_html_()
    assert "<b>L</b>" not in view and html.escape("<b>L</b>") in view
    assert not re.search(r"<b>L", view)
