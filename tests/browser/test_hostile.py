"""Untrusted article text in the real dashboard: it shows as text and never runs.

A corpus of two seed articles and one hostile article whose title and outlet (from
``articles.csv``) and body hold HTML, script, template syntax (``${...}``, ``{{...}}``),
Markdown links and images, a ``javascript:`` link, bidi overrides and isolates,
zero-width characters and a 20,000-letter line. Its first sentence is an incident the
pipeline maps, so the payload reaches the popups, the article reader, the pick lists
and the exports. Every test asserts that no payload ran (``window.__pwned`` is unset in
every frame, no dialog, no page error, no element made from the payload, no request
leaving 127.0.0.1) and that the text reads exactly as written.
"""

from __future__ import annotations

import csv
import json
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from geo.app.assets import install_assets
from geo.app.dashboard_data import WORD_JOINER, layer_geojson, run_folders
from geo.layers import filter_layers
from geo.read.uploads import list_uploads
from tests.browser.paths import PROJECT, SEEDS, PlaywrightError, layer_count
from tests.browser.test_dashboard import RESULTS, UPLOAD_TEXT, _map_frame, _shot

pytestmark = pytest.mark.browser

HOSTILE_FILE = "900_hostile.txt"
HOSTILE_ID = "900_hostile"

#: Each would set window.__pwned (or make an element) if it reached HTML or JavaScript.
PAYLOAD = ('<script>window.__pwned=1</script> <img src=x onerror="window.__pwned=2"> '
           "<svg onload=window.__pwned=3> ${window.__pwned=4} {{7*7}} "
           "</div></textarea>'\"><b>bold?</b>")
MARKDOWN = "![x](http://evil.example/x.png) **مهم** [رابط](http://evil.example/) $x^2$ :red[r]"
JS_URL = "javascript:window.__pwned=5"
RLO, ZW = "\u202e", "\u200b\u200d\ufeff"
ISOLATES = "\u2066عزل\u2069 \u2067x\u2069 \u2068y\u2069"
LONG = "ش" * 20_000

TITLE = f"دورية قرب القحطانية {MARKDOWN}  {RLO}{PAYLOAD}\t{ISOLATES} ${{window.__pwned=4}}"
OUTLET = f"وكالة {RLO}مقلوبة <img src=x onerror=window.__pwned=2> \u200bz\u200d"
SENTENCE = ("سيّرت القوات الروسية دورية عسكرية قرب بلدة القحطانية بريف القامشلي يوم الأحد "
            f"20 تشرين الثاني 2022 {RLO} {LONG} {JS_URL} {ZW} \u2066{PAYLOAD}")
BODY = (f"{TITLE}\n\n{SENTENCE}\n\n[اضغط هنا]({JS_URL}) ![x](http://evil.example/x.png)\n\n"
        "<iframe src=\"http://evil.example/\"></iframe>\n")

#: Payload pieces that must show literally wherever the field is shown.
LITERALS = ("<script>window.__pwned=1</script>", '<img src=x onerror="window.__pwned=2">',
            "<svg onload=window.__pwned=3>", "${window.__pwned=4}", "{{7*7}}",
            "</div></textarea>'\"><b>bold?")

PWNED_JS = "() => typeof window.__pwned === 'undefined' ? null : String(window.__pwned)"
#: Elements the payload would create if it were parsed as HTML (none of ours match).
PAYLOAD_ELEMENTS_JS = """() => Array.from(document.querySelectorAll(
    'img[src="x"], [onerror], [onload], textarea, a[href^="javascript" i], a[href*="evil"],'
    + ' img[src*="evil"], iframe[src*="evil"], b, strong')).filter(e =>
    !['B', 'STRONG'].includes(e.tagName) || ['bold?', 'مهم'].includes(e.textContent.trim()))
    .map(e => e.outerHTML.slice(0, 120))"""
#: Text nodes holding a bidi control whose direction is not contained by an isolating
#: ancestor (a <bdi>, an element with dir=, or unicode-bidi: isolate/plaintext) below root.
UNISOLATED_JS = """(root) => {
  const rx = /[\\u202a-\\u202e\\u2066-\\u2069]/, bad = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!rx.test(n.data)) continue;
    let e = n.parentElement, ok = false;
    while (e && e !== root) {
      if (/^(isolate|isolate-override|plaintext)$/.test(getComputedStyle(e).unicodeBidi)) {
        ok = true; break;
      }
      e = e.parentElement;
    }
    if (!ok) bad.push(n.data.slice(0, 60));
  }
  return bad;
}"""
#: Elements wider than their box (a long line that did not wrap): scrollWidth vs clientWidth.
OVERFLOW_JS = """(sel) => Array.from(document.querySelectorAll(sel))
    .filter(e => e.scrollWidth > e.clientWidth + 1)
    .map(e => [e.tagName + '.' + e.className, e.scrollWidth, e.clientWidth])"""


