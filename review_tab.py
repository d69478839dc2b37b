"""The dashboard's Review tab (Streamlit widgets): the queue, one item at a time.

Widgets only, like ``dashboard.py``; what to show and how a decision is taken is
:mod:`geo.app.review_view` (``geo/`` never imports Streamlit). An item shows its
evidence and the decisions one click away; a stored decision reruns the whole app
(the run's cache key holds the store's stamp, so the map shows it at once) and the
next item takes the decided one's place. A refusal is a message above the item; the
form keeps what was typed.

The tab is a fragment (dashboard.around_the_map): its widgets rerun it on the run it
was given. Each of its runs ends by asking the store whether another session stored
decisions since (:func:`geo.app.review_view.store_news`); if so it reruns the whole app
once, so the analyst's next click shows them, with a note saying so.
"""

from __future__ import annotations

import hashlib
from typing import Any

import streamlit as st

from geo.app.dashboard_data import md_escape, type_label
from geo.app.review_view import (
    GOVERNORATE_CHOICES,
    INCIDENT_TYPE_CHOICES,
    PLACE_KINDS,
    PRECISIONS,
    Outcome,
    add_missing_place,
    article_html,
    clicked_point,
    edit_changes,
    find_places,
    incident_html,
    incident_row,
    item_label,
    mention_html,
    place_label,
    replace_candidates,
    store_news,
    take,
    take_all,
)
from geo.review import review_queue

MODES = ("Queue", "Any incident", "Articles")


def _k(prefix: str, target: str) -> str:
    """A widget key per item (targets hold Arabic and brackets)."""
    return f"rv-{prefix}-{hashlib.sha1(target.encode()).hexdigest()[:10]}"


def _done(outcome: Outcome) -> None:
    """A stored decision reruns the whole app (the run and the map must show it), with its
    message kept for the next run; a refusal is said right here, the form keeping its values."""
    if not outcome.ok:
        st.session_state["rv-refused"] = True  # no rerun this time: it would hide the message
        st.error(md_escape(outcome.message), icon=":material/block:")
        return
    st.session_state["review-msg"] = (outcome.ok, outcome.message)
    st.rerun()


def _who() -> str:
    return st.session_state.get("review-who") or ""


def review_tab(result: Any, *, include_rejected: bool) -> None:
    """The tab: messages, the include-rejected switch, then the queue or a chosen item;
    last, the check for decisions stored elsewhere."""
    if st.session_state.pop("rv-rerun-app", False):
        st.rerun()  # the switch changed which run the whole page shows
    st.session_state["rv-refused"] = False
    message = st.session_state.pop("review-msg", None)
    if message:
        (st.success if message[0] else st.error)(md_escape(message[1]))
    news = st.session_state.pop("rv-news", None)
    if news:
        st.info(md_escape(news), icon=":material/group:")
    if result.review is None:
        st.info("This run has no review step.")
        return
    notice = st.container()  # filled last: the store is asked after this run's clicks
    review_body(result, include_rejected=include_rejected)
    follow_the_store(result, notice)


def follow_the_store(result: Any, notice: Any) -> None:
    """Decisions stored elsewhere since this run was read: rerun the whole app once so the
    queue, the lists and the map show them; if the run still lags (another session's
    upload is being read), say so with a button instead of rerunning again."""
    news = store_news(result)
    if not news.changed:
        st.session_state.pop("rv-synced", None)
        return
    if st.session_state.get("rv-refused") or st.session_state.get("rv-synced") == news.stored:
        cols = notice.columns((4, 1), vertical_alignment="center")
        cols[0].info(md_escape(news.message), icon=":material/group:")
        if cols[1].button("Show them", key="rv-show-news", icon=":material/refresh:"):
            st.session_state["rv-synced"] = None
            st.rerun()
        return
    st.session_state["rv-synced"] = news.stored
    st.session_state["rv-news"] = news.message + " The page shows them now."
    st.rerun()


