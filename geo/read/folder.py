"""A folder of articles: every file read or reported, with stable ids and no copies.

Why a room of its own: a corpus folder is whatever a user saved, so besides
articles it holds images, binaries, empty files, copies of one story under other
names or encodings, and files sharing a name ('a.txt', 'a.html'). Each file gets
exactly one outcome (an :class:`~geo.read.article.Article`, or a
:class:`FileReport` saying why not), ids stay the same from run to run, and one
bad file never stops a corpus. :func:`iter_corpus` streams; :func:`read_corpus`
collects.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .article import DEFAULT_MAX_BYTES, Article, read_article
from .errors import ArticleReadError, CorpusError
from .metadata import meta_value, read_metadata
from .walk import Entry, list_entries

__all__ = ["DEFAULT_PATTERNS", "CorpusResult", "FileReport", "ReadFiles", "iter_corpus",
           "iter_folders", "read_corpus", "read_file"]

#: The files a corpus folder is read for; others are reported as skipped.
DEFAULT_PATTERNS: tuple[str, ...] = ("*.txt", "*.html", "*.htm", "*.md")


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


#: How the files of a folder are read: given ``(path, name, csv row, max_bytes)`` tuples
#: lazily, it yields :func:`read_file` of each, in order (by default here, one by one;
#: the pipeline's ``--jobs`` reads them in its worker processes).
ReadFiles = Callable[[Iterator[tuple[Path, str, dict | None, int]]],
                     Iterator[Article | FileReport]]


def iter_corpus(folder: str | Path, *, pattern: tuple[str, ...] = DEFAULT_PATTERNS,
                metadata: str | Path | None = "articles.csv",
                max_bytes: int = DEFAULT_MAX_BYTES,
                recursive: bool = False,
                read_files: ReadFiles | None = None) -> Iterator[Article | FileReport]:
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

    A CSV that cannot be read at all (binary, no ``file`` column, unreadable) is one
    warning in that first report, and the articles are read without metadata.

    ``read_files`` reads the files (see :data:`ReadFiles`): each file on its own, so it
    may be done elsewhere; ids and copies, which need the folder, are settled here.

    Raises
    ------
    CorpusError
        If ``folder`` does not exist, is not a folder or cannot be listed (naming it).
    """
    root = _check_folder(folder)
    entries = list_entries(root, recursive=recursive)  # now: an unreadable folder raises here
    rows, csv_path, warnings = _load_metadata(root, metadata)
    return _iter_files(root, entries, rows, csv_path, warnings, pattern, max_bytes,
                       read_files or _read_here)


def _read_here(tasks: Iterator[tuple[Path, str, dict | None, int]]) -> Iterator[Article | FileReport]:
    return (read_file(*task) for task in tasks)


def _iter_files(root: Path, entries: list[Entry], rows: dict[str, dict], csv_path: Path | None,
                warnings: list[str], pattern: tuple[str, ...],
                max_bytes: int, read_files: ReadFiles) -> Iterator[Article | FileReport]:
    files, refused = _sort_entries(root, entries, csv_path, pattern)
    warnings += _unmatched_rows(rows, [*files, *(Path(r.file) for r in refused)])
    if warnings and csv_path is not None:
        yield FileReport(file=csv_path.name, status="metadata", warnings=warnings)
    yield from refused
    ids = _IdPlan(root, [p for p in files if _matches(p.name, pattern)])
    seen: _Seen = {}  # sha256 -> (file, article id, its CSV fields) of each read
    plan = [(path, _rel(root, path), ids.meta(path, rows), _matches(path.name, pattern))
            for path in ids.reading_order(files)]
    # a list, not a generator: a reader in worker processes sees how many files are left
    # and cuts the last chunks small, so that no worker idles while another ends a big one
    read = read_files(iter([(path, name, meta, max_bytes) for path, name, meta, ok in plan if ok]))
    for path, name, meta, ok in plan:
        if not ok:
            yield FileReport(name, "skipped", f"unsupported file type {path.suffix or '(none)'!r}"
                             f"; expected {', '.join(pattern)}")
            continue
        yield _settle(next(read), path, name, meta, ids, seen)


def _settle(item: Article | FileReport, path: Path, name: str, meta: dict | None, ids: _IdPlan,
            seen: _Seen) -> Article | FileReport:
    """The article under its id, or a report: unreadable, or a copy of one read before."""
    if not isinstance(item, Article):
        return item
    digest = _text_digest(item)  # once: the duplicate check and the record both need it
    duplicate = _duplicate(item, name, meta, seen, digest)
    if duplicate is not None:
        return duplicate
    item = ids.assign(item, path, name)
    entry = (name, item.id, _meta_fields(meta))
    seen.setdefault(item.sha256, []).append(entry)
    seen.setdefault(digest, []).append(entry)
    return item


def _rel(root: Path, path: Path) -> str:
    """The name a file goes by in reports: its path relative to the corpus, with '/'."""
    return path.relative_to(root).as_posix()


