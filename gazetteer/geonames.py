"""Importing a GeoNames dump (a country file such as ``SY.txt``, or ``cities500.txt``).

The dump is the standard 19-column, tab-separated, headerless UTF-8 text of
https://download.geonames.org/export/dump/ (CC BY 4.0, "GeoNames, geonames.org").
Rows are streamed: a 200,000-row file never sits in memory as text, only as the
places that are kept.

Examples
--------
>>> feature_kind("P", "PPLA2")
'city'
>>> feature_kind("P", "PPL", population=12_000)
'town'
>>> feature_kind("H", "STM") is None
True
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from rapidfuzz.distance import Indel

from . import home as _home
from .errors import GazetteerDataError
from .model import Place

#: Columns of a GeoNames dump row.
COLUMNS: tuple[str, ...] = (
    "geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude",
    "feature class", "feature code", "country code", "cc2", "admin1", "admin2",
    "admin3", "admin4", "population", "elevation", "dem", "timezone", "modification date",
)

#: GeoNames admin1 codes of Syria -> keys of :data:`gazetteer.model.GOVERNORATES`.
#: From the ``SY.`` lines of GeoNames ``admin1CodesASCII.txt``
#: (code, name, ascii name, geonameid), e.g. ``SY.01  Al-Hasakah  173813``.
SY_ADMIN1: dict[str, str] = {
    "01": "hasakah",      # Al-Hasakah    173813
    "02": "latakia",      # Latakia       173578
    "03": "quneitra",     # Quneitra      173336
    "04": "raqqa",        # Ar-Raqqah     172957
    "05": "suwayda",      # As-Suwayda    172410
    "06": "daraa",        # Daraa         170903
    "07": "deir_ez_zor",  # Deir ez-Zor   170792
    "08": "rif_dimashq",  # Rif-dimashq   170652
    "09": "aleppo",       # Aleppo        170062
    "10": "hama",         # Hama          170015
    "11": "homs",         # Homs          169575
    "12": "idlib",        # Idlib         169387
    "13": "damascus",     # Dimashq       167541
    "14": "tartus",       # Tartus        163342
}

#: Non-populated features that are kept: (feature class, feature code) -> kind.
FEATURE_KINDS: dict[tuple[str, str], str] = {
    ("A", "ADM1"): "governorate",
    ("A", "ADM2"): "district",
    ("A", "PCLI"): "country",
    ("S", "AIRP"): "airport",
    ("S", "AIRB"): "airport",
    ("S", "AIRF"): "airport",
    ("S", "MILB"): "base",
    ("S", "INSM"): "base",
    ("S", "CMP"): "camp",
    ("S", "CMPRF"): "camp",
    ("S", "BDG"): "bridge",
    ("S", "PSTB"): "border_crossing",
    ("H", "DAM"): "dam",
    ("L", "OILF"): "oilfield",
    ("L", "GASF"): "gasfield",
}

#: Populated-place codes that are skipped: historical places and historical capitals.
SKIPPED_PPL: frozenset[str] = frozenset({"PPLH", "PPLCH"})

_CITY_CODES = frozenset({"PPLA", "PPLA2", "PPLG"})
_TOWN_CODES = frozenset({"PPLA3", "PPLA4", "PPLA5"})
CITY_POPULATION = 50_000
TOWN_POPULATION = 5_000


@dataclass(slots=True)
class ImportSummary:
    """What an import read, kept, skipped (by reason) and left in the store."""

    path: Path
    read: int = 0
    kept: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    stored: int = 0

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1


def feature_kind(feature_class: str, feature_code: str, *,
                 population: int | None = None) -> str | None:
    """The gazetteer kind of a GeoNames feature, or None if such rows are not kept.

    Populated places (class P) are graded by code and population: PPLC is the
    capital; PPLA, PPLA2 or 50,000 people a city; PPLA3, PPLA4 or 5,000 people a
    town; PPLX a neighbourhood; any other PPL a village. Historical places are skipped.
    """
    if feature_class == "P":
        if not feature_code.startswith("PPL") or feature_code in SKIPPED_PPL:
            return None
        return _populated_kind(feature_code, population or 0)
    return FEATURE_KINDS.get((feature_class, feature_code))


def _populated_kind(code: str, population: int) -> str:
    if code == "PPLC":
        return "capital"
    if code == "PPLX":
        return "neighbourhood"
    if code in _CITY_CODES or population >= CITY_POPULATION:
        return "city"
    if code in _TOWN_CODES or population >= TOWN_POPULATION:
        return "town"
    return "village"


def read_geonames(path: str | Path, *, countries: set[str] | None = None,
                  summary: ImportSummary | None = None) -> Iterator[Place]:
    """Stream the kept rows of a GeoNames dump as places.

    Parameters
    ----------
    path
        A GeoNames dump: 19 tab-separated columns, UTF-8, no header. Blank lines are ignored.
    countries
        ISO country codes to keep (e.g. ``{"SY"}``); all countries when None.
    summary
        If given, its ``read``, ``kept`` and ``skipped`` counts are updated while streaming.

    Raises
    ------
    GazetteerDataError
        If the file is missing or unreadable (raised at once), or, while iterating,
        a row is not UTF-8, has the wrong number of columns, a non-numeric id, or a
        latitude/longitude that is not a number in range. The message names file and line.
    """
    path = Path(path)
    if not path.is_file():
        problem = "not a file" if path.exists() else "no such file"
        raise GazetteerDataError(path, None, problem)
    wanted = {c.upper() for c in countries} if countries is not None else None
    return _stream(path, wanted, summary if summary is not None else ImportSummary(path))


def _stream(path: Path, countries: set[str] | None, summary: ImportSummary) -> Iterator[Place]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise GazetteerDataError(path, None, f"cannot open: {exc.strerror or exc}") from exc
    with handle:
        for line_no, raw in _rows(path, handle):
            text = _decode(path, line_no, raw)
            if not text.strip():
                continue
            summary.read += 1
            place, reason = _row_to_place(path, line_no, text.split("\t"), countries)
            if place is None:
                summary.skip(reason)
                continue
            summary.kept += 1
            yield place


#: Longest row accepted, in bytes without the line end. GeoNames limits a name to 200
#: characters and the alternate names to 10,000, so a real row stays near 11 KB; a longer
#: one is not a GeoNames row, and its fields might not fit the store (the csv module reads
#: fields of at most 131,072 characters), so it is refused with its line.
MAX_ROW_BYTES = 65_536


def _rows(path: Path, handle: BinaryIO) -> Iterator[tuple[int, bytes]]:
    """(line number, bytes) of each row, never reading more than one row's limit at once."""
    line_no = 0
    while raw := handle.readline(MAX_ROW_BYTES + 2):
        line_no += 1
        size = len(raw.rstrip(b"\r\n"))
        if size > MAX_ROW_BYTES:
            more = "" if raw.endswith(b"\n") else " or more"
            raise GazetteerDataError(
                path, line_no, f"row of {size:,} bytes{more}, longer than the {MAX_ROW_BYTES:,} "
                "accepted (a GeoNames row has at most 10,000 characters of alternate names); "
                "nothing was imported")
        yield line_no, raw


