"""The dashboard's Add articles tab (Streamlit widgets): upload, the refusals, removal.

Widgets only, like ``dashboard.py``; storing and checking the files is
:mod:`geo.read.uploads` and :mod:`geo.app.upload_record`. An upload goes to the shared
data folder, so every session sees it; removing one asks for a confirmation first.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from geo.app.dashboard_data import md_escape, upload_rows
from geo.app.upload_record import add_refusals, refusals_table, store_batch, uploads_listing
from geo.read.uploads import ALLOWED_SUFFIXES, MAX_FILES, MAX_UPLOAD_MB, remove_upload


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
        st.session_state["await_run"] = True  # issue 10: this session sees its upload
        st.rerun()
    if stored:
        st.write(f"Uploaded articles ({len(stored)}):")
        rows = upload_rows(result, folder) if result is not None else None
        if rows is not None:
            st.dataframe(rows, hide_index=True, key="uploads", placeholder="")
        remove_control([p.name for p in stored], folder)


def refused_record() -> None:
    """The files refused in this session, with why, until the analyst dismisses them."""
    record = st.session_state.get("upload_refused") or []
    if not record:
        return
    st.error(f"{len(record)} file{'s were' if len(record) > 1 else ' was'} not added:",
             icon=":material/block:")
    st.dataframe(refusals_table(record), hide_index=True, key="refused", placeholder="")
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
        st.session_state["await_run"] = True  # issue 10: this session sees the removal
        st.session_state["upload_messages"] = [
            ("stored", f"{pending}: removed") if removed
            else ("refused", f"{pending}: not removed ({why})")]
        st.rerun()
    if no.button("Cancel", key="remove-cancel"):
        st.session_state.pop("remove-pending", None)
        st.rerun()
