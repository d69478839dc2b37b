"""The Review tab in a real browser: decisions taken by clicks survive a server restart.

A copy of the seeds and its own data folder (review store) and user gazetteer: reject
a false alarm; re-place an incident on a point clicked on the map (a mouse click where
nothing is drawn, then "Use the point clicked on the map"), and see its marker redrawn
there; add a missing village («ملوك سراي», not in the gazetteer) from the queue at
another clicked point; set an article's publication date; restart the server; every
change is still there, the downloaded GeoJSON carries ``review`` and the clicked
coordinate, and ``python -m geo build`` with the same store gives the same features.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from geo.app.dashboard_data import run_folders
from geo.app.review_view import run_review
from geo.review import ReviewStore, default_review_path
from tests.browser.mapclick import click_empty_map, markers_near
from tests.browser.paths import DASHBOARD, PROJECT, SEEDS, PlaywrightError, eventually

pytestmark = pytest.mark.browser

STEP_MS = 60_000
MALUK = "ملوك سراي"


def _review_tab(page, url: str) -> None:
    page.goto(f"{url}/?tab=Review")
    try:
        page.get_by_text("Any incident", exact=True).wait_for(timeout=STEP_MS)
    except Exception:
        page.screenshot(path=str(PROJECT / "test-results" / "review-failed.png"), full_page=True)
        raise


def _stored(page, text: str = "Stored") -> None:
    page.get_by_text(text).first.wait_for(timeout=STEP_MS)


def _any_incident(page, label_part: str) -> None:
    page.get_by_text("Any incident", exact=True).click()
    box = page.locator(".st-key-rv-any")
    box.wait_for(timeout=STEP_MS)
    box.click()
    page.get_by_role("option", name=label_part).first.click()


def _settled(page) -> None:
    """The app's run (and any rerun it asked for) is over."""
    page.wait_for_timeout(500)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=STEP_MS)


def _use_click(page, lat: float, lon: float, expander: str | None = None) -> None:
    """After a map click: the tab offers that point; take it (opening ``expander`` first)."""
    _settled(page)
    label = f"Use the point clicked on the map ({round(lat, 5)}, {round(lon, 5)})"
    button = page.get_by_role("button", name=label)
    if expander:
        _expand(page, expander)
    button.wait_for(timeout=STEP_MS)
    _settled(page)
    button.click()
    _settled(page)


def _filled(form, label: str) -> float | None:
    """The number in the form's ``label`` input once the button's rerun has filled it."""
    box = form.get_by_label(label)
    value = eventually(lambda: box.input_value().strip(), timeout_s=30.0)
    return float(value) if value else None


def _expand(page, title: str) -> None:
    """Open the expander titled ``title`` unless it is open (a click would close it)."""
    summary = page.locator("[data-testid=stExpander] summary").filter(has_text=title).first
    details = summary.locator("xpath=..")
    if details.get_attribute("open") is None:
        summary.click()
    page.wait_for_function("el => el.open", arg=details.element_handle(), timeout=STEP_MS)



def _pick(page, box: str, option: str) -> None:
    """Choose ``option`` in the select box ``box`` once the page has settled (a click on
    a box that a rerun redraws meanwhile leaves its list closed: try again)."""
    for attempt in range(3):
        _settled(page)
        page.locator(box).click()
        try:
            page.get_by_role("option", name=option).first.click(timeout=15_000)
            break
        except PlaywrightError:
            if attempt == 2:
                page.screenshot(path=str(PROJECT / "test-results" / "review-pick.png"),
                                full_page=True)
                raise
            page.keyboard.press("Escape")
    _settled(page)


def _form(page, button: str):
    """The form holding ``button`` (several forms on the tab ask for a latitude)."""
    return page.locator("[data-testid=stForm]").filter(
        has=page.get_by_role("button", name=button, exact=True))


