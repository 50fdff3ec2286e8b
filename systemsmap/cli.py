"""The ``systemsmap`` command line: ``report``, ``metrics``, ``bridges``, ``evidence`` and ``convert``.

Each subcommand reads a network (any supported format, told from the file or
given with ``--format``; or a bundled ``--example``), optionally keeps one
``--relation`` or ``--wave``, calls the library's public functions and writes
what they return. The command line computes nothing itself.

Exit status: 0 on success; 2 for bad input or usage (a
:class:`~systemsmap.errors.DataError` or a bad option: the message is printed
on one line, without a traceback; ``-vv`` shows the traceback); 1 when a
file cannot be read or written for another reason (permissions, a full
disk); 130 when interrupted.

Errors are written from their fields, never by reading their text: an
:class:`~systemsmap.errors.OptionError` names the flag of its option (the
library's ``permutations`` is ``--permutations`` here, see :data:`FLAGS`), and
a :class:`~systemsmap.errors.DataError` whose ``options`` would fix the data
ends with the flags that do so: ``(on the command line: --unknown-actors add)``.

Output: results and ``Wrote ...`` lines on stdout (nothing with ``--quiet``);
warnings, errors, ``--verbose`` details and progress on stderr. Progress
(:mod:`systemsmap._progress`, drawn by tqdm) is a bar that names each step,
with counts, rate and time left where a step counts, when stderr is a
terminal; otherwise (a pipe, a CI log, a notebook's ``!systemsmap``) plain
lines: when a step starts and ends, and at most one every few seconds within
a step, after a quiet start of two seconds. ``-v`` writes each step's time as
the step ends.

``metrics`` writes network-level figures next to the per-actor table: the
sheets ``actors``, ``network`` (and ``groups`` with ``--by``) of one Excel
workbook, or for ``-o NAME.csv`` the files ``NAME.csv``,
``NAME_network.csv`` (and ``NAME_groups.csv``) side by side.
"""
from __future__ import annotations

import argparse
import copy
import logging
import os
import shlex
import sys
import textwrap
import time
import warnings
from pathlib import Path
from typing import Any, Sequence

from . import __version__
from ._check import check_column, check_int, check_number, check_relations, check_seed, check_wave
from ._progress import Progress
from .errors import DataError, DataWarning, NotFoundError, OptionError, UnsupportedOptionError

__all__ = ["main", "build_parser", "error_message", "flag_hint", "FLAGS"]

log = logging.getLogger(__name__)

FORMATS = ["csv", "excel", "kumu", "roster", "nominations", "matrix", "ucinet", "pajek", "graphml", "gexf"]
OUTPUT_FORMATS = ["csv", "excel", "kumu", "graphml", "gexf", "ucinet", "pajek"]
_EXTENSIONS = {"": "csv", ".csv": "csv", ".xlsx": "excel", ".graphml": "graphml", ".gexf": "gexf",
               ".dl": "ucinet", ".net": "pajek", ".paj": "pajek"}
_TABLE_SUFFIXES = (".csv", ".xlsx")


class UsageError(Exception):
    """A problem with the options (exit status 2, like argparse's own errors)."""


#: The library's option names and the command line's flags for them, with the flag's value in words
#: (None for a flag without a value). Errors name an option by its Python name; the command line says the flag.
FLAGS: dict[str, tuple[str, str | None]] = {
    "unknown_actors": ("--unknown-actors", "error|add"), "duplicates": ("--duplicates", "error|sum|keep"),
    "self_ties": ("--self-ties", "error|drop"), "max_unzipped": ("--max-unzipped", "BYTES|none"),
    "max_actors": ("--max-actors", "N|none"), "max_attributes": ("--max-attributes", "N|none"), "scale": ("--scale", "LABELS"), "threshold": ("--threshold", "X"),
    "actors": ("--actors", "FILE"), "format": ("--format", "NAME"), "directed": ("--undirected", None),
    "relation": ("--relation", "R"), "wave": ("--wave", "W"), "by": ("--by", "COLUMN"), "k": ("-k", "K"),
    "permutations": ("--permutations", "N"), "seed": ("--seed", "N"), "sample": ("--sample", "K"),
    "min_group_size": ("--min-group-size", "N"), "salt": ("--salt", "SALT"), "title": ("--title", "TEXT"),
    "pseudonymise": ("--pseudonymise", None), "objective": ("--objective", "NAME"),
    "candidates": ("--candidates", "NAME"), "max_new_per_actor": ("--max-per-actor", "N"),
    "exclude": ("--exclude", "ID"), "model": ("--model", "RELATION"),
    "id_column": ("--id-column", "COLUMN"), "missing": ("--missing", "LABELS"), "aliases": ("--aliases", "FILE"),
    "match": ("--match", "exact|normalised|close"), "roles": ("--role-map", "FILE"),
    "unknown_respondents": ("--unknown-respondents", "error|add"), "unknown_names": ("--unknown-names", "error|add"),
    "merge": ("--merge", "suggested"), "question": ("--question", "TEXT"), "metadata": ("--metadata", "keep|drop"),
    "to": ("--to", "ROLE"), "kinds": ("--kind", "KIND"), "max_steps": ("--max-steps", "N"),
    "column": ("--column", "NAME"), "max_length": ("--max-length", "N"),
}


def flag_hint(option: str, value: Any = None) -> str | None:
    """How to give ``option=value`` on the command line (``"--unknown-actors add"``), or None if it cannot be.

    A value of None stands for "some value" and shows the flag's metavar.

    Examples
    --------
    >>> flag_hint("unknown_actors", "add"), flag_hint("directed", False), flag_hint("wave")
    ('--unknown-actors add', '--undirected', '--wave W')
    >>> flag_hint("scale", ["never", "weekly", "daily"])
    '--scale never,weekly,daily'
    >>> flag_hint("id_column", "What is your name?")
    "--id-column 'What is your name?'"
    """
    if option not in FLAGS:
        return None
    flag, metavar = FLAGS[option]
    if option == "directed":
        return flag if value is False else None
    if metavar is None:
        return flag if value in (None, True) else None
    if value is None:
        return f"{flag} {metavar}"
    if isinstance(value, dict):
        text = ",".join(f"{k}={v}" for k, v in value.items())
    elif isinstance(value, (list, tuple)):
        text = ",".join(map(str, value))
    else:
        text = str(value)
    return f"{flag} {shlex.quote(text)}"


