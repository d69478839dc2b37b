"""Command line: ``python -m gazetteer lookup|find|import|stats``.

The JSON shapes of ``lookup --json`` and ``find --json`` are a contract other
tools rely on; extend them, never rename fields.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .errors import GazetteerError, GeocoderUnavailable
from .jsonout import iter_mentions_json, iter_mentions_utf8
from .lookup import LookupResult, lookup
from .model import Candidate, Mention
from .normalize import is_arabic
from .store import load_gazetteer
from .terminal import echo, json_safe


def main(argv: list[str] | None = None) -> int:
    if argv is None:  # a command of its own (a caller in a process keeps its settings)
        _one_blas_thread()
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (GazetteerError, ValueError, TypeError, OSError) as exc:
        echo(f"gazetteer: error: {exc}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m gazetteer", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("lookup", help="best place for a name, with candidates")
    p.add_argument("text")
    p.add_argument("--json", action="store_true")
    p.add_argument("--online", action="store_true",
                   help="ask Nominatim when offline data has no answer (needs GAZETTEER_ONLINE=1 "
                        "and GAZETTEER_USER_AGENT)")
    p.set_defaults(func=_cmd_lookup)
    p = sub.add_parser("find", help="every place mention in a text file ('-' for stdin)")
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p.add_argument("--max-mb", type=float, default=DEFAULT_MAX_MB,
                   help=f"refuse larger inputs (default {DEFAULT_MAX_MB:g} MB)")
    p.set_defaults(func=_cmd_find)
    p = sub.add_parser("import", help="merge a GeoNames dump (19 columns) into the local store")
    p.add_argument("path")
    p.add_argument("--country", action="append", default=None,
                   help="keep only these country codes (repeatable), e.g. --country SY")
    p.set_defaults(func=_cmd_import)
    p = sub.add_parser("stats", help="what the gazetteer holds")
    p.set_defaults(func=_cmd_stats)
    return parser


def _cmd_lookup(args: argparse.Namespace) -> int:
    result = lookup(args.text, load_gazetteer())
    if result.best is None and args.online:
        result = _online(args.text, result)
    if args.json:
        print(json_safe(json.dumps(result.as_dict(), ensure_ascii=False, indent=2)))
    else:
        _print_lookup(result)
    return 0


def _online(query: str, offline: LookupResult) -> LookupResult:
    from .online import geocoder_from_env

    geocoder = geocoder_from_env()
    if geocoder is None:
        echo("gazetteer: online lookup is off; set GAZETTEER_ONLINE=1 and "
              "GAZETTEER_USER_AGENT to switch it on", file=sys.stderr)
        return offline
    try:
        places = geocoder.geocode(query)
    except GeocoderUnavailable as exc:
        echo(f"gazetteer: online geocoder failed ({exc}); offline answer kept", file=sys.stderr)
        return offline
    if not places:
        return offline
    candidates = [Candidate(p, 0.5, ("online answer (Nominatim/OSM)",)) for p in places]
    return LookupResult(query, places[0], 0.5, candidates, "online")


def _print_lookup(result: LookupResult) -> None:
    if result.best is None:
        echo(f"{result.query}: not resolved ({result.method})")
    else:
        b = result.best
        echo(f"{result.query}: {b.name_ar} / {b.name_en} [{b.kind}, {b.governorate or '-'}] "
              f"{b.lat:.5f}, {b.lon:.5f}  confidence {result.confidence:.2f} ({result.method})")
    for c in result.candidates[:10]:
        p = c.place
        echo(f"  - {p.id}: {p.name_ar} / {p.name_en} [{p.kind}, {p.governorate or '-'}] "
              f"score {c.score:.2f}: {'; '.join(c.reasons)}")


def _cmd_find(args: argparse.Namespace) -> int:
    text = _read_text(args.file, args.max_mb)
    from .resolver import collector_paused, resolve_text

    # The collector stays off until the mentions are written and gone: they are freed by
    # reference counting (none is in a cycle), where turning it on while they lived made
    # it walk every one of them once (tens of thousands on a long file) for nothing.
    with collector_paused():
        mentions = resolve_text(text, load_gazetteer())
        _print_mentions(mentions, as_json=args.json)
        del mentions
    return 0


def _one_blas_thread() -> None:
    """Ask NumPy's BLAS for one thread, unless the caller chose otherwise, before NumPy is
    first imported (folding a long text imports it; ``find`` does no linear algebra).

    Why: OpenBLAS starts a thread per core when it loads, and those threads spin: about
    0.05 CPU s of a command's 1.3 on this two-core machine, for nothing."""
    if "numpy" not in sys.modules:
        for name in _BLAS_THREADS:
            os.environ.setdefault(name, "1")


