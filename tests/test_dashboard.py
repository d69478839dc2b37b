"""The dashboard's logic through Streamlit's AppTest (no browser).

The expected numbers come from running the pipeline and the CLI's filter in-process,
so these tests follow the extraction as it improves.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shlex
import shutil
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.app.dashboard_data import run_folders
from geo.layers import filter_layers

PROJECT = Path(__file__).resolve().parents[1]
APP = str(PROJECT / "dashboard.py")
SEEDS = PROJECT / "seeds"


@pytest.fixture(autouse=True)
def _data_folder(tmp_path, monkeypatch):
    """Uploads go to a fresh folder; the app sees no command-line arguments of pytest."""
    monkeypatch.setenv("NES_OSINT_DATA", str(tmp_path / "data"))
    monkeypatch.setattr(sys, "argv", ["dashboard.py"])


@pytest.fixture(scope="module")
def seeds():
    return run_folders([SEEDS])


def _run(params: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def _map_args(at: AppTest) -> dict:
    """The arguments of the st_folium component: what the map is given."""
    comps = [e for e in at.main if e.type == "component_instance"]
    assert len(comps) == 1, "the map component was not drawn once"
    return json.loads(comps[0].proto.json_args)


def _drawn(at: AppTest) -> dict[str, int]:
    """Rows per layer in the map's script (the layer control names them 'Incidents (n)')."""
    script = _map_args(at)["script"]
    found = re.findall(r"(Incidents|Bases|Routes|Places|Articles) \((\d+)\)", script)
    return {name.lower(): int(n) for name, n in found}


def _table(at: AppTest):
    return at.dataframe[0].value


def _param(at: AppTest, key: str):
    value = at.query_params.get(key)
    return value[-1] if isinstance(value, list) else value


def test_app_runs_on_the_seeds(seeds) -> None:
    at = _run()
    n = len(seeds.layers.incidents)
    assert n > 0
    assert len(_table(at)) == n
    assert {"date", "type", "place", "place_ar", "actors", "evidence"} <= set(_table(at).columns)
    for key in ("dates", "types", "actors", "outlets", "articles", "conf", "layers", "tiles"):
        assert _widget(at, key) is not None, key
    assert _drawn(at)["incidents"] == n
    assert at.session_state["map_layers"]["incidents"] == n
    # only the view and the last click come back (a pan reruns the map's fragment, nothing
    # else; a click is what the Review tab's "Use the point clicked on the map" offers)
    assert _map_args(at)["returned_objects"] == ["center", "zoom", "last_clicked"]


def test_map_scripts_come_in_one_request():
    """Issue 14: st_folium loads scripts one after another; the map links the installed
    bundle instead (time playback's scripts after it), else the separate files."""
    from geo.app.assets import BUNDLE, BUNDLED, bundle_installed, install_assets, offline_urls

    install_assets()  # as `make run` does at set-up
    assert bundle_installed()
    urls = offline_urls()
    at = _run()
    assert _map_args(at)["js_links"] == [urls[BUNDLE[0]]]
    at.toggle(key="playback").set_value(True).run()
    links = _map_args(at)["js_links"]
    assert links[0] == urls[BUNDLE[0]] and len(links) > 1
    assert not {urls[name] for name in BUNDLED} & set(links)
    assert at.toggle(key="tiles").value is False  # offline by default
    assert dict(at.query_params) == {}  # the default view needs no parameter


def _widget(at: AppTest, key: str):
    for kind in ("slider", "multiselect", "toggle"):
        try:
            return getattr(at, kind)(key=key)
        except KeyError:
            continue
    return None


def test_type_filter_changes_table_map_and_link(seeds) -> None:
    at = _run()
    kind = seeds.layers.incidents["type"].value_counts().index[-1]  # the rarest type
    expected = filter_layers(seeds.layers, types=[kind])
    at.multiselect(key="types").set_value([kind]).run()
    assert not at.exception
    assert len(_table(at)) == len(expected.incidents) < len(seeds.layers.incidents)
    assert _drawn(at)["incidents"] == len(expected.incidents)
    assert _param(at, "types") == kind