def error_message(exc: BaseException) -> str:
    """The one-line message of an error, from its fields, naming command-line flags for library options.

    - :class:`OptionError`: its message with the flag for the option (``--permutations must be ...``);
    - :class:`NotFoundError` of an option's value (no origin, its column an option): ``--by: 'x' is not ...``;
    - :class:`DataError`: its message; the options that would fix the data, as flags, at the end:
      ``(on the command line: --unknown-actors add)``.
    """
    if isinstance(exc, UnsupportedOptionError):
        text = exc.render(FLAGS.get(exc.option, (None,))[0], names=lambda o: FLAGS.get(o, (o,))[0])
    elif isinstance(exc, OptionError):
        flag = FLAGS.get(exc.option, (None,))[0]
        text = exc.render(flag)
    elif isinstance(exc, NotFoundError) and exc.origin is None and exc.column in FLAGS:
        bare = copy.copy(exc)
        bare.column = None
        text = f"{FLAGS[exc.column][0]}: {bare.render()}"
    elif isinstance(exc, DataError):
        text = exc.render()
    elif isinstance(exc, KeyError) and exc.args:
        text = str(exc.args[0])
    else:
        text = str(exc)
    text = " ".join(text.split())  # one line
    hints = [h for h in (flag_hint(k, v) for k, v in getattr(exc, "options", {}).items()) if h]
    return text + (f" (on the command line: {', '.join(hints)})" if hints else "")


def _progress_for(args: argparse.Namespace) -> Progress:
    """A bar when stderr is a terminal, plain lines otherwise, nothing with --quiet; -v: step times as they end."""
    return Progress.auto(show=not args.quiet, verbose=args.verbose > 0, interval=PROGRESS_INTERVAL,
                         delay=PROGRESS_DELAY)


#: Without a terminal: the fewest seconds between two progress lines within a step, and the quiet start.
PROGRESS_INTERVAL = 5.0
PROGRESS_DELAY = 2.0


# ---------------------------------------------------------------------------- the parser
def _add_input(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="*", metavar="INPUT",
                   help="the network: a ties table (CSV or text in any delimiter and encoding; with its actors "
                        "table, in either order), a folder written by 'convert -o FOLDER', a workbook (Excel "
                        ".xlsx/.xls, LibreOffice .ods, Kumu's), Kumu JSON, a roster survey export, an adjacency "
                        "matrix, UCINET DL, Pajek (.net, .paj), GraphML (yEd's too) or GEXF (Gephi's); the format "
                        "is told from the file's content")
    g = p.add_argument_group("reading the input")
    g.add_argument("--example", metavar="NAME", help="use a bundled example instead of INPUT "
                                                     "(implementation_ecosystem, karate_club, florentine_families)")
    g.add_argument("--format", choices=FORMATS, help="the input format, when it cannot be told from the file")
    g.add_argument("--undirected", action="store_true", help="read ties as undirected (one tie per pair)")
    g.add_argument("--scale", metavar="LABELS",
                   help="roster: the rating labels from lowest to highest, comma-separated "
                        "('never,yearly,monthly,weekly,daily' means 0 to 4), or LABEL=NUMBER pairs; "
                        "implies --format roster")
    g.add_argument("--threshold", type=float, metavar="X",
                   help="roster: the lowest rating that makes a tie (default 1); implies --format roster")
    g.add_argument("--actors", metavar="FILE", help="roster: a CSV or workbook of the actors on the list and "
                                                   "their attributes (id, sector, ...); implies --format roster")
    g.add_argument("--unknown-actors", choices=["error", "add"], default=None,
                   help="ties naming an actor missing from the actors table: an error (the default), or add the "
                        "actor and warn (CSV, Excel, Kumu)")
    g.add_argument("--duplicates", choices=["error", "sum", "keep"], default=None,
                   help="repeated ties: an error (the default for CSV, Excel, Kumu), merge them summing weights, "
                        "or keep them apart (the default for GraphML, GEXF); a warning says what was merged")
    g.add_argument("--self-ties", choices=["error", "drop"], default=None,
                   help="ties from an actor to itself: an error (the default), or drop them with a warning")
    g.add_argument("--max-unzipped", metavar="BYTES|none", type=_bytes_or_none, default=None,
                   help="the most bytes a workbook (.xlsx, .ods) may unzip to (default 268435456, 256 MB; larger, "
                        "or over 16 MB at 200 times its size, is refused as a zip bomb); 'none' for no limit")
    g.add_argument("--max-actors", metavar="N|none", type=_bytes_or_none, default=None,
                   help="the most actors a DL (n=) or Pajek (*Vertices n) file may declare (default 100000); "
                        "'none' for no limit")
    g.add_argument("--max-attributes", metavar="N|none", type=_bytes_or_none, default=None,
                   help="the most attributes a GraphML or GEXF file may declare (default 1000); 'none' for no "
                        "limit")
    g.add_argument("--role-map", metavar="FILE",
                   help="a two-column CSV or workbook: roles as written, then the role each counts as "
                        "(Commissioner,policymaker); it wins over the built-in synonyms")
    g = p.add_argument_group("reading a survey export (roster or name generator)")
    g.add_argument("--id-column", metavar="COLUMN",
                   help="the column of each respondent's name, by any of its header rows ('Q1' or "
                        "'What is your name?'; default 'id')")
    g.add_argument("--missing", metavar="LABELS",
                   help="comma-separated answers that mean no answer, besides Don't know, Not sure, Unsure, N/A, "
                        "Not applicable and Prefer not to say")
    g.add_argument("--aliases", metavar="FILE",
                   help="a two-column CSV or workbook: names as typed, then the actor each is")
    g.add_argument("--match", choices=["exact", "normalised", "close"], default=None,
                   help="the loosest match of a typed name that loads: close (default; slips and initials, with a "
                        "warning listing each), normalised (case, spacing, punctuation, titles) or exact")
    g.add_argument("--unknown-respondents", choices=["error", "add"], default=None,
                   help="a respondent's name that matches no actor: an error (default) or add them, with a warning")
    g.add_argument("--question", metavar="TEXT", help="roster: the rating question, when several share the file")
    g.add_argument("--metadata", choices=["keep", "drop"], default=None,
                   help="roster: keep (default) or drop the survey tool's columns about each response (dates, "
                        "response ids, IP addresses)")
    g.add_argument("--merge", choices=["suggested"], default=None,
                   help="name generator: merge each near-duplicate name into the one it suggests")
    g.add_argument("--unknown-names", choices=["error", "add"], default=None,
                   help="name generator with --actors: a name not on the list is an error (default) or added")
    g = p.add_argument_group("choosing what to analyse")
    g.add_argument("--relation", action="append", metavar="R",
                   help="keep only ties of this relation (repeat for several)")
    g.add_argument("--wave", metavar="W", help="keep only this survey wave (its ties and actors)")


