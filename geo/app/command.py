"""The Export tab's command line: the ``python -m geo build`` call that writes the download.

The command is shown for pasting into a shell, so it must be exact and safe: every
value is quoted with :func:`shlex.join`, and each value rides in ``--flag=VALUE``
form, so an article id or actor starting with ``-`` is never taken for an option.

It reads what the dashboard reads: the corpus, and with uploads present the uploads
folder too (``--uploads=DIR``, the same two-folder run). A list value that
``--type``/``--actor``/``--article`` would split at a comma or trim goes in the
``-exact`` form (``--article-exact=a,b``), which takes it whole.

Where the command line still cannot say what the dashboard did (a value holding a NUL
character, which no command line can carry), the command says so in ``#`` comment
lines above it (a shell ignores them when pasted), rather than pretend.

>>> print(export_command("seeds", {"articles": ["-x", "a,b"]}, uploads=2, uploads_dir="up"))
python -m geo build seeds --out=out/ --uploads=up --article=-x --article-exact=a,b
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..read.uploads import default_upload_dir

__all__ = ["cli_command", "cli_notes", "export_command"]

_LISTS: tuple[tuple[str, str, str], ...] = (
    ("types", "--type", "type"), ("actors", "--actor", "actor"),
    ("articles", "--article", "article"))


def _nameable(value: str) -> bool:
    """Whether ``geo build`` reads ``value`` back as itself from the splitting option."""
    return bool(value) and "," not in value and value == value.strip()


def _passable(value: str) -> bool:
    """Whether ``value`` can be a command-line argument at all (no NUL)."""
    return "\x00" not in value


def _positional(path: str | Path) -> str:
    """A folder as a positional argument that cannot be read as an option."""
    text = str(path)
    return f"./{text}" if text.startswith("-") else text


def cli_command(corpus: str | Path, filter_kwargs: Mapping[str, Any], *,
                out: str = "out/", uploads_dir: str | Path | None = None,
                include_rejected: bool = False) -> str:
    """The ``python -m geo build`` command for the same filter, on one line; with
    ``uploads_dir``, the run reads that folder too (``--uploads``); ``include_rejected``:
    the view keeps rejected incidents (the Review tab's "Show rejected incidents").

    >>> cli_command("seeds", {"date_from": "2022-01-01", "types": ["raid"],
    ...                       "min_confidence": 0.5})
    'python -m geo build seeds --out=out/ --date-from=2022-01-01 --type=raid --min-confidence=0.5'
    >>> cli_command("my corpus", {"articles": ["-rf", "x y", "a, b"]})
    "python -m geo build 'my corpus' --out=out/ --article=-rf '--article=x y' '--article-exact=a, b'"
    """
    args = ["python", "-m", "geo", "build", _positional(corpus), f"--out={out}"]
    if uploads_dir is not None:
        args.append(f"--uploads={uploads_dir}")
    if include_rejected:
        args.append("--include-rejected")
    for key, flag in (("date_from", "--date-from"), ("date_to", "--date-to")):
        if filter_kwargs.get(key):
            args.append(f"{flag}={filter_kwargs[key]}")
    for key, flag, _ in _LISTS:
        values = filter_kwargs.get(key)
        if values is None:
            continue
        named = [str(v) for v in values if _passable(str(v))]
        if not named:
            args.append(f"{flag}=")  # an empty choice (e.g. an outlet with no article): nothing
        args += [f"{flag}={value}" if _nameable(value) else f"{flag}-exact={value}"
                 for value in named]
    if filter_kwargs.get("min_confidence"):
        args.append(f"--min-confidence={float(filter_kwargs['min_confidence']):g}")
    return shlex.join(args)


def cli_notes(filter_kwargs: Mapping[str, Any], *, uploads: int = 0) -> list[str]:
    """Why :func:`cli_command` would not give the download's bytes (empty when it does).

    ``uploads`` is kept for callers of the first version: the uploads are read by
    ``--uploads`` now, so they never make a note.
    """
    return [f"{word} {str(value)!r} is left out (a command line cannot carry a NUL)."
            for key, _, word in _LISTS for value in filter_kwargs.get(key) or ()
            if not _passable(str(value))]


def export_command(corpus: str | Path, filter_kwargs: Mapping[str, Any], *,
                   uploads: int = 0, out: str = "out/",
                   uploads_dir: str | Path | None = None, include_rejected: bool = False) -> str:
    """:func:`cli_command` for the dashboard's view: with ``uploads`` (how many files the
    uploads folder holds) above 0, the run reads ``uploads_dir`` too (by default the
    folder the dashboard stores them in, :func:`geo.read.uploads.default_upload_dir`);
    under a ``#`` line for each way it still differs from the download."""
    folder = (uploads_dir if uploads_dir is not None else default_upload_dir()) if uploads else None
    lines = [_comment("Differs from the download: " + note) for note in cli_notes(filter_kwargs)]
    return "\n".join([*lines, cli_command(corpus, filter_kwargs, out=out, uploads_dir=folder,
                                           include_rejected=include_rejected)])


def _comment(text: str) -> str:
    """One shell comment line: a newline in a value must not start a command."""
    return "# " + " ".join(text.split())
