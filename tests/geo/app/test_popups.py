"""geo.app.popups: every article-derived value escaped, inert and bidi-isolated; contents."""

from __future__ import annotations

import html

import folium
import pytest

from gazetteer.model import GOVERNORATES
from geo.app.mapview import build_map
from geo.app.popups import (
    article_popup_html,
    base_popup_html,
    incident_popup_html,
    place_popup_html,
    route_popup_html,
)
from tests.geo.app.samples import EVIDENCE, EVIL, small_layers
from tests.geo.app.samples import source as _source

JINJA = "{{ 'pwn' ~ 'ed' }}{% if true %}"


# ------------------------------------------------------------------ escaping

def test_incident_popup_escapes_and_neutralises_template_syntax():
    row = {"type": "patrol", "date": "2022-10-08", "date_precision": "day",
           "place_name_en": EVIL, "place_name_ar": "`x` \\u0041 ${y}", "actors": [JINJA],
           "sources": [_source(title=EVIL, url="javascript:alert(1)")]}
    out = incident_popup_html(row)
    assert "<script" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    for raw in ("${", "`", "\\", "{{", "{%"):
        assert raw not in out
    assert "javascript:" not in out and "href" not in out


@pytest.mark.parametrize("url, linked", [
    ("https://example.org/a?b=1&c=2", True),
    ("http://example.org/", True),
    ("javascript:alert(1)", False),
    ("data:text/html,<b>x</b>", False),
    ("//example.org/no-scheme", False),
    ("https://example.org/\"onmouseover=\"alert(1)", False),
    ("", False),
    (None, False),
])
def test_links_only_for_http_urls(url, linked):
    out = article_popup_html({"title": "t", "url": url})
    assert ("href=" in out) is linked
    if linked:
        assert f'href="{html.escape(url)}"' in out


def test_rendered_page_keeps_article_text_inert(layers):
    layers["incidents"].at[0, "sources"] = [_source(title=EVIL + JINJA)]
    m = build_map(layers, show_articles=True)
    # also through folium's own Popup, which embeds HTML in a JS template literal
    folium.Marker([36.0, 40.0], popup=folium.Popup(
        incident_popup_html(layers["incidents"].iloc[0].to_dict()))).add_to(m)
    page = m.get_root().render()
    assert EVIL not in page
    assert "<script>alert(1)" not in page
    assert "${alert(2)}" not in page
    assert "pwned" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&#36;&#123;alert(2)&#125;" in page


def test_popup_html_survives_json_embedding(page):
    """No '</script>' can close the page's script early (links to script files aside)."""
    import re

    page = re.sub(r'<script src="[^"<>]*"></script>', "", page)
    scripts = page.split("<script>")[1:]
    for body in scripts:
        assert body.count("</script>") == 1


RLO = "\u202e"


def test_untrusted_popup_fields_are_each_a_bidi_isolate():
    """An unterminated U+202E in a title or outlet reorders nothing outside its field."""
    src = {"article": "a" + RLO, "title": "عنوان " + RLO + "<b>", "outlet": "وكالة" + RLO,
           "published": "2022-10-09", "url": "", "evidence": "نص " + RLO}
    incident = incident_popup_html({"type": "patrol", "sources": [src]})
    assert f"<b><bdi>عنوان {RLO}&lt;b&gt;</bdi></b>" in incident
    assert f"<bdi>وكالة{RLO}</bdi> · <bdi>2022-10-09</bdi>" in incident
    article = article_popup_html({"title": src["title"], "outlet": src["outlet"],
                                  "published": "2022-10-09", "excerpt": src["evidence"]})
    assert f"<h4><bdi>عنوان {RLO}&lt;b&gt;</bdi></h4>" in article
    assert f"<bdi>وكالة{RLO}</bdi> · <bdi>2022-10-09</bdi>" in article
    place = place_popup_html({"name_en": "X", "articles": [src["article"], "b"]})
    assert f"<bdi>a{RLO}</bdi>, <bdi>b</bdi>" in place
    # every RLO sits inside a <bdi> or a block of its own with dir=
    for out in (incident, article, place):
        for before in out.split(RLO)[:-1]:
            assert before.rfind("<bdi>") > before.rfind("</bdi>") or \
                before.rfind('dir="rtl"') > before.rfind("</div>"), out


# ------------------------------------------------------------------ popup contents

def test_incident_popup_has_every_field_and_source(layers):
    row = layers["incidents"].iloc[1].to_dict()
    out = incident_popup_html(row)
    for text in ("Air / drone strike", "2020-01", "precision: month", "2020-01-01 – 2020-01-31",
                 "Ain Issa", "عين عيسى", "geo precision 2", "Turkey", "2 killed, 3 injured",
                 "Sources (2)", "Drone strike near Ain Issa", "Second", "Enab Baladi",
                 "2022-10-09", EVIDENCE, 'href="https://example.org/a1"'):
        assert text in out, text
    assert out.count('<div dir="rtl" style="text-align:right"') == 2
    assert "javascript" not in out


def test_incident_popup_states_unknowns():
    out = incident_popup_html({"type": "mystery_type"})
    assert "Mystery type" in out and "date" in out.lower() and "not stated" in out


def test_lean_popup_keeps_first_sources_and_cuts_evidence():
    row = {"type": "raid", "sources": [dict(_source(), evidence="ك" * 400)] * 4}
    out = incident_popup_html(row, lean=True)
    assert "Sources (4)" in out and "+2 more sources" in out
    assert "ك" * 400 not in out and "…" in out
    assert out.count('dir="rtl"') <= 2


