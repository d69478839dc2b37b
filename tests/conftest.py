"""Suite-wide settings: Hypothesis without per-example deadlines.

The machines that run the suite are shared and noisy; a deadline there fails a test for
the machine's load, not for the code. Speed is measured by the benchmarks in ``bench/``.
"""

from hypothesis import settings

settings.register_profile("shared-machine", deadline=None)
settings.load_profile("shared-machine")


import os  # noqa: E402
import tempfile  # noqa: E402

import pytest  # noqa: E402

# The built gazetteer's pickles (gazetteer.warm) go to a folder of this run, not to the
# developer's cache: a test run never leaves files behind in the user's home, and never
# reads a store another checkout built. Tests of the cache itself set their own folder.
os.environ.setdefault("GAZETTEER_CACHE_DIR", tempfile.mkdtemp(prefix="nes-gazetteer-cache-"))


@pytest.fixture(autouse=True)
def _private_data_folder(tmp_path_factory, monkeypatch):
    """Every test gets its own empty data folder: a developer's uploads or review store
    (data/review.sqlite) must never change what a test sees. Tests that need one set it."""
    monkeypatch.setenv("NES_OSINT_DATA", str(tmp_path_factory.mktemp("data")))
