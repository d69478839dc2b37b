"""Data shaped for the dashboard: the corpus run, its tables, chart, reader and exports.

Everything the Streamlit script shows is computed here, without Streamlit, so it is
unit-tested and the script stays a list of widgets. Article text is untrusted:
every HTML fragment made here is escaped, and text meant for Streamlit's Markdown
goes through :func:`md_escape`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..export import spreadsheet_safe, to_geojson_bytes, write_gpkg
from ..layers import EXPORT_LAYERS, LAYER_NAMES, Layers
from ..model import plausible_span
from ..pipeline import PipelineResult
from ..pipeline import run_folders as pipeline_run_folders
from ..read.uploads import list_uploads
from .symbols import INCIDENT_STYLES

__all__ = ["DOWNLOAD_LAYERS", "WORD_JOINER", "DataChoices", "article_header_html",
           "article_label", "bidi", "data_choices", "data_span", "files_table", "focus_for",
           "folder_fingerprint", "gpkg_bytes",
           "highlighted_html", "incidents_table", "label_colours", "layer_geojson",
           "md_escape", "mention_targets", "review_table", "run_folders", "safe_cells",
           "timeline", "timeline_outside", "type_label", "unlocated_table", "upload_rows", "view_counts"]

#: Layers offered as GeoJSON downloads (the files ``python -m geo build`` writes).
DOWNLOAD_LAYERS: tuple[str, ...] = LAYER_NAMES
METADATA_FILE = "articles.csv"


def type_label(kind: Any) -> str:
    """'patrol_obstruction' -> 'Patrol obstructed' (the map legend's words)."""
    style = INCIDENT_STYLES.get(str(kind))
    return style[0] if style else str(kind or "").replace("_", " ").capitalize()


def label_colours(labels: Iterable[str]) -> list[str]:
    """The map's colour for each type label (grey for labels it does not know)."""
    by_label = {label: colour for label, colour, _ in INCIDENT_STYLES.values()}
    return [by_label.get(label, INCIDENT_STYLES["other"][1]) for label in labels]


# --- the corpus -----------------------------------------------------------------------


def folder_fingerprint(folders: Iterable[str | Path]) -> str:
    """A content stamp of article folders: every file's name, size and mtime, and the
    SHA-256 of ``articles.csv`` (its edits need not change its size or mtime).

    Cheap (a directory listing, no article is read), so the app can check it on
    every rerun and re-run the pipeline only when a folder changed.
    """
    h = hashlib.sha256()
    for folder in folders:
        folder = Path(folder)
        h.update(f"folder {folder}\n".encode())
        try:
            # os.scandir: on every rerun, so no Path object per file (5,000 files: 40 ms,
            # not 120); the same stamp as sorted(folder.iterdir()) would give
            with os.scandir(folder) if folder.is_dir() else nullcontext(()) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:  # unreadable: its state is the error, shown by the page
            h.update(f"unreadable {exc.errno}\n".encode())
            continue
        for entry in entries:
            try:
                if not entry.is_file():
                    continue
                info = entry.stat()
            except OSError:
                continue
            h.update(f"{entry.name}|{info.st_size}|{info.st_mtime_ns}\n".encode())
            if entry.name == METADATA_FILE:
                try:
                    h.update(hashlib.sha256(Path(entry.path).read_bytes()).digest())
                except OSError as exc:
                    h.update(f"unreadable {exc.errno}\n".encode())
    return h.hexdigest()


def run_folders(folders: Iterable[str | Path], *, gazetteer: Any = None,
                cache_dir: str | Path | None = None, use_cache: bool = True,
                progress: Callable[[int, str], None] | None = None,
                review: Any = None, include_rejected: bool = False) -> PipelineResult:
    """ONE pipeline run over several folders (the corpus, then the uploads):
    :func:`geo.pipeline.run_folders`, the run ``python -m geo build --uploads`` makes.

    Folders after the first that do not exist or cannot be listed are left out (the
    uploads folder until the first upload; an unreadable uploads folder costs only the
    uploads, and the page says so, see :func:`geo.app.upload_record.uploads_listing`).

    Raises
    ------
    geo.pipeline.CorpusNotFoundError
        If the first folder (the corpus) does not exist.
    geo.pipeline.NoArticlesError
        If no folder holds a readable article.
    """
    return pipeline_run_folders(folders, gazetteer=gazetteer, cache_dir=cache_dir,
                                use_cache=use_cache, progress=progress,
                                review=review, include_rejected=include_rejected)  # issue 12


# --- what the filters offer -----------------------------------------------------------


@dataclass(frozen=True)
class DataChoices:
    """The values the sidebar offers, computed once per corpus."""

    span: tuple[dt.date, dt.date] | None
    types: tuple[str, ...]
    actors: tuple[str, ...]
    outlets: dict[str, tuple[str, ...]]  # outlet -> its article ids
    articles: dict[str, str]  # article id -> label
    implausible: int = 0  # articles whose publication date is outside 1900..tomorrow


def _day(text: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text)[:10]) if text else None
    except ValueError:
        return None


