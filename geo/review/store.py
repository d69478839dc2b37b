"""The review store: one SQLite file of decisions, shared by the dashboard and the CLI.

Why SQLite (the standard library's): no server to start, one file to back up, and
several processes (two analysts on one dashboard server, a build running meanwhile)
can read and write it at once. The file lives in the data folder the uploads use
(``$NES_OSINT_DATA/review.sqlite``, see :func:`default_review_path`).

* **Schema version**: table ``schema_version`` (``app``, ``version``) says whose file it
  is and which schema it has. An older schema is migrated on open, in one transaction
  (:data:`MIGRATIONS`); a newer one, or an SQLite file that is not ours, is refused
  without a single write (:class:`ForeignStoreError`); a file that is not SQLite at all
  is refused before SQLite opens it.
* **Concurrency**: WAL journal (readers never wait for a writer), a busy timeout, and
  every change in a ``BEGIN IMMEDIATE`` transaction: a writer waits for the other
  rather than failing, and a failed change leaves the file as it was.
* Decisions are only ever added: the history is the table; which decision wins is
  :mod:`geo.review.state`'s job. A decision id already stored is not stored again
  (so importing the same history twice adds nothing).

>>> import tempfile
>>> from geo.review.decisions import make_decision
>>> store = ReviewStore(Path(tempfile.mkdtemp()) / "review.sqlite")
>>> store.add([make_decision(kind="confirm", target="inc-1")])
1
>>> [d.kind for d in store.decisions()]
['confirm']
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from .decisions import Decision
from .errors import ForeignStoreError, ReviewStoreError

__all__ = ["APP", "FILE_NAME", "SCHEMA_VERSION", "ReviewStore", "default_review_path"]

APP = "nes-osint-review"
FILE_NAME = "review.sqlite"
SCHEMA_VERSION = 2
#: Seconds a writer waits for another before giving up.
BUSY_TIMEOUT = 15.0
_SQLITE_MAGIC = b"SQLite format 3\x00"

#: The first schema (kept to test the migration): incident decisions only, no old value,
#: no author, no field.
SCHEMA_V1 = """
CREATE TABLE schema_version (app TEXT NOT NULL, version INTEGER NOT NULL);
CREATE TABLE decisions (
    id TEXT PRIMARY KEY, incident_id TEXT NOT NULL, action TEXT NOT NULL,
    value TEXT, created TEXT NOT NULL, note TEXT NOT NULL DEFAULT '');
"""

_DECISIONS_V2 = """
CREATE TABLE decisions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    target_kind TEXT NOT NULL,
    target TEXT NOT NULL,
    field TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    at TEXT NOT NULL,
    who TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    batch TEXT NOT NULL DEFAULT '');
