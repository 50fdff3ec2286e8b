"""Text tables as spreadsheet programs write them (systemsmap/io/_text.py and the readers that use it).

Fixtures in tests/data/text (README.md there says which program each file imitates and how it was made).
"""
from __future__ import annotations

import codecs
import warnings
from pathlib import Path

import pandas as pd
import pytest

import systemsmap as sm
from systemsmap.io._text import decode, point_decimals, read_table, sniff_delimiter

HERE = Path(__file__).parent / "data" / "text"

NAMES = ["Zoë Müller", "José Núñez", "François Dubois", "Ærøskøbing Council"]
TIES = [("Zoë Müller", "José Núñez", 1.5, "advice"), ("José Núñez", "François Dubois", 2.0, "advice"),
        ("François Dubois", "Zoë Müller", 0.75, "funding"), ("Ærøskøbing Council", "Zoë Müller", 3.0, "funding")]


def _ties(net):
    return [tuple(r) for r in net.ties[["source", "target", "weight", "relation"]].itertuples(index=False)]


# ---------------------------------------------------------------------- whole files
def test_excel_semicolon_cp1252_with_decimal_commas():
    with pytest.warns(sm.DataWarning, match=r"ties_excel_semicolon_cp1252.csv: not UTF-8; read as Windows-1252"):
        with pytest.warns(sm.DataWarning, match=r"actors_excel_semicolon_cp1252.csv: .*'Zoë"):
            net = sm.read_csv(HERE / "ties_excel_semicolon_cp1252.csv", HERE / "actors_excel_semicolon_cp1252.csv")
    assert list(net.ids) == NAMES
    assert _ties(net) == TIES
    a = net.actors
    assert a["budget"].tolist() == [1250.5, 300.0, 0.5, 12.0]
    assert a["organisation"].tolist() == ["Université de Genève", "Ayuntamiento de Málaga",
                                          "Société Générale – Paris", "Ærø Kommune; Danmark"]
    assert a["role"].tolist() == ["researcher", "policymaker", "lived_experience", "funder"]
    # NA, None and null are text as written; only the empty cell is missing
    assert a["note"].tolist()[0] == "NA" and pd.isna(a["note"].iloc[1])
    assert a["note"].tolist()[2:] == ["None", "null"]


@pytest.mark.parametrize("name", ["ties_excel_utf8_bom.csv", "ties_excel_unicode_text.txt",
                                  "ties_libreoffice_bar.csv"])
def test_unicode_files_read_without_warning(name):
    with warnings.catch_warnings():
        warnings.simplefilter("error", sm.DataWarning)
        net = sm.read_csv(HERE / name)
    assert list(net.ids) == NAMES
    assert _ties(net) == TIES


@pytest.mark.parametrize("name", ["ties_excel_semicolon_cp1252.csv", "ties_excel_utf8_bom.csv",
                                  "ties_excel_unicode_text.txt", "ties_libreoffice_bar.csv"])
def test_read_any_detects_each_text_layout(name):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        net = sm.read_any(HERE / name)
    assert _ties(net) == TIES
    encoding_warnings = [w for w in caught if "not UTF-8" in str(w.message)]
    assert len(encoding_warnings) == (1 if "cp1252" in name else 0)  # once, not once per look at the file


def test_files_once_refused_now_load():
    with pytest.warns(sm.DataWarning, match=r"latin1_no_bom.csv: not UTF-8; read as Windows-1252 .*'JosÃ©'|'José'"):
        net = sm.read_csv(HERE / "latin1_no_bom.csv")
    assert net.ties[["source", "target"]].values.tolist() == [["A", "B"], ["B", "José"]]
    net = sm.read_csv(HERE / "semicolon_plain.csv")
    assert net.ties[["source", "target"]].values.tolist() == [["A", "B"]]


