"""Streamlit dashboard: incidents, bases and patrol routes from Arabic news on an offline map.

    streamlit run dashboard.py                      # the seeds + the bundled gazetteer
    streamlit run dashboard.py -- --corpus DIR      # any folder of articles

Widgets and layout only: the pipeline, filter, tables, map and exports live in ``geo/``
(``geo.app.dashboard_data`` shapes the data, ``geo.app.viewstate`` reads and writes the link,
``geo.read.uploads`` stores uploaded articles). Sections: load (cached) -> sidebar (seeded
from the link, mirrored back into it) -> filter -> map -> tabs.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

from geo.app.assets import bundle_installed, bundle_scripts
from geo.app.command import export_command
from geo.app.dashboard_data import (
    DOWNLOAD_LAYERS,
    READER_LEGEND,
    article_header_html,
    bidi,
    data_choices,
    files_table,
    focus_for,
    folder_fingerprint,
    highlighted_html,
    incidents_table,
    label_colours,
    md_escape,
    mention_targets,
    review_table,
    run_folders,
    timeline,
    timeline_outside,
    type_label,
    unlocated_table,
    view_counts,
)
from geo.app.downloads import FORMATS, GPKG_LAYERS, gpkg_all_bytes, layer_bytes
from geo.app.latest_run import LatestRuns  # issue 10
from geo.app.linked import OpenIncident, ReaderLinks, article_param, incident_articles, incident_index
from geo.app.mapfit import fit_view
from geo.app.mapview import build_map
from geo.app.review_view import review_for_run, run_stamp  # issue 12: the review store
from geo.app.search import resolve_place
from geo.app.timechart import BRUSH, brushed_range, timeline_chart
from geo.app.timefilter import PRESETS, follow_span, preset_range, undated_count, with_undated
from geo.app.upload_record import implausible_dates, metadata_warnings, uploads_listing
from geo.app.viewstate import (
    LAYER_TOGGLES,
    PARAM_KEYS,
    Choices,
    ViewState,
    params_from_state,
    same_view,
    state_from_params,
    view_from_map,
)
from geo.layers import filter_layers
from geo.read.uploads import default_upload_dir
from uploads_tab import upload_section

ROOT = Path(__file__).resolve().parent
MAP_HEIGHT = 640
COLUMNS = (11, 9)  # map | tabs, side by side on a wide screen (Streamlit stacks them when narrow)
TABS = ("Incidents", "Timeline", "Article reader", "Review", "Files", "Export", "Add articles")
LIST_PARAMS = ("types", "actors", "outlets", "articles")


def corpus_dir() -> Path:
    """``--corpus DIR`` from the arguments after ``streamlit run dashboard.py --``."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--corpus", default=str(ROOT / "seeds"))
    args, _ = parser.parse_known_args(sys.argv[1:])
    return Path(args.corpus).expanduser().resolve()


# --- issue 10: a heavy upload does not stall the other sessions (geo.app.latest_run) ---
@st.cache_resource
def latest_runs() -> LatestRuns:
    """The server's one record of the newest run per corpus (every session shares it)."""
    return LatestRuns()


def load(folders: tuple[str, ...], stamp: str, include_rejected: bool = False):
    """One pipeline run over the corpus and the uploads, kept by their content stamp
    (which holds the review store's: a decision shows at once). The session that stored
    or removed an upload waits for the new run; the others keep the last run while the
    new one is read in the background. Returns (result, choices, stamp shown, pending)."""
    fingerprint = stamp.split("|", 1)[0]
    newest = latest_runs().newest_key(folders)
    wait = (bool(st.session_state.pop("await_run", False)) or newest is None
            or str(newest).split("|", 1)[0] == fingerprint)
    (result, choices), shown, pending = latest_runs().get(
        folders, stamp, lambda: read_articles(folders, include_rejected), wait=wait,
        spinner=lambda: st.spinner("Reading the articles…"))
    return result, choices, shown, pending


