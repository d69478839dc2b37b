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
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

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
    gpkg_bytes,
    highlighted_html,
    incidents_table,
    label_colours,
    layer_geojson,
    md_escape,
    mention_targets,
    review_table,
    run_folders,
    timeline,
    timeline_outside,
    type_label,
    unlocated_table,
    upload_rows,
    view_counts,
)
from geo.app.mapview import build_map
from geo.app.upload_record import (
    add_refusals,
    implausible_dates,
    metadata_warnings,
    refusals_table,
    store_batch,
    uploads_listing,
)
from geo.app.viewstate import (
    LAYER_TOGGLES,
    PARAM_KEYS,
    Choices,
    ViewState,
    params_from_state,
    state_from_params,
)
from geo.layers import filter_layers
from geo.read.uploads import (
    ALLOWED_SUFFIXES,
    MAX_FILES,
    MAX_UPLOAD_MB,
    default_upload_dir,
    remove_upload,
)

ROOT = Path(__file__).resolve().parent
MAP_HEIGHT = 650
TABS = ("Incidents", "Timeline", "Article reader", "Review", "Files", "Export", "Add articles")
LIST_PARAMS = ("types", "actors", "outlets", "articles")


def corpus_dir() -> Path:
    """``--corpus DIR`` from the arguments after ``streamlit run dashboard.py --``."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--corpus", default=str(ROOT / "seeds"))
    args, _ = parser.parse_known_args(sys.argv[1:])
    return Path(args.corpus).expanduser().resolve()


@st.cache_resource(show_spinner="Reading the articles…", max_entries=2)
def load(folders: tuple[str, ...], stamp: str):
    """One pipeline run over the corpus and the uploads, cached by their content stamp."""
    result = run_folders(folders)
    return result, data_choices(result)


@st.cache_resource(max_entries=32)
def filtered(stamp: str, _layers, **kwargs):
    """:func:`geo.layers.filter_layers` (the CLI's filter), remembered per corpus and filter."""
    return filter_layers(_layers, **kwargs)


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


def seed_widgets(choices, valid: Choices) -> None:
    """Once per session: the widgets take the view in the link (bad values are dropped)."""
    params = st.query_params.to_dict()
    params.update({k: st.query_params.get_all(k) for k in LIST_PARAMS if k in st.query_params})
    seed = state_from_params(params, choices=valid)
    st.session_state.update({
        "types": list(seed.types), "actors": list(seed.actors), "outlets": list(seed.outlets),
        "articles": list(seed.articles), "conf": seed.min_confidence,
        "layers": list(seed.layers), "tiles": seed.online_tiles, "focus": seed.focus,
        "dates": (seed.date_from or choices.span[0], seed.date_to or choices.span[1])
        if choices.span else None,
        "view_seeded": True})


def mirror_to_link(state: ViewState) -> None:
    """The link holds the view: our params set or removed, others (the tab) left alone."""
    wanted = params_from_state(state)
    for key in PARAM_KEYS:
        if key in wanted and st.query_params.get(key) != wanted[key]:
            st.query_params[key] = wanted[key]
        elif key not in wanted and key in st.query_params:
            del st.query_params[key]


# --- tabs -----------------------------------------------------------------------------


def incidents_tab(view, unlocated: int) -> None:
    st.dataframe(incidents_table(view), hide_index=True, key="incidents", lazy=True,
                 column_config={
                     "confidence": st.column_config.NumberColumn(format="%.2f"),
                     "evidence": st.column_config.TextColumn(width="large")})
    if unlocated:
        st.caption(f"{unlocated} incidents name no place in Syria and are not on the map: "
                   "see Review.")


def timeline_tab(view) -> None:
    per_month, year_only = timeline(view)
    if per_month.empty:
        st.info("No incident in view is dated to the month or day.")
    else:
        st.bar_chart(per_month, x_label="month", y_label="incidents", stack=True,
                     color=label_colours(per_month.columns))  # the map's colours
    if year_only:
        st.caption(f"{year_only} incidents known only to the year are not in the chart.")
    outside = timeline_outside(view)
    if outside:
        st.caption(f"{outside} incident{'s' * (outside > 1)} dated before 1900 or in the "
                   "future (an implausible publication date) are not in the chart.")


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
    st.write("Place mentions to check: unresolved, approximate or low confidence.")
    st.dataframe(review_table(result.report, result.articles), hide_index=True, key="review")
    if result.layers.unlocated:
        st.write("Incidents not on the map (no place in Syria):")
        st.dataframe(unlocated_table(result.report), hide_index=True, key="unlocated")


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
    st.dataframe(files_table(result.report), hide_index=True, key="files")


def export_tab(view, corpus: Path, kwargs: dict, n_uploads: int) -> None:
    st.write("What the filters select, as RFC 7946 GeoJSON: the same bytes as "
             "`python -m geo build` with the same filter (the layer switches only change "
             "what is drawn).")
    counts = view_counts(view)
    row = st.container(horizontal=True)
    for name in DOWNLOAD_LAYERS:  # the bytes are made on click, not on every rerun
        row.download_button(f"{name}.geojson ({counts[name]})",
                            lambda name=name: layer_geojson(view, name),
                            file_name=f"{name}.geojson", mime="application/geo+json",
                            key=f"dl-{name}", on_click="ignore", icon=":material/download:")
    row.download_button("layers.gpkg (all four)", lambda: gpkg_bytes(view),
                        file_name="layers.gpkg", mime="application/geopackage+sqlite3",
                        key="dl-gpkg", on_click="ignore", icon=":material/download:")
    st.caption("The same export from the command line (lines starting with # say where it "
               "cannot be the same):")
    st.code(export_command(corpus, kwargs, uploads=n_uploads), language="bash")


def upload_section(folder: Path, result=None) -> None:
    stored, problem = uploads_listing(folder)
    if problem:
        st.error(md_escape(problem), icon=":material/folder_off:")
    st.write(f"Text, Markdown or HTML articles ({', '.join(ALLOWED_SUFFIXES)}), up to "
             f"{MAX_UPLOAD_MB} MB each and {MAX_FILES} at a time. They are kept in "
             f"{md_escape(folder)} and read with the corpus. A file that cannot be added "
             "is listed with the reason until you dismiss the list.")
    for status, message in st.session_state.pop("upload_messages", []):
        show = {"stored": st.success, "duplicate": st.info}.get(status, st.error)
        show(md_escape(message))
    refused_record()
    n = st.session_state.setdefault("upload_round", 0)
    # no type filter and a little room over the size limit: such files reach
    # store_uploads, which refuses them by name, so they land in the record of refusals
    files = st.file_uploader("Articles", accept_multiple_files=True,
                             max_upload_size=MAX_UPLOAD_MB + 1, key=f"upload-{n}")
    if files and st.button("Add to the map", key="add", type="primary"):
        articles = result.articles if result is not None else {}
        known = {a.sha256: Path(a.path).name for a in articles.values()
                 if Path(a.path).parent != folder.resolve()}
        outcomes = store_batch(((f.name, f.getvalue()) for f in files), folder=folder,
                               taken=set(articles), known=known)
        st.session_state["upload_messages"] = [(o.status, o.message) for o in outcomes
                                               if o.status != "refused"]
        st.session_state["upload_refused"] = add_refusals(
            st.session_state.get("upload_refused", []), outcomes)
        st.session_state["upload_round"] = n + 1  # a fresh, empty uploader
        st.rerun()
    if stored:
        st.write(f"Uploaded articles ({len(stored)}):")
        rows = upload_rows(result, folder) if result is not None else None
        if rows is not None:
            st.dataframe(rows, hide_index=True, key="uploads")
        remove_control([p.name for p in stored], folder)


def refused_record() -> None:
    """The files refused in this session, with why, until the analyst dismisses them."""
    record = st.session_state.get("upload_refused") or []
    if not record:
        return
    st.error(f"{len(record)} file{'s were' if len(record) > 1 else ' was'} not added:",
             icon=":material/block:")
    st.dataframe(refusals_table(record), hide_index=True, key="refused")
    if st.button("Dismiss this list", key="refused-dismiss"):
        st.session_state["upload_refused"] = []
        st.rerun()


def remove_control(names: list[str], folder: Path) -> None:
    """Remove an upload for everyone, after a confirmation (it cannot be undone)."""
    gone = st.selectbox("Remove an uploaded file", names, index=None, key="remove-choice")
    if gone and st.button("Remove…", key="remove"):
        st.session_state["remove-pending"] = gone
    pending = st.session_state.get("remove-pending")
    if pending not in names:
        st.session_state.pop("remove-pending", None)
        return
    st.warning(md_escape(f"Remove {pending} from the uploads folder? Every session loses "
                         "it and its incidents; this cannot be undone."))
    yes, no = st.columns(2, width=420)
    if yes.button("Yes, remove it", key="remove-confirm", type="primary"):
        st.session_state.pop("remove-pending", None)
        try:
            removed = remove_upload(pending, folder=folder)
        except OSError as exc:
            removed, why = False, exc.strerror or str(exc)
        else:
            why = "it is no longer there"
        st.session_state["upload_messages"] = [
            ("stored", f"{pending}: removed") if removed
            else ("refused", f"{pending}: not removed ({why})")]
        st.rerun()
    if no.button("Cancel", key="remove-cancel"):
        st.session_state.pop("remove-pending", None)
        st.rerun()


@st.fragment
def around_the_map(result, choices, view, corpus: Path, uploads: Path, kwargs: dict) -> None:
    """The tabs under the map. A fragment: switching tabs or articles reruns only this,
    not the map; only the open tab's content runs, and the open tab is in the link."""
    tabs = dict(zip(TABS, st.tabs(TABS, key="tab", bind="query-params"), strict=True))
    show = {
        "Incidents": lambda: incidents_tab(view, len(result.layers.unlocated)),
        "Timeline": lambda: timeline_tab(view),
        "Article reader": lambda: reader_tab(result, choices.articles),
        "Review": lambda: review_tab(result),
        "Files": lambda: files_tab(result),
        "Export": lambda: export_tab(view, corpus, kwargs, len(uploads_listing(uploads)[0])),
        "Add articles": lambda: upload_section(uploads, result),
    }
    for name, tab in tabs.items():
        if tab.open:
            with tab, guarded(f"{name} tab"):
                show[name]()


def sidebar(choices) -> ViewState:
    """The filter and map widgets; what they hold, as a ViewState."""
    st.header("Filters")
    span, date_from, date_to = choices.span, None, None
    if span and span[0] < span[1]:  # plausible dates only: see geo.app.dashboard_data
        lo, hi = st.session_state.get("dates") or span
        st.session_state["dates"] = (min(max(lo, span[0]), span[1]),
                                     min(max(hi, span[0]), span[1]))
        chosen = st.slider("Dates", min_value=span[0], max_value=span[1], format="YYYY-MM-DD",
                           key="dates", help="An incident known only to the month or year "
                           "shows while that period overlaps the range.")
        date_from = chosen[0] if chosen[0] > span[0] else None
        date_to = chosen[1] if chosen[1] < span[1] else None
    elif span:
        st.caption(f"All dated incidents are of {span[0].isoformat()}.")
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
                     online_tiles=bool(online), focus=st.session_state.get("focus"))