def _wrap(text: str) -> str:
    return textwrap.fill(text, width=88)


_FMT = argparse.RawDescriptionHelpFormatter


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    parser = argparse.ArgumentParser(
        prog="systemsmap", formatter_class=_FMT,
        description=_wrap("Systems-thinking stakeholder network analysis: silos, brokers, bridges, reports."),
        epilog=textwrap.dedent("""\
            commands:
              report   write a self-contained HTML report and print its key findings
              metrics  write every per-actor metric to one table, network figures beside it
              bridges  recommend the new ties that would best connect the groups
              evidence which kinds of evidence reach decision-makers, who is heard, which loops close
              convert  convert a network between formats

            examples:
              systemsmap report --example implementation_ecosystem --by sector -o report.html
              systemsmap metrics ties.csv actors.csv --by sector -o metrics.xlsx
              systemsmap bridges map.xlsx --by role -k 5
              systemsmap evidence --example implementation_ecosystem --to policymaker --loops
              systemsmap convert map.json -o network.graphml

            Run 'systemsmap COMMAND --help' for each command's options.
            Exit status: 0 done, 2 bad input or options, 1 a file could not be read or written."""))
    parser.add_argument("--version", action="version", version=f"systemsmap {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    g = common.add_argument_group("output on screen")
    g.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    g.add_argument("-v", "--verbose", action="count", default=0,
                   help="say more on stderr: what was read, each step's time as it ends (-vv: debug, tracebacks)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for add in (_report_parser, _metrics_parser, _bridges_parser, _evidence_parser, _convert_parser):
        add(sub, common)
    return parser


def _report_parser(sub, common) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "report", parents=[common], formatter_class=_FMT,
        help="write a self-contained HTML report and print its key findings",
        description=_wrap("Write one self-contained HTML file (key findings, the map, silos, brokers, actors, change "
                          "between waves, next steps, data and caveats) and print its key findings."),
        epilog=textwrap.dedent("""\
            examples:
              systemsmap report --example implementation_ecosystem --by sector -o report.html
              systemsmap report ties.csv actors.csv --by role --relation advice -o advice.html
              systemsmap report survey.csv --scale never,yearly,monthly,weekly,daily --actors actors.csv \\
                  --by sector -o survey.html
              systemsmap report map.xlsx --by sector --pseudonymise --salt "$SALT" --key key.csv \\
                  -o shareable.html
              systemsmap report --example implementation_ecosystem --by sector,region --model evidence \\
                  -o drivers.html

            Where ties carry waves, the report describes the latest wave (its ties, actors and who
            answered), so that next steps rest on current ties, and compares it with the first wave;
            --pooled pools every wave instead, --wave W describes one. Above 10,000 actors path
            measures are estimated from 1,000 random sources; the caveats say so.

            With --pseudonymise no name or id of the data appears in the file or in the printed findings;
            keep --salt secret and the same across files to get the same codes; --key writes the table
            from codes back to actors (store it apart from the report)."""))
    _add_input(p)
    p.add_argument("--by", required=True, metavar="COLUMN",
                   help="the actor column that defines the groups (sector, role, ...); several, comma-separated "
                        "(sector,region), add a sentence saying which the silos follow, each with the others held "
                        "fixed")
    p.add_argument("--model", nargs="?", const=True, default=None, metavar="RELATION",
                   help="add the section 'What drives the ties': a network regression (MRQAP) of RELATION, or "
                        "of every tie without one, on the other relations, the same-group terms and reciprocity")
    p.add_argument("-o", "--output", default="report.html", metavar="FILE",
                   help="the HTML file to write (default report.html)")
    p.add_argument("--title", help="the report's title")
    p.add_argument("-k", type=int, metavar="K", default=5, help="how many new ties to recommend (default 5)")
    p.add_argument("--permutations", type=int, default=1000, metavar="N",
                   help="permutations of the E-I tests (default 1000)")
    p.add_argument("--seed", type=int, default=0, metavar="N",
                   help="seed of permutation tests and layouts (default 0)")
    p.add_argument("--pooled", action="store_true",
                   help="where ties carry waves, describe every wave's ties pooled (a tie reported in any wave "
                        "counts); by default the report describes the latest wave and compares it with the first")
    g = p.add_argument_group("privacy")
    g.add_argument("--pseudonymise", "--pseudonymize", action="store_true",
                   help="replace every name and id by a code; no name appears in the file")
    g.add_argument("--salt", help="the secret of the codes (same salt, same codes); random if not given")
    g.add_argument("--key", metavar="FILE", help="write the key (code, id, label) to this .csv or .xlsx")
    g.add_argument("--min-group-size", type=int, default=5, metavar="N",
                   help="with --pseudonymise, groups of fewer actors are never named: merged or suppressed in "
                        "tables and figures, 'a small group' in findings and warnings (default 5)")
    return p


def _metrics_parser(sub, common) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "metrics", parents=[common], formatter_class=_FMT,
        help="write every per-actor metric to one table, network figures beside it",
        description=_wrap("Write every per-actor metric to one table, one row per actor: label, the group, "
                          "centrality (degree, betweenness, closeness, harmonic, eigenvector, pagerank), structural "
                          "holes (constraint, effective_size, efficiency, hierarchy), the detected community and, "
                          "with --by, Gould-Fernandez brokerage (brokerage_*) and the actor's E-I index (actor_ei)."),
        epilog=textwrap.dedent("""\
            Network-level figures (summary(), and with --by the E-I index with its permutation p-values
            named by tail: ei_p_lower that E-I is this low by chance (silos), ei_p_upper this high,
            ei_p_two_sided either way; assortativity, segregation, modularity and whole-network
            brokerage) go beside the table, and with --by one row per group (size, E-I, its p-value
            group_ei_p_lower, Coleman homophily). Above 10,000 actors path measures are estimated
            from 1,000 random sources unless --sample says otherwise (figure 'path_sample'):
              -o NAME.xlsx  sheets 'actors', 'network' and 'groups' of one workbook;
              -o NAME.csv   files NAME.csv, NAME_network.csv and NAME_groups.csv side by side.

            examples:
              systemsmap metrics ties.csv actors.csv --by sector -o metrics.xlsx
              systemsmap metrics --example karate_club --by club -o karate.csv
              systemsmap metrics map.xlsx --relation advice --wave 2025 -o advice_2025.csv"""))
    _add_input(p)
    p.add_argument("--by", metavar="COLUMN",
                   help="the actor column that defines groups (adds brokerage, E-I and a groups table)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the .csv or .xlsx file to write")
    p.add_argument("--permutations", type=int, default=1000, metavar="N",
                   help="permutations of the E-I test (default 1000)")
    p.add_argument("--seed", type=int, default=0, metavar="N",
                   help="seed of the permutations and communities (default 0)")
    p.add_argument("--sample", type=int, metavar="K",
                   help="estimate betweenness, closeness, harmonic centrality and the distance figures from K "
                        "random source actors (seeded by --seed) instead of all of them: for networks of tens "
                        "of thousands of actors, where exact all-pairs work takes hours; see centrality()")
    return p