def review_body(result: Any, *, include_rejected: bool) -> None:
    """The include-rejected switch, the analyst's name, then the queue or a chosen item."""
    top = st.columns(2)
    top[0].toggle("Show rejected incidents", value=include_rejected, key="rv-rejected-w",
                  on_change=_rejected_changed,
                  help="Rejected incidents leave the map; this keeps them (review = rejected).")
    top[1].text_input("Your name (optional)", key="review-who-w", on_change=_who_changed,
                      value=_who())
    mode = st.segmented_control("Review", MODES, default="Queue", key="rv-mode") or "Queue"
    if mode == "Queue":
        queue_panel(result)
    elif mode == "Any incident":
        ids = result.layers.incidents["id"].tolist()
        opened = st.session_state.get("open_incident")
        chosen = st.selectbox("Incident", ids, key="rv-any",
                              index=ids.index(opened) if opened in ids else 0,
                              format_func=lambda i: _incident_label(result, i))
        if chosen:
            incident_panel(result, chosen)
    else:
        order = sorted(result.articles)
        aid = st.selectbox("Article", order, key="rv-article",
                           format_func=lambda a: f"{a} · {result.articles[a].title or ''}")
        if aid:
            article_panel(result, aid)


def _rejected_changed() -> None:
    st.session_state["include_rejected"] = bool(st.session_state.get("rv-rejected-w"))
    st.session_state["rv-rerun-app"] = True


def _who_changed() -> None:
    st.session_state["review-who"] = st.session_state.get("review-who-w") or ""


def _incident_label(result: Any, incident_id: str) -> str:
    row = incident_row(result, incident_id) or {}
    return (f"{type_label(row.get('type'))} · {row.get('date') or 'undated'} · "
            f"{row.get('place_name_en') or row.get('place_name_ar') or '-'} · "
            f"{row.get('review', 'machine')} · {incident_id}")


# --- the queue -------------------------------------------------------------------------


def queue_panel(result: Any) -> None:
    items = review_queue(result)
    if not items:
        st.success("Nothing left in the queue: every unsure place and incident is decided.")
        return
    # the item shown stays shown while others' decisions take items out before it
    targets = [i.target for i in items]
    shown = st.session_state.get("rv-target")
    pos = (targets.index(shown) if shown in targets
           else min(st.session_state.get("rv-pos", 0), len(items) - 1))
    st.session_state["rv-pos"] = pos
    st.session_state["rv-target"] = targets[pos]
    nav = st.columns((2, 2, 5), vertical_alignment="bottom")
    nav[0].button("Previous", key="rv-prev", disabled=pos == 0, on_click=_go, args=(pos - 1,))
    nav[1].button("Next", key="rv-next", disabled=pos >= len(items) - 1, on_click=_go,
                  args=(pos + 1,))
    st.session_state["rv-jump"] = pos
    nav[2].selectbox("Item", range(len(items)), key="rv-jump", on_change=_jump,
                     format_func=lambda n: item_label(items[n], n + 1, len(items)))
    item = items[pos]
    st.caption(md_escape(f"Why it is here: {'; '.join(item.reasons)}"))
    if item.kind == "incident":
        incident_panel(result, item.target)
    else:
        mention_panel(result, item)


def _go(pos: int) -> None:
    st.session_state["rv-pos"] = pos
    st.session_state["rv-target"] = None


def _jump() -> None:
    st.session_state["rv-pos"] = int(st.session_state.get("rv-jump") or 0)
    st.session_state["rv-target"] = None


# --- a mention ------------------------------------------------------------------------


def mention_panel(result: Any, item: Any) -> None:
    st.html(mention_html(item, result.articles))
    if item.candidates:
        st.write("Pick the place it is:")
        row = st.container(horizontal=True)
        for n, c in enumerate(item.candidates):
            if row.button(md_escape(place_label(c)), key=_k(f"pick{n}", item.target)):
                _done(take(result, "pick", item.target, {"place_id": c["id"]}, who=_who()))
    if st.button("Not a place", key=_k("notplace", item.target), icon=":material/block:"):
        _done(take(result, "not-place", item.target, who=_who()))
    with st.expander("Find a gazetteer place by name"):
        _place_search(result, item.target, kind="pick")
    with st.expander("Add the missing place", expanded=not item.candidates):
        add_place_form(result, item)


def _place_search(result: Any, target: str, *, kind: str) -> None:
    query = st.text_input("Place name (Arabic, English or Kurdish)", key=_k(f"q{kind}", target))
    places, why = find_places(query, result.review.gazetteer)
    if why:
        st.warning(md_escape(why))
    for n, p in enumerate(places):
        if st.button(md_escape(place_label(p)), key=_k(f"found{kind}{n}", target)):
            _done(take(result, kind, target, {"place_id": p["id"]}, who=_who()))


