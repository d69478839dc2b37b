"""geo.extract.anniversary: a piece marking an anniversary retells the event it remembers.

Sentences written for these tests, in the manner of an anniversary statement.
"""

from __future__ import annotations

import datetime as dt

from tests.geo.extract.helpers import run

_RETELLING = "وشنت قسد هجوماً على مواقع التنظيم في بلدة الباغوز بريف دير الزور، واستمرت المعارك لأيام."


def test_the_remembered_battle_without_a_day_is_no_incident(gaz):
    body = f"في ذكرى القضاء عليه.. قسد تدعو المجتمع الدولي لحل ملف إرهابيي داعش\n\n{_RETELLING}"
    assert run(gaz, body, published=dt.date(2024, 3, 25)).incidents == []


def test_the_remembered_battle_dated_years_before_is_no_incident(gaz):
    body = ("قوات سوريا الديمقراطية تحيي الذكرى الخامسة لتحرير الباغوز\n\n"
            "وفي 23 آذار 2019 سيطرت قسد على بلدة الباغوز بعد معارك عنيفة مع التنظيم.")
    assert run(gaz, body, published=dt.date(2024, 3, 25)).incidents == []


def test_news_of_the_day_in_an_anniversary_piece_is_kept(gaz):
    body = ("في ذكرى تحرير الباغوز.. هجوم على قسد\n\n"
            "هاجمت خلية لتنظيم داعش فجر اليوم الاثنين حاجزاً لقسد في بلدة الباغوز بريف دير الزور.")
    incidents = run(gaz, body, published=dt.date(2024, 3, 25)).incidents
    assert [(i.place.id, i.date) for i in incidents] == [("baghuz", "2024-03-25")]


def test_the_same_retelling_outside_an_anniversary_piece_is_kept(gaz):
    body = f"قسد تدعو المجتمع الدولي لحل ملف إرهابيي داعش\n\n{_RETELLING}"
    assert [i.place.id for i in run(gaz, body, published=dt.date(2024, 3, 25)).incidents] == [
        "baghuz"]


def test_celebrating_an_anniversary_today_is_not_the_liberation_today(gaz):
    # 'بالذكرى' with its preposition and article: a celebration of the liberation, not a capture
    body = ("احتفالات شعبية في الرقة\n\n"
            "يحتفل اليوم أهالي مدينة الرقة بالذكرى السنوية الرابعة لتحرير المدينة من تنظيم داعش.")
    assert run(gaz, body, published=dt.date(2021, 10, 20)).incidents == []
