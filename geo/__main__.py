"""Command line: the pipeline without the dashboard.

    python -m geo build CORPUS_DIR --out OUT_DIR [filters] [--uploads DIR] [--no-cache] [--max-mb N]
    python -m geo report CORPUS_DIR [--json] [--uploads DIR] [--max-mb N]
    python -m geo review decide|list|orphans|export|import ...   (geo.review.cli)

``build`` and ``report`` apply the analyst's decisions from the review store
(``--review FILE``; by default the data folder's ``review.sqlite`` when it exists;
``--no-review`` for the machine's output alone); rejected incidents are left out
unless ``--include-rejected``.

``--uploads DIR`` reads a second folder in the same run, as the dashboard reads its
uploads folder (:func:`geo.pipeline.run_folders`): the same articles, ids and order,
so with the same filter ``build`` writes the dashboard's download bytes.

``--type``/``--actor``/``--article`` split their value at commas and trim spaces (so
``--type raid,arrest`` works); ``--type-exact``/``--actor-exact``/``--article-exact``
take the value whole, for a value holding a comma (write ``--article-exact=-x`` for a
value starting with ``-``).

``build`` writes incidents/bases/routes/places/articles ``.geojson`` (RFC 7946),
``layers.gpkg`` (incidents, bases, routes, places) and ``report.json`` as one
set: staged beside ``--out`` and swapped in, under a lock, so the folder always
holds one run's complete set (:mod:`geo.outdir`). The filters are
:func:`geo.layers.filter_layers`, the function the dashboard uses, so the same
filter exports the same bytes from either.

Both print the files that were not read (skipped, duplicate, failed) with the
reason, the files read with warnings (e.g. a truncated file) and the warnings
about ``articles.csv``; ``build`` the first few of each (``report.json`` has
all), ``report`` all of them.

Exit status: 0 when the run happened (even if some files were skipped, which
the report lists), 2 when nothing could be done (no such or unreadable folder,
no readable article, an ``--out`` that cannot be written, a broken gazetteer
store, bad arguments), always with one line saying why. File names that are not
UTF-8 are printed with visible ``\\xNN`` escapes (:mod:`geo.names`).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from gazetteer.errors import GazetteerError
from gazetteer.terminal import echo as _echo_raw
from gazetteer.terminal import json_safe

from .export import json_value, write_geojson, write_gpkg, write_json
from .layers import LAYER_NAMES, Layers, filter_layers, parse_date_bound
from .names import quoted, visible, visible_deep
from .outdir import OutputError, check_output, replace_folder
from .parallel import default_jobs
from .pipeline import PipelineError, PipelineResult, run_folders
from .review import ReviewError, default_review_path
from .review.cli import add_review_parser, run_review

EXIT_OK = 0
EXIT_NOTHING = 2
#: ``--max-mb`` above this is refused: a file is read whole, and a limit beyond any
#: laptop's memory only moves the failure.
MAX_MB = 4096
#: The files one build writes into ``--out`` (one set, swapped in whole).
OUTPUT_SET: tuple[str, ...] = (*(f"{n}.geojson" for n in LAYER_NAMES), "layers.gpkg",
                               "report.json")


def echo(text: str, *, file: TextIO | None = None) -> None:
    """Print untrusted text: terminal-safe, and valid UTF-8 whatever the file names were."""
    _echo_raw(visible(text), file=file)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (and still exit status 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_NOTHING, f"{self.prog}: error: {visible(message)} (see --help)\n")


def _date_arg(text: str) -> str:
    try:
        parse_date_bound(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def _megabytes(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0 < value <= MAX_MB:  # NaN and inf fail too
        raise argparse.ArgumentTypeError(
            f"expected a positive number of megabytes, at most {MAX_MB}, got {text!r}")
    return value


def _confidence(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0 <= value <= 1:  # NaN fails too
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got {text!r}")
    return value


def _list_arg(values: Sequence[str] | None,
              exact: Sequence[str] | None = None) -> list[str] | None:
    """'--type a --type b,c' -> ['a', 'b', 'c']; ``exact`` values (the ``-exact`` forms)
    are added whole, since an article id or actor may hold a comma. None: no such filter."""
    if not values and not exact:
        return None
    split = [v.strip() for value in values or () for v in value.split(",") if v.strip()]
    return [*split, *(exact or ())]


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m geo", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    build = sub.add_parser("build", help="run the pipeline and write the map layers")
    build.add_argument("corpus", type=Path, help="folder of article .txt files")
    build.add_argument("--out", type=Path, required=True, help="folder for the layers")
    build.add_argument("--date-from", type=_date_arg, help="YYYY, YYYY-MM or YYYY-MM-DD")
    build.add_argument("--date-to", type=_date_arg, help="YYYY, YYYY-MM or YYYY-MM-DD")
    build.add_argument("--type", action="append", dest="types",
                       help="incident type (repeat, or comma-separated)")
    build.add_argument("--actor", action="append", dest="actors",
                       help="actor name (repeat, or comma-separated)")
    build.add_argument("--article", action="append", dest="articles",
                       help="article id (repeat, or comma-separated)")
    for flag, dest, what in (("--type-exact", "types_exact", "incident type"),
                             ("--actor-exact", "actors_exact", "actor name"),
                             ("--article-exact", "articles_exact", "article id")):
        build.add_argument(flag, action="append", dest=dest, metavar="VALUE",
                           help=f"{what} taken whole, never split at commas nor trimmed "
                                f"(repeat; {flag}=VALUE when it starts with '-')")
    build.add_argument("--min-confidence", type=_confidence, default=0.0,
                       help="hide incidents below this confidence (0 to 1)")
    _common(build)

    report = sub.add_parser("report", help="print a summary of what a corpus yields")
    report.add_argument("corpus", type=Path, help="folder of article .txt files")
    report.add_argument("--json", action="store_true", help="print the report as JSON")
    _common(report)
    add_review_parser(sub)
    return parser


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes, 1 or more, "
                                         f"not {text!r}")
    return value


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jobs", type=_jobs, default=default_jobs(), metavar="N",
                        help="extract articles in N processes; the same output for any N "
                             f"(default: the machine's cores, {default_jobs()})")
    parser.add_argument("--uploads", type=Path, metavar="DIR",
                        help="also read this folder's articles in the same run, as the "
                             "dashboard reads its uploads ($NES_OSINT_DATA/uploads); an "
                             "article id already in the corpus is skipped")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    parser.add_argument("--cache-dir", type=Path, help="cache folder (default: $NES_OSINT_CACHE)")
    parser.add_argument("--max-mb", type=_megabytes, metavar="N",
                        help="skip article files larger than N megabytes (default: 20)")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--review", type=Path, metavar="FILE",
                       help="review store to apply (default: the data folder's "
                            "review.sqlite, if it exists)")
    which.add_argument("--no-review", action="store_true",
                       help="the machine's output alone, no decisions applied")
    parser.add_argument("--include-rejected", action="store_true",
                        help="keep rejected incidents (review = rejected)")


def _review_source(args: argparse.Namespace) -> Path | None:
    """The store a build applies: --review, else the data folder's if it exists."""
    if args.no_review:
        return None
    if args.review is not None:
        return args.review
    default = default_review_path()
    return default if default.is_file() else None


