"""Streamlit dashboard: incidents, bases and patrol routes from Arabic news on an offline map.

    streamlit run dashboard.py                      # the seeds + the bundled gazetteer
    streamlit run dashboard.py -- --corpus DIR      # any folder of articles

Widgets and layout only: the pipeline, filters, map and exports live in ``geo/``.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
import tempfile
from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

from geo.dashboard_data import (
    folder_fingerprint,
    geojson_downloads,
    gpkg_bytes,
    highlighted_html,
    incidents_table,
    review_rows,
    run_folders,
    timeline,
)
from geo.layers import empty_layer, filter_layers
from geo.mapview import build_map
from geo.uploads import MAX_FILES, MAX_UPLOAD_BYTES, default_upload_dir, store_upload
from geo.viewstate import LAYER_TOGGLES, ViewState, params_from_state, state_from_params

ROOT = Path(__file__).resolve().parent


def _corpus_arg() -> Path:
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--corpus", default=str(ROOT / "seeds"))
    args, _ = parser.parse_known_args(sys.argv[1:])
    return Path(args.corpus).expanduser().resolve()


@st.cache_resource(show_spinner="Reading the articles…")
def load(folders: tuple[str, ...], fingerprint: str):
    """The pipeline result, cached by the folders' content stamp."""
    return run_folders([Path(f) for f in folders])


# --- load -----------------------------------------------------------------------------
st.set_page_config(page_title="NE Syria incidents", layout="wide")
corpus, uploads = _corpus_arg(), default_upload_dir()
folders = (str(corpus), str(uploads))
try:
    result = load(folders, folder_fingerprint(Path(f) for f in folders))
except Exception as exc:  # noqa: BLE001 - shown to the user, who can fix the folder
    st.error(f"Could not read the corpus {corpus}: {exc}")
    st.stop()
layers = result.layers
inc = layers.incidents

# --- sidebar: filters (mirrored into the URL) ------------------------------------------
dates = [d for d in list(inc["date_first"]) + list(inc["date_last"]) if d]
span = (dt.date.fromisoformat(min(dates)), dt.date.fromisoformat(max(dates))) if dates else None
all_types = sorted(set(inc["type"]))
all_actors = sorted({a for actors in inc["actors"] for a in actors})
all_articles = sorted(result.articles)
state = state_from_params(st.query_params.to_dict(), span=span, types=set(all_types),
                          actors=set(all_actors), articles=set(all_articles))

with st.sidebar:
    st.header("Filters")
    if span:
        chosen = st.slider("Dates", min_value=span[0], max_value=span[1],
                           value=(state.date_from or span[0], state.date_to or span[1]),
                           format="YYYY-MM-DD", key="dates")
        date_from = chosen[0] if chosen[0] > span[0] else None
        date_to = chosen[1] if chosen[1] < span[1] else None
    else:
        date_from = date_to = None
    types = st.multiselect("Incident types", all_types, default=list(state.types), key="types")
    actors = st.multiselect("Actors", all_actors, default=list(state.actors), key="actors")
    titles = {a: f"{result.articles[a].title[:60]} ({a[:3]})" for a in all_articles}
    articles = st.multiselect("Articles", all_articles, default=list(state.articles),
                              format_func=titles.get, key="articles")
    conf = st.slider("Minimum confidence", 0.0, 1.0, state.min_confidence, 0.05, key="conf")
    shown = st.multiselect("Layers", list(LAYER_TOGGLES), default=list(state.layers),
                           key="layers")
    online = st.toggle("Online map tiles (needs internet)", value=state.online_tiles,
                       key="tiles")

state = ViewState(date_from=date_from, date_to=date_to, types=tuple(types), actors=tuple(actors),
                  articles=tuple(articles), min_confidence=conf, layers=tuple(shown),
                  online_tiles=online)
st.query_params.from_dict(params_from_state(state))

view = filter_layers(layers, **state.filter_kwargs())
drawn = dataclasses.replace(view, **{name: empty_layer(name) for name in ("bases", "routes")
                                     if name not in state.layers})

# --- map ------------------------------------------------------------------------------
st.title("Incidents in north-east Syria")
st.caption(f"{len(view.incidents)} of {len(inc)} incidents · {len(result.articles)} articles "
           f"from {corpus.name}" + (" + uploads" if any(uploads.glob('*')) else ""))
focus = st.session_state.get("focus")
fmap = build_map(drawn, online_tiles=online, show_places="places" in state.layers,
                 show_articles="articles" in state.layers,
                 center=focus[:2] if focus else None, zoom=focus[2] if focus else None)
st_folium(fmap, key="map", returned_objects=[], height=620, use_container_width=True)

# --- around the map --------------------------------------------------------------------
tab_table, tab_time, tab_reader, tab_review, tab_files, tab_export, tab_upload = st.tabs(
    ["Incidents", "Timeline", "Article reader", "Review", "Files", "Export", "Add articles"])

with tab_table:
    st.dataframe(incidents_table(view), width="stretch", hide_index=True)

with tab_time:
    per_month = timeline(view)
    if per_month.empty:
        st.info("No dated incidents in view.")
    else:
        st.bar_chart(per_month)

with tab_reader:
    if all_articles:
        chosen_id = st.selectbox("Article", all_articles, format_func=titles.get, key="reader")
        article = result.articles[chosen_id]
        st.subheader(article.title)
        st.caption(f"{article.outlet or 'outlet unknown'} · {article.published or 'date unknown'}"
                   f" · {article.published_reason}")
        mentions = result.results[chosen_id].mentions
        st.markdown(highlighted_html(article.body, mentions), unsafe_allow_html=True)
        located = [m for m in mentions if m.place is not None and m.role == "location"
                   and m.place.in_area]
        for i, m in enumerate(located):
            if st.button(f"Show on map: {m.text} → {m.place.name_en}", key=f"focus-{i}"):
                st.session_state["focus"] = (m.place.lat, m.place.lon, 10)
                st.rerun()

with tab_review:
    st.dataframe(review_rows(result.report), width="stretch", hide_index=True)

with tab_files:
    st.dataframe(result.report.get("files", []), width="stretch")

with tab_export:
    st.write("Exactly what is in view, as RFC 7946 GeoJSON (the same bytes as "
             "`python -m geo build` with the same filter).")
    for name, data in geojson_downloads(view).items():
        st.download_button(f"{name}.geojson", data, file_name=f"{name}.geojson",
                           mime="application/geo+json", key=f"dl-{name}")
    if st.button("Prepare GeoPackage of all layers", key="gpkg"):
        with tempfile.TemporaryDirectory() as tmp:
            st.download_button("layers.gpkg", gpkg_bytes(view, Path(tmp)),
                               file_name="layers.gpkg", key="dl-gpkg")

with tab_upload:
    st.write(f"Text or HTML articles, up to {MAX_UPLOAD_BYTES // 1_000_000} MB each and "
             f"{MAX_FILES} at a time; stored in {uploads}.")
    files = st.file_uploader("Articles", type=["txt", "html", "htm", "md"],
                             accept_multiple_files=True, key="upload")
    if files and st.button("Add to the map", key="add"):
        for f in files[:MAX_FILES]:
            outcome = store_upload(f.name, f.getvalue(), folder=uploads)
            (st.success if outcome.status == "stored" else st.warning)(outcome.message)
        if len(files) > MAX_FILES:
            st.warning(f"Only the first {MAX_FILES} files were taken.")
        load.clear()
        st.rerun()