def read_articles(folders: tuple[str, ...], include_rejected: bool):
    review, _ = review_for_run()  # issue 12: an unusable store is said on the page
    result = run_folders(folders, review=review, include_rejected=include_rejected)
    choices = data_choices(result)
    # issue 14: Streamlit runs gc.collect() after every script run, which walked this
    # long-lived result each time (0.6 s at 5,000 articles, before the page could send
    # the map); frozen objects are left out of that walk (refcounting still frees them)
    gc.freeze()
    return result, choices


@st.fragment(run_every=2.0)
def newer_run_watch(folders: tuple[str, ...], shown: str) -> None:
    """While a newer run is read in the background: say so; once it is complete, offer it
    (the map is not reloaded under the analyst's hands; their next change shows it too)."""
    if latest_runs().newest_key(folders) == shown:
        st.caption("New articles are being read; the map shows them once they are.")
    elif st.button("New articles were added: show them", key="newer-run",
                   icon=":material/refresh:"):
        st.rerun()
# --- end issue 10 ---------------------------------------------------------------------


@st.cache_resource(max_entries=32)
def filtered(stamp: str, _layers, **kwargs):
    """:func:`geo.layers.filter_layers` (the CLI's filter), remembered per corpus and filter."""
    return filter_layers(_layers, **kwargs)


@st.cache_resource(max_entries=32)
def filtered_with_undated(stamp: str, _layers, **kwargs):
    """:func:`filtered` plus the undated incidents the date range would hide."""
    return with_undated(_layers, filtered(stamp, _layers, **kwargs), kwargs)


@st.cache_resource(max_entries=32)
def reader_rows(view_key: str, _incidents, _titles: dict) -> list:
    """:func:`geo.app.linked.incident_articles` of a view, remembered per corpus and filter
    (``view_key``): each new session's first map and each pan built it again (0.15 s at
    5,000 articles). Read only by the map's reader links."""
    return incident_articles(_incidents, _titles)


@contextmanager
def guarded(part: str) -> Iterator[None]:
    """A failure while drawing ``part`` is a message in its place, so the rest of the page
    (above all the uploads, whose Remove control can undo a bad upload) still draws.
    Streamlit's own rerun/stop signals are not ``Exception`` and pass through."""
    try:
        yield
    except Exception as exc:  # noqa: BLE001 - one part's failure must not take the page
        st.error(md_escape(f"The {part} could not be drawn ({type(exc).__name__}: {exc}). "
                           "The rest of the page works; if a new upload caused this, remove "
                           "it in the Add articles tab."), icon=":material/error:")


def set_focus(focus: tuple[float, float, int] | None) -> None:
    st.session_state["focus"] = focus


def link_now() -> dict[str, str]:
    """Our parameters as the link holds them now (the last value of each)."""
    return {k: v for k, v in st.query_params.to_dict().items() if k in PARAM_KEYS}


def seed_widgets(choices, valid: Choices) -> None:
    """The widgets take the view in the link (bad values are dropped): once per session,
    and again when the link changes under us (browser Back or Forward)."""
    params = st.query_params.to_dict()
    params.update({k: st.query_params.get_all(k) for k in LIST_PARAMS if k in st.query_params})
    seed = state_from_params(params, choices=valid)
    dates = ((seed.date_from or choices.span[0], seed.date_to or choices.span[1])
             if choices.span else None)
    st.session_state.update({
        "types": list(seed.types), "actors": list(seed.actors), "outlets": list(seed.outlets),
        "articles": list(seed.articles), "conf": seed.min_confidence,
        "layers": list(seed.layers), "focus": seed.focus, "undated": seed.undated,
        "dates": dates, "span_seen": choices.span, "view_seeded": True})
    st.session_state.setdefault("tiles", False)
    st.session_state["link_written"] = link_now()


