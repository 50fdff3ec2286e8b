"""The HTML report: sections, numbers equal to the library's, no external resource, escaping, privacy.

The main report is written once per module for the bundled example (200
permutations, 3 recommended ties, to keep it quick); the other tests use
small networks or ``path=None``.
"""
from __future__ import annotations

import base64
import html
import itertools
import re
import warnings
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

import systemsmap as sm
from systemsmap.report import Report, findings, report
from systemsmap.report._text import fmt_p

BY = "sector"
PERMS = 200
K = 5
SECTIONS = ["findings", "map", "silos", "brokers", "actors", "change", "evidence", "next-steps", "caveats"]
HOSTILE_LABEL = "<script>alert(1)</script>"
HOSTILE_GROUP = '"><b>x'


def _quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        return fn(*args, **kwargs)


@pytest.fixture(scope="module")
def example():
    return sm.load_example("implementation_ecosystem")


@pytest.fixture(scope="module")
def latest(example):
    """What the report describes by default: the latest wave's ties, actors and respondents."""
    return example.at(example.waves[-1])


@pytest.fixture(scope="module")
def written(example, tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "report.html"
    rep = report(example, by=BY, path=path, permutations=PERMS, k=K, seed=0)
    return rep, path.read_text(encoding="utf-8")


def _srcdocs(doc: str) -> list[str]:
    """The documents held in iframe srcdoc attributes, unescaped once."""
    return [html.unescape(m) for m in re.findall(r'srcdoc="([^"]*)"', doc)]


def _text_of(doc: str) -> str:
    """The outer page without its iframe documents."""
    return re.sub(r'srcdoc="[^"]*"', 'srcdoc=""', doc)


# ---------------------------------------------------------------------------- structure
def test_report_object_and_file(written):
    rep, doc = written
    assert isinstance(rep, Report)
    assert rep.path.exists() and rep.html == doc
    assert rep.sections == SECTIONS
    assert rep.findings and all(isinstance(f, str) and f for f in rep.findings)
    assert rep.key is None
    assert rep.timings["total"] > 0


def test_every_section_present_in_order(written):
    _, doc = written
    outer = _text_of(doc)
    positions = [outer.find(f'<section id="{sid}"') for sid in SECTIONS]
    assert all(p >= 0 for p in positions), dict(zip(SECTIONS, positions))
    assert positions == sorted(positions)
    for sid in SECTIONS:  # the table of contents links to each
        assert f'href="#{sid}"' in outer


def test_no_external_resource(written):
    _, doc = written
    for text in (doc, *_srcdocs(doc)):
        for pattern in (r"""src\s*=\s*["']?\s*(https?:)?//""", r"""href\s*=\s*["']?\s*(https?:)?//""",
                        r"url\(\s*['\"]?\s*(https?:)?//", r"@import", r"<link\b"):
            found = re.findall(pattern, text, flags=re.I)
            assert not found, (pattern, found[:3])
    # a Content Security Policy forbids loading anything from elsewhere
    assert "default-src 'none'" in doc


def test_images_are_png_data_uris(written):
    _, doc = written
    srcs = re.findall(r'<img src="([^"]*)"', _text_of(doc))
    assert len(srcs) >= 4  # map, mixing heatmap, brokerage chart, waves
    for src in srcs:
        assert src.startswith("data:image/png;base64,")
        data = base64.b64decode(src.split(",", 1)[1])
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000
    assert all(re.search(r'alt="[^"]{10,}"', tag) for tag in re.findall(r"<img [^>]*>", _text_of(doc)))


def test_interactive_map_embedded_and_print_css(written, example):
    _, doc = written
    docs = _srcdocs(doc)
    assert len(docs) == 1 and "systemsmapMap" in docs[0] and "sm-data" in docs[0]
    assert 'sandbox="allow-scripts"' in doc
    assert "@media print" in doc
    print_css = doc[doc.index("@media print"):]
    assert "iframe" in print_css and "display: none" in print_css
    assert "break-before: page" in print_css


def test_actor_table_is_sortable_and_complete(written, latest):
    _, doc = written
    m = re.search(r'<table id="actor-table" class="([^"]*)">.*?<tbody>(.*?)</tbody>', doc, flags=re.S)
    assert m and "sortable" in m.group(1)
    assert m.group(2).count("<tr>") == len(latest)
    assert "table.sortable" in doc and "addEventListener" in doc  # the inline sorter


# ---------------------------------------------------------------------------- numbers
@pytest.fixture(scope="module")
def library(example, latest):
    """The library's results on what the report describes, computed here, independently of the report."""
    return {"silos": _quiet(sm.silos, latest, BY, permutations=PERMS, seed=0),
            "brokerage": sm.brokerage(latest, BY),
            "champions": sm.champions(latest, by=BY, top=None, include_nonrespondents=True),
            "voice": sm.voice(latest), "vulnerabilities": sm.vulnerabilities(latest, BY),
            "bridges": sm.bridges(latest, BY, k=K),
            "compare": sm.compare(example, waves=(2024, 2025), by=BY, permutations=PERMS, seed=0),
            "response": sm.response(latest, BY), "scope": latest, "panel": example}


def _resolve(library: dict, latest, name: str, key):
    """The library's value under a quoted name (see systemsmap.report.narrative.QUOTED)."""
    if name == "label":
        return latest.actors.loc[key, "label"]
    if name == "group":
        return sm.groups.display_name(key, BY)
    parts = name.split(".")
    obj = library[parts[0]]
    for part in parts[1:]:
        if part == "index" or not isinstance(obj, (pd.Series, pd.DataFrame, dict)):
            obj = getattr(obj, part)
        else:
            obj = obj[part]
    if isinstance(obj, pd.Index):       # bridges.index: the rank itself
        assert key in obj
        return key
    return obj if key is None else obj[key]


def test_every_number_in_the_findings_is_a_named_library_value(written, library, latest):
    from systemsmap.report.narrative import EI_SCALE, QUOTED, quote_text, quoted_findings
    from systemsmap.report._analysis import analyse

    rep, doc = written
    found = quoted_findings(_quiet(analyse, library["panel"], BY, permutations=PERMS, k=K, seed=0))
    assert [f.text for f in found] == rep.findings
    seen: dict = {}
    for f in found:
        # every digit of a finding is inside a quoted value (the E-I scale aside)
        fixed = re.sub(r"\{[^{}]*\}", "", f.skeleton.replace(EI_SCALE, ""))
        assert not re.search(r"\d", fixed), (f.topic, f.skeleton)
        for q in f.quotes:
            assert q.name in QUOTED, q
            value = _resolve(library, latest, q.name, q.key)
            if isinstance(value, (float, np.floating, int, np.integer)) and not isinstance(value, bool):
                assert float(q.value) == pytest.approx(float(value), nan_ok=True), q
            else:
                assert q.value == (list(value) if isinstance(value, list) else value), q
            assert q.text == quote_text(value, q.how, PERMS), q
            # one name, one meaning: a name and key are written the same way wherever they appear
            assert seen.setdefault((q.name, str(q.key)), q.text) == q.text, q
    names = {q.name for f in found for q in f.quotes}
    # the findings quote the figures a reader would check first
    assert {"silos.ei", "silos.ei_expected", "silos.ei_p_lower", "brokerage.total", "champions.brokerage",
            "voice.summary.within_2", "voice.summary.unknown", "voice.carrier_share",
            "vulnerabilities.summary.cut_points", "compare.pairs_gained", "response.rate"} <= names
    for f in rep.findings:  # the same sentences appear in the HTML, escaped
        assert html.escape(f) in doc


def test_findings_equal_library_numbers(written, example, latest, library):
    rep, _ = written
    text = "\n".join(rep.findings)
    s = library["silos"]
    assert f"the E-I index is {s.ei:.2f}" in text
    assert (f"against {s.ei_expected:.2f} if ties fell at random ({fmt_p(s.ei_p_lower, PERMS)}, one-sided: the "
            f"chance of an E-I this low if groups did not matter; {PERMS} permutations)") in text
    # one brokerage count per actor, the part across groups named as such, equal to the champions' brokerage
    br, ch = library["brokerage"]["total"], library["champions"]["brokerage"]
    best = sorted(br.index, key=lambda i: (-br[i], i))[0]
    assert f"{latest.actors.loc[best, 'label']} (" in text
    assert f"between {int(br[best])} pairs, {int(ch[best])} of them across groups" in text
    top = library["champions"][library["champions"]["answered"]].index[0]
    assert f"brokers {int(ch[top])} pairs across groups" in text
    # voice: the unreached are all non-respondents here, so their path is unknown, not absent
    v = library["voice"]
    assert v.summary["unknown"] > 0 and v.summary["no_path"] == 0
    assert "no path to any policymaker" not in text
    assert f"{int(v.summary['unknown'])} have no known path to a policymaker, but none of them answered the survey, " \
           "so their own ties are missing: whether they can be heard is unknown, not absent." in text
    # single points of failure: all rest on non-respondents named by one person
    vul = library["vulnerabilities"]
    assert vul.uncertain == len(vul.actors) + len(vul.ties) > 0
    assert "look like single points of failure" in text and "is unknown" in text
    # the waves: what is described, and the change
    assert "describes the ties of wave 2025 only (the latest of 2024 and 2025)" in text
    c = library["compare"]
    assert f"ties between sector groups from {int(c.cross_group['before'])} to {int(c.cross_group['after'])}" in text
    assert f"({fmt_p(c.ei_p_two_sided, PERMS)}, two-sided)" in text
    r = library["response"]
    assert f"{r.respondents} of {r.actors} actors answered the survey ({r.rate:.0%})" in text
    assert findings(example, BY, permutations=PERMS, k=K, seed=0) == rep.findings
    # pooling is asked for by name, and said
    pooled = findings(example, BY, permutations=20, k=1, seed=0, waves="pooled")
    assert pooled[0].startswith("Everything below but the change between waves pools the ties of waves 2024 and 2025")
    sp = _quiet(sm.silos, example, BY, permutations=20, seed=0)
    assert f"the E-I index is {sp.ei:.2f}" in pooled[1]


def test_group_table_numbers(written, library):
    _, doc = written
    s = library["silos"]
    silos_html = doc[doc.index('<section id="silos"'):doc.index('<section id="brokers"')]
    for g in s.sizes.index:
        row = re.search(r"<tr><td>" + re.escape(html.escape(g)) + r"</td>(.*?)</tr>", silos_html)
        assert row, g
        cells = re.findall(r">([^<]*)</td>", row.group(1))
        assert cells[:5] == [str(int(s.sizes[g])), str(int(s.group_ties.loc[g, "internal"])),
                             str(int(s.group_ties.loc[g, "external"])), f"{s.group_ei[g]:.2f}",
                             f"{s.group_ei_expected[g]:.2f}"]


def test_low_response_says_rankings_are_fragile(example):
    a = example.actors.reset_index()
    rng = np.random.default_rng(3)
    a["respondent"] = rng.random(len(a)) < 0.5
    net = _quiet(sm.from_frames, a, example.ties, directed=True)
    with pytest.warns(sm.DataWarning, match=r"only 97 of 207 actors answered the survey \(47%, under 70%\)"):
        out = findings(net, BY, permutations=50, k=1, seed=0)
    assert out[1].startswith("Read the rankings with care: only")
    rob = _quiet(sm.robustness, net.at(2025), "betweenness", drop=0.1, repeats=20, top=10, seed=0)
    assert f"kept {rob.top_overlap:.0%} of its members on average (rank correlation " \
           f"{rob.rank_correlation:.2f})" in out[1]


def test_fmt_p_style():
    assert fmt_p(1 / 1001, 1000) == "p < 0.001"
    assert fmt_p(1 / 201, 200) == "p < 0.01"
    assert fmt_p(1 / 51, 50) == "p < 0.05"
    assert fmt_p(0.0042, 1000) == "p = 0.004"
    assert fmt_p(0.2134, 1000) == "p = 0.21"
    assert fmt_p(float("nan"), 0) == "p not computed"


def test_group_pvalues_against_exact_enumeration():
    # 8 actors in two groups of 4: the 70 ways to place group x are equally likely under
    # the permutation null, so the exact one-sided p-value of each group's E-I is countable.
    actors = pd.DataFrame({"id": list("abcdefgh"), "team": list("xxxxyyyy")})
    ties = pd.DataFrame({"source": list("abcaefgec"), "target": list("bcdcfghhf")})
    net = sm.from_frames(actors, ties, directed=False)
    pairs = [tuple(sorted(p)) for p in zip(ties["source"], ties["target"])]
    ids = list("abcdefgh")

    def group_ei(members: set) -> tuple[float, float]:
        out = []
        for g in (members, set(ids) - members):
            inside = sum(1 for u, v in pairs if u in g and v in g)
            outside = sum(1 for u, v in pairs if (u in g) != (v in g))
            out.append((outside - inside) / (outside + inside))
        return tuple(out)

    observed = group_ei(set("abcd"))
    null = [group_ei(set(c)) for c in itertools.combinations(ids, 4)]
    exact = [np.mean([n[i] <= observed[i] + 1e-12 for n in null]) for i in range(2)]
    p = sm.silos(net, "team", permutations=20000, seed=1).group_ei_p
    assert list(p.index) == ["x", "y"]
    assert p.to_numpy() == pytest.approx(exact, abs=0.01)
    assert sm.silos(net, "team", permutations=0).group_ei_p.isna().all()


# ---------------------------------------------------------------------------- escaping
@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    actors = pd.DataFrame({
        "id": ["L1", "L2", "N1", "I1", "I2", "P1", "P2", "R1"],
        "label": [HOSTILE_LABEL, "Lee", "Nia", "Ivo", "Ida", "Pat", "Pia", "Ros"],
        "role": ["lived_experience", "lived_experience", "implementer", "implementer", "implementer",
                 "policymaker", "policymaker", "researcher"],
        "team": [HOSTILE_GROUP, HOSTILE_GROUP, "care", "care", "care", "gov", "gov", "care"],
        "respondent": [True] * 8,
    })
    ties = pd.DataFrame({"source": ["L1", "L2", "N1", "I1", "I2", "P1", "R1", "L1", "I2"],
                         "target": ["N1", "I1", "P1", "P1", "P2", "P2", "I1", "L2", "R1"],
                         "relation": ["<i>advice</i>"] * 9, "wave": [1, 1, 1, 1, 2, 2, 2, 2, 1]})
    net = _quiet(sm.from_frames, actors, ties, directed=True)
    path = tmp_path_factory.mktemp("hostile") / "hostile.html"
    rep = _quiet(report, net, by="team", path=path, title="<title>T</title>", permutations=50, k=2)
    return rep, path.read_text(encoding="utf-8")


def test_hostile_text_is_escaped_everywhere(hostile):
    rep, doc = hostile
    raw = [HOSTILE_LABEL, HOSTILE_GROUP, "<i>advice</i>", "<title>T</title>"]
    for text in (doc, _text_of(doc)):
        for r in raw:
            assert r not in text, r
    assert html.escape(HOSTILE_LABEL) in doc           # shown, as text
    assert html.escape(HOSTILE_GROUP) in doc
    assert "&lt;i&gt;advice&lt;/i&gt;" in doc
    assert _text_of(doc).count("<script") == 1          # only the report's own sorter
    assert "<b>x" not in _text_of(doc) and "<title>T" not in doc
    # the map page in the iframe is escaped twice: once unescaped, still no raw markup
    (inner,) = _srcdocs(doc)
    for r in raw:
        assert r not in inner, r


# ---------------------------------------------------------------------------- privacy
@pytest.fixture(scope="module")
def private(example, tmp_path_factory):
    path = tmp_path_factory.mktemp("private") / "private.html"
    rep = _quiet(report, example, by=BY, path=path, pseudonymise=True, min_group_size=25, salt="test-salt",
                 permutations=50, k=2)
    return rep, path.read_text(encoding="utf-8")


def test_pseudonymised_report_names_no_one(private, example):
    rep, doc = private
    tokens = set(map(str, example.ids)) | set(map(str, example.actors["label"]))
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in sorted(tokens, key=len, reverse=True))
                         + r")(?![\w])")
    once = html.unescape(doc)
    for text in (doc, once, html.unescape(once), "\n".join(rep.findings)):
        found = pattern.findall(text)
        assert not found, found[:5]
    # the key maps every code back, and is not in the file
    assert set(rep.key["id"]) == set(example.ids)
    codes = set(rep.key["code"])
    assert any(c in doc for c in codes)
    assert "were replaced by codes" in doc


