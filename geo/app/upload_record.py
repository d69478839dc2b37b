"""What the dashboard keeps and says about uploads and warnings, without Streamlit.

- Refused files are a record, not a flash message: each batch's refusals are added
  to a list kept in the session (name, reason, when) until the analyst dismisses it,
  because a message shown once vanishes at the next widget move, and with it the only
  word about a file that never reached the map.
- An uploads folder that cannot be listed (permissions, a file in its place) is a
  sentence in the page naming the folder and the cause, never a traceback: the
  corpus and the map go on without the uploads.
- Thousands of warnings are one count and their first lines, not thousands of boxes
  (5,000 warning boxes took 7.8 s and 195 MB in the browser).
- Articles with an implausible publication date (before 1900, after tomorrow) are
  named with their warning, since they are kept but left out of the date slider's span.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ..read.uploads import UploadOutcome, list_uploads, store_uploads
from .dashboard_data import safe_cells

__all__ = ["REFUSED_COLUMNS", "WARNINGS_SHOWN", "add_refusals", "implausible_dates",
           "metadata_warnings", "refusals_table", "store_batch", "uploads_listing"]

#: How many warning lines the page shows under their count (the rest are in report.json
#: and in the Files table).
WARNINGS_SHOWN = 50
REFUSED_COLUMNS = ("file", "reason", "when")


def uploads_listing(folder: str | Path) -> tuple[list[Path], str]:
    """The stored uploads and, when the folder cannot be listed, why ('' when it can).

    >>> uploads_listing("/nonexistent/uploads")
    ([], '')
    """
    folder = Path(folder)
    try:
        if folder.exists() and not folder.is_dir():
            raise NotADirectoryError(20, "it is a file, not a folder", str(folder))
        return list_uploads(folder), ""
    except OSError as exc:
        return [], folder_problem(folder, exc)


def folder_problem(folder: Path, exc: OSError) -> str:
    """One sentence an operator can act on: which folder, what failed, what to do."""
    cause = exc.strerror or type(exc).__name__
    return (f"The uploads folder {folder} cannot be read ({cause}). The map shows the corpus "
            "without uploads; give the server's user read and write access to that folder "
            "(or set NES_OSINT_DATA to another one) and reload.")


def store_batch(files: Iterable[tuple[str, bytes]], *, folder: Path, **options: Any
                ) -> list[UploadOutcome]:
    """:func:`geo.read.uploads.store_uploads`, with a folder that cannot be used making
    every file of the batch a refusal that names the folder's problem."""
    files = list(files)
    try:
        return store_uploads(files, folder=folder, **options)
    except OSError as exc:
        why = folder_problem(folder, exc)
        return [UploadOutcome(name, None, "refused", f"{name}: {why}") for name, _ in files]


def add_refusals(record: Sequence[Mapping[str, str]], outcomes: Iterable[UploadOutcome], *,
                 now: dt.datetime | None = None) -> list[dict[str, str]]:
    """``record`` with this batch's refused files added (newest first).

    A file refused again replaces its earlier row, so the list says each file once
    with its latest reason.
    """
    when = (now or dt.datetime.now()).strftime("%H:%M:%S")
    new = [{"file": o.name, "reason": _reason(o), "when": when}
           for o in outcomes if o.status == "refused"]
    names = {r["file"] for r in new}
    return [*new, *(dict(r) for r in record if r.get("file") not in names)]


def _reason(outcome: UploadOutcome) -> str:
    """The message without the file name it starts with (the table has a name column)."""
    head, sep, tail = outcome.message.partition(": ")
    return tail if sep and outcome.name in head else outcome.message


def refusals_table(record: Sequence[Mapping[str, str]]) -> pd.DataFrame:
    """The refused files as a table (spreadsheet-safe, like every table shown)."""
    return safe_cells(pd.DataFrame([{c: r.get(c, "") for c in REFUSED_COLUMNS} for r in record],
                                   columns=list(REFUSED_COLUMNS)))


def metadata_warnings(report: Mapping, limit: int = WARNINGS_SHOWN) -> tuple[int, list[str]]:
    """How many warnings ``articles.csv`` gave, and the first ``limit`` of them."""
    count, first = 0, []
    for entry in report.get("metadata", []) or []:
        for warning in entry.get("warnings") or []:
            count += 1
            if len(first) < limit:
                first.append(str(warning))
    return count, first


def implausible_dates(report: Mapping) -> list[str]:
    """'FILE: warning' for each article whose publication date is implausible."""
    dates = report.get("dates") or {}
    return [f"{i.get('file') or i.get('article')}: {i.get('warning', '')}"
            for i in dates.get("implausible", []) or []]