def test_min_confidence_changes_table_and_map(seeds) -> None:
    conf = sorted(seeds.layers.incidents["confidence"])
    threshold = round(conf[len(conf) // 2] + 0.01, 2)  # above the median: fewer rows
    threshold = min(1.0, round(round(threshold / 0.05) * 0.05, 2))
    expected = filter_layers(seeds.layers, min_confidence=threshold)
    at = _run()
    at.slider(key="conf").set_value(threshold).run()
    assert len(_table(at)) == len(expected.incidents)
    assert _drawn(at).get("incidents", 0) == len(expected.incidents)
    assert _param(at, "conf") == f"{threshold:.2f}"
    at.slider(key="conf").set_value(1.0).run()
    expected = filter_layers(seeds.layers, min_confidence=1.0)
    assert len(_table(at)) == len(expected.incidents)


def test_query_params_set_the_widgets(seeds) -> None:
    kind = sorted(set(seeds.layers.incidents["type"]))[0]
    at = _run({"types": kind, "conf": "0.1", "layers": "bases", "from": "2022-01-01"})
    assert at.multiselect(key="types").value == [kind]
    assert at.slider(key="conf").value == pytest.approx(0.1)
    assert at.multiselect(key="layers").value == ["bases"]
    assert at.slider(key="dates").value[0].isoformat() == "2022-01-01"
    expected = filter_layers(seeds.layers, types=[kind], min_confidence=0.1,
                             date_from="2022-01-01")
    assert len(_table(at)) == len(expected.incidents)
    drawn = _drawn(at)
    assert "places" not in drawn and "routes" not in drawn and "bases" in drawn
    # and the widgets' state goes back into the link unchanged
    assert _param(at, "types") == kind and _param(at, "layers") == "bases"
    assert _param(at, "from") == "2022-01-01"


@pytest.mark.parametrize("params", [
    {"from": "not-a-date"}, {"to": "2022-13-45"}, {"conf": "NaN"}, {"conf": "7"},
    {"conf": "-1"}, {"types": "<script>alert(1)</script>"}, {"layers": "bogus,,"},
    {"actors": ",,,"}, {"articles": "../../etc/passwd"}, {"at": "91,500,x"},
    {"tiles": "maybe"}, {"from": "2022-10-08", "to": "2019-01-01"}, {"tab": "Nope"},
    {"types": ["raid", "raid", "x" * 5000]},
])
def test_malformed_query_params_do_not_crash(params, seeds) -> None:
    at = _run(params)
    assert len(_table(at)) >= 0
    for key in ("conf", "tiles", "at", "types", "actors", "articles"):
        if key in params:
            assert _param(at, key) in (None, "raid")  # bad values leave the link


def test_date_range_in_link_narrows_the_view(seeds) -> None:
    expected = filter_layers(seeds.layers, date_from="2022-01-01")
    assert 0 < len(expected.incidents) < len(seeds.layers.incidents)
    at = _run({"from": "2022-01-01"})
    assert len(_table(at)) == len(expected.incidents)
    assert _drawn(at)["incidents"] == len(expected.incidents)


def test_moving_the_date_slider_changes_the_map(seeds) -> None:
    at = _run()
    lo, hi = at.slider(key="dates").value
    at.slider(key="dates").set_value((lo.replace(year=2022), hi)).run()
    expected = filter_layers(seeds.layers, date_from=lo.replace(year=2022))
    assert _drawn(at)["incidents"] == len(expected.incidents)
    assert _param(at, "from") == lo.replace(year=2022).isoformat()


def test_outlet_filter_keeps_its_articles(seeds) -> None:
    outlets = {}
    for aid, article in seeds.articles.items():
        if article.outlet:
            outlets.setdefault(article.outlet, []).append(aid)
    outlet, ids = sorted(outlets.items())[0]
    expected = filter_layers(seeds.layers, articles=ids)
    at = _run({"outlets": outlet})
    assert at.multiselect(key="outlets").value == [outlet]
    assert len(_table(at)) == len(expected.incidents)


def test_layer_toggles_and_tiles(seeds) -> None:
    at = _run()
    at.multiselect(key="layers").set_value([]).run()
    assert set(_drawn(at)) == {"incidents"}
    assert _param(at, "layers") == "none"
    at.multiselect(key="layers").set_value(["articles"]).run()
    assert _drawn(at)["articles"] == len(seeds.layers.articles)
    at.toggle(key="tiles").set_value(True).run()
    assert "tile.openstreetmap.org" in _map_args(at)["script"]
    assert _param(at, "tiles") is None  # never in a link (issue 10, item 9)


def test_reader_marks_places_and_centres_the_map(seeds) -> None:
    at = _run({"tab": "Article reader"})
    html_text = "".join(e.proto.body for e in at.main if e.type == "html")
    assert 'dir="rtl"' in html_text and "<mark" in html_text
    article = seeds.articles[at.selectbox(key="reader").value]
    assert article.body[:20] in html_text or "&" in article.body[:20]
    buttons = [b for b in at.button if (b.key or "").startswith("focus-")]
    assert buttons, "no place to jump to"
    buttons[0].click().run()
    focus = at.session_state["focus"]
    assert focus is not None
    assert (_param(at, "lat"), _param(at, "lon"), _param(at, "z")) == (
        f"{focus[0]:.5f}", f"{focus[1]:.5f}", str(focus[2]))
    # moved in place: st_folium's center/zoom, not a new map
    assert (_map_args(at)["center"], _map_args(at)["zoom"]) == ([focus[0], focus[1]], focus[2])
    at.button(key="unfocus").click().run()
    assert at.session_state["focus"] is None and _param(at, "z") is None


def test_review_files_timeline_and_export_tabs(seeds) -> None:
    at = _run({"tab": "Review"})
    review = at.dataframe[0].value
    report = seeds.report
    assert len(review) == len(report["unresolved"]) + len(report["low_confidence"])
    at = _run({"tab": "Files"})
    assert len(at.dataframe[0].value) == len(report["files"])
    at = _run({"tab": "Timeline"})
    assert at.get("vega_lite_chart") or at.info
    at = _run({"tab": "Export", "types": "raid"})
    labels = [b.proto.label for b in at.get("download_button")]
    n = len(filter_layers(seeds.layers, types=["raid"]).incidents)
    assert f"incidents.geojson ({n})" in labels and "layers.gpkg (all 5 layers)" in labels
    assert "--type=raid" in at.code[0].value


def test_another_corpus_from_the_command_line(tmp_path, monkeypatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    first = sorted(SEEDS.glob("*.txt"))[3]
    shutil.copy(first, corpus / first.name)
    monkeypatch.setattr(sys, "argv", ["dashboard.py", "--corpus", str(corpus)])
    at = _run()
    assert len(at.multiselect(key="articles").options) == 1
    assert "from corpus" in at.caption[0].value


def test_a_missing_corpus_is_an_error_not_a_crash(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(sys, "argv", ["dashboard.py", "--corpus", str(tmp_path / "nowhere")])
    at = _run()
    assert at.error and "Could not read" in at.error[0].value


def test_uploaded_articles_join_the_seeds(tmp_path, seeds) -> None:
    uploads = tmp_path / "data" / "uploads"
    uploads.mkdir(parents=True)
    text = ("قالت مصادر محلية إن دورية أمريكية اعترضت رتلاً روسياً قرب بلدة القحطانية "
            "بريف القامشلي يوم الخميس 6 تشرين الأول 2022.")
    (uploads / "upload_test.txt").write_text(text, encoding="utf-8")
    at = _run({"tab": "Add articles"})
    assert len(at.multiselect(key="articles").options) == len(seeds.articles) + 1
    rows = at.dataframe[0].value
    assert list(rows["file"]) == ["upload_test.txt"] and rows["status"][0] == "read"


def test_a_corpus_without_incidents(tmp_path, monkeypatch) -> None:
    corpus = tmp_path / "quiet"
    corpus.mkdir()
    (corpus / "a.txt").write_text("الطقس معتدل اليوم في معظم المناطق.\n\nلا جديد يذكر.",
                                  encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["dashboard.py", "--corpus", str(corpus)])
    for tab in ("Incidents", "Timeline", "Article reader", "Review", "Files", "Export"):
        at = _run({"tab": tab, "from": "2022-01-01"})
        assert at.session_state["map_layers"]["incidents"] == 0


def test_moving_widgets_does_not_rerun_the_pipeline(tmp_path, monkeypatch) -> None:
    import geo.app.dashboard_data as dd

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(path, corpus / path.name)
    calls = []
    real = dd.run_folders

    def counting(folders, **kwargs):
        calls.append(folders)
        return real(folders, **kwargs)

    monkeypatch.setattr(dd, "run_folders", counting)
    monkeypatch.setattr(sys, "argv", ["dashboard.py", "--corpus", str(corpus)])
    at = _run()
    at.slider(key="conf").set_value(0.5).run()
    at.multiselect(key="layers").set_value(["places"]).run()
    at.toggle(key="tiles").set_value(True).run()
    assert not at.exception and len(calls) == 1
    (corpus / "new.txt").write_text("دورية روسية قرب القامشلي.", encoding="utf-8")
    at.run()  # the folder changed: read again
    assert len(calls) == 2


def test_a_hostile_article_reaches_the_page_only_as_text(tmp_path, monkeypatch) -> None:
    """HTML, script, template and Markdown syntax in an article's title, outlet and body
    (the corpus of tests/browser/test_hostile.py) reach the map escaped and Markdown
    labels inert; the browser test shows that nothing of it runs."""
    from tests.browser.test_hostile import PAYLOAD, write_hostile_corpus

    corpus = write_hostile_corpus(tmp_path / "corpus")
    monkeypatch.setattr(sys, "argv", ["dashboard.py", "--corpus", str(corpus)])
    at = _run({"tab": "Article reader", "layers": "bases,routes,places,articles"})
    script = _map_args(at)["script"]
    assert "window.__pwned" in script  # the hostile article is on the map...
    for raw in ("<script>window", "<img src=x", "<svg onload", "${window", "{{7*7}}",
                "<b>bold?"):
        assert raw not in script, raw  # ...only as entities
    assert "javascript:window" in script and not re.search(r'href=\\?"javascript', script)
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in script
    labels = [e.value for e in (*at.markdown, *at.caption)] + [b.label for b in at.button]
    for label in labels:
        shown = re.sub(r"\\(.)", r"\1", label)  # what Markdown makes of the escapes
        assert not re.search(r"(?i)https?://|www\.|<img|<script", shown), label
    assert PAYLOAD not in "".join(labels)


# --- issue 10: no single input takes the dashboard down --------------------------------

FAR_UPLOAD = ("---\npublished: 2400-10-08\n---\n"
              "قالت مصادر محلية إن دورية أمريكية اعترضت رتلاً روسياً قرب بلدة القحطانية "
              "بريف القامشلي يوم الخميس.")


def _upload(tmp_path: Path, name: str, text: str) -> Path:
    uploads = tmp_path / "data" / "uploads"
    uploads.mkdir(parents=True, exist_ok=True)
    (uploads / name).write_text(text, encoding="utf-8")
    return uploads


@pytest.mark.parametrize("day", ["2400-10-08", "0001-01-01", "9999-12-31", "1683-12-31"])
def test_a_far_date_is_a_warning_not_a_slider_bound(tmp_path, seeds, day) -> None:
    """Issue 10, item 1: an upload dated outside 1684..2255 used to make the slider raise
    StreamlitJSNumberBoundsError for every session; the slider's range now comes from
    plausible dates only and the article is named in a warning."""
    _upload(tmp_path, "far.md", FAR_UPLOAD.replace("2400-10-08", day))
    at = _run()
    low, high = at.slider(key="dates").value  # the whole range: nothing chosen yet
    assert dt.date(1900, 1, 1) <= low <= high <= dt.date.today() + dt.timedelta(days=1)
    assert at.get("component_instance"), "no map"
    assert any("implausible publication date" in c.value for c in at.sidebar.caption)
    at = _run({"tab": "Files"})
    assert any(day in c.value for c in at.code), "the article is not named with its date"
    at = _run({"tab": "Add articles"})
    assert at.selectbox(key="remove-choice").options == ["far.md"]


def test_a_failing_map_leaves_the_uploads_and_their_remove_control(tmp_path, monkeypatch
                                                                    ) -> None:
    """Issue 10, item 1: a failure while drawing one part is a message in its place; the
    uploads section and its Remove control still draw."""
    import geo.app.mapview as mapview

    def broken(*args, **kwargs):
        raise ValueError("no map today")

    monkeypatch.setattr(mapview, "build_map", broken)
    _upload(tmp_path, "one.txt", FAR_UPLOAD)
    at = _run({"tab": "Add articles"})
    assert any("map could not be drawn" in e.value and "no map today" in e.value
               for e in at.error)
    assert at.selectbox(key="remove-choice").options == ["one.txt"]


def test_a_link_with_online_tiles_stays_offline(seeds) -> None:
    """Issue 10, item 9: ?tiles=online neither turns the toggle on nor stays in the link."""
    at = _run({"tiles": "online"})
    assert at.toggle(key="tiles").value is False
    assert "tile.openstreetmap.org" not in _map_args(at)["script"]
    assert _param(at, "tiles") is None


def test_tables_show_formula_cells_neutralised(tmp_path, monkeypatch) -> None:
    """Issue 10, item 14: the tables' own CSV download takes the values shown, so the
    values shown follow the CSV rule (a leading ' before = + - @)."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    name = sorted(corpus.glob("*.txt"))[0]
    body = name.read_text(encoding="utf-8")
    (corpus / "articles.csv").write_text(
        f"file,title,outlet\n{name.name},=1+1,\"+cmd|' /C calc'!A0\"\n", encoding="utf-8")
    name.write_text(body, encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["dashboard.py", "--corpus", str(corpus)])
    at = _run({"tab": "Incidents"})
    cells = {str(v) for col in _table(at).columns for v in _table(at)[col]}
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    at = _run({"tab": "Review"})
    for frame in (d.value for d in at.dataframe):
        for col in frame.columns:
            assert not any(str(v).startswith(("=", "+", "@")) for v in frame[col]
                           if isinstance(v, str)), col


def test_the_export_command_reads_the_uploads_too(tmp_path) -> None:
    """Issue 10, item 15: with uploads present the command reads the uploads folder in
    the same run (--uploads), so it needs no '# Differs' line."""
    uploads = _upload(tmp_path, "one.txt", FAR_UPLOAD)
    at = _run({"tab": "Export"})
    code = at.code[0].value
    assert "#" not in code and len(code.splitlines()) == 1
    assert "--out=out/" in code and f"--uploads={uploads}" in shlex.split(code)


def test_refused_files_stay_listed_until_dismissed(tmp_path) -> None:
    """Issue 10, item 18: refused files were one flash message, gone at the next widget
    move; they are a list with reasons until the analyst dismisses it (the browser test
    test_a_far_date_leaves_every_session_working adds a refused file through the widget)."""
    at = _run({"tab": "Add articles"})
    at.session_state["upload_refused"] = [
        {"file": "photo.jpg", "reason": "not a text article", "when": "12:00:00"}]
    at.run()
    assert _refused(at) == ["photo.jpg"]
    at.slider(key="conf").set_value(0.5).run()  # another widget moves: still listed
    assert _refused(at) == ["photo.jpg"]
    at.button(key="refused-dismiss").click().run()
    assert not at.session_state["upload_refused"] and _refused(at) == []


def _refused(at: AppTest) -> list[str]:
    """The file names in the table of refused files, if it is shown."""
    for frame in (d.value for d in at.dataframe):
        if list(frame.columns) == ["file", "reason", "when"]:
            return list(frame["file"])
    return []


def test_removing_an_upload_asks_first(tmp_path) -> None:
    """Issue 10, item 18: Remove deletes a file every session shares: it asks first."""
    uploads = _upload(tmp_path, "one.txt", FAR_UPLOAD)
    at = _run({"tab": "Add articles"})
    at.selectbox(key="remove-choice").select("one.txt").run()
    at.button(key="remove").click().run()
    assert (uploads / "one.txt").exists()
    assert any("cannot be undone" in w.value for w in at.warning)
    at.button(key="remove-cancel").click().run()
    assert (uploads / "one.txt").exists()
    at.selectbox(key="remove-choice").select("one.txt").run()
    at.button(key="remove").click().run()
    at.button(key="remove-confirm").click().run()
    assert not (uploads / "one.txt").exists()
    assert any("removed" in s.value for s in at.success)


def test_thousands_of_csv_warnings_are_one_box(tmp_path, monkeypatch) -> None:
    """Issue 10, item 18: 5,000 metadata warnings drew 5,000 boxes; now one expander with
    the count and the first lines."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(sorted(SEEDS.glob("*.txt"))[0], corpus / "a.txt")
    rows = "".join(f"missing{n}.txt,t\n" for n in range(5000))
    (corpus / "articles.csv").write_text("file,title\n" + rows, encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["dashboard.py", "--corpus", str(corpus)])
    at = _run({"tab": "Files"})
    assert len(at.warning) == 0
    (expander,) = [e for e in at.expander if "metadata warning" in e.label]
    assert int(expander.label.split()[0]) >= 5000
    assert len(at.code[0].value.splitlines()) == 50


@pytest.mark.parametrize("how", ["no permission", "a file in its place"])
def test_an_unreadable_uploads_folder_is_a_message(tmp_path, how) -> None:
    """Issue 10, item 18: an uploads folder the server cannot list is a sentence naming it,
    not a traceback; the corpus is still mapped."""
    uploads = tmp_path / "data" / "uploads"
    if how == "no permission":
        if os.geteuid() == 0:
            pytest.skip("root reads any folder")
        uploads.mkdir(parents=True)
        (uploads / "one.txt").write_text(FAR_UPLOAD, encoding="utf-8")
        uploads.chmod(0)
    else:
        uploads.parent.mkdir(parents=True)
        uploads.write_text("a file where the folder should be", encoding="utf-8")
    try:
        at = _run({"tab": "Add articles"})
    finally:
        uploads.chmod(0o700)
    assert any("uploads folder" in e.value and "cannot be read" in e.value for e in at.error)
    assert at.get("component_instance"), "no map"


def test_tables_show_dates_as_dates_and_unknowns_as_empty_cells(seeds) -> None:
    """Issue 13: the incidents table's dates (the incident's and its first publication)
    are dates that sort as dates, an unknown one is missing (not the text "None"), and
    every table the dashboard draws shows a missing value as an empty cell."""
    at = _run({"tab": "Incidents"})
    table = _table(at)
    for column in ("date", "published"):
        assert str(table[column].dtype).startswith("datetime64"), column
    undated = (seeds.layers.incidents["date_first"].fillna("") == "").tolist()
    assert any(undated) and table["date"].isna().tolist() == undated
    assert table["published"].notna().any()
    assert not table.isin(["None", "nan", "NaT"]).any().any()
    grid = at.dataframe[0].proto
    assert grid.HasField("placeholder") and grid.placeholder == ""
    config = json.loads(grid.columns)
    assert config["date"]["type_config"]["type"] == "date", config["date"]
    assert config["published"]["type_config"]["type"] == "date"
    for tab in ("Review", "Files"):
        at = _run({"tab": tab})
        assert at.dataframe, tab
        assert all(d.proto.HasField("placeholder") and d.proto.placeholder == ""
                   for d in at.dataframe), tab
