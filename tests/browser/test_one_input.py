"""Issue 10 in the browser: no single input takes the dashboard down or reaches outside.

A real `streamlit run` server and Debian's Chromium, every request leaving 127.0.0.1
blocked and recorded (conftest.py):

- an upload dated 2400 (past the slider's reach in the browser) leaves every other
  session's map, filters and the uploads' Remove control working, and is named as an
  implausible date; a refused file stays listed; removing asks first;
- a link with ``?tiles=online`` fetches nothing from outside;
- the tables' own "Download as CSV" writes formula cells neutralised.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import time
from pathlib import Path

import pytest

from geo.app.assets import install_assets
from geo.app.dashboard_data import run_folders
from tests.browser.paths import PROJECT, RESULTS, SEEDS, PlaywrightError, incident_count

pytestmark = pytest.mark.browser

FAR_UPLOAD = ("---\npublished: 2400-10-08\n---\n"
              "اعترضت دورية تابعة للقوات الأمريكية رتلاً للقوات الروسية قرب بلدة تل تمر "
              "بريف الحسكة يوم الجمعة، وأجبرته على العودة.")
FORMULAS = ("=1+1", "+cmd|' /C calc'!A0")


def _map_markers(page, count: int | None = None, timeout: float = 120.0) -> int:
    """How many incident markers the map drew, once it drew ``count`` (any if None)."""
    deadline, seen = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if "st_folium" in frame.url and frame.query_selector(".map-legend"):
                    seen = incident_count(frame)
                    if count is None or seen == count:
                        return seen
            except PlaywrightError:  # the map is being redrawn
                continue
        page.wait_for_timeout(300)
    raise AssertionError(f"no map with {count} incident markers (last seen {seen})")


def _shot(page, name: str, height: int = 1400) -> None:
    RESULTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": height})
    page.wait_for_timeout(800)
    page.screenshot(path=str(RESULTS / name), full_page=True)


def _no_traceback(page) -> None:
    assert page.locator("[data-testid=stException]").count() == 0


def _offline(handle) -> None:
    assert handle.external_requests == []
    assert handle.page_errors == []


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def seeds_server(streamlit_server, data_dir) -> str:
    install_assets()
    return streamlit_server(PROJECT / "dashboard.py", env={"NES_OSINT_DATA": str(data_dir)})


def test_an_upload_dated_2400_leaves_every_session_working(seeds_server, browser_pages,
                                                           data_dir):
    uploader, other = browser_pages(2)
    page = uploader.page
    page.goto(seeds_server + "/?tab=Add+articles", wait_until="domcontentloaded")
    _map_markers(page)
    page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files([
        {"name": "far.md", "mimeType": "text/markdown", "buffer": FAR_UPLOAD.encode()},
        {"name": "photo.jpg", "mimeType": "image/jpeg", "buffer": b"\xff\xd8\xff\xe0 JFIF"}])
    page.get_by_role("button", name="Add to the map").click()
    page.get_by_text(re.compile(r"far\.md\W*: stored")).wait_for(timeout=60_000)
    expected = run_folders([SEEDS, data_dir / "uploads"])
    assert expected.report["totals"]["implausible_dates"] == 1

    # the refused file is listed with its reason, and stays listed when a widget moves
    refused = page.get_by_text("1 file was not added")
    refused.wait_for(timeout=30_000)
    page.get_by_role("slider", name="Minimum confidence").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(1500)
    assert refused.is_visible()

    # another session: the map, the date slider and the uploads' Remove control
    view = other.page
    view.goto(seeds_server, wait_until="domcontentloaded")
    _map_markers(view, len(expected.layers.incidents))
    _no_traceback(view)
    assert view.get_by_role("slider", name="Dates").count() == 2  # its two thumbs
    view.get_by_text("implausible publication date").first.wait_for(timeout=30_000)
    view.get_by_role("tab", name="Add articles").click()
    remove = view.get_by_label("Remove an uploaded file")
    remove.wait_for(timeout=30_000)
    _no_traceback(view)
    _shot(view, "issue10-far-date-other-session.png")

    # removing asks first, then removes for everyone
    remove.click()
    view.get_by_role("option", name="far.md").click()
    view.get_by_role("button", name="Remove…").click()
    view.get_by_text("cannot be undone").wait_for(timeout=30_000)
    assert (data_dir / "uploads" / "far.md").exists()
    _shot(view, "issue10-remove-confirm.png")
    view.get_by_role("button", name="Yes, remove it").click()
    view.get_by_text(re.compile(r"far\.md\W*: removed")).wait_for(timeout=30_000)
    assert not (data_dir / "uploads" / "far.md").exists()
    _map_markers(view, len(run_folders([SEEDS]).layers.incidents))
    _shot(page, "issue10-refused-record.png")
    _offline(uploader)
    _offline(other)


def test_a_link_with_online_tiles_fetches_nothing_from_outside(seeds_server, browser_page):
    page = browser_page.page
    page.goto(seeds_server + "/?tiles=online", wait_until="domcontentloaded")
    _map_markers(page)
    page.wait_for_timeout(2500)  # time for tiles to be asked for, were they on
    toggle = page.get_by_role("switch", name="Online map tiles (needs internet)")
    assert not toggle.is_checked()
    assert "tiles=" not in page.url
    _offline(browser_page)


def _corpus_with_formulas(tmp_path: Path) -> Path:
    """The seeds with every title '=1+1 …' and every outlet a command formula."""
    corpus = tmp_path / "formulas"
    shutil.copytree(SEEDS, corpus)
    meta = corpus / "articles.csv"
    rows = list(csv.DictReader(io.StringIO(meta.read_text(encoding="utf-8"))))
    for row in rows:
        row["title"], row["outlet"] = f"{FORMULAS[0]} {row['title']}", FORMULAS[1]
    with meta.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return corpus


def _download_table_csv(page, tmp_path: Path, name: str) -> list[list[str]]:
    """The CSV the table's own toolbar button writes, as rows."""
    table = page.locator("[data-testid=stDataFrame]").first
    table.wait_for(timeout=60_000)
    button = page.get_by_role("button", name="Download as CSV").first
    # The toolbar takes pointer events only while the table is hovered: a late rerun that
    # moves the page (a loaded machine) can leave the pointer off the table, so hover again
    # before each try rather than let one click wait on a toolbar that no longer listens.
    for attempt in range(5):
        table.scroll_into_view_if_needed()
        table.hover()
        try:
            with page.expect_download(timeout=30_000) as info:
                button.click(timeout=10_000)
            break
        except PlaywrightError:
            if attempt == 4:
                raise
    path = tmp_path / name
    info.value.save_as(path)
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