def _bridges_parser(sub, common) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "bridges", parents=[common], formatter_class=_FMT,
        help="recommend the new ties that would best connect the groups",
        description=_wrap("Recommend k new ties between groups, chosen greedily to raise the objective, each with "
                          "who could make the introduction and why. Prints a table and the reasons."),
        epilog=textwrap.dedent("""\
            examples:
              systemsmap bridges --example implementation_ecosystem --by sector -k 5
              systemsmap bridges ties.csv actors.csv --by role -k 10 -o bridges.csv
              systemsmap bridges map.xlsx --by sector --exclude HS001 --max-per-actor 1"""))
    _add_input(p)
    p.add_argument("--by", required=True, metavar="COLUMN", help="the actor column that defines the groups")
    p.add_argument("-k", type=int, metavar="K", default=10, help="how many ties to recommend (default 10)")
    p.add_argument("--objective", default="silos", choices=["silos", "efficiency", "ei", "components"],
                   help="what the new ties should raise (default silos: the least-connected groups first; "
                        "efficiency: how close groups are on average)")
    p.add_argument("--candidates", default="introducible", choices=["introducible", "any"],
                   help="introducible: pairs with a contact in common (default); any: every untied pair")
    p.add_argument("--max-per-actor", type=int, default=2, metavar="N",
                   help="at most N recommended ties per actor (default 2; 0 for no limit)")
    p.add_argument("--exclude", action="append", metavar="ID", help="leave this actor out (repeat for several)")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="also write the table (columns as sm.bridges) to this .csv or .xlsx")
    return p


def _evidence_parser(sub, common) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "evidence", parents=[common], formatter_class=_FMT,
        help="which kinds of evidence reach decision-makers, who is heard, which loops close",
        description=_wrap("Follow each kind of evidence (a tie column listing kinds such as 'quantitative; "
                          "lived_experience') to the decision-makers: which kinds reach them, from how many "
                          "sources, through whom; whether people with lived experience are heard in the room; "
                          "with --loops, whether learning comes back (research, practice, policy, and back). "
                          "Prints the findings; -o writes the tables."),
        epilog=textwrap.dedent("""\
            The latest wave of a panel is used (say --pooled to pool every wave, or --wave W for one).
            -o NAME.xlsx writes the sheets diet, kinds, roles, heard and voices (and loops, loop_summary,
            open_chains, closing_ties with --loops); -o NAME.csv writes NAME.csv, NAME_kinds.csv, ...

            examples:
              systemsmap evidence --example implementation_ecosystem --to policymaker
              systemsmap evidence ties.csv actors.csv --to policymaker --to funder --max-steps 2 -o diet.xlsx
              systemsmap evidence map.xlsx --column knowledge --kind quantitative --kind "lived experience"
              systemsmap evidence --example implementation_ecosystem --loops --max-length 5"""))
    _add_input(p)
    p.add_argument("--to", action="append", metavar="ROLE",
                   help="the decision-makers' role (repeat for several; default policymaker)")
    p.add_argument("--kind", action="append", dest="kinds", metavar="KIND",
                   help="follow only this kind of evidence (repeat for several; default every kind present)")
    p.add_argument("--max-steps", type=int, default=3, metavar="N",
                   help="the longest route, in ties, by which evidence reaches a decision-maker (default 3)")
    p.add_argument("--column", default="evidence", metavar="NAME",
                   help="the tie column that lists each tie's kinds (default evidence)")
    p.add_argument("--pooled", action="store_true", help="pool every wave instead of using the latest")
    p.add_argument("--loops", action="store_true",
                   help="also find learning loops along the ties carrying evidence: researcher, then implementer "
                        "or champion, then policymaker, and back")
    p.add_argument("--max-length", type=int, default=6, metavar="N", help="with --loops: the most ties in a loop "
                                                                          "(default 6)")
    p.add_argument("-o", "--output", metavar="FILE", help="also write the tables to this .csv or .xlsx")
    return p


def _convert_parser(sub, common) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "convert", parents=[common], formatter_class=_FMT,
        help="convert a network between formats",
        description=_wrap("Read a network in any supported format and write it in another, keeping every actor, "
                          "tie and attribute the output format can hold."),
        epilog=textwrap.dedent("""\
            The output format follows -o (or --to):
              FOLDER or NAME.csv  a folder of actors.csv, ties.csv and systemsmap.json (NAME.csv writes the
                                  folder NAME); reads back exactly
              NAME.xlsx           an Excel workbook (actors and ties sheets); --to kumu for a Kumu workbook
              NAME.graphml, NAME.gexf
              NAME.dl             UCINET DL (edgelist1), one matrix per relation; DL holds no attributes and
                                  one value per pair and relation, so pick one --wave of a panel
              NAME.net, NAME.paj  Pajek: a network (.net: labels, x y positions, one *Arcs or *Edges section
                                  per relation) or a project (.paj: also numeric actor columns as partitions
                                  and vectors); one line per pair and relation, like DL

            examples:
              systemsmap convert ties.csv actors.csv -o network.graphml
              systemsmap convert map.json -o network.xlsx
              systemsmap convert network.gexf -o kumu.xlsx --to kumu
              systemsmap convert map.xlsx -o findings.xlsx --to kumu --findings sector -k 5
              systemsmap convert map.xlsx --wave 2025 --relation advice -o advice_2025.dl
              systemsmap convert sampson.dat -o sampson.paj"""))
    _add_input(p)
    p.add_argument("-o", "--output", required=True, metavar="PATH", help="the file or folder to write")
    p.add_argument("--to", choices=OUTPUT_FORMATS, help="the output format, when not told by the extension")
    p.add_argument("--findings", metavar="COLUMN",
                   help="with --to kumu: also write the findings for the groups of this actor column: degree and "
                        "betweenness, brokerage, single points of failure, potential champions and voice carriers "
                        "(where roles say who the decision-makers and people with lived experience are) as "
                        "element fields and Tags, and recommended ties as connections of type 'recommended'")
    p.add_argument("-k", type=int, metavar="K", default=10,
                   help="with --findings: how many ties to recommend (default 10)")
    return p