def _progress(stream: TextIO):
    """A '\\r' counter when ``stream`` is a terminal, else nothing."""
    if not stream.isatty():
        return None

    def show(done: int, label: str) -> None:
        stream.write(f"\r  {done} files  {label[:40]:<40}")
        stream.flush()

    return show


def _run(args: argparse.Namespace) -> PipelineResult:
    progress = _progress(sys.stderr)
    try:
        return run_folders([args.corpus, *_uploads(args)], cache_dir=args.cache_dir,
                           use_cache=not args.no_cache, progress=progress, keep_text=False,
                           max_bytes=_max_bytes(args), review=_review_source(args),
                           include_rejected=args.include_rejected, jobs=args.jobs)
    finally:
        if progress is not None:
            sys.stderr.write("\n")


def _uploads(args: argparse.Namespace) -> list[Path]:
    """``--uploads``, checked: a folder named on purpose that cannot be read is an error
    (the dashboard leaves such a folder out, but a typo must not drop the uploads)."""
    folder: Path | None = args.uploads
    if folder is None:
        return []
    try:
        with os.scandir(folder):
            pass
    except OSError as exc:
        why = "does not exist" if not folder.exists() else (
            "is not a folder" if not folder.is_dir() else f"cannot be read ({exc.strerror or exc})")
        raise PipelineError(f"uploads folder {quoted(str(folder))} {why}; give the folder the "
                            "dashboard stores uploads in ($NES_OSINT_DATA/uploads), or leave "
                            "out --uploads") from None
    return [folder]


