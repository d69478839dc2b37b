"""Read a folder of news articles into clean :class:`Article` records.

Everything downstream (places, dates, incidents) works on ``Article.body``, so
this module is where untrusted files become trustworthy text: bytes are decoded
whatever the encoding (UTF-8/16/32, Windows-1256, or a guess), page furniture
(menus, share buttons, 'اقرأ أيضاً' links, related-story lists, the desk
dateline, the publication stamp) is removed so that no other story's headline
can turn into an incident, and the publication date is taken from the metadata
CSV, the page's stamp, or, failing both, inferred from the dates in the text
(and flagged as inferred).

A bad file never stops a corpus: :func:`iter_corpus` / :func:`read_corpus`
report it by name with a reason and go on.

Examples
--------
>>> text, encoding = decode_bytes("قصف على القامشلي\\n".encode("cp1256"))
>>> encoding, text.strip()
('cp1256', 'قصف على القامشلي')
>>> title, body, removed = strip_furniture("تخطى إلى المحتوى\\n\\nعنوان الخبر\\n\\nنص الخبر.")
>>> title, body, removed
('عنوان الخبر', 'نص الخبر.', ['تخطى إلى المحتوى'])
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import datetime as dt
import fnmatch
import hashlib
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from gazetteer.normalize import FoldedText

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_PATTERNS",
    "Article",
    "ArticleReadError",
    "CorpusError",
    "CorpusResult",
    "FileReport",
    "UndecodableError",
    "decode_bytes",
    "iter_corpus",
    "read_article",
    "read_corpus",
    "read_metadata",
    "strip_furniture",
]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_PATTERNS: tuple[str, ...] = ("*.txt", "*.html", "*.htm", "*.md")
METADATA_COLUMNS: tuple[str, ...] = ("file", "title", "outlet", "url", "published")


# --- errors ------------------------------------------------------------------------------


class CorpusError(ValueError):
    """Base class of the errors this module raises on purpose (also a ValueError)."""


class UndecodableError(CorpusError):
    """Bytes that are binary or in no encoding we can recognise."""


class ArticleReadError(CorpusError):
    """One article file could not be read; ``reason`` is short enough for a report."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


# --- records -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Article:
    """One article as the rest of the pipeline sees it.

    ``body`` has no page furniture and no repeated headline; paragraphs are
    separated by blank lines. ``published_inferred`` is True when the date was
    not printed (CSV, HTML metadata, stamp) but inferred from dates in the text;
    ``published_reason`` says where it came from. ``dateline`` is the desk's
    city ('إسطنبول' in 'إسطنبول - متابعات'): where the story was filed, not where
    anything happened.
    """

    id: str
    path: str
    title: str
    outlet: str
    url: str
    published: dt.date | None
    published_at: dt.datetime | None
    published_precision: str | None
    published_inferred: bool
    published_reason: str
    body: str
    encoding: str
    sha256: str
    dateline: str = ""
    warnings: tuple[str, ...] = ()


@dataclass(slots=True)
class FileReport:
    """What happened to one file, named relative to the corpus folder.

    ``status`` is 'read', 'skipped' (``reason`` says why), 'duplicate' (the same
    content as a file read before; ``reason`` names it) or 'metadata' (the CSV,
    with its ``warnings``).
    """

    file: str
    status: str
    reason: str = ""
    encoding: str = ""
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class CorpusResult:
    """Articles read, one report per file seen, and corpus-level (CSV) warnings."""

    articles: list[Article]
    reports: list[FileReport]
    warnings: list[str] = field(default_factory=list)


# --- decoding ----------------------------------------------------------------------------

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (docx/odt/xlsx?)"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf", "7z archive"),
    (b"\xd0\xcf\x11\xe0", "old MS Office document"),
    (b"\x7fELF", "executable"),
    (b"MZ", "Windows executable"),
)
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32), 127])
_ARABIC_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


@dataclass(slots=True)
class _Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Decode a file's bytes; return ``(text, encoding name)``.

    Tried in order: a BOM (UTF-8/16/32), UTF-16 without BOM (recognised by its
    NUL / 0x06 byte pattern), UTF-8, Windows-1256 when the result is mostly
    Arabic letters, then charset-normalizer's guess. The text is returned as
    decoded (see :func:`read_article` for the newline/NFC clean-up).

    Raises
    ------
    UndecodableError
        For binary data (a known file signature, NUL bytes outside a UTF-16
        pattern, many control bytes) or bytes no encoding explains.

    Examples
    --------
    >>> decode_bytes("سوريا".encode("utf-16"))
    ('سوريا', 'utf-16-le')
    """
    decoded = _decode(raw)
    return decoded.text, decoded.encoding


def _decode(raw: bytes) -> _Decoded:
    """:func:`decode_bytes` plus the warnings a lossy decode deserves."""
    if not raw:
        return _Decoded("", "utf-8")
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            name = "utf-8" if encoding == "utf-8-sig" else encoding
            decoded = _lenient(raw[len(bom):], name, label=f"{name} (BOM)") or _fail(
                f"starts with a {name} byte-order mark but is not valid {name}")
            if not _plausible(decoded.text, cjk=True):
                _fail(f"binary file (a {name} byte-order mark, then mostly control or "
                      "unassigned characters)")
            return decoded
    utf16 = _utf16_without_bom(raw)
    if utf16 is not None:
        return utf16
    _reject_binary(raw)
    decoded = (_utf8(raw) or _cp1256(raw) or _guess(raw)
               or _fail("not UTF-8, UTF-16 or Windows-1256, and charset detection found no "
                        "plausible encoding; re-save the file as UTF-8"))
    if b"\x00" in raw:
        decoded.warnings.append(f"{raw.count(0)} stray NUL byte(s) removed")
    return decoded


def _fail(message: str) -> Any:
    raise UndecodableError(message)


def _reject_binary(raw: bytes) -> None:
    """Raise for data that is not text at all (why: garbage must not become 'articles')."""
    for magic, what in _MAGIC:
        if raw.startswith(magic) and (what != "Windows executable" or b"\x00" in raw[:64]):
            raise UndecodableError(f"binary file ({what}); convert it to text first")
    nuls = raw.count(0)
    if nuls > len(raw) / 1000:  # a stray NUL in a long text is tolerated (and removed)
        raise UndecodableError(f"binary file ({nuls} NUL bytes, not in a UTF-16 pattern)")
    controls = len(raw) - len(raw.translate(None, _CONTROL_BYTES))
    if controls / len(raw) > 0.02:
        raise UndecodableError(f"binary file ({controls} control bytes in {len(raw)})")


def _utf16_without_bom(raw: bytes) -> _Decoded | None:
    """UTF-16 without BOM: one byte parity is mostly 0x00 (Latin) or 0x06 (Arabic)."""
    if len(raw) < 2:
        return None
    even, odd = raw[0::2], raw[1::2]
    high = {name: (part.count(0) + part.count(6)) / len(part)
            for name, part in (("be", even), ("le", odd)) if part}
    low = {"be": odd, "le": even}
    for order in ("le", "be"):
        other = low[order]
        if not other or high.get(order, 0) < 0.6:
            continue
        if (other.count(0) + other.count(6)) / len(other) > 0.2:
            continue
        decoded = _lenient(raw, f"utf-16-{order}")
        if decoded is not None and _plausible(decoded.text, cjk=False):
            return decoded
    return None


def _lenient(raw: bytes, encoding: str, *, label: str = "") -> _Decoded | None:
    """Strict decode; else accept a truncated tail or <=1% bad characters, with a warning."""
    try:
        return _Decoded(raw.decode(encoding), encoding)
    except UnicodeDecodeError as exc:
        truncated = exc.reason in ("unexpected end of data", "truncated data") and \
            exc.end >= len(raw) - 3
    text = raw.decode(encoding, errors="replace")
    bad = text.count("\ufffd") - _count_fffd_valid(raw, encoding)
    base = sum(1 for c in text if ord(c) > 127) if encoding == "utf-8" else len(text)
    if not truncated and bad > 0.01 * max(base - bad, 0):
        return None
    what = "truncated at the end" if truncated else f"{bad} invalid byte sequence(s)"
    note = f"decoded as {label or encoding} with replacement characters: {what}"
    return _Decoded(text, encoding, [note])


def _utf8(raw: bytes) -> _Decoded | None:
    """UTF-8, unless its only non-ASCII bytes are invalid and Windows-1256 reads them as
    Arabic (why: 'x ؤ' in cp1256 ends in one byte that looks like a cut UTF-8 letter)."""
    decoded = _lenient(raw, "utf-8")
    if decoded is None or not decoded.warnings or _VALID_NON_ASCII.search(decoded.text):
        return decoded
    return _cp1256(raw) or decoded


_VALID_NON_ASCII = re.compile("[^\x00-\x7f\ufffd]")


def _count_fffd_valid(raw: bytes, encoding: str) -> int:
    """U+FFFD characters genuinely present in the bytes (not produced by replacement)."""
    marker = "\ufffd".encode(encoding, errors="ignore")
    return raw.count(marker) if marker else 0


def _cp1256(raw: bytes) -> _Decoded | None:
    """Windows-1256 decodes any byte, so only accept it when Arabic letters dominate."""
    text = raw.decode("cp1256", errors="replace")
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    arabic = sum(1 for c in letters if _ARABIC_RE.match(c))
    if arabic / len(letters) < 0.5:
        return None
    return _Decoded(text, "cp1256")


def _guess(raw: bytes) -> _Decoded | None:
    """Last resort: charset-normalizer's best guess, if the result looks like text."""
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        if best is None:
            return None
        text = str(best)
    except Exception:  # a detector bug must not crash a corpus read
        return None
    if not _plausible(text, cjk=False):
        return None
    note = f"encoding guessed by charset-normalizer: {best.encoding}"
    return _Decoded(text, best.encoding, [note])


