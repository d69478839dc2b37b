"""The whole pipeline on a folder of articles: read, extract, merge, build layers, report.

Articles are streamed from the folder one at a time and each article's
extraction (its :class:`ArticleResult`) is cached on disk by content: the key
is the file's SHA-256 and metadata, the gazetteer's data version and the code
version, so a second run on the same corpus only merges and builds layers, and
any change to the data or the code invalidates the cache without a manual
flush. Past 10,000 articles the run's results themselves wait on disk until
the layers and the report are built (:mod:`geo.shelf`): ``PipelineResult.results``
is then a read-only mapping that reads each back when asked.

Cache location: ``cache_dir`` if given, else ``$NES_OSINT_CACHE``, else
``$XDG_CACHE_HOME/nes-osint``, else ``.cache/nes-osint`` in the project (or
``~/.cache/nes-osint`` when the project folder is not writable). Entries are
checked JSON, never code (:mod:`geo.cache`); a folder others can write is
refused, and the run goes on without the cache with a warning in the report.

Articles are kept whatever their publication date; a date before 1900 or after
tomorrow is a warning on the article, and the report's ``dates`` gives the span
of plausible dates (what a date slider may use). File names that are not UTF-8
are shown with visible escapes (:mod:`geo.names`) in ids and in the report.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import itertools
import os
import time
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import shelf
from .cache import CACHE_FORMAT, ResultCache
from .layers import Layers, RowsAhead, build_layers
from .merge import MergeRecord, Probes, merge_bases, merge_families, merge_routes
from .model import ArticleResult, Base, Incident, Route
from .names import has_surrogates, quoted, visible, visible_deep
from .parallel import extract_cached, open_pool
from .report import ReportAhead, build_report, file_name, relative
from .review.apply import ReviewSource, ReviewStep, open_review
from .shelf import ResultShelf

__all__ = ["CorpusNotFoundError", "CorpusUnreadableError", "NoArticlesError", "PipelineError",
           "PipelineResult", "ResultCache", "code_version", "default_cache_dir",
           "build_report", "gazetteer_version", "run_folders", "run_pipeline"]

Progress = Callable[[int, str], None]


class PipelineError(Exception):
    """The pipeline could not run at all (as opposed to skipping some files)."""


class CorpusNotFoundError(PipelineError, FileNotFoundError):
    """The corpus folder does not exist or is not a folder."""


class CorpusUnreadableError(PipelineError, PermissionError):
    """The corpus folder exists but cannot be listed (permissions, I/O)."""


class NoArticlesError(PipelineError, ValueError):
    """The folder holds no readable article."""


# --- versions and cache ---------------------------------------------------------------

_CODE_VERSION: str | None = None
_GAZ_VERSIONS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def code_version() -> str:
    """A hash of the ``geo`` and ``gazetteer`` sources and lexicons: any change empties the cache.

    The lexicons (trigger, actor, calendar and furniture words in ``data/`` folders) decide
    what is extracted as much as the code does, so they are hashed with it.
    """
    global _CODE_VERSION
    if _CODE_VERSION is None:
        root = Path(__file__).resolve().parent.parent
        h = hashlib.sha256(f"format {CACHE_FORMAT}".encode())
        for package in ("geo", "gazetteer"):
            files = [p for p in (root / package).rglob("*")
                     if p.suffix == ".py" or (p.parent.name == "data" and p.suffix in (".toml", ".csv"))]
            for path in sorted(files):
                h.update(str(path.relative_to(root)).encode())
                h.update(path.read_bytes())
        _CODE_VERSION = h.hexdigest()[:16]
    return _CODE_VERSION


def gazetteer_version(gazetteer: Any) -> str:
    """A hash of the gazetteer's places (names, coordinates, links): its data version."""
    try:
        return _GAZ_VERSIONS[gazetteer]
    except (KeyError, TypeError):
        pass
    h = hashlib.sha256()
    places = getattr(gazetteer, "places", {})
    for pid in sorted(places):
        p = places[pid]
        h.update(repr((p.id, p.name_ar, p.name_en, p.kind, p.governorate, p.lat, p.lon,
                       p.alt_names, p.in_area, p.parent)).encode())
    version = h.hexdigest()[:16]
    try:
        _GAZ_VERSIONS[gazetteer] = version
    except TypeError:
        pass
    return version