def data_span(layers: Layers, report: Mapping | None = None, *,
              today: dt.date | None = None) -> tuple[dt.date, dt.date] | None:
    """First and last plausible day of the incidents (their whole periods), or None.

    The run report's ``dates.incidents`` when it has one, else the same rule here:
    only incidents overlapping 1900-01-01 .. tomorrow count, and the span is held
    within it. Why: an article may carry any date from year 1 to 9999 (a typo, a
    hostile upload), and a date slider cannot reach past 1684..2255 in the browser;
    such an article is a warning in the report, never a bound of the slider.
    """
    dates = (report or {}).get("dates") if isinstance(report, Mapping) else None
    if isinstance(dates, Mapping) and "incidents" in dates:
        known = dates.get("incidents") or {}
        first, last = _day(known.get("first")), _day(known.get("last"))
        return (first, last) if first and last and first <= last else None
    lo, hi = plausible_span(today)
    inc = layers.incidents
    days = [(f, t) for f, t in zip(map(_day, inc["date_first"]), map(_day, inc["date_last"]),
                                   strict=True) if f and t and f <= hi and t >= lo]
    if not days:
        return None
    return max(min(f for f, _ in days), lo), min(max(t for _, t in days), hi)


def bidi(text: Any) -> str:
    """``text`` in Unicode isolates (FSI ... PDI), so Arabic inside an English line (or
    a date beside Arabic) keeps its own direction in plain-text labels.

    >>> bidi("Qamishli") == "\\u2068Qamishli\\u2069"
    True
    """
    return f"\u2068{text}\u2069"


def article_label(article: Any, *, width: int = 70) -> str:
    """'title — outlet, date' for a pick list (plain text, never Markdown)."""
    title = " ".join(str(getattr(article, "title", "") or "").split()) or str(article.id)
    if len(title) > width:
        title = title[: width - 1] + "…"
    outlet = getattr(article, "outlet", "") or "outlet unknown"
    day = getattr(article, "published", None)
    return f"{bidi(title)} — {bidi(outlet)}, {day.isoformat() if day else 'undated'}"


def data_choices(result: PipelineResult) -> DataChoices:
    """Types, actors, outlets, articles and the date span of a run."""
    inc = result.layers.incidents
    actors = {a for col in ("actors", "attackers", "targets") for values in inc[col]
              for a in (values or ())}
    outlets: dict[str, list[str]] = {}
    for aid in sorted(result.articles):
        outlet = getattr(result.articles[aid], "outlet", "") or ""
        if outlet:
            outlets.setdefault(outlet, []).append(aid)
    return DataChoices(
        span=data_span(result.layers, result.report),
        types=tuple(sorted({str(t) for t in inc["type"]})),
        actors=tuple(sorted(str(a) for a in actors)),
        outlets={o: tuple(ids) for o, ids in sorted(outlets.items())},
        articles={aid: article_label(result.articles[aid]) for aid in sorted(result.articles)},
        implausible=len((result.report.get("dates") or {}).get("implausible") or ()),
    )


def view_counts(layers: Layers) -> dict[str, int]:
    """Rows per layer."""
    return {name: len(layers[name]) for name in LAYER_NAMES}