# ---------------------------------------------------------------------------- reading
def _parse_scale(text: str) -> list[str] | dict[str, float | None]:
    items = [s.strip() for s in text.split(",")]
    if not all(items):
        raise UsageError(f"--scale {text!r}: expected comma-separated labels such as never,yearly,monthly")
    if not any("=" in s for s in items):
        return items
    scale: dict[str, float | None] = {}
    for s in items:
        label, sep, value = s.rpartition("=")
        if not sep or not label.strip():
            raise UsageError(f"--scale {text!r}: mix of LABEL and LABEL=NUMBER; use one form")
        try:
            scale[label.strip()] = None if value.strip().lower() in ("", "none") else float(value)
        except ValueError:
            raise UsageError(f"--scale {text!r}: {value!r} is not a number") from None
    return scale


def _check_inputs(args: argparse.Namespace) -> None:
    """Refuse contradictory or missing inputs, and option values out of range, before anything is read."""
    if args.example and args.inputs:
        raise UsageError("give INPUT files or --example, not both")
    if not args.example and not args.inputs:
        raise UsageError("give an INPUT file (or a ties and an actors CSV), or --example NAME")
    if len(args.inputs) > 2:
        raise UsageError(f"expected one INPUT, or two CSV files (ties and actors); got {len(args.inputs)}")
    if args.example and (args.format or args.undirected):
        raise UsageError(f"--{'format' if args.format else 'undirected'} is for reading INPUT files, "
                         "not an --example")
    roster = [o for o in ("scale", "threshold", "actors") if getattr(args, o) is not None]
    if roster:
        if args.example:
            raise UsageError(f"--{roster[0]} is for reading a roster, not an --example")
        allowed = (None, "roster", "nominations") if roster == ["actors"] else (None, "roster")
        if args.format not in allowed:
            raise UsageError(f"--{roster[0]} is for a roster; it cannot be used with --format {args.format}")
        if len(args.inputs) != 1:
            raise UsageError("a roster is one INPUT file; give the actors table with --actors FILE")
    _check_numbers(args)
    if args.example and any(getattr(args, o) is not None for o in ("id_column", "aliases", "role_map", "missing")):
        raise UsageError("the survey options are for reading INPUT files, not an --example")
    for p in [*args.inputs, *[f for f in (args.actors, args.aliases, args.role_map) if f]]:
        if not Path(p).exists():
            raise DataError("no such file or folder", origin=str(p))


def _check_numbers(args: argparse.Namespace) -> None:
    """Check every numeric option with the library's checks (an OptionError names the flag)."""
    given = vars(args)
    if given.get("threshold") is not None:
        check_number("threshold", args.threshold)
    if "seed" in given:
        check_seed(args.seed)
    if "permutations" in given:
        check_int("permutations", args.permutations, minimum=0)
    if "k" in given:  # the report may recommend none; bridges at least one
        check_int("k", args.k, minimum=0 if args.command == "report" else 1)
    if "min_group_size" in given:
        check_int("min_group_size", args.min_group_size, minimum=1)
    if given.get("sample") is not None:
        check_int("sample", args.sample, minimum=1)
    if "max_per_actor" in given:
        check_int("max_new_per_actor", args.max_per_actor, minimum=0)
    for name in ("max_unzipped", "max_actors", "max_attributes"):
        if given.get(name) not in (None, "none"):
            check_int(name, given[name], minimum=1)
    if "max_steps" in given:
        check_int("max_steps", args.max_steps, minimum=1)
    if "max_length" in given:
        check_int("max_length", args.max_length, minimum=2)


def _read_options(args: argparse.Namespace) -> tuple[str | None, dict[str, Any]]:
    """The format and the reader's options the flags ask for."""
    opts: dict[str, Any] = {}
    fmt = args.format
    if args.undirected:
        opts["directed"] = False
    if args.scale is not None:
        opts["scale"] = _parse_scale(args.scale)
    if args.threshold is not None:
        opts["threshold"] = args.threshold
    if args.actors is not None:
        opts["actors"] = args.actors
    for name in ("max_unzipped", "max_actors", "max_attributes"):
        if getattr(args, name) is not None:
            opts[name] = None if getattr(args, name) == "none" else getattr(args, name)
    for name in ("unknown_actors", "duplicates", "self_ties", "id_column", "aliases", "match", "unknown_respondents",
                 "question", "metadata", "merge", "unknown_names"):
        if getattr(args, name) is not None:
            opts[name] = getattr(args, name)
    if args.missing is not None:
        opts["missing"] = _parse_list(args.missing, "--missing")
    if opts.keys() & {"scale", "threshold"} and fmt is None:
        fmt = "roster"
    elif "actors" in opts and fmt is None:  # a survey export read against its list: a roster or a name generator
        from .io.detect import sniff

        kind = sniff(args.inputs[0], id_column=opts.get("id_column", "id"))
        fmt = "nominations" if kind.startswith("nominations") else "roster"
    return fmt, opts


def _bytes_or_none(text: str) -> int | str:
    """--max-unzipped, --max-actors, --max-attributes: a whole number, or 'none' (checked by the library's check,
    as every number)."""
    if text.strip().lower() == "none":
        return "none"
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number or 'none', not {text!r}") from None


def _parse_list(text: str, flag: str) -> list[str]:
    items = [s.strip() for s in text.split(",")]
    if not all(items):
        raise UsageError(f"{flag} {text!r}: expected comma-separated labels such as \"Not known,Skipped\"")
    return items


def _read_with_roles(args: argparse.Namespace, read_any, fmt: str | None, opts: dict[str, Any]):
    """Read the input; with --role-map, the reader applies the mapping, or (for a format whose reader takes
    none) it is applied to the roles as read."""
    import inspect

    from .io import reader_for
    from .io.names import read_mapping_file
    from .roles import remap_roles

    source = args.inputs if len(args.inputs) > 1 else args.inputs[0]
    if args.role_map is None:
        return read_any(source, format=fmt, **opts)
    mapping = read_mapping_file(args.role_map, what="roles")
    reader = reader_for(source, fmt, id_column=opts.get("id_column", "id"))
    if "roles" in inspect.signature(reader).parameters:
        return read_any(source, format=fmt, roles=mapping, **opts)
    return remap_roles(read_any(source, format=fmt, **opts), mapping)