def default_cache_dir() -> Path:
    """Where cached results go when no ``cache_dir`` is given (see the module doc)."""
    if os.environ.get("NES_OSINT_CACHE"):
        return Path(os.environ["NES_OSINT_CACHE"])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "nes-osint"
    project = Path(__file__).resolve().parent.parent
    if (project / "pyproject.toml").exists() and os.access(project, os.W_OK):
        return project / ".cache" / "nes-osint"
    return Path.home() / ".cache" / "nes-osint"


# --- result ---------------------------------------------------------------------------


@dataclass(eq=False)
class PipelineResult:
    """Everything one run produced, and the report of how it went."""

    corpus_dir: Path
    #: Article id -> article (300 characters of text unless ``keep_text``); a ResultShelf too
    articles: Mapping[str, Any]
    reports: list[Any]
    #: Article id -> result; a :class:`geo.shelf.ResultShelf` (a read-only mapping that
    #: keeps large runs on disk) from :func:`run_pipeline`.
    results: Mapping[str, ArticleResult]
    #: Merged incidents; a :class:`geo.shelf.ListShelf` when the results are on disk.
    incidents: Sequence[Incident]
    #: Merged bases and routes; :class:`geo.shelf.ListShelf` too when the results are on disk.
    bases: Sequence[Base]
    routes: Sequence[Route]
    merges: list[MergeRecord]
    layers: Layers
    report: dict
    timings: dict[str, float] = field(default_factory=dict)
    cache_hits: int = 0
    cache_misses: int = 0
    #: The review step of this run: decisions applied, review states, orphans (geo.review).
    review: ReviewStep | None = None


#: Articles whose work ahead (see run_pipeline) is done at once, while workers extract.
_AHEAD_BATCH = 32


class _Timer:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start


# --- running --------------------------------------------------------------------------


class _CorpusReader:
    """:func:`geo.read.iter_corpus` with the size limit, over one folder or several (``iter_folders``):
    a class, so :func:`run_pipeline` knows it may read files in its workers (``read_files``)."""

    def __init__(self, max_bytes: int | None, folders: list[Path] | None = None) -> None:
        self.max_bytes, self.folders = max_bytes, folders

    def __call__(self, folder: Path, read_files: Any = None) -> Iterator[Any]:
        from .read import DEFAULT_MAX_BYTES, CorpusError, iter_corpus
        from .read.folder import iter_folders

        limit = self.max_bytes or DEFAULT_MAX_BYTES
        try:  # iter_corpus raises only before its first file: nothing read is lost
            if self.folders is None:
                yield from iter_corpus(folder, max_bytes=limit, read_files=read_files)
            else:
                yield from iter_folders(self.folders, max_bytes=limit, read_files=read_files)
        except CorpusError as exc:  # the folder or its articles.csv cannot be read at all
            raise PipelineError(str(exc)) from exc


def _default_extract() -> Callable[[Any, Any], ArticleResult]:
    from .extract import extract_article

    return extract_article


def _is_article(item: Any) -> bool:
    return hasattr(item, "body") and hasattr(item, "id")


def _slim(article: Any, keep_text: bool) -> Any:
    slim = not keep_text and dataclasses.is_dataclass(article)
    return dataclasses.replace(article, body=(article.body or "")[:300]) if slim else article


