"""The ``systemsmap`` command line: report, metrics, bridges and convert.

Errors in the input print the :class:`~systemsmap.errors.DataError` message,
without a traceback, and exit with status 2.
"""
from __future__ import annotations

import argparse
import logging
import sys
import textwrap
import time
import warnings
from pathlib import Path
from typing import Sequence

from . import __version__
from .errors import DataError, DataWarning

__all__ = ["main", "build_parser"]

log = logging.getLogger("systemsmap")

FORMATS = ["csv", "excel", "kumu", "roster", "matrix", "ucinet", "graphml", "gexf"]


class Progress:
    """A one-line progress bar on stderr, shown only on a terminal and never with --quiet."""

    def __init__(self, steps: Sequence[str], *, enabled: bool):
        self.steps = list(steps)
        self.enabled = enabled and sys.stderr.isatty()
        self.i = 0
        self.t0 = time.perf_counter()

    def step(self, name: str | None = None) -> None:
        if not self.enabled:
            return
        self.i += 1
        n = len(self.steps)
        label = name or self.steps[min(self.i, n) - 1]
        filled = int(20 * self.i / n)
        sys.stderr.write(f"\r[{'#' * filled}{' ' * (20 - filled)}] {self.i}/{n} {label:<30}")
        sys.stderr.flush()

    def done(self) -> None:
        if self.enabled:
            sys.stderr.write(f"\r{' ' * 60}\r")
            sys.stderr.flush()