def _decode(path: Path, line_no: int, raw: bytes) -> str:
    if line_no == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError as exc:
        hint = ""
        if line_no == 1 and raw.startswith((b"PK\x03\x04", b"\x1f\x8b")):
            hint = " (a compressed archive: unpack the .txt first)"
        raise GazetteerDataError(
            path, line_no, f"not UTF-8 text: byte 0x{raw[exc.start]:02x} at column {exc.start + 1}"
            f"{hint}") from None
    if "\0" in text:  # the csv module of some Python versions could not read it back
        column = text[:text.index("\0")].count("\t")
        name = f" ({COLUMNS[column]})" if column < len(COLUMNS) else ""
        raise GazetteerDataError(path, line_no, f"NUL character in column {column + 1}{name}")
    return text


def _row_to_place(path: Path, line: int, cols: list[str],
                  countries: set[str] | None) -> tuple[Place | None, str]:
    """The place of one row, or (None, reason to skip it); bad rows raise."""
    if len(cols) != len(COLUMNS):
        raise GazetteerDataError(
            path, line, f"expected {len(COLUMNS)} tab-separated columns, found {len(cols)}")
    gid = cols[0].strip()
    if not (gid.isascii() and gid.isdigit()):
        raise GazetteerDataError(path, line, f"geonameid {gid!r} is not a number")
    lat = _coordinate(path, line, cols[4], 90.0, "latitude")
    lon = _coordinate(path, line, cols[5], 180.0, "longitude")
    population = _population(path, line, cols[14])
    country = cols[8].strip().upper()
    if countries is not None and country not in countries:
        return None, "country not selected"
    fclass, fcode = cols[6].strip(), cols[7].strip()
    kind = feature_kind(fclass, fcode, population=population)
    if kind is None:
        return None, f"feature {fclass}.{fcode}" if fcode else f"feature {fclass or '?'}"
    name = " ".join(cols[1].split())
    if not name:
        raise GazetteerDataError(path, line, "empty name")
    alternates = [a.strip() for a in cols[3].split(",") if a.strip()]
    name_ar = pick_arabic_name(alternates, name=name)
    return Place(
        id=f"gn{gid}",
        name_ar=name_ar,
        name_en=name,
        kind=kind,
        lat=lat,
        lon=lon,
        governorate=SY_ADMIN1.get(cols[10].strip(), "") if country == "SY" else "",
        alt_names=_alt_names([*alternates, cols[2]], exclude=(name, name_ar)),
        population=population,
        in_area=country == "SY",
        source=f"GeoNames {gid} (imported from {path.name})",
    ), ""