def run_pipeline(corpus_dir: str | Path, *, gazetteer: Any = None,
                 cache_dir: str | Path | None = None, use_cache: bool = True,
                 progress: Progress | None = None, max_km: float = 60.0,
                 keep_text: bool = True, max_bytes: int | None = None,
                 reader: Callable[[Path], Iterable[Any]] | None = None,
                 extract: Callable[[Any, Any], ArticleResult] | None = None,
                 review: ReviewSource = None,
                 include_rejected: bool = False, jobs: int = 1) -> PipelineResult:
    """Read every article of ``corpus_dir``, extract, merge and build the layers.

    Parameters
    ----------
    corpus_dir : path
        A folder of articles (and optionally ``articles.csv`` with their metadata).
    gazetteer : Gazetteer, optional
        Defaults to :func:`gazetteer.load_gazetteer`.
    cache_dir, use_cache
        Where per-article results are cached (see the module doc); ``use_cache=False``
        neither reads nor writes it.
    progress : callable(done, label), optional
        Called after each file with the number of files handled so far.
    keep_text : bool
        Keep each article's full body in the result (the dashboard shows it);
        False keeps the first 300 characters, for large corpora.
    max_bytes : int, optional
        Files larger than this are reported as skipped, unread (default: the
        reader's, 20 MB). Ignored when ``reader`` is given.
    reader, extract : callables, optional
        Replace :func:`geo.read.iter_corpus` and :func:`geo.extract.extract_article`
        (benchmarks and tests).
    review : ReviewStore, ReviewState or path, optional
        The analyst's decisions (:mod:`geo.review`), applied to the articles before
        extraction, to their incidents before merging, and to the merged incidents;
        None: the machine's output alone (every ``review`` is ``machine``).
    include_rejected : bool
        Keep rejected incidents in the layers (``review`` = ``rejected``).
    jobs : int
        Worker processes that extract articles, and read them unless ``reader`` is given
        (:mod:`geo.parallel`); 1 (the default) does both in this process. Any number gives
        the same result. With more than one, ``extract`` must be picklable where workers
        are spawned rather than forked.

    Raises
    ------
    CorpusNotFoundError
        If ``corpus_dir`` is not an existing folder.
    NoArticlesError
        If no file of the folder could be read as an article.
    """
    folder = Path(corpus_dir)
    _check_corpus_folder(folder)
    if not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs must be a whole number of 1 or more, not {jobs!r}")
    default_gazetteer = gazetteer is None
    if gazetteer is None:
        from gazetteer import load_gazetteer

        gazetteer = load_gazetteer()
    custom_extract = extract
    extract = extract or _default_extract()
    step = open_review(review, include_rejected=include_rejected, gazetteer=gazetteer)
    read = reader or _CorpusReader(max_bytes)
    cache, warnings = None, []  # warnings: about the run, not about one file
    if use_cache:
        salt = f"{code_version()}|{gazetteer_version(gazetteer)}"
        cache, refused = _open_cache(Path(cache_dir or default_cache_dir()), salt)
        if refused:
            warnings.append(refused)

    timer = _Timer()
    spill = 0 if _many_files(folder) else None  # a large run's go to disk from the first
    articles = ResultShelf(spill_after=spill)  # the articles too: past 10,000, on disk
    reports: list[Any] = []
    results = ResultShelf(gazetteer, spill_after=spill)  # past 10,000 articles, on disk
    step.keep_in(results)  # the review step reads its article-level objects back from there
    failures: list[dict] = []
    # With workers, the merge's reading of each incident, the layers' rows and the report's
    # entries are made while the workers extract the rest, not after the last article (at
    # one job nothing overlaps: made after, all at once, they cost less); a few dozen
    # articles' at a time, each kind in one pass (one article at a time, between the
    # others' steps, they cost about a fifth more)
    probes, ahead, report_ahead = Probes(), RowsAhead(), ReportAhead()
    pending: list[tuple[Any, ArticleResult]] = []  # (article, result) kept, not made ahead

    def work_ahead() -> None:
        with timer.stage("ahead"):
            if results.on_disk:  # read back as new objects: nothing made ahead is taken
                probes.clear()
                ahead.clear()
                report_ahead.clear()
            else:
                for _, reviewed in pending:
                    probes.add(reviewed.incidents)
                for slim, reviewed in pending:
                    ahead.add(reviewed, slim)
                for slim, reviewed in pending:
                    report_ahead.add(slim, reviewed)
            pending.clear()

    def keep(article: Any, result: ArticleResult) -> None:
        articles.put(article.id, slim := _slim(article, keep_text))
        with timer.stage("review"):  # one article's decisions depend on that article alone
            reviewed = step.after_extraction({article.id: result})[article.id]
            results.put(article.id, reviewed)
        if jobs > 1:
            pending.append((slim, reviewed))
            if len(pending) >= _AHEAD_BATCH:
                work_ahead()

    pool = None
    if jobs == 1:
        for article in _to_extract(folder, read, step, reports, timer, progress):
            result = _extract_one(article, gazetteer, extract, cache, timer, failures)
            if result is not None:
                keep(article, result)
    else:
        version = (gazetteer_version, gazetteer_version(gazetteer)) if default_gazetteer else None
        pool = open_pool(jobs, gazetteer=gazetteer, extract=custom_extract, version=version)
        if isinstance(read, _CorpusReader):  # the files are read (and extracted) in the workers
            from .read.folder import read_file
            read = functools.partial(read, read_files=pool.reader(read_file, cache))
        try:
            stream = _to_extract(folder, read, step, reports, timer, progress)
            for done in extract_cached(stream, jobs=jobs, gazetteer=gazetteer,
                                       extract=custom_extract, version=version, cache=cache,
                                       timer=timer, pool=pool):
                if done.error:
                    failures.append(_failure(done.article, done.error))
                else:
                    keep(done.article, done.result)
        finally:
            pool.release()  # the workers exit while the merge runs; waited for at the end
        work_ahead()  # the last few
    if not results:
        raise NoArticlesError(_nothing_read(folder, reports, failures))

    with timer.stage("merge"):
        # one family's article-level incidents at a time (they never merge across); the
        # merged ones kept as this run keeps results (a large run's on disk, as are its
        # merged bases and routes: the layers read them one at a time)
        incidents, merges = merge_families(results.incidents_by_family(), max_km=max_km,
                                           keep=results.alike, probes=probes)
        probes.clear()
    with timer.stage("review"):
        incidents, merges = step.after_merge(incidents, merges)
        bases, routes = results.bases_and_routes()
        bases, routes = results.alike(merge_bases(bases)), results.alike(merge_routes(routes))
    with timer.stage("layers"):
        layers = step.annotate(build_layers(results.values(), articles, incidents=incidents, bases=bases,
                                            routes=routes, store=results.column_store(),
                                            ahead=ahead if ahead.covers(results) else None))
        ahead.clear()
    with timer.stage("report"):
        report = build_report(folder, articles, reports, results, merges, layers, failures,
                              ahead=report_ahead)
        report_ahead.clear()
    report["warnings"] = warnings
    report["review"] = visible_deep(step.report())
    report["run"] = {
        "seconds": {k: round(v, 4) for k, v in timer.seconds.items()},
        "cache": {"enabled": cache is not None,
                  "dir": visible(str(cache.folder)) if cache else None,
                  "hits": cache.hits if cache else 0,
                  "misses": cache.misses if cache else 0},
    }
    if pool is not None:
        pool.close()
    return PipelineResult(
        corpus_dir=folder, articles=articles, reports=reports, results=results,
        incidents=incidents, bases=bases, routes=routes, merges=merges, layers=layers,
        report=report, timings=dict(timer.seconds),
        cache_hits=cache.hits if cache else 0, cache_misses=cache.misses if cache else 0,
        review=step,
    )