def mirror_to_link(state: ViewState) -> None:
    """The link holds the view: our params set or removed, others (the tab) left alone.
    Only a real change writes (each write is a browser history entry)."""
    if "article" in st.query_params and (
            st.query_params.get_all("article") == st.session_state.get("article_consumed")):
        # a map run that began before the reader took the link's article would write it
        # back with the view: it was consumed, it goes
        del st.query_params["article"]
    wanted = params_from_state(state)
    now = link_now()
    for key in now.keys() - wanted.keys():  # rare (a filter cleared): one entry each
        del st.query_params[key]
    changed = {k: v for k, v in wanted.items() if now.get(k) != v}
    if changed:  # one write, one history entry: a new view is z, lat and lon at once
        st.query_params.update(changed)
    st.session_state["link_written"] = link_now()


def open_article_from_link(articles) -> None:
    """``?article=ID`` (a popup's "Open in the reader"): the reader shows that article."""
    if "article" not in st.query_params:
        return
    st.session_state["article_consumed"] = st.query_params.get_all("article")
    aid = article_param(st.query_params.get_all("article"), articles)
    if aid:
        st.session_state["reader"] = aid
    del st.query_params["article"]


def search_place() -> None:
    """The search box's callback: the map goes to the place, or says it knows none."""
    query = (st.session_state.get("place_q") or "").strip()
    if not query:
        st.session_state.pop("search_msg", None)
        return
    target = resolve_place(query)
    if target is None:
        st.session_state["search_msg"] = f"No place called {query} in the gazetteer."
        return
    set_focus((round(target.lat, 5), round(target.lon, 5), int(target.zoom)))
    name = target.place.get("name_en") or query
    st.session_state["search_msg"] = f"{name} ({target.place.get('name_ar') or ''})"


def set_dates(lo, hi) -> None:
    """One range for the slider, the two date boxes and the presets."""
    st.session_state["dates"] = (lo, hi)
    st.session_state["date_lo"], st.session_state["date_hi"] = lo, hi


def dates_typed() -> None:
    lo, hi = st.session_state.get("date_lo"), st.session_state.get("date_hi")
    if lo and hi:
        set_dates(min(lo, hi), max(lo, hi))


def slider_moved() -> None:
    set_dates(*st.session_state["dates"])


# --- tabs (tables: an unknown value is an empty cell, placeholder="", never "None") -----


def date_column(help_text: str):
    """Dates shown and sorted as dates."""
    return st.column_config.DateColumn(format="YYYY-MM-DD", help=help_text)


def incidents_tab(view, unlocated: int) -> None:
    table = incidents_table(view)
    st.caption("Choose a row to show the incident on the map.")
    event = st.dataframe(
        table, hide_index=True, key="incidents", on_select="rerun", placeholder="",
        selection_mode="single-row",
        column_config={
            "date": date_column("First day of the incident's period"),
            "published": date_column("When the first article reporting it was published"),
            "articles": st.column_config.NumberColumn(help="Distinct articles reporting it"),
            "outlets": st.column_config.NumberColumn(help="Distinct outlets reporting it"),
            "confidence": st.column_config.NumberColumn(format="%.2f"),
            "evidence": st.column_config.TextColumn(width="large")})
    rows = event.selection.rows if event else []
    chosen = str(table.iloc[rows[0]]["id"]) if rows and rows[0] < len(table) else None
    if chosen != st.session_state.get("row_chosen"):
        st.session_state["row_chosen"] = chosen
        if chosen:
            st.session_state["open_incident"] = chosen
            st.rerun()  # the whole app: the map is outside this fragment
    if unlocated:
        st.caption(f"{unlocated} incidents name no place in Syria and are not on the map: "
                   "see Review.")