@pytest.mark.parametrize(("tab", "column"), [("Incidents", "sources"), ("Review", "article")])
def test_a_tables_csv_download_has_formula_cells_neutralised(streamlit_server, browser,
                                                              tmp_path, tab, column):
    from tests.browser.conftest import open_browser_page

    install_assets()
    corpus = _corpus_with_formulas(tmp_path)
    url = streamlit_server(PROJECT / "dashboard.py", "--", "--corpus", str(corpus),
                           env={"NES_OSINT_DATA": str(tmp_path / "data")})
    # without the File System Access API, Streamlit's toolbar falls back to a download
    handle, context = open_browser_page(browser, accept_downloads=True)
    try:
        page = handle.page
        page.add_init_script("delete window.showSaveFilePicker;")
        page.goto(f"{url}/?tab={tab}", wait_until="domcontentloaded")
        _map_markers(page)
        rows = _download_table_csv(page, tmp_path, f"{tab}.csv")
        header, body = rows[0], rows[1:]
        assert body, "the table is empty"
        cells = [cell for row in body for cell in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
        values = [row[header.index(column)] for row in body]
        assert any(v.startswith("'" + FORMULAS[0 if column == "article" else 1])
                   for v in values), values[:3]
        _offline(handle)
    finally:
        context.close()
