"""The whole history as JSON lines: exported from one machine, imported on another.

One decision per line, keys sorted, oldest first, so two exports of the same history
are the same bytes and a team can diff or merge them. Importing checks every line
before storing any (a bad line is refused with its number and nothing is stored);
a decision id already in the store is not stored twice, so importing a colleague's
export after they imported yours adds only what is new. Which decision wins is then
decided by time, as always (:mod:`geo.review.state`): both stay in the history.
Places added by review travel with the history (their decision holds the whole place)
and are written into the importing machine's gazetteer store.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from gazetteer.home import save_imported

from .decide import added_place
from .decisions import Decision
from .errors import DecisionError, ImportFileError
from .store import ReviewStore

__all__ = ["export_history", "export_lines", "import_history", "read_history"]

#: A history file over this is refused (a million decisions is far beyond any team's).
MAX_IMPORT_BYTES = 512 * 1024 * 1024


def export_lines(decisions: Iterable[Decision]) -> Iterator[str]:
    """Each decision as one JSON line (no newline), keys sorted."""
    for d in decisions:
        yield json.dumps(d.as_dict(), ensure_ascii=False, sort_keys=True)


def export_history(store: ReviewStore, out: TextIO | str | Path) -> int:
    """Write the store's whole history to ``out`` (a file path or an open text stream);
    returns the number of decisions written."""
    lines = list(export_lines(store.decisions()))
    text = "".join(line + "\n" for line in lines)
    if isinstance(out, str | Path):
        path = Path(out)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    else:
        out.write(text)
    return len(lines)


def read_history(path: str | Path) -> list[Decision]:
    """Every decision of a JSON lines file, checked; ImportFileError names the bad line."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise ImportFileError(f"{path} is over {MAX_IMPORT_BYTES // 2**20} MB; "
                                  "is it a review history?")
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ImportFileError(f"{path} is not UTF-8 text, so not a review history (made by "
                              "python -m geo review export); nothing was imported") from None
    except OSError as exc:
        raise ImportFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append(Decision.from_dict(json.loads(line)))
        except (ValueError, DecisionError) as exc:
            what = exc if isinstance(exc, DecisionError) else "not a JSON object"
            raise ImportFileError(f"{path}, line {number}: {what}; nothing was imported") \
                from None
    return out


def import_history(store: ReviewStore, path: str | Path, *,
                   gazetteer_home: Path | None = None) -> tuple[int, int]:
    """Merge a history file into the store; returns (new decisions, already there).

    A place a colleague added (an ``add-place`` decision new to this store) goes into
    this machine's gazetteer store too, before any decision is stored, so the mentions
    they resolved to it resolve here as well (and ``python -m gazetteer lookup`` finds
    it); a gazetteer that cannot be written stores nothing.
    """
    decisions = read_history(path)
    known = {d.id for d in store.decisions()}
    places = [added_place(d) for d in decisions if d.kind == "add-place" and d.id not in known]
    if places:
        save_imported(places, home=gazetteer_home)
    added = store.add(decisions)
    return added, len(decisions) - added
