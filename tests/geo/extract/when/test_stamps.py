"""geo.extract.when.stamps: the publication stamp a news page prints near its top."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.extract import when as dates
from geo.extract.when import find_publication_date

D = datetime.date
SEEDS = Path(__file__).resolve().parents[4] / "seeds"

# --------------------------------------------------------------------------
# Publication stamps
# --------------------------------------------------------------------------


def test_publication_stamp_of_seed_002() -> None:
    text = (SEEDS / "002_032df531970bae2f.txt").read_text(encoding="utf-8")
    value, rule = find_publication_date(text)  # type: ignore[misc]
    assert rule == "stamp"
    assert value == datetime.datetime(2022, 10, 8, 17, 41, tzinfo=dates.DAMASCUS)
    assert value.utcoffset() == datetime.timedelta(hours=3)  # type: ignore[union-attr]


def test_publication_stamp_of_seed_004() -> None:
    text = (SEEDS / "004_9bf56aee027dd3f2.txt").read_text(encoding="utf-8")
    value, rule = find_publication_date(text)  # type: ignore[misc]
    assert (value, rule) == (datetime.datetime(2021, 1, 18, 15, 35, tzinfo=dates.DAMASCUS), "stamp")


def test_no_publication_stamp_in_seed_000() -> None:
    text = (SEEDS / "000_c290c274965af00c.txt").read_text(encoding="utf-8")
    assert find_publication_date(text) is None


@pytest.mark.parametrize(
    ("top", "value", "rule"),
    [
        ("عنوان\n08/10/2022\nنص المقال", D(2022, 10, 8), "date_line"),
        ("عنوان\nنشر في 8 تشرين الأول 2022\nنص", D(2022, 10, 8), "label"),
        ("عنوان\nنُشر بتاريخ: 2022-10-08\nنص", D(2022, 10, 8), "label"),
        ("عنوان\nالسبت 8 أكتوبر 2022\nنص", D(2022, 10, 8), "date_line"),
        (
            "عنوان\n٢٠٢٢.١٠.٠٨ | ١٧:٤١ دمشق\n",
            datetime.datetime(2022, 10, 8, 17, 41, tzinfo=dates.DAMASCUS),
            "stamp",
        ),
        ("08/10/2022 - 17:41", datetime.datetime(2022, 10, 8, 17, 41), "stamp"),
        (
            "8 أكتوبر 2022 5:41 م بتوقيت دمشق",
            datetime.datetime(2022, 10, 8, 17, 41, tzinfo=dates.DAMASCUS),
            "stamp",
        ),
        ("2022-10-08 14:41 GMT", datetime.datetime(2022, 10, 8, 14, 41, tzinfo=datetime.UTC), "stamp"),
        (
            "2022-10-08T17:41:00+03:00",
            datetime.datetime(2022, 10, 8, 17, 41, tzinfo=datetime.timezone(datetime.timedelta(hours=3))),
            "stamp",
        ),
    ],
)
def test_publication_stamp_forms(top: str, value: object, rule: str) -> None:
    assert find_publication_date(top) == (value, rule)


def test_publication_stamp_prefers_published_over_updated() -> None:
    top = "آخر تحديث: 10/10/2022\nنشر في: 08/10/2022\nنص"
    assert find_publication_date(top) == (D(2022, 10, 8), "label")
    assert find_publication_date("آخر تحديث: 10/10/2022\nنص") == (D(2022, 10, 10), "label")


def test_publication_stamp_ignores_body_sentences_and_late_lines() -> None:
    body = "وفي 8 تشرين الأول 2022 اعترضت دورية روسية أخرى دورية أميركية في ريف القامشلي."
    assert find_publication_date(f"عنوان\n{body}") is None
    late = "\n".join(f"سطر {i}" for i in range(20)) + "\n08/10/2022"
    assert find_publication_date(late) is None


def test_publication_stamp_with_an_impossible_offset_has_no_zone() -> None:
    value, _ = find_publication_date("2022-10-08 17:41 +99:00")  # type: ignore[misc]
    assert value == datetime.datetime(2022, 10, 8, 17, 41)


@settings(max_examples=200)
@given(st.text())
def test_publication_date_never_crashes(text: str) -> None:
    result = find_publication_date(text)
    assert result is None or isinstance(result[0], datetime.date)