def safe_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell as :func:`geo.export.spreadsheet_safe` makes it.

    The tables' own "Download as CSV" (and copying cells into a spreadsheet) take the
    values shown, so the values shown follow the CSV rule: a cell starting with ``=``,
    ``+``, ``-``, ``@``, tab or CR gets a leading ``'``. Chosen over hiding the toolbar
    because it also covers copy and paste, and it changes only such cells (rare in
    news text), so the tables stay readable.
    """
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(spreadsheet_safe)
    return out


# --- tables and chart -----------------------------------------------------------------


def _joined(values: Any) -> str:
    return ", ".join(str(v) for v in (values or ()))


def _sources_text(sources: Any) -> str:
    outlets = [s.get("outlet") or s.get("article") or "" for s in (sources or ())
               if isinstance(s, Mapping)]
    return ", ".join(dict.fromkeys(o for o in outlets if o))


def _evidence(sources: Any, limit: int = 160) -> str:
    for s in sources or ():
        if isinstance(s, Mapping) and s.get("evidence"):
            text = " ".join(str(s["evidence"]).split())
            return text if len(text) <= limit else text[: limit - 1] + "…"
    return ""


INCIDENT_COLUMNS = ("date", "date_precision", "date_from", "type", "place", "place_ar", "geo_precision",
                    "actors", "fatalities", "injuries", "articles", "outlets", "published",
                    "confidence", "sources", "evidence", "id")


def _dates(values: Any) -> pd.Series:
    """ISO days, months or years -> datetimes (the first day of the period), NaT when
    unknown: a column that sorts as dates and shows blank, never "None"."""
    text = pd.Series(list(values), dtype="object").map(
        lambda v: v if isinstance(v, str) and v.strip() else None)
    return pd.to_datetime(text, errors="coerce", format="mixed")


def _counts(inc: pd.DataFrame, column: str, fallback: Callable[[Any], int]) -> pd.arrays.IntegerArray:
    """``n_articles``/``n_outlets`` where the layer has them, else counted from sources."""
    if column in inc:
        values = pd.to_numeric(inc[column], errors="coerce").tolist()
    else:
        values = [fallback(s) for s in inc["sources"]]
    return pd.array([None if v is None or v != v else int(v) for v in values], dtype="Int64")


def _first_published(sources: Any) -> str | None:
    """The earliest publication day among an incident's sources (ISO), or None."""
    days = [str(s.get("published"))[:10] for s in sources or ()
            if isinstance(s, Mapping) and s.get("published")]
    return min(days) if days else None


def _n_articles(sources: Any) -> int:
    return len({s.get("article") for s in sources or () if isinstance(s, Mapping)} - {None})


def _n_outlets(sources: Any) -> int:
    return len({s.get("outlet") for s in sources or () if isinstance(s, Mapping)} - {None, ""})


def _text(values: Any) -> list[str]:
    return ["" if v is None or (isinstance(v, float) and v != v) else str(v) for v in values]


def _precisions(inc: pd.DataFrame) -> list[str]:
    """Each row's precision as the table shows it: a span of days at day precision ('في
    الأسبوع الجاري': 2019-10-12 to 2019-10-17) says so, or its first day would read as the
    day of the event."""
    precisions = _text(inc["date_precision"].tolist())
    if "date_last" not in inc:
        return precisions
    firsts, lasts = _text(inc["date_first"].tolist()), _text(inc["date_last"].tolist())
    return [f"days to {last}" if p == "day" and first and last and last[:10] != first[:10] else p
            for p, first, last in zip(precisions, firsts, lasts, strict=True)]


