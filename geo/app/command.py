"""The Export tab's command line: the ``python -m geo build`` call that writes the download.

The command is shown for pasting into a shell, so it must be exact and safe: every
value is quoted with :func:`shlex.join`, and each value rides in ``--flag=VALUE``
form, so an article id or actor starting with ``-`` is never taken for an option.

Where the command line cannot say what the dashboard did, the command says so in
``#`` comment lines above it (a shell ignores them when pasted), rather than pretend:

- ``geo build`` reads one folder, while the dashboard reads the corpus and the
  uploads folder in one run; with uploads present the command covers the corpus only.
- ``geo build`` splits every ``--type``/``--actor``/``--article`` value at commas and
  strips spaces, so a value holding a comma, or with spaces at its ends, cannot be
  named; it is left out and the comment names it.

>>> print(export_command("seeds", {"articles": ["-x", "a,b"]}, uploads=2))
# Differs from the download: the 2 uploaded files are left out (geo build reads one folder).
# Differs from the download: article 'a,b' is left out (geo build splits at commas, trims spaces).
python -m geo build seeds --out=out/ --article=-x
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["cli_command", "cli_notes", "export_command"]

_LISTS: tuple[tuple[str, str, str], ...] = (
    ("types", "--type", "type"), ("actors", "--actor", "actor"),
    ("articles", "--article", "article"))


def _nameable(value: str) -> bool:
    """Whether ``geo build`` reads ``value`` back as itself from one list option."""
    return bool(value) and "," not in value and value == value.strip()


def _positional(path: str | Path) -> str:
    """A folder as a positional argument that cannot be read as an option."""
    text = str(path)
    return f"./{text}" if text.startswith("-") else text


def cli_command(corpus: str | Path, filter_kwargs: Mapping[str, Any], *,
                out: str = "out/") -> str:
    """The ``python -m geo build`` command for the same filter, on one line.

    >>> cli_command("seeds", {"date_from": "2022-01-01", "types": ["raid"],
    ...                       "min_confidence": 0.5})
    'python -m geo build seeds --out=out/ --date-from=2022-01-01 --type=raid --min-confidence=0.5'
    >>> cli_command("my corpus", {"articles": ["-rf", "x y"]})
    "python -m geo build 'my corpus' --out=out/ --article=-rf '--article=x y'"
    """
    args = ["python", "-m", "geo", "build", _positional(corpus), f"--out={out}"]
    for key, flag in (("date_from", "--date-from"), ("date_to", "--date-to")):
        if filter_kwargs.get(key):
            args.append(f"{flag}={filter_kwargs[key]}")
    for key, flag, _ in _LISTS:
        values = filter_kwargs.get(key)
        if values is None:
            continue
        named = [str(v) for v in values if _nameable(str(v))]
        if not named:
            args.append(f"{flag}=")  # an empty choice (e.g. an outlet with no article): nothing
        args += [f"{flag}={value}" for value in named]
    if filter_kwargs.get("min_confidence"):
        args.append(f"--min-confidence={float(filter_kwargs['min_confidence']):g}")
    return shlex.join(args)


def cli_notes(filter_kwargs: Mapping[str, Any], *, uploads: int = 0) -> list[str]:
    """Why :func:`cli_command` would not give the download's bytes (empty when it does)."""
    notes = []
    if uploads:
        notes.append(f"the {uploads} uploaded file{'s' * (uploads != 1)} "
                     f"{'are' if uploads != 1 else 'is'} left out (geo build reads one folder).")
    for key, _, word in _LISTS:
        for value in filter_kwargs.get(key) or ():
            if not _nameable(str(value)):
                notes.append(f"{word} {str(value)!r} is left out "
                             "(geo build splits at commas, trims spaces).")
    return notes


def export_command(corpus: str | Path, filter_kwargs: Mapping[str, Any], *,
                   uploads: int = 0, out: str = "out/") -> str:
    """:func:`cli_command`, under a ``#`` line for each way it differs from the download."""
    lines = [_comment("Differs from the download: " + note)
             for note in cli_notes(filter_kwargs, uploads=uploads)]
    return "\n".join([*lines, cli_command(corpus, filter_kwargs, out=out)])


def _comment(text: str) -> str:
    """One shell comment line: a newline in a value must not start a command."""
    return "# " + " ".join(text.split())

