"""Write the teaching notebooks (``notebooks/*.ipynb``) from the cells below.

The notebooks are the committed artefact; this script is their source, so a
change of wording or code is made here and the notebooks rewritten with::

    python notebooks/build_notebooks.py            # rewrite every notebook
    python notebooks/build_notebooks.py --check    # exit 1 if a notebook differs from this script

The notebooks are written without outputs and with cell ids fixed by position,
so rewriting an unchanged notebook changes no byte. ``tests/test_notebooks.py``
runs each one top to bottom (from the ``notebooks/`` folder) and checks that
the committed files carry no outputs and match this script.

Every number quoted in the prose is the one the cells compute on the bundled
example (``sm.load_example("implementation_ecosystem")``, synthetic, seeded),
so a change of the library that moves one should be read and the prose
updated here.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from textwrap import dedent

import nbformat

HERE = Path(__file__).resolve().parent

SETUP = '''\
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import systemsmap as sm

pd.set_option("display.precision", 3)
pd.set_option("display.max_colwidth", 120)
SEED = 0  # every random choice (permutations, layouts, community detection) takes this seed

net = sm.load_example("implementation_ecosystem")
names = net.actors[["label", "sector"]]  # to put names beside ids in the tables below'''


def md(text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_markdown_cell(dedent(text).strip())


def code(text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_code_cell(dedent(text).strip())


# --------------------------------------------------------------------------- 01
QUICKSTART = [
    md("""
    # 1. Quick start: the shape of an implementation system

    An evidence-based intervention spreads, or fails to, through the people around it: researchers who
    hold the evidence, implementers and champions who change practice, policymakers and funders who
    decide, and people with lived experience whose voice should shape all of it. This notebook takes a
    stakeholder survey of such a system, looks at it, draws it, and reads the three findings that
    matter most. The other notebooks take each finding further:

    | notebook | question |
    |---|---|
    | `02_silos_and_brokers` | Do sectors keep to themselves, beyond what their sizes explain? Who connects them? |
    | `03_missing_bridges` | Which few introductions would connect the silos best, and who could make them? |
    | `04_waves` | What changed between the two survey waves, and is the change more than churn? |
    | `05_your_own_data` | Loading a Kumu map, a CSV pair, a roster survey and Qualtrics and Google Forms exports (typed names, a typo, "Don't know"), and what bad input looks like. |
    | `06_care_with_data` | Non-response, imputation, how robust the rankings are, tie ratings, privacy. |
    | `07_what_drives_ties` | Does evidence follow collaboration? Are the silos about sector or region? |
    | `08_evidence_and_learning` | Which kinds of evidence reach policymakers? Is lived experience heard first-hand? Does learning come back? |

    The example, `implementation_ecosystem`, is **synthetic**: an imagined regional mental-health
    system surveyed in 2024 and 2025 (207 actors, four relations). Every number below is computed here,
    from seeded code, so running the notebook again gives the same numbers.
    """),
    code(SETUP + "\nnet"),
    md("""
    A `StakeholderNetwork` is two tables and a direction flag. Each **tie record** is one answer: a
    respondent (`source`) named someone (`target`) for one relation (`collaboration`, `advice`,
    `evidence`, `funding`) in one wave, with a `weight` (contact frequency, 1 = yearly to 4 = daily;
    for funding, its size). 2,034 records sounds like a lot; most structural measures collapse them to
    one tie per ordered pair of actors, whatever the relation and wave (below: 1,407). To study one
    relation or one wave, pass a view: `net.layer("advice")`, `net.at(2025)`.
    """),
    code("""
    display(net.actors.head())
    display(net.ties.head())
    net.actors["sector"].value_counts()
    """),
    md("""
    ## The network in numbers

    `summary` returns a fixed set of figures. How to read them here:

    - **ties 1,407, density 0.033**: of all the ordered pairs that could be tied, 3% are. For a
      system of 207 people that is normal; density falls as systems grow, so compare it only between
      networks of similar size.
    - **reciprocity 0.16**: a sixth of ties are returned. Part of this is real (advice flows one way),
      part is missing data: 43 actors (21%) did not answer, so nobody can see their side of a tie.
    - **components 1, strong_components 48**: everyone is connected if ties are followed either way,
      but following directions, 48 pieces: non-respondents have no outgoing ties, so nothing flows
      *from* them. Keep this in mind whenever a measure follows direction.
    - **mean_distance 3.2, diameter 7**: on average three to four steps separate two actors.
    - **degree and betweenness centralization 0.07 and 0.08** (0 = everyone alike, 1 = a star): no
      single hub holds the system together, so if there are bottlenecks they lie between groups, not
      at one person.
    - **response_rate 0.79**: under 0.7 the library warns that rankings are fragile (notebook 06).
    """),
    code("sm.summary(net)"),
    md("""
    The relations are different networks. Collaboration holds most ties and nearly everyone (largest
    component 99.5%); advice and evidence are sparser and fall apart into more pieces (mean distance
    6.8 and 5.6 steps); funding is a set of small stars (166 components). Choose the layer that matches the
    question: "who could carry a new practice" is collaboration and advice, not funding.
    """),
    code("pd.DataFrame({r: sm.summary(net.layer(r)) for r in net.relations}).round(3)"),
    md("""
    ## The map

    Colour and hull show the sector, node size is betweenness (how many shortest paths run through an
    actor), arrows point from the person who reported the tie to the person named. The `groups`
    layout gives each sector its own region, so silos show as separate clusters and every line between
    clusters is a cross-sector tie. Only the most central actors are labelled, placed so that labels
    do not overlap.
    """),
    code("""
    betweenness = sm.centrality(net)["betweenness"]
    fig, ax = plt.subplots(figsize=(11, 8.5))
    sm.plot.network_map(net, color="sector", groups="sector", size=betweenness, ax=ax, seed=SEED,
                        title="Implementation ecosystem, both waves, all relations");
    """),
    md("""
    What the map shows before any statistic: six dense clusters; many lines between health services,
    academia and community organisations; funders tied to academia and government and almost nothing
    else; the lived-experience networks tied mainly to community organisations. The few large nodes in
    each cluster are the people through whom the rest of the system reaches that sector.

    ## The key findings

    `systemsmap.report.findings` writes the findings in plain sentences from the library's own numbers
    (the same sentences open the HTML report). They come in a fixed order: which ties they describe
    (the latest wave, 2025, unless asked to pool the waves), silos, the most inward-looking groups,
    brokers, champions, the voice of lived experience, single points of failure, recommended new ties,
    change between waves, response.
    """),
    code("""
    from systemsmap.report import findings

    key_findings = findings(net, by="sector", seed=SEED)
    for i, sentence in enumerate(key_findings, 1):
        print(f"{i}. {sentence}\\n")
    """),
    md("""
    Three of these decide what to do next.

    1. **The sectors are silos, well beyond what their sizes explain.** The E-I index, (external -
       internal) / (external + internal) ties, is -0.43 in 2025; ties placed at random among these six
       groups would give +0.59, and none of 1,000 random relabellings came this low. Three groups are the
       most inward-looking: lived-experience networks, academia and health services. Notebook 02
       shows where the walls are (the mixing matrix) and how firmly.
    2. **A handful of people carry the traffic between sectors.** S. Haddad (health services),
       Prof H. Ziegler (academia) and W. Young (government) stand between the most pairs, in
       different ways: Haddad mostly inside health services (only 84 of his 192 pairs cross sectors),
       Ziegler as the representative of academia to others, Young as a liaison between two other
       sectors. They are both the system's assets and
       its bottlenecks (notebook 02).
    3. **The missing conversations have names.** No tie links funders and the lived-experience
       networks; the first two recommended introductions join exactly those groups, each through a
       person who already knows both sides. Notebook 03 checks that these introductions beat random ones and a
       simple rule of thumb, and draws them on the map.

    Two findings carry their own caution: the 9 people with lived experience with no known path to a
    policymaker, and the "single points of failure", all rest on non-respondents, who cannot report
    their own ties, so the findings call them unknown rather than absent (notebooks 03 and 06).

    ## Sharing the results

    `sm.report` writes all of this, with figures and tables, to one self-contained HTML file (here to
    a temporary folder); `sm.plot.interactive` gives a map to pan, zoom, search and hover.
    """),
    code("""
    import tempfile
    from pathlib import Path

    out = Path(tempfile.mkdtemp()) / "report.html"
    rep = sm.report(net, by="sector", path=out, seed=SEED)
    print(f"{out} ({out.stat().st_size / 1e6:.1f} MB): sections {', '.join(rep.sections)}")
    """),
    code("""sm.plot.interactive(net, color="sector", groups="sector", size=betweenness, seed=SEED, height=550)"""),
]

# --------------------------------------------------------------------------- 02
SILOS = [
    md("""
    # 2. Silos and brokers

    Two questions, in this order: do the sectors keep to themselves more than their sizes would
    explain, and if so, who carries what little passes between them? The answers decide whether a
    programme needs new bridges (notebook 03) or can work through the brokers it already has.
    """),
    code(SETUP),
    md("""
    ## How siloed, against what baseline

    `silos` counts one tie per ordered pair of actors (all relations and both waves merged; pass
    `net.layer(...)` or `net.at(...)` for one) and compares the sectors' ties with what chance would
    give.
    """),
    code("""
    rep = sm.silos(net, "sector", permutations=1000, seed=SEED)
    print(rep)
    """),
    md("""
    **Reading the E-I index.** E-I = (E - I)/(E + I), with E the ties between groups and I the ties
    inside them: -1 if every tie stays inside a group, +1 if every tie crosses. The observed -0.44
    means 1,013 of 1,407 ties stay inside a sector.

    **Against 0? No: against +0.59.** With six groups, most pairs of actors are in *different*
    groups, so ties falling at random would mostly cross: the expected E-I is +0.59. The distance
    from -0.44 to +0.59 is the silo effect. (A network of two equal halves would have an expected E-I
    near 0; never read an E-I without its expected value.)

    **Is it chance? The permutation test.** The sector labels are shuffled over the actors 1,000 times,
    keeping the network and the group sizes fixed, and E-I recomputed each time. The p-value counts
    the shuffles with an E-I at least as low as the observed, plus one for the observed labelling
    itself, over 1,001: so 1/1,001, "p < 0.001", is the smallest value 1,000 permutations can give.
    Here no shuffle came near; the histogram shows how far off the observed value lies.

    **The other indices** say the same from other angles: assortativity 0.65 and Freeman segregation
    0.65 (0 = random mixing, 1 = no tie between groups), modularity 0.51 of the declared sectors. And
    communities detected from the ties alone, without the labels, reproduce the sectors almost
    exactly (normalised mutual information 0.93): the silos are in the structure, not an artefact of
    how we labelled people.
    """),
    code("""
    fig, ax = plt.subplots(figsize=(7, 2.6))
    ax.hist(rep.ei_null, bins=30, color="#bbbbbb")
    ax.axvline(rep.ei, color="#d62728", lw=2, label=f"observed E-I {rep.ei:+.2f}")
    ax.axvline(rep.ei_expected, color="#333333", ls="--", label=f"expected at random {rep.ei_expected:+.2f}")
    ax.set_xlabel("E-I index with the sector labels shuffled (1,000 permutations)")
    ax.set_yticks([])
    ax.legend(frameon=False, loc="upper left");
    """),
    md("""
    ## Which groups

    Each group's E-I counts its ties with both ends inside (I) against its ties with one end outside
    (E), and comes with its own expected value: small groups should look outward by chance (most of
    their possible partners are elsewhere), so a small group with a *positive* E-I can still be
    inward-looking. `coleman` (Coleman's homophily) says the same on a fixed scale: 0 when a group
    sends its ties in proportion to group sizes, 1 when every tie stays home.
    """),
    code("""
    groups = pd.DataFrame({"actors": rep.sizes, "ei": rep.group_ei, "ei_expected": rep.group_ei_expected,
                           "coleman": rep.coleman})
    groups["shortfall"] = groups["ei_expected"] - groups["ei"]
    groups.sort_values("shortfall", ascending=False)
    """),
    md("""
    - The **lived-experience networks** fall furthest short (-0.46 against +0.85 by chance; Coleman
      0.87): 55 of their 204 ties reach outside. A programme that wants their voice in decisions
      cannot count on the network to carry it.
    - **Academia** and **health services** are the largest groups and still fall far short: they
      mostly talk to themselves.
    - **Funders** have a *positive* E-I (+0.36), which looks open, but chance would give +0.93; with
      14 people, almost any tie of theirs should cross. They are less closed than the others (Coleman
      0.39), not open.

    ## Where the walls are: the mixing matrix

    Rows are the groups that *report* a tie (senders), columns the groups named. Each cell shows the
    **block density**: the ties present over the pairs possible, so that groups of different sizes
    compare fairly; the count is in brackets. Groups are ordered so that those which mix sit together.
    A dark diagonal is the silo; the empty cells are the conversations that do not happen.
    """),
    code("""
    fig, ax = plt.subplots(figsize=(8.5, 7))
    sm.plot.mixing_heatmap(rep, ax=ax);
    """),
    md("""
    Read the empty cells first. **Funders name nobody in the lived-experience networks, community
    organisations or health services** (0 ties); from lived-experience networks to funders there are
    none either, and only one tie reaches government. Funders' ties go to academia (0.05) and
    government (0.10): money follows evidence and policy, not the people it is meant to serve.
    Community organisations are the lived-experience networks' main partner (24 and 9 ties).

    The matrix is not symmetric because the network is directed: a row counts what that group
    *reported*. Groups with many non-respondents (government 67%, funders 71%) under-report their
    rows; a column with ties where the mirrored row has none often means the other side did not answer
    (notebook 06).

    ## Brokers: Gould and Fernandez's five roles

    A broker `b` sits on a two-step path `a -> b -> c` where `a` does not reach `c` directly. Who `a`,
    `b` and `c` are, by group, gives the role:

    | role | groups along `a -> b -> c` | what the broker does |
    |---|---|---|
    | coordinator | all the same | links people inside their own group |
    | itinerant | `a`, `c` in one group, `b` outside | an outsider linking members of another group |
    | representative | `a`, `b` the same, `c` other | carries their group's message out |
    | gatekeeper | `a` other, `b`, `c` the same | lets outside information into their group |
    | liaison | all three different | links two groups they do not belong to |

    Counts are ordered pairs `(a, c)` brokered. The z-score compares each count with a random network
    of the same density and group sizes (as R's `sna::brokerage`); it ranks brokers against chance
    but is not a p-value: in a network this clustered, every within-group count is far above a
    random graph.
    """),
    code("""
    counts = sm.brokerage(net, "sector")
    z = sm.brokerage(net, "sector", stat="z")
    top = counts.sort_values("total", ascending=False).head(10).index
    names.loc[top].join(counts).join(z[["representative", "gatekeeper", "liaison", "total"]].add_suffix("_z"))
    """),
    md("""
    The three strongest brokers do different jobs:

    - **Prof H. Ziegler** (academia) is a *representative*: 281 of 447 brokered pairs carry academia's
      ties out (z = 35). The person through whom evidence leaves the university; also a risk, since
      so much of academia's outward traffic runs through one person.
    - **S. Haddad** (health services) is mostly a *coordinator* (224 pairs inside health services):
      a hub within the sector, not a bridge out of it, despite ranking second on the total.
    - **W. Young** (government) is the system's main *liaison* (129 pairs between two other
      sectors, z = 6.2): a neutral party between sectors, the natural convenor.

    For the network as a whole, the z-scores tell the silo story again: far more coordination than
    chance (z = 60), far less liaison (-14) and itinerant brokerage (-13). The system moves
    information well inside sectors and poorly between them.
    """),
    code("""
    pd.concat({"count": sm.brokerage(net, "sector", level="network"),
               "expected": sm.brokerage(net, "sector", level="network", stat="expected"),
               "z": sm.brokerage(net, "sector", level="network", stat="z")}).round(1)
    """),
    code("""
    fig, ax = plt.subplots(figsize=(8, 6.8))
    sm.plot.brokerage_chart(net, "sector", table=counts, top=15, ax=ax);
    """),
    md("""
    The bars are greys from light (coordinator: brokering inside one's own group) to dark (liaison:
    between two other groups); names are coloured by sector. Look for dark bars: they mark the people
    who connect sectors. A bar that is nearly all light grey (Dr J. Lim: 147 of 158 pairs inside
    academia) marks a hub within a sector.

    ## Structural holes: whose contacts are not connected to each other

    Burt's measures look at each actor's own contacts (ties in either direction):

    - **constraint** (0 to 1): how much an actor's contacts are tied to each other, or concentrated in
      few people. Low constraint means contacts in separate circles: access to non-redundant
      information and the chance to broker, along with the burden of holding those circles together.
    - **effective_size**: the number of contacts minus their redundancy, i.e. roughly how many
      separate circles the actor reaches; **efficiency** is effective size over the number of contacts.
    - **hierarchy** (0 to 1): how far the constraint comes from a single contact (dependence on one
      person).

    `scope="network"` measures a contact's investment over all its ties (igraph, networkx);
    `scope="ego"` looks only inside the actor's own neighbourhood, as UCINET does by default. The
    two rank actors alike here (rank correlation 0.95 of the two constraints; 8 of the 10 least
    constrained in common), but their values differ: quote the scope with any number.
    """),
    code("""
    holes = sm.structural_holes(net)
    ego = sm.structural_holes(net, scope="ego")
    least = holes.sort_values("constraint").head(10).index
    names.loc[least].join(holes).join(ego[["constraint"]].rename(columns={"constraint": "constraint_ego"}))
    """),
    md("""
    The least constrained actors are the brokers found above (Ziegler, Young, Haddad), F. Castillo
    (CO001, the peer-support lead at the Open Door Recovery College, who carries community
    organisations' ties out), and a few who rank lower on brokerage counts but whose contacts sit in
    separate circles, such as W. Sato (government) and T. Dimitrov (health services). The network
    median constraint is 0.13; the most constrained actors (up to 1.0) have a single contact and
    depend on that person entirely.

    ## Centrality: which measure answers which question

    | measure | answers | read with care |
    |---|---|---|
    | `in_degree` | who is named by many (prominence) | favours the well known |
    | `out_degree` | who reports many ties (activity) | 0 for every non-respondent |
    | `betweenness` | who sits on the shortest paths between others (brokerage, bottlenecks) | follows direction, so depends on who answered |
    | `closeness`, `harmonic` | who can be reached in few steps (incoming distance) | harmonic copes with unreachable actors |
    | `eigenvector`, `pagerank` | who is named by people who are themselves well named (status) | |
    """),
    code("""
    cent = sm.centrality(net)
    display(names.loc[cent["betweenness"].nlargest(10).index].join(cent))
    cent.corr(method="spearman").round(2)
    """),
    md("""
    The correlations carry a warning. Betweenness tracks **out-degree** (rank correlation 0.73) much
    more than in-degree (0.49): on a survey, the people who *report* many ties sit on many directed
    paths, and non-respondents sit on none. Rankings on betweenness are partly rankings on who
    answered the survey at length. Notebook 06 measures how stable they are when respondents go
    missing (`robustness`) and what imputing the non-respondents' ties changes.
    """),
    code("""
    fig, ax = plt.subplots(figsize=(8, 6.5))
    sm.plot.centrality_chart(net, "betweenness", values=cent["betweenness"], color="sector", top=15, ax=ax);
    """),
    md("""
    ## What to do with this

    - **Name the silo in the terms that matter**: not "the network is fragmented" but "funders have no
      tie to the lived-experience networks, community organisations or health services", from the
      mixing matrix.
    - **Work through the liaisons, protect the representatives.** W. Young connects sectors he does not
      belong to: the natural person to convene cross-sector work. Prof H. Ziegler carries most of
      academia's outward traffic: a second academic link would reduce the dependence.
    - **Do not mistake hubs for bridges.** A high total made of coordinator pairs (S. Haddad) is a
      hub inside a sector.
    - **Check the rankings against non-response** before naming anyone in a report (notebook 06),
      and look for the introductions that would open the silos (notebook 03).
    """),
]

# --------------------------------------------------------------------------- 03
BRIDGES = [
    md("""
    # 3. The missing bridges, and what else to act on

    Notebook 02 showed where the sectors do not talk. This one asks what to do: which few
    introductions would connect the silos most (`bridges`), whether those beat simpler ways of choosing
    (checked below), whose loss would split the system (`key_players`, `vulnerabilities`), how the
    voices of people with lived experience reach policymakers (`voice`), and who is best placed to
    champion change (`champions`).
    """),
    code(SETUP),
    md("""
    ## Recommended introductions

    `bridges` proposes `k` new ties between actors of different groups. By default it considers only
    **introducible** pairs, two people who share a contact who could introduce them, since those
    introductions can actually be made, and asks nobody to take part in more than two (as one of the
    two people or as the introducer). It uses the latest wave's ties and leaves out people who did not
    answer the survey, whose ties are unknown. It chooses greedily: each tie is the one that most
    raises the objective given the ties chosen before it, and `gain` is that exact increase.

    The objective starts from the **between-group efficiency** of each pair of groups: the average of
    1/distance over all pairs of their members (ties taken both ways; 0 without a path). The default,
    `objective="silos"`, is the harmonic mean of it over the 15 pairs of sectors, so a first tie
    between two nearly separate sectors counts far more than one more tie between sectors already
    well joined: it bridges the deepest silos first. `sm.least_connected(net, "sector")` ranks the
    pairs; `objective="efficiency"` takes the plain mean instead.
    """),
    code("""
    rec = sm.bridges(net, "sector", k=5)
    print(f"{rec.attrs['objective_name']}: {rec.attrs['objective_before']:.4f} before, "
          f"{rec['objective_after'].iloc[-1]:.4f} after {len(rec)} ties "
          f"({rec.attrs['n_candidates']:,} introducible candidates)")
    rec.assign(source_name=rec["source"].map(names["label"]), target_name=rec["target"].map(names["label"]),
               introducer_name=rec["introducer"].map(names["label"]))[
        ["source_name", "source_group", "target_name", "target_group", "introducer_name", "gain"]]
    """),
    code("""
    for rank, reason in rec["reason"].items():
        print(f"{rank}. {reason}")
    """),
    md("""
    All five introductions join the two least-connected pairs of sectors in the latest wave: funders
    and the lived-experience networks (no tie at all) and government and the lived-experience networks
    (two). The columns `rests_on`, `source_tie_wave` and the like say which ties of the introducer
    each one relies on.

    ## Do these beat simpler choices?

    The check below recomputes the plain mean between-group efficiency by hand, on every wave's ties
    and every actor, so it compares the recommendation made with those options (`objective="efficiency",
    waves="pooled", include_nonrespondents=True`). Its objective rises from 0.397 to 0.402. That looks
    small, because five ties among 207 people can only move an average over 15 pairs of groups and
    thousands of pairs of people a little. The fair question is whether *other* five introductions
    would do as well. Two baselines, each scored by adding its ties to the network and recomputing the
    objective from scratch (with igraph's distances, not the library's incremental rule):

    1. **random**: five ties drawn at random from the same introducible candidates (same limit of two
       per person), 20 seeds;
    2. **rule of thumb**: for each of the five least-connected pairs of sectors, the candidate tie
       between the two best-connected actors (highest degree) of the two sectors.

    The objective is computed here in a few lines so that it can be checked by hand; the first two
    printed numbers must equal the library's.
    """),
    code("""
    import itertools

    import igraph as ig

    ids = list(net.ids)
    index = {a: i for i, a in enumerate(ids)}
    sector = net.groups("sector").series.to_numpy()
    tied = {tuple(sorted((index[s], index[t]))) for s, t in zip(net.ties["source"], net.ties["target"])}


    def efficiency_with(added=()):
        \"\"\"Mean between-group efficiency of the network with the ties `added` (pairs of ids).\"\"\"
        edges = tied | {tuple(sorted((index[s], index[t]))) for s, t in added}
        d = np.array(ig.Graph(n=len(ids), edges=sorted(edges)).distances(), dtype=float)
        inv = np.zeros_like(d)
        reach = np.isfinite(d) & (d > 0)
        inv[reach] = 1 / d[reach]
        return np.mean([inv[np.ix_(sector == g, sector == h)].mean()
                        for g, h in itertools.combinations(sorted(set(sector)), 2)])


    eff = sm.bridges(net, "sector", k=5, objective="efficiency", waves="pooled", include_nonrespondents=True)
    before = efficiency_with()
    print(f"{before:.6f} before (library: {eff.attrs['objective_before']:.6f}); "
          f"{efficiency_with(zip(eff.source, eff.target)):.6f} with the five (library: {eff.objective_after.iloc[-1]:.6f})")
    """),
    code("""
    # the introducible candidates: different sectors, not tied, at least one contact in common
    neighbours = {i: set() for i in range(len(ids))}
    for i, j in tied:
        neighbours[i].add(j)
        neighbours[j].add(i)
    candidates = sorted((ids[i], ids[j]) for i in range(len(ids)) for j in range(i + 1, len(ids))
                        if sector[i] != sector[j] and (i, j) not in tied and neighbours[i] & neighbours[j])
    print(f"{len(candidates):,} candidates (library: {eff.attrs['n_candidates']:,})")


    def capped(pairs, k=5, cap=2):
        \"\"\"The first k pairs in which nobody gets more than `cap` new ties.\"\"\"
        count, picks = {}, []
        for a, b in pairs:
            if count.get(a, 0) < cap and count.get(b, 0) < cap:
                picks.append((a, b))
                count[a], count[b] = count.get(a, 0) + 1, count.get(b, 0) + 1
            if len(picks) == k:
                break
        return picks


    random_gains = [efficiency_with(capped([candidates[i] for i in np.random.default_rng(s).permutation(len(candidates))]))
                    - before for s in range(20)]

    degree = pd.Series(0, index=ids)
    between = pd.Series(0, index=pd.MultiIndex.from_tuples(itertools.combinations(sorted(set(sector)), 2)))
    for i, j in tied:
        degree.iloc[[i, j]] += 1
        if sector[i] != sector[j]:
            between[tuple(sorted((sector[i], sector[j])))] += 1
    group_of = dict(zip(ids, sector))
    rule, count = [], {}
    for pair in between.sort_values(kind="stable").index:  # least-connected pairs of sectors first
        options = [c for c in candidates if tuple(sorted((group_of[c[0]], group_of[c[1]]))) == pair
                   and count.get(c[0], 0) < 2 and count.get(c[1], 0) < 2]
        if options:  # the two best-connected actors of the pair (most ties, then by id)
            a, b = min(options, key=lambda c: (-(degree[c[0]] + degree[c[1]]), c))
            rule.append((a, b))
            count[a], count[b] = count.get(a, 0) + 1, count.get(b, 0) + 1
        if len(rule) == 5:
            break

    gains = pd.Series({"bridges (greedy)": eff["objective_after"].iloc[-1] - before,
                       "rule of thumb": efficiency_with(rule) - before,
                       "random, best of 20 seeds": max(random_gains),
                       "random, mean of 20 seeds": np.mean(random_gains)}, name="gain in efficiency")
    assert gains["bridges (greedy)"] > max(gains["rule of thumb"], gains["random, best of 20 seeds"])
    display(between.sort_values().head(5).rename("ties between the pair (least connected first)"))
    gains.to_frame().assign(relative_to_bridges=gains / gains.iloc[0]).round(5)
    """),
    md("""
    The five recommended ties raise the objective by 0.0057. The rule of thumb, which also aims at the
    least-connected pairs of sectors, gets three quarters of that (0.0043): it picks the busiest
    people, who are already close to everyone, so their tie shortens fewer routes. Random introductions
    get about a sixth on average (0.0010), and the best of 20 random draws a third. The assertion in
    the cell above fails if the recommendation ever stops beating both.

    In terms people understand: the mean distance between funders and members of the lived-experience
    networks, the widest gap, falls by 0.4 steps with the five introductions:
    """),
    code("""
    def mean_distance(g, h, added=()):
        edges = tied | {tuple(sorted((index[s], index[t]))) for s, t in added}
        d = np.array(ig.Graph(n=len(ids), edges=sorted(edges)).distances(), dtype=float)
        return d[np.ix_(sector == g, sector == h)].mean()

    for g, h in [("funders", "lived-experience networks"), ("government", "lived-experience networks")]:
        print(f"{g} to {h}: {mean_distance(g, h):.2f} steps now, "
              f"{mean_distance(g, h, zip(eff.source, eff.target)):.2f} with the five introductions")
    """),
    md("""
    The recommendation is a shortlist for a conversation, not an instruction: the introducer must
    agree, the two people must have a reason to meet, and `exclude=` and `only=` take out people who
    cannot or did not consent. `objective="ei"` maximises cross-group ties instead of shortening routes,
    and `candidates="any"` allows pairs with no common contact (introductions someone outside the
    network would have to broker).

    ## Key players: whose loss would split the system, who reaches everyone

    Borgatti's key-player problems, for a set of `k` actors: **fragmentation** finds the set whose
    removal disconnects the most pairs (who to protect, or to back up); **reach** finds the set that
    reaches the most others within `m` steps (who to recruit to spread something). Like every action
    function, `key_players` works on the latest wave by default (the result says so; `waves="pooled"`
    pools them), and leaves out of the candidates the people who did not answer the survey, whose own
    ties are unknown (`include_nonrespondents=True` brings them back).
    """),
    code("""
    kp = sm.key_players(net, 3, seed=SEED)
    print(kp, "\\n")
    reach = sm.key_players(net, 3, objective="reach", m=2, seed=SEED)
    print(reach)
    """),
    md("""
    Removing the three actors that fragment the network most would leave 97% of pairs connected:
    the system has no critical hub whose departure would split it. The three are each the only
    contact of one other actor who did not answer the survey (see vulnerabilities below). Reach is the
    more useful result here: **three people (W. Young, C. Ellison, S. Haddad) reach 98% of the other
    actors within two steps** in 2025. To spread a message, an invitation or a practice guide through
    the whole system, start with them.

    ## Single points of failure
    """),
    code("""
    vul = sm.vulnerabilities(net, by="sector")
    print(vul, "\\n")
    vul.ties[["source_label", "target_label", "cut_off", "cut_off_nonrespondents", "rests_on_nonresponse"]]
    """),
    md("""
    Four people each hold the only tie of one other actor, and every actor who would be cut off is a
    **non-respondent** named by a single person: `rests_on_nonresponse` marks each of these cuts. That
    is a fact about the data before it is a fact about the system: had they answered, they might have
    named others. `vulnerabilities` says so ("whether anyone would really be cut off is unknown"), and
    so does the report.

    ## The voice of lived experience

    `voice` follows ties from people with lived experience (any of their roles) to policymakers:
    distance, how many policymakers lie within two and three steps, how many independent routes each
    has, and who carries their voice (the share of the shortest routes that pass through each actor).
    By default a voice moves along a tie in the direction it was reported (`mode="out"`: from the
    person who named a contact to that contact), in the latest wave.
    """),
    code("""
    vo = sm.voice(net)
    print(vo)
    vo.carrier_share.head(5).to_frame().join(names)
    """),
    code("""
    print(vo.actors["status"].value_counts().to_dict())
    print(sm.voice(net, mode="all"))
    """),
    md("""
    Read the two results together. Following reported directions, 17 of 41 people with lived experience
    are within two steps of a policymaker in 2025, and 9 have no known path; **all 9 are
    non-respondents**, who have no outgoing ties to follow, so `voice` marks their status "unknown",
    not "no path". Following ties either way (`mode="all"`), 30 are within two steps and all 41 within
    three. The true picture lies between.

    The carriers are the point of this analysis. V. Moreau (LE001, chair of the Lived Experience
    Advisory Panel), N. Ziegler and F. Castillo carry most of the shortest routes; one person depends
    on V. Moreau alone. A programme that wants lived experience to shape policy should resource these
    carriers, and add routes that do not all run through them (the recommended bridges above do).

    ## Champions

    `champions` ranks actors on three things a champion of change needs, each turned into the share of
    other actors it beats and then averaged: **reach** (share of policymakers within two steps,
    following ties either way, unlike `voice`), **brokerage** across groups (Gould-Fernandez total less
    coordination), and **in-degree** (how many name them). It lists only people who answered the
    survey, and names people to talk to; it does not measure influence.
    """),
    code("""
    champ = sm.champions(net, by="sector", top=8)
    champ.join(names[["sector"]])
    """),
    md("""
    W. Young and Prof H. Ziegler top the ranking as they topped the brokerage across sectors in
    notebook 02: both reach every policymaker within two steps. Four of the top five work in
    government; the first actor from health services, where the programme looked for its champions,
    comes eighth (S. Haddad), and reaches under half the policymakers within two steps. Worth knowing
    before relying on health-services champions to reach policy.

    ## The introductions on the map

    Recommended ties are dashed and numbered in rank order; their ends are outlined and named.
    """),
    code("""
    fig, ax = plt.subplots(figsize=(11, 8.5))
    sm.plot.network_map(net, color="sector", groups="sector", size=sm.centrality(net)["betweenness"],
                        highlight=rec, ax=ax, seed=SEED, title="Five recommended introductions");
    """),
    md("""
    ## What to do with this

    1. **Make the introductions**, starting with the funders and the lived-experience networks
       (ties 1, 4 and 5), then government and the lived-experience networks (2 and 3), through the
       named introducers; the check above shows that the greedy choice is worth more than five
       introductions chosen by hand or at random.
    2. **Recruit the reach set** (W. Young, C. Ellison, S. Haddad) to spread anything that must reach
       the whole system.
    3. **Resource the carriers of lived-experience voice** and give the one person who depends on a
       single carrier a second route.
    4. **Before naming single points of failure, chase the non-respondents** they rest on.
    """),
]

# --------------------------------------------------------------------------- 04
WAVES = [
    md("""
    # 4. What changed between the waves

    The example was surveyed twice, in 2024 and 2025, with a cross-sector programme in between. The
    question an evaluation has to answer: did the sectors connect more, and is the change more than the
    ordinary churn of who works with whom?
    """),
    code(SETUP + """

for wave in net.waves:
    print(wave, repr(net.at(wave)))"""),
    md("""
    `net.at(wave)` is the network of one wave: the actors who took part in it (the `waves` actor
    column) and the ties reported in it. `compare` matches the two waves on actor ids.
    """),
    code("""
    change = sm.compare(net, waves=(2024, 2025), by="sector", permutations=1000, seed=SEED)
    print(change)
    """),
    md("""
    Reading it line by line:

    - **Turnover**: 19 actors left and 19 joined; 169 took part in both. Part of any change is who
      is in the system, not how they work together (separated below).
    - **Pairs and per-relation ties**: pairs of actors tied in any relation went from 864 to 994
      (543 newly tied, 413 no longer tied); counted per relation, the records went from 951 to 1,083.
      The two are different units: a pair who add advice to their collaboration gain a tie record but
      are not a new pair. Nearly half of 2024's pairs (413 of 864) were gone in 2025: these systems
      churn, which is why change needs a test against churn.
    - **Cross-sector ties** (pairs) rose from 209 to 284, and the E-I index from -0.52 to -0.43: more
      outward-looking. **But p = 0.06**: the test keeps the 169 actors present in both waves,
      reassigns the ties that changed between the two waves at random (keeping how many were gained
      and lost), and asks how often that gives an E-I change this large either way. One time in 16
      is not rare enough to credit the programme with confidence.
    - **Response rate** rose from 0.78 to 0.81. More respondents report more ties: part of any rise in
      ties is the survey, not the system.
    """),
    code("change.summary_change"),
    md("""
    Beyond the sentence: mean distance fell from 3.86 to 3.54 steps and betweenness centralization
    from 0.09 to 0.07, so routes got shorter and depended less on a few people; transitivity fell
    slightly (new ties were less often within closed groups). Strong components fell from 52 to 41,
    which is the response rate at work.
    """),
    code("change.ei_change"),
    md("""
    By sector, academia (+0.14), health services (+0.12) and government (+0.15) opened up; the
    **lived-experience networks barely moved** (+0.02), and community organisations slightly closed.
    Whatever the programme did, it did not reach the lived-experience networks; that is where the
    next round should aim (the bridges of notebook 03 point the same way).

    Which pairs of sectors gained and lost ties (pairs of actors, directed: `group_a` reported the
    tie), so that `before + gained - lost = after`:
    """),
    code("""
    cross = change.by_group[change.by_group["group_a"] != change.by_group["group_b"]]
    display(cross.sort_values("change", ascending=False).head(6))
    cross.sort_values("change").head(4)
    """),
    md("""
    Funders to government and funders to academia doubled; health services to funders fell from 7 to 2.
    The gains are where money and policy meet, not where services and communities meet.

    **Who drove it.** `actor_change` holds degree, betweenness and brokerage in both waves for the
    169 actors present in both:
    """),
    code("""
    movers = change.actor_change.sort_values("brokerage_change", ascending=False).head(8)
    names.loc[movers.index].join(movers[["brokerage_before", "brokerage_after", "brokerage_change", "betweenness_change"]])
    """),
    md("""
    The largest gains in brokerage are in academia, health services and government, the sectors
    whose E-I rose. Read single names with care: this example records `respondent` once per actor,
    not per wave, so an actor who answered in one wave only would gain or lose their reported ties
    with it unseen. Where the data say who answered in which wave (a `respondent` column listing the
    waves, such as "2024; 2025"), `compare` marks each tie gained or lost whose reporter answered in
    one wave only (`ties_gained["cause"]`, `pairs_changed`), and says how many there are.

    **Separating turnover from change.** Comparing only the actors present in both waves
    (`net.subset(...)`) removes joiners and leavers; comparing one relation removes shifts between
    relations. If the effect survives both, it is not an artefact of who was surveyed.
    """),
    code("""
    print(sm.compare(net.subset(change.actors_stayed), waves=(2024, 2025), by="sector", seed=SEED), "\\n")
    print(sm.compare(net.layer("collaboration"), waves=(2024, 2025), by="sector", seed=SEED))
    """),
    md("""
    Among the 169 who stayed, E-I moved from -0.52 to -0.46 (p = 0.06 again), so part of the full
    change (to -0.43) came from who joined and who left; in collaboration alone, from -0.65 to -0.59
    (p = 0.31). The direction is consistent, the evidence weak: report it as "a
    shift toward cross-sector ties that two waves cannot distinguish from churn", and plan a third wave
    or a comparison system if the programme's effect has to be shown.

    ## The two waves on one map

    `plot.waves` draws each wave on the same layout, so every actor keeps its place: grey dots were not
    in that wave, black lines are ties gained since the previous wave, dashed red lines ties lost.
    """),
    code("""
    fig, axes = plt.subplots(1, len(net.waves), figsize=(15, 7))
    sm.plot.waves(net, by="sector", ax=axes, seed=SEED);
    """),
    md("""
    The 2025 panel is busy because so much changed; look at the long lines. Black lines between the
    academia, government and funders clusters are the cross-sector gains; the lived-experience cluster
    gains little from outside. The numbers under each panel count pairs of actors, as `compare` does.
    """),
]

# --------------------------------------------------------------------------- 05
OWN_DATA = [
    md("""
    # 5. Your own data

    The files a programme team already has: a Kumu map, a survey export in roster form, a pair of CSV
    tables. The `data/` folder at the top of the repository holds the bundled example in each format
    (see `data/README.md`); this notebook loads them, shows what the readers expect, and what their
    errors look like when the data are wrong.

    The notebook runs from `notebooks/` (or from the repository root): it finds `data/` by looking
    upward from the working folder.
    """),
    code("""
    import tempfile
    import warnings
    from pathlib import Path

    import pandas as pd

    import systemsmap as sm

    here = Path.cwd()
    DATA = next((p / "data" for p in (here, *here.parents) if (p / "data" / "ecosystem_kumu.xlsx").is_file()), None)
    if DATA is None:
        raise FileNotFoundError("run this notebook from the systemsmap repository: the data/ folder holds the example files")
    example = sm.load_example("implementation_ecosystem")
    sorted(p.name for p in DATA.iterdir())
    """),
    md("""
    ## A Kumu map

    `read_kumu` takes Kumu's JSON export or its Excel workbook: the `Elements` sheet (one row per actor:
    `Label`, `Type`, any attribute) and the `Connections` sheet (`From`, `To`, `Type` for the relation,
    `Direction`, `Strength`). Several values in one cell are separated by `|`, as Kumu writes them
    (`Researcher|PWLE` becomes the roles `researcher; lived_experience`); sheets marked `(ignore)` are
    skipped by Kumu and read by systemsmap, which stores there what Kumu cannot carry.
    """),
    code("""
    kumu = sm.read_kumu(DATA / "ecosystem_kumu.xlsx")
    print(repr(kumu))
    print("identical to the bundled example:", kumu == example)
    """),
    md("""
    ## A CSV pair

    Ties need two columns for the ends: `source`/`target`, or `from`/`to`, `ego`/`alter`,
    `sender`/`receiver`. `relation` (or `type`), `weight` (or `strength`, `value`) and `wave` are
    optional, and every other column is kept. The actors file is optional too; without it, actors are
    taken from the ties (and have no attributes to group by).
    """),
    code("""
    pair = sm.read_csv(DATA / "ecosystem_ties.csv", DATA / "ecosystem_actors.csv")
    print("identical to the bundled example:", pair == example)

    # other column names: the usual synonyms are recognised, anything else is mapped with columns=
    ties = pd.DataFrame({"ego": ["AC001", "GV001"], "alter": ["GV001", "LE001"], "contacts_per_year": [12, 52],
                         "project": ["pilot", "scale-up"]})
    sm.from_frames(None, ties, columns={"contacts_per_year": "weight"}).ties
    """),
    md("""
    ## A roster survey

    The common export of an online network survey: **one row per respondent, one column per person on
    the list**, each cell a rating ("How often do you collaborate with ...?"). `scale` maps the labels
    to numbers, lowest first (`never` = 0, `yearly` = 1, ... `daily` = 4); ratings at or above
    `threshold` (default 1) become ties with the rating as weight, so `never` is no tie. Who has a row
    is recorded in `respondent`: everyone else was only named.

    The example's roster is the 2025 collaboration question. Pass `actors=` (a table or its file) to
    attach attributes; here the actors of 2025, so that people who had left are not added as isolates.
    """),
    code("""
    SCALE = ["never", "yearly", "monthly", "weekly", "daily"]
    actors = pd.read_csv(DATA / "ecosystem_actors.csv")
    actors_2025 = actors[actors["waves"].str.contains("2025")]
    roster = sm.read_roster(DATA / "ecosystem_roster_2025.csv", relation="collaboration", scale=SCALE,
                            actors=actors_2025)
    print(repr(roster))
    print(roster.actors["respondent"].value_counts().to_dict())
    roster.actors[["label", "sector", "respondent"]].head()
    """),
    md("""
    The warning is information, not an error: two people on the 2025 list have no collaboration tie
    (they have other relations in the full data), so they stand alone in this layer. `read_roster` says
    so rather than letting them pass unnoticed.

    The roster gives back exactly the 2025 collaboration ties of the full data set:
    """),
    code("""
    def tie_table(n):
        return n.ties[["source", "target", "weight"]].sort_values(["source", "target"]).reset_index(drop=True)

    tie_table(roster).equals(tie_table(example.layer("collaboration").at(2025)))
    """),
    md("""
    ## A survey tool's export: Qualtrics and Google Forms

    Most stakeholder surveys are run on a survey tool, and exported as the tool lays it out. Two are
    written below exactly as the tools write them: a **Qualtrics** CSV (three header rows: column ids,
    question text, `{"ImportId": ...}`, with Qualtrics' own columns such as `StartDate` and
    `IPAddress`) and a **Google Forms** CSV (one header row; a grid question's rows written
    `Question [Name]`). Respondents typed their own names as people do: in lower case, without the
    title the list gives them, with stray spaces, and one with a slip (`Owen Pryce`); some answered
    "Don't know".
    """),
    code("""
    question = "How often do you work with each of the following people?"
    people = ["Dr Amara Okafor", "Prof Ian Marsh", "Kai Tanaka", "Owen Price", "Cllr Rosa Delgado"]
    answers = [  # typed name, role as typed, then a rating of each person on the list
        ("amara okafor ", "Academic", "", "Weekly", "Monthly", "Don't know", "Never"),
        ("Ian Marsh", "Researcher", "Weekly", "", "Never", "Monthly", "A few times a year"),
        ("  KAI TANAKA", "Clinician", "Daily", "Don't know", "", "Weekly", ""),
        ("Owen Pryce", "Civil servant", "", "Monthly", "Weekly", "", "Daily"),
    ]
    SURVEY_SCALE = ["Never", "A few times a year", "Monthly", "Weekly", "Daily"]

    ids = ["StartDate", "Status", "IPAddress", "ResponseId", "Q1", "Q2"] + [f"Q3_{k}" for k in range(1, 6)]
    texts = ["Start Date", "Response Type", "IP Address", "Response ID", "What is your name?", "What is your role?"]
    texts += [f"{question} - {p}" for p in people]
    imports = ['"{""ImportId"":""startDate"",""timeZone"":""Europe/London""}"', '"{""ImportId"":""status""}"',
               '"{""ImportId"":""ipAddress""}"', '"{""ImportId"":""_recordId""}"', '"{""ImportId"":""QID1_TEXT""}"',
               '"{""ImportId"":""QID2_TEXT""}"'] + [f'"{{""ImportId"":""QID3_{k}""}}"' for k in range(1, 6)]
    lines = [",".join(ids), ",".join(texts), ",".join(imports)]
    for k, (name, role, *ratings) in enumerate(answers):
        lines.append(",".join([f"2025-03-0{k + 3} 09:1{k}:00", "IP Address", f"81.2.69.{140 + k}", f"R_{k}abc",
                               name, role, *ratings]))
    qualtrics = Path(tempfile.mkdtemp()) / "qualtrics.csv"
    qualtrics.write_bytes(b"\\xef\\xbb\\xbf" + "\\r\\n".join(lines).encode("utf-8") + b"\\r\\n")
    print(qualtrics.read_text(encoding="utf-8-sig")[:400], "...")
    """),
    md("""
    `read_roster` tells the layout from the file. `id_column` names the name question by any of its
    header rows (`"Q1"` or `"What is your name?"`), and each respondent's typed name is matched to the
    list: exactly, then ignoring case, spacing, punctuation and titles (silently: the same name written
    another way), then by closeness, which **warns and lists every pair**, since two close names may be
    two people. `Don't know` is no answer, not a rating, with one warning that counts it. Nothing is
    invented: no actor is made from a typed name.
    """),
    code("""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        survey = sm.read_roster(qualtrics, id_column="Q1", scale=SURVEY_SCALE)
    for w in caught:
        print(f"{w.category.__name__}: {w.message}\\n")
    print(repr(survey))
    survey.actors[["typed_name", "matched_as", "role", "respondent", "StartDate"]]
    """),
    md("""
    `typed_name` and `matched_as` record what each respondent typed and how it was matched; the roles
    they typed (`Academic`, `Clinician`, `Civil servant`) count as the canonical roles. Cllr Rosa
    Delgado did not answer, but is on the list: a non-respondent. The close match is right here; if it
    were not, `aliases={"Owen Pryce": ...}` (or a two-column file, `--aliases` on the command line)
    settles it, and `match="normalised"` refuses close matches:
    """),
    code("""
    try:
        sm.read_roster(qualtrics, id_column="What is your name?", scale=SURVEY_SCALE, match="normalised")
    except sm.DataError as err:
        print(err)
    """),
    md("""
    The same survey from **Google Forms**: one header row, every field quoted, the grid question's rows
    in brackets. The question text is found and stripped from the headers, whatever the style
    (`Question - Name`, `Question: Name`, `Question [Name]`, `Question.Name` as Microsoft Forms writes,
    `Question (Name)`), and the names inside are the actor list. A name that matches no one on the list
    is an error naming the row, the name and the closest actors.
    """),
    code("""
    header = ["Timestamp", "What is your name?", "What is your role?"] + [f"{question} [{p}]" for p in people]
    rows = [[f"2025/03/0{k + 3} 9:1{k}:00 AM GMT", name, role, *ratings]
            for k, (name, role, *ratings) in enumerate(answers)]
    google = qualtrics.with_name("google_forms.csv")
    google.write_text("\\n".join(",".join(f'"{c}"' for c in r) for r in [header, *rows]) + "\\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)  # the same two warnings as above
        forms = sm.read_roster(google, id_column="What is your name?", scale=SURVEY_SCALE)
    print("the same network as from Qualtrics:", forms.ties.equals(survey.ties))

    google.write_text(google.read_text().replace('"Ian Marsh"', '"Ivan Marks"'))
    try:
        sm.read_roster(google, id_column="What is your name?", scale=SURVEY_SCALE)
    except sm.DataError as err:
        print(err)
    """),
    md("""
    SPSS (`.sav`) and Stata (`.dta`) exports read the same way: variable labels are the header text,
    value labels give the scale in the order of their codes, and the codes the file declares missing
    are no answer. A name-generator survey ("name up to five people you go to for advice", exported as
    `Name 1` ... `Name 5`) is read by `read_nominations`; near-duplicate names (`Dr A. Okafor`,
    `Amara Okafor`) are listed by `nomination_review` and merged only with `merge="suggested"` or
    `aliases=`. On the command line the same options are flags:
    `systemsmap report qualtrics.csv --id-column Q1 --scale "Never,A few times a year,Monthly,Weekly,Daily"
    --by role`, with `--missing`, `--aliases FILE`, `--match` and `--role-map FILE`.

    ## Not sure of the format? `read_any`

    `read_any` looks inside the file (not only at its name) and calls the right reader: a ties CSV, a
    matrix, a roster, a Kumu or plain workbook, Kumu JSON, GraphML, GEXF, UCINET DL, or a ties and
    actors CSV pair in either order. Options go through to the reader (`scale=` for a roster).
    """),
    code("""
    from systemsmap.io.detect import sniff

    for path in sorted(DATA.glob("ecosystem_*")):
        print(f"{path.name:38} {sniff(path)}")

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)  # the two isolates again
        print(repr(sm.read_any(DATA / "ecosystem_roster_2025.csv", relation="collaboration", scale=SCALE)))
        print(repr(sm.read_any(DATA / "ecosystem_collaboration_2025.dl", relation="collaboration")))
    print(repr(sm.read_any([DATA / "ecosystem_actors.csv", DATA / "ecosystem_ties.csv"])))
    """),
    md("""
    ## When the data are wrong

    Every reader checks its input once, where it enters, and stops at the first problem with a
    `DataError` (a `ValueError`) that names **the file, the row, the column, the value found and what
    was expected**, and says how to fix it. Nothing is dropped silently. Below, small broken files
    written to a temporary folder; each message is printed as a user would see it.
    """),
    code("""
    tmp = Path(tempfile.mkdtemp())
    (tmp / "actors.csv").write_text(
        "id,label,role,sector\\n"
        "AC001,Prof H. Ziegler,researcher,academia\\n"
        "GV001,W. Young,policy maker,government\\n"
        "LE001,V. Moreau,PWLE,lived-experience networks\\n")

    broken_ties = {
        "a typo in an id": "source,target,relation,weight\\nAC001,GV001,advice,2\\nGV001,LE01,collaboration,3\\n",
        "a weight of zero": "source,target,relation,weight\\nAC001,GV001,advice,0\\n",
        "the same tie twice": "source,target,relation,weight\\nAC001,GV001,advice,2\\nGV001,LE001,advice,3\\nAC001,GV001,advice,1\\n",
        "unrecognised column names": "from_id,to_id\\nAC001,GV001\\n",
    }
    for problem, text in broken_ties.items():
        (tmp / "ties.csv").write_text(text)
        try:
            sm.read_csv(tmp / "ties.csv", tmp / "actors.csv")
        except sm.DataError as err:
            print(f"{problem}:\\n  {err}\\n")
    """),
    code("""
    # a roster whose ratings are words, read without scale=
    (tmp / "roster.csv").write_text("id,AC001,GV001,LE001\\nAC001,,monthly,never\\nGV001,weekly,,daily\\n")
    try:
        sm.read_roster(tmp / "roster.csv")
    except sm.DataError as err:
        print(err, "\\n")

    # a file that is not a network at all
    (tmp / "notes.csv").write_text("meeting,date\\nkick-off,2025-01-10\\n")
    try:
        sm.read_any(tmp / "notes.csv")
    except sm.DataError as err:
        print(err)
    """),
    md("""
    Note what the roster message suggests: the labels in the order they mean, lowest first. A scale in
    the wrong order would load without complaint and reverse every rating, so check the `scale` you
    pass against the survey's answer options.

    Some problems have a defensible automatic fix. Those fixes must be asked for, and each warns with
    what it changed: `unknown_actors="add"` (actors named in ties but missing from the actors file),
    `duplicates="sum"` or `"keep"`, `self_ties="drop"`.
    """),
    code("""
    (tmp / "ties.csv").write_text(broken_ties["a typo in an id"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        lenient = sm.read_csv(tmp / "ties.csv", tmp / "actors.csv", unknown_actors="add")
    for w in caught:
        print(f"{w.category.__name__}: {w.message}")
    lenient.actors
    """),
    md("""
    Here the lenient load is the wrong fix: `LE01` is a typo for `LE001`, and adding it created a
    fourth actor and left `LE001` without ties. Read the warnings; the error's "did you mean" was right.

    ## Before analysing your own data

    - One id per person, the same in every file and wave (the label can change; the id must not).
    - A `respondent` column, or a roster that records it: without it, non-response cannot be handled
      (notebook 06).
    - A `wave` column on ties if the survey was repeated, and a `waves` actor column saying who was
      on each wave's list.
    - The attribute you will group by (`sector`, `role`, `organisation`) filled for everyone;
      `missing="own_group"` puts the blanks in a group of their own rather than stopping.
    """),
]

# --------------------------------------------------------------------------- 06
CARE = [
    md("""
    # 6. Care with data: non-response, robustness, tie ratings, privacy

    Network surveys have two weaknesses that ordinary surveys do not. A person who does not answer
    still appears, because others name them, but their own ties are missing, and that biases every
    measure built on paths. And a network cannot be anonymised by removing names: position gives
    people away. This notebook measures the first (`response`), repairs what can be repaired
    (`impute`), tests how far conclusions survive (`robustness`), summarises tie ratings
    (`tie_quality`), and prepares data for sharing (`pseudonymise`, `suppress_small`,
    `disclosure_risk`).
    """),
    code(SETUP),
    md("""
    ## Who answered: `response`
    """),
    code("""
    resp = sm.response(net, by="sector")
    print(resp)
    display(resp.by_group)
    most_named = resp.nonrespondents.sort_values("named_by", ascending=False).head(8)
    names.loc[most_named.index].join(most_named[["named_by"]])
    """),
    md("""
    79% answered: enough for most purposes, but not evenly. Government (67%) and funders (71%) answered
    least, so their reported ties, and the rows of the mixing matrix in notebook 02, are the thinnest.
    The non-respondents named most often are the ones to chase: L. Kowalski, named by 17 people, is
    clearly central, yet none of their own ties are known. If a follow-up is possible, these names are
    the list.

    ## Filling the gaps: `impute`

    Three treatments, each returning a new network whose ties carry `imputed` (added or changed) and
    `weight_observed`:

    - `"observed"`: nothing added; the network as reported.
    - `"reconstruct"`: a non-respondent's tie to a respondent is filled from the respondent's report
      (if A named B and B did not answer, B -> A is assumed). Ties between two non-respondents stay
      unknown. This is the standard treatment (Stork and Richards 1992); Huisman (2009) found it
      among the best of the simple imputations.
    - `"symmetrize"`: every tie is made mutual, for relations that are mutual by nature
      (collaboration, not advice). `rule="max"` copies an unreciprocated tie; `rule="min"` keeps only
      ties both sides confirmed.

    The table compares them on the figures that move, and on how many of the observed top 10 by
    betweenness stay in the top 10.
    """),
    code("""
    variants = {"observed": sm.impute(net, method="observed"),
                "reconstruct": sm.impute(net, method="reconstruct"),
                "symmetrize, max": sm.impute(net, method="symmetrize", rule="max"),
                "symmetrize, min": sm.impute(net, method="symmetrize", rule="min")}
    top10 = set(sm.centrality(net)["betweenness"].nlargest(10).index)
    rows = {}
    for name, v in variants.items():
        s = sm.summary(v)
        rows[name] = {"tie records": len(v.ties), "imputed": int(v.ties["imputed"].sum()), "pairs": int(s["ties"]),
                      "reciprocity": s["reciprocity"], "components": int(s["components"]),
                      "mean_distance": s["mean_distance"],
                      "top-10 betweenness kept": len(top10 & set(sm.centrality(v)["betweenness"].nlargest(10).index))}
    pd.DataFrame.from_dict(rows, orient="index")
    """),
    md("""
    Reconstruction adds 407 ties, the non-respondents' side of ties others reported, and leaves the
    top of the betweenness ranking largely in place. `symmetrize, max` doubles the network; `min` keeps
    only the 144 ties that both sides reported and the network falls apart (its warning says 1,890
    were removed). That last row is the useful one for judgement: most ties in this survey rest on one
    person's word, which is normal, and a reason to report conclusions that do not hinge on any single
    tie. For collaboration, report the observed and the reconstructed results side by side.

    ## How stable are the rankings: `robustness`

    The question a reader of any "top brokers" list should ask: if a few more people had not answered,
    would the list be different? `robustness` removes a share of the respondents at random (their
    reported ties go with them, as if they had not answered), recomputes the metric, and repeats;
    `seed` makes it reproducible.
    """),
    code("""
    rob = sm.robustness(net, "betweenness", drop=0.1, repeats=100, top=10, seed=SEED)
    print(rob)
    names.loc[rob.stability.index].join(rob.stability.rename("share_of_repeats_in_top_10"))
    """),
    md("""
    With 10% fewer respondents, the top 10 by betweenness keeps eight of its members on average (rank
    correlation 0.86). The first seven names stay in the top 10 in 85 to 91% of the repeats; the
    tenth, Prof P. Varga, in fewer than half. Publish the first names with confidence; present the
    rest as a band, not a ranking. `metric` takes any `centrality` column or a function of the network
    (for example `lambda n: sm.brokerage(n, "sector")["total"]`).

    ## Tie ratings: `tie_quality`

    Partnership surveys such as PARTNER ask respondents to rate each tie (trust, value). `tie_quality`
    averages the ratings each actor received and gave, and each pair of groups, counting each rated tie
    once. The example carries no trust or value ratings, so the cell rates collaboration by its
    reported frequency (`weight`, 1 = yearly to 4 = daily); with PARTNER data, pass
    `columns=("trust", "value")`.
    """),
    code("""
    quality = sm.tie_quality(net.layer("collaboration"), columns=["weight"], by="sector")
    print(quality)
    pairs = quality.groups
    print("\\nsector pairs with at least 10 rated ties, least frequent first:")
    pairs[pairs["ties"] >= 10].sort_values("weight").head(8)
    """),
    md("""
    The printed summary names a highest actor and a lowest pair only among those with three or more
    rated ties (community organisations to government, 1.33 over 3 ties), and even three ratings are
    thin: always read a mean with its `ties` count. Among pairs of sectors with ten or more rated ties,
    cross-sector collaborations average 1.5 to 2.3 (between yearly and monthly contact), while those
    within sectors average 2.6 to 2.9 (monthly to weekly): the bridges that exist are thin as well as
    few.

    ## Sharing data safely

    ### Pseudonyms: `pseudonymise`

    Ids and labels are replaced by codes derived from a secret **salt**. The same salt gives the same
    code to the same person, so waves and files pseudonymised separately still match; without the salt
    the codes cannot be reversed. The key (code to id and name) is returned apart, to store apart.
    Free-text columns (notes, comments) are dropped unless kept with `keep=`, with a warning.
    """),
    code("""
    import secrets

    SALT = secrets.token_hex(16)  # in practice: generate once, store like a password, apart from the data
    p2024, key2024 = sm.pseudonymise(net.at(2024), salt=SALT)
    p2025, key2025 = sm.pseudonymise(net.at(2025), salt=SALT)

    both = key2024.merge(key2025, on="id", suffixes=("_2024", "_2025"))
    print(f"{len(both)} actors in both waves; same code in both: {(both['code_2024'] == both['code_2025']).all()}")
    print("any original id left in the shared 2025 network:", bool(set(p2025.ids) & set(net.ids)))
    print("E-I by sector unchanged:", sm.silos(p2025, "sector", permutations=0).ei == sm.silos(net.at(2025), "sector", permutations=0).ei)
    key2025.head(3)
    """),
    md("""
    ### Small groups: `suppress_small`

    A table by organisation with a group of three tells readers about three identifiable people. With
    `how="blank"` a small group's values become missing (the row stays, so readers see that something
    was suppressed); with `how="merge"`, for counts only, small groups are pooled into "Other groups".
    """),
    code("""
    by_org = sm.silos(net, "organisation", permutations=0)
    org_table = pd.DataFrame({"actors": by_org.sizes, "ei": by_org.group_ei})
    display(sm.suppress_small(org_table, min_size=5).sort_values("actors", na_position="first").head(5))
    merged = sm.suppress_small(by_org.mixing, min_size=5, sizes=by_org.sizes, how="merge")
    print(f"mixing by organisation: {by_org.mixing.shape[0]} groups, {merged.shape[0]} after merging those under 5;",
          f"the counts still sum to {int(merged.to_numpy().sum())} of {int(by_org.mixing.to_numpy().sum())}")
    """),
    md("""
    ### What still identifies people: `disclosure_risk`

    Pseudonyms remove names, not identity. Anyone who knows the organisation and role of a colleague,
    and roughly how many people they work with, can find them. `disclosure_risk` counts, for each
    actor, how many share their combination of quasi-identifiers (and, by default, their number of
    contacts); a class of size 1 is unique.
    """),
    code("""
    checks = {"role + organisation + contacts": sm.disclosure_risk(p2025, ["role", "organisation"]),
              "sector + region + contacts": sm.disclosure_risk(p2025, ["sector", "region"]),
              "sector + region, no contacts, k = 4": sm.disclosure_risk(p2025, ["sector", "region"], degree=False, k=4)}
    pd.DataFrame({name: {"at risk": int(r["at_risk"].sum()), "of": len(r),
                         "smallest class": int(r["class_size"].min())} for name, r in checks.items()}).T
    """),
    md("""
    With role, organisation and number of contacts, 129 of the 188 people in the pseudonymised 2025
    network are unique: a pseudonymised network with those columns is not anonymous. Sector and
    region are coarse, yet with the number of contacts they still single out 103 people; without it,
    17 people sit in classes of four or fewer (funders on the coast, government in the north and
    south). The number of contacts is the strongest identifier, and any network file carries it.
    What follows for sharing:

    - share group-level results (E-I, mixing by sector, suppressed below five) rather than the network;
    - if the network must be shared, drop `organisation` and other fine attributes, coarsen the rest,
      and check `disclosure_risk` again on exactly what will be released;
    - never publish a map with labels or exact positions of a small group;
    - keep the salt and the key apart from the data, with access limited as for the raw survey.
    """),
]

# --------------------------------------------------------------------------- 07
DRIVERS = [
    md("""
    # 7. What drives the ties

    Notebooks 02 to 04 describe the network. This one tests explanations of it, the questions a
    programme team and its funders actually ask:

    1. **Does evidence-sharing follow collaboration**, or only shared sector? If researchers pass
       evidence to the people they already work with, building collaborations is a way to move
       evidence; if evidence only flows inside sectors, it is not.
    2. **Are the silos sectoral or regional?** Sectors and regions overlap, so a sector silo could be a
       regional one in disguise, and the remedy differs (cross-sector forums or regional hubs).

    Ordinary statistics mislead here. The pairs of actors are not independent observations: an actor
    who shares evidence widely appears in hundreds of pairs, so a chi-square test or a plain
    regression on pairs claims far more certainty than the data hold. The tests below use **QAP**
    (the quadratic assignment procedure): they compare what is observed with what happens when the
    actors are relabelled at random, which keeps every actor's ties, and so the network's structure,
    exactly as they are.

    We use the 2025 wave as one cross-section: 188 actors, 152 of whom answered the survey.
    """),
    code(SETUP + """
now = net.at(2025)
now"""),
    md("""
    ## The data of a network model: one row per pair

    `sm.dyads` lays the network out as one row per ordered pair of actors (i, j): the relation to
    explain (here `evidence`: did i name j as someone they share evidence with?) and the terms that
    might explain it: whether i and j collaborate, are in the same sector, in the same region, and
    `reciprocity` (whether j shares evidence with i).
    """),
    code("""
    d = sm.dyads(now, "collaboration", sm.same("sector"), sm.same("region"), sm.reciprocity, y="evidence")
    print(d)
    d.to_frame().head()
    """),
    code("""
    pairs = d.to_frame()
    pd.crosstab(pairs["collaboration"], pairs["evidence"], margins=True)
    """),
    md("""
    188 actors make 35,156 ordered pairs, of which 197 share evidence (0.56%). Among the 578 pairs who
    collaborate, 25 share evidence (4.3%); among the pairs who do not, 172 of 34,578 (0.5%). On the
    face of it, collaborators are about nine times likelier to share evidence. But only 25 of the 197
    evidence ties run along a collaboration: most evidence travels between people who do not work
    together.

    ## Is the overlap more than chance? QAP correlation

    The graph correlation is Pearson's correlation of the two relations over all pairs. The QAP test
    relabels the actors of one relation at random (rows and columns of its matrix together) and
    recomputes it; the p-value is the share of relabellings, counting the observed one, with a
    correlation at least as high.
    """),
    code("""
    r = sm.qap_correlation(now.layer("evidence"), now.layer("collaboration"), permutations=1000, seed=SEED)
    print(r)
    """),
    code("""
    fig, ax = plt.subplots(figsize=(7, 2.4))
    ax.hist(r.null, bins=40, color="#bbbbbb")
    ax.axvline(r.correlation, color="#d62728", lw=2, label=f"observed {r.correlation:.3f}")
    ax.set_xlabel("correlation of evidence and collaboration with the actors relabelled (1,000 times)")
    ax.set_yticks([])
    ax.legend(frameon=False);
    """),
    md("""
    A correlation of 0.065 looks negligible, but correlations of sparse relations are always small
    (most pairs are 0 on both). What matters is the comparison: the largest of 1,000 relabellings
    reached 0.020, so the overlap is far beyond chance (p < 0.001, the smallest p-value 1,000
    relabellings can give).

    ## Beyond shared sector: network regression (MRQAP)

    Collaborators tend to share a sector and a region, and people in the same sector may share
    evidence whether or not they collaborate. A regression holds those fixed: `sm.mrqap` fits a
    logistic regression of evidence on all four terms (`model="logit"`, since a tie is present or
    absent) and tests each term by QAP.
    """),
    code("""
    fit = sm.mrqap(d, model="logit", permutations=500, seed=SEED)
    print(fit)
    """),
    md("""
    **Reading the table.** `odds_ratio` is how many times the odds of an evidence tie are multiplied
    when the term is 1 rather than 0, the other terms held fixed:

    - **Collaboration: 2.42.** Two actors who collaborate are about two and a half times likelier (in
      odds) to share evidence than two who do not but are alike in sector, region and reciprocity.
      The raw ratio of about nine was mostly shared sector and region; a real link of its own remains
      (p < 0.01).
    - **Same sector: 7.14** and **same region: 2.40**: evidence stays inside sectors far more than
      inside regions, each with the other held fixed (both p < 0.01).
    - **Reciprocity: 1.62, p = 0.17 two-sided.** Evidence flows one way: whether j shares with i says
      little about whether i shares with j once sector and region are known.

    `p_greater`, `p_less` and `p_two_sided` are the permutation p-values that the term's statistic
    (its z value) is this high, this low or this far from 0 by chance. With 500 relabellings the
    smallest possible p-value is 1/501, about 0.002: all three effects sit at that floor. The
    `std_error` column is the classical one, which treats pairs as independent; it is shown because
    R shows it, not to be read.

    `fit.sentences()` says the same in words:
    """),
    code("""
    print("\\n".join(fit.sentences()))
    """),
    md("""
    **How the p-values are made.** Relabelling the response alone (`null="y"`) breaks its link with
    *every* term at once, so a term correlated with another (collaboration with same sector) can look
    significant for the other's sake. The default, Dekker, Krackhardt and Snijders' *double
    semi-partialling* (`null="dsp"`, R sna's `qapspp`), first removes from each term what the other
    terms explain, and relabels only the remainder. Here both give the same verdicts; on data with
    strongly correlated terms they can differ, and the default is the safer.
    """),
    code("""
    y_perm = sm.mrqap(d, model="logit", null="y", permutations=500, seed=SEED)
    pd.DataFrame({"double semi-partialling": fit.table["p_two_sided"],
                  "permuting evidence": y_perm.table["p_two_sided"]}).round(3)
    """),
    md("""
    **In percentage points.** Odds ratios are hard to say in a meeting. A linear model of the same
    data (`model="ols"`, the default) reads in probabilities: each estimate is the change in the
    chance of an evidence tie.
    """),
    code("""
    ols = sm.mrqap(d, permutations=1000, seed=SEED)
    ols.table[["estimate", "p_greater", "p_two_sided"]].round(4)
    """),
    md("""
    For two actors in different sectors and regions who do not collaborate, the chance of an evidence
    tie is about 0.06%. A collaboration adds 2.8 percentage points, a shared sector 1.4, a shared
    region 0.5. R² is 0.011: these terms say which *kinds* of pairs share evidence, not which exact
    pairs, which is normal for a sparse relation and not a reason to doubt the effects.

    **Does it hold among those who answered?** Non-respondents' ties are only those others named
    (notebook 06). Refitting on the 152 actors who answered is the simplest check:
    """),
    code("""
    answered = now.subset(now.actors.index[now.actors["respondent"].astype(bool)])
    check = sm.mrqap(answered, y="evidence", x=["collaboration", sm.same("sector"), sm.same("region"), sm.reciprocity],
                     model="logit", permutations=500, seed=SEED)
    check.table[["odds_ratio", "p_greater", "p_two_sided"]]
    """),
    md("""
    Sector (7.22) and region (2.43) hold. Collaboration weakens to 1.67, with p = 0.056: part of the
    link rested on pairs where only one side answered. The honest summary is that evidence follows
    collaboration *somewhat*, on top of a strong sector effect, and that the survey cannot pin down
    how much.

    ## Are the silos sectoral or regional?

    `sm.homophily` answers the second question for all ties at once: a logit MRQAP of "is there any
    tie from i to j" on one same-group term per grouping, so each grouping's effect is measured with
    the other held fixed. `alone_odds_ratio` is each grouping's effect on its own, for comparison.
    """),
    code("""
    h = sm.homophily(now, ["sector", "region"], permutations=500, seed=SEED)
    print(h)
    h.table
    """),
    md("""
    Both, and sector much more: two actors in the same sector are 11.3 times likelier (in odds) to be
    tied than two in different sectors who are alike by region; a shared region multiplies the odds
    by 3.2. Each grouping's effect barely changes when the other is held fixed (10.8 and 2.9
    on their own), because sectors are spread across regions rather than concentrated in one, as the
    table below shows. So the regional silo is not the sectoral one in disguise, or the reverse: they
    are two separate walls, the sector one the higher.
    """),
    code("""
    pd.crosstab(now.actors["sector"], now.actors["region"])
    """),
    md("""
    **Which sectors.** `same("sector", per_group=True)` gives one term per sector: the odds ratio of a
    tie between two members of that sector, region held fixed. Without permutations (`permutations=0`)
    it is quick and gives estimates only, no p-values.
    """),
    code("""
    by_sector = sm.mrqap(now, y=sm.relation(), x=[sm.same("sector", per_group=True), sm.same("region")],
                         model="logit", permutations=0)
    by_sector.table[["odds_ratio"]].round(1)
    """),
    md("""
    Funders score highest (35.6): a quarter of the 132 possible pairs among the 12 funders are tied,
    against 1% of the pairs across sectors. Yet notebook 02 found funders the *least*
    inward-looking sector by Coleman's index, and both are right. An odds ratio compares densities
    (ties per possible pair); E-I and Coleman's index compare shares of a group's ties. Funders know
    each other well, and most of their ties (81 of 114) still go outside, because a group of 12 has
    few partners inside. Health services score lowest (7.6): 210 ties among 56 members is a low
    density, though it is most of their ties. Read odds ratios for "how closed is this group's
    circle", E-I and Coleman for "where do its ties go".

    ## What this means for a programme team

    - **Evidence mostly moves inside sectors** (odds ratio 7.1, with region and collaboration held
      fixed). Evidence from academia will not reach health services or government on its own: plan
      for it to be carried.
    - **Collaboration helps, modestly.** Working together raises the chance of sharing evidence by
      about 2.8 percentage points (odds 2.4), less clearly among those who answered (1.7, p = 0.06).
      Joint projects across sectors are a plausible channel for evidence, not a guaranteed one; track
      whether evidence ties follow new collaborations in the next wave.
    - **The silos are sectoral first, regional second**, and independently so. Regional hubs alone
      would not open the sector walls; cross-sector forums within each region address both.
    - **The lived-experience networks are closed both ways**: a dense circle (odds ratio 18.4) that
      holds most of their ties (96 of 133). Their voice reaches decision-makers only through the few
      ties that leave it, which is where a programme's bridges matter most (notebook 03).

    ## What these tests do and do not do

    QAP tests keep every actor's ties as they are, so they stay valid however the ties depend on
    each other: popular actors, reciprocated ties, friends of friends. They do not *model* that
    dependence. A sector effect of 7.1 could partly be triangles closing (if A and B share evidence
    with C, they may come to share with each other, and all three are likely in one sector); telling
    these apart needs a model of the whole network rather than of pairs, an exponential random graph
    model (`sm.ergm`), which weighs sector homophily against reciprocity and triangle closure at once.
    """),
]

# --------------------------------------------------------------------------- 08
EVIDENCE = [
    md("""
    # 8. Evidence and learning: what reaches policymakers, who is heard, whether learning comes back

    The questions behind a stakeholder map are often not "who is connected" but **what counts as
    evidence, and does it travel?** Evidence too often means quantitative data from experts, while
    qualitative research and the stories of people with lived experience, which move decision-makers
    most when told in their own words by people in the room, are left out. And implementation is
    never a one-off: evidence that goes from research to practice to policy should come back, as
    needs and questions, so that research and practice keep learning from each other.

    This notebook asks four questions of the example:

    1. Which kinds of evidence reach the policymakers, from how many sources, through whom?
    2. Which kinds reach few or none, and which depend on one person?
    3. Do policymakers hear people with lived experience first-hand, or only relayed?
    4. Does learning come back: how many loops research → practice → policy → research close, how many
       chains stay open, and which tie would close the most?
    """),
    code(SETUP + """

evidence_ties = net.ties[net.ties["relation"] == "evidence"]
evidence_ties[["source", "target", "wave", "evidence"]].head()"""),
    md("""
    Each `evidence` tie lists the **kinds** of evidence it carries in the tie column `evidence`, one
    or several separated by `;`. The vocabulary (`systemsmap.evidence_kinds`) has six canonical
    kinds, `quantitative`, `qualitative`, `lived_experience`, `practice` (implementation and service
    data), `policy` (needs, priorities and decisions fed back) and `economic`, and maps common
    spellings onto them, as the role vocabulary does; other kinds are kept as written:
    """),
    code("""
    from systemsmap.evidence_kinds import parse_kinds

    print(parse_kinds("Quantitative research | lived-experience story; stats; grey literature"))
    evidence_ties["evidence"].str.split("; ").explode().value_counts()
    """),
    md("""
    Over both waves, the 370 evidence ties carry practice and service data 210 times and quantitative
    research 195 times; qualitative research 81, policy needs 70, lived-experience stories 57 and
    economic evidence 32 times. Counting ties says what is said; the question is what *arrives*.

    ## 1. The evidence diet of the policymakers

    `sm.evidence` follows each kind along the ties that carry it, up to `max_steps=3` ties, to the
    decision-makers (`to="policymaker"`, any role or set of actors). Like every action, it uses the
    latest wave and says so.
    """),
    code("""
    rep = sm.evidence(net, to="policymaker")
    print(rep)
    """),
    md("""
    Of the 19 policymakers of 2025, **quantitative research reaches 6, from 8 sources**, practice
    data 5 (from 12 sources), policy needs 6; **lived-experience stories reach one** policymaker,
    from one source and only relayed (0% first-hand), and qualitative research three. By role, the
    evidence of 8 of 47 researchers reaches a policymaker, and that of **1 of 41 people with lived
    experience**.

    A **source** is someone who originates the kind: researchers for research, people with lived
    experience for their stories, implementers and champions for practice data, policymakers and
    funders for policy needs, and anyone who passes a kind on without receiving it. The others on
    the way are relays. "Unknown" is honest non-response: in 2025, 36 actors did not answer, and a
    survey of whom people *share with* cannot see what they share; a policymaker no reported route
    reaches may still hear from them. So the numbers above are what is known to arrive, not all
    that does.

    The table behind the sentences:
    """),
    code("rep.kinds"),
    md("""
    `carrier` is the person on every route to the most policymakers a kind reaches: take them away
    and it reaches that many fewer. Qualitative research reaches 2 of its 3 policymakers only through
    Prof H. Ziegler (`AC001`, the knowledge broker), and the one lived-experience story to arrive
    comes through T. Ortiz (`HS057`, a champion): each kind hangs on one person.

    The diet of each policymaker, as a chart (one bar per organisation, the mean number of sources
    per policymaker by kind):
    """),
    code("""
    ax = sm.plot.evidence_chart(rep, groups=net.actors["organisation"])
    plt.show()
    """),
    md("""
    And per policymaker, with who hands each kind over (`through`) and who is on every route
    (`depends_on`). W. Young (`GV001`, the policy adviser) hears quantitative research from 6 sources,
    one first-hand, handed over by the knowledge broker and a champion:
    """),
    code("""
    rep.diet.loc["GV001"]
    """),
    md("""
    ## 2. Heard in the room

    A story told by the person who lived it moves a decision-maker more than the same story
    relayed. `heard` follows every tie of the network (not only evidence ties), as `sm.voice` does,
    from each person with lived experience to each policymaker: first-hand (a tie of theirs), one
    relay, or further.
    """),
    code("""
    rep.heard.join(names["label"]).sort_values("steps")
    """),
    md("""
    **Two of 19 policymakers hear a person with lived experience first-hand**: W. Young, advised by
    the peer-support lead F. Castillo (`CO001`), and N. Ziegler, advised by the chair of the Lived
    Experience Advisory Panel, V. Moreau (`LE001`). Nine hear them through one relay, six further
    away. `unknown` marks where a shorter route could run through the 9 of 41 people with lived
    experience who did not answer: more may be heard first-hand than the survey shows, which is the
    case for asking them again.

    The same two people, seen from the other side:
    """),
    code("""
    rep.voices[rep.voices["first_hand"] > 0].join(names)
    """),
    md("""
    ## 3. Does learning come back?

    `sm.loops` finds the feedback cycles whose actors pass through roles in order and return:
    here a researcher, then an implementer or champion (`"implementer; champion"`: either role
    fills the step), then a policymaker, and back to the researcher, in at most `max_length=6` ties,
    each step a different person. Along the evidence ties only:
    """),
    code("""
    loops = sm.loops(net.layer("evidence"), through=["researcher", "implementer; champion", "policymaker"])
    print(loops)
    loops.loops[["length", "actors"]]
    """),
    md("""
    **Five loops close**, and they close through champions and the knowledge broker: Prof K. Flynn
    to the champion T. Ortiz to S. Varga and back, and Dr V. Aldana (`AC021`) to the champion
    J. Young (`HS009`) or Prof H. Ziegler to W. Young and back. Of the 47 researchers, the evidence
    of 11 goes out through practice to policy; **5 hear back, 6 chains stay open**. Dr V. Aldana and
    W. Young each sit on four of the five loops: learning comes back through very few people.
    """),
    code("""
    ax = sm.plot.loop_diagram(loops, top=5)
    plt.show()
    """),
    md("""
    The recommended ties run from a policymaker at the end of an open chain back to a researcher,
    chosen one at a time to close the most chains still open (each count exact: the new loops
    through the tie are listed). W. Young telling Dr K. McAllister what policy needs would close two
    chains at once, McAllister's and Prof S. Johansson's:
    """),
    code("""
    loops.closing[["source", "target", "closes", "chains"]]
    """),
    md("""
    Evidence ties are one channel. Along *every* tie (advice and collaboration too), far more loops
    close, but look who sits on them:
    """),
    code("""
    everything = sm.loops(net, through=["researcher", "implementer; champion", "policymaker"], k=0)
    print(everything.summary[["loops", "go_out", "closed", "open"]].to_string())
    everything.actors.head(5).to_frame().join(names["label"])
    """),
    md("""
    688 loops close, and 31 of the 40 researchers whose work goes out hear back; but W. Young is on
    524 of those loops and Prof H. Ziegler on 498. The system learns, through two people. Losing
    either (a new job, a restructure) would break most of its feedback.

    ## What a programme lead would take from this

    - What reaches policymakers is mostly quantitative research and practice data, to a few of them;
      **lived-experience stories reach one policymaker, relayed, through one champion**.
    - **Two policymakers hear lived experience first-hand**, both through one advisory tie. A seat
      for lived-experience representatives with the Mental Health Policy Unit and the county councils
      would change that more than any amount of relaying.
    - **Learning comes back through a handful of people.** A deliberate feedback route, policy
      needs sent back to the researchers whose work reaches the policy adviser (the closing ties
      above), would close most open chains, and a second adviser in that role would make the loops
      less fragile.
    - **Ask again.** Much of the "not reached" is unknown because a fifth did not answer; a follow-up
      with the non-respondents, above all the people with lived experience, would settle it.

    ## Your own data

    Give evidence ties a tie column listing their kinds (any name: `sm.evidence(net, column="kinds")`),
    in any spelling the vocabulary knows. If the survey asked one roster question per kind, read each
    and combine them into one relation (`combine_evidence` keeps each kind's rating as
    `weight_<kind>`):
    """),
    code("""
    actors = pd.DataFrame({"id": ["R", "P", "L"], "role": ["researcher", "policymaker", "lived_experience"]})
    quant = sm.from_frames(actors.iloc[:2], pd.DataFrame({"source": ["R"], "target": ["P"], "weight": [3]}))
    stories = sm.from_frames(actors, pd.DataFrame({"source": ["L", "R"], "target": ["R", "P"]}))
    combined = sm.combine_evidence({"quantitative research": quant, "lived-experience stories": stories})
    combined.ties
    """),
]


NOTEBOOKS = {
    "01_quickstart.ipynb": QUICKSTART,
    "02_silos_and_brokers.ipynb": SILOS,
    "03_missing_bridges.ipynb": BRIDGES,
    "04_waves.ipynb": WAVES,
    "05_your_own_data.ipynb": OWN_DATA,
    "06_care_with_data.ipynb": CARE,
    "07_what_drives_ties.ipynb": DRIVERS,
    "08_evidence_and_learning.ipynb": EVIDENCE,
}


def build(name: str, cells: list) -> str:
    """The notebook ``name`` as JSON text: no outputs, no execution counts, cell ids fixed by position."""
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    stem = name.split("_", 1)[0]
    for i, cell in enumerate(cells, 1):
        cell = nbformat.from_dict(dict(cell))
        cell["id"] = f"nb{stem}-{i:02d}"
        nb.cells.append(cell)
    nbformat.validate(nb)
    return nbformat.writes(nb) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write (or check) the notebooks from this script.")
    parser.add_argument("--check", action="store_true", help="exit 1 if a committed notebook differs")
    args = parser.parse_args(argv)
    stale = []
    for name, cells in NOTEBOOKS.items():
        text, path = build(name, cells), HERE / name
        if args.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
            print(path)
    if stale:
        print("out of date (run python notebooks/build_notebooks.py):", ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
