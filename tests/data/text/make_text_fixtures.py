"""Write the text-table fixtures byte for byte as spreadsheet programs save them (run from this folder).

Each file is one network written the way one program saves "CSV" or "text"; README.md says which and what the
test asserts. Run ``python make_text_fixtures.py`` to rebuild them; the files are committed, so tests never run this.
"""
from pathlib import Path

HERE = Path(__file__).parent
CRLF = "\r\n"

TIES = [("source", "target", "weight", "relation"),
        ("Zoë Müller", "José Núñez", "1,5", "advice"),
        ("José Núñez", "François Dubois", "2", "advice"),
        ("François Dubois", "Zoë Müller", "0,75", "funding"),
        ("Ærøskøbing Council", "Zoë Müller", "3", "funding")]
ACTORS = [("id", "role", "organisation", "budget", "note"),
          ("Zoë Müller", "Researcher", "Université de Genève", "1.250,5", "NA"),
          ("José Núñez", "Policy maker", "Ayuntamiento de Málaga", "300", ""),
          ("François Dubois", "PWLE", "Société Générale – Paris", "0,5", "None"),
          ("Ærøskøbing Council", "Funder", "Ærø Kommune; Danmark", "12", "null")]


def csv_lines(rows, sep, quote_if=()):
    out = []
    for row in rows:
        cells = [f'"{c}"' if any(q in c for q in (sep, '"', *quote_if)) else c for c in row]
        out.append(sep.join(cells))
    return out


def write(name, text, encoding):
    (HERE / name).write_bytes(text.encode(encoding))


def main():
    # Excel (Windows, German/French/Spanish regional settings): "CSV (Trennzeichen-getrennt)": ;  cp1252, CRLF, no BOM,
    # decimal commas, a cell is quoted only when it holds the delimiter or a quote.
    write("ties_excel_semicolon_cp1252.csv", CRLF.join(csv_lines(TIES, ";")) + CRLF, "cp1252")
    write("actors_excel_semicolon_cp1252.csv", CRLF.join(csv_lines(ACTORS, ";")) + CRLF, "cp1252")
    # Excel "CSV UTF-8 (comma delimited)": BOM, commas, CRLF; decimal points (English regional settings).
    ties_point = [tuple(c.replace(",", ".") if c[:1].isdigit() else c for c in r) for r in TIES]
    write("ties_excel_utf8_bom.csv", "\ufeff" + CRLF.join(csv_lines(ties_point, ",")) + CRLF, "utf-8")
    # Excel "Unicode Text (*.txt)": UTF-16 LE with BOM, tab-separated, CRLF.
    write("ties_excel_unicode_text.txt", "\ufeff" + CRLF.join(csv_lines(ties_point, "\t")) + CRLF, "utf-16-le")
    # LibreOffice Calc, "Text CSV" with the "|" field delimiter and UTF-8, LF line endings, every text cell quoted.
    write("ties_libreoffice_bar.csv", "\n".join("|".join(f'"{c}"' if not c[:1].isdigit() else c for c in r)
                                                for r in ties_point) + "\n", "utf-8")


if __name__ == "__main__":
    main()