def reader_view(text: str) -> str:
    """A title or outlet as the corpus reader keeps it: control characters and U+FEFF
    removed, NFC, whitespace runs collapsed (bidi and zero-width characters stay)."""
    kept = "".join(ch for ch in text if ch == "\n" or ch == "\t" or not (
        ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F or ch == "\ufeff"))
    return " ".join(unicodedata.normalize("NFC", kept).split())


@dataclass(frozen=True)
class Hostile:
    folder: Path
    data: Path
    result: object  # the PipelineResult the dashboard should show

    @property
    def title(self) -> str:
        return reader_view(TITLE)

    @property
    def outlet(self) -> str:
        return reader_view(OUTLET)

    @property
    def evidence(self) -> str:
        """The incident's sentence as the body holds it (U+FEFF removed), up to the '?'
        that ends it."""
        sentence = SENTENCE.replace("\ufeff", "")
        return sentence[: sentence.index("bold?") + len("bold?")]


def write_hostile_corpus(folder: Path) -> Path:
    """Two seed articles with their metadata rows, and the hostile article."""
    folder.mkdir(parents=True)
    with (SEEDS / "articles.csv").open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["file"].startswith(("002_", "003_"))]
    for row in rows:
        shutil.copy(SEEDS / row["file"], folder / row["file"])
    (folder / HOSTILE_FILE).write_text(BODY, encoding="utf-8")
    rows.append({"file": HOSTILE_FILE, "title": TITLE, "outlet": OUTLET, "url": JS_URL,
                 "published": "2022-11-21"})
    with (folder / "articles.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["file", "title", "outlet", "url", "published"])
        writer.writeheader()
        writer.writerows(rows)
    return folder


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Hostile:
    root = tmp_path_factory.mktemp("hostile")
    folder = write_hostile_corpus(root / "corpus")
    result = run_folders([folder])
    hostile = Hostile(folder, root / "data", result)
    assert result.articles[HOSTILE_ID].title == hostile.title
    assert _hostile_incident(result)["evidence"] == hostile.evidence
    return hostile


@pytest.fixture(scope="module")
def hostile_dashboard(module_streamlit_server, hostile) -> str:
    install_assets()
    return module_streamlit_server(PROJECT / "dashboard.py", "--", "--corpus",
                                   str(hostile.folder),
                                   env={"NES_OSINT_DATA": str(hostile.data)})


def _hostile_incident(result) -> dict:
    for row in result.layers.incidents.itertuples():
        for source in row.sources:
            if source["article"] == HOSTILE_ID:
                return source
    raise AssertionError("the hostile article's sentence made no incident")


def _nothing_ran(page, handle) -> None:
    """No payload ran or became an element, in the page or any of its frames."""
    for frame in page.frames:
        try:
            assert frame.evaluate(PWNED_JS) is None, frame.url
            assert frame.evaluate(PAYLOAD_ELEMENTS_JS) == [], frame.url
        except PlaywrightError as exc:  # a frame that went away while we looked
            if "detached" not in str(exc).lower() and "destroyed" not in str(exc).lower():
                raise
    assert handle.dialogs == []
    assert handle.page_errors == []
    assert handle.external_requests == []


def _page_fits(page) -> None:
    """Nothing is wider than the window: the 20,000-letter line wrapped."""
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert page.locator("[data-testid=stMain]").count() == 1
    assert page.evaluate(OVERFLOW_JS, "[data-testid=stMain], [data-testid=stMainBlockContainer],"
                         " [data-testid=stSidebarContent]") == []


HOSTILE_POPUP_JS = ("() => [...document.querySelectorAll('.leaflet-popup-content')]"
                    ".some(p => p.textContent.includes('__pwned=1'))")
LAST_POPUP_JS = "() => { const p = document.querySelector('.leaflet-popup-content'); " \
                "return p ? p.textContent : null; }"


def _open_popup(frame, marker_class: str):
    """Open the popups of the ``marker_class`` layer, one by one, until the hostile
    article's opens (through the map's own focus, which spreads or zooms a cluster)."""
    kind = {"incident-marker": "incidents", "article-marker": "articles"}[marker_class]
    for i in range(layer_count(frame, kind)):
        frame.evaluate("([kind, i]) => { const m = window.OsintMap.maps; "
                       "m[m.length - 1].closePopup(); "
                       "return window.OsintMap.focus(kind, i, m[m.length - 1]); }", [kind, i])
        try:  # focus zooms or spreads a cluster first: the popup opens a moment later
            frame.wait_for_function(HOSTILE_POPUP_JS, timeout=5000)
        except PlaywrightError:
            continue
        # the popup closed before fades out for 200 ms: wait until only the new one is left
        frame.wait_for_function("() => document.querySelectorAll('.leaflet-popup').length === 1")
        return frame.wait_for_selector(".leaflet-popup-content")
    last = frame.evaluate(LAST_POPUP_JS)
    raise AssertionError(f"no {marker_class} popup shows the hostile article "
                         f"({layer_count(frame, kind)} {kind}; last popup: {last!r:.300})")


def _check_popup(frame, popup, hostile: Hostile, *, evidence: str) -> None:
    text = popup.evaluate("e => e.textContent")
    for literal in (*LITERALS, hostile.title, hostile.outlet, evidence):
        assert literal in text, literal[:80]
    # every untrusted field is its own bidi isolate: an unterminated U+202E in the
    # outlet cannot reverse the ' · date' after it
    fields = popup.query_selector_all("bdi")
    outlet = next(b for b in fields if b.evaluate("e => e.textContent") == hostile.outlet)
    assert outlet.evaluate("e => getComputedStyle(e).unicodeBidi") == "isolate"
    assert any(b.evaluate("e => e.textContent") == hostile.title for b in fields)
    assert popup.evaluate(UNISOLATED_JS) == []
    date = outlet.evaluate_handle("e => e.nextElementSibling").as_element()
    assert date is not None and date.evaluate("e => e.tagName") == "BDI"
    out_box, date_box = outlet.evaluate(
        "e => [...e.getClientRects()].at(-1).toJSON()"), date.bounding_box()
    if abs(out_box["y"] - date_box["y"]) < 4:  # on one line: the date reads after it
        assert date_box["x"] >= out_box["x"] + out_box["width"] - 1
    # the long line wraps: the popup is no wider than its maximum and scrolls down
    box = popup.evaluate_handle("e => e.closest('.leaflet-popup')").as_element().bounding_box()
    assert box and box["width"] <= 380 + 2 * 20 + 2
    assert popup.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    assert popup.evaluate("e => e.clientHeight") <= 361
    assert frame.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    # the legend folds while a popup is open
    assert frame.locator(".map-legend details").evaluate("e => e.open") is False


def test_hostile_text_in_popups_is_text(hostile_dashboard, browser_page, hostile):
    page = browser_page.page
    page.goto(hostile_dashboard + "/?layers=bases,routes,places,articles",
              wait_until="domcontentloaded")
    frame = _map_frame(page, len(hostile.result.layers.incidents))
    legend = frame.locator(".map-legend details")
    if frame.evaluate("() => OsintMap.maps[0].getSize().x") < 640:
        assert legend.evaluate("e => e.open") is False  # a narrow map starts it folded
        frame.locator(".map-legend summary").click()
    assert legend.evaluate("e => e.open") is True

    popup = _open_popup(frame, "incident-marker")
    _check_popup(frame, popup, hostile, evidence=hostile.evidence)
    page.wait_for_timeout(600)  # the popup pans into view
    _shot(page, "hostile-popup.png")
    _nothing_ran(page, browser_page)
    _page_fits(page)

    frame.locator(".leaflet-popup-close-button").dispatch_event("click")
    frame.locator(".leaflet-popup").wait_for(state="detached")
    assert frame.locator(".map-legend details").evaluate("e => e.open") is True

    # the article's own marker: title, outlet and the first lines of the body
    popup = _open_popup(frame, "article-marker")
    _check_popup(frame, popup, hostile, evidence=hostile.evidence[:60])
    _nothing_ran(page, browser_page)


def test_hostile_text_in_the_reader_and_pick_lists_is_text(hostile_dashboard, browser_page,
                                                           hostile):
    page = browser_page.page
    page.goto(hostile_dashboard + "/?tab=Article+reader", wait_until="domcontentloaded")
    _map_frame(page, len(hostile.result.layers.incidents))
    body = page.locator("div[dir=rtl][lang=ar]").last
    body.wait_for(timeout=60_000)
    header = page.locator("div[dir=rtl][lang=ar]").first
    # the newest article is the hostile one; its title is the header, as written
    assert header.evaluate("e => e.textContent") == hostile.title
    # the text without the mention numbers the reader adds
    text = body.evaluate("e => { const c = e.cloneNode(true); "
                         "c.querySelectorAll('sup').forEach(s => s.remove()); "
                         "return c.textContent; }")
    for literal in (*LITERALS, hostile.evidence, f"[اضغط هنا]({JS_URL})",
                    "![x](http://evil.example/x.png)", '<iframe src="http://evil.example/">'):
        assert literal in text, literal[:80]
    outlet = page.locator("bdi").filter(has_text="مقلوبة").first
    assert outlet.evaluate("e => e.textContent") == hostile.outlet
    assert outlet.evaluate("e => getComputedStyle(e).unicodeBidi") == "isolate"
    assert body.evaluate("e => e.scrollWidth <= e.clientWidth + 1")

    # the article pick list shows the Markdown of the title as text
    picked = page.locator("[data-testid=stSelectbox]").filter(has_text="Article").first
    assert MARKDOWN[:38] in picked.locator("input").input_value()
    # the sidebar's outlet list: HTML in an outlet is text
    page.locator("[data-testid=stMultiSelect]").filter(has_text="Outlets").locator(
        "input").click()
    option = page.get_by_role("option").filter(has_text="مقلوبة")
    option.wait_for(timeout=30_000)
    assert hostile.outlet in option.evaluate("e => e.textContent")
    page.keyboard.press("Escape")
    _shot(page, "hostile-reader.png", height=1600)
    _nothing_ran(page, browser_page)
    _page_fits(page)


def test_exports_carry_hostile_text_unchanged(hostile_dashboard, browser_page, hostile,
                                              tmp_path):
    view = filter_layers(hostile.result.layers)
    page = browser_page.page
    page.goto(hostile_dashboard + "/?tab=Export", wait_until="domcontentloaded")
    _map_frame(page, len(view.incidents))
    got = {}
    for name in ("incidents", "articles"):
        button = page.get_by_role("button", name=f"{name}.geojson ({len(view[name])})")
        button.wait_for(timeout=60_000)
        with page.expect_download() as info:
            button.click()
        path = tmp_path / f"{name}.geojson"
        info.value.save_as(path)
        got[name] = path.read_bytes()
        assert got[name] == layer_geojson(view, name)  # the CLI's bytes

    sources = [s for f in json.loads(got["incidents"])["features"]
               for s in f["properties"]["sources"] if s["article"] == HOSTILE_ID]
    assert len(sources) == 1
    assert sources[0]["title"] == hostile.title
    assert sources[0]["outlet"] == hostile.outlet
    assert sources[0]["evidence"] == hostile.evidence
    assert sources[0]["url"] in ("", None)  # javascript: links are never kept
    article = next(f["properties"] for f in json.loads(got["articles"])["features"]
                   if f["properties"]["id"] == HOSTILE_ID)
    assert (article["title"], article["outlet"]) == (hostile.title, hostile.outlet)
    _nothing_ran(page, browser_page)


#: An uploaded file's name (browsers send '"' as '%22', so there is none).
UPLOAD_NAME = (f"<img src=x onerror=window.__pwned=6>{MARKDOWN} {RLO}عكس "
               "${window.__pwned=7}.txt")


def test_hostile_upload_name_is_text(streamlit_server, browser_page, hostile, tmp_path):
    install_assets()
    data = tmp_path / "data"
    url = streamlit_server(PROJECT / "dashboard.py", "--", "--corpus", str(hostile.folder),
                           env={"NES_OSINT_DATA": str(data)})
    page = browser_page.page
    page.goto(url + "/?tab=Add+articles", wait_until="domcontentloaded")
    _map_frame(page, len(hostile.result.layers.incidents))
    page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(
        {"name": UPLOAD_NAME, "mimeType": "text/plain", "buffer": UPLOAD_TEXT.encode()})
    page.get_by_role("button", name="Add to the map").click()
    alert = page.locator("[data-testid=stAlert]").filter(has_text="stored as")
    alert.wait_for(timeout=60_000)
    # as sent, apart from the invisible word joiners that keep Markdown from linking URLs
    assert UPLOAD_NAME in alert.evaluate("e => e.textContent").replace(WORD_JOINER, "")
    assert alert.locator("img, a, strong, .katex, [class*=color], [style*=color]").count() == 0
    stored = [p.name for p in list_uploads(data / "uploads")]  # not the lock file
    assert len(stored) == 1 and "<" not in stored[0] and RLO not in stored[0]
    expected = run_folders([hostile.folder, data / "uploads"])
    _map_frame(page, len(expected.layers.incidents))
    RESULTS.mkdir(exist_ok=True)
    _shot(page, "hostile-upload.png", height=1400)
    _nothing_ran(page, browser_page)
    _page_fits(page)
