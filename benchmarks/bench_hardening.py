"""Hardening benchmark: an ``.xlsx`` zip bomb is refused, and a GraphML declaring 30,000 attributes is refused
or read, quickly and in little memory (issue 15).

A workbook of well under a megabyte whose sheet unzips to ``SIZE_MB`` (600 by
default, as in the issue) is built at run time; ``read_excel`` and the
command line (``systemsmap convert bomb.xlsx -o out.graphml``) are then run
on it, each in a fresh subprocess, and the wall time and the subprocess's
peak resident memory (``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``) are
printed. Both must refuse it with a DataError naming the limit, in under 5 s
and 500 MB (the limits the issue sets); the script exits with status 1 if not.

A GraphML file of about 3 MB declaring ``N_ATTRIBUTES`` (30,000) node
attributes, each node giving a value for a hundred of them, is then read by
``read_graphml`` in a fresh subprocess: with the default ``max_attributes``
it is refused before anything is built; with ``max_attributes=None`` it is
read whole. Both within the same 5 s and 500 MB.

Run: ``python benchmarks/bench_hardening.py [SIZE_MB]``
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

LIMIT_SECONDS = 5.0
LIMIT_MB = 500.0

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '</Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         'officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
             'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
             '<sheets><sheet name="ties" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WB_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'worksheet" Target="worksheets/sheet1.xml"/></Relationships>')


def make_bomb(path: Path, size_mb: float) -> Path:
    """A valid ``.xlsx`` (ties sheet: source, target) whose sheet XML unzips to about ``size_mb`` MB."""
    head = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            '<row r="1"><c r="A1" t="inlineStr"><is><t>source</t></is></c>'
            '<c r="B1" t="inlineStr"><is><t>target</t></is></c></row>')
    row = '<row><c t="inlineStr"><is><t>a</t></is></c><c t="inlineStr"><is><t>b</t></is></c></row>'
    block = (row * 4096).encode("ascii")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(head.encode("ascii"))
            for _ in range(int(size_mb * 1e6 / len(block)) + 1):
                fh.write(block)
            fh.write(b"</sheetData></worksheet>")
    return path


_CHILD = """
import resource, sys, time
t0 = time.perf_counter()
import systemsmap as sm
try:
    sm.read_excel(sys.argv[1])
    outcome = "read"
except sm.DataError as e:
    outcome = "refused: " + str(e)
except MemoryError:
    outcome = "MemoryError"
print(f"{time.perf_counter() - t0:.2f}")
print(outcome)
"""


N_ATTRIBUTES = 30_000


def make_wide_graphml(path: Path, n_attributes: int = N_ATTRIBUTES, n_nodes: int = 300) -> Path:
    """A GraphML file declaring ``n_attributes`` node attributes; node ``i`` gives values for 100 of them."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n']
    parts += [f'<key id="k{i}" for="node" attr.name="attribute {i}" attr.type="string"/>\n'
              for i in range(n_attributes)]
    parts.append('<graph edgedefault="directed">\n')
    for v in range(n_nodes):
        data = "".join(f'<data key="k{(v * 100 + j) % n_attributes}">v{j}</data>' for j in range(100))
        parts.append(f'<node id="n{v}">{data}</node>\n')
    parts += [f'<edge source="n{v}" target="n{(v + 1) % n_nodes}"/>\n' for v in range(n_nodes)]
    parts.append("</graph>\n</graphml>\n")
    path.write_text("".join(parts), encoding="utf-8")
    return path


_WIDE_CHILD = """
import sys, time, warnings
t0 = time.perf_counter()
import systemsmap as sm
warnings.simplefilter("ignore", sm.DataWarning)
try:
    kw = {} if sys.argv[2] == "default" else {"max_attributes": None}
    net = sm.read_graphml(sys.argv[1], **kw)
    outcome = f"read: {len(net)} actors, {net.actors.shape[1]} actor columns"
except sm.DataError as e:
    outcome = "refused: " + str(e)
print(f"{time.perf_counter() - t0:.2f}")
print(outcome)
"""


_WRAPPER = """
import resource, subprocess, sys
limit = int(sys.argv[1])
def cap():  # a runaway child fails with MemoryError instead of taking the machine's memory
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
p = subprocess.run(sys.argv[2:], capture_output=True, text=True, preexec_fn=cap)
sys.stdout.write(p.stdout + p.stderr)
print()
print("status", p.returncode)
print("maxrss", resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def run_child(args: list[str], cap_mb: int = 3000) -> tuple[float, float, str, int]:
    """Run ``python *args`` under a wrapper; return (seconds, its peak RSS in MB, its output, its exit status).

    The wrapper's ``RUSAGE_CHILDREN`` holds the one child's peak resident memory
    (kilobytes on Linux, bytes on macOS).
    """
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", _WRAPPER, str(cap_mb * 1024 * 1024), sys.executable, *args],
                       capture_output=True, text=True, timeout=600)
    seconds = time.perf_counter() - t0
    lines = p.stdout.rstrip().splitlines()
    peak = float(lines[-1].split()[1]) / (1024 * 1024 if sys.platform == "darwin" else 1024)
    status = int(lines[-2].split()[1])
    return seconds, peak, "\n".join(lines[:-2]).strip(), status


def main() -> int:
    size_mb = float(sys.argv[1]) if len(sys.argv) > 1 else 600.0
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        bomb = make_bomb(Path(tmp) / "bomb.xlsx", size_mb)
        print(f"zip bomb: {bomb.stat().st_size / 1e6:.2f} MB on disk, about {size_mb:.0f} MB unzipped "
              f"(built in {time.perf_counter() - t0:.1f} s)")
        runs = [("read_excel", ["-c", _CHILD, str(bomb)]),
                ("systemsmap convert", ["-m", "systemsmap", "convert", str(bomb), "-o",
                                        str(Path(tmp) / "out.graphml")])]
        for name, args in runs:
            seconds, mb, out, status = run_child(args)
            refused = "refused" in out or (status == 2 and "systemsmap: error" in out)
            good = refused and seconds < LIMIT_SECONDS and mb < LIMIT_MB
            ok &= good
            print(f"{name:20s} {seconds:6.2f} s  peak {mb:7.1f} MB  exit {status}  "
                  f"{'ok' if good else 'OVER LIMIT'}  | {out.splitlines()[-1][:160] if out else ''}")
        wide = make_wide_graphml(Path(tmp) / "wide.graphml")
        print(f"GraphML declaring {N_ATTRIBUTES:,} attributes: {wide.stat().st_size / 1e6:.1f} MB")
        for how in ("default", "None"):
            seconds, mb, out, status = run_child(["-c", _WIDE_CHILD, str(wide), how])
            good = status == 0 and seconds < LIMIT_SECONDS and mb < LIMIT_MB and \
                ("refused" in out if how == "default" else "read:" in out)
            ok &= good
            print(f"read_graphml max_attributes={how:7s} {seconds:6.2f} s  peak {mb:7.1f} MB  "
                  f"{'ok' if good else 'OVER LIMIT'}  | {out.splitlines()[-1][:140] if out else ''}")
    print(f"limits: refused in under {LIMIT_SECONDS:.0f} s and {LIMIT_MB:.0f} MB")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
