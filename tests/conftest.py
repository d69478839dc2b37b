"""Suite-wide settings: Hypothesis without per-example deadlines.

The machines that run the suite are shared and noisy; a deadline there fails a test for
the machine's load, not for the code. Speed is measured by the benchmarks in ``bench/``.
"""

from hypothesis import settings

settings.register_profile("shared-machine", deadline=None)
settings.load_profile("shared-machine")


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _private_data_folder(tmp_path_factory, monkeypatch):
    """Every test gets its own empty data folder: a developer's uploads or review store
    (data/review.sqlite) must never change what a test sees. Tests that need one set it."""
    monkeypatch.setenv("NES_OSINT_DATA", str(tmp_path_factory.mktemp("data")))
