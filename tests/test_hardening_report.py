"""A pseudonymised report names no group under the minimum size anywhere (issue 15, item 1).

The bundled ecosystem's Central region (83 actors) with three actors moved
into a one-person and a two-person organisation is reported by organisation, pseudonymised: the
small organisations' names must not appear in the HTML (raw or unescaped,
which covers the tables, the bridges' reasons, the interactive map's data and
the notebook view), in ``Report.findings``, in any warning, or in what the
command line prints; the final check refuses a report that would still name
one (here: through its title), writing nothing.
"""
from __future__ import annotations

import contextlib
import html
import io
import os
import re
import warnings

import pandas as pd
import pytest

import systemsmap as sm

SMALL = {"Abernathy Consulting Ltd": 1, "Zephyr Partners": 2}


@pytest.fixture(scope="module")
def small_orgs(tmp_path_factory):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        net = sm.load_example("implementation_ecosystem").where(region="Central")  # 83 actors: quick
    a = net.actors.copy()
    moved = {a.index[0]: "Abernathy Consulting Ltd", a.index[1]: "Zephyr Partners", a.index[2]: "Zephyr Partners"}
    a["organisation"] = [moved.get(i, o) for i, o in zip(a.index, a["organisation"])]
    net = sm.StakeholderNetwork(a, net.ties, net.directed)
    folder = tmp_path_factory.mktemp("small_orgs")
    net.to_csv(folder / "net")
    return net, folder


def _small_names(net) -> list[str]:
    sizes = net.actors["organisation"].value_counts()
    names = [str(g) for g, n in sizes.items() if n < 5]
    assert set(SMALL) <= set(names)
    return names


def _named(text: str, names: list[str]) -> list[str]:
    return [n for n in names if re.search(r"(?<![\w])" + re.escape(n) + r"(?![\w])", text)]


def test_pseudonymised_report_names_no_small_group(small_orgs, tmp_path):
    net, _ = small_orgs
    names = _small_names(net)
    path = tmp_path / "r.html"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rep = sm.report(net, by="organisation", path=path, pseudonymise=True, salt="s", permutations=20, k=5,
                        progress=False)
    doc = path.read_text(encoding="utf-8")
    once = html.unescape(doc)
    for where, text in {"html": doc, "html unescaped": once, "html unescaped twice": html.unescape(once),
                        "findings": "\n".join(rep.findings),
                        "warnings": "\n".join(str(w.message) for w in caught)}.items():
        assert not _named(text, names), (where, _named(text, names))
    # the large organisations are still named, and the small ones are said to be left out
    big = net.actors["organisation"].value_counts()
    assert str(big.index[0]) in once
    assert "fewer than 5 actors" in once


def test_command_line_prints_no_small_group(small_orgs, tmp_path):
    from systemsmap.cli import main

    net, folder = small_orgs
    names = _small_names(net)
    out, err = io.StringIO(), io.StringIO()
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["report", str(folder / "net"), "--by", "organisation", "--pseudonymise", "--salt", "s",
                         "--permutations", "20", "-k", "5", "-o", "r.html", "--key", "key.csv"])
    finally:
        os.chdir(old)
    assert code == 0, err.getvalue()
    assert "Key findings" in out.getvalue()
    assert not _named(out.getvalue() + err.getvalue(), names)
    # the key is the one place that links codes to names; it names actors, as it must
    key = pd.read_csv(tmp_path / "key.csv", keep_default_na=False)
    assert len(key) == len(net)


def test_report_naming_a_small_group_is_refused(small_orgs, tmp_path):
    net, _ = small_orgs
    path = tmp_path / "r.html"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        with pytest.raises(sm.DataError) as err:
            sm.report(net, by="organisation", path=path, pseudonymise=True, salt="s", permutations=20, k=2,
                      title="Partners of Abernathy Consulting Ltd", progress=False)
    e = err.value
    assert e.options == {"min_group_size": 1}
    assert "1 actor," in str(e) and "minimum group size of 5" in str(e)
    assert "Abernathy" not in str(e)
    assert not path.exists()
    # the same title is fine once groups of one may be shown
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        sm.report(net, by="organisation", path=path, pseudonymise=True, salt="s", permutations=20, k=2,
                  title="Partners of Abernathy Consulting Ltd", min_group_size=1, progress=False)
    assert path.exists()


def test_grouping_column_survives_pseudonymise(tmp_path):
    # karate's 'club' holds "Mr. Hi", a titled name, which pseudonymise drops by default; the report keeps
    # the column it groups by (small groups are still hidden)
    net = sm.load_example("karate_club")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        rep = sm.report(net, by="club", path=tmp_path / "k.html", pseudonymise=True, salt="s", permutations=20,
                        k=2, progress=False)
    assert rep.key is not None and len(rep.key) == len(net)