def _plausible(text: str, *, cjk: bool) -> bool:
    """Mostly printable characters (why: a wrong UTF-16 guess yields CJK soup or controls).

    ``cjk=True`` accepts CJK-heavy text (a BOM vouches for the encoding).
    """
    if not text:
        return True
    bad = sum(1 for c in text if unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn")
              and c not in "\n\r\t\f\v")
    if bad / len(text) > 0.02:
        return False
    letters = [c for c in text if c.isalpha()]
    if not letters or cjk:
        return True
    han = sum(1 for c in letters if "\u3400" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af")
    return han / len(letters) < 0.3


# --- text clean-up -----------------------------------------------------------------------

_NEWLINES = str.maketrans({"\r": "\n", "\x0b": "\n", "\x0c": "\n", "\x85": "\n",
                           "\u2028": "\n", "\u2029": "\n\n"})
# C0 except \t \n, DEL, C1 and BOM/ZWNBSP go. Bidi controls (LRM/RLM, embeddings,
# overrides, isolates) and zero-width joiners stay: the text is evidence and exports carry
# it unchanged; every display isolates each field so a control cannot reorder anything
# outside it, and matching keys ignore them.
_STRIP_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufeff]")
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\u00ad]")


def _clean_text(text: str) -> str:
    """Newlines to \\n, controls removed, NFC; letters and diacritics untouched."""
    text = text.replace("\r\n", "\n").translate(_NEWLINES)
    return unicodedata.normalize("NFC", _STRIP_CHARS.sub("", text))


_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
                       "ؤ": "و", "ئ": "ي", "ک": "ك", "ی": "ي"})


def _key(line: str) -> str:
    """A matching key: no diacritics/tatweel, alef/ya/ta-marbuta folded, lower case."""
    key = _DIACRITICS.sub("", _INVISIBLE.sub("", line)).translate(_FOLD).casefold()
    return " ".join(key.split()).strip(" :：.-–—|•·»«")


def _words(line: str) -> list[str]:
    """Folded word tokens (punctuation dropped) for comparing headlines."""
    return re.sub(r"[^\w\s]", " ", _key(line)).split()


# --- furniture ---------------------------------------------------------------------------

_MONTHS: dict[str, int] = {
    "كانون الثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6,
    "تموز": 7, "اب": 8, "ايلول": 9, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6,
    "يوليو": 7, "يوليه": 7, "اغسطس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    **{m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june",
                                   "july", "august", "september", "october", "november",
                                   "december"), start=1)},
    **{m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
                                   "sep", "oct", "nov", "dec"), start=1)},
}
_MON = "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True))
_DAYS = ("الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|السبت|sunday|monday|tuesday|"
         "wednesday|thursday|friday|saturday")
_DATE = (r"(?:\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{4}"
         rf"|\d{{1,2}}\s*(?:{_MON})(?:\s*/\s*(?:{_MON}))?\s*,?\s*\d{{4}}"
         rf"|(?:{_MON})\s+\d{{1,2}}\s*,?\s*\d{{4}})")
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?\s*(?:ص|م|am|pm|مساء|صباحا|ظهرا)?"
_PREFIX = (r"(?:نشر|تاريخ النشر|اخر تحديث|تم التحديث|تحديث|محدث|published|updated|posted)"
           r"\s*(?:في|on)?\s*:?")
_PLACE = r"(?:(?:بتوقيت|توقيت)\s+)?[^\d\s|:،,]{2,15}(?:\s+[^\d\s|:،,]{2,15})?"
_SEP = r"\s*(?:[|،,\-–—/]|الساعه|at)?\s*"
_STAMP_RE = re.compile(
    rf"^(?:{_PREFIX}\s*)?(?:(?:يوم\s+)?(?:{_DAYS})\s*[،,\-]?\s*)?"
    rf"(?:(?:{_DATE})(?:{_SEP}{_TIME})?|{_TIME}{_SEP}(?:{_DATE}))"
    rf"(?:{_SEP}{_PLACE})?$")
_AGO_RE = re.compile(r"^(?:منذ|قبل)\s+\d+\s+(?:دقيقه|دقائق|ساعه|ساعات|يوم|ايام|اسبوع|اسابيع)$|"
                     r"^\d+\s+(?:minutes?|hours?|days?)\s+ago$")

_NAV = {"تخطي الي المحتوي", "تخطي الي المحتوي الرئيسي", "انتقل الي المحتوي",
        "الانتقال الي المحتوي", "skip to content", "skip to main content", "icon", "menu",
        "القائمه", "القائمه الرئيسيه", "بحث", "search", "الرئيسيه", "home", "close", "اغلاق",
        "toggle navigation", "main menu", "السابق", "التالي", "المقال السابق", "المقال التالي",
        "الخبر السابق", "الخبر التالي", "previous", "next", "previous post", "next post",
        "عاجل", "breaking", "الوسوم", "وسوم", "tags", "طباعه", "print"}
_FONT_RE = re.compile(r"^(?:[+\-]\s*[aا]|[aا]\s*[+\-]|[aا]{1,3}|(?:حجم|تكبير|تصغير) الخط"
                      r"|font size|text size)$")
_LIVE = {"التغطيه الحيه", "البث المباشر", "بث مباشر", "مباشر", "live", "live coverage",
         "watch live", "شاهد البث المباشر"}
_COMMENTS_RE = re.compile(
    r"post a comment|^(?:\d+\s*)?(?:تعليق|تعليقات|التعليقات|comment|comments)(?:\s*\(\d+\))?$"
    r"|^(?:احدث اقدم|newer older|newer post older post|اضف تعليق|اضف تعليقا|اترك تعليقا"
    r"|اترك ردا|leave a comment|leave a reply|no comments|لا توجد تعليقات|الرد|reply)$")
_SOCIAL = set("شارك شاركها شاركوا المقال الخبر الموضوع عبر علي مشاركه share this article "
              "tweet facebook twitter whatsapp telegram فيسبوك فيس بوك تويتر واتساب واتس اب "
              "تلغرام تليجرام تيليجرام تيلغرام لينكدان linkedin email البريد الالكتروني نسخ "
              "الرابط copy link pinterest reddit messenger ماسنجر x اكس انستغرام instagram "
              "يوتيوب youtube on via".split())
_FOLLOW_RE = re.compile(r"^(?:تابعونا|تابعنا|تابعوا|follow us|انضم(?:وا)? الي|اشترك(?:وا)? في"
                        r"|subscribe|لمتابعه اخر الاخبار)")
_COPYRIGHT_RE = re.compile(r"©|\(c\) ?\d{4}|جميع الحقوق محفوظه|كافه الحقوق محفوظه"
                           r"|all rights reserved|حقوق النشر|copyright")
