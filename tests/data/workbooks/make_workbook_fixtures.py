"""Write the .xls and .ods fixtures (run from this folder; tests read the committed files).

`.xls` is written with xlwt (BIFF8, what Excel 97-2003 saves; not a dependency of systemsmap: install it only to
rebuild, e.g. ``pip install --target /tmp/xlwt xlwt`` and ``PYTHONPATH=/tmp/xlwt python make_workbook_fixtures.py``);
`.ods` with odfpy through pandas (what LibreOffice Calc saves, as OpenDocument 1.2).
"""
import datetime as dt
from pathlib import Path

import pandas as pd

HERE = Path(__file__).parent

ACTORS = [("id", "role", "organisation", "budget", "joined"),
          ("Zoë Müller", "Researcher", "Université de Genève", 1250.5, dt.datetime(2021, 3, 1)),
          ("José Núñez", "Policy maker", "Ayuntamiento de Málaga", 300, dt.datetime(2019, 11, 15)),
          ("François Dubois", "PWLE", "Société Générale", 0.5, None),
          ("Ærøskøbing Council", "Funder", "NA", 12, dt.datetime(2020, 1, 31))]
TIES = [("source", "target", "relation", "weight"),
        ("Zoë Müller", "José Núñez", "advice", 1.5),
        ("José Núñez", "François Dubois", "advice", 2),
        ("François Dubois", "Zoë Müller", "funding", 0.75),
        ("Ærøskøbing Council", "Zoë Müller", "funding", 3)]
MATRIX = [("", "Ann", "Bob", "Cy"), ("Ann", 0, 2, 0), ("Bob", 1, 0, 0), ("Cy", 0, 1.5, 0)]


def xls():
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    date = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for title, rows in (("actors", ACTORS), ("ties", TIES)):
        sheet = book.add_sheet(title)
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                if isinstance(v, dt.datetime):
                    sheet.write(i, j, v, date)
                elif v is not None:
                    sheet.write(i, j, v)
    book.save(str(HERE / "stakeholders.xls"))
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Matrix")
    for i, row in enumerate(MATRIX):
        for j, v in enumerate(row):
            if v != "":
                sheet.write(i, j, v)
    book.save(str(HERE / "matrix.xls"))


def ods():
    with pd.ExcelWriter(HERE / "stakeholders.ods", engine="odf") as w:
        for title, rows in (("actors", ACTORS), ("ties", TIES)):
            pd.DataFrame(rows[1:], columns=rows[0]).to_excel(w, sheet_name=title, index=False)
    with pd.ExcelWriter(HERE / "matrix.ods", engine="odf") as w:
        pd.DataFrame([r[1:] for r in MATRIX[1:]], index=[r[0] for r in MATRIX[1:]],
                     columns=MATRIX[0][1:]).to_excel(w, sheet_name="Matrix")


def main():
    xls()
    ods()


if __name__ == "__main__":
    main()