def draw_map(view, state: ViewState) -> None:
    drawn = {"incidents": view.incidents, **{name: view[name] for name in state.layers}}
    st.session_state["map_layers"] = {name: len(frame) for name, frame in drawn.items()}
    focus = state.focus
    fmap = build_map(drawn, online_tiles=state.online_tiles, show_places="places" in drawn,
                     show_articles="articles" in drawn,
                     center=focus[:2] if focus else None, zoom=focus[2] if focus else None)
    # render=False: st_folium renders the map once instead of twice (same output)
    st_folium(fmap, key="map", returned_objects=[], height=MAP_HEIGHT,
              use_container_width=True, render=False)
    if focus:
        st.button("Show the whole area", on_click=set_focus, args=(None,), key="unfocus")


# --- load -----------------------------------------------------------------------------
st.set_page_config(page_title="NE Syria incidents", page_icon="🗺️", layout="wide")
corpus, uploads = corpus_dir(), default_upload_dir()
folders = (str(corpus), str(uploads))
stamp = folder_fingerprint(folders)
try:
    result, choices = load(folders, stamp)
except Exception as exc:  # noqa: BLE001 - shown to the analyst, who can fix the folder
    st.error(md_escape(f"Could not read the articles in {corpus}: {exc}"))
    upload_section(uploads)
    st.stop()
