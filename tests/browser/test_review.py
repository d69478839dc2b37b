"""The Review tab in a real browser: decisions taken by clicks survive a server restart.

A copy of the seeds and its own data folder (review store) and user gazetteer: reject
a false alarm, re-place an incident on a typed point, add a missing village («ملوك سراي»,
not in the gazetteer) from the queue, set an article's publication date; restart the
server; every change is still there, the downloaded GeoJSON carries ``review``, and
``python -m geo build`` with the same store gives the same features.
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
from tests.browser.paths import DASHBOARD, PROJECT, SEEDS

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
    ids = before.layers.incidents["id"].tolist()
    false_alarm, moved = ids[0], ids[1]
    url = streamlit_server(DASHBOARD, "--", "--corpus", str(corpus), env=env)
    page = browser_page.page

    _review_tab(page, url)
    _any_incident(page, false_alarm)
    page.get_by_label("Reason for rejecting").fill("a false alarm: background paragraph")
    page.get_by_role("button", name="Reject", exact=True).click()
    _stored(page)

    _review_tab(page, url)
    _any_incident(page, moved)
    page.get_by_text("Re-place").first.click()
    form = _form(page, "Re-place here")
    form.get_by_label("Latitude").fill("36.95")
    form.get_by_label("Longitude").fill("41.05")
    page.get_by_role("button", name="Re-place here", exact=True).click()
    _stored(page)

    _review_tab(page, url)
    page.screenshot(path=str(PROJECT / "test-results" / "review-tab.png"), full_page=True)
    item = page.locator(".st-key-rv-jump")
    item.click()
    page.get_by_role("option", name=MALUK).first.click()
    form = _form(page, "Add the place and place this mention there")
    form.get_by_label("Latitude").fill("37.1")
    form.get_by_label("Longitude").fill("41.4")
    page.get_by_label("Source of the coordinate").fill("analyst, imagery 2022-10")
    page.get_by_role("button", name="Add the place and place this mention there").click()
    _stored(page, "Added")

    aid = sorted(before.articles)[0]
    _review_tab(page, url)
    page.get_by_role("radio", name="Articles", exact=True).click()
    box = page.locator(".st-key-rv-article")
    box.click()
    page.get_by_role("option", name=aid).first.click()
    page.get_by_label("Publication date", exact=False).fill("2022-10-08")
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
    assert any(p["review"] == "edited" for p in by_id.values())
    after = run_folders([corpus], review=run_review())
    assert MALUK in {m.text for r in after.results.values() for m in r.mentions
                     if m.place is not None}

    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "geo", "build", str(corpus), "--out", str(out)],
                   cwd=PROJECT, env={**os.environ, **env}, check=True, capture_output=True)
    built = json.loads((out / "incidents.geojson").read_text(encoding="utf-8"))["features"]
    assert built == features
    assert browser_page.page_errors == [] and browser_page.external_requests == []