#: The variables that set the thread count of the BLAS libraries NumPy may be built with.
_BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def _print_mentions(mentions: list[Mention], *, as_json: bool) -> None:
    if as_json:  # written as it is made: megabytes of news give ten times their size in
        _write_json(mentions)  # JSON, never held whole
        return
    for m in mentions:
        where = (f"{m.place.name_en} ({m.place.lat:.4f}, {m.place.lon:.4f}) p{m.geo_precision}"
                 if m.place else "UNRESOLVED")
        echo(f"{m.start:>6}-{m.end:<6} {m.text}  ->  {where}  [{m.role}, "
              f"conf {m.confidence:.2f}] {m.cue}")


def _write_json(mentions: list[Mention]) -> None:
    """The mentions' JSON on standard output, a batch of mentions per write, each string
    made safe once; as UTF-8 bytes where standard output has a binary buffer (each
    distinct fragment then encoded once, not once per copy)."""
    out = sys.stdout
    binary = getattr(out, "buffer", None)
    if binary is not None and (out.encoding or "").lower().replace("-", "") == "utf8" \
            and out.errors == "strict" and os.linesep == "\n":  # (what the text layer does)
        out.flush()
        for piece in iter_mentions_utf8(mentions, escape=json_safe):
            binary.write(piece)
        binary.write(b"\n")
        binary.flush()
        return
    for text in iter_mentions_json(mentions, escape=json_safe):
        out.write(text)
    out.write("\n")


#: ``find`` reads one article; a bigger input is refused unless ``--max-mb`` raises the limit.
DEFAULT_MAX_MB = 20.0


def _read_text(name: str, max_mb: float = DEFAULT_MAX_MB) -> str:
    """The text of a file ('-' for stdin): UTF-8, UTF-16 or Windows-1256, refused with the
    reason if it is empty, too large or binary."""
    limit = int(max_mb * 1024 * 1024)
    if name == "-":
        raw = sys.stdin.buffer.read(limit + 1)
    else:
        with Path(name).open("rb") as handle:
            raw = handle.read(limit + 1)
    if len(raw) > limit:
        raise ValueError(f"{name}: larger than {max_mb:g} MB; 'find' reads one article "
                         "(raise the limit with --max-mb)")
    if not raw or raw.isspace():  # (what raw.strip() says, without a copy of the file)
        raise ValueError(f"{name}: empty")
    text = _decode(raw)
    if text is None:
        raise ValueError(f"{name}: not readable as UTF-8, UTF-16 or Windows-1256 text "
                         "(binary or another encoding)")
    return text


def _decode(raw: bytes) -> str | None:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _try(raw, "utf-16")
    if b"\x00" in raw:  # UTF-16 without a byte-order mark, or binary
        odd, even = raw[1::2].count(0), raw[0::2].count(0)
        encoding = "utf-16-le" if odd > even else "utf-16-be"
        text = _try(raw, encoding)
        return text if text is not None and _textlike(text) else None
    text = _try(raw, "utf-8-sig")
    if text is None:
        text = _try(raw, "cp1256")
        if text is not None and not is_arabic(text):
            return None  # Windows-1256 decodes almost any bytes: only take it for Arabic
    return text if text is not None and _textlike(text) else None


def _try(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None


def _textlike(text: str) -> bool:
    """Few control characters (binary decoded by luck has many)."""
    sample = text[:20000]
    controls = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f\v") or c == "\x7f")
    return controls <= len(sample) * 0.01


def _cmd_import(args: argparse.Namespace) -> int:
    from .geonames import import_dump

    countries = {c.upper() for c in args.country} if args.country else None
    summary = import_dump(Path(args.path), countries=countries)
    echo(f"{summary.path}: read {summary.read} rows, kept {summary.kept}, "
          f"stored {summary.stored} imported places; skipped {dict(summary.skipped)}")
    return 0


def _cmd_stats(args: argparse.Namespace) -> int:
    gaz = load_gazetteer()
    kinds: dict[str, int] = {}
    for p in gaz.places.values():
        kinds[p.kind] = kinds.get(p.kind, 0) + 1
    echo(f"{len(gaz)} places; keys {len(gaz.keys())}")
    for kind, n in sorted(kinds.items(), key=lambda kv: -kv[1]):
        echo(f"  {kind}: {n}")
    return 0


def _leave(code: int) -> None:
    """End the command with ``code`` once its output is flushed, without the interpreter's
    teardown (``os._exit``).

    Why: at exit the interpreter frees every object one by one and runs a last full
    collection: the gazetteer, the memos and the folded text, about 0.03 CPU s after a
    ``find`` on megabytes of news, for memory the system takes back whole. Nothing is
    left to run: output is flushed here (a failure to flush leaves the normal way, which
    reports it), the built store was written and closed when it was made."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:  # (a closed pipe): the interpreter's own exit says what it says
        raise SystemExit(code) from None
    os._exit(code)


if __name__ == "__main__":
    _leave(main())
