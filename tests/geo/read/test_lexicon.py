"""geo.read.lexicon: the reader's data files load, and a broken row names its file and row."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geo.read.lexicon import (
    DATA_DIR,
    load_after_cues,
    load_furniture,
    load_months,
    load_stamp_words,
    load_stamp_zones,
    load_weekdays,
)
from geo.tables import TableError

LOADERS = {"furniture.toml": load_furniture, "stamps.toml": load_stamp_words,
           "months.csv": load_months, "weekdays.csv": load_weekdays,
           "stamp_zones.csv": load_stamp_zones, "after_cues.csv": load_after_cues}


def test_every_data_file_has_a_loader_and_loads() -> None:
    assert {p.name for p in DATA_DIR.iterdir()} - {"README.md"} == set(LOADERS)
    for name, load in LOADERS.items():
        assert load() == load(DATA_DIR / name) and load()


def _broken(tmp_path: Path, name: str, old: str, new: str) -> Path:
    path = Path(shutil.copy(DATA_DIR / name, tmp_path / name))
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "message"), [
    ('  "عاجل",\n', '  "عاجل",\n  "اقرأ",\n',
     r"furniture\.toml: \[\[list\]\] number 1 \(navigation\): phrase 'اقرأ' is not written "
     r"folded as lines are compared; write 'اقرا'"),
    ('  "عاجل",\n', '  "عاجل",\n  "بحث",\n', r"number 1 \(navigation\): phrase 'بحث' is given twice"),
    ('  "تابعونا",\n', '  "تابعونا(",\n', r"\(follow\): phrase 'تابعونا\(' is not a valid pattern"),
    ('  "نيوز",\n', '  "نيوز عربي",\n', r"\(site_words\): phrase 'نيوز عربي' must be a single word"),
    ('name = "live"', 'name = "livee"', r"\[\[list\]\] number 3: field 'name' is 'livee'"),
    ('name = "live"\nphrases', 'name = "live"\nphrase', r"number 3: unknown field\(s\) \['phrase'\]"),
])
def test_a_broken_furniture_row_names_file_and_row(tmp_path, old, new, message) -> None:
    path = _broken(tmp_path, "furniture.toml", old, new)
    with pytest.raises(TableError, match=message) as info:
        load_furniture(path)
    assert str(info.value).startswith(f"{path}: ")


def test_a_stamp_list_given_twice_or_missing_is_refused(tmp_path) -> None:
    path = _broken(tmp_path, "stamps.toml", 'name = "at_hour"', 'name = "time_pm"')
    with pytest.raises(TableError, match=r"number 5 \(time_pm\): the list 'time_pm' is given twice"):
        load_stamp_words(path)
    path.write_text('[[list]]\nname = "ago_prefix"\nphrases = ["منذ"]\n', encoding="utf-8")
    with pytest.raises(TableError, match=r"stamps\.toml: missing \[\[list\]\] row\(s\) for "
                                         r"\['published_label'"):
        load_stamp_words(path)


@pytest.mark.parametrize(("name", "old", "new", "message"), [
    ("months.csv", "اب,8", "آب,8", r"months\.csv: line 9: phrase 'آب' is not written folded"),
    ("months.csv", "اب,8", "اب,13", r"months\.csv: line 9: field 'month' is 13"),
    ("months.csv", "اب,8", "شباط,2", r"months\.csv: line 9: name 'شباط' is already given at line 3"),
    ("weekdays.csv", "الجمعه,4", "الجمعة,4", r"weekdays\.csv: line 7: phrase 'الجمعة' is not written"),
    ("weekdays.csv", "friday,4,en", "friday,4,fr", r"weekdays\.csv: line 14: field 'lang' is 'fr'"),
    ("stamp_zones.csv", "بغداد,3", "بغداد,three", r"stamp_zones\.csv: line 4: field 'utc_offset' must"),
    ("after_cues.csv", "امس,1,أمس,false", "امس,1,أمس", r"after_cues\.csv: line 6: 3 cells, expected 4"),
    ("after_cues.csv", "امس,1", "امس(,1", r"after_cues\.csv: line 6: phrase 'امس\(' is not a valid"),
])
def test_a_broken_csv_row_names_file_and_line(tmp_path, name, old, new, message) -> None:
    path = _broken(tmp_path, name, old, new)
    with pytest.raises(TableError, match=message) as info:
        LOADERS[name](path)
    assert str(info.value).startswith(f"{path}: ")