_READ_ALSO_RE = re.compile(r"^(?:اقرا|اقرء|read|شاهد|see|طالع|للمزيد اقرا)\s*"
                           r"(?:ايضا|also|more|المزيد)(?![\w])")
_RELATED_RE = re.compile(
    r"^(?:(?:مقالات|مواضيع|اخبار|مواد|قصص|تقارير)\s+)?(?:ذات صله|ذات علاقه|متعلقه|مشابهه)$"
    r"|^(?:المزيد من (?:الاخبار|المقالات|المواضيع)|الاكثر (?:قراءه|مشاهده)|اخترنا لك"
    r"|قد يعجبك ايضا|قد يهمك(?: ايضا)?|اقرا المزيد|اخر الاخبار|related(?: posts| articles"
    r"| news| stories)?|you may also like|more stories|most read|recommended|latest news)$")
_IMAGE_RE = re.compile(r"[\w\-.%()~+]+\.(?:jpe?g|png|gif|webp|svg|bmp|tiff?|avif|heic)",
                       re.IGNORECASE)
_DESK = ("متابعات|وكالات|خاص|ترجمات|ترجمه|رصد|مراسلون|مراسلنا|تقرير|التحرير|فريق التحرير"
         "|الاناضول|رويترز|فرانس برس|ا ف ب|اف ب|سانا|د ب ا|الوكالات")
_DATELINE_RE = re.compile(rf"^(?P<city>[^\W\d_]{{2,}}(?:\s+[^\W\d_]{{2,}}){{0,2}})\s*"
                          rf"(?:[-–—ـ]+\s*(?:{_DESK})(?:\s+\S+)?|\((?:{_DESK})\))$")
_DATELINE_PREFIX_RE = re.compile(
    rf"^(?P<city>[^\W\d_]{{2,}}(?:\s+[^\W\d_]{{2,}}){{0,2}})\s*"
    rf"(?:[-–—ـ]+\s*(?:{_DESK})\s*[:\-–—ـ]+|\((?:{_DESK})\)\s*[:\-–—ـ]*)\s+")
_BYLINE_RE = re.compile(r"^(?:بقلم|كتب|كتبت|اعداد|تحرير|ترجمه|by)\s*:")
_SITE_WORDS = set("نيوز news تلفزيون قناه شبكه وكاله موقع صحيفه جريده بوست برس تايمز ميديا "
                  "media tv press agency times post net اونلاين online اخبار".split())
_TERMINAL = ".!?؟…\"”»)'"
_TITLE_SEP_RE = re.compile(r"\s+(?:[-|–—:]|::)\s+")


@dataclass(slots=True)
class _Stripped:
    title: str
    body: str
    removed: list[str]
    dateline: str = ""
    stamps: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    byline: str = ""
    warnings: list[str] = field(default_factory=list)
    title_line: int | None = None  # index of the line the title was taken from
    partial: list[tuple[int, str]] = field(default_factory=list)  # pieces cut out of lines


def strip_furniture(text: str, *, title: str | None = None,
                    outlet: str = "") -> tuple[str, str, list[str]]:
    """Split page text into ``(title, body, removed lines)``.

    ``title`` is the known headline (from metadata), if any: lines repeating it
    are dropped from the body. ``outlet`` helps recognise a byline and a site
    name in the headline. Never raises; the body keeps every line that is not
    furniture, one paragraph per line (hard-wrapped lines are re-joined).

    Examples
    --------
    >>> strip_furniture("قصف على القامشلي - It's Over 9000!\\n\\nقصف على القامشلي\\n\\n"
    ...                 "نص الخبر.\\n\\nاقرأ أيضاً: خبر آخر")
    ('قصف على القامشلي', 'نص الخبر.', ['قصف على القامشلي', 'اقرأ أيضاً: خبر آخر'])
    """
    done = _strip(text, known_title=title, outlet=outlet)
    return done.title, done.body, done.removed


def _strip(text: str, *, known_title: str | None = None, outlet: str = "") -> _Stripped:
    """The work of :func:`strip_furniture`, keeping dateline, stamps and header for later."""
    lines = [line.strip() for line in text.replace("\r", "\n").split("\n")]
    original = list(lines)
    arabic = _mostly_arabic(text)
    keep = [bool(line) for line in lines]
    out = _Stripped(title="", body="", removed=[])
    for i, line in enumerate(lines):
        if not keep[i]:
            continue
        lines[i], reason = _classify(line, arabic)
        if reason == "stamp":
            out.stamps.append(line)
        if reason:
            keep[i] = False
        elif lines[i] != line:
            out.partial.append((i, line.replace(lines[i], "").strip()))
    _drop_read_also_targets(lines, keep)
    _drop_related_lists(lines, keep)
    header_end = _header_end(lines, keep)
    out.header = [lines[i] for i in range(header_end) if lines[i]]
    out.title = _take_title(lines, keep, known_title, outlet, out)
    _drop_header_lines(lines, keep, header_end, outlet, out)
    out.body = _paragraphs(lines, keep, out)
    dropped = [(i, line) for i, line in enumerate(original)
               if line and not keep[i] and i != out.title_line]
    out.removed = [line for _, line in sorted(dropped + out.partial, key=lambda x: x[0])]
    return out


def _mostly_arabic(text: str) -> bool:
    sample = text[:20000]
    letters = [c for c in sample if c.isalpha()]
    return bool(letters) and sum(1 for c in letters if _ARABIC_RE.match(c)) > len(letters) / 2


def _classify(line: str, arabic: bool) -> tuple[str, str]:
    """(line without image file names, furniture reason or '') for one stripped line."""
    line = _strip_image_names(line)
    if not line:
        return "", "image file"
    if len(line) > 300:  # long lines are prose; keeps the regexes cheap on huge lines
        return line, ""
    key = _key(line)
    if not any(c.isalpha() for c in line):
        return line, "no letters"
    checks = (
        (key in _NAV, "navigation"),
        (bool(_FONT_RE.match(key)), "font size"),
        (key in _LIVE, "live"),
        (bool(_COMMENTS_RE.search(key)) and len(key) < 60, "comments"),
        (_is_share(key), "share"),
        (bool(_FOLLOW_RE.match(key)) and len(key.split()) <= 15, "follow"),
        (bool(_COPYRIGHT_RE.search(key)) and len(key.split()) <= 25, "copyright"),
        (bool(_READ_ALSO_RE.match(key)), "read also"),
        (bool(_RELATED_RE.match(key)), "related"),
        (bool(_STAMP_RE.match(key) or _AGO_RE.match(key)), "stamp"),
        (_is_garbage(line, arabic), "garbage"),
    )
    return line, next((reason for hit, reason in checks if hit), "")


def _strip_image_names(line: str) -> str:
    """Drop image file names standing alone or at either end of a line (captions stay)."""
    if not line or "." not in line:
        return line
    if _is_image_name(line):
        return ""
    first, _, rest = line.partition(" ")
    if rest and _is_image_name(first):
        line = rest.strip()
    head, _, last = line.rpartition(" ")
    if head and _is_image_name(last):
        line = head.strip()
    return line


def _is_image_name(token: str) -> bool:
    return len(token) <= 200 and _IMAGE_RE.fullmatch(token) is not None


def _is_share(key: str) -> bool:
    words = [w for w in re.split(r"[\s|/·•,،\-]+", key) if w]
    return 0 < len(words) <= 8 and all(w in _SOCIAL for w in words) and \
        any(w in ("شارك", "share", "مشاركه", "شاركها", "tweet", "شاركوا") or len(words) > 1
            for w in words)


def _is_garbage(line: str, arabic: bool) -> bool:
    """Stray one-token debris ('ئءؤر', a lone UI word in an Arabic page)."""
    if len(line.split()) != 1 or len(line) > 15:
        return False
    if sum(line.count(c) for c in "ءؤئ") >= 2 and len(line) <= 6:
        return True
    return arabic and line.isascii() and line.isalpha() and line.islower()


def _headline_like(line: str) -> bool:
    """A short line without a final full stop: headline, heading, list item."""
    words = line.split()
    return 0 < len(words) <= 30 and len(line) <= 250 and not line.endswith((".", "۔", "…"))


def _paragraph_like(line: str) -> bool:
    """A sentence of prose: long, or ending in a full stop (quotes/brackets aside)."""
    words = len(line.split())
    return words >= 20 or (words >= 6 and line.rstrip("\"”»)'’ ").endswith((".", "۔")))


