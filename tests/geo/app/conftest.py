"""Fixtures of the map tests: the sample layers, and the page build_map makes of them."""

from __future__ import annotations

import geopandas as gpd
import pytest

from geo.app.mapview import build_map
from tests.geo.app.samples import small_layers


@pytest.fixture
def layers() -> dict[str, gpd.GeoDataFrame]:
    return small_layers()


@pytest.fixture
def page(layers) -> str:
    return build_map(layers, show_articles=True).get_root().render()