CREATE INDEX decisions_target ON decisions (target_kind, target, field);
"""

_V1_FIELDS = {"confirm": "review", "reject": "review", "set-type": "type"}


def _migrate_v1(con: sqlite3.Connection) -> None:
    """v1 -> v2: every v1 decision was on an incident; v1 kept no old value nor author."""
    rows = con.execute("SELECT id, incident_id, action, value, created, note FROM decisions "
                       "ORDER BY created, rowid").fetchall()
    con.execute("DROP TABLE decisions")
    for statement in _DECISIONS_V2.split(";"):
        if statement.strip():
            con.execute(statement)
    for id_, incident, action, value, created, note in rows:
        new = {"confirm": json.dumps("confirmed"), "reject": json.dumps("rejected")}.get(
            action, value)
        con.execute("INSERT INTO decisions (id, kind, target_kind, target, field, old_value, "
                    "new_value, at, note) VALUES (?, ?, 'incident', ?, ?, 'null', ?, ?, ?)",
                    (id_, action, incident, _V1_FIELDS.get(action, action), new, created, note))


#: version -> the step that brings a store of that version to the next.
MIGRATIONS = {1: _migrate_v1}


def default_review_path() -> Path:
    """``$NES_OSINT_DATA/review.sqlite``, else ``data/review.sqlite`` in the project
    (the folder :func:`geo.read.uploads.default_upload_dir` keeps uploads in)."""
    from ..read.uploads import default_upload_dir

    return default_upload_dir().parent / FILE_NAME


class ReviewStore:
    """The decisions in one SQLite file; each call opens its own connection.

    Parameters
    ----------
    path : path
        The file (created with its folder on first use when ``create``).
    create : bool
        False: a missing file is an error (a build never creates a store).

    Raises
    ------
    ReviewStoreError
        (an ``OSError``) the file cannot be read or written, or is not SQLite.
    ForeignStoreError
        The file is SQLite but not a review store, or from a newer version.
    """

    def __init__(self, path: str | Path, *, create: bool = True,
                 timeout: float = BUSY_TIMEOUT) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self._check_file(create)
        self._open_schema()

    def __repr__(self) -> str:
        return f"ReviewStore({str(self.path)!r})"

    # --- opening ----------------------------------------------------------------------

    def _check_file(self, create: bool) -> None:
        where = str(self.path)
        try:
            if not self.path.exists():
                if not create:
                    raise ReviewStoreError(f"no review store at {where}; take a decision "
                                           "first (python -m geo review decide ...) or give "
                                           "another --review file")
                self.path.parent.mkdir(parents=True, exist_ok=True)
                return
            if not self.path.is_file():
                raise ReviewStoreError(f"review store {where} is not a regular file; "
                                       "give the path of a .sqlite file")
            with open(self.path, "rb") as f:
                head = f.read(len(_SQLITE_MAGIC))
        except ReviewStoreError:
            raise
        except OSError as exc:
            raise ReviewStoreError(f"cannot read review store {where}: "
                                   f"{exc.strerror or exc}; check its permissions") from None
        if head and head != _SQLITE_MAGIC:
            raise ReviewStoreError(f"{where} is not an SQLite database, so not a review store; "
                                   "nothing was written to it. Give another file (or move "
                                   "this one away)")

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        try:
            con = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise ReviewStoreError(f"cannot open review store {self.path}: {exc}") from None
        with closing(con):
            con.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            try:
                yield con
            except sqlite3.DatabaseError as exc:
                raise ReviewStoreError(f"review store {self.path}: {exc}; nothing was changed "
                                       "(check the disk and the file's permissions)") from None

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it, or nothing (rolled back on any error)."""
        with self._connection() as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    def _version(self, con: sqlite3.Connection) -> int | None:
        """Our schema version, None for an empty file; ForeignStoreError if not ours."""
        tables = {r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
        if not tables:
            return None
        row = None
        if "schema_version" in tables:
            try:
                row = con.execute("SELECT app, version FROM schema_version").fetchone()
            except sqlite3.DatabaseError:
                row = None
        if row is None or row[0] != APP or not isinstance(row[1], int):
            raise ForeignStoreError(
                f"{self.path} is an SQLite database but not a review store (tables: "
                f"{', '.join(sorted(tables))}); nothing was written to it. Give another file")
        if row[1] > SCHEMA_VERSION:
            raise ForeignStoreError(
                f"review store {self.path} has schema version {row[1]}, newer than this "
                f"program's {SCHEMA_VERSION}; update the program (nothing was changed)")
        return row[1]

    def _open_schema(self) -> None:
        try:
            with self._connection() as con:
                version = self._version(con)
                if version != SCHEMA_VERSION:
                    self._upgrade()
                if con.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    try:
                        con.execute("PRAGMA journal_mode = WAL")
                    except sqlite3.OperationalError:
                        pass  # a read-only file: read it as it is
        except sqlite3.DatabaseError as exc:
            raise ReviewStoreError(f"{self.path} cannot be read as a review store ({exc}); "
                                   "nothing was written to it") from None

    def _upgrade(self) -> None:
        """Create or migrate the schema, rechecked under the write lock (two may race)."""
        with self._transaction() as con:
            version = self._version(con)
            if version is None:
                con.execute("CREATE TABLE schema_version (app TEXT NOT NULL, "
                            "version INTEGER NOT NULL)")
                for statement in _DECISIONS_V2.split(";"):
                    if statement.strip():
                        con.execute(statement)
                con.execute("INSERT INTO schema_version VALUES (?, ?)", (APP, SCHEMA_VERSION))
                return
            while version < SCHEMA_VERSION:
                MIGRATIONS[version](con)
                version += 1
            con.execute("UPDATE schema_version SET version = ?", (version,))

    # --- reading and writing ----------------------------------------------------------

    def add(self, decisions: Iterable[Decision]) -> int:
        """Store decisions in one transaction; ids already stored are skipped. Returns how
        many were new."""
        rows = [(d.id, d.kind, d.target_kind, d.target, d.field,
                 json.dumps(d.old, ensure_ascii=False), json.dumps(d.new, ensure_ascii=False),
                 d.at, d.who, d.note, d.batch) for d in decisions]
        with self._transaction() as con:
            before = con.total_changes
            con.executemany("INSERT OR IGNORE INTO decisions (id, kind, target_kind, target, "
                            "field, old_value, new_value, at, who, note, batch) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            return con.total_changes - before

    def decisions(self, *, target: str | None = None,
                  target_kind: str | None = None) -> list[Decision]:
        """The history (all of it, or one target's), oldest first (by time, then storage)."""
        sql = ("SELECT id, kind, target_kind, target, field, old_value, new_value, at, who, "
               "note, batch FROM decisions")
        where, args = [], []
        if target is not None:
            where.append("target = ?")
            args.append(target)
        if target_kind is not None:
            where.append("target_kind = ?")
            args.append(target_kind)
        if where:
            sql += " WHERE " + " AND ".join(where)
        with self._connection() as con:
            rows = con.execute(sql + " ORDER BY at, seq", args).fetchall()
        return [_decision(r) for r in rows]

    def count(self) -> int:
        with self._connection() as con:
            return int(con.execute("SELECT count(*) FROM decisions").fetchone()[0])

    def last_stored(self, n: int) -> list[Decision]:
        """The ``n`` decisions stored last (by any process), oldest of them first.

        Storage order, not decision time: what arrived since a reader last looked (an
        imported history's decisions may carry older times).
        """
        if n <= 0:
            return []
        with self._connection() as con:
            rows = con.execute("SELECT id, kind, target_kind, target, field, old_value, "
                               "new_value, at, who, note, batch FROM decisions "
                               "ORDER BY seq DESC LIMIT ?", (int(n),)).fetchall()
        return [_decision(r) for r in reversed(rows)]

    def stamp(self) -> str:
        """A cheap token that changes whenever a decision is added (by any process).

        Decisions are only ever appended, so the count and the last row id say whether
        anything changed: a cache of a run (the dashboard's) keys on it.
        """
        with self._connection() as con:
            n, last = con.execute("SELECT count(*), coalesce(max(seq), 0) FROM decisions"
                                  ).fetchone()
        return f"{n}:{last}"


def _decision(r: tuple) -> Decision:
    return Decision(id=r[0], kind=r[1], target_kind=r[2], target=r[3], field=r[4],
                    old=_loads(r[5]), new=_loads(r[6]), at=r[7], who=r[8], note=r[9],
                    batch=r[10])


def _loads(text: str | None) -> object:
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text
