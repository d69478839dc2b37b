"""Two analysts at once: one real server, two browser sessions, one review store.

A copy of the seeds and its own data folder. Session A confirms incident X while session
B rejects incident Y (both tabs are opened first, then both decisions are submitted):
the store keeps both, and each session, after a rerun, shows both. Then A and B edit
the same incident's type one after the other: the store's history has both decisions
and the map's data (the Export tab's GeoJSON, and ``geo build``'s) carries the later.
Last, a session that does not reload sees another's decision at its next click in the
tab (the tab is a fragment: it notices the store changed and reruns the whole app).
"""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest

from geo.app.dashboard_data import run_folders, type_label
from geo.app.review_view import run_review
from geo.review import ReviewStore, default_review_path, incident_members
from tests.browser.mapclick import map_frame
from tests.browser.paths import DASHBOARD, RESULTS, SEEDS, PlaywrightError, eventually, incident_count

pytestmark = pytest.mark.browser

STEP_MS = 60_000


def _k(prefix: str, target: str) -> str:
    """review_tab's widget key of an item (see review_tab._k)."""
    return f"rv-{prefix}-{hashlib.sha1(target.encode()).hexdigest()[:10]}"


def _shot(page, name: str) -> None:
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / f"review-sessions-{name}.png"), full_page=True)


def _open_incident(page, url: str, incident_id: str) -> None:
    """The Review tab, 'Any incident', the incident chosen (a fresh Streamlit session)."""
    page.goto(f"{url}/?tab=Review")
    try:
        page.get_by_text("Any incident", exact=True).wait_for(timeout=STEP_MS)
    except Exception:
        _shot(page, "failed")
        raise
    _choose(page, incident_id)