def timeline_tab(view, span) -> None:
    """The chart is also an input: a range brushed on it becomes the date filter (on the
    next full run, before the date widgets are drawn: see ``apply_brush``). It shows the
    view without its date range, so a narrowed range can be brushed wider again."""
    per_month, year_only = timeline(view)
    if per_month.empty:
        st.info("No incident in view is dated to the month or day.")
    else:
        event = st.altair_chart(timeline_chart(per_month, label_colours(per_month.columns)),
                                key="timeline", on_select="rerun", selection_mode=BRUSH,
                                width="stretch")  # the map's colours
        brushed = brushed_range(event.selection if event else None, span)
        if brushed != st.session_state.get("brush_seen"):  # a new brush, not the last one
            st.session_state["brush_seen"] = brushed
            if brushed and brushed != tuple(st.session_state.get("dates") or ()):
                st.session_state["brush_pending"] = brushed
                st.rerun()  # the whole app: the filter and the map are outside this fragment
        st.caption("Drag across months to set the date range (the bars show every date the "
                   "other filters let through).")
    if year_only:
        st.caption(f"{year_only} incidents known only to the year are not in the chart.")
    outside = timeline_outside(view)
    if outside:
        st.caption(f"{outside} incident{'s' * (outside > 1)} dated before 1900 or in the "
                   "future (an implausible publication date) are not in the chart.")


def apply_brush() -> None:
    """A range brushed on the Timeline chart becomes the date range (the slider, the
    date boxes and the link follow); run before the date widgets exist."""
    if brushed := st.session_state.pop("brush_pending", None):
        set_dates(*brushed)


def reader_tab(result, labels: dict[str, str]) -> None:
    order = sorted(result.articles, reverse=True,
                   key=lambda a: (str(result.articles[a].published or ""), a))
    aid = st.selectbox("Article", order, format_func=labels.get, key="reader")
    if not aid:
        return
    article, mentions = result.articles[aid], result.results[aid].mentions
    st.html(article_header_html(article))
    targets = mention_targets(mentions)
    if targets:
        st.write("Places on the map: click one to centre the map on it.")
        row = st.container(horizontal=True)
        for n, m in targets:
            label = f"{n} · {md_escape(bidi(m.text))} → {md_escape(m.place.name_en)}"
            if row.button(label, key=f"focus-{aid}-{m.place.id}", icon=":material/my_location:"):
                set_focus(focus_for(m.place))
                st.rerun()  # the whole app: the map is outside this fragment
    st.html(READER_LEGEND + highlighted_html(article.body, mentions))


def review_tab(result) -> None:
    from review_tab import review_tab as review_queue  # issue 12: the queue (widgets beside this)

    review_queue(result, include_rejected=bool(st.session_state.get("include_rejected")))
    st.divider()
    st.write("Place mentions to check: unresolved, approximate or low confidence.")
    st.dataframe(review_table(result.report, result.articles), hide_index=True, key="review",
                 placeholder="")
    if result.layers.unlocated:
        st.write("Incidents not on the map (no place in Syria):")
        st.dataframe(unlocated_table(result.report), hide_index=True, key="unlocated",
                     placeholder="", column_config={
                         "date": date_column("First day of the incident's period")})


def files_tab(result) -> None:
    t = result.report["totals"]
    st.write(f"{t['files']} files: {t['read']} read ({t.get('read_with_warnings', 0)} with "
             f"warnings), {t['skipped']} not read, {t.get('duplicates', 0)} duplicate copies, "
             f"{t['failed']} failed; {t.get('metadata_warnings', 0)} metadata warnings.")
    count, first = metadata_warnings(result.report)
    if count:  # one box, however many: 5,000 boxes took seconds and 195 MB in a browser
        with st.expander(f"{count} metadata warning{'s' * (count > 1)} (articles.csv)",
                         icon=":material/warning:"):
            st.code("\n".join(first), language=None, wrap_lines=True)
            if count > len(first):
                st.caption(f"The first {len(first)} of {count}; all are in the table below "
                           "and in report.json.")
    dated = implausible_dates(result.report)
    if dated:
        with st.expander(f"{len(dated)} article{'s' * (len(dated) > 1)} with an implausible "
                         "publication date", icon=":material/event_busy:"):
            st.caption("Kept and mapped, but their dates are left out of the date slider's "
                       "range.")
            st.code("\n".join(dated[:50]), language=None, wrap_lines=True)
    st.dataframe(files_table(result.report), hide_index=True, key="files", placeholder="")