def _drop_read_also_targets(lines: list[str], keep: list[bool]) -> None:
    """A bare 'اقرأ أيضاً' line links the headline on the next line: drop that too."""
    for i, line in enumerate(lines):
        if keep[i] or not line or len(_key(line).split()) > 3 or \
                not _READ_ALSO_RE.match(_key(line)):
            continue
        j = _next_line(lines, i)
        if j is not None and keep[j] and _headline_like(lines[j]):
            keep[j] = False


def _drop_related_lists(lines: list[str], keep: list[bool]) -> None:
    """After a 'مقالات ذات صلة' heading, drop the headlines that follow it."""
    for i, line in enumerate(lines):
        if keep[i] or not line or not _RELATED_RE.match(_key(line)):
            continue
        for j in range(i + 1, len(lines)):
            if not lines[j] or not keep[j]:
                continue
            if not _headline_like(lines[j]):
                break
            keep[j] = False


def _next_line(lines: list[str], i: int) -> int | None:
    return next((j for j in range(i + 1, len(lines)) if lines[j]), None)


def _header_end(lines: list[str], keep: list[bool]) -> int:
    """Index of the first kept paragraph: above it are headline, byline, dateline, caption."""
    return next((i for i, line in enumerate(lines) if keep[i] and _paragraph_like(line)),
                len(lines))


def _take_title(lines: list[str], keep: list[bool], known: str | None, outlet: str,
                out: _Stripped) -> str:
    """The headline: the known one, else the first substantial line; drop its repeats."""
    first = _first_substantial(lines, keep)
    title = " ".join((known or "").split())
    heads = {tuple(_words(line)) for line in lines if line and len(line) < 400}
    if not title and first is not None:
        if _headline_like(lines[first]):
            title = _strip_site_suffix(lines[first], heads, outlet)
            keep[first] = False
            out.title_line = first
        else:  # prose from the first line: a title is needed, the sentence stays in the body
            out.warnings.append("no headline line found; title taken from the first sentence")
            return _shorten(lines[first])
    elif title and first is not None and _headline_like(lines[first]) and \
            _similar(_strip_site_suffix(lines[first], heads, outlet), title):
        keep[first] = False
    if title:
        target = _words(title)
        for i, line in enumerate(lines):
            if keep[i] and line and len(line) < 400 and \
                    target in (_words(line), _words(_strip_site_suffix(line, heads, outlet))):
                keep[i] = False
    return title


def _first_substantial(lines: list[str], keep: list[bool]) -> int | None:
    """First kept line of 3+ words (or 15+ characters) above the first paragraph."""
    kept = [i for i, line in enumerate(lines) if keep[i]]
    for i in kept:
        if len(lines[i].split()) >= 3 or len(lines[i]) >= 15:
            return i
        if _paragraph_like(lines[i]):
            break
    return kept[0] if kept else None


def _strip_site_suffix(line: str, heads: set[tuple[str, ...]], outlet: str) -> str:
    """'Headline - Site name' -> 'Headline' when the tail is evidently a site name.

    Evident: the headline alone is printed on another line (``heads`` holds the
    word tuples of all short lines), the tail is the outlet, is not Arabic, or is
    a short name with a word like 'نيوز'/'TV'.
    """
    parts = _TITLE_SEP_RE.split(line)
    if len(parts) < 2:
        return line
    head, tail = line[: line.rfind(parts[-1])].rstrip(" -|–—:"), parts[-1]
    tail_words = _words(tail)
    if not head or len(_words(head)) < 2 or len(tail_words) > 6:
        return line
    evident = (
        tuple(_words(head)) in heads
        or (outlet and _words(outlet) == tail_words)
        or not _ARABIC_RE.search(tail)
        or (len(tail_words) <= 4 and any(w in _SITE_WORDS for w in tail_words))
    )
    return head if evident else line


def _similar(a: str, b: str) -> bool:
    wa, wb = set(_words(a)), set(_words(b))
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= 0.6


def _shorten(line: str, limit: int = 90) -> str:
    return line if len(line) <= limit else line[:limit].rsplit(" ", 1)[0] + "…"


def _drop_header_lines(lines: list[str], keep: list[bool], end: int, outlet: str,
                       out: _Stripped) -> None:
    """Above the first paragraph: the desk dateline and a byline/outlet line go."""
    for i in range(min(end, len(lines))):
        line = lines[i]
        if not keep[i] or not line or len(line) > 80:
            continue
        match = _DATELINE_RE.match(line.translate(_FOLD))  # 1:1 fold: spans still fit
        if match and not out.dateline:
            out.dateline = line[match.start("city"):match.end("city")].strip()
        elif _is_outlet_line(line, outlet):
            out.byline = out.byline or line
        elif not _is_author_line(line):
            continue
        keep[i] = False


def _is_outlet_line(line: str, outlet: str) -> bool:
    """'بلدي نيوز' under the headline: the outlet's name printed as a byline."""
    words = _words(line)
    if outlet and words == _words(outlet):
        return True
    return 0 < len(words) <= 3 and any(w in _SITE_WORDS for w in words) and \
        not line.endswith(tuple(_TERMINAL))


def _is_author_line(line: str) -> bool:
    """'بقلم: فلان', 'By X': an author byline, not a sentence."""
    return bool(_BYLINE_RE.match(_key(line))) and len(_words(line)) <= 6


def _paragraphs(lines: list[str], keep: list[bool], out: _Stripped) -> str:
    """Kept lines as paragraphs; in hard-wrapped text an open line continues below."""
    paragraphs: list[str] = []
    width = _wrap_width(lines, keep)
    joinable = False
    for i, line in enumerate(lines):
        if not line:
            joinable = False
            continue
        if not keep[i]:
            continue
        if not paragraphs and not out.dateline:
            line = _take_dateline_prefix(line, i, out)
        if joinable and paragraphs:
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
        joinable = bool(width) and len(line) >= 0.8 * width and \
            not line.endswith(tuple(_TERMINAL + ":"))
    return "\n\n".join(paragraphs)


def _wrap_width(lines: list[str], keep: list[bool]) -> int:
    """The width text was hard-wrapped at, or 0: lines that end mid-sentence near the
    longest line's length are wrapped lines (a heading is shorter than the width)."""
    kept = [line for i, line in enumerate(lines) if keep[i] and len(line) >= 20]
    if len(kept) < 3:
        return 0
    width = max(map(len, kept))
    if width > 120:
        return 0
    near = [line for line in kept if len(line) >= 0.8 * width]
    open_ended = [line for line in near if not line.endswith(tuple(_TERMINAL + ":"))]
    return width if len(open_ended) >= 2 and len(open_ended) >= 0.5 * len(near) else 0


def _take_dateline_prefix(line: str, index: int, out: _Stripped) -> str:
    """'دمشق - خاص: قالت مصادر...' -> dateline 'دمشق', paragraph 'قالت مصادر...'."""
    match = _DATELINE_PREFIX_RE.match(line.translate(_FOLD))
    if not match or len(line) - match.end() < 20:
        return line
    out.dateline = line[match.start("city"):match.end("city")].strip()
    out.partial.append((index, line[: match.end()].strip()))
    return line[match.end():]


# --- HTML and Markdown -------------------------------------------------------------------


@dataclass(slots=True)
class _Hints:
    """What markup says about an article besides its text (title, site, date, link)."""

    title: str = ""
    outlet: str = ""
    url: str = ""
    published: str = ""
    published_source: str = ""


_SKIP_TAGS = frozenset({"script", "style", "nav", "header", "footer", "aside", "noscript",
                        "template", "form", "button", "select", "svg", "iframe", "object",
                        "canvas", "textarea", "menu"})
_BLOCK_TAGS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
                         "blockquote", "figcaption", "article", "section", "main", "tr",
                         "td", "th", "pre", "dd", "dt", "table", "hr", "body", "figure",
                         "address"})
_VOID_TAGS = frozenset({"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area",
                        "base", "col", "embed", "param", "track"})
_DATE_META = ("article:published_time", "og:published_time", "datepublished", "pubdate",
              "publishdate", "publish-date", "dc.date", "dc.date.issued", "date",
              "parsely-pub-date", "sailthru.date")