def _max_bytes(args: argparse.Namespace) -> int | None:
    return None if args.max_mb is None else max(1, int(args.max_mb * 1024 * 1024))


def _warn(report: dict) -> None:
    for warning in report.get("warnings", ()):
        echo(f"warning: {warning}", file=sys.stderr)


def _write_set(out: Path, layers: Layers, report: dict) -> None:
    """The whole set into a staging folder, swapped in at ``out`` (see geo.outdir)."""
    def waiting(message: str) -> None:
        echo(message, file=sys.stderr)

    try:
        with replace_folder(out, OUTPUT_SET, on_wait=waiting) as stage:
            for name in LAYER_NAMES:
                write_geojson(layers[name], stage / f"{name}.geojson")
            write_gpkg(layers, stage / "layers.gpkg")
            write_json(report, stage / "report.json")
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write the layers to {quoted(str(out))}: {exc.strerror or exc}; "
                          "the folder still holds the previous set") from None


def cmd_build(args: argparse.Namespace) -> int:
    filters = {
        "date_from": args.date_from, "date_to": args.date_to,
        "types": _list_arg(args.types, args.types_exact),
        "actors": _list_arg(args.actors, args.actors_exact),
        "articles": _list_arg(args.articles, args.articles_exact),
        "min_confidence": args.min_confidence,
    }
    out: Path = args.out
    check_output(out, OUTPUT_SET)  # before a long run, not after it
    result = _run(args)
    _warn(result.report)
    layers = filter_layers(result.layers, **filters)
    report = dict(result.report)
    report["filter"] = {k: v for k, v in filters.items() if v not in (None, 0.0)}
    report["exported"] = {name: len(layers[name]) for name in LAYER_NAMES}
    _write_set(out, layers, report)
    totals = result.report["totals"]
    echo(f"{totals['articles']} articles ({_file_counts(totals)}): "
          f"{report['exported']['incidents']} incidents, "
          f"{report['exported']['bases']} bases, {report['exported']['routes']} routes, "
          f"{report['exported']['places']} places -> {out}")
    lines = file_lines(result.report, limit=BUILD_LIST_LIMIT)
    if lines:
        echo("\n".join(lines))
    return EXIT_OK


#: ``build`` lists this many files per kind of problem (``report`` lists all).
BUILD_LIST_LIMIT = 20


def _file_counts(t: dict) -> str:
    return (f"{t['files']} files: {t['read']} read ({t['read_with_warnings']} with warnings), "
            f"{t['skipped']} skipped, {t['duplicates']} duplicate, {t['failed']} failed; "
            f"{t['metadata_warnings']} metadata warning(s)")


