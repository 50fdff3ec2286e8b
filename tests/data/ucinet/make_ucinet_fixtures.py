"""Write the DL fixtures laid out as UCINET's own files are (run from this folder to rebuild them).

Layouts follow the classic UCINET datasets as distributed (zachary.dat, sampson.dat, bkfrat.dat and the
DL pages of the UCINET manual); the values are our own (karate club ties from networkx, the rest from a seeded
generator), so no third-party file is copied. README.md says which file imitates which.
"""
from pathlib import Path

import networkx as nx
import numpy as np

HERE = Path(__file__).parent


def rows(matrix, fmt="{:d}", sep=" ", lead="", wrap=None):
    out = []
    for row in matrix:
        cells = [fmt.format(int(v)) for v in row]
        chunks = [cells[k:k + wrap] for k in range(0, len(cells), wrap)] if wrap else [cells]
        out += [lead + sep.join(c) for c in chunks]
    return out


def karate():
    """zachary.dat: DL / N=34 NM=2 / FORMAT = FULLMATRIX DIAGONAL PRESENT / LEVEL LABELS: ZACHE ZACHC; CRLF."""
    g = nx.karate_club_graph()
    e = nx.to_numpy_array(g, nodelist=range(34), weight=None)
    c = nx.to_numpy_array(g, nodelist=range(34), weight="weight")
    lines = ["DL", "N=34 NM=2", "FORMAT = FULLMATRIX DIAGONAL PRESENT", "LEVEL LABELS:", "ZACHE", "ZACHC", "DATA:"]
    lines += rows(e) + rows(c)
    (HERE / "karate_level_labels.dl").write_bytes(("\r\n".join(lines) + "\r\n").encode("ascii"))


MONKS = ["Romuald", "Bonaventure", "Ambrose", "Berthold", "Peter", "Louis"]
RELATIONS = ["LIKE1", "LIKE2", "LIKE3", "DISLIKE", "ESTEEM", "DISESTEEM", "INFLUENCE", "NEGINFLUENCE", "PRAISE",
             "BLAME"]


def monks_matrices(nm=10, seed=7):
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(nm):
        m = np.zeros((6, 6), dtype=int)
        for i in range(6):  # each monk ranks three others 3, 2, 1, as in Sampson's data
            others = rng.choice([j for j in range(6) if j != i], size=3, replace=False)
            m[i, others] = [3, 2, 1]
        out.append(m)
    return out


def monks():
    """sampson.dat: ROW LABELS: / COLUMN LABELS: / LEVEL LABELS: (NM=10), data rows led by a space; LF."""
    lines = ["DL", "N=6 NM=10", "FORMAT = FULLMATRIX DIAGONAL PRESENT", "ROW LABELS:", *MONKS, "COLUMN LABELS:",
             *MONKS, "LEVEL LABELS:", *RELATIONS, "DATA:"]
    for m in monks_matrices():
        lines += rows(m, lead=" ")
    (HERE / "monks_row_column_level.dl").write_text("\n".join(lines) + "\n", encoding="ascii")


def fraternity_matrices(seed=11):
    rng = np.random.default_rng(seed)
    n = 30
    counts = np.triu(rng.poisson(1.2, size=(n, n)) * (rng.random((n, n)) < 0.4), 1)
    counts = counts + counts.T
    ranks = rng.integers(1, 6, size=(n, n))
    np.fill_diagonal(ranks, 0)
    return counts, ranks


def fraternity():
    """bkfrat.dat: N=58 NM=2, the first matrix's rows wrapped after 26 values in 3-wide columns, the second's
    after 40 values separated by single spaces (here N=30: 26 + 4 and 20 + 10); LF."""
    counts, ranks = fraternity_matrices()
    lines = ["DL", "N=30 NM=2", "FORMAT = FULLMATRIX DIAGONAL PRESENT", "LEVEL LABELS:", "BKFRAB", "BKFRAC",
             "DATA:"]
    lines += [ln.lstrip() for ln in rows(counts, fmt="{:>2d}", sep=" ", wrap=26)]
    lines += rows(ranks, wrap=20)
    (HERE / "fraternity_wrapped.dl").write_text("\n".join(lines) + "\n", encoding="ascii")


def manual():
    """The UCINET manual's variations at once: keywords in lower case on one line with commas, quoted labels
    holding spaces and quotes, labels embedded in rows and columns, the diagonal absent, matrix labels on one
    line separated by commas; CRLF, Windows-1252 (UCINET is a Windows program)."""
    labels = ['"Ann Smith"', '"Bob O\'Neil"', "'Cy \"Kid\" Jones'", "Zoë"]
    advice = [[1, 0, 1], [0, 2, 0], [1, 1, 0], [0, 0, 3]]
    trust = [[0, 0, 0], [1, 0, 0], [0, 0, 0], [0, 1, 0]]
    lines = ["dl n = 4, nm = 2", "format = fullmatrix diagonal = absent", "row labels embedded column labels embedded",
             'matrix labels: "advice network", trust', "data:", "  " + " ".join(labels)]
    for m in (advice, trust):
        lines += [f"{labels[i]} " + " ".join(map(str, m[i])) for i in range(4)]
    (HERE / "manual_quoted_embedded.dl").write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


def attributes():
    """comm4_att.dat (Add Health): actor attributes as a two-mode DL (NR, NC, COLUMN LABELS, LEVEL LABELS)."""
    lines = ["DL", "NR=5, NC=3", "", "FORMAT = FULLMATRIX DIAGONAL PRESENT", "COLUMN LABELS:", '"sex"', '"race"',
             '"grade"', "LEVEL LABELS:", '"Page 1"', "DATA:", "2 3 10", "2 1 10", "1 1 10", "1 2 11", "2 2 12"]
    (HERE / "attributes_two_mode.dl").write_text("\n".join(lines) + "\n", encoding="ascii")


def main():
    karate()
    monks()
    fraternity()
    manual()
    attributes()


if __name__ == "__main__":
    main()