class _HTMLText(HTMLParser):
    """Block text of a page, without scripts and site chrome; nothing is executed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.skip = 0
        self.in_title = False
        self.in_h1 = False
        self.title = ""
        self.h1 = ""
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k.lower(): (v or "") for k, v in attrs}
        if tag in ("meta", "link"):
            self._meta(tag, attr)
        if tag == "title":
            self.in_title = True
        elif tag == "h1" and not self.h1:
            self.in_h1 = True
        if tag in _SKIP_TAGS and tag not in _VOID_TAGS:
            self.skip += 1
        if tag == "br":
            self.chunks.append("\n")
        elif tag in _BLOCK_TAGS:
            self.chunks.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag == "h1":
            self.in_h1 = False
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag == "body":
            self.skip = 0
        if tag in _BLOCK_TAGS:
            self.chunks.append("\n\n")

    def handle_data(self, data: str) -> None:
        data = re.sub(r"[ \t\r\n\f]+", " ", data)
        if self.in_title:
            self.title += data
        if self.in_h1:
            self.h1 += data
        if not self.skip and not self.in_title:
            self.chunks.append(data)

    def _meta(self, tag: str, attr: dict[str, str]) -> None:
        if tag == "link" and "canonical" in attr.get("rel", "").lower().split():
            self.meta.setdefault("canonical", attr.get("href", ""))
            return
        name = (attr.get("property") or attr.get("name") or attr.get("itemprop") or "").lower()
        if name and attr.get("content"):
            self.meta.setdefault(name, attr["content"].strip())


def _html_to_text(html: str) -> tuple[str, _Hints]:
    """Headline first, then block text; the page's metadata as hints."""
    parser = _HTMLText()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # html.parser is lenient; this is only a last guard
        pass
    meta = parser.meta
    title = " ".join((parser.h1 or parser.title or meta.get("og:title", "")).split())
    body = "".join(parser.chunks)
    body = "\n".join(line.strip() for line in body.split("\n"))
    body = re.sub(r"\n{3,}", "\n\n", body).strip()
    hints = _Hints(outlet=meta.get("og:site_name", ""),
                   url=meta.get("canonical") or meta.get("og:url", ""))
    for name in _DATE_META:
        if meta.get(name):
            hints.published, hints.published_source = meta[name], f"html meta {name}"
            break
    text = f"{title}\n\n{body}" if title else body
    return text, hints


_FRONT_MATTER_RE = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


def _markdown_to_text(text: str) -> tuple[str, _Hints]:
    """Drop front matter (reading its title/date/url), heading marks, images, link targets."""
    hints = _Hints()
    match = _FRONT_MATTER_RE.match(text)
    if match:
        fields = dict(_front_matter_pairs(match.group(1)))
        hints.title = fields.get("title", "")
        hints.outlet = fields.get("outlet") or fields.get("source") or fields.get("site", "")
        hints.url = fields.get("url") or fields.get("link", "")
        hints.published = fields.get("published") or fields.get("date", "")
        hints.published_source = "markdown front matter" if hints.published else ""
        text = text[match.end():]
    text = re.sub(r"!\[[^\]\n]*\]\([^)\n]*\)", "", text)
    text = re.sub(r"\[([^\]\n]+)\]\([^)\n]*\)", r"\1", text)
    text = re.sub(r"(?m)^#{1,6}\s+", "", text)
    if hints.title:
        text = f"{hints.title}\n\n{text}"
    return text, hints


def _front_matter_pairs(block: str) -> Iterator[tuple[str, str]]:
    for line in block.split("\n"):
        key, sep, value = line.partition(":")
        if sep:
            yield key.strip().lower(), value.strip().strip("\"'")


# --- publication date --------------------------------------------------------------------


@dataclass(slots=True)
class _When:
    published: dt.date | None = None
    at: dt.datetime | None = None
    precision: str | None = None
    inferred: bool = False
    reason: str = "no date found"


def _parse_iso(value: str) -> tuple[dt.date, dt.datetime | None, str]:
    """ISO 8601 date, date-time (with offset) or year-month; ValueError if malformed."""
    value = value.strip()
    if re.fullmatch(r"\d{4}", value):
        return dt.date(int(value), 1, 1), None, "year"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        year, month = map(int, value.split("-"))
        return dt.date(year, month, 1), None, "month"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value), None, "day"
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ][\d:.,]+(?:Z|[+-]\d{2}:?\d{2})?", value):
        raise ValueError(f"not an ISO 8601 date: {value!r}")
    stamp = dt.datetime.fromisoformat(value)
    return stamp.date(), stamp, "day"


def _from_value(value: str, reason: str, warnings: list[str]) -> _When | None:
    """A printed date (CSV, HTML meta); a malformed one becomes a warning."""
    if not value or not value.strip():
        return None
    try:
        day, at, precision = _parse_iso(value)
    except ValueError:
        warnings.append(f"{reason}: published {value.strip()!r} is not an ISO 8601 date "
                        "(e.g. 2022-10-08 or 2022-10-08T17:41+03:00); ignored")
        return None
    return _When(day, at, precision, False, reason)


def _dates_module(warnings: list[str]) -> Any:
    """geo.dates, imported late (it is written alongside); None if not usable yet."""
    try:
        from geo.extract import when as dates
    except Exception as exc:
        warnings.append(f"geo.dates unavailable ({type(exc).__name__}: {exc}); "
                        "publication date only from metadata or a numeric stamp")
        return None
    return dates


def _from_stamp(stamps: list[str], header: list[str], dates: Any,
                warnings: list[str]) -> _When | None:
    """The page's publication stamp ('2022.10.08 | 17:41 دمشق'), if printed at the top."""
    candidates = [*stamps, "\n".join(header)] if header else list(stamps)
    for text in candidates:
        if not text.strip():
            continue
        found = _call(dates, "find_publication_date", warnings, text) if dates else None
        if found is None and text in stamps:
            found = _fallback_stamp(text)
        if found:
            value, _rule = found
            shown = text if text in stamps else _stamp_line(header, dates) or header[0]
            return _as_when(value, f'stamp "{shown}"')
    return None


def _drop_header_stamps(stripped: _Stripped, dates: Any) -> None:
    """Header lines geo.dates reads as a stamp ('بتاريخ 8 تشرين الأول 2022') leave the body."""
    if dates is None or not stripped.body:
        return
    paragraphs = stripped.body.split("\n\n")
    for line in stripped.header:
        if line in stripped.stamps or len(line.split()) > 12 or line not in paragraphs:
            continue
        try:
            found = dates.find_publication_date(line)
        except Exception:
            continue
        if found:
            paragraphs.remove(line)
            stripped.stamps.append(line)
            stripped.removed.append(line)
    stripped.body = "\n\n".join(paragraphs)


def _stamp_line(header: list[str], dates: Any) -> str:
    """The header line a stamp was read from (for the reason shown to analysts)."""
    for line in header:
        try:
            if dates.find_publication_date(line):
                return line
        except Exception:
            continue
    return ""


def _call(module: Any, name: str, warnings: list[str], *args: Any, **kwargs: Any) -> Any:
    """Call geo.dates defensively: its bug must cost a date, not the article."""
    func = getattr(module, name, None)
    if func is None:
        warnings.append(f"geo.dates has no {name}()")
        return None
    try:
        return func(*args, **kwargs)
    except Exception as exc:
        warnings.append(f"geo.dates.{name} failed: {type(exc).__name__}: {exc}")
        return None


def _as_when(value: dt.date | dt.datetime, reason: str) -> _When:
    if isinstance(value, dt.datetime):
        return _When(value.date(), value, "day", False, reason)
    return _When(value, None, "day", False, reason)


# Same convention as geo.dates: Damascus stamps read as UTC+03:00 all year.
_UTC_OFFSET_BY_CITY = {**dict.fromkeys(("دمشق", "اسطنبول", "بغداد", "الدوحه", "الرياض", "مكه"), 3),
                       **dict.fromkeys(("gmt", "utc", "غرينتش"), 0)}