def run_folders(folders: Iterable[str | Path], **options: Any) -> PipelineResult:
    """ONE :func:`run_pipeline` over several folders (the corpus, then the uploads), with
    ``options`` its keyword arguments: the dashboard's run and ``geo build --uploads``.

    One run, not one per folder, so that an uploaded article about an event the corpus
    reports is merged with it. The folders are read by :func:`geo.read.folder.iter_folders`
    (an id already read is skipped); later folders that do not exist or cannot be
    listed are left out (the uploads folder until the first upload).
    """
    folders = [Path(f) for f in folders]
    if not folders:
        raise ValueError("run_folders needs at least one folder")
    present = [folders[0], *(f for f in folders[1:] if _listable(f))]
    if len(present) > 1:
        options["reader"] = _CorpusReader(options.get("max_bytes"), present)
    return run_pipeline(present[0], **options)


def _many_files(folder: Path) -> bool:
    """More entries in ``folder`` than a run keeps as objects (:data:`geo.shelf.SPILL_AFTER`).

    Why: such a run's results go to disk once there are that many anyway; held as objects
    until then, the first 10,000 set the run's peak memory (the heap they grew stays the
    process's: issue 14). Counted up to the limit only; a guess about memory, never about
    what is drawn (a shelf gives back what was put, on disk or not).
    """
    try:
        with os.scandir(folder) as entries:
            return next(itertools.islice(entries, shelf.SPILL_AFTER, None), None) is not None
    except OSError:
        return False


def _listable(folder: Path) -> bool:
    try:
        next(iter(folder.iterdir()), None)
    except OSError:  # missing, not a folder, or no permission
        return False
    return True


def _check_corpus_folder(folder: Path) -> None:
    """A folder that exists and can be listed, else an error that says how to fix it."""
    if not folder.is_dir():
        what = "does not exist" if not folder.exists() else "is not a folder"
        raise CorpusNotFoundError(f"corpus folder {quoted(str(folder))} {what}; give a "
                                  "folder of article .txt files (e.g. seeds)")
    try:
        with os.scandir(folder):
            pass
    except OSError as exc:
        fix = (f"give yourself read access (chmod u+rx {quoted(str(folder))}) or run as "
               "its owner") if isinstance(exc, PermissionError) else "check the disk"
        raise CorpusUnreadableError(f"cannot read corpus folder {quoted(str(folder))} "
                                    f"({exc.strerror or exc}); {fix}") from None


