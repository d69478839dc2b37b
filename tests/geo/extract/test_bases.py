"""geo.extract.bases: forces holding named bases, airports, fields.

The unit cases are written for these tests (not copied from the seeds) and vary
the wording: verb tenses, verbal nouns, clitics, outlets' phrasing.
"""

from __future__ import annotations

import pytest

from tests.geo.extract.helpers import run

# --- bases and routes ---------------------------------------------------------------------


@pytest.mark.parametrize(("body", "place", "operators"), [
    ("تتمركز القوات الروسية في مطار القامشلي منذ عام 2019.", "qamishli_airport", ["Russian forces"]),
    ("سقطت قذيفتان في محيط حقل كونيكو الذي تتخذه القوات الأمريكية قاعدة لها.",
     "conoco_field", ["US forces"]),
    ("وتسيطر قوات النظام على المربع الأمني في مدينة الحسكة.", "hasakah",
     ["Syrian regime forces"]),
    ("يتواجد مستشارون إيرانيون في الفوج 154 جنوبي القامشلي.", "regiment_154_tartab", ["IRGC"]),
    ("ويتمركز الجنود الأمريكيون في قاعدة الشدادي.", "shaddadi", ["US forces"]),
])
def test_bases(gaz, body, place, operators):
    (base,) = run(gaz, body).bases
    assert (base.place.id, base.operators) == (place, operators)
    assert base.sources[0].evidence == body and base.id.startswith("base-")


@pytest.mark.parametrize("body", [
    "كما تنتشر قوات روسية في قواعد في المنطقة الشمالية من سوريا.",  # no named base
    "وتنتشر القوات الأمريكية في ريف الحسكة.",  # a region, not a base
])
def test_no_base_without_a_named_place(gaz, body):
    assert run(gaz, body).bases == []
