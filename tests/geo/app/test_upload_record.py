"""geo.app.upload_record: the record of refused uploads, the uploads folder's problems,
warnings grouped (issue 10, item 18)."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from geo.app.upload_record import (
    add_refusals,
    implausible_dates,
    metadata_warnings,
    refusals_table,
    store_batch,
    uploads_listing,
)
from geo.read.uploads import UploadOutcome

NOON = dt.datetime(2024, 5, 1, 12, 0, 0)


def test_refusals_are_kept_across_batches_newest_first() -> None:
    first = [UploadOutcome("a.jpg", None, "refused", "\u2066a.jpg\u2069: not a text article"),
             UploadOutcome("b.txt", None, "stored", "b.txt: stored")]
    record = add_refusals([], first, now=NOON)
    assert record == [{"file": "a.jpg", "reason": "not a text article", "when": "12:00:00"}]
    again = [UploadOutcome("c.txt", None, "refused", "c.txt: the file is empty"),
             UploadOutcome("a.jpg", None, "refused", "a.jpg: still not text")]
    record = add_refusals(record, again, now=NOON + dt.timedelta(minutes=1))
    assert [(r["file"], r["reason"]) for r in record] == [
        ("c.txt", "the file is empty"), ("a.jpg", "still not text")]


def test_refusals_table_is_spreadsheet_safe() -> None:
    table = refusals_table([{"file": "=cmd|' /C calc'!A0.txt", "reason": "x", "when": "t"}])
    assert list(table.columns) == ["file", "reason", "when"]
    assert table["file"][0] == "'=cmd|' /C calc'!A0.txt"


def test_a_missing_uploads_folder_is_no_problem(tmp_path) -> None:
    assert uploads_listing(tmp_path / "not-yet") == ([], "")


def test_a_file_in_place_of_the_uploads_folder_is_named(tmp_path) -> None:
    folder = tmp_path / "uploads"
    folder.write_text("x", encoding="utf-8")
    files, problem = uploads_listing(folder)
    assert files == [] and str(folder) in problem and "not a folder" in problem
    outcomes = store_batch([("a.txt", "نص".encode())], folder=folder)
    assert [o.status for o in outcomes] == ["refused"]
    assert "could not be stored" in outcomes[0].message or "cannot be read" in outcomes[0].message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_a_folder_without_permission_is_named(tmp_path) -> None:
    folder = tmp_path / "uploads"
    folder.mkdir()
    folder.chmod(0)
    try:
        files, problem = uploads_listing(folder)
    finally:
        folder.chmod(0o700)
    assert files == [] and "Permission denied" in problem


def test_metadata_warnings_are_counted_and_cut() -> None:
    report = {"metadata": [{"warnings": [f"line {n}" for n in range(5000)]},
                           {"warnings": ["last"]}]}
    count, first = metadata_warnings(report, limit=3)
    assert count == 5001 and first == ["line 0", "line 1", "line 2"]
    assert metadata_warnings({}) == (0, [])


def test_implausible_dates_name_the_file() -> None:
    report = {"dates": {"implausible": [{"article": "far", "file": "far.md (uploads)",
                                         "published": "2400-10-08",
                                         "warning": "implausible publication date 2400-10-08"}]}}
    assert implausible_dates(report) == [
        "far.md (uploads): implausible publication date 2400-10-08"]
    assert implausible_dates({}) == []
