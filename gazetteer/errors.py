"""Exceptions of the gazetteer.

Each also inherits the built-in a caller would naturally catch (the geopy habit),
so ``except ValueError`` keeps working for code that does not know this package.
"""

from __future__ import annotations

from pathlib import Path


class GazetteerError(Exception):
    """Base class of every error this package raises on purpose."""


class GazetteerDataError(GazetteerError, ValueError):
    """A gazetteer or GeoNames file is malformed; names the file and the line."""

    def __init__(self, path: str | Path, line: int | None, problem: str) -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        where = f"{self.path}, line {line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}")


class GazetteerStoreError(GazetteerDataError):
    """The local store of imported places cannot be read or written.

    Raised instead of a traceback for a damaged, unreadable or unwritable store
    (``$GAZETTEER_HOME/imported.csv``) so every command line can print one line and
    stop. The message names the file, the line where known, the problem and what to
    do about it; ``problem`` keeps the bare problem and ``hint`` the advice.
    """

    def __init__(self, path: str | Path, line: int | None, problem: str, *,
                 hint: str = "") -> None:
        self.hint = hint or self.default_hint(path, line)
        super().__init__(path, line, f"{problem}; {self.hint}")
        self.problem = problem

    @staticmethod
    def default_hint(path: str | Path, line: int | None = None) -> str:
        """What a user can do with a damaged store: mend the row, or move it aside and re-import."""
        path = Path(path)
        mend = f"delete that row (line {line}) with a text editor, or " if line and line > 1 else ""
        return (f"the local gazetteer store is damaged: {mend}move {path.name} out of "
                f"{path.parent} (or point GAZETTEER_HOME at another folder) and import your "
                "GeoNames dumps again")


class GazetteerStoreBusy(GazetteerError, TimeoutError):
    """Another process held the store's lock for longer than the caller would wait."""


class GeocoderUnavailable(GazetteerError, ConnectionError):
    """The optional online geocoder could not answer (timeout, HTTP error, bad reply)."""


class OnlineDisabled(GazetteerError, PermissionError):
    """The online geocoder was asked for while online features are switched off."""


class ConfigurationError(GazetteerError, ValueError):
    """A setting the caller must provide is missing or invalid (e.g. the online user agent)."""
