"""``python -m geo review ...``: the review store from the command line.

    python -m geo review decide KIND TARGET ... --corpus DIR [--store FILE] [--note] [--who]
    python -m geo review list [--store FILE] [--target ID] [--json]
    python -m geo review orphans --corpus DIR [--store FILE] [--json]
    python -m geo review export [--store FILE] [--out FILE]
    python -m geo review import FILE [--store FILE]

``--store`` defaults to :func:`geo.review.default_review_path` (``$NES_OSINT_DATA/
review.sqlite``). ``decide`` runs the pipeline on ``--corpus`` (cached) with the store,
so a decision naming an incident, article, mention or place that does not exist is
refused before anything is written. Errors are one line and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..model import INCIDENT_TYPES
from .decide import add_place, decide
from .decisions import Decision, mention_target
from .errors import DecisionError, UnknownTargetError
from .io import export_history, export_lines, import_history
from .state import ReviewState
from .store import ReviewStore, default_review_path

__all__ = ["add_review_parser", "run_review"]

#: decide KIND -> (decision kind, target is 'incident' | 'article' | 'mention' | 'place')
_DECIDE = {
    "confirm": "incident", "reject": "incident", "set-type": "incident",
    "set-incident-date": "incident", "set-actors": "incident", "set-casualties": "incident",
    "replace": "incident", "split": "incident", "merge": "incident",
    "set-date": "article", "set-outlet": "article", "set-title": "article",
    "exclude": "article", "include": "article",
    "pick": "mention", "not-place": "mention", "add-place": "place",
}


def _csv(text: str) -> list[str]:
    return [v.strip() for v in text.split(",") if v.strip()]


def _store_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--store", type=Path, help="review store (default: "
                   "$NES_OSINT_DATA/review.sqlite)")


def _run_args(p: argparse.ArgumentParser, *, required: bool = True) -> None:
    _store_arg(p)
    p.add_argument("--corpus", type=Path, required=required,
                   help="the folder of articles the decision is about")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    p.add_argument("--cache-dir", type=Path, help="cache folder (default: $NES_OSINT_CACHE)")


def _decide_parser(sub: Any) -> None:
    decide_p = sub.add_parser("decide", help="take a decision (checked against the corpus)")
    kinds = decide_p.add_subparsers(dest="decision", required=True)

    def kind(name: str, help_: str, target: str | None = "incident") -> argparse.ArgumentParser:
        p = kinds.add_parser(name, help=help_)
        if target == "incident":
            p.add_argument("target", metavar="INCIDENT_ID")
        elif target == "article":
            p.add_argument("target", metavar="ARTICLE_ID")
        elif target == "mention":
            p.add_argument("target", metavar="ARTICLE_ID")
            p.add_argument("start", type=int)
            p.add_argument("end", type=int)
        _run_args(p, required=target is not None)
        p.add_argument("--note", default="", help="why (kept in the history)")
        p.add_argument("--who", default="", help="who decided (optional)")
        return p

    kind("confirm", "the incident is right")
    kind("reject", "a false alarm").add_argument("--reason", required=True)
    kind("set-type", "correct the type").add_argument("type", choices=list(INCIDENT_TYPES))
    p = kind("set-incident-date", "correct the date")
    p.add_argument("date", help="YYYY-MM-DD, YYYY-MM or YYYY")
    p.add_argument("--precision", choices=("day", "month", "year"))
    p = kind("set-actors", "correct the actors and their roles")
    for name in ("actors", "attackers", "targets"):
        p.add_argument(f"--{name}", type=_csv, default=[], help="comma-separated")
    p = kind("set-casualties", "correct the casualty numbers")
    p.add_argument("--fatalities", type=int)
    p.add_argument("--injuries", type=int)
    p = kind("replace", "re-place on a gazetteer place or a point")
    p.add_argument("--place", help="gazetteer place id")
    p.add_argument("--lat", type=float)
    p.add_argument("--lon", type=float)
    kind("split", "take a merged incident apart into its sources")
    kind("merge", "make two incidents one").add_argument("other", metavar="OTHER_ID")
    kind("set-date", "set an article's publication date", "article").add_argument(
        "date", help="ISO 8601 (2022-10-08 or 2022-10-08T17:41:00+03:00)")
    kind("set-outlet", "set an article's outlet", "article").add_argument("outlet")
    kind("set-title", "set an article's title", "article").add_argument("title")
    kind("exclude", "leave an article out", "article").add_argument("--reason", default="")
    kind("include", "take an excluded article back", "article")
    kind("pick", "resolve a mention to a place", "mention").add_argument("--place",
                                                                          required=True)
    kind("not-place", "the mention is not a place", "mention")
    p = kind("add-place", "add a missing place to your gazetteer", None)
    p.add_argument("--name-ar", required=True)
    p.add_argument("--name-en", default="")
    p.add_argument("--alt", action="append", default=[], help="another spelling (repeat)")
    p.add_argument("--lat", type=float, required=True)
    p.add_argument("--lon", type=float, required=True)
    p.add_argument("--kind", default="village")
    p.add_argument("--governorate", default="")
    p.add_argument("--source", required=True, help="where the coordinate comes from")
    p.add_argument("--mention", nargs=3, metavar=("ARTICLE_ID", "START", "END"),
                   help="also resolve this mention to the new place (needs --corpus)")


def add_review_parser(sub: Any) -> None:
    """Add ``review`` and its commands to the ``python -m geo`` sub-parsers."""
    review = sub.add_parser("review", help="the analyst's decisions (review store)")
    commands = review.add_subparsers(dest="review_command", required=True)
    _decide_parser(commands)
    p = commands.add_parser("list", help="the history of decisions")
    _store_arg(p)
    p.add_argument("--target", help="only this incident, article or place id")
    p.add_argument("--json", action="store_true", help="JSON lines")
    p = commands.add_parser("orphans", help="decisions whose target is not in the corpus")
    _run_args(p)
    p.add_argument("--json", action="store_true", help="JSON")
    p = commands.add_parser("export", help="the whole history as JSON lines")
    _store_arg(p)
    p.add_argument("--out", type=Path, help="file (default: standard output)")
    p = commands.add_parser("import", help="merge another machine's history")
    p.add_argument("file", type=Path)
    _store_arg(p)


# --- running -----------------------------------------------------------------------------


def _store(args: argparse.Namespace, *, create: bool = True) -> ReviewStore:
    return ReviewStore(args.store or default_review_path(), create=create)


def _pipeline(args: argparse.Namespace, store: ReviewStore) -> Any:
    from ..pipeline import run_pipeline

    return run_pipeline(args.corpus, cache_dir=args.cache_dir, use_cache=not args.no_cache,
                        keep_text=False, review=store)


def _mention_key(run: Any, article: str, start: int, end: int) -> str:
    result = run.results.get(article)
    if result is None:
        raise UnknownTargetError(f"no article {article!r} in this corpus")
    for m in result.mentions:
        if m.start == start and m.end == end:
            return mention_target(article, start, end, m.text)
    raise UnknownTargetError(f"no place mention at {start}-{end} in {article}; the spans are "
                             "in report.json ('unresolved', 'low_confidence')")


def _value(args: argparse.Namespace) -> tuple[str, Any, str]:
    """(decision kind, value, note) from the parsed arguments."""
    kind, note = args.decision, args.note
    if kind == "reject":
        return kind, None, " ".join(x for x in (args.reason, note) if x)
    if kind == "exclude" and args.reason:
        note = " ".join(x for x in (args.reason, note) if x)
    if kind == "set-incident-date":
        return "set-date", {"date": args.date, "precision": args.precision}, note
    if kind == "set-actors":
        return kind, {"actors": args.actors, "attackers": args.attackers,
                      "targets": args.targets}, note
    if kind == "replace":
        if args.place and (args.lat is not None or args.lon is not None):
            raise DecisionError("give --place or --lat and --lon, not both")
        if args.place:
            return kind, {"place_id": args.place}, note
        if args.lat is None or args.lon is None:
            raise DecisionError("replace needs --place ID, or --lat and --lon")
        return kind, {"lat": args.lat, "lon": args.lon}, note
    if kind == "pick":
        return kind, {"place_id": args.place}, note
    simple = {"set-type": "type", "merge": "other", "set-date": "date", "set-outlet": "outlet",
              "set-title": "title"}
    value = getattr(args, simple[kind]) if kind in simple else None
    return ("set-published" if kind == "set-date" else kind), value, note


def _describe(d: Decision) -> str:
    old = "" if d.old is None else f"{json.dumps(d.old, ensure_ascii=False)} -> "
    who = f" by {d.who}" if d.who else ""
    note = f" ({d.note})" if d.note else ""
    return (f"{d.at} {d.kind} {d.target_kind} {d.target}: {d.field} {old}"
            f"{json.dumps(d.new, ensure_ascii=False)}{who}{note}")


def cmd_decide(args: argparse.Namespace, echo: Any) -> int:
    store = _store(args)
    if args.decision == "add-place":
        run, mention = None, None
        if args.mention:
            if args.corpus is None:
                raise DecisionError("--mention needs --corpus (the folder of the article)")
            run = _pipeline(args, store)
            article, start, end = args.mention
            mention = _mention_key(run, article, int(start), int(end))
        decisions = add_place(store, name_ar=args.name_ar, name_en=args.name_en,
                              alt_names=args.alt, lat=args.lat, lon=args.lon, kind=args.kind,
                              governorate=args.governorate, source=args.source, note=args.note,
                              who=args.who, run=run, mention=mention)
    else:
        run = _pipeline(args, store)
        kind, value, note = _value(args)
        if kind in ("set-fatalities", "set-casualties"):
            return _casualties(args, store, run, echo)
        target = (_mention_key(run, args.target, args.start, args.end)
                  if _DECIDE[args.decision] == "mention" else args.target)
        decisions = decide(store, run=run, kind=kind, target=target, value=value, note=note,
                           who=args.who)
    _stored(decisions, store, echo)
    return 0


def _casualties(args: argparse.Namespace, store: ReviewStore, run: Any, echo: Any) -> int:
    given = {"set-fatalities": args.fatalities, "set-injuries": args.injuries}
    if all(v is None for v in given.values()):
        raise DecisionError("set-casualties needs --fatalities N and/or --injuries N")
    decisions: list[Decision] = []
    for kind, value in given.items():
        if value is not None:
            decisions += decide(store, run=run, kind=kind, target=args.target, value=value,
                                note=args.note, who=args.who)
    _stored(decisions, store, echo)
    return 0


def _stored(decisions: list[Decision], store: ReviewStore, echo: Any) -> None:
    echo(f"stored {len(decisions)} decision(s) in {store.path}:")
    for d in decisions:
        echo(f"  {d.id} {_describe(d)}")


def cmd_list(args: argparse.Namespace, echo: Any) -> int:
    store = _store(args, create=False)
    history = store.decisions(target=args.target)
    in_force = {d.id for d in ReviewState.of(store.decisions()).in_force()}
    if args.json:
        for line in export_lines(history):
            print(line)
        return 0
    for d in history:
        mark = "" if d.id in in_force else " [superseded]"
        echo(f"{d.id} {_describe(d)}{mark}")
    echo(f"{len(history)} decision(s) in {store.path}")
    return 0


def cmd_orphans(args: argparse.Namespace, echo: Any) -> int:
    store = _store(args, create=False)
    orphans = _pipeline(args, store).review.orphans()
    if args.json:
        print(json.dumps(orphans, ensure_ascii=False, indent=2))
        return 0
    for o in orphans:
        echo(f"{o['id']} {o['kind']} {o['target_kind']} {o['target']}: {o['why']}")
    echo(f"{len(orphans)} orphaned decision(s)")
    return 0


def cmd_export(args: argparse.Namespace, echo: Any) -> int:
    store = _store(args, create=False)
    n = export_history(store, args.out or sys.stdout)
    if args.out:
        echo(f"{n} decision(s) -> {args.out}")
    return 0


def cmd_import(args: argparse.Namespace, echo: Any) -> int:
    store = _store(args)
    added, known = import_history(store, args.file)
    echo(f"imported {added} new decision(s) into {store.path} ({known} already there)")
    return 0


def run_review(args: argparse.Namespace, *, echo: Any) -> int:
    """Run one ``review`` command; ReviewError and the pipeline's errors propagate."""
    return {"decide": cmd_decide, "list": cmd_list, "orphans": cmd_orphans,
            "export": cmd_export, "import": cmd_import}[args.review_command](args, echo)