def incidents_table(layers: Layers) -> pd.DataFrame:
    """The incidents in view as a plain table: one row each, lists joined, no geometry.

    ``date`` is a real date (the first day of the incident's period, blank when
    unknown) so the column sorts as dates; ``date_precision`` says whether it is a
    day, a month or a year, and ``date_from`` whether the text gives it ('text'), it is the
    article's publication day ('publication') or an analyst set it ('review'). ``articles``
    and ``outlets`` count distinct reports; ``published`` is the day the first of them was
    published (a date too).
    """
    inc = layers.incidents
    if inc.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in INCIDENT_COLUMNS})
    sources = inc["sources"].tolist()
    first = inc["date_first"] if "date_first" in inc else inc["date"]
    return safe_cells(pd.DataFrame({
        "date": _dates(first.tolist()),
        "date_precision": _precisions(inc),
        # 'publication': the day the article was published, its text giving none
        "date_from": _text(inc["date_from"].tolist() if "date_from" in inc else [""] * len(inc)),
        "type": [type_label(t) for t in inc["type"]],
        "place": _text(inc["place_name_en"].tolist()),
        "place_ar": _text(inc["place_name_ar"].tolist()),
        "geo_precision": pd.array(pd.to_numeric(inc["geo_precision"], errors="coerce")
                                  .round().tolist(), dtype="Int64"),
        "actors": [_joined(a) for a in inc["actors"]],
        "fatalities": pd.array(inc["fatalities"].tolist(), dtype="Int64"),
        "injuries": pd.array(inc["injuries"].tolist(), dtype="Int64"),
        "articles": _counts(inc, "n_articles", _n_articles),
        "outlets": _counts(inc, "n_outlets", _n_outlets),
        "published": _dates([_first_published(s) for s in sources]),
        "confidence": inc["confidence"].round(2).tolist(),
        "sources": [_sources_text(s) for s in sources],
        "evidence": [_evidence(s) for s in sources],
        "id": _text(inc["id"].tolist()),
    }))


def timeline(layers: Layers, *, today: dt.date | None = None) -> tuple[pd.DataFrame, int]:
    """Incidents per month by type, and how many are known only to the year.

    Rows are every month from the first to the last in view ('YYYY-MM', months
    without incidents included), columns the incident types. An incident counts in
    the month of its first day; one dated only to a year has no month and is counted
    apart rather than piled into January. Months outside the plausible span (1900 to
    tomorrow) are left out, see :func:`timeline_outside`: one article dated 9999 would
    otherwise make a chart of 95,000 months.
    """
    inc = layers.incidents
    if inc.empty:
        return pd.DataFrame(), 0
    precise = _month_dated(inc) & _plausible(inc, today)
    year_only = int(((inc["date_precision"] == "year") & (inc["date_first"] != "")).sum())
    frame = pd.DataFrame({"month": inc.loc[precise, "date_first"].str[:7],
                          "type": [type_label(t)
                                   for t in inc.loc[precise, "type"]]})
    if frame.empty:
        return pd.DataFrame(), year_only
    counts = frame.groupby(["month", "type"]).size().unstack(fill_value=0)
    first, last = pd.Period(counts.index.min(), "M"), pd.Period(counts.index.max(), "M")
    months = [str(p) for p in pd.period_range(first, last, freq="M")]
    counts = counts.reindex(months, fill_value=0)
    counts.index.name = "month"
    counts.columns.name = None
    return counts.astype("int64"), year_only


def timeline_outside(layers: Layers, *, today: dt.date | None = None) -> int:
    """How many incidents dated to the month or day fall outside 1900..tomorrow (and so
    outside :func:`timeline`)."""
    inc = layers.incidents
    if inc.empty:
        return 0
    return int((_month_dated(inc) & ~_plausible(inc, today)).sum())


def _month_dated(inc: pd.DataFrame) -> pd.Series:
    return inc["date_precision"].isin(["day", "month"]) & (inc["date_first"] != "")


def _plausible(inc: pd.DataFrame, today: dt.date | None) -> pd.Series:
    """ISO days compare as text (years 0001..9999 have four digits)."""
    lo, hi = (d.isoformat() for d in plausible_span(today))
    first = inc["date_first"].astype(str).str[:10]
    return (first >= lo) & (first <= hi)


# --- the article reader ---------------------------------------------------------------

