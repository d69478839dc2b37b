"""Reading and writing the gazetteer's CSV form (the embedded data and the local store).

One format for both, so an imported GeoNames dump and our own compiled rows
go through the same checks and errors name the file and line. A write is checked
by reading the new file back before it replaces the old one: what is written can
always be read (a field over the csv module's limit or a NUL would otherwise make
the store unreadable for every later run).
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import GazetteerDataError
from .model import GOVERNORATES, KINDS, Place

COLUMNS: tuple[str, ...] = (
    "id", "name_ar", "name_en", "alt_names", "kind", "governorate",
    "lat", "lon", "population", "in_area", "parent", "source",
)


def read_places_csv(path: str | Path) -> list[Place]:
    """Read places from a CSV of :data:`COLUMNS`; any bad row raises with file and line."""
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise GazetteerDataError(path, None, f"cannot open: {exc.strerror or exc}") from exc
    with handle:
        reader = csv.DictReader(handle)
        try:
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise GazetteerDataError(path, 1, f"header lacks columns {missing}")
            return [_row_to_place(path, reader.line_num, row) for row in reader]
        except UnicodeDecodeError as exc:
            raise GazetteerDataError(path, reader.line_num + 1, "not UTF-8 text") from exc
        except csv.Error as exc:  # the line being read (DictReader's own count lags a row)
            line = max(reader.reader.line_num, 1)
            raise GazetteerDataError(path, line, f"bad CSV: {exc}") from exc
        except OSError as exc:
            raise GazetteerDataError(path, None, f"cannot read: {exc.strerror or exc}") from exc


def _row_to_place(path: Path, line: int, row: dict[str, str | None]) -> Place:
    if None in row or any(row.get(c) is None for c in COLUMNS):
        raise GazetteerDataError(path, line, f"expected {len(COLUMNS)} columns")
    pid = row["id"].strip()
    if not pid:
        raise GazetteerDataError(path, line, "empty id")
    lat = _coordinate(path, line, row["lat"], -90, 90, "lat")
    lon = _coordinate(path, line, row["lon"], -180, 180, "lon")
    kind = row["kind"].strip()
    if kind not in KINDS:
        raise GazetteerDataError(path, line, f"unknown kind {kind!r}; expected one of {KINDS}")
    gov = row["governorate"].strip()
    if gov and gov not in GOVERNORATES:
        raise GazetteerDataError(path, line, f"unknown governorate {gov!r}")
    pop = row["population"].strip()
    if pop and not pop.isdigit():
        raise GazetteerDataError(path, line, f"population {pop!r} is not a whole number")
    return Place(
        id=pid,
        name_ar=row["name_ar"].strip(),
        name_en=row["name_en"].strip(),
        kind=kind,
        lat=lat,
        lon=lon,
        governorate=gov,
        alt_names=tuple(n.strip() for n in row["alt_names"].split("|") if n.strip()),
        population=int(pop) if pop else None,
        in_area=row["in_area"].strip() not in ("0", "false", "False", "no"),
        parent=row["parent"].strip(),
        source=row["source"].strip(),
    )


def _coordinate(path: Path, line: int, text: str, low: float, high: float, name: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise GazetteerDataError(path, line, f"{name} {text!r} is not a number") from None
    if not (low <= value <= high):  # also rejects NaN
        raise GazetteerDataError(path, line, f"{name} {value} outside [{low}, {high}]")
    return value


def write_places_csv(path: str | Path, places: Iterable[Place]) -> None:
    """Write places atomically, and only if the new file reads back.

    The rows go to a temporary file beside ``path`` (named after this process, see
    :func:`stale_temporaries`), which is flushed to disk, read back with
    :func:`read_places_csv` and only then renamed over ``path``: a crash never leaves
    a half-written file, and a place the reader would refuse is never written.

    Raises
    ------
    GazetteerDataError
        If a place cannot be stored (a field too long for the csv module, a NUL
        character: the message names the place) or anything else the reader would
        refuse. ``path`` is left as it was.
    OSError
        If the folder cannot be written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f"{_temp_prefix(path)}{os.getpid()}.",
                               suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            limit = csv.field_size_limit()
            for p in places:
                writer.writerow(_storable(path, _place_row(p), p.id, limit))
            handle.flush()
            os.fsync(handle.fileno())
        try:
            read_places_csv(tmp)
        except GazetteerDataError as exc:
            where = f"line {exc.line}: " if exc.line is not None else ""
            raise GazetteerDataError(path, None, f"the new version would not read back "
                                     f"({where}{exc.problem}); nothing was written") from exc
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)


def _place_row(p: Place) -> list[str]:
    return [
        p.id, p.name_ar, p.name_en, "|".join(p.alt_names), p.kind, p.governorate,
        f"{p.lat:.6f}", f"{p.lon:.6f}", "" if p.population is None else str(p.population),
        "1" if p.in_area else "0", p.parent, p.source,
    ]


def _storable(path: Path, row: list[str], place_id: str, limit: int) -> list[str]:
    """``row`` if the reader will take it back; else the error names the place and field."""
    for column, value in zip(COLUMNS, row, strict=True):
        if len(value) >= limit:
            raise GazetteerDataError(
                path, None, f"place {place_id!r}: {column} has {len(value):,} characters, more "
                f"than a field of the store can hold ({limit - 1:,}); nothing was written")
        if "\0" in value:  # the csv module of some Python versions refuses to read it
            raise GazetteerDataError(path, None, f"place {place_id!r}: {column} holds a NUL "
                                     "character, which the store cannot hold; nothing was written")
    return row


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable; not every system can open a folder, which is harmless."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


#: Temporary files of :func:`write_places_csv` end with this.
TEMP_SUFFIX = ".tmp"


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


def stale_temporaries(path: str | Path) -> list[Path]:
    """Temporary files that writers of ``path`` left behind and no running process owns.

    A writer killed mid-write (``kill -9``, a power cut) cannot remove its temporary
    file. Each is named ``.NAME.PID.RANDOM.tmp``; it is stale when process PID no
    longer runs. Names without a process id (written by older versions) count as
    stale too. Callers remove them while holding the store's lock, so no live writer
    of this version can be using them.
    """
    path = Path(path)
    prefix = _temp_prefix(path)
    try:
        entries = list(path.parent.iterdir())
    except OSError:
        return []
    stale = []
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(TEMP_SUFFIX)):
            continue
        pid_text = name[len(prefix):].split(".", 1)[0]
        pid = int(pid_text) if pid_text.isdigit() else 0
        if pid != os.getpid() and not _process_running(pid):
            stale.append(entry)
    return sorted(stale)


def _process_running(pid: int) -> bool:
    """True if process ``pid`` may be running (unsure counts as running: its file is kept)."""
    if pid <= 0:
        return False
    if os.name != "posix":
        return True  # os.kill(pid, 0) would end the process on Windows
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # it exists (owned by someone else), or we cannot tell: keep its file
    return True