def test_article_popup(layers):
    out = article_popup_html(layers["articles"].iloc[0].to_dict())
    for text in ("&lt;script&gt;", "Enab Baladi", "2022-10-09", 'href="https://example.org/a1"',
                 EVIDENCE, "الدرباسية", "Patrol"):
        assert text in out, text


def test_base_route_and_place_popups(layers):
    base = base_popup_html(layers["bases"].iloc[0].to_dict())
    assert "Rmelan" in base and "US-led coalition" in base and "Coalition at Rmelan" in base
    route = route_popup_html(layers["routes"].iloc[0].to_dict())
    assert "الدرباسية ← عامودا ← القامشلي" in route and 'dir="rtl"' in route
    assert "Russia" in route
    place = place_popup_html(layers["places"].iloc[0].to_dict())
    assert "Al-Darbasiyah" in place and GOVERNORATES["hasakah"][1] in place and "a5" in place


def test_popups_accept_series_with_nan():
    row = small_layers()["incidents"].iloc[0].copy()
    row["fatalities"] = float("nan")
    row["confidence"] = float("nan")
    assert "not stated" in incident_popup_html(row)



# ------------------------------------------------------------------ review state

@pytest.mark.parametrize("state, label", [("machine", "machine (not reviewed)"),
                                          ("confirmed", "confirmed by an analyst"),
                                          ("edited", "edited by an analyst")])
def test_incident_popup_shows_review_state(state, label):
    out = incident_popup_html({"type": "raid", "review": state, "review_changes": []})
    assert f'<div class="review review-{state}"><b>Review:</b>' in out
    assert label in out
    assert "review-changes" not in out


def test_incident_popup_without_review_column_has_no_review_line():
    assert "Review:" not in incident_popup_html({"type": "raid"})
    row = small_layers()["incidents"].iloc[0].copy()
    row["review"] = float("nan")
    assert "Review:" not in incident_popup_html(row)


def test_edited_popup_lists_each_change_old_to_new():
    changes = [
        {"field": "type", "old": "raid", "new": "airstrike", "note": "per the second source"},
        {"field": "date", "old": {"date": "2022-10-08", "precision": "day"},
         "new": {"date": "2022-10", "precision": "month"}},
        {"field": "place", "old": {"place_id": "p1", "name_en": "Qamishli",
                                   "name_ar": "القامشلي", "lat": 37.05, "lon": 41.22},
         "new": {"place_id": "point:36.50000,40.75000", "name_en": "point 36.50000, 40.75000",
                 "name_ar": "", "lat": 36.5, "lon": 40.75}},
        {"field": "actors", "old": {"actors": ["SDF"], "attackers": [], "targets": []},
         "new": {"actors": ["SDF", "Turkey"], "attackers": [], "targets": []}},
        {"field": "fatalities", "old": None, "new": 3},
    ]
    out = incident_popup_html({"type": "airstrike", "review": "edited", "review_changes": changes})
    assert "edited by an analyst" in out
    assert "<li>type: Raid → Air / drone strike" in out and "per the second source" in out
    assert "<li>date: 2022-10-08 (day) → 2022-10 (month)</li>" in out
    assert "<li>place: Qamishli · <span dir=\"rtl\">القامشلي</span> → point 36.50000, 40.75000" in out
    assert "<li>actors: <bdi>SDF</bdi> → <bdi>SDF</bdi>, <bdi>Turkey</bdi></li>" in out
    assert "<li>fatalities: — → <bdi>3</bdi></li>" in out
    # the popup reads in order: casualties, then the review, then the sources
    assert out.index("Casualties") < out.index("Review:")


def test_review_changes_are_escaped_and_inert():
    changes = [{"field": EVIL, "old": EVIL, "new": {"actors": [JINJA]}, "note": "`${x}`"},
               {"field": "place", "old": {"place_id": "p", "name_en": EVIL, "name_ar": JINJA},
                "new": {"place_id": "q", "lat": 1, "lon": 2}},
               {"field": "date", "old": {"date": EVIL}, "new": {"date": None}},
               "not a change", None]
    out = incident_popup_html({"type": "raid", "review": "<b>" + EVIL, "review_changes": changes})
    assert "<script" not in out and "<b>&lt;" not in out.replace("<b>Review:</b>", "")
    for raw in ("${", "`", "\\", "{{", "{%"):
        assert raw not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert out.count("<li>") == 3


def test_review_in_rendered_map_popup(layers):
    layers["incidents"]["review"] = ["edited"] + ["machine"] * (len(layers["incidents"]) - 1)
    layers["incidents"]["review_changes"] = [
        [{"field": "type", "old": "raid", "new": EVIL}]] + [[]] * (len(layers["incidents"]) - 1)
    page = build_map(layers).get_root().render()
    assert "edited by an analyst" in page and "machine (not reviewed)" in page
    assert EVIL not in page


# ------------------------------------------------------------------ where the day came from

@pytest.mark.parametrize(("date_from", "said"), [
    ("publication", "the article's publication date: its text gives none for this"),
    ("review", "set by review"),
])
def test_a_day_the_text_does_not_give_is_said_so(date_from, said):
    row = {"type": "patrol", "date": "2022-10-08", "date_precision": "day",
           "date_from": date_from, "place_name_en": "Amuda", "sources": []}
    assert html.escape(f"(precision: day; {said})") in incident_popup_html(row)


def test_a_day_the_text_gives_carries_no_note():
    row = {"type": "patrol", "date": "2022-10-08", "date_precision": "day",
           "date_from": "text", "place_name_en": "Amuda", "sources": []}
    out = incident_popup_html(row)
    assert "(precision: day)" in out and "published" not in out