def _load(args: argparse.Namespace, *, layer: bool = True):
    """The network the options describe, with --relation and --wave applied (--relation only if ``layer``)."""
    if args.example:
        from .datasets import load_example

        net = load_example(args.example)
        log.info("loaded example %r: %r", args.example, net)
    else:
        from .io import read_any

        fmt, opts = _read_options(args)
        net = _read_with_roles(args, read_any, fmt, opts)
        log.info("read %s: %r", ", ".join(args.inputs), net)
    if getattr(args, "by", None) is not None:
        for column in args.by if isinstance(args.by, list) else [args.by]:  # report: --by sector,region
            check_column(net, column, name="by")
    if args.relation:
        check_relations(net, args.relation, name="relation")
        if layer:
            net = net.layer(args.relation)
            log.info("kept relation(s) %s: %d ties", ", ".join(args.relation), len(net.ties))
        else:
            log.info("the report keeps relation(s) %s", ", ".join(args.relation))
    if args.wave is not None:
        net = net.at(check_wave(net, args.wave, name="wave"))
        log.info("kept wave %s: %d actors, %d ties", args.wave, len(net), len(net.ties))
    return net


# ---------------------------------------------------------------------------- writing
def _check_output(path: str | os.PathLike, *, suffixes: Sequence[str] | None = None, what: str = "-o") -> Path:
    """Refuse an output that cannot be written (its suffix, a missing folder), before the work is done."""
    out = Path(path)
    if suffixes is not None and out.suffix.lower() not in suffixes:
        raise UsageError(f"{what} {out}: the file must end in {' or '.join(suffixes)}")
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise UsageError(f"{what} {out}: the folder {parent} does not exist")
    return out


#: The files a folder written by ``convert -o FOLDER`` (``to_csv``) holds, read and written.
_FOLDER_FILES = ("actors.csv", "ties.csv", "systemsmap.json")


def _read_paths(args: argparse.Namespace) -> list[Path]:
    """Every path the command reads: each INPUT (a folder, and the files of it that are read) and --actors."""
    paths = []
    for p in [*args.inputs, *([args.actors] if getattr(args, "actors", None) else [])]:
        p = Path(p)
        paths.append(p)
        if p.is_dir():
            paths.extend(p / name for name in _FOLDER_FILES)
    return [p for p in paths if p.exists()]