_MARK_STYLES = {
    "located": "background:#fde68a",
    "approximate": "background:#fdba74",
    "unresolved": "background:#fca5a5",
    "other": "background:#e5e7eb;color:#374151",
}
READER_LEGEND = (
    '<div style="font-size:0.85rem;margin-bottom:0.4rem">'
    f'<mark style="{_MARK_STYLES["located"]}">place on the map</mark> '
    f'<mark style="{_MARK_STYLES["approximate"]}">approximate or low confidence</mark> '
    f'<mark style="{_MARK_STYLES["unresolved"]}">unresolved</mark> '
    f'<mark style="{_MARK_STYLES["other"]}">not a story location (dateline, time zone, '
    "outside Syria…)</mark></div>"
)
LOW_CONFIDENCE = 0.5


def _status(m: Any) -> str:
    if getattr(m, "role", "location") != "location":
        return "other"
    if m.place is None:
        return "unresolved"
    if not getattr(m.place, "in_area", True):
        return "other"
    if getattr(m, "approximate", False) or float(m.confidence or 0) < LOW_CONFIDENCE:
        return "approximate"
    return "located"


def _mark_title(m: Any, status: str) -> str:
    if m.place is None:
        names = ", ".join(c.place.name_en for c in (m.candidates or [])[:3])
        return f"unresolved{': ' + names + '?' if names else ''} ({m.cue or 'no cue'})"
    role = "" if m.role == "location" else f" [{m.role}]"
    return f"{m.place.name_en}{role} · confidence {float(m.confidence):.2f} · {m.cue}"


def _non_overlapping(mentions: Iterable[Any], length: int) -> list[Any]:
    out, pos = [], 0
    for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if m.start < pos or m.start < 0 or m.end > length or m.end <= m.start:
            continue
        out.append(m)
        pos = m.end
    return out


def mention_targets(mentions: Iterable[Any]) -> list[tuple[int, Any]]:
    """The located place mentions a reader can jump to on the map: ``(number, mention)``
    for the first mention of each place in Syria, numbered as in
    :func:`highlighted_html`."""
    out, seen = [], set()
    for n, m in enumerate(_located(mentions), start=1):
        if m.place.id not in seen:
            seen.add(m.place.id)
            out.append((n, m))
    return out


def _located(mentions: Iterable[Any]) -> list[Any]:
    return [m for m in mentions if _status(m) in ("located", "approximate")]


def highlighted_html(text: str, mentions: Iterable[Any]) -> str:
    """The article text as escaped HTML, right to left, with its place mentions marked.

    Each mention is a ``<mark>`` coloured by what became of it (see
    :data:`READER_LEGEND`), with a tooltip (place, confidence, cue); located ones
    carry a superscript number, the one :func:`mention_targets` gives. Paragraphs
    keep their breaks. Nothing of the text is ever markup: ``<``, ``&``, quotes and
    ``$`` (Markdown math) are entities.

    >>> highlighted_html("<b>${x}</b>", []).endswith('>&lt;b&gt;&#36;{x}&lt;/b&gt;</div>')
    True
    """
    text = text or ""
    marks = _non_overlapping(mentions, len(text))
    numbers = {id(m): n for n, m in enumerate(_located(marks), start=1)}
    out, pos = [], 0
    for m in marks:
        status = _status(m)
        out.append(_escape(text[pos:m.start]))
        sup = f"<sup>{numbers[id(m)]}</sup>" if id(m) in numbers else ""
        out.append(f'<mark class="mention mention-{status}" style="{_MARK_STYLES[status]}" '
                   f'title="{_escape(_mark_title(m, status))}">{_escape(text[m.start:m.end])}'
                   f"</mark>{sup}")
        pos = m.end
    out.append(_escape(text[pos:]))
    body = re.sub(r"\n{2,}", "<br><br>", "".join(out)).replace("\n", "<br>")
    return ('<div dir="rtl" lang="ar" style="text-align:right;line-height:1.9;'
            f'white-space:normal;overflow-wrap:anywhere">{body}</div>')


AREA_KINDS = ("country", "governorate", "region", "district", "subdistrict")


def focus_for(place: Any) -> tuple[float, float, int]:
    """Where the map should look to show ``place``: (lat, lon, zoom)."""
    zoom = 8 if getattr(place, "kind", "") in AREA_KINDS else 11
    return round(float(place.lat), 5), round(float(place.lon), 5), zoom


