"""Running a check without the right to read a file (for the 'unreadable' tests).

Why: the tests run as root in the build container, and root reads a folder of mode
000 anyway. A forked child that gives up root (``setuid`` to nobody) meets the
permission error a user would; the result comes back through a pipe (pickled, from
the child we forked ourselves).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
NOBODY = 65534


def as_unprivileged(call: Callable[[], T]) -> T:
    """``call()``, in a child without root when we are root (else here); its exception
    is raised here."""
    if os.geteuid() != 0:
        return call()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop root, run, send the outcome, exit without cleanup
        os.close(read_end)
        try:
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            outcome: tuple[bool, object] = (True, call())
        except BaseException as exc:  # noqa: BLE001 - sent to the parent as it is
            outcome = (False, exc)
        with os.fdopen(write_end, "wb") as pipe:
            pickle.dump(outcome, pipe)
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    ok, value = pickle.loads(data)
    if not ok:
        raise value
    return value


@contextlib.contextmanager
def unreadable_folder() -> Iterator[tuple[Path, Path]]:
    """A folder anyone may enter (``top``) holding ``locked``, which nobody may read."""
    top = Path(tempfile.mkdtemp(prefix="nes-read-"))
    try:
        top.chmod(0o777)
        locked = top / "locked"
        locked.mkdir()
        locked.chmod(0)
        yield top, locked
    finally:
        for path in top.rglob("*"):
            with contextlib.suppress(OSError):
                path.chmod(0o755)
        shutil.rmtree(top, ignore_errors=True)