def _any_incident(page) -> object:
    """The 'Any incident' mode on (clicking it when on would turn it off), its list."""
    box = page.locator(".st-key-rv-any")
    for _ in range(3):  # a click landing in a rerun may be undone by it: click again
        if box.is_visible():
            break
        page.get_by_text("Any incident", exact=True).click()
        try:
            box.wait_for(timeout=STEP_MS // 3)
            break
        except PlaywrightError:
            continue
    box.wait_for(timeout=STEP_MS)
    return box


def _choose(page, incident_id: str) -> None:
    """Choose the incident in 'Any incident' and wait for its form. A choice made while the
    app reruns (the store changed under another session's decision) may be undone by that
    rerun: the analyst, seeing another incident, chooses it again once the run is over."""
    confirm = page.locator(f".st-key-{_k('confirm', incident_id)}")
    for _ in range(3):
        _any_incident(page).click()
        page.get_by_role("option", name=incident_id).first.click()
        try:
            confirm.wait_for(timeout=STEP_MS // 3)
            return
        except PlaywrightError:
            page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=STEP_MS)
    confirm.wait_for(timeout=STEP_MS)


def _rerun(page) -> None:
    """A rerun of the whole app in this session (the 'r' key, as an analyst would): the
    Review tab is a fragment, so its own widgets rerun it on the run it was given."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press("r")
    page.wait_for_timeout(300)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=STEP_MS)
    _any_incident(page)



def _label(page, incident_id: str) -> str | None:
    """The incident's label in this session's 'Any incident' list ('type · date · place ·
    review state · id'), None when it is not in the list."""
    _any_incident(page).click()
    page.keyboard.type(incident_id)
    page.wait_for_timeout(500)
    labels = [t for t in page.get_by_role("option").all_inner_texts()
              if t.strip().endswith(f" · {incident_id}")]
    page.keyboard.press("Escape")
    return labels[0].strip() if labels else None


def _state(label: str | None) -> str | None:
    return label.rsplit(" · ", 2)[-2] if label else None


def _set_type(page, incident_id: str, kind: str) -> None:
    page.get_by_text("Edit type, date, actors, casualties").click()
    form = page.get_by_test_id("stExpander").filter(
        has_text="Edit type, date, actors, casualties").get_by_test_id("stForm")
    form.wait_for(timeout=STEP_MS)
    form.locator('[data-testid="stSelectbox"]').first.click()
    # the list draws only the options in view: type the label to bring it up, as one does
    page.keyboard.type(type_label(kind))
    page.get_by_role("option", name=type_label(kind), exact=True).click()
    form.get_by_role("button", name="Store the changes").click()


def test_two_sessions_keep_both_decisions_and_the_later_edit_wins(
        streamlit_server, browser_pages, tmp_path, monkeypatch) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    env = {"NES_OSINT_DATA": str(tmp_path / "data"), "GAZETTEER_HOME": str(tmp_path / "gaz")}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    run = run_folders([corpus])
    before = run.layers.incidents
    ids = before["id"].tolist()
    x, y = ids[0], ids[1]
    z = next(i for i in ids[2:] if incident_members(run, i) == [i])  # one report: one target
    old_type = before.set_index("id").loc[z, "type"]
    first, later = [t for t in ("exercise", "protest", "arrest") if t != old_type][:2]
    url = streamlit_server(DASHBOARD, "--", "--corpus", str(corpus), env=env)
    a, b = browser_pages(2)

    # both tabs open on their incident, then both decisions submitted
    _open_incident(a.page, url, x)
    _open_incident(b.page, url, y)
    a.page.locator(f".st-key-{_k('confirm', x)}").get_by_role("button").click()
    # the field of y's own form: the tab can show another incident's (the queue's first)
    b.page.locator(f".st-key-{_k('reason', y)}").get_by_label("Reason for rejecting").fill(
        "a false alarm")
    b.page.locator(f".st-key-{_k('reject', y)}").get_by_role("button").click()
    for s in (a, b):
        s.page.get_by_text("Stored:", exact=False).first.wait_for(timeout=STEP_MS)

    store = ReviewStore(default_review_path())
    decided = {(d.kind, d.target) for d in store.decisions()}
    # decisions are kept on the article-level incidents a map incident groups
    wanted = {("confirm", m) for m in incident_members(run, x)}
    wanted |= {("reject", m) for m in incident_members(run, y)}
    assert wanted <= decided, decided
    for n, s in enumerate((a, b)):
        _rerun(s.page)
        assert eventually(lambda s=s: _state(_label(s.page, x)) == "confirmed"
                          or _rerun(s.page)), n
        # rejected: off the map and the list (a session may show the last complete run
        # while the new one is read: it reruns again, as an analyst would)
        assert eventually(lambda s=s: _label(s.page, y) is None or _rerun(s.page)), \
            (n, _label(s.page, y))

    # the same incident's type, edited by A, then by B (after B's session reran)
    _choose(a.page, z)
    _set_type(a.page, z, first)
    a.page.get_by_text("Stored:", exact=False).first.wait_for(timeout=STEP_MS)
    _rerun(b.page)
    _choose(b.page, z)
    _set_type(b.page, z, later)
    b.page.get_by_text("Stored:", exact=False).first.wait_for(timeout=STEP_MS)

    history = [d for d in ReviewStore(default_review_path()).decisions(target=z)
               if d.kind == "set-type"]
    assert [d.new for d in history] == [first, later], history
    assert history[0].at <= history[1].at

    _rerun(a.page)
    assert eventually(lambda: (_label(a.page, z) or "").startswith(type_label(later) + " · ")), \
        _label(a.page, z)
    assert _state(_label(a.page, z)) == "edited"
    a.page.goto(f"{url}/?tab=Export")
    button = a.page.get_by_role("button", name="incidents.geojson", exact=False)
    button.first.wait_for(timeout=STEP_MS)
    with a.page.expect_download(timeout=STEP_MS) as info:
        button.first.click()
    path = tmp_path / "incidents.geojson"
    info.value.save_as(path)
    by_id = {f["properties"]["id"]: f["properties"]
             for f in json.loads(path.read_text(encoding="utf-8"))["features"]}
    assert by_id[z]["type"] == later and by_id[z]["review"] == "edited"
    assert by_id[x]["review"] == "confirmed" and y not in by_id
    changes = [c for c in by_id[z]["review_changes"] if c["field"] == "type"]
    assert changes and changes[-1]["new"] == later
    after = run_folders([corpus], review=run_review()).layers.incidents.set_index("id")
    assert after.loc[z, "type"] == later
    _shot(a.page, "a")
    for s in (a, b):
        assert s.page_errors == [] and s.external_requests == []


def test_another_sessions_decision_shows_at_the_next_click_without_a_reload(
        streamlit_server, browser_pages, tmp_path, monkeypatch) -> None:
    """B's Review tab is open on one incident; A rejects another (as 'Huda'). B's page
    is not reloaded: its next click in the tab (choosing an incident) shows A's decision,
    in its list, on its map, and in a note naming who stored it."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    env = {"NES_OSINT_DATA": str(tmp_path / "data"), "GAZETTEER_HOME": str(tmp_path / "gaz")}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    ids = run_folders([corpus]).layers.incidents["id"].tolist()
    x, other, then = ids[0], ids[1], ids[2]
    url = streamlit_server(DASHBOARD, "--", "--corpus", str(corpus), env=env)
    a, b = browser_pages(2)

    _open_incident(b.page, url, other)
    on_map = incident_count(map_frame(b.page))
    assert _state(_label(b.page, x)) == "machine"
    _open_incident(a.page, url, x)
    a.page.get_by_label("Your name (optional)").fill("Huda")
    a.page.get_by_label("Your name (optional)").press("Enter")
    a.page.wait_for_timeout(500)
    a.page.locator(f".st-key-{_k('reason', x)}").get_by_label("Reason for rejecting").fill(
        "a false alarm")
    a.page.locator(f".st-key-{_k('reject', x)}").get_by_role("button").click()
    a.page.get_by_text("Stored:", exact=False).first.wait_for(timeout=STEP_MS)
    assert [d.who for d in ReviewStore(default_review_path()).decisions()] == ["Huda"] * len(
        incident_members(run_folders([corpus]), x))

    # B's page has not rerun since: it still shows the run before A's decision
    assert _state(_label(b.page, x)) == "machine"
    _choose(b.page, then)  # B's next click in the tab
    note = b.page.get_by_text("stored by Huda since this page was drawn", exact=False)
    note.first.wait_for(timeout=STEP_MS)
    assert eventually(lambda: _label(b.page, x) is None), _label(b.page, x)
    assert eventually(lambda: incident_count(map_frame(b.page)) == on_map - 1)
    # the tab keeps the incident B chose, and B can decide on it as usual
    assert b.page.locator(f".st-key-{_k('confirm', then)}").is_visible()
    b.page.locator(f".st-key-{_k('confirm', then)}").get_by_role("button").click()
    b.page.get_by_text("Stored:", exact=False).first.wait_for(timeout=STEP_MS)
    kinds = {(d.kind, d.who) for d in ReviewStore(default_review_path()).decisions()}
    assert kinds == {("reject", "Huda"), ("confirm", "")}
    _shot(b.page, "b-sees-a")
    for s in (a, b):
        assert s.page_errors == [] and s.external_requests == []
