"""Write the Pajek fixtures byte for byte (run from this folder to rebuild; tests read the committed files).

Each imitates the layout of a file that Pajek or a converter wrote (README.md says which); the values are our own.
"""
from pathlib import Path

HERE = Path(__file__).parent

# Krackhardt's high-tech managers as distributed in Pajek's data sets (HighTech.paj): one *Network, vertices with
# labels and x y coordinates in right-aligned columns, three relations as *Arcs :k "name", two partitions and two
# vectors (a vector's values padded to a decimal column). LF line ends.
MANAGERS = """*Network  Eight managers' advice, friendship and reporting
*Vertices       8
  1 "v1"       0.6226    0.7207
  2 "v2"       0.6000    0.5533
  3 "v3"       0.6722    0.3928
  4 "v4"       0.7646    0.6000
  5 "v5"       0.3518    0.4775
  6 "v6"       0.7583    0.0784
  7 "v7"       0.6692    0.2475
  8 "v8"       0.7349    0.5030
*Arcs :1 "gives_advice_to"
  1  2 1
  1  4 1
  1  8 1
  2  6 1
  2  7 1
  3  1 1
  3  2 1
  5  1 1
  8  7 1
*Arcs :2 "is_friend_of"
  1  2 1
  2  1 1
  4  8 1
  6  7 1
*Arcs :3 "reports_to"
  1  2 1
  2  7 1
  3  7 1
  4  2 1
  5  7 1
  6  7 1
  8  7 1

*Partition Department
*Vertices 8
4
4
2
4
2
1
0
1

*Partition Level
*Vertices 8
3
2
3
3
3
3
1
3

*Vector Age
*Vertices 8
33
42
40
33
32
59
55
34

*Vector Tenure
*Vertices 8
 9.333
19.583
12.750
 7.500
 3.333
28.000
30.000
11.333

"""

# Knoke's bureaucracies converted from UCINET by Pajek (KnokBur.paj): two *Network sections named
# "UciNet\\file : MATRIX", labels padded inside their quotes ("WRO "), x y z coordinates, *Arcs followed by an
# empty *Edges, a partition and a vector named by Windows paths. CRLF line ends.
BUREAUCRACIES = r"""*Network UciNet\KnokBur.dat : KNOKI
*Vertices      5
      1 "COUN"                                   0.1000    0.5000    0.5000
      2 "COMM"                                   0.1764    0.2649    0.5000
      3 "EDUC"                                   0.3764    0.1196    0.5000
      4 "WRO "                                   0.6236    0.1196    0.5000
      5 "MAYR"                                   0.8236    0.2649    0.5000
*Arcs
      1      2       1
      1      5       1
      2      1       1
      2      3       1
      4      5       1
*Edges

*Network UciNet\KnokBur.dat : KNOKM
*Vertices      5
      1 "COUN"                                   0.1000    0.5000    0.5000
      2 "COMM"                                   0.1764    0.2649    0.5000
      3 "EDUC"                                   0.3764    0.1196    0.5000
      4 "WRO "                                   0.6236    0.1196    0.5000
      5 "MAYR"                                   0.8236    0.2649    0.5000
*Arcs
      1      3       1
      5      2       2
*Edges

*Partition UciNet\KnokSec.clu
*Vertices 5
      1
      2
      1
      9999998
      2

*Vector UciNet\KnokRat.vec
*Vertices 5
           5.8000000
           5.8000000
           4.7500000
           2.5000000
           5.8600000

"""

# A network drawn in Pajek and saved with its drawing (Draw > Export, or a generator writing for Pajek): a comment,
# vertices with shapes, x_fact/y_fact, interior and border colours, edges with width, colour and a label;
# an *Edgeslist section. CRLF line ends, UTF-8 labels.
STYLED = """% drawn in Pajek; colours as Pajek names them
*Vertices 5
1 "Zoë Müller" 0.1000 0.2000 0.5000 ellipse x_fact 2 y_fact 2 ic Red bc Black
2 "José Núñez" 0.4000 0.8000 0.5000 box ic Yellow
3 "Fund A" 0.9000 0.5000 0.5000 diamond ic LightGreen s_size 3
4 "Council"
5 "Clinic" 0.5 0.5
*Edges
1 2 2 w 2 c Blue l "co-wrote"
2 3 1.5
*Edgeslist
3 4 5
"""

# The same drawn network's adjacency as Pajek writes *Matrix (directed, valued). LF.
MATRIX = """*Vertices 3
1 "Ann"
2 "Bob"
3 "Cy"
*Matrix :1 "advice"
0 2 0
1 0 0
0 3 0
"""

# Arcs and edges in one network, and the relation on each line ("2: 1 3"), as Pajek writes multi-relational
# networks line by line; *Arcslist. LF.
MIXED = """*Vertices 4
1 "A"
2 "B"
3 "C"
4 "D"
*Arcs :1 "advice"
1 2
*Arcs :2 "trust"
2: 3 4 2
*Edges :1 "advice"
3 4
*Arcslist :2 "trust"
1 3 4
"""

# A two-mode network (*Vertices n n1: the first n1 vertices are of mode 1), as Pajek's 2-mode data sets are
# (e.g. Davis' Southern women). LF.
TWO_MODE = """*Vertices 5 2
1 "Evelyn"
2 "Laura"
3 "E1"
4 "E2"
5 "E3"
*Edges
1 3
1 4
2 4
2 5
"""

# Without labels (Gephi's documented sample): vertices are numbers.
BARE = """*Vertices 4
*Edges
1 2
2 3
3 1
"""


def main():
    write = lambda name, text, crlf: (HERE / name).write_bytes(  # noqa: E731
        (text.replace("\n", "\r\n") if crlf else text).encode("utf-8"))
    write("managers_three_relations.paj", MANAGERS, False)
    write("bureaucracies_two_networks.paj", BUREAUCRACIES, True)
    write("styled_drawing.net", STYLED, True)
    write("matrix.net", MATRIX, False)
    write("mixed_arcs_edges.net", MIXED, False)
    write("two_mode.net", TWO_MODE, False)
    write("bare.net", BARE, False)


if __name__ == "__main__":
    main()
