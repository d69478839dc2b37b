"""The shipped gazetteer, loaded once for the extraction tests."""

from __future__ import annotations

import pytest

from gazetteer.store import load_gazetteer


@pytest.fixture(scope="session")
def gaz():
    return load_gazetteer()
