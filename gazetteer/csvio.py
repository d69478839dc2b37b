"""Reading and writing the gazetteer's CSV form (the embedded data and the local store).

One format for both, so an imported GeoNames dump and our own compiled rows
go through the same checks and errors name the file and line.
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
        raise GazetteerDataError(path, None, f"cannot open: {exc.strerror}") from exc
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise GazetteerDataError(path, 1, f"header lacks columns {missing}")
        try:
            return [_row_to_place(path, reader.line_num, row) for row in reader]
        except UnicodeDecodeError as exc:
            raise GazetteerDataError(path, reader.line_num + 1, "not UTF-8 text") from exc
        except csv.Error as exc:
            raise GazetteerDataError(path, reader.line_num, f"bad CSV: {exc}") from exc


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
    """Write places atomically: a crash never leaves a half-written store."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            for p in places:
                writer.writerow([
                    p.id, p.name_ar, p.name_en, "|".join(p.alt_names), p.kind, p.governorate,
                    f"{p.lat:.6f}", f"{p.lon:.6f}", "" if p.population is None else p.population,
                    "1" if p.in_area else "0", p.parent, p.source,
                ])
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