def export_tab(view, corpus: Path, kwargs: dict, n_uploads: int, undated: bool) -> None:
    st.write("What the filters select. GeoJSON is RFC 7946, the same bytes as "
             "`python -m geo build` with the same filter (the layer switches only change "
             "what is drawn); CSV opens in a spreadsheet (formula-safe), KML in Google "
             "Earth; the GeoPackage holds every layer, articles too.")
    counts = view_counts(view)
    fmt = st.segmented_control("Format", list(FORMATS), default="GeoJSON", key="dl-format")
    fmt = fmt or "GeoJSON"
    row = st.container(horizontal=True)
    suffix, mime = FORMATS[fmt].suffix, FORMATS[fmt].mime
    for name in DOWNLOAD_LAYERS:  # the bytes are made on click, not on every rerun
        row.download_button(f"{name}.{suffix} ({counts[name]})",
                            lambda name=name, fmt=fmt: layer_bytes(view, name, fmt),
                            file_name=f"{name}.{suffix}", mime=mime,
                            key=f"dl-{name}-{suffix}", on_click="ignore",
                            icon=":material/download:")
    row.download_button(f"layers.gpkg (all {len(GPKG_LAYERS)} layers)",
                        lambda: gpkg_all_bytes(view), file_name="layers.gpkg",
                        mime="application/geopackage+sqlite3", key="dl-gpkg",
                        on_click="ignore", icon=":material/download:")
    if undated and (kwargs.get("date_from") or kwargs.get("date_to")):
        st.caption("Undated incidents are kept in view: the command below leaves them out.")
    st.caption("The same export from the command line (lines starting with # say where it "
               "cannot be the same):")
    st.code(export_command(corpus, kwargs, uploads=n_uploads), language="bash")


def tabs_wait_for_map() -> bool:
    """Whether the open tab's content waits for the map: only on a session's first page in
    a browser (which reports the drawn map, and that report reruns the app, see
    ``draw_map``), and only when the map was sent. Its table or chart would otherwise
    reach the browser with the map and slow the first map (issue 14); a client with no
    browser (AppTest) gets everything at once."""
    first = "tabs_waited" not in st.session_state
    browser = bool(st.context.headers.get("User-Agent"))
    wait = first and browser and bool(st.session_state.get("map_sent"))
    st.session_state["tabs_waited"] = wait
    return wait


@st.fragment
def around_the_map(result, choices, view, corpus: Path, uploads: Path, kwargs: dict,
                   all_dates: Callable[[], object], *, wait: bool = False) -> None:
    """The tabs beside the map. A fragment: switching tabs or articles reruns only this,
    not the map; only the open tab's content runs, and the open tab is in the link.
    ``wait``: the open tab says it is loading (:func:`tabs_wait_for_map`)."""
    tabs = dict(zip(TABS, st.tabs(TABS, key="tab", bind="query-params"), strict=True))
    show = {
        "Incidents": lambda: incidents_tab(view, len(result.layers.unlocated)),
        "Timeline": lambda: timeline_tab(all_dates(), choices.span),
        "Article reader": lambda: reader_tab(result, choices.articles),
        "Review": lambda: review_tab(result),
        "Files": lambda: files_tab(result),
        "Export": lambda: export_tab(view, corpus, kwargs, len(uploads_listing(uploads)[0]),
                                     bool(st.session_state.get("undated"))),
        "Add articles": lambda: upload_section(uploads, result),
    }
    for name, tab in tabs.items():
        if tab.open:
            with tab, guarded(f"{name} tab"):
                if wait:
                    st.caption("Loading…")
                else:
                    show[name]()