def test_review_decisions_survive_a_restart(streamlit_server, browser_page, tmp_path,
                                            monkeypatch) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    env = {"NES_OSINT_DATA": str(tmp_path / "data"), "GAZETTEER_HOME": str(tmp_path / "gaz")}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    before = run_folders([corpus])
    aid = sorted(before.articles)[0]  # the article whose publication date is set below
    # the incidents rejected and moved are told by other articles: setting aid's date
    # re-reads aid, which may rightly change what it tells (a background event two years
    # before the news is left out), and so the ids of its incidents
    ids = [row.id for row in before.layers.incidents.itertuples()
           if aid not in {s.get("article") for s in (row.sources or [])}]
    false_alarm, moved = ids[0], ids[1]
    url = streamlit_server(DASHBOARD, "--", "--corpus", str(corpus), env=env)
    page = browser_page.page

    _review_tab(page, url)
    _any_incident(page, false_alarm)
    page.get_by_label("Reason for rejecting").fill("a false alarm: background paragraph")
    page.get_by_role("button", name="Reject", exact=True).click()
    _stored(page)

    # re-place: a click on the map, the tab offers the point, the marker moves there
    _review_tab(page, url)
    _any_incident(page, moved)
    lat, lon = click_empty_map(page)
    point = (round(lat, 5), round(lon, 5))
    assert markers_near(page, *point) == 0
    _use_click(page, lat, lon, expander="Re-place")
    form = _form(page, "Re-place here")
    assert _filled(form, "Latitude") == pytest.approx(point[0])
    assert _filled(form, "Longitude") == pytest.approx(point[1])
    page.get_by_role("button", name="Re-place here", exact=True).click()
    _stored(page)
    replaced = [d for d in ReviewStore(default_review_path()).decisions()
                if d.kind == "replace"]
    assert [(d.target, d.new) for d in replaced] == [
        (moved, {"lat": point[0], "lon": point[1]})]
    assert eventually(lambda: markers_near(page, *point) == 1, timeout_s=60.0), "no marker at the point"
    page.screenshot(path=str(PROJECT / "test-results" / "review-replaced.png"), full_page=True)

    # add the missing village at another clicked point, from the queue
    _review_tab(page, url)
    _pick(page, ".st-key-rv-jump", MALUK)
    vlat, vlon = click_empty_map(page, avoid=[point])
    village = (round(vlat, 5), round(vlon, 5))
    _use_click(page, vlat, vlon, expander="Add the missing place")
    form = _form(page, "Add the place and place this mention there")
    assert _filled(form, "Latitude") == pytest.approx(village[0])
    assert _filled(form, "Longitude") == pytest.approx(village[1])
    page.get_by_label("Source of the coordinate").fill("analyst, imagery 2022-10")
    page.get_by_role("button", name="Add the place and place this mention there").click()
    _stored(page, "Added")
    added = [d for d in ReviewStore(default_review_path()).decisions() if d.kind == "add-place"]
    assert len(added) == 1
    assert (added[0].new["lat"], added[0].new["lon"]) == village, added[0].new

    _review_tab(page, url)
    page.get_by_role("radio", name="Articles", exact=True).click()
    _pick(page, ".st-key-rv-article", aid)  # the queue item's own article form leaves
    dates = page.get_by_label("Publication date", exact=False)
    assert eventually(lambda: dates.count() == 1, timeout_s=60.0), dates.count()
    dates.fill("2022-10-08")
    page.get_by_role("button", name="Store the changes").click()
    _stored(page)

    # the decisions are in the store, and the server's next run shows them after a restart
    kinds = {d.kind for d in ReviewStore(default_review_path()).decisions()}
    assert {"reject", "replace", "add-place", "pick", "set-published"} <= kinds
    # the page leaves first: a server stopped under an open page makes its socket fail
    # (an 'Event' page error) which is the test's doing, not the app's
    page.goto("about:blank")
    streamlit_server.__self__.stop()  # the fixture hands out StreamlitServers.start
    url = streamlit_server(DASHBOARD, "--", "--corpus", str(corpus), env=env)
    page.goto(f"{url}/?tab=Export")
    button = page.get_by_role("button", name="incidents.geojson", exact=False)
    button.first.wait_for(timeout=STEP_MS)
    with page.expect_download(timeout=STEP_MS) as info:
        button.first.click()
    path = tmp_path / "incidents.geojson"
    info.value.save_as(path)
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    by_id = {f["properties"]["id"]: f["properties"] for f in features}
    assert all("review" in p for p in by_id.values())
    assert false_alarm not in by_id
    assert by_id[moved]["review"] == "edited"
    geometry = {f["properties"]["id"]: f["geometry"] for f in features}[moved]
    published = {s.get("published") for p in by_id.values() for s in p.get("sources") or []
                 if s.get("article") == aid}
    assert published == {"2022-10-08"}, published
    assert geometry["coordinates"] == pytest.approx([point[1], point[0]], abs=1e-6)
    after = run_folders([corpus], review=run_review())
    assert MALUK in {m.text for r in after.results.values() for m in r.mentions
                     if m.place is not None}

    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "geo", "build", str(corpus), "--out", str(out)],
                   cwd=PROJECT, env={**os.environ, **env}, check=True, capture_output=True)
    built = json.loads((out / "incidents.geojson").read_text(encoding="utf-8"))["features"]
    assert built == features
    assert browser_page.page_errors == [] and browser_page.external_requests == []