def _fallback_stamp(line: str) -> tuple[dt.date | dt.datetime, str] | None:
    """Minimal stamp parser for when geo.dates is not there: numeric or 'D month YYYY'."""
    key = _key(line)
    m = re.search(r"(\d{4})[./-](\d{1,2})[./-](\d{1,2})", key)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif m := re.search(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})", key):
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
    elif m := re.search(rf"(\d{{1,2}})\s*({_MON})(?:\s*/\s*(?:{_MON}))?\s*,?\s*(\d{{4}})", key):
        d, mo, y = int(m[1]), _MONTHS[m[2]], int(m[3])
    else:
        return None
    try:
        day = dt.date(y, mo, d)
    except ValueError:
        return None
    t = re.search(r"(\d{1,2}):(\d{2})\s*(م|pm|مساء)?", key)
    if not t:
        return day, "fallback numeric stamp"
    hour = int(t[1]) + (12 if t[3] and int(t[1]) < 12 else 0)
    try:
        stamp = dt.datetime(y, mo, d, hour, int(t[2]), tzinfo=_stamp_zone(key))
    except ValueError:
        return day, "fallback numeric stamp"
    return stamp, "fallback numeric stamp"


def _stamp_zone(key: str) -> dt.tzinfo | None:
    words = key.split()
    for city, hours in _UTC_OFFSET_BY_CITY.items():
        if city in words:
            return dt.timezone(dt.timedelta(hours=hours))
    return None


_AFTER_CUES: tuple[tuple[str, int, str], ...] = (
    ("الاسبوع الماضي", 7, "الأسبوع الماضي"), ("الاسبوع الفائت", 7, "الأسبوع الفائت"),
    ("قبل ايام", 3, "قبل أيام"), ("قبل يومين", 2, "قبل يومين"), ("امس", 1, "أمس"),
    ("البارحه", 1, "البارحة"), ("الماضي", 2, "الماضي"), ("الفائت", 2, "الفائت"),
)


def _infer(body: str, dates: Any, warnings: list[str]) -> _When:
    """Latest absolute date in the text: a lower bound for publication (flagged inferred)."""
    if dates is None:
        return _When(reason="no date found (geo.dates unavailable)")
    found = _call(dates, "find_dates", warnings, body, anchor=None) or []
    usable = [d for d in found if not getattr(d, "relative", False)
              and isinstance(getattr(d, "last", None), dt.date)
              and getattr(d, "precision", None) in ("day", "month", "year")]
    usable += _weekday_dated(body, dates, warnings)
    for precision in ("day", "month", "year"):
        same = [d for d in usable if d.precision == precision]
        if same:
            return _infer_from(max(same, key=lambda d: d.last), precision, body)
    return _When(reason="no date found")


@dataclass(frozen=True, slots=True)
class _WeekdayDate:
    """A day-and-month date whose year was fixed by the weekday the text gives with it."""

    start: int
    end: int
    text: str
    last: dt.date
    precision: str = "day"
    relative: bool = False


_WEEKDAY_NUMBERS = {"الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4,
                    "السبت": 5, "الاحد": 6}
_WEEKDAY_DATE_RE = re.compile(
    r"(?<!\w)(?:يوم\s+)?(" + "|".join(_WEEKDAY_NUMBERS) + r")(?:\s+(?:الماضي|الفائت|المنصرم))?"
    r"\s*[،,(-]?\s*(\d{1,2}\s+[^\d\n]{3,30})"
)
#: How many years back a weekday-consistent year is looked for.
_WEEKDAY_YEARS = 40


def _weekday_dated(body: str, dates: Any, warnings: list[str]) -> list[_WeekdayDate]:
    """'يوم الخميس الماضي 6 تشرين الأول' with no year: the latest year in which 6 October
    was a Thursday (not after today). A calendar fact, so an undated article still gets
    an anchor; the reason names the rule."""
    out: list[_WeekdayDate] = []
    folded = FoldedText.of(body)
    key = folded.folded
    today = dt.date.today()
    for m in _WEEKDAY_DATE_RE.finditer(key):
        probe = _call(dates, "find_dates", warnings, m.group(2), anchor=dt.date(2099, 12, 31))
        day_exprs = [d for d in probe or [] if getattr(d, "precision", None) == "day"]
        if not day_exprs or day_exprs[0].start != 0 or re.search(r"\d{4}", m.group(2)):
            continue  # no day-and-month right after the weekday, or the text gives the year
        month, day = day_exprs[0].first.month, day_exprs[0].first.day
        weekday = _WEEKDAY_NUMBERS[m.group(1)]
        for year in range(today.year, today.year - _WEEKDAY_YEARS, -1):
            try:
                candidate = dt.date(year, month, day)
            except ValueError:
                continue
            if candidate <= today and candidate.weekday() == weekday:
                start = folded.to_original(m.start())
                end = folded.to_original(m.start(2) + day_exprs[0].end, end=True)
                out.append(_WeekdayDate(start, end,
                                        f"{body[start:end]} (the weekday fixes the year)",
                                        candidate))
                break
    return out


def _infer_from(expr: Any, precision: str, body: str) -> _When:
    """Turn the latest date into a publication estimate, shifted by 'last week'-type cues."""
    shown = " ".join(str(getattr(expr, "text", "") or expr.last).split())
    day: dt.date = expr.last
    if precision == "year":
        return _When(dt.date(day.year, 1, 1), None, "year", True,
                     f"only a year in the text ({shown}): publication not before it")
    if precision == "month":
        return _When(dt.date(day.year, day.month, 1), None, "month", True,
                     f"latest month in text ({shown})")
    cue = _after_cue(expr, body)
    reason = f"latest date in text ({shown})"
    if cue:
        days, label = cue
        day = day + dt.timedelta(days=days)
        reason += f' + "{label}" (+{days} days)'
    return _When(day, None, "day", True, reason)


def _after_cue(expr: Any, body: str) -> tuple[int, str] | None:
    """A cue saying the date lies in the past: near it, or 'last week' anywhere."""
    start = int(getattr(expr, "start", 0) or 0)
    end = int(getattr(expr, "end", start) or start)
    near = _key(body[max(0, start - 40): end + 40])
    whole = _key(body)
    for needle, days, label in _AFTER_CUES:
        if re.search(rf"(?<!\w){needle}(?!\w)", near):
            return days, label
    for needle, days, label in _AFTER_CUES[:2]:
        if needle in whole:
            return days, label
    return None


# --- reading one article -----------------------------------------------------------------