def sidebar(choices) -> ViewState:
    """The filter and map widgets; what they hold, as a ViewState."""
    st.header("Filters")
    span, date_from, date_to = choices.span, None, None
    if span and span[0] < span[1]:  # plausible dates only: see geo.app.dashboard_data
        date_from, date_to = date_controls(span)
    elif span:
        st.caption(f"All dated incidents are of {span[0].isoformat()}.")
    undated = st.toggle("Keep undated incidents", key="undated",
                        help="A date range hides incidents with no known date (as "
                        "`python -m geo build --from/--to` does); this keeps them in view.")
    st.toggle("Play back over time", key="playback",
              help="A time slider with play and step buttons at the foot of the map: each "
              "step rings the incidents in view whose first date falls in that period "
              "(undated ones cannot be played back).")
    if choices.implausible:
        many = choices.implausible > 1
        st.caption(f"{choices.implausible} article{'s carry' if many else ' carries'} an "
                   "implausible publication date (before 1900 or in the future): kept, but "
                   "left out of the range above. See the Files tab.")
    types = st.multiselect("Incident types", choices.types, key="types",
                           format_func=type_label, placeholder="All types")
    actors = st.multiselect("Actors", choices.actors, key="actors", placeholder="All actors")
    outlets = st.multiselect("Outlets", list(choices.outlets), key="outlets",
                             placeholder="All outlets")
    articles = st.multiselect("Articles", list(choices.articles), key="articles",
                              format_func=choices.articles.get, placeholder="All articles")
    conf = st.slider("Minimum confidence", 0.0, 1.0, step=0.05, key="conf")
    st.header("Map")
    shown = st.multiselect("Layers", LAYER_TOGGLES, key="layers",
                           help="Incidents are always drawn.")
    online = st.toggle("Online map tiles (needs internet)", key="tiles",
                       help="Off: the offline basemap only, nothing is fetched. Only this "
                       "switch turns them on: never a link.")
    return ViewState(date_from=date_from, date_to=date_to, types=tuple(types),
                     actors=tuple(actors), outlets=tuple(outlets), articles=tuple(articles),
                     min_confidence=float(conf), layers=tuple(shown),
                     online_tiles=bool(online), focus=st.session_state.get("focus"),
                     undated=bool(undated))


def date_controls(span) -> tuple:
    """Presets, two date boxes and the slider, all on one range; returns the bounds to
    filter by (None at an edge of the data). After an upload widens the data, a range
    that reached the old edge follows it (geo.app.timefilter.follow_span)."""
    chosen = st.session_state.get("dates")
    if st.session_state.get("span_seen") != span:
        chosen = follow_span(chosen, st.session_state.get("span_seen"), span)
        st.session_state["span_seen"] = span
    lo, hi = chosen or span
    set_dates(min(max(lo, span[0]), span[1]), min(max(hi, span[0]), span[1]))
    presets = st.container(horizontal=True, gap="small", vertical_alignment="center")
    presets.caption("Last")
    for label, days in PRESETS.items():
        presets.button(label, key=f"preset-{days or 'all'}", on_click=set_dates,
                       args=preset_range(span, days), type="tertiary",
                       help=(f"The last {days} days of the data (counted back from its "
                             "newest date)" if days else "Every date in the data"))
    # one box per row: two side by side cut the dates off in the sidebar's width
    st.date_input("From", key="date_lo", min_value=span[0], max_value=span[1],
                  on_change=dates_typed, format="YYYY-MM-DD")
    st.date_input("To", key="date_hi", min_value=span[0], max_value=span[1],
                  on_change=dates_typed, format="YYYY-MM-DD")
    chosen = st.slider("Dates", min_value=span[0], max_value=span[1], format="YYYY-MM-DD",
                       key="dates", on_change=slider_moved, label_visibility="collapsed",
                       help="An incident known only to the month or year shows while that "
                       "period overlaps the range.")
    return (chosen[0] if chosen[0] > span[0] else None,
            chosen[1] if chosen[1] < span[1] else None)