def read_file(path: Path, name: str, meta: dict | None, max_bytes: int) -> Article | FileReport:
    """The article of one file, or a report saying why not (why: one bad file must not stop
    a corpus); ``name`` is the file's name in reports, ``meta`` its CSV row. Its id is the
    file's stem until :func:`iter_corpus` settles it."""
    try:
        return read_article(path, meta=meta, max_bytes=max_bytes)
    except ArticleReadError as exc:
        return FileReport(name, "skipped", exc.reason)
    except Exception as exc:  # a bug must cost one file, not the corpus
        return FileReport(name, "skipped", f"internal error: {type(exc).__name__}: {exc}")


_Seen = dict[str, list[tuple[str, str, tuple[str, ...] | None]]]


def _duplicate(article: Article, name: str, meta: dict | None, seen: _Seen,
               digest: str) -> FileReport | None:
    """A 'duplicate' report when the same bytes were read before, else None.

    Why: reading a copy twice would make one article look like two sources of
    every incident it reports. Copies that both have ``articles.csv`` rows that
    differ (title, outlet, link, date) are two publications, and are both read.
    ``digest`` is the article's :func:`_text_digest`.
    """
    fields = _meta_fields(meta)
    for key, what in ((article.sha256, "same content as {}"),
                      (digest, "same text as {} in other bytes (another encoding or "
                               "line endings)")):
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
    return tuple(meta_value(meta, k) for k in ("title", "outlet", "url", "published"))


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
        self.ranks = {path: self._rank(path) for path in files}  # each worked out once
        self.owner = {stem: min(paths, key=self.ranks.__getitem__)
                      for stem, paths in groups.items()}
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
        return sorted(files, key=lambda p: (first[p.stem], self.ranks.get(p) or self._rank(p)))

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
    >>> seeds = Path(__file__).resolve().parents[2] / "seeds"
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


def iter_folders(folders: Sequence[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES,
                 read_files: ReadFiles | None = None) -> Iterator[Article | FileReport]:
    """:func:`iter_corpus` over several folders in turn, as ONE corpus (the corpus, then
    the uploads): what the dashboard reads and ``python -m geo build --uploads`` too, so
    both see the same articles under the same ids in the same order.

    An article whose id was read from an earlier folder is reported as skipped (the
    first folder wins: an upload never replaces a corpus article). Reports name files
    by bare name, so those of the later folders carry the folder's name: 'a.txt
    (uploads)'.

    Raises
    ------
    CorpusError
        When a folder is reached that does not exist or cannot be listed.
    """
    seen: dict[str, str] = {}
    for n, folder in enumerate(folders):
        suffix = "" if n == 0 else f" ({Path(folder).name})"
        for item in iter_corpus(folder, max_bytes=max_bytes, read_files=read_files):
            if not isinstance(item, Article):
                yield dataclasses.replace(item, file=item.file + suffix) if suffix else item
                continue
            where = Path(item.path or item.id).name + suffix
            if item.id in seen:
                yield FileReport(where, "skipped", f"duplicate article id {item.id!r} "
                                 f"(already read from {seen[item.id]})")
                continue
            seen[item.id] = where
            yield item


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
    given = Path(metadata)
    path = given if given.is_absolute() else root / given
    if not path.is_file():
        return {}, None, []
    if not given.is_absolute() and not path.resolve().is_relative_to(root.resolve()):
        return {}, path, [f"{given}: a link to a file outside the corpus folder; links are "
                          "not followed out of the corpus, the articles are read without "
                          "their metadata"]
    try:
        rows, warnings = read_metadata(path)
    except CorpusError as exc:  # a bad file costs only itself: the articles are still read
        return {}, path, [f"{exc}; the articles are read without their metadata"]
    return rows, path, warnings


def _sort_entries(root: Path, entries: list[Entry], csv_path: Path | None,
                  pattern: tuple[str, ...]) -> tuple[list[Path], list[FileReport]]:
    """The files to read, and a report for every entry that is not read.

    Why links are sorted out here: one leading out of the corpus must never be read
    (``passwd.txt -> /etc/passwd``), and one leading to an article listed beside it
    would make one story two sources; both are reported by name instead.
    """
    csv_real = csv_path.resolve() if csv_path is not None else None
    # resolved paths (a system call each) only when a link or a CSV needs them
    readable = {e.path.resolve() for e in entries if not e.problem and e.target is None
                and _matches(e.path.name, pattern)} \
        if any(e.target is not None for e in entries) else set()
    files: list[Path] = []
    refused: list[FileReport] = []
    for entry in entries:
        name = _rel(root, entry.path)
        if entry.problem:
            refused.append(FileReport(name, "skipped", entry.problem))
        elif csv_real is not None and (entry.target or entry.path.resolve()) == csv_real:
            continue
        elif entry.target is not None and entry.target in readable:
            refused.append(FileReport(name, "duplicate", f"a link to {_rel(root.resolve(), entry.target)}"
                                      ", which is read under its own name; not read twice"))
        else:
            files.append(entry.path)
    return files, refused


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