def _same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file or folder: the same inode when both exist (links, case-insensitive
    file systems), else the same real path (ignoring case where the folder's file system does)."""
    if a.exists() and b.exists():
        return os.path.samefile(a, b)
    ra, rb = os.path.realpath(a), os.path.realpath(b)
    if ra == rb:
        return True
    return ra.casefold() == rb.casefold() and _case_insensitive(Path(ra).parent)


def _case_insensitive(folder: Path) -> bool:
    """Whether ``folder``'s file system ignores case (its name with the case swapped names it too)."""
    swapped = folder.with_name(folder.name.swapcase())
    return folder.name != swapped.name and swapped.exists() and os.path.samefile(folder, swapped)


def _refuse_overwrite(args: argparse.Namespace, writes: Sequence[tuple[str, Path, Path]]) -> None:
    """Refuse (exit 2, one line) a command whose outputs would overwrite one of its inputs or one another.

    ``writes``: (flag, the path given, a file or folder written because of it), derived side files included.
    """
    inputs = _read_paths(args)
    for flag, given, written in writes:
        for p in inputs:
            if _same_file(written, p):
                how = (f"{flag} {given} is the input {p}" if written == given else
                       f"{flag} {given} writes {written}, which is the input {p}")
                raise UsageError(f"{how}; write to another file (inputs are never overwritten)")
    for i, (flag, given, written) in enumerate(writes):
        for flag2, given2, written2 in writes[:i]:
            if flag2 != flag and _same_file(written, written2):
                raise UsageError(f"{flag2} {given2} and {flag} {given} are the same file; give two names")


def _table_paths(path: Path, sheets: Sequence[str]) -> list[Path]:
    """The files :func:`_write_tables` writes for these tables (see :func:`systemsmap.io.write_tables`)."""
    from .io import table_paths

    return table_paths(path, sheets)


def _write_tables(frames: dict[str, Any], path: Path) -> list[Path]:
    """Write tables for people (metrics, bridges, the key) with the one safe writer: no text runs as a formula."""
    from .io import write_tables

    return write_tables(frames, path)


def _echo(args: argparse.Namespace, text: str = "") -> None:
    if not args.quiet:
        print(text)


# ---------------------------------------------------------------------------- commands
def _cmd_report(args: argparse.Namespace, progress: Progress) -> int:
    from .report import report

    if not args.pseudonymise and (args.salt is not None or args.key is not None):
        raise UsageError(f"--{'salt' if args.salt is not None else 'key'} needs --pseudonymise")
    out = _check_output(args.output)
    key_path = _check_output(args.key, suffixes=_TABLE_SUFFIXES, what="--key") if args.key else None
    _refuse_overwrite(args, [("-o", out, out)] + ([("--key", key_path, key_path)] if key_path else []))
    if "," in args.by:
        args.by = [c.strip() for c in args.by.split(",") if c.strip()]
    with progress.step("loading"):
        net = _load(args, layer=False)
    result = report(net, by=args.by, path=out, title=args.title, relation=args.relation,
                    pseudonymise=args.pseudonymise, min_group_size=args.min_group_size, salt=args.salt,
                    seed=args.seed, permutations=args.permutations, k=args.k, model=args.model,
                    waves="pooled" if args.pooled else "latest", progress=progress)
    if key_path is not None:
        with progress.step("writing the key"):
            _write_tables({"key": result.key.set_index("code")}, key_path)
    log.info("sections: %s", ", ".join(result.sections))
    _echo(args, f"Wrote {out}")
    if key_path is not None:
        _echo(args, f"Wrote {key_path} (the key from codes to actors: keep it apart from the report)")
    if result.findings:
        _echo(args, "\nKey findings:")
        for f in result.findings:
            _echo(args, textwrap.fill(f, width=100, initial_indent="  - ", subsequent_indent="    ",
                                      break_on_hyphens=False))
    return 0


def _cmd_metrics(args: argparse.Namespace, progress: Progress) -> int:
    from .metrics import centrality, communities, structural_holes, summary

    out = _check_output(args.output, suffixes=_TABLE_SUFFIXES)
    sheets = ["actors", "network"] + (["groups"] if args.by else [])
    _refuse_overwrite(args, [("-o", out, p) for p in _table_paths(out, sheets)])
    with progress.step("loading"):
        net = _load(args)
    sample = _path_sample(args, net)
    table = centrality(net, sample=sample, seed=args.seed, progress=progress)
    with progress.step("structural holes"):
        table = table.join(structural_holes(net))
    network = summary(net, sample=sample, seed=args.seed, progress=progress)
    if sample is not None:
        network["path_sample"] = sample
    groups = None
    if args.by:
        table, network, groups = _group_metrics(args, net, table, network, progress)
    else:
        with progress.step("communities"):
            table["community"] = communities(net, seed=args.seed)
    table.insert(0, "label", net.actors["label"])
    network = network.astype(object).map(_plain).rename("value").rename_axis("figure")
    frames = {"actors": table.rename_axis("id"), "network": network.to_frame()}
    if groups is not None:
        frames["groups"] = groups
    with progress.step("writing"):
        written = _write_tables(frames, out)
    _echo(args, f"Wrote {', '.join(map(str, written))}: {len(table)} actors x {table.shape[1]} columns")
    return 0


def _path_sample(args: argparse.Namespace, net) -> int | None:
    """--sample, or above LARGE_NETWORK actors the default sample of path measures (said on screen)."""
    from ._scale import LARGE_NETWORK, default_sample

    if args.sample is not None:
        return args.sample
    sample = default_sample(len(net))
    if sample is not None:
        _echo(args, f"The network has {len(net):,} actors (more than {LARGE_NETWORK:,}): betweenness, closeness, "
                    f"harmonic centrality, mean distance and diameter are estimated from {sample:,} random source "
                    "actors (--sample N to choose; the figure 'path_sample' records it).")
    return sample


def _group_metrics(args: argparse.Namespace, net, table, network, progress: Progress):
    """The metrics by group (--by): brokerage and E-I columns, network figures, and the groups table."""
    import pandas as pd

    from .metrics import brokerage, silos

    with progress.step("silos"):
        rep = silos(net, args.by, permutations=args.permutations, seed=args.seed, missing="own_group")
    with progress.step("brokerage"):
        table = table.join(brokerage(net, args.by, missing="own_group").add_prefix("brokerage_"))
        whole = brokerage(net, args.by, level="network", missing="own_group").iloc[0]
    table.insert(0, args.by, rep.groups)
    table["actor_ei"] = rep.actor_ei
    table["community"] = rep.communities
    network = pd.concat([network, pd.Series({
        "ei": rep.ei, "ei_expected": rep.ei_expected, "ei_rescaled": rep.ei_rescaled,
        "ei_p_lower": rep.ei_p_lower, "ei_p_upper": rep.ei_p_upper, "ei_p_two_sided": rep.ei_p_two_sided,
        "permutations": rep.permutations, "assortativity": rep.assortativity,
        "segregation": rep.segregation, "modularity": rep.modularity,
        **rep.agreement.add_prefix("agreement_").to_dict(), **whole.add_prefix("brokerage_").to_dict()})])
    groups = pd.DataFrame({"actors": rep.sizes, "group_ei": rep.group_ei,
                           "group_ei_expected": rep.group_ei_expected, "group_ei_p_lower": rep.group_ei_p_lower,
                           "coleman": rep.coleman})
    return table, network, groups.join(rep.group_ties).rename_axis(args.by)


def _plain(v: Any) -> Any:
    """A whole-number float as an int (207, not 207.0), anything else as it is."""
    try:
        return int(v) if float(v).is_integer() else v
    except (TypeError, ValueError, OverflowError):
        return v


def _cmd_bridges(args: argparse.Namespace, progress: Progress) -> int:
    from .act import bridges

    out = _check_output(args.output, suffixes=_TABLE_SUFFIXES) if args.output else None
    if out is not None:
        _refuse_overwrite(args, [("-o", out, out)])
    with progress.step("loading"):
        net = _load(args)
    with progress.step("searching for bridges"):
        rec = bridges(net, args.by, k=args.k, objective=args.objective, candidates=args.candidates,
                      max_new_per_actor=args.max_per_actor or None, exclude=args.exclude, missing="own_group")
    if out is not None:
        with progress.step("writing"):
            _write_tables({"bridges": rec}, out)
    if len(rec) == 0:
        _echo(args, "No new tie to recommend: no candidate pair was found.")
    else:
        _echo(args, _bridges_table(net, rec, args))
    if out is not None:
        _echo(args, f"\nWrote {out}: {len(rec)} recommended ties")
    return 0


def _bridges_table(net, rec, args: argparse.Namespace) -> str:
    """The recommendations as a plain-text table, then the reason for each."""
    import pandas as pd

    labels = net.actors["label"].astype(str)

    def name(i: Any) -> str:
        if i is None or (not isinstance(i, str) and pd.isna(i)):
            return "-"
        lab = labels.get(i, str(i))
        return str(i) if lab == str(i) else f"{lab} ({i})"

    header = ["#", "source", "source group", "target", "target group", "gain", "introducer"]
    rows = [[str(rank), name(r.source), str(r.source_group), name(r.target), str(r.target_group),
             f"{r.gain:.4g}", name(r.introducer)] for rank, r in zip(rec.index, rec.itertuples(index=False))]
    widths = [max(len(x) for x in col) for col in zip(header, *rows)]
    right = {0, 5}

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if j in right else c.ljust(w)
                         for j, (c, w) in enumerate(zip(cells, widths))).rstrip()

    lines = [f"Recommended new ties between {args.by} groups (objective: {args.objective}):", "",
             line(header), line(["-" * w for w in widths]), *map(line, rows), "", "Why:"]
    for rank, reason in rec["reason"].items():
        lines.append(textwrap.fill(str(reason), width=100, initial_indent=f"{rank:>3}. ", subsequent_indent="     "))
    return "\n".join(lines)


def _cmd_evidence(args: argparse.Namespace, progress: Progress) -> int:
    from .act import evidence, loops

    out = _check_output(args.output, suffixes=_TABLE_SUFFIXES) if args.output else None
    if out is not None:
        sheets = ["diet", "kinds", "roles", "heard", "voices"] + \
            (["loops", "loop_summary", "open_chains", "closing_ties"] if args.loops else [])
        _refuse_overwrite(args, [("-o", out, p) for p in _table_paths(out, sheets)])
    with progress.step("loading"):
        net = _load(args)
    waves = "pooled" if args.pooled else "latest"
    rep = evidence(net, to=args.to or "policymaker", kinds=args.kinds, max_steps=args.max_steps, column=args.column,
                   waves=waves, progress=progress)
    lines = [ln.replace('pass waves="pooled" to pool them', "say --pooled to pool them") for ln in rep.lines()]
    tables = {"diet": _listed(rep.diet), "kinds": rep.kinds, "roles": rep.roles, "heard": rep.heard,
              "voices": rep.voices}
    if args.loops:
        from .act.loops import LEARNING_LOOP

        carrying = net.ties[args.column].notna().to_numpy()
        layer = type(net)(net.actors, net.ties[carrying].reset_index(drop=True), net.directed)
        lo = loops(layer, through=list(LEARNING_LOOP), max_length=args.max_length, waves=waves, progress=progress)
        lines += ["", "Learning loops, along the ties carrying evidence:"] + \
            [ln for ln in lo.lines() if not ln.startswith("Ties followed")]
        tables.update({"loops": _listed(lo.loops), "loop_summary": lo.summary, "open_chains": _listed(lo.open),
                       "closing_ties": _listed(lo.closing)})
    if out is not None:
        with progress.step("writing"):
            written = _write_tables(tables, out)
    for ln in lines:
        _echo(args, textwrap.fill(ln, width=100, subsequent_indent="  ") if ln else "")
    if out is not None:
        _echo(args, f"\nWrote {', '.join(map(str, written))}")
    return 0