def test_small_groups_suppressed(private, example):
    rep, doc = private
    sizes = example.actors[BY].value_counts()
    small = [g for g, n in sizes.items() if n < 25]
    big = [g for g, n in sizes.items() if n >= 25]
    assert small and big
    silos_html = doc[doc.index('<section id="silos"'):doc.index('<section id="brokers"')]
    # a suppressed group keeps its row (readers see that one was left out) but not its name (issue 15)
    rows = re.findall(r"<tr><td>a small group \(suppressed\)</td>(.*?)</tr>", silos_html)
    assert len(rows) == len(small)
    for row in rows:
        assert re.findall(r">([^<]*)</td>", row) == [""] * 7  # every figure blanked
    for g in small:
        assert html.escape(g) not in silos_html, g
    for g in big:
        assert re.search(r"<tr><td>" + re.escape(html.escape(g)) + r"</td><td", silos_html), g
    assert "merged into &#x27;Other groups&#x27;" in doc
    inward = [f for f in rep.findings if f.startswith("The most inward-looking")]
    assert inward and not any(g in inward[0] for g in small)


# ---------------------------------------------------------------------------- options
def test_relation_and_errors(example):
    rep = report(example, by=BY, path=None, relation="advice", permutations=20, k=1)
    assert rep.path is None and "restricted to advice" in rep.html
    advice = example.layer("advice").at(2025)
    s = _quiet(sm.silos, advice, BY, permutations=20, seed=0)
    assert f"the E-I index is {s.ei:.2f}" in rep.findings[1]
    with pytest.raises(sm.DataError, match="not an actor column"):
        report(example, by="nope", path=None)
    with pytest.raises(sm.DataError, match="not an actor column"):
        findings(example, "nope")
    with pytest.raises(KeyError):
        report(example, by=BY, path=None, relation="no-such-relation")


