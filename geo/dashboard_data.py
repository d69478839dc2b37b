"""Data shaped for the dashboard's tables, charts and reader (no Streamlit here)."""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from .corpus import iter_corpus
from .export import to_geojson_bytes, write_gpkg
from .layers import Layers
from .pipeline import PipelineResult, run_pipeline

LAYER_NAMES = ("incidents", "bases", "routes", "places")


def run_folders(folders: Iterable[Path], *, use_cache: bool = True) -> PipelineResult:
    """One pipeline run over several folders (the corpus and the uploads), merged together."""
    folders = [Path(f) for f in folders if Path(f).is_dir()]
    if not folders:
        raise FileNotFoundError("no corpus folder exists")

    def reader(_: Path) -> Iterator[Any]:
        return itertools.chain.from_iterable(iter_corpus(f) for f in folders)

    return run_pipeline(folders[0], reader=reader if len(folders) > 1 else None,
                        use_cache=use_cache)


def folder_fingerprint(folders: Iterable[Path]) -> str:
    """Cheap content stamp of folders (names, sizes, mtimes) for the app's cache key."""
    parts = []
    for folder in folders:
        folder = Path(folder)
        if folder.is_dir():
            for p in sorted(folder.iterdir()):
                if p.is_file():
                    st = p.stat()
                    parts.append(f"{p}|{st.st_size}|{st.st_mtime_ns}")
    return "\n".join(parts)


def incidents_table(layers: Layers) -> pd.DataFrame:
    """The incidents in view as a plain table (lists joined, no geometry)."""
    inc = layers.incidents
    if inc.empty:
        return pd.DataFrame(columns=["date", "type", "place", "geo_precision", "actors",
                                     "fatalities", "injuries", "confidence", "sources"])
    return pd.DataFrame({
        "date": inc["date"], "type": inc["type"],
        "place": inc["place_name_en"] + " / " + inc["place_name_ar"],
        "geo_precision": inc["geo_precision"],
        "actors": inc["actors"].map(lambda v: ", ".join(v)),
        "fatalities": inc["fatalities"], "injuries": inc["injuries"],
        "confidence": inc["confidence"].round(2),
        "sources": inc["sources"].map(lambda s: ", ".join(x.get("outlet") or x["article"] for x in s)),
    }).reset_index(drop=True)


def timeline(layers: Layers) -> pd.DataFrame:
    """Incidents per month by type (month of each incident's first day)."""
    inc = layers.incidents
    if inc.empty:
        return pd.DataFrame()
    months = pd.to_datetime(inc["date_first"], errors="coerce").dt.to_period("M").astype(str)
    frame = pd.DataFrame({"month": months, "type": inc["type"]}).dropna()
    frame = frame[frame["month"] != "NaT"]
    return frame.groupby(["month", "type"]).size().unstack(fill_value=0).sort_index()


def highlighted_html(text: str, mentions: Iterable[Any]) -> str:
    """The article text, escaped, right-to-left, with place mentions marked."""
    out, pos = [], 0
    for m in sorted(mentions, key=lambda m: m.start):
        if m.start < pos or m.end > len(text):
            continue
        out.append(html.escape(text[pos:m.start]))
        colour = "#fde68a" if m.place is not None and m.role == "location" else "#e5e7eb"
        title = html.escape(m.place.name_en if m.place else (m.cue or "unresolved"))
        out.append(f'<mark style="background:{colour}" title="{title}">'
                   f"{html.escape(text[m.start:m.end])}</mark>")
        pos = m.end
    out.append(html.escape(text[pos:]))
    body = "".join(out).replace("$", "&#36;").replace("\n", "<br>")
    return f'<div dir="rtl" style="text-align:right;line-height:1.9">{body}</div>'


def review_rows(report: dict) -> pd.DataFrame:
    """Unresolved and low-confidence mentions, for an analyst to check."""
    rows = []
    for kind in ("unresolved", "low_confidence"):
        for r in report.get(kind, []):
            place = r.get("place") or {}
            rows.append({"status": kind, "article": r.get("article"), "text": r.get("text"),
                         "place": place.get("name_en", ""), "confidence": r.get("confidence"),
                         "why": r.get("cue", "")})
    return pd.DataFrame(rows, columns=["status", "article", "text", "place", "confidence", "why"])


def geojson_downloads(layers: Layers) -> dict[str, bytes]:
    """Each layer in view as RFC 7946 GeoJSON bytes (the same bytes as ``python -m geo build``)."""
    return {name: to_geojson_bytes(getattr(layers, name)) for name in LAYER_NAMES}


def gpkg_bytes(layers: Layers, tmp_dir: Path) -> bytes:
    path = Path(tmp_dir) / "layers.gpkg"
    write_gpkg({name: getattr(layers, name) for name in LAYER_NAMES}, path)
    return path.read_bytes()
