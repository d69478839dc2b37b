"""What is not a year is not read as one (issue 10, item 16).

«5 كانون الأول 2O22» (a letter O for a zero) or a year cut short («202») used to be read
as 5 December of the year before publication, at day precision: a confident, invented
date. A month followed by a garbled year gives no date at all; a real year still does.
"""

from __future__ import annotations

import datetime

import pytest

from geo.extract.when import find_dates

ANCHOR = datetime.date(2022, 3, 1)


@pytest.mark.parametrize("text", [
    "قُتل عنصران من قسد في 5 كانون الأول 2O22 بهجوم قرب الشدادي",
    "قُتل عنصران من قسد في 5 كانون الأول 2o22 بهجوم قرب الشدادي",
    "وقع الهجوم في 5 كانون الأول 20l2",
    "وقع الهجوم في 5 كانون الأول 202",
    "وقع الهجوم في 5 كانون الأول …202",
    "وقع الهجوم في 5 كانون الأول 202.",
    "وقع الهجوم في 5 كانون الأول 20222",
    "وقع الهجوم في 5 كانون الأول 2022a",
    "وقع الهجوم في 5 كانون الأول من عام 2O22",
    "وقع الهجوم في 5 كانون الأول، 2O22",
    "وقع الهجوم في 5 و6 كانون الأول 2O22",
    "وقع الهجوم في كانون الأول 2O22",
])
def test_a_garbled_year_gives_no_date(text):
    assert [(e.text, e.iso) for e in find_dates(text, ANCHOR)] == []


@pytest.mark.parametrize(("text", "iso"), [
    ("وقع الهجوم في 5 كانون الأول 2022", "2022-12-05"),
    ("وقع الهجوم في 5 كانون الأول 2022م", "2022-12-05"),
    ("وقع الهجوم في 5 كانون الأول ٢٠٢٢", "2022-12-05"),
    ("وقع الهجوم في 5 كانون الأول، قرب الشدادي", "2021-12-05"),
    # a count after the date is not a year
    ("وصل في 5 كانون الأول 150 جنديا أمريكيا", "2021-12-05"),
    ("وصل في 5 كانون الأول 12 عنصرا", "2021-12-05"),
])
def test_a_real_year_or_none_still_dates(text, iso):
    assert [e.iso for e in find_dates(text, ANCHOR)] == [iso]


def test_a_year_glued_to_letters_is_not_a_year():
    assert find_dates("عام 2022abc", None) == []
    assert [e.iso for e in find_dates("عام 2022", None)] == ["2022"]
