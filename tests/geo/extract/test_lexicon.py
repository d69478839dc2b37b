"""The extraction's data files: they load into the tables the code uses, and a broken row
stops loading with an error naming the file and the row."""

from __future__ import annotations

import shutil

import pytest

from geo.extract import actors, casualties, cues, triggers
from geo.extract.lexicon import DATA_DIR
from geo.extract.when import names
from geo.tables import TableError


def test_shipped_files_load_as_the_tables_in_use():
    assert triggers.load_triggers() == triggers.TRIGGERS
    assert names.load_calendar().months == names.MONTH_NAMES
    assert set(actors.load_aliases().values()) <= set(actors.ACTORS)
    assert [n[0] for n in actors.load_names()].count("US forces") == 3
    assert set(cues.load_cues()) >= {"patrol", "negation"}
    assert casualties.load_casualty_words()["number"][0] == {"word": "واحد", "value": 1}


def _broken(tmp_path, name: str, old: str, new: str, count: int = 1):
    """A copy of data file ``name`` with the first ``count`` ``old`` replaced by ``new``."""
    path = tmp_path / name
    shutil.copy(DATA_DIR / name, path)
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "message"), [
    ('type = "air_incident"', 'type = "air_incidnet"',
     r"triggers\.toml: \[\[trigger\]\] number 1: field 'type' is 'air_incidnet', expected one of"),
    ("strength = 0.6\nneed", "strength = 1.6\nneed",
     r"triggers\.toml: \[\[trigger\]\] number 1: strength must be in \(0, 1\]"),
    ('need = "air"', 'need = "aircraft"',
     r"triggers\.toml: \[\[trigger\]\] number 1: field 'need' is 'aircraft'"),
    ("patterns = ['تفادي(?:ها", "patterns = ['تفادي((?:ها",
     r"triggers\.toml: \[\[trigger\]\] number 1: pattern .* is not valid"),
    ("patterns = ['تفادي", "pattern = ['تفادي",
     r"triggers\.toml: \[\[trigger\]\] number 1: unknown field\(s\) \['pattern'\]"),
])
def test_a_broken_trigger_names_file_and_row(tmp_path, old, new, message):
    with pytest.raises(TableError, match=message):
        triggers.load_triggers(_broken(tmp_path, "triggers.toml", old, new))


@pytest.mark.parametrize(("old", "new", "message"), [
    ('name = "road"', 'name = "roads"', r"cues\.toml: \[\[cue\]\] number 2: field 'name' is 'roads'"),
    ('name = "road"', 'name = "patrol"', r"cues\.toml: \[\[cue\]\] number 2: name 'patrol' is given twice"),
    ("words = ['طريق',", "words = ['طريق(',", r"cues\.toml: \[\[cue\]\] number 2: pattern .* is not valid"),
])
def test_a_broken_cue_names_file_and_row(tmp_path, old, new, message):
    with pytest.raises(TableError, match=message):
        cues.load_cues(_broken(tmp_path, "cues.toml", old, new))


@pytest.mark.parametrize(("loader", "old", "new", "message"), [
    (actors.load_actor_rows, 'parent = "Russian forces"\nunit = "air"',
     'parent = "Russian force"\nunit = "air"',
     r"actors\.toml: \[\[actor\]\] number 4: unknown parent 'Russian force'"),
    (actors.load_actor_rows, 'unit = "air"', 'unit = "sea"',
     r"\[\[actor\]\] number 4: field 'unit' is 'sea'"),
    (actors.load_names, 'actor = "US forces"', 'actor = "US force"',
     r"actors\.toml: \[\[name\]\] number 4: unknown actor 'US force'"),
    (actors.load_names, "patterns = ['سنتكوم',", "patterns = ['سنتكوم)',",
     r"actors\.toml: \[\[name\]\] number 5: pattern .* is not valid"),
    (actors.load_nations, 'key = "tr"', 'key = "TR"', r"actors\.toml: \[\[nation\]\] number 3: key 'TR'"),
    (actors.load_units, 'name = "convoy"', 'name = "convoys"',
     r"\[\[unit\]\] number 2: field 'name' is 'convoys'"),
])
def test_a_broken_actor_row_names_file_and_row(tmp_path, loader, old, new, message):
    with pytest.raises(TableError, match=message):
        loader(_broken(tmp_path, "actors.toml", old, new))


def test_a_broken_alias_names_file_and_row(tmp_path):
    path = _broken(tmp_path, "actor_aliases.toml", '"daesh", actor = "ISIS"', '"daesh", actor = "IS"')
    with pytest.raises(TableError, match=r"actor_aliases\.toml: \[\[alias\]\] number 37: unknown actor 'IS'"):
        actors.load_aliases(path)


@pytest.mark.parametrize(("old", "new", "message"), [
    ("{ month = 3, names", "{ month = 13, names",
     r"calendar\.toml: \[\[month\]\] number 3: field 'month' is 13, expected one of"),
    ("ambiguous = ['مارس']", "ambiguous = ['أبريل']",
     r"calendar\.toml: \[\[month\]\] number 3: an ambiguous name must be one of the names"),
    ("{ month = 3, names = ['اذار', 'مارس'], ambiguous = ['مارس'] },\n", "",
     r"calendar\.toml: \[\[month\]\] number 11: every month 1-12 needs a row"),
    ("{ name = 'الخميس', weekday = 3 }", "{ name = 'الخميس', weekday = 'Thursday' }",
     r"calendar\.toml: \[\[weekday\]\] number 7: field 'weekday' must be int"),
    ("{ words = 'الخامس', day = 5 }", "{ words = 'الخامس', day = 32 }",
     r"calendar\.toml: \[\[ordinal\]\] number 5: field 'day' is 32"),
    ("{ word = 'يومين', unit = \"day\", count = 2 }", "{ word = 'يومين', unit = \"days\", count = 2 }",
     r"calendar\.toml: \[\[unit\]\] number \d+: field 'unit' is 'days'"),
])
def test_a_broken_calendar_row_names_file_and_row(tmp_path, old, new, message):
    with pytest.raises(TableError, match=message):
        names.load_calendar(_broken(tmp_path, "calendar.toml", old, new))


@pytest.mark.parametrize(("old", "new", "message"), [
    ("{ word = 'رجل', count = 1 }", "{ word = 'رجل', count = 3 }",
     r"casualties\.toml: \[\[person\]\] number 7: field 'count' is 3"),
    ("{ word = 'مقتل', counts = \"killed\" }", "{ word = 'مقتل', counts = \"dead\" }",
     r"casualties\.toml: \[\[casualty_word\]\] number 1: field 'counts' is 'dead'"),
    ("{ words = 'نحو' }", "{ words = 'نحو 3' }",
     r"casualties\.toml: \[\[about\]\] number 1: 'نحو 3': letters and single spaces only"),
])
def test_a_broken_casualty_row_names_file_and_row(tmp_path, old, new, message):
    with pytest.raises(TableError, match=message):
        casualties.load_casualty_words(_broken(tmp_path, "casualties.toml", old, new))