def file_lines(report: dict, *, limit: int | None = None) -> list[str]:
    """The files not read, read with warnings, and the CSV warnings, as printable lines."""
    files = report["files"]
    metadata = [w for m in report["metadata"] for w in m["warnings"]]  # each names its CSV
    groups = [
        ("Files not read",
         [f"{f['file']}: {f['status']} ({f['reason']})" for f in files
          if f["status"] != "read"]),
        ("Files read with warnings",
         [f"{f['file']}: {'; '.join(f['warnings'])}" for f in files
          if f["status"] == "read" and f["warnings"]]),
        ("Metadata warnings", metadata),
    ]
    lines: list[str] = []
    for title, items in groups:
        if not items:
            continue
        lines.append(f"{title} ({len(items)}):")
        shown = items if limit is None else items[:limit]
        lines += [f"  {item}" for item in shown]
        if len(shown) < len(items):
            lines.append(f"  ... and {len(items) - len(shown)} more (see report.json)")
    return lines


def cmd_report(args: argparse.Namespace) -> int:
    result = _run(args)
    _warn(result.report)
    if args.json:
        report = visible_deep(json_value(result.report))
        print(json_safe(json.dumps(report, ensure_ascii=False, indent=2)))
        return EXIT_OK
    echo(summary(result))
    return EXIT_OK


def summary(result: PipelineResult) -> str:
    """A human summary of a run: totals, skipped files, incidents, what needs review."""
    r, t = result.report, result.report["totals"]
    lines = [
        f"Corpus {r['corpus']}: {t['articles']} articles read ({_file_counts(t)})",
        f"Places: {t['mentions']} mentions, {t['resolved']} resolved, {t['unresolved']} "
        f"unresolved, {t['low_confidence']} low-confidence; {t['places']} places mapped",
        f"Incidents: {t['incidents_extracted']} extracted -> {t['incidents']} after "
        f"{t['merges']} merges ({t['incidents_mapped']} mapped, {t['unlocated']} unlocated); "
        f"{t['bases']} bases, {t['routes']} routes",
    ]
    lines += file_lines(r)
    if (review := r.get("review")) and review.get("store"):
        n = review["incidents"]
        lines.append(f"Review ({review['store']}): {review['decisions']} decisions; "
                     f"{n['confirmed']} confirmed, {n['edited']} edited, "
                     f"{len(review['rejected'])} rejected, {len(review['orphaned'])} orphaned "
                     "(python -m geo review orphans)")
    if len(result.layers.incidents):
        lines.append("Incidents:")
        for row in result.layers.incidents.itertuples(index=False):
            flag = " ~" if row.approximate else ""
            lines.append(f"  {row.date or '?':<10} {row.type:<19} {row.place_name_en}{flag} "
                         f"[{row.n_sources} source(s), conf {row.confidence:.2f}]")
    if r["unlocated"]:
        lines.append("Unlocated incidents (no place in Syria, or only a region too coarse to map):")
        lines += [f"  {u['date'] or '?':<10} {u['type']:<19} {', '.join(u['articles'])}"
                  + (f" [{u['place_text']}]" if u.get("place_text") and not u.get("place") else "")
                  for u in r["unlocated"]]
    if r["unresolved"]:
        lines.append("Unresolved place mentions (first 10):")
        lines += [f"  {u['article']}: {u['text']} ({u['cue']})" for u in r["unresolved"][:10]]
    return "\n".join(lines)


def _check_dates(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    lo = parse_date_bound(getattr(args, "date_from", None))
    hi = parse_date_bound(getattr(args, "date_to", None), end=True)
    if lo and hi and lo > hi:
        parser.error(f"--date-from {args.date_from} is after --date-to {args.date_to}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    _check_dates(parser, args)
    try:
        if args.command == "review":
            return run_review(args, echo=echo)
        return cmd_build(args) if args.command == "build" else cmd_report(args)
    except (PipelineError, OutputError, GazetteerError, ReviewError) as exc:
        echo("error: " + " ".join(str(exc).splitlines()), file=sys.stderr)
        return EXIT_NOTHING


if __name__ == "__main__":
    sys.exit(main())