def test_matrix_with_semicolons_and_decimal_commas(tmp_path):
    path = tmp_path / "m.csv"
    path.write_bytes(";Zoë;Ann\r\nZoë;0;1,5\r\nAnn;0,25;0\r\n".encode("cp1252"))
    with pytest.warns(sm.DataWarning, match="m.csv: not UTF-8"):
        net = sm.read_matrix(path)
    assert net.ties[["source", "target", "weight"]].values.tolist() == [["Zoë", "Ann", 1.5], ["Ann", "Zoë", 0.25]]


def test_roster_in_utf16(tmp_path):
    path = tmp_path / "roster.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "id\tZoë\tAnn\r\nZoë\t\t2\r\nAnn\t1\t\r\n".encode("utf-16-le"))
    net = sm.read_roster(path)
    assert net.ties[["source", "target", "weight"]].values.tolist() == [["Zoë", "Ann", 2.0], ["Ann", "Zoë", 1.0]]


# ---------------------------------------------------------------------- decode
@pytest.mark.parametrize("encoding,bom", [("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
                                          ("utf-16-be", codecs.BOM_UTF16_BE), ("utf-32-le", codecs.BOM_UTF32_LE),
                                          ("utf-32-be", codecs.BOM_UTF32_BE)])
def test_decode_byte_order_marks(encoding, bom):
    text = "id;label\r\nZoë;Łódź 東京\r\n"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got, used = decode(bom + text.encode(encoding), origin="t.csv")
    assert got == text
    assert used == {"utf-8": "utf-8-sig"}.get(encoding, encoding[:6])


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_decode_utf16_without_mark_warns(encoding):
    with pytest.warns(sm.DataWarning, match=rf"t.csv: not UTF-8; read as UTF-16 {encoding[-2:].upper()}"):
        got, used = decode("id,label\nZoë,Ann\n".encode(encoding), origin="t.csv")
    assert (got, used) == ("id,label\nZoë,Ann\n", encoding)


@pytest.mark.parametrize("encoding,text,described", [
    ("cp1252", "source;target\r\nZoë Müller;José – Núñez\r\n", "Windows-1252"),
    ("cp1250", "miasto;region\r\nKraków;Łódź\r\nGdańsk;Śląsk\r\n", "Windows-1250"),
    ("cp1251", "город;регион\r\nМосква;Санкт-Петербург\r\n", "Windows-1251"),
    ("mac_roman", "source;target\nZoë Müller;José Núñez\nFrançois;Zoë Müller\n", "Mac Roman"),
])
def test_decode_legacy_encodings(encoding, text, described):
    with pytest.warns(sm.DataWarning, match=rf"t.csv: not UTF-8; read as {described}"):
        got, _ = decode(text.encode(encoding), origin="t.csv")
    assert got == text


def test_decode_mixed_encodings_names_the_byte_and_line():
    data = "id\nZoë\n".encode("utf-8") + "José\n".encode("cp1252")
    with pytest.raises(sm.DataError) as info:
        decode(data, origin="t.csv")
    msg = str(info.value)
    assert msg.startswith("t.csv: the file is UTF-8 in places but not throughout")
    assert "byte 12 (line 3) is 0xE9" in msg and "CSV UTF-8" in msg


def test_decode_bad_bytes_after_a_mark():
    with pytest.raises(sm.DataError, match=r"t.csv: the file starts with a byte-order mark: byte 4 \(line 1\) is "
                                           r"0xFF, which is not UTF-8 with a byte-order mark"):
        decode(codecs.BOM_UTF8 + b"\xff\xfe", origin="t.csv")


def test_binary_data_is_refused(tmp_path):
    with pytest.raises(sm.DataError, match=r"t.bin: this is not a text file \(byte 3 is a NUL byte"):
        decode(b"\x01\x02\x00\x05\x06\x07\x08\x00\x00\x00\x00\x01", origin="t.bin")
    book = tmp_path / "ties.csv"
    book.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    with pytest.raises(sm.DataError, match=r"ties.csv: this is not a CSV text file .*read_excel"):
        sm.read_csv(book)


# ---------------------------------------------------------------------- delimiters
@pytest.mark.parametrize("text,expected", [
    ("a,b,c\n1,2,3\n", ","),
    ("a;b;c\n1;2,5;3\n4;5;6,25\n", ";"),
    ("a\tb\n1\t2\n", "\t"),
    ("a|b\n1|2\n", "|"),
    ('id,label\n1,"Smith; Ann"\n2,"Jones; Bo"\n', ","),
    ('id;label\n1;"Smith, Ann"\n2;"Jones, Bo"\n', ";"),
    ("id\nAnn\nBob\n", ","),
    ("id\nresearcher; funder\nfunder; champion\n", ","),
    ("source;target;note\nA;B;x, y\nB;C;z\n", ";"),
    ("name,roles\nAnn,researcher;funder;champion\nBob,funder\n", ","),
    ('a,b\n"multi\nline; ; ;",2\n3,4\n', ","),
])
def test_sniff_delimiter(text, expected):
    assert sniff_delimiter(text, origin="t.csv") == expected


# ---------------------------------------------------------------------- tables
def test_read_table_keeps_text_and_counts_rows():
    frame, info = read_table(b"id,note\r\n\r\nA,NA\r\nB,None\r\n\r\nC,null\r\nD,\r\nE,  \r\n", origin="t.csv")
    assert frame["note"].tolist() == ["NA", "None", "null", None, "  "]
    assert info.rows == [3, 4, 6, 7, 8] and info.header_row == 1
    assert (info.encoding, info.delimiter, info.decimal) == ("utf-8", ",", ".")


def test_read_table_drops_trailing_empty_columns_only():
    frame, _ = read_table(b"source;target;;\r\nA;B;;\r\nB;C;;\r\n", origin="t.csv")
    assert list(frame.columns) == ["source", "target"]
    with pytest.raises(sm.DataError, match=r"t.csv row 1: 1 column\(s\) have no header \(positions 3\)"):
        read_table(b"source;target;;x\r\nA;B;y;\r\n", origin="t.csv")


def test_read_table_refuses_extra_cells_and_repeated_headers():
    with pytest.raises(sm.DataError, match=r"t.csv row 3: 'x' is a cell beyond the 2 columns that the header "
                                           r"\(row 1\) names: not a well-formed CSV table"):
        read_table(b"a,b\n1,2\n3,4,x\n", origin="t.csv")
    with pytest.raises(sm.DataError, match=r"t.csv row 1: 'weight' appears twice as a header \(columns B and C\)"):
        read_table(b"source,weight,weight\nA,1,2\n", origin="t.csv")


def test_read_table_empty_and_long_cells(tmp_path):
    with pytest.raises(sm.DataError, match=r"t.csv: the file is empty"):
        read_table(b"  \r\n", origin="t.csv")
    long = "x" * 300_000
    frame, _ = read_table(f"id,note\nA,{long}\n".encode(), origin="t.csv")
    assert frame["note"].iloc[0] == long


def test_point_decimals_only_in_number_columns():
    frame, info = read_table("id;score;code;when;mixed\nA;1,5;01;1.1.2024;2,5\nB;-1.234,25;2;2.1.2024;x\n"
                             "C;;3;3.1.2024;1\n".encode(), origin="t.csv")
    assert info.decimal == ","
    out = point_decimals(frame, info)
    assert out["score"].tolist() == ["1.5", "-1234.25", None]
    assert out["code"].tolist() == ["01", "2", "3"]
    assert out["when"].tolist() == ["1.1.2024", "2.1.2024", "3.1.2024"]
    assert out["mixed"].tolist() == ["2,5", "x", "1"]
    assert frame["score"].tolist() == ["1,5", "-1.234,25", None]  # not changed in place


@pytest.mark.parametrize("text,decimal", [
    ("a;b\n1,5;2\n", ","), ("a;b\n1,5;2.5\n", "."), ("a,b\n\"1,5\",2\n", "."), ("a\tb\n1,5\t2\n", ","),
    ("a;b\nx;y\n", "."),
])
def test_decimal_mark(text, decimal):
    assert read_table(text.encode(), origin="t.csv")[1].decimal == decimal