def _http_url(url: Any) -> str:
    url = str(url or "").strip()
    if not re.match(r"https?://[^\s<>\"'`]+$", url, flags=re.IGNORECASE):
        return ""
    return url


def article_header_html(article: Any) -> str:
    """Title (right to left), outlet, date and how it was found, and the link, escaped."""
    title = _escape(getattr(article, "title", "") or getattr(article, "id", ""))
    day = getattr(article, "published", None)
    when = day.isoformat() if day else "date unknown"
    if getattr(article, "published_inferred", False):
        when += " (inferred)"
    meta = " · ".join(f"<bdi>{_escape(x)}</bdi>" for x in (
        getattr(article, "outlet", "") or "outlet unknown", when, getattr(article, "id", "")))
    reason = _escape(getattr(article, "published_reason", "") or "")
    url = _http_url(getattr(article, "url", ""))
    link = (f' · <a href="{_escape(url)}" target="_blank" rel="noopener noreferrer">'
            "original (online)</a>" if url else "")
    return (f'<div dir="rtl" lang="ar" style="text-align:right;font-size:1.35rem;'
            f'font-weight:600;overflow-wrap:anywhere">{title}</div>'
            f'<div style="color:#555;font-size:0.9rem;overflow-wrap:anywhere">{meta}{link}</div>'
            + (f'<div style="color:#777;font-size:0.8rem">Date: {reason}</div>' if reason else ""))


def _escape(text: str) -> str:
    return html.escape(str(text), quote=True).replace("$", "&#36;")


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:&^=\"'])")
#: Where GitHub-flavoured Markdown makes a link by itself (``http://``, ``www.``, ``a@b.c``),
#: escaped or not: it looks for them in the text once escapes are resolved.
_AUTOLINK = re.compile(r"(?i)(https?|ftp|mailto|xmpp|www)(?=[:.])|(?=@)")
WORD_JOINER = "\u2060"


def md_escape(text: Any) -> str:
    """Untrusted text made inert for Streamlit Markdown (labels, captions, messages):
    ASCII punctuation backslash-escaped (no links, images, math, colour or icon
    directives), newlines folded, and an invisible word joiner (U+2060) after
    ``http``/``www`` and before ``@``, so that no bare URL or address becomes a link.

    >>> print(md_escape("![x](http://a.b)").replace(WORD_JOINER, "<WJ>"))
    \\!\\[x\\]\\(http<WJ>\\://a\\.b\\)
    """
    text = _AUTOLINK.sub(lambda m: (m.group(1) or "") + WORD_JOINER, " ".join(str(text).split()))
    return _MD_SPECIAL.sub(r"\\\1", text)


# --- review and files -----------------------------------------------------------------


def _context(articles: Mapping[str, Any], aid: str, span: Sequence[int], width: int = 50) -> str:
    body = getattr(articles.get(aid), "body", "") or ""
    if not span or len(span) != 2 or not body:
        return ""
    start, end = max(0, int(span[0]) - width), min(len(body), int(span[1]) + width)
    return " ".join(body[start:end].split())


def review_table(report: Mapping, articles: Mapping[str, Any]) -> pd.DataFrame:
    """Unresolved and low-confidence place mentions, for an analyst to check."""
    rows = []
    for status in ("unresolved", "low_confidence"):
        for r in report.get(status, []) or []:
            place = r.get("place") or {}
            aid = r.get("article", "")
            candidates = [c.get("name_en") or c.get("name_ar") or ""
                          for c in r.get("candidates") or []]
            rows.append({
                "status": status.replace("_", " "),
                "text": r.get("text", ""),
                "place": place.get("name_en", ""),
                "confidence": r.get("confidence"),
                "candidates": ", ".join(c for c in candidates if c),
                "why": r.get("cue", ""),
                "context": _context(articles, aid, r.get("span") or ()),
                "article": getattr(articles.get(aid), "title", "") or aid,
                "article_id": aid,
            })
    columns = ["status", "text", "place", "confidence", "candidates", "why", "context",
               "article", "article_id"]
    return safe_cells(pd.DataFrame(rows, columns=columns))


