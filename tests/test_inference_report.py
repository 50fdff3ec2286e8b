"""The report's inference parts: the sentence on several groupings and the section "What drives the ties".

Both appear only when asked (``by=[...]``, ``model=``; ``--by a,b``, ``--model``), never by default.
"""
from __future__ import annotations


import numpy as np
import pandas as pd
import pytest

import systemsmap as sm
from conftest import run_cli
from systemsmap.errors import NotFoundError, OptionError



def small(label: str = "news") -> sm.StakeholderNetwork:
    """40 actors in 2 teams and 2 sites; 'work' ties mostly inside teams, 'news' mostly along work ties."""
    rng = np.random.default_rng(3)
    n = 40
    team = np.repeat([0, 1], n // 2)
    site = np.where(rng.random(n) < 0.5, team, 1 - team)
    ids = [f"a{i:02d}" for i in range(n)]
    work = (rng.random((n, n)) < np.where(team[:, None] == team[None, :], 0.3, 0.03)) & ~np.eye(n, dtype=bool)
    news = (rng.random((n, n)) < np.where(work, 0.5, 0.05)) & ~np.eye(n, dtype=bool)
    rows = [(ids[i], ids[j], rel) for rel, m in (("work", work), (label, news)) for i, j in zip(*np.nonzero(m))]
    actors = pd.DataFrame({"id": ids, "team": [f"t{t}" for t in team], "site": [f"s{s}" for s in site]})
    return sm.from_frames(actors, pd.DataFrame(rows, columns=["source", "target", "relation"]), directed=True)


def test_nothing_by_default():
    rep = sm.report(small(), by="team", path=None, permutations=19, k=0)
    assert "model" not in rep.sections and "Several groupings" not in rep.html
    assert not any(f.startswith("The silos follow") for f in rep.findings)


def test_several_groupings_and_the_model_section():
    net = small()
    rep = sm.report(net, by=["team", "site"], path=None, permutations=49, k=0, model="news")
    assert rep.sections.index("model") == rep.sections.index("next-steps") - 1
    verdict = sm.homophily(net, ["team", "site"], permutations=49, missing="own_group").verdict
    assert rep.findings[-1] == verdict and verdict.startswith("The silos follow team, not site")
    assert "<h3>Several groupings</h3>" in rep.html
    html_model = rep.html[rep.html.index('<section id="model"'):]
    html_model = html_model[:html_model.index("</section>")]
    assert "What goes with a news tie" in html_model
    fit = sm.mrqap(net, y="news", x=["work", sm.same("team"), sm.same("site"), sm.reciprocity], model="logit",
                   permutations=49)
    assert f"{fit.table.loc['work', 'odds_ratio']:.2f}" in html_model
    assert "Where there is a work tie, the odds of a news tie are" in html_model


def test_model_of_every_tie_and_hostile_names():
    net = small(label="<script>alert(1)</script>")
    rep = sm.report(net, by="team", path=None, permutations=19, k=0, model=True)
    assert "model" in rep.sections and "What goes with a tie" in rep.html
    assert "<script>alert(1)</script>" not in rep.html
    rep = sm.report(net, by="team", path=None, permutations=19, k=0, model="<script>alert(1)</script>")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; tie" in rep.html


def test_options_are_checked():
    net = small()
    with pytest.raises(NotFoundError, match="'evidence' is not a relation"):
        sm.report(net, by="team", path=None, model="evidence")
    with pytest.raises(NotFoundError, match="'news' is not a relation"):
        sm.report(net, by="team", path=None, relation="work", model="news")
    with pytest.raises(OptionError, match="model"):
        sm.report(net, by="team", path=None, model=3)
    with pytest.raises(OptionError, match="different actor columns"):
        sm.report(net, by=["team", "team"], path=None)
    with pytest.raises(NotFoundError, match="'county'"):
        sm.report(net, by=["team", "county"], path=None)


def test_command_line(tmp_path):
    net = small()
    net.to_csv(tmp_path / "data")
    out = tmp_path / "r.html"
    p = run_cli("report", tmp_path / "data" / "ties.csv", tmp_path / "data" / "actors.csv", "--by", "team,site",
                "--model", "news", "--permutations", "49", "-k", "0", "-o", out, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert "The silos follow team, not site" in " ".join(p.stdout.split())  # findings are wrapped
    assert "What drives the ties" in out.read_text(encoding="utf-8")
    bad = run_cli("report", tmp_path / "data" / "ties.csv", tmp_path / "data" / "actors.csv", "--by", "team,county",
                  "-o", out, cwd=tmp_path)
    assert bad.returncode == 2 and "--by: 'county' is not an actor column" in bad.stderr
