"""geo.extract.routes: patrol and convoy paths through named places.

The unit cases are written for these tests (not copied from the seeds) and vary
the wording: verb tenses, verbal nouns, clitics, outlets' phrasing.
"""

from __future__ import annotations

import pytest

from tests.geo.extract.helpers import run


@pytest.mark.parametrize(("body", "waypoints", "actors"), [
    ("سيّرت القوات الروسية دورية من القامشلي باتجاه عامودا والدرباسية.",
     ["qamishli", "amuda", "darbasiyah"], ["Russian forces"]),
    ("تكررت حوادث اعتراض الأرتال الأميركية في المنطقة الواقعة بين مدينتي رميلان والمالكية.",
     ["rmelan", "malikiyah"], ["US forces"]),
    ("أوقفت ميليشيات موالية للنظام رتلاً أمريكياً على طريق الحسكة - القامشلي.",
     ["hasakah", "qamishli"], ["US forces"]),
    ("جابت دورية روسية تركية مشتركة قرى عامودا والدرباسية وتل تمر.",
     ["amuda", "darbasiyah", "tal_tamr"], ["Russian forces", "Turkey"]),
    # al-Waleed is the Hasakah crossing, not al-Tanf's
    ("توجه رتل عسكري أمريكي من معبر الوليد إلى قاعدة الشدادي.",
     ["waleed_crossing", "shaddadi"], ["US forces"]),
])
def test_routes(gaz, body, waypoints, actors):
    (route,) = run(gaz, body).routes
    assert [p.id for p in route.waypoints] == waypoints
    assert route.actors == actors and route.id.startswith("route-")


def test_no_route_from_a_list_of_places_alone(gaz):
    assert run(gaz, "زار الوفد مدينتي القامشلي والحسكة.").routes == []
