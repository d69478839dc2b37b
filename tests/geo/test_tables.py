"""Data-file lexicons: rows checked against their schema, errors naming the file and the row."""

from __future__ import annotations

import pytest

from geo.tables import Field, TableError, load_csv_rows, load_toml_rows

FIELDS = (Field("ar"), Field("weight", int, default=1), Field("also", list, default=()),
          Field("family", choices=frozenset({"violence", "movement"}), default="violence"))


def test_toml_rows_get_defaults_and_keep_arabic(tmp_path):
    p = tmp_path / "t.toml"
    p.write_text('[[w]]\nar = "قصف"\nalso = ["استهداف"]\n[[w]]\nar = "رتل"\nfamily = "movement"\n',
                 encoding="utf-8")
    assert load_toml_rows(p, "w", FIELDS) == [
        {"ar": "قصف", "weight": 1, "also": ["استهداف"], "family": "violence"},
        {"ar": "رتل", "weight": 1, "also": (), "family": "movement"},
    ]


@pytest.mark.parametrize("body, message", [
    ('[[w]]\nweight = 2\n', r"t\.toml: \[\[w\]\] number 1: missing field 'ar'"),
    ('[[w]]\nar = "x"\n[[w]]\nar = "y"\nwieght = 2\n', r"number 2: unknown field\(s\) \['wieght'\]"),
    ('[[w]]\nar = "x"\nweight = "2"\n', r"field 'weight' must be int"),
    ('[[w]]\nar = "x"\nfamily = "sport"\n', r"expected one of \['movement', 'violence'\]"),
    ('[[w]]\nar = " "\n', r"field 'ar' is empty"),
    ('[[w]\nar = "x"\n', r"not valid TOML"),
    ('[w]\nar = "x"\n', r"expected an array of tables \[\[w\]\]"),
])
def test_toml_errors_name_file_and_row(tmp_path, body, message):
    p = tmp_path / "t.toml"
    p.write_text(body, encoding="utf-8")
    with pytest.raises(TableError, match=message):
        load_toml_rows(p, "w", FIELDS)


def test_csv_rows_split_lists_and_skip_blank_lines(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("ar,weight,also,family\nقصف,3,استهداف|ضرب,\n,,,\n", encoding="utf-8")
    assert load_csv_rows(p, FIELDS) == [
        {"ar": "قصف", "weight": 3, "also": ["استهداف", "ضرب"], "family": "violence"}]


@pytest.mark.parametrize("body, message", [
    ("ar,weight\nx,1\n", r"header is \['ar', 'weight'\]"),
    ("ar,weight,also,family\nx,one,,\n", r"t\.csv: line 2: field 'weight' must be int"),
    ("ar,weight,also,family\nx,1,\n", r"line 2: 3 cells, expected 4"),
    ("", r"empty file"),
])
def test_csv_errors_name_file_and_line(tmp_path, body, message):
    p = tmp_path / "t.csv"
    p.write_text(body, encoding="utf-8")
    with pytest.raises(TableError, match=message):
        load_csv_rows(p, FIELDS)


def test_unreadable_file_is_a_table_error(tmp_path):
    with pytest.raises(TableError, match="cannot read"):
        load_toml_rows(tmp_path / "missing.toml", "w", FIELDS)