def _use_click(lat_key: str, lon_key: str) -> None:
    point = clicked_point(st.session_state.get("map_clicked"))
    if point is not None:
        st.session_state[lat_key], st.session_state[lon_key] = point


def _point_inputs(target: str, prefix: str) -> tuple[str, str]:
    """Keys of the lat/lon inputs, with a button that fills them from the map's last click."""
    lat_key, lon_key = _k(f"{prefix}lat", target), _k(f"{prefix}lon", target)
    point = clicked_point(st.session_state.get("map_clicked"))
    if point is not None:
        st.button(f"Use the point clicked on the map ({point[0]}, {point[1]})",
                  key=_k(f"{prefix}click", target), on_click=_use_click,
                  args=(lat_key, lon_key), icon=":material/ads_click:")
    else:
        st.caption("Type the latitude and longitude, or click the map and come back here.")
    return lat_key, lon_key


def add_place_form(result: Any, item: Any) -> None:
    lat_key, lon_key = _point_inputs(item.target, "add")
    with st.form(_k("addform", item.target)):
        name = st.text_input("Arabic name", value=item.text, key=_k("addname", item.target))
        alt = st.text_area("Other spellings (one a line)", key=_k("addalt", item.target))
        name_en = st.text_input("English name (optional)", key=_k("adden", item.target))
        cols = st.columns(2)
        kind = cols[0].selectbox("Kind", PLACE_KINDS, index=PLACE_KINDS.index("village"),
                                 key=_k("addkind", item.target))
        gov = cols[1].selectbox("Governorate", GOVERNORATE_CHOICES, key=_k("addgov", item.target),
                                format_func=lambda g: g or "(none)")
        lat = cols[0].number_input("Latitude", value=None, format="%.5f", key=lat_key)
        lon = cols[1].number_input("Longitude", value=None, format="%.5f", key=lon_key)
        source = st.text_input("Source of the coordinate", key=_k("addsrc", item.target),
                               placeholder="analyst, imagery 2022-10")
        if st.form_submit_button("Add the place and place this mention there", type="primary"):
            _done(add_missing_place(result, name_ar=name, lat=lat, lon=lon, kind=kind,
                                    governorate=gov, source=source, alt_names=alt,
                                    name_en=name_en, mention=item.target, who=_who()))


# --- an incident ----------------------------------------------------------------------


def incident_panel(result: Any, incident_id: str) -> None:
    row = incident_row(result, incident_id)
    if row is None:
        st.warning(md_escape(f"Incident {incident_id} is not in this run any more."))
        return
    st.html(incident_html(row))
    # the tab is narrow beside the map: Confirm on its own row, Reject beside its reason
    if st.button("Confirm", key=_k("confirm", incident_id), type="primary",
                 icon=":material/check:"):
        _done(take(result, "confirm", incident_id, who=_who()))
    cols = st.columns((3, 2), vertical_alignment="bottom")
    reason = cols[0].text_input("Reason for rejecting", key=_k("reason", incident_id),
                                placeholder="a false alarm: …")
    if cols[1].button("Reject", key=_k("reject", incident_id), icon=":material/close:"):
        _done(take(result, "reject", incident_id, note=reason, who=_who()))
    with st.expander("Edit type, date, actors, casualties"):
        edit_form(result, row)
    with st.expander("Re-place"):
        replace_panel(result, incident_id)
    with st.expander("Split or merge"):
        split_merge(result, row)
    sources = row.get("sources") or []
    if sources and sources[0].get("article") in result.articles:
        with st.expander("Its article: date, outlet, title, exclude"):
            article_panel(result, sources[0]["article"])