def map_build_view(key: tuple) -> tuple | None:
    """Where a (re)built map starts: the view at the moment its content last changed.
    A pan does not rebuild the map (st_folium moves it in place), a filter change does,
    and the new map starts where the analyst was looking instead of at all of Syria."""
    if st.session_state.get("map_build_key") != key:
        st.session_state["map_build_key"] = key
        st.session_state["map_build_view"] = st.session_state.get("focus")
    return st.session_state.get("map_build_view")


@st.fragment
def map_panel(view, state: ViewState, articles: dict, build_key: tuple, *,
              playback: bool = False, full: dict | None = None) -> None:
    """Search box and map. A fragment: a pan or a search reruns only this."""
    with guarded("map"):
        draw_map(view, state, articles, build_key, playback=playback, full=full)


def draw_map(view, state: ViewState, articles: dict, build_key: tuple, *,
             playback: bool = False, full: dict | None = None) -> None:
    """``full``: the unfiltered layers, whose popups the map builds once per run."""
    st.text_input("Find a place", key="place_q", on_change=search_place,
                  placeholder="Arabic, English or Kurdish: القحطانية, Qamishli, Qamişlo",
                  label_visibility="collapsed")
    message = st.session_state.get("search_msg")
    if message:
        found = message.startswith("No place")
        (st.warning if found else st.caption)(md_escape(message))
    drawn = {"incidents": view.incidents, **{name: view[name] for name in state.layers}}
    st.session_state["map_layers"] = {name: len(frame) for name, frame in drawn.items()}
    opened = st.session_state.get("open_incident")
    index = incident_index(view.incidents, opened) if opened else None
    home = fit_view([view.incidents, *(view[n] for n in ("bases", "routes") if n in drawn)],
                    height=MAP_HEIGHT)
    start = map_build_view((*build_key, index)) or home
    fmap = build_map(drawn, online_tiles=state.online_tiles, show_places="places" in drawn,
                     show_articles="articles" in drawn, playback=playback, full=full,
                     center=start[:2] if start else None, zoom=start[2] if start else None)
    view_key = repr((build_key[0], build_key[1], build_key[4]))  # corpus, filter, undated
    fmap.add_child(ReaderLinks(reader_rows(view_key, view.incidents, articles)))
    if index is not None:
        fmap.add_child(OpenIncident(index))
    if bundle_installed():  # issue 14: the map's scripts in one request, not one by one
        bundle_scripts(fmap)
    focus = st.session_state.get("focus") or home
    # the view goes in as center/zoom: st_folium moves the map without reloading it.
    # render=False: st_folium renders the map once instead of twice (same output)
    returned = st_folium(fmap, key="map", returned_objects=["center", "zoom", "last_clicked"],
                         height=MAP_HEIGHT, use_container_width=True, render=False,
                         center=list(focus[:2]) if focus else None,
                         zoom=int(focus[2]) if focus else None)
    st.session_state["map_sent"] = True
    clicked = returned.get("last_clicked") if isinstance(returned, dict) else None
    new_click = bool(clicked) and clicked != st.session_state.get("map_clicked")
    if new_click:  # issue 12: re-place there, or add a place there
        st.session_state["map_clicked"] = clicked
    # a report is a move only when it is new: after browser Back the component still
    # holds the view before, which must not undo the view the link brought back
    seen = view_from_map(returned)
    fresh = seen != st.session_state.get("map_seen")
    st.session_state["map_seen"] = seen
    if fresh and seen is not None and not same_view(seen, focus):  # the analyst moved
        set_focus(seen)
    mirror_to_link(replace(state, focus=st.session_state.get("focus")))  # or a search did
    if new_click and st.session_state.get("tab") == "Review":
        st.rerun()  # issue 12: the Review tab (another fragment) offers the clicked point
    if seen is not None and st.session_state.get("tabs_waited"):
        st.session_state["tabs_waited"] = False
        st.rerun()  # the browser drew the map: now the tabs (another fragment) fill in
    if st.session_state.get("focus"):
        st.button("Show the whole area", on_click=set_focus, args=(None,), key="unfocus")