def _add_input(p: argparse.ArgumentParser, *, allow_example: bool = True) -> None:
    p.add_argument("inputs", nargs="*", metavar="INPUT",
                   help="input file(s): a ties CSV (and an actors CSV), a folder written by to_csv, an Excel or "
                        "Kumu workbook, Kumu JSON, a roster survey, a matrix, UCINET DL, GraphML or GEXF")
    if allow_example:
        p.add_argument("--example", metavar="NAME", help="use a bundled example instead of INPUT "
                                                        "(e.g. implementation_ecosystem)")
    p.add_argument("--format", choices=FORMATS, help="the input format, when it cannot be told from the file")
    p.add_argument("--undirected", action="store_true", help="read ties as undirected (CSV, Excel)")
    p.add_argument("--relation", action="append", metavar="R",
                   help="analyse only this relation (repeat for several)")
    p.add_argument("--wave", metavar="W", help="analyse only this survey wave")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    fmt = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="systemsmap", formatter_class=fmt,
        description="Systems-thinking stakeholder network analysis: silos, brokers, bridges, reports.",
        epilog=textwrap.dedent("""\
            examples:
              systemsmap report --example implementation_ecosystem --by sector -o report.html
              systemsmap metrics ties.csv actors.csv --by sector -o metrics.xlsx
              systemsmap bridges map.xlsx --by role -k 5
              systemsmap convert survey.json -o network.graphml
            Run 'systemsmap COMMAND --help' for each command's options."""))
    parser.add_argument("--version", action="version", version=f"systemsmap {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    common.add_argument("-v", "--verbose", action="count", default=0, help="say more (repeat for debug output)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("report", parents=[common], formatter_class=fmt,
                       help="write a self-contained HTML report and print its key findings",
                       description="Write one self-contained HTML report (findings, maps, silos, brokers, actors, "
                                   "change, caveats) and print its key findings.",
                       epilog=textwrap.dedent("""\
                           examples:
                             systemsmap report --example implementation_ecosystem --by sector -o report.html
                             systemsmap report ties.csv actors.csv --by role --relation advice -o advice.html
                             systemsmap report kumu.xlsx --by sector --pseudonymise --salt "$SALT" -o shareable.html"""))
    _add_input(p)
    p.add_argument("--by", required=True, help="the actor column that defines groups (e.g. sector, role)")
    p.add_argument("-o", "--output", default="report.html", help="the HTML file to write (default report.html)")
    p.add_argument("--title", help="the report's title")
    p.add_argument("--pseudonymise", action="store_true",
                   help="replace every name and id by a stable code; no name appears in the file")
    p.add_argument("--salt", help="secret for --pseudonymise (same salt, same codes); random if not given")
    p.add_argument("--min-group-size", type=int, default=5, help="groups smaller than this are merged or "
                                                                "suppressed in group tables when pseudonymising")
    p.add_argument("--seed", type=int, default=0, help="seed for permutation tests and layouts (default 0)")

    p = sub.add_parser("metrics", parents=[common], formatter_class=fmt,
                       help="write every per-actor metric to one table (CSV or Excel)",
                       description="Write all per-actor metrics (centrality, structural holes, and with --by "
                                   "brokerage and actor E-I) to one table. Network-level figures go to a second "
                                   "sheet (Excel) or a second file NAME_network.csv (CSV).",
                       epilog=textwrap.dedent("""\
                           examples:
                             systemsmap metrics ties.csv actors.csv --by sector -o metrics.xlsx
                             systemsmap metrics --example karate_club --by club -o karate.csv"""))
    _add_input(p)
    p.add_argument("--by", help="the actor column that defines groups (adds brokerage and E-I)")
    p.add_argument("-o", "--output", required=True, help="output .csv or .xlsx")

    p = sub.add_parser("bridges", parents=[common], formatter_class=fmt,
                       help="recommend new ties that would connect the silos",
                       description="Recommend k new ties between groups, chosen greedily to raise the objective, "
                                   "each with who could make the introduction and why.",
                       epilog=textwrap.dedent("""\
                           examples:
                             systemsmap bridges --example implementation_ecosystem --by sector -k 5
                             systemsmap bridges ties.csv actors.csv --by role -k 10 -o bridges.csv"""))
    _add_input(p)
    p.add_argument("--by", required=True, help="the actor column that defines groups")
    p.add_argument("-k", type=int, default=10, help="how many ties to recommend (default 10)")
    p.add_argument("--objective", default="efficiency", choices=["efficiency", "ei", "components"])
    p.add_argument("--candidates", default="introducible", choices=["introducible", "any"])
    p.add_argument("-o", "--output", help="also write the table to this .csv or .xlsx")

    p = sub.add_parser("convert", parents=[common], formatter_class=fmt,
                       help="convert a network between formats",
                       description="Read a network in any supported format and write it in another. The output "
                                   "format follows the extension: a folder (no extension) or .csv -> CSV folder, "
                                   ".xlsx -> Excel (or Kumu with --to kumu), .graphml, .gexf, .dl (UCINET).",
                       epilog=textwrap.dedent("""\
                           examples:
                             systemsmap convert ties.csv actors.csv -o network.graphml
                             systemsmap convert kumu.json -o network.xlsx
                             systemsmap convert network.gexf -o kumu.xlsx --to kumu"""))
    _add_input(p)
    p.add_argument("-o", "--output", required=True, help="output path")
    p.add_argument("--to", choices=["csv", "excel", "kumu", "graphml", "gexf", "ucinet"],
                   help="output format, when not told by the extension")
    return parser


def _load(args: argparse.Namespace):
    from .io import read_any

    example = getattr(args, "example", None)
    if example and args.inputs:
        raise SystemExit(_usage_error("give INPUT files or --example, not both"))
    if example:
        from .datasets import load_example

        net = load_example(example)
    elif args.inputs:
        opts = {}
        if args.undirected:
            opts["directed"] = False
        paths = [Path(p) for p in args.inputs]
        for p in paths:
            if not p.exists():
                raise DataError(f"{p}: no such file or folder")
        net = read_any(paths if len(paths) > 1 else paths[0], format=args.format, **opts)
    else:
        raise SystemExit(_usage_error("give at least one INPUT file, or --example NAME"))
    if args.relation:
        net = net.layer(args.relation)
    if args.wave is not None:
        waves = {str(w): w for w in net.waves}
        if args.wave not in waves:
            raise DataError(f"--wave {args.wave!r} is not a wave of this network; its waves are "
                            f"{', '.join(map(str, net.waves)) or 'none'}")
        net = net.at(waves[args.wave])
    return net


def _usage_error(msg: str) -> int:
    sys.stderr.write(f"systemsmap: error: {msg}\n")
    return 2


def _write_table(frames: dict, path: Path) -> list[Path]:
    import pandas as pd

    if path.suffix.lower() in (".xlsx", ".xlsm"):
        with pd.ExcelWriter(path, engine="openpyxl") as xl:
            for sheet, df in frames.items():
                df.to_excel(xl, sheet_name=sheet)
        return [path]
    if path.suffix.lower() != ".csv":
        raise DataError(f"{path}: the output must end in .csv or .xlsx")
    written = []
    for i, (sheet, df) in enumerate(frames.items()):
        p = path if i == 0 else path.with_name(f"{path.stem}_{sheet}{path.suffix}")
        df.to_csv(p)
        written.append(p)
    return written


def _cmd_report(args, progress: Progress) -> int:
    from .report import report

    net = _load(args)
    progress.step("analysing and drawing")
    kwargs = dict(by=args.by, path=args.output, title=args.title, pseudonymise=args.pseudonymise,
                  min_group_size=args.min_group_size, seed=args.seed)
    if args.pseudonymise:
        kwargs["salt"] = args.salt
    result = report(net, **kwargs)
    progress.done()
    if not args.quiet:
        print(f"Wrote {args.output}")
        findings = getattr(result, "findings", None) or []
        if findings:
            print("\nKey findings:")
            for f in findings:
                print(textwrap.fill(f, width=100, initial_indent="  - ", subsequent_indent="    "))
    return 0


def _cmd_metrics(args, progress: Progress) -> int:
    import pandas as pd

    from .metrics import brokerage, centrality, silos, structural_holes, summary

    net = _load(args)
    progress.step("centrality")
    table = centrality(net).join(structural_holes(net))
    if args.by:
        progress.step("brokerage and E-I")
        table = table.join(brokerage(net, args.by, missing="own_group").add_prefix("brokerage_"))
        rep = silos(net, args.by, permutations=0, missing="own_group")
        table.insert(0, args.by, net.groups(args.by, missing="own_group"))
        table["actor_ei"] = rep.actor_ei
    table.insert(0, "label", net.actors["label"])
    network = summary(net).to_frame("value")
    network.index.name = "figure"
    written = _write_table({"actors": table, "network": network}, Path(args.output))
    progress.done()
    if not args.quiet:
        print(f"Wrote {', '.join(map(str, written))}: {len(table)} actors x {table.shape[1]} columns")
    return 0


def _cmd_bridges(args, progress: Progress) -> int:
    import pandas as pd

    from .act import bridges

    net = _load(args)
    progress.step("searching for bridges")
    rec = bridges(net, args.by, k=args.k, objective=args.objective, candidates=args.candidates)
    progress.done()
    if args.output:
        _write_table({"bridges": rec}, Path(args.output))
    if not args.quiet:
        if len(rec) == 0:
            print("No candidate ties found.")
        for i, r in enumerate(rec.itertuples(index=False), 1):
            print(f"{i}. {r.source} ({r.source_group}) - {r.target} ({r.target_group}): gain {r.gain:.4f}")
            print(textwrap.fill(str(r.reason), width=100, initial_indent="   ", subsequent_indent="   "))
        if args.output:
            print(f"Wrote {args.output}")
    return 0


def _cmd_convert(args, progress: Progress) -> int:
    net = _load(args)
    out = Path(args.output)
    to = args.to
    if to is None:
        ext = out.suffix.lower()
        to = {"": "csv", ".csv": "csv", ".xlsx": "excel", ".graphml": "graphml", ".gexf": "gexf",
              ".dl": "ucinet"}.get(ext)
        if to is None:
            raise DataError(f"{out}: cannot tell the output format from the extension {ext!r}; "
                            "use --to csv|excel|kumu|graphml|gexf|ucinet")
    progress.step(f"writing {to}")
    if to == "csv":
        folder = out.with_suffix("") if out.suffix.lower() == ".csv" else out
        net.to_csv(folder)
        out = folder
    elif to == "excel":
        net.to_excel(out)
    elif to == "kumu":
        net.to_kumu(out)
    elif to == "graphml":
        net.to_graphml(out)
    elif to == "gexf":
        net.to_gexf(out)
    else:
        from .io.ucinet import write_ucinet

        write_ucinet(net, out)
    progress.done()
    if not args.quiet:
        print(f"Wrote {out} ({to}): {len(net)} actors, {len(net.ties)} ties")
    return 0


COMMANDS = {"report": _cmd_report, "metrics": _cmd_metrics, "bridges": _cmd_bridges, "convert": _cmd_convert}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 2 bad input or usage)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    level = logging.ERROR if args.quiet else (logging.DEBUG if args.verbose > 1 else
                                              logging.INFO if args.verbose else logging.WARNING)
    logging.basicConfig(level=level, format="%(levelname)s: %(message)s")
    progress = Progress(["loading", "analysing", "writing"], enabled=not args.quiet)
    with warnings.catch_warnings():
        if args.quiet:
            warnings.simplefilter("ignore")
        else:
            warnings.simplefilter("default", DataWarning)
            warnings.showwarning = _show_warning
        try:
            progress.step("loading")
            return COMMANDS[args.command](args, progress)
        except DataError as exc:
            progress.done()
            sys.stderr.write(f"systemsmap: error: {exc}\n")
            if args.verbose > 1:
                raise
            return 2
        except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
            progress.done()
            sys.stderr.write(f"systemsmap: error: {exc}\n")
            return 2
        except (KeyError, ValueError) as exc:
            progress.done()
            msg = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
            sys.stderr.write(f"systemsmap: error: {msg}\n")
            if args.verbose > 1:
                raise
            return 2


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    sys.stderr.write(f"systemsmap: warning: {message}\n")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