def _open_cache(folder: Path, salt: str) -> tuple[ResultCache | None, str]:
    """The cache, or None and the warning why the run goes without it."""
    try:
        return ResultCache(folder, salt=salt), ""
    except OSError as exc:
        why = str(exc) if exc.strerror is None else \
            f"cannot use cache folder {quoted(str(folder))} ({exc.strerror})"
        return None, f"{visible(why)}; running without the cache"


def _visible_id(article: Any) -> Any:
    """The article with an id that can be written as UTF-8 (a file name that was not UTF-8
    gives an id with lone surrogates: shown as ``\\xNN`` escapes instead)."""
    if not has_surrogates(article.id) or not dataclasses.is_dataclass(article):
        return article
    return dataclasses.replace(article, id=visible(article.id))


@dataclass(frozen=True)
class _Skipped:
    """A file the pipeline itself refused (shaped like :class:`geo.read.FileReport`)."""

    file: str
    status: str
    reason: str
    encoding: str = ""
    warnings: tuple[str, ...] = ()


def _id_clash(folder: Path, article: Any, ids: dict[str, str]) -> _Skipped | None:
    """A report for an article whose id an earlier one has (only a custom reader does that)."""
    name = relative(folder, article)
    first = ids.setdefault(article.id, name)
    if first == name:
        return None
    return _Skipped(name, "skipped", f"duplicate article id {article.id!r} "
                    f"(already read from {first})")


def _to_extract(folder: Path, read: Callable[[Path], Iterable[Any]], step: ReviewStep,
                reports: list[Any], timer: _Timer, progress: Progress | None) -> Iterator[Any]:
    """The articles to extract, in reading order; every other file goes to ``reports``."""
    done = 0
    items = iter(read(folder))
    ids: dict[str, str] = {}  # article id -> its file (a reader's clash must not overwrite)
    while True:
        with timer.stage("read"):
            item = next(items, None)
        if item is None:
            return
        done += 1
        if _is_article(item):
            item = _visible_id(item)
        if not _is_article(item):
            reports.append(item)
        elif (clash := _id_clash(folder, item, ids)) is not None:
            reports.append(clash)
        elif (reviewed := step.article(item)) is None:  # excluded by the analyst
            reports.append(_Skipped(relative(folder, item), "skipped",
                                    step.excluded_reason(item.id)))
        else:
            # An article's dates depend on that article alone (its metadata, its stamp,
            # the absolute dates of its text): never on the others of the folder.
            yield reviewed
        if progress is not None:
            progress(done, getattr(item, "id", "") or str(getattr(item, "file", "")))


def _failure(article: Any, error: str) -> dict:
    """The report entry of an article whose extraction raised ``error``."""
    return {"file": file_name(article), "article": article.id,
            "path": str(getattr(article, "path", "") or ""), "status": "failed",
            "reason": f"extraction failed: {error}"}


def _extract_one(article: Any, gazetteer: Any, extract: Callable[[Any, Any], ArticleResult],
                 cache: ResultCache | None, timer: _Timer,
                 failures: list[dict]) -> ArticleResult | None:
    """The article's result from the cache, else extracted (and cached)."""
    key = None
    if cache is not None:
        with timer.stage("cache"):
            key = cache.key(article)
            cached = cache.get(key, article_id=article.id)
        if cached is not None:
            return cached
    with timer.stage("extract"):
        try:
            result = extract(article, gazetteer)
        except Exception as exc:  # one bad article must not stop a 100k-article run
            failures.append(_failure(article, f"{type(exc).__name__}: {exc}"))
            return None
    if cache is not None and key is not None:
        with timer.stage("cache"):
            cache.put(key, result, article_id=article.id)
    return result


def _nothing_read(folder: Path, reports: list[Any], failures: list[dict]) -> str:
    if not reports and not failures:
        return f"no article files in {quoted(str(folder))}; expected .txt files (one article each)"
    reasons = [f"{file_name(r)}: {getattr(r, 'reason', '') or getattr(r, 'status', '')}"
               for r in reports[:5]]
    reasons += [f"{f['file']}: {f['reason']}" for f in failures[:5]]
    return (f"no readable article in {quoted(str(folder))} ({len(reports) + len(failures)} files "
            "skipped): " + "; ".join(reasons))
