"""Upload limits: exactly the limit is taken, sizes are in MiB, and batches stored at
once hold the folder's limits together (issue 10, items 17 and 18).

Before: a file of exactly 2 MiB was refused as '2.1MB', and concurrent batches
overshot the 2,000-file limit (2,030). Real threads and real processes here.
"""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path

import pytest

from geo.read.errors import CorpusError
from geo.read.uploads import (
    MAX_UPLOAD_BYTES,
    UploadFolderError,
    list_uploads,
    store_upload,
    store_uploads,
)

from .unprivileged import as_unprivileged, unreadable_folder

LINE = "قالت مصادر محلية إن دورية أمريكية مرت قرب القامشلي.\n".encode()


def _exactly(size: int) -> bytes:
    return (LINE * (size // len(LINE) + 1))[:size - 1] + b"\n"


def test_a_file_of_exactly_the_limit_is_taken(tmp_path: Path) -> None:
    raw = _exactly(MAX_UPLOAD_BYTES)
    assert len(raw) == 2 * 1024 * 1024
    assert store_upload("exact.txt", raw, folder=tmp_path).status == "stored"


def test_one_byte_over_the_limit_is_refused_in_words_that_show_it(tmp_path: Path) -> None:
    outcome = store_upload("over.txt", _exactly(MAX_UPLOAD_BYTES + 1), folder=tmp_path)
    assert outcome.status == "refused"
    assert "2,097,153 bytes is over the 2 MiB (2,097,152 bytes) limit per file" in outcome.message
    bigger = store_upload("big.txt", _exactly(3 * 1024 * 1024), folder=tmp_path)
    assert "3 MiB is over the 2 MiB limit per file" in bigger.message
    assert "MB" not in bigger.message.replace("MiB", "")


def test_a_full_folder_is_reported_in_mib(tmp_path: Path) -> None:
    store_upload("a.txt", LINE * 10, folder=tmp_path)
    (outcome,) = store_uploads([("b.txt", LINE * 11)], folder=tmp_path, max_stored_files=1)
    assert outcome.status == "refused" and "limits 1 files, 200 MiB" in outcome.message


def _batch(folder: str, worker: int, limit: int) -> int:
    files = [(f"w{worker}_{i}.txt", LINE + f"{worker}-{i}\n".encode()) for i in range(10)]
    outcomes = store_uploads(files, folder=Path(folder), max_stored_files=limit)
    return sum(o.status == "stored" for o in outcomes)


LIMIT = 25


def test_concurrent_batches_in_threads_hold_the_folder_limit(tmp_path: Path) -> None:
    stored: list[int] = []
    threads = [threading.Thread(target=lambda w=w: stored.append(_batch(str(tmp_path), w, LIMIT)))
               for w in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(stored) == LIMIT
    assert len(list_uploads(tmp_path)) == LIMIT


def test_concurrent_batches_in_processes_hold_the_folder_limit(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    with context.Pool(8) as pool:
        stored = pool.starmap(_batch, [(str(tmp_path), w, LIMIT) for w in range(8)])
    assert sum(stored) == LIMIT
    assert len(list_uploads(tmp_path)) == LIMIT


def test_an_unreadable_uploads_folder_is_a_clear_error() -> None:
    with unreadable_folder() as (_top, locked):
        with pytest.raises(UploadFolderError) as caught:
            as_unprivileged(lambda: list_uploads(locked))
        with pytest.raises(UploadFolderError):
            as_unprivileged(lambda: store_uploads([("a.txt", LINE)], folder=locked))
    error = caught.value
    assert isinstance(error, OSError) and isinstance(error, CorpusError)
    assert error.strerror == "Permission denied"
    message = str(error)
    assert str(locked) in message and "read and write access" in message and "\n" not in message


def test_a_file_in_place_of_the_uploads_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "uploads"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(UploadFolderError, match="it is a file, not a folder"):
        list_uploads(blocker)
    with pytest.raises(UploadFolderError):
        store_uploads([("a.txt", LINE)], folder=blocker)