def unlocated_table(report: Mapping) -> pd.DataFrame:
    """Incidents that could not be put on the map (no place in Syria), with why;
    ``date`` as in :func:`incidents_table` (a date, empty when unknown)."""
    rows = [{"date": u.get("date", ""), "type": type_label(u.get("type")),
             "place": u.get("place", ""), "why": u.get("why", ""),
             "articles": _joined(u.get("articles")),
             "evidence": " | ".join(" ".join(str(e).split()) for e in u.get("evidence") or [])}
            for u in report.get("unlocated", []) or []]
    frame = safe_cells(pd.DataFrame(rows, columns=["date", "type", "place", "why", "articles",
                                                   "evidence"]))
    frame["date"] = _dates(frame["date"].tolist())
    return frame


def files_table(report: Mapping) -> pd.DataFrame:
    """Every file seen: read or skipped, with the reason, the encoding and warnings."""
    rows = [{"file": f.get("file", ""), "status": f.get("status", ""),
             "reason": f.get("reason", ""), "encoding": f.get("encoding", ""),
             "warnings": "; ".join(f.get("warnings") or []), "article": f.get("article", "")}
            for f in report.get("files", []) or []]
    for m in report.get("metadata", []) or []:
        rows.append({"file": m.get("file", ""), "status": "metadata", "reason": "",
                     "encoding": "", "warnings": "; ".join(m.get("warnings") or []),
                     "article": ""})
    return safe_cells(pd.DataFrame(rows, columns=["file", "status", "reason", "encoding",
                                                  "warnings", "article"]))


def upload_rows(result: PipelineResult, folder: str | Path) -> pd.DataFrame:
    """Each stored upload: read or skipped (why), what the pipeline found in it, and its
    warnings (an implausible publication date among them)."""
    folder = Path(folder).resolve()
    suffix = f" ({folder.name})"
    skipped = {str(f.get("file", "")).removesuffix(suffix): f
               for f in result.report.get("files", []) if f.get("status") != "read"}
    warned = {f.get("article"): "; ".join(w for w in f.get("warnings") or [] if w)
              for f in result.report.get("files", []) if f.get("article")}
    rows = []
    for path in list_uploads(folder):
        article = result.articles.get(path.stem)
        mine = article is not None and Path(getattr(article, "path", "")).resolve() == path
        if mine:
            res = result.results[path.stem]
            located = sum(1 for m in res.mentions if _status(m) in ("located", "approximate"))
            rows.append({"file": path.name, "status": "read",
                         "title": getattr(article, "title", ""),
                         "places": located, "incidents": len(res.incidents), "reason": "",
                         "warnings": warned.get(path.stem, "")})
        else:
            f = skipped.get(path.name, {})
            rows.append({"file": path.name, "status": f.get("status", "not read"),
                         "title": "", "places": 0, "incidents": 0,
                         "reason": f.get("reason", "not read yet"),
                         "warnings": "; ".join(f.get("warnings") or [])})
    return safe_cells(pd.DataFrame(rows, columns=["file", "status", "title", "places",
                                                  "incidents", "reason", "warnings"]))


# --- exports --------------------------------------------------------------------------


def layer_geojson(layers: Layers, name: str) -> bytes:
    """One layer in view as RFC 7946 GeoJSON: the bytes ``python -m geo build`` writes
    to ``NAME.geojson`` for the same filter."""
    if name not in LAYER_NAMES:
        raise KeyError(f"no layer {name!r}; layers are {LAYER_NAMES}")
    return to_geojson_bytes(layers[name])


def gpkg_bytes(layers: Layers) -> bytes:
    """Incidents, bases, routes and places in view as one GeoPackage file's bytes."""
    with tempfile.TemporaryDirectory(prefix="nes-osint-gpkg-") as tmp:
        path = Path(tmp) / "layers.gpkg"
        write_gpkg({name: layers[name] for name in EXPORT_LAYERS}, path)
        return path.read_bytes()