def edit_form(result: Any, row: dict) -> None:
    iid = row["id"]
    with st.form(_k("edit", iid)):
        type_ = st.selectbox("Type", INCIDENT_TYPE_CHOICES, format_func=type_label,
                             index=INCIDENT_TYPE_CHOICES.index(row["type"])
                             if row["type"] in INCIDENT_TYPE_CHOICES else 0)
        cols = st.columns(2)
        date = cols[0].text_input("Date (YYYY-MM-DD, YYYY-MM or YYYY)", value=row.get("date") or "")
        precision = cols[1].selectbox("Precision", PRECISIONS,
                                      index=PRECISIONS.index(row["date_precision"])
                                      if row.get("date_precision") in PRECISIONS else 0)
        actors = st.text_area("Actors (one a line)", value="\n".join(row.get("actors") or []))
        attackers = cols[0].text_area("Attackers", value="\n".join(row.get("attackers") or []))
        targets = cols[1].text_area("Targets", value="\n".join(row.get("targets") or []))
        fat = cols[0].number_input("Fatalities", min_value=0, step=1, value=_int(row.get("fatalities")))
        inj = cols[1].number_input("Injuries", min_value=0, step=1, value=_int(row.get("injuries")))
        note = st.text_input("Note (optional)")
        if st.form_submit_button("Store the changes", type="primary"):
            changes = edit_changes(row, type_=type_, date=date, precision=precision, actors=actors,
                                   attackers=attackers, targets=targets, fatalities=fat,
                                   injuries=inj)
            _done(take_all(result, iid, changes, note=note, who=_who()))


def _int(value: Any) -> int | None:
    try:
        return None if value is None or value != value else int(value)
    except (TypeError, ValueError):
        return None


def replace_panel(result: Any, incident_id: str) -> None:
    candidates = replace_candidates(result, incident_id)
    if candidates:
        st.write("On one of the mention's candidates:")
        row = st.container(horizontal=True)
        for n, c in enumerate(candidates):
            if row.button(md_escape(place_label(c)), key=_k(f"rcand{n}", incident_id)):
                _done(take(result, "replace", incident_id, {"place_id": c["id"]}, who=_who()))
    st.write("On a gazetteer place:")
    _place_search(result, incident_id, kind="replace")
    st.write("On a point:")
    lat_key, lon_key = _point_inputs(incident_id, "r")
    with st.form(_k("rpoint", incident_id)):
        cols = st.columns(2)
        lat = cols[0].number_input("Latitude", value=None, format="%.5f", key=lat_key)
        lon = cols[1].number_input("Longitude", value=None, format="%.5f", key=lon_key)
        if st.form_submit_button("Re-place here", type="primary"):
            _done(Outcome(False, "Not stored: give both latitude and longitude.")
                  if lat is None or lon is None else
                  take(result, "replace", incident_id, {"lat": lat, "lon": lon}, who=_who()))


def split_merge(result: Any, row: dict) -> None:
    iid = row["id"]
    if int(row.get("n_articles") or 0) > 1 or len(row.get("sources") or []) > 1:
        if st.button("Split into its reports", key=_k("split", iid)):
            _done(take(result, "split", iid, who=_who()))
    others = [i for i in result.layers.incidents["id"].tolist() if i != iid]
    other = st.selectbox("Merge with", others, index=None, key=_k("mergewith", iid),
                         format_func=lambda i: _incident_label(result, i))
    if other and st.button("Merge", key=_k("merge", iid)):
        _done(take(result, "merge", iid, other, who=_who()))


# --- an article -----------------------------------------------------------------------


def article_panel(result: Any, aid: str) -> None:
    article = result.articles[aid]
    st.html(article_html(article))
    published = getattr(article, "published", None)
    with st.form(_k("article", aid)):
        date = st.text_input("Publication date (ISO 8601: 2022-10-08 or 2022-10-08T17:41:00+03:00)",
                             value=published.isoformat() if hasattr(published, "isoformat")
                             else str(published or ""))
        outlet = st.text_input("Outlet", value=getattr(article, "outlet", "") or "")
        title = st.text_input("Title", value=getattr(article, "title", "") or "")
        if st.form_submit_button("Store the changes", type="primary"):
            changes = [(k, v) for k, v, old in (
                ("set-published", date.strip(), _iso(published)),
                ("set-outlet", outlet, getattr(article, "outlet", "") or ""),
                ("set-title", title, getattr(article, "title", "") or "")) if v != old]
            _done(take_all(result, aid, changes, who=_who()))
    reason = st.text_input("Reason for leaving the article out", key=_k("exreason", aid))
    if st.button("Exclude this article", key=_k("exclude", aid), icon=":material/block:"):
        _done(take(result, "exclude", aid, note=reason, who=_who()))


def _iso(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value or "")