def _coordinate(path: Path, line: int, text: str, limit: float, name: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise GazetteerDataError(path, line, f"{name} {text!r} is not a number") from None
    if not -limit <= value <= limit:  # also rejects NaN
        raise GazetteerDataError(path, line, f"{name} {value} outside [{-limit:g}, {limit:g}]")
    return value


def _population(path: Path, line: int, text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()):
        raise GazetteerDataError(path, line, f"population {text!r} is not a whole number")
    return int(text) or None


# --- names ---------------------------------------------------------------------------------

_ARABIC_LETTER = re.compile("[\u0600-\u06ff]")
#: A letter (word character that is not a digit) outside the Arabic blocks.
_OTHER_LETTER = re.compile(
    "[^\\W\\d_\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
#: Letters of Persian, Kurdish or Urdu, not of Arabic: a name with them is not the Arabic name.
_NON_ARABIC_LETTERS = frozenset("پچژگکیۆێڕڵەڤۇھہےڭ")
#: Codes (IATA, ICAO, ISO: up to 4 capitals or digits), numbers, and URLs are not names.
_NOT_A_NAME = re.compile(r"[A-Z0-9]{1,4}|[\d\s.,:/+-]+|(?i:[a-z][a-z0-9+.-]*://|www\.).*")


def is_arabic_script(name: str) -> bool:
    """True if ``name`` has Arabic letters (U+0600-U+06FF) and no letters of another script."""
    return bool(_ARABIC_LETTER.search(name)) and not _OTHER_LETTER.search(name)


def pick_arabic_name(alternates: list[str], *, name: str = "") -> str:
    """The Arabic name among GeoNames alternate names, or "" if there is none.

    The dump lists alternate names without their language, sorted, so the first
    Arabic-script one is often a Kurdish or misspelt form (القامشلو before
    القامشلي). Names with Persian/Kurdish letters are set aside when a plain
    Arabic one exists; among several, the one whose rough romanisation is
    closest to the romanised ``name`` wins, ties going to the first.
    """
    arabic = [a for a in alternates if is_arabic_script(a)]
    plain = [a for a in arabic if not _NON_ARABIC_LETTERS.intersection(a)] or arabic
    if len(plain) <= 1 or not name:
        return plain[0] if plain else ""
    target = _romanised_latin(name)
    return max(plain, key=lambda a: Indel.normalized_similarity(_romanised_arabic(a), target))


#: A rough romanisation in the spirit of BGN/PCGN, which GeoNames names follow:
#: emphatics upper-case, 'ayn '3', long a 'ā', and hamza dropped.
_AR_LATIN = str.maketrans({
    "ا": "ā", "آ": "ā", "ى": "ā", "أ": "", "إ": "", "ء": "", "ؤ": "", "ئ": "",
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "H", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "S", "ض": "D", "ط": "T", "ظ": "Z",
    "ع": "3", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "ة": "h", "و": "w", "ي": "y", "ک": "k", "ی": "y", "گ": "g", "پ": "p",
    "چ": "ch", "ژ": "zh", "ۆ": "w", "ێ": "y", "ڕ": "r", "ڤ": "v", "ە": "a", " ": "",
})
_EMPHATIC_MARKS = frozenset("\u0323\u0326\u0327\u032e")  # dot, comma, cedilla, breve below
_LONG_VOWELS = {"a": "ā", "i": "y", "u": "w"}


def _romanised_arabic(name: str) -> str:
    return "".join(ch for ch in name.translate(_AR_LATIN) if ch.isalnum() or ch == "ā")


def _romanised_latin(name: str) -> str:
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", name.lower()):
        if ch in _EMPHATIC_MARKS and out:
            out[-1] = out[-1].upper()
        elif ch == "\u0304" and out:  # macron: a long vowel, written with a letter in Arabic
            out[-1] = _LONG_VOWELS.get(out[-1], out[-1])
        elif ch in "‘`ʿʻ":
            out.append("3")
        elif ch.isalnum():
            out.append(ch)
    return "".join(out)


def _alt_names(names: list[str], *, exclude: tuple[str, ...]) -> tuple[str, ...]:
    """Deduplicated names without codes, numbers and URLs; '|' is the store's separator."""
    seen = {e.casefold() for e in exclude if e}
    out: list[str] = []
    for raw in names:
        name = " ".join(raw.replace("|", " ").split())
        if not name or _NOT_A_NAME.fullmatch(name):
            continue
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            out.append(name)
    return tuple(out)


# --- import --------------------------------------------------------------------------------

def import_dump(path: str | Path, *, home: Path | None = None,
                countries: set[str] | None = None) -> ImportSummary:
    """Read a GeoNames dump and merge its kept rows into the local store.

    Rows already in the store with the same id are replaced. ``summary.stored``
    is the number of places in the store afterwards. Nothing is written if the
    dump has a bad row (the error names the file and line).

    Raises
    ------
    GazetteerDataError
        If the dump or the existing store is malformed.
    """
    summary = ImportSummary(Path(path))
    places = list(read_geonames(path, countries=countries, summary=summary))
    summary.stored = _home.save_imported(places, home=home)
    return summary