# --- load -----------------------------------------------------------------------------
st.set_page_config(page_title="NE Syria incidents", page_icon="🗺️", layout="wide")
corpus, uploads = corpus_dir(), default_upload_dir()
folders = (str(corpus), str(uploads))
include_rejected = bool(st.session_state.get("include_rejected"))  # issue 12
stamp = f"{folder_fingerprint(folders)}|review {run_stamp()}|rejected {include_rejected}"
try:
    result, choices, stamp, pending = load(folders, stamp, include_rejected)  # issue 10
except Exception as exc:  # noqa: BLE001 - shown to the analyst, who can fix the folder
    st.error(md_escape(f"Could not read the articles in {corpus}: {exc}"))
    upload_section(uploads)
    st.stop()
layers = result.layers
review_problem = review_for_run()[1]  # issue 12: a review store that cannot be used
if review_problem:
    st.error(md_escape(review_problem), icon=":material/error:")
if pending:  # issue 10: another session's upload is being read
    newer_run_watch(folders, stamp)

# --- sidebar: seeded from the link, then the widgets own the view ----------------------
valid = Choices(span=choices.span, types=frozenset(choices.types),
                actors=frozenset(choices.actors), outlets=frozenset(choices.outlets),
                articles=frozenset(choices.articles))
if "view_seeded" not in st.session_state or st.session_state.get("link_written") != link_now():
    seed_widgets(choices, valid)  # a new session, or browser Back/Forward changed the link
open_article_from_link(result.articles)
for key, offered in (("types", valid.types), ("actors", valid.actors),
                     ("outlets", valid.outlets), ("articles", valid.articles)):
    # after an upload or a removal the options change: keep the values still offered
    st.session_state[key] = [v for v in st.session_state.get(key) or [] if v in offered]

apply_brush()
state = ViewState(focus=st.session_state.get("focus"))  # if the sidebar fails
with st.sidebar, guarded("filters"):
    state = sidebar(choices)
mirror_to_link(state)

# --- filter: the function the CLI export uses ------------------------------------------
kwargs = state.filter_kwargs(choices.outlets)
view = layers
with guarded("filter"):
    view = (filtered_with_undated if state.undated else filtered)(stamp, layers, **kwargs)
    hidden = 0 if state.undated else undated_count(layers) - undated_count(view)
    if hidden > 0 and (kwargs["date_from"] or kwargs["date_to"]):
        st.sidebar.caption(f"{hidden} undated incident{'s are' if hidden > 1 else ' is'} "
                           "hidden by the date range: switch on “Keep undated incidents”.")

# --- map and tabs, side by side --------------------------------------------------------
st.title("Incidents in north-east Syria")
n_uploads = len(uploads_listing(uploads)[0])
st.caption(md_escape(
    f"{len(view.incidents)} of {len(layers.incidents)} incidents on the map · "
    f"{len(result.articles)} articles from {corpus.name}"
    + (f" and {n_uploads} uploaded file{'s' * (n_uploads > 1)}" if n_uploads else "")))
left, right = st.columns(COLUMNS, gap="medium")
with left:
    playback = bool(st.session_state.get("playback"))
    build_key = (stamp, repr(sorted(kwargs.items())), state.layers, state.online_tiles,
                 state.undated, playback)
    titles = {aid: article.title or aid for aid, article in result.articles.items()}
    map_panel(view, state, titles, build_key, playback=playback,
              full={"incidents": layers.incidents})
with right:
    around_the_map(result, choices, view, corpus, uploads, kwargs,
                   lambda: filtered(stamp, layers, **{**kwargs, "date_from": None,
                                                      "date_to": None}),
                   wait=tabs_wait_for_map())