def test_top_level_names():
    assert sm.report is report
    from systemsmap.report import findings as f2

    assert f2 is findings



# ---------------------------------------------------------------------------- option checks
@pytest.mark.parametrize("options, match", [
    ({"permutations": -5}, "permutations must be a whole number, 0 or more, not -5"),
    ({"k": -1}, "k must be a whole number, 0 or more, not -1"),
    ({"min_group_size": 0}, "min_group_size must be a whole number, 1 or more, not 0"),
    ({"seed": "a"}, "seed must be"),
    ({"title": ""}, "title must be a non-empty text or None"),
    ({"pseudonymise": "yes"}, "pseudonymise must be True or False"),
    ({"salt": 42}, "salt must be a non-empty text or None, not 42"),
    ({"path": 3}, r"path must be the path of a file \(a text or a pathlib.Path\) or None, not 3"),
    ({"progress": "bar"}, "progress must be True, False, None"),
])
def test_options_are_checked_before_any_work(example, options, match):
    with pytest.raises(sm.errors.OptionError, match=match):
        report(example, **{"by": BY, "path": None, **options})


# ---------------------------------------------------------------------------- templates
class _Dom(HTMLParser):
    """The elements and the text of a page, as a browser would read them (character references decoded)."""

    def __init__(self, doc: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []
        self.feed(doc)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def test_templates_are_package_files():
    import jinja2

    from systemsmap.report import _html
    from systemsmap.report._sections import SECTIONS as PARTS

    folder = resources.files("systemsmap.report").joinpath("templates")
    for name in ("page.html", "section.html", "macros.html", "repr.html", "style.css", "sort.js"):
        assert folder.joinpath(name).is_file(), name
    # one template per section, and no template without a section
    assert sorted(p.name for p in folder.joinpath("sections").iterdir()) == sorted(f"{s.id}.html" for s in PARTS)
    env = _html.environment()
    assert isinstance(env.loader, jinja2.PackageLoader)
    assert env.autoescape is True and env.undefined is jinja2.StrictUndefined
    _, filename, _ = env.loader.get_source(env, "sections/silos.html")
    assert Path(filename).read_text(encoding="utf-8") == folder.joinpath("sections", "silos.html").read_text(
        encoding="utf-8")
    # the style and the sorter are written into the page as they are in their files
    for name in ("style.css", "sort.js"):
        assert env.get_template(name).render() == folder.joinpath(name).read_text(encoding="utf-8")
    # a value a template needs but is not given is an error, never an empty cell
    with pytest.raises(jinja2.UndefinedError, match="table"):
        _html.render("sections/actors.html", section=SimpleNamespace(id="actors", title="Actors", actors=3))


TEMPLATE_LABEL = "<script>alert(1)</script>{{ 7*7 }}"
TEMPLATE_GROUP = "{% if 1 %}<b>g</b>{% endif %}{{ x }}"
TEMPLATE_TITLE = "</title><script>t()</script>{{ title }}{# c #}"


def test_markup_and_template_syntax_in_data_render_as_text():
    actors = pd.DataFrame({"id": list("abcdef"), "label": [TEMPLATE_LABEL, "Bo", "Cy", "Di", "Ed", "Flo"],
                           "team": [TEMPLATE_GROUP] * 3 + ["plain"] * 3})
    ties = pd.DataFrame({"source": list("abcadef"), "target": list("bcdeefd")})
    net = sm.from_frames(actors, ties, directed=False)
    rep = report(net, by="team", path=None, title=TEMPLATE_TITLE, permutations=20, k=1)
    outer = _text_of(rep.html)
    for raw in (TEMPLATE_LABEL, TEMPLATE_GROUP, TEMPLATE_TITLE):
        assert raw not in outer, raw                   # never written as markup
        assert html.escape(raw) in outer, raw          # but escaped, as text
    dom = _Dom(outer)
    assert dom.tags.count("script") == 1 and "b" not in dom.tags  # only the report's own sorter
    text = "".join(dom.text)
    assert TEMPLATE_LABEL in text and TEMPLATE_GROUP in text      # shown as written, {{ }} not evaluated
    assert "<title>" + TEMPLATE_TITLE not in rep.html and text.count(TEMPLATE_TITLE) == 2  # <title> and <h1>
    (inner,) = _srcdocs(rep.html)                      # the interactive map: escaped once more
    assert TEMPLATE_LABEL not in inner and TEMPLATE_GROUP not in inner
    # the notebook view too
    view = Report(path=Path(TEMPLATE_GROUP), findings=[TEMPLATE_LABEL], sections=[], html="")._repr_html_()
    assert html.escape(TEMPLATE_LABEL) in view and html.escape(TEMPLATE_GROUP) in view
    assert _Dom(view).tags == ["div", "b", "ol", "li", "p", "code"]


# ---------------------------------------------------------------------------- size
def test_report_of_many_groups_stays_small_and_readable():
    """Issue 10: 235 actors grouped by a column with 230 values (it took minutes and wrote 25.7 MB).

    Its time is measured by benchmarks/bench_report.py --many-groups, not asserted here.
    """
    rng = np.random.default_rng(0)
    n = 235
    cities = [f"City {i:03d}" for i in range(230)]
    actors = pd.DataFrame({"id": [f"a{i:03d}" for i in range(n)], "City": cities + list(rng.choice(cities, n - 230)),
                           "role": rng.choice(["implementer", "policymaker", "lived_experience"], n),
                           "respondent": rng.random(n) < 0.8})
    pairs = sorted({(int(a), int(b)) for a, b in rng.integers(0, n, size=(1400, 2)) if a != b})
    ties = pd.DataFrame({"source": [f"a{a:03d}" for a, _ in pairs], "target": [f"a{b:03d}" for _, b in pairs],
                         "wave": rng.choice([2024, 2025], len(pairs))})
    net = _quiet(sm.from_frames, actors, ties)
    rep = _quiet(report, net, by="City", path=None, permutations=100, k=3, seed=0)
    assert len(rep.html.encode("utf-8")) < 5e6
    groups = net.at(2025).actors["City"].nunique()        # the report describes the latest wave
    assert groups > 200
    silos_html = rep.html[rep.html.index('<section id="silos"'):rep.html.index('<section id="brokers"')]
    assert f"Only the 20 largest groups are shown one by one; the other {groups - 20} are together in" in silos_html
    assert silos_html.count("<tr><td>City ") == groups   # the table still lists every group
    map_html = rep.html[rep.html.index('<section id="map"'):rep.html.index('<section id="silos"')]
    assert f"(the 20 largest; the other {groups - 20} together as" in html.unescape(map_html)


def test_large_networks_estimate_path_measures_and_say_so(example, monkeypatch):
    from systemsmap import _scale

    monkeypatch.setattr(_scale, "LARGE_NETWORK", 100)
    monkeypatch.setattr(_scale, "PATH_SAMPLE", 40)
    from systemsmap.report._analysis import analyse

    an = _quiet(analyse, example, BY, permutations=20, k=1, seed=0)
    assert an.path_sample == 40
    exact = sm.centrality(example.at(2025))["betweenness"]
    estimated = sm.centrality(example.at(2025), sample=40, seed=0)["betweenness"]
    pd.testing.assert_series_equal(an.centrality["betweenness"], estimated)
    assert not np.allclose(estimated, exact)
    rep = _quiet(report, example, by=BY, path=None, permutations=20, k=1)
    caveats = html.unescape(rep.html[rep.html.index('<section id="caveats"'):])
    assert "Path measures" in caveats and "estimated, not exact: with more than 100 actors" in caveats
    assert "shortest paths leaving 40 actors drawn at random" in caveats
    # the command line decides the same way, and says so
    from types import SimpleNamespace

    from systemsmap import cli

    printed = []
    monkeypatch.setattr(cli, "_echo", lambda args, text="": printed.append(text))
    assert cli._path_sample(SimpleNamespace(sample=None, quiet=False), example) == 40
    assert "estimated from 40 random source actors" in printed[0]
    assert cli._path_sample(SimpleNamespace(sample=7, quiet=False), example) == 7


def test_each_wave_compared_follows_the_size_rule_and_the_report_says_so(example, monkeypatch):
    """The change between waves estimates a wave's path measures only when that wave is large, by the rule
    of the network described, and the caveats say which waves; below the limit nothing changes."""
    from systemsmap import _scale
    from systemsmap.report._analysis import analyse

    exact = _quiet(analyse, example, BY, permutations=0, k=0, seed=0)
    assert exact.change_samples == {2024: None, 2025: None} and exact.path_sample is None
    for w, side in ((2024, "before"), (2025, "after")):  # the same numbers as before the rule
        want = sm.summary(example.at(w))
        pd.testing.assert_series_equal(exact.comparison.summary_change[side], want.rename(side), check_names=False)
    # 50 actors of both waves leave before 2025, with their ties: 2024 is above a limit of 150 actors, 2025 below
    t, a = example.ties, example.actors.copy()
    gone = set(a.index[a["waves"] == "2024; 2025"][:50])
    a.loc[list(gone), "waves"] = "2024"
    keep = (t["wave"] != 2025) | ~(t["source"].isin(gone) | t["target"].isin(gone))
    net = sm.StakeholderNetwork(a, t[keep].reset_index(drop=True), example.directed)
    assert len(net.at(2024)) > 150 > len(net.at(2025))
    monkeypatch.setattr(_scale, "LARGE_NETWORK", 150)
    monkeypatch.setattr(_scale, "PATH_SAMPLE", 40)
    an = _quiet(analyse, net, BY, permutations=0, k=0, seed=0)
    assert an.path_sample is None and an.change_samples == {2024: 40, 2025: None}
    sc = an.comparison.summary_change
    before = sm.summary(net.at(2024), sample=40, seed=0)
    assert before.attrs["sample"] == 40
    np.testing.assert_allclose(sc["before"].to_numpy(float), before.to_numpy(float), equal_nan=True)
    np.testing.assert_allclose(sc["after"].to_numpy(float), sm.summary(net.at(2025)).to_numpy(float),
                               equal_nan=True)
    assert sc.loc["mean_distance", "before"] != sm.summary(net.at(2024))["mean_distance"]
    rep = _quiet(report, net, by=BY, path=None, permutations=0, k=0)
    caveats = html.unescape(rep.html[rep.html.index('<section id="caveats"'):])
    assert "Path measures, change between waves" in caveats
    assert ("estimated, not exact: wave 2024 has more than 150 actors, so its betweenness, mean distance and "
            "diameter in the Change section come from the shortest paths leaving 40 actors drawn at random "
            "(seed 0)") in caveats
    assert "the path measures of wave 2024 in the Change section were estimated" in caveats
    assert "with more than 150 actors, betweenness, closeness" not in caveats  # the wave described is exact
    # both waves large: both said, in one row
    monkeypatch.setattr(_scale, "LARGE_NETWORK", 100)
    rep = _quiet(report, example, by=BY, path=None, permutations=0, k=0)
    caveats = html.unescape(rep.html[rep.html.index('<section id="caveats"'):])
    assert "waves 2024 and 2025 have more than 100 actors each, so their betweenness" in caveats


def test_path_measures_are_computed_once_per_network_and_sample(example, monkeypatch):
    """The report's steps share one computation of each wave's path measures, exact or estimated."""
    import importlib

    from systemsmap import _scale
    from systemsmap.report._analysis import analyse

    cmod = importlib.import_module("systemsmap.metrics.centrality")
    calls = []
    for name in ("_distance_stats", "_betweenness"):
        def counted(g, src, *a, _f=getattr(cmod, name), _name=name, **kw):
            calls.append((_name, len(src)))
            return _f(g, src, *a, **kw)
        monkeypatch.setattr(cmod, name, counted)
    net = sm.StakeholderNetwork(example.actors, example.ties, example.directed)  # nothing cached yet
    _quiet(analyse, net, BY, permutations=0, k=0, seed=0)
    # the wave described (summary, centrality), then the first wave (the change): once each
    assert sorted(calls) == [("_betweenness", 188)] * 2 + [("_distance_stats", 188)] * 2
    monkeypatch.setattr(_scale, "LARGE_NETWORK", 100)
    monkeypatch.setattr(_scale, "PATH_SAMPLE", 40)
    calls.clear()
    net = sm.StakeholderNetwork(example.actors, example.ties, example.directed)
    _quiet(analyse, net, BY, permutations=0, k=0, seed=0)
    assert sorted(calls) == [("_betweenness", 40)] * 2 + [("_distance_stats", 40)] * 2


# ---------------------------------------------------------------------------- recommended ties (issue 17)
def _next_steps_tables(doc: str) -> list[list[list[str]]]:
    """The tables of the Next steps section, as rows of cell texts (header row first)."""
    sec = doc[doc.index('<section id="next-steps"'):doc.index('<section id="caveats"')]
    out = []
    for tab in re.findall(r"<table.*?</table>", sec, flags=re.S):
        rows = re.findall(r"<tr.*?</tr>", tab, flags=re.S)
        out.append([[html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
                     for c in re.findall(r"<t[hd][^>]*>.*?</t[hd]>", r, flags=re.S)] for r in rows])
    return out


def test_recommended_ties_rest_on_current_ties_of_respondents_within_the_cap(written, example):
    # Issue 17: no recommended tie involves a non-respondent; no one appears (end or introducer)
    # more often than the cap; each recommendation lists the ties it rests on, with their wave;
    # each of the five joins one of the five least-connected pairs of groups, which the report lists
    # with the recommendations that join them.
    _, doc = written
    ties_table, gaps_table = _next_steps_tables(doc)[:2]
    head, rows = ties_table[0], ties_table[1:]
    assert len(rows) == K == 5
    col = {h: i for i, h in enumerate(head)}
    label = example.actors["label"]
    name_of = dict(zip(label, label.index))
    silent = {label[i] for i in example.actors.index[~example.actors.respondent.astype(bool)]}
    people = []
    latest = example.at(2025).ties
    for row in rows:
        ends = re.findall(r"(.+?) \(([^)]+)\)(?: – |$)", row[col["New tie"]])
        assert len(ends) == 2
        intro = row[col["Who could introduce them"]]
        people += [ends[0][0], ends[1][0], intro]
        rests = row[col["Resting on (introducer's ties: relation, wave, weight)"]]
        for end, _group in ends:
            # "<introducer> - <end>: <relation> (<wave>, weight w, one way|both ways)"
            m = re.search(re.escape(f"{intro} - {end}: ") + r"([^(]+) \((2025), weight ([\d.]+), (one way|both ways)\)",
                          rests)
            assert m, rests
            a, b = name_of[intro], name_of[end]
            tie = latest[((latest.source == a) & (latest.target == b)) | ((latest.source == b) & (latest.target == a))]
            assert m.group(1) == "; ".join(sorted(set(tie.relation)))
            assert float(m.group(3)) == tie.weight.max()
        assert int(row[col["Groups' rank, least connected first"]].split(" of ")[0]) <= 5
    assert not set(people) & silent
    assert pd.Series(people).value_counts().max() <= 2
    gaps = sm.least_connected(example, BY)
    g_head, g_rows = gaps_table[0], gaps_table[1:]
    assert [r[g_head.index("Groups")] for r in g_rows] == list(gaps.names.head(5))
    joined = " ".join(r[g_head.index("Recommended ties that join them")] for r in g_rows)
    assert sorted(int(x) for x in re.findall(r"#(\d+)", joined)) == list(range(1, K + 1))


def test_role_entries_name_at_most_a_hundred_members_then_count_the_rest():
    # a report of thousands of actors listed every researcher by name in its caveats
    from types import SimpleNamespace

    from systemsmap.report._sections import ROLE_NAMES_SHOWN, _role_rows

    n = ROLE_NAMES_SHOWN + 23
    actors = pd.DataFrame({"id": [f"a{i:03d}" for i in range(n)], "label": [f"Actor {i}" for i in range(n)],
                           "role": ["researcher"] * (n - 2) + ["policymaker", "polciymaker"]})
    net = _quiet(sm.from_frames, actors, pd.DataFrame({"source": ["a000"], "target": ["a001"]}))
    rows = {r["name"]: r for r in _role_rows(SimpleNamespace(net=net))}
    researchers = rows["Researcher"]
    assert researchers["count"] == n - 2
    assert researchers["members"].endswith(", Actor 99 and 21 more (the Actors table gives every actor's role)")
    assert researchers["members"].count("Actor ") == ROLE_NAMES_SHOWN
    assert rows["Policymaker"]["members"] == f"Actor {n - 2}"
    assert not rows["Polciymaker"]["canonical"] and rows["Polciymaker"]["note"] == "Policymaker"