def _listed(df):
    """A table whose list and tuple cells are written as ``"a; b"`` (for CSV and Excel)."""
    out = df.copy()
    for c in out.columns:
        if out[c].map(lambda v: isinstance(v, (list, tuple))).any():
            out[c] = out[c].map(lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
    return out


_WRITERS = {"csv": "to_csv", "excel": "to_excel", "kumu": "to_kumu", "graphml": "to_graphml", "gexf": "to_gexf",
            "pajek": "to_pajek"}


def _cmd_convert(args: argparse.Namespace, progress: Progress) -> int:
    out = Path(args.output)
    to = args.to or _EXTENSIONS.get(out.suffix.lower())
    if to is None:
        raise UsageError(f"-o {out}: cannot tell the output format from {out.suffix!r}; use a folder, .csv, "
                         f".xlsx, .graphml, .gexf, .dl, .net or .paj, or say --to {'|'.join(OUTPUT_FORMATS)}")
    if to == "csv" and out.suffix.lower() == ".csv":
        out = out.with_suffix("")
    _check_output(out)
    if to == "csv" and out.exists() and not out.is_dir():
        raise UsageError(f"-o {out}: CSV output is a folder, and {out} is a file")
    written = [out / name for name in _FOLDER_FILES] if to == "csv" else [out]
    _refuse_overwrite(args, [("-o", Path(args.output), p) for p in written])
    with progress.step("loading"):
        net = _load(args)
    findings = {}
    if args.findings is not None:
        if to != "kumu":
            raise UsageError(f"--findings is written only into a Kumu workbook (--to kumu), not {to}")
        findings = _kumu_findings(net, args, progress)
    with progress.step(f"writing {to}"):
        if to in _WRITERS:
            getattr(net, _WRITERS[to])(out, **findings)
        else:
            from .io import write_ucinet

            write_ucinet(net, out)
    what = "a folder of actors.csv, ties.csv and systemsmap.json" if to == "csv" else to
    _echo(args, f"Wrote {out} ({what}): {len(net)} actors, {len(net.ties)} ties")
    if findings:
        _echo(args, f"with the findings by {args.findings}: {len(findings['bridges'])} recommended ties, "
                    f"and {', '.join(sorted(findings))} as fields")
    return 0


def _kumu_findings(net, args: argparse.Namespace, progress: Progress) -> dict:
    """The results ``convert --to kumu --findings COLUMN`` writes into the workbook."""
    from . import act, metrics

    by = args.findings
    with progress.step("findings"):
        out = {"metrics": metrics.centrality(net, measures=["degree", "betweenness"]),
               "brokerage": metrics.brokerage(net, by, missing="own_group"),
               "vulnerabilities": act.vulnerabilities(net, by, missing="own_group"),
               "bridges": act.bridges(net, by, k=args.k, missing="own_group")}
        if net.has_role("policymaker").any():
            out["champions"] = act.champions(net, by=by, missing="own_group")
            if net.has_role("lived_experience").any():
                out["voice"] = act.voice(net)
    return out


COMMANDS = {"report": _cmd_report, "metrics": _cmd_metrics, "bridges": _cmd_bridges, "evidence": _cmd_evidence,
            "convert": _cmd_convert}


# ---------------------------------------------------------------------------- main
def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status: 0 done, 2 bad input or options, 1 a file not read or written."""
    args = build_parser().parse_args(argv)
    level = logging.ERROR if args.quiet else (logging.DEBUG if args.verbose > 1 else
                                              logging.INFO if args.verbose else logging.WARNING)
    progress = _progress_for(args)
    pkg_log = logging.getLogger("systemsmap")
    handler = _Handler(progress)
    handler.setFormatter(logging.Formatter("systemsmap: %(message)s"))
    saved = pkg_log.level, pkg_log.propagate
    pkg_log.setLevel(level)
    pkg_log.propagate = False
    pkg_log.addHandler(handler)
    try:
        with warnings.catch_warnings():
            if args.quiet:
                warnings.simplefilter("ignore")
            else:
                warnings.simplefilter("default", DataWarning)
                warnings.showwarning = lambda message, *a, **k: progress.write(f"systemsmap: warning: {message}\n")
            return _run(args, progress)
    finally:
        progress.close()
        pkg_log.removeHandler(handler)
        pkg_log.setLevel(saved[0])
        pkg_log.propagate = saved[1]


def _run(args: argparse.Namespace, progress: Progress) -> int:
    """Run the command; turn its errors into one line on stderr and an exit status."""
    t0 = time.perf_counter()
    try:
        _check_inputs(args)
        status = COMMANDS[args.command](args, progress)
        log.info("done in %.1f s", time.perf_counter() - t0)
        return status
    except UsageError as exc:
        progress.close()
        sys.stderr.write(f"systemsmap {args.command}: error: {exc}\n")
        return 2
    except (DataError, OptionError, ValueError, KeyError) as exc:
        progress.close()
        if args.verbose > 1:
            raise
        sys.stderr.write(f"systemsmap: error: {error_message(exc)}\n")
        return 2
    except BrokenPipeError:  # stdout closed early (`systemsmap ... | head`): stop quietly
        progress.close()
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:
        progress.close()
        if args.verbose > 1:
            raise
        sys.stderr.write(f"systemsmap: error: {exc}\n")
        return 1
    except KeyboardInterrupt:
        progress.close()
        sys.stderr.write("systemsmap: interrupted\n")
        return 130


class _Handler(logging.Handler):
    """Log records on stderr, above the progress bar."""

    def __init__(self, progress: Progress):
        super().__init__()
        self.progress = progress

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.progress.write(self.format(record) + "\n")
        except Exception:  # pragma: no cover - logging must never fail the command
            self.handleError(record)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
