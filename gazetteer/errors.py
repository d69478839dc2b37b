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


class GeocoderUnavailable(GazetteerError, ConnectionError):
    """The optional online geocoder could not answer (timeout, HTTP error, bad reply)."""


class OnlineDisabled(GazetteerError, PermissionError):
    """The online geocoder was asked for while online features are switched off."""


class ConfigurationError(GazetteerError, ValueError):
    """A setting the caller must provide is missing or invalid (e.g. the online user agent)."""