layers = result.layers

# --- sidebar: seeded from the link once, then the widgets own the view ------------------
valid = Choices(span=choices.span, types=frozenset(choices.types),
                actors=frozenset(choices.actors), outlets=frozenset(choices.outlets),
                articles=frozenset(choices.articles))
if "view_seeded" not in st.session_state:
    seed_widgets(choices, valid)
for key, offered in (("types", valid.types), ("actors", valid.actors),
                     ("outlets", valid.outlets), ("articles", valid.articles)):
    # after an upload or a removal the options change: keep the values still offered
    st.session_state[key] = [v for v in st.session_state.get(key) or [] if v in offered]

state = ViewState(focus=st.session_state.get("focus"))  # if the sidebar fails
with st.sidebar, guarded("filters"):
    state = sidebar(choices)
mirror_to_link(state)

# --- filter: the function the CLI export uses ------------------------------------------
kwargs = state.filter_kwargs(choices.outlets)
view = layers
with guarded("filter"):
    view = filtered(stamp, layers, **kwargs)

# --- map ------------------------------------------------------------------------------
st.title("Incidents in north-east Syria")
n_uploads = len(uploads_listing(uploads)[0])
st.caption(md_escape(
    f"{len(view.incidents)} of {len(layers.incidents)} incidents on the map · "
    f"{len(result.articles)} articles from {corpus.name}"
    + (f" and {n_uploads} uploaded file{'s' * (n_uploads > 1)}" if n_uploads else "")))
with guarded("map"):
    draw_map(view, state)

# --- around the map -------------------------------------------------------------------
around_the_map(result, choices, view, corpus, uploads, kwargs)