def read_article(path: str | Path, *, meta: dict | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read one article file.

    Parameters
    ----------
    path : path
        A .txt, .md or .html/.htm file.
    meta : dict, optional
        Its metadata row (keys ``title``, ``outlet``, ``url``, ``published``; others
        ignored), as :func:`read_metadata` returns. Metadata wins over the text.
    max_bytes : int
        Larger files are refused (default 20 MB).

    Raises
    ------
    ArticleReadError
        Naming the file: missing, not a file, too large, empty, binary, undecodable.
    """
    path = Path(path)
    raw = _read_bytes(path, max_bytes)
    try:
        decoded = _decode(raw)
    except UndecodableError as exc:
        raise ArticleReadError(path, str(exc)) from None
    text = _clean_text(decoded.text)
    if not text.strip():
        raise ArticleReadError(path, "empty (only whitespace)")
    return _build(path, raw, decoded, text, meta or {})


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; a file over ``max_bytes`` is refused from its size, unread."""
    try:
        if not path.exists():
            raise ArticleReadError(path, "no such file")
        if not path.is_file():
            raise ArticleReadError(path, "not a regular file")
        size = path.stat().st_size
        if size > max_bytes:
            raise ArticleReadError(path, f"too large: {_mb(size)} > limit {_mb(max_bytes)}; "
                                         f"{_RAISE_LIMIT}")
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)  # it may have grown since stat()
    except OSError as exc:
        raise ArticleReadError(path, f"unreadable: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:
        raise ArticleReadError(path, f"too large: over limit {_mb(max_bytes)}; {_RAISE_LIMIT}")
    if not raw:
        raise ArticleReadError(path, "empty")
    return raw


_RAISE_LIMIT = "to read it, raise the limit: --max-mb N (python -m geo build|report), or max_bytes="


def _mb(size: int) -> str:
    """A size for a message: MB, or bytes when that would show as 0.0 MB."""
    return f"{size / 1024 / 1024:.1f} MB" if size >= 100 * 1024 else f"{size:,} bytes"


def _build(path: Path, raw: bytes, decoded: _Decoded, text: str, meta: dict) -> Article:
    warnings = list(decoded.warnings)
    controls = len(_BIDI_CONTROLS.findall(text))
    if controls:
        warnings.append(f"holds {controls} bidi control character(s) (embedding, override or "
                        "isolate); kept as written, each field is shown isolated")
    hints = _Hints()
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm") or (suffix not in (".txt", ".md") and _looks_html(text)):
        text, hints = _html_to_text(text)
    elif suffix == ".md":
        text, hints = _markdown_to_text(text)
    meta_title = _meta_value(meta, "title")
    outlet = _meta_value(meta, "outlet") or " ".join(hints.outlet.split())
    stripped = _strip(text, known_title=meta_title or None, outlet=outlet)
    dates_warnings: list[str] = []
    dates = _dates_module(dates_warnings)
    _drop_header_stamps(stripped, dates)
    warnings += stripped.warnings
    if not stripped.body:
        warnings.append("body is empty after removing page furniture")
    source = str(meta.get("_source") or "metadata")
    when = (_from_value(_meta_value(meta, "published"), source, warnings)
            or _from_value(hints.published, hints.published_source, warnings))
    if when is None:
        warnings += dates_warnings
        when = _from_stamp(stripped.stamps, stripped.header, dates, warnings) \
            or _infer(stripped.body, dates, warnings)
    url = _safe_url(_meta_value(meta, "url") or hints.url, warnings)
    return Article(
        id=path.stem, path=str(path), title=_one_line(stripped.title), outlet=outlet or
        _one_line(stripped.byline), url=url, published=when.published, published_at=when.at,
        published_precision=when.precision, published_inferred=when.inferred,
        published_reason=when.reason, body=stripped.body, encoding=decoded.encoding,
        sha256=hashlib.sha256(raw).hexdigest(), dateline=stripped.dateline,
        warnings=tuple(warnings),
    )


def _looks_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head


def _meta_value(meta: dict, key: str) -> str:
    value = meta.get(key)
    return _clean_text(str(value)).strip() if value is not None else ""


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _safe_url(url: str, warnings: list[str]) -> str:
    """Only absolute http(s) links survive (why: the map turns them into hrefs)."""
    url = url.strip()
    if not url:
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.netloc \
            or any(c.isspace() or ord(c) < 32 or c in "<>\"'`" for c in url):
        warnings.append(f"url {url[:80]!r} ignored: only absolute http(s) links are kept")
        return ""
    return url


# --- metadata CSV ------------------------------------------------------------------------


def read_metadata(csv_path: str | Path) -> tuple[dict[str, dict], list[str]]:
    """Rows of an ``articles.csv``, keyed by file name and by stem, plus warnings.

    Columns: ``file`` (required) and any of ``title, outlet, url, published``;
    extra columns are kept in the row but ignored by the reader. A bad row is a
    warning, never an exception; the first of duplicate rows wins. Each row also
    carries ``_source`` (the CSV name) and ``_line``.

    Raises
    ------
    CorpusError
        Only if the file cannot be read or decoded at all, or has no ``file`` column.
    """
    path = Path(csv_path)
    try:
        raw = path.read_bytes()
        text = _clean_text(_decode(raw).text) if raw else ""
    except (OSError, UndecodableError) as exc:
        raise CorpusError(f"{path}: cannot read the metadata CSV ({exc}); "
                          "fix or remove it") from None
    rows: dict[str, dict] = {}
    warnings: list[str] = []
    reader = csv.reader(io.StringIO(text))
    header = _csv_header(reader, path, warnings)
    if header is None:
        return rows, warnings
    seen: dict[str, int] = {}
    for line_no, values in _csv_rows(reader, path, warnings):
        row = _csv_row(header, values, path, line_no, warnings)
        if row is None:
            continue
        name = Path(row["file"].replace("\\", "/")).name
        if name in seen:
            warnings.append(f"{path.name} line {line_no}: duplicate row for {name!r} "
                            f"(first at line {seen[name]}); ignored")
            continue
        seen[name] = line_no
        row.update(_source=path.name, _line=line_no)
        rows[name] = row
        rows.setdefault(Path(name).stem, row)
    return rows, warnings


def _csv_header(reader: Iterator[list[str]], path: Path, warnings: list[str]) -> list[str] | None:
    try:
        header = [h.strip().lower() for h in next(reader, [])]
    except csv.Error as exc:
        raise CorpusError(f"{path}: unreadable CSV header ({exc})") from None
    if not header:
        warnings.append(f"{path.name}: empty metadata file")
        return None
    if "file" not in header:
        raise CorpusError(f"{path}: the metadata CSV needs a 'file' column; "
                          f"found {', '.join(header)}")
    missing = [c for c in METADATA_COLUMNS if c not in header]
    if missing:
        warnings.append(f"{path.name}: missing column(s) {', '.join(missing)}")
    return header


def _csv_rows(reader: Any, path: Path, warnings: list[str]) -> Iterator[tuple[int, list[str]]]:
    """Rows with their (first) line numbers; a row the csv module rejects is skipped.

    A row over several lines is kept but warned about: it is how an unbalanced
    quote shows, swallowing every row after it into one field.
    """
    while True:
        start = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            warnings.append(f"{path.name} line {reader.line_num}: malformed row ({exc}); skipped")
            continue
        if reader.line_num > start and any("\n" in v for v in values):
            warnings.append(f"{path.name} lines {start}-{reader.line_num}: one row spans "
                            f"{reader.line_num - start + 1} lines (a quoted field with line "
                            "breaks: check for an unbalanced quote)")
        if any(v.strip() for v in values):
            yield start, values


def _csv_row(header: list[str], values: list[str], path: Path, line_no: int,
             warnings: list[str]) -> dict | None:
    where = f"{path.name} line {line_no}"
    if len(values) != len(header):
        warnings.append(f"{where}: {len(values)} field(s), header has {len(header)}")
    row = {h: (values[i].strip() if i < len(values) else "") for i, h in enumerate(header)}
    if not row.get("file"):
        warnings.append(f"{where}: no file name; row ignored")
        return None
    published = row.get("published", "")
    if published:
        try:
            _parse_iso(published)
        except ValueError:
            warnings.append(f"{where}: published {published!r} is not an ISO 8601 date; "
                            "the date will be taken from the text")
    url = row.get("url", "")
    if url and not _safe_url(url, []):
        warnings.append(f"{where}: url {url[:80]!r} is not an http(s) link; ignored")
    return row


# --- reading a folder --------------------------------------------------------------------


def iter_corpus(folder: str | Path, *, pattern: tuple[str, ...] = DEFAULT_PATTERNS,
                metadata: str | Path | None = "articles.csv",
                max_bytes: int = DEFAULT_MAX_BYTES,
                recursive: bool = False) -> Iterator[Article | FileReport]:
    """Yield an :class:`Article` per readable file and a :class:`FileReport` per other one.

    Files come in sorted order (those sharing a stem together, the one that keeps
    it as id first: see below). ``metadata`` is the CSV (relative to ``folder``
    unless absolute; None for none); if it has warnings, a FileReport with
    status 'metadata' carrying them is yielded first. Files that match no
    ``pattern`` are reported as skipped (unsupported type); hidden files are
    ignored. A file with the same bytes (and metadata) as one already read is
    reported with status 'duplicate'. Files sharing a stem ('a.txt', 'a.html',
    'sub/a.txt') are all read: the one of highest rank (shallowest, then .txt,
    .md, .html, .htm) keeps the stem as its id, the others are read under their
    relative path ('a.html', 'sub/a.txt') with a warning saying so. Never raises
    for a bad file.

    Raises
    ------
    CorpusError
        If ``folder`` does not exist or is not a folder, or the CSV is unreadable.
    """
    root = _check_folder(folder)
    rows, csv_path, warnings = _load_metadata(root, metadata)
    return _iter_files(root, rows, csv_path, warnings, pattern, max_bytes, recursive)


def _iter_files(root: Path, rows: dict[str, dict], csv_path: Path | None, warnings: list[str],
                pattern: tuple[str, ...], max_bytes: int,
                recursive: bool) -> Iterator[Article | FileReport]:
    files = _list_files(root, recursive, csv_path)
    warnings += _unmatched_rows(rows, files)
    if warnings and csv_path is not None:
        yield FileReport(file=csv_path.name, status="metadata", warnings=warnings)
    ids = _IdPlan(root, [p for p in files if _matches(p.name, pattern)])
    seen: _Seen = {}  # sha256 -> (file, article id, its CSV fields) of each read
    for path in ids.reading_order(files):
        name = _rel(root, path)
        if not _matches(path.name, pattern):
            yield FileReport(name, "skipped", f"unsupported file type {path.suffix or '(none)'!r}"
                             f"; expected {', '.join(pattern)}")
            continue
        meta = ids.meta(path, rows)
        item = _read_one(path, name, meta, max_bytes)
        if isinstance(item, Article):
            duplicate = _duplicate(item, name, meta, seen)
            if duplicate is not None:
                yield duplicate
                continue
            item = ids.assign(item, path, name)
            entry = (name, item.id, _meta_fields(meta))
            seen.setdefault(item.sha256, []).append(entry)
            seen.setdefault(_text_digest(item), []).append(entry)
        yield item


def _rel(root: Path, path: Path) -> str:
    """The name a file goes by in reports: its path relative to the corpus, with '/'."""
    return path.relative_to(root).as_posix()


def _read_one(path: Path, name: str, meta: dict | None, max_bytes: int) -> Article | FileReport:
    """The article, or a report saying why not (why: one bad file must not stop a corpus)."""
    try:
        return read_article(path, meta=meta, max_bytes=max_bytes)
    except ArticleReadError as exc:
        return FileReport(name, "skipped", exc.reason)
    except Exception as exc:  # a bug must cost one file, not the corpus
        return FileReport(name, "skipped", f"internal error: {type(exc).__name__}: {exc}")


_Seen = dict[str, list[tuple[str, str, tuple[str, ...] | None]]]


def _duplicate(article: Article, name: str, meta: dict | None, seen: _Seen) -> FileReport | None:
    """A 'duplicate' report when the same bytes were read before, else None.

    Why: reading a copy twice would make one article look like two sources of
    every incident it reports. Copies that both have ``articles.csv`` rows that
    differ (title, outlet, link, date) are two publications, and are both read.
    """
    fields = _meta_fields(meta)
    for key, what in ((article.sha256, "same content as {}"),
                      (_text_digest(article), "same text as {} in other bytes (another "
                                              "encoding or line endings)")):
        for first, first_id, first_fields in seen.get(key, ()):
            if fields is None or first_fields is None or fields == first_fields:
                return FileReport(name, "duplicate", f"{what.format(first)} (article "
                                  f"{first_id!r}); not read twice", encoding=article.encoding)
    return None


def _text_digest(article: Article) -> str:
    """A key of what the article says (why: one text saved in two encodings is one source)."""
    text = "\x00".join((article.title, article.outlet, article.body))
    return "text:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _meta_fields(meta: dict | None) -> tuple[str, ...] | None:
    if meta is None:
        return None
    return tuple(_meta_value(meta, k) for k in ("title", "outlet", "url", "published"))


_SUFFIX_RANK = {".txt": 0, ".md": 1, ".html": 2, ".htm": 3}


class _IdPlan:
    """Article ids: the stem, unique across the folder (why: ids key every result).

    Of files sharing a stem the shallowest, then .txt before .md/.html, keeps the
    stem, whatever order they are read in and whether it is readable, so adding
    'a.html' next to 'a.txt' does not rename 'a'. The others get their relative
    path ('a.html', 'sub/a.txt'), with '~2', '~3' if even that is taken.
    """

    def __init__(self, root: Path, files: list[Path]) -> None:
        self.root = root
        groups: dict[str, list[Path]] = {}
        for path in files:
            groups.setdefault(path.stem, []).append(path)
        self.owner = {stem: min(paths, key=self._rank) for stem, paths in groups.items()}
        self.shared = {stem for stem, paths in groups.items() if len(paths) > 1}
        self.taken = set(groups)

    def _rank(self, path: Path) -> tuple[int, int, str]:
        rel = path.relative_to(self.root)
        return len(rel.parts), _SUFFIX_RANK.get(path.suffix.lower(), len(_SUFFIX_RANK)), str(rel)

    def reading_order(self, files: list[Path]) -> list[Path]:
        """Sorted, but files sharing a stem together and its owner first.

        Why: a copy of the owner under another name is then the one reported as
        the duplicate, and the owner keeps its id.
        """
        first: dict[str, int] = {}
        for i, path in enumerate(files):
            first.setdefault(path.stem, i)
        return sorted(files, key=lambda p: (first[p.stem], self._rank(p)))

    def meta(self, path: Path, rows: dict[str, dict]) -> dict | None:
        """The CSV row by file name; by stem only when the stem names one file."""
        row = rows.get(path.name)
        if row is None and path.stem not in self.shared:
            row = rows.get(path.stem)
        return row

    def assign(self, article: Article, path: Path, name: str) -> Article:
        owner = self.owner.get(path.stem, path)
        if owner == path:
            return article
        new, n = name, 2
        while new in self.taken:
            new, n = f"{name}~{n}", n + 1
        self.taken.add(new)
        note = (f"article id {path.stem!r} belongs to {_rel(self.root, owner)} (same name); "
                f"this file is read as article {new!r}")
        return dataclasses.replace(article, id=new, warnings=(*article.warnings, note))


def read_corpus(folder: str | Path, *, pattern: tuple[str, ...] = DEFAULT_PATTERNS,
                metadata: str | Path | None = "articles.csv",
                max_bytes: int = DEFAULT_MAX_BYTES, recursive: bool = False) -> CorpusResult:
    """Every article of ``folder`` and a report for every file (see :func:`iter_corpus`).

    Examples
    --------
    >>> seeds = Path(__file__).resolve().parent.parent / "seeds"
    >>> result = read_corpus(seeds)
    >>> [r.status for r in result.reports]
    ['read', 'read', 'read', 'read', 'read']
    """
    result = CorpusResult(articles=[], reports=[])
    for item in iter_corpus(folder, pattern=pattern, metadata=metadata, max_bytes=max_bytes,
                            recursive=recursive):
        if isinstance(item, Article):
            result.articles.append(item)
            result.reports.append(FileReport(
                file=Path(item.path).relative_to(Path(folder)).as_posix(), status="read",
                encoding=item.encoding, warnings=list(item.warnings)))
        elif item.status == "metadata":
            result.warnings.extend(item.warnings)
        else:
            result.reports.append(item)
    return result


def _check_folder(folder: str | Path) -> Path:
    root = Path(folder)
    if not root.exists():
        raise CorpusError(f"corpus folder {str(root)!r} does not exist; give a folder of "
                          "article files (.txt, .html, .md)")
    if not root.is_dir():
        raise CorpusError(f"corpus folder {str(root)!r} is not a folder; to read one file "
                          "use read_article()")
    return root


def _load_metadata(root: Path, metadata: str | Path | None
                   ) -> tuple[dict[str, dict], Path | None, list[str]]:
    if metadata is None:
        return {}, None, []
    path = Path(metadata)
    path = path if path.is_absolute() else root / path
    if not path.is_file():
        return {}, None, []
    rows, warnings = read_metadata(path)
    return rows, path, warnings


def _list_files(root: Path, recursive: bool, csv_path: Path | None) -> list[Path]:
    found = root.rglob("*") if recursive else root.iterdir()
    files = [p for p in found if p.is_file() and not p.name.startswith(".")
             and not any(part.startswith(".") for part in p.relative_to(root).parts)]
    if csv_path is not None:
        files = [p for p in files if p.resolve() != csv_path.resolve()]
    return sorted(files, key=lambda p: str(p.relative_to(root)))


def _matches(name: str, pattern: Iterable[str]) -> bool:
    return any(fnmatch.fnmatch(name.lower(), p.lower()) for p in pattern)


def _unmatched_rows(rows: dict[str, dict], files: list[Path]) -> list[str]:
    """Warn about CSV rows that name no file in the folder."""
    names = {p.name for p in files} | {p.stem for p in files}
    warnings = []
    for key, row in rows.items():
        if key != Path(row["file"].replace("\\", "/")).name:
            continue  # the stem alias of a row
        if key not in names and Path(key).stem not in names:
            warnings.append(f"{row.get('_source', 'metadata')} line {row.get('_line', '?')}: "
                            f"no file {key!r} in the folder")
    return warnings
