"""The map app's room: everything only the dashboard and its map use.

The pipeline (reading, extraction, merging, layers, export) ends at :mod:`geo.layers` and
:mod:`geo.export`; this package turns its layers into what the analyst sees, without
Streamlit (``dashboard.py`` holds the widgets):

- :mod:`geo.app.mapview`: the folium map built from the layers (one Leaflet layer each);
- :mod:`geo.app.popups`: the escaped HTML a click on a feature shows;
- :mod:`geo.app.symbols`: how each feature looks (colour, icon) and the legend;
- :mod:`geo.app.basemap`: the tile-free borders and labels (``data/basemap_*.geojson``);
- :mod:`geo.app.assets`: the map's JavaScript, CSS and fonts served offline
  (``python -m geo.app.assets install``; our own script and styles are in ``static/``);
- :mod:`geo.app.viewstate`: the filtered view as URL query parameters;
- :mod:`geo.app.dashboard_data`: tables, chart, reader and downloads shaped for the widgets.

Nothing outside this package imports it, except ``dashboard.py``, the benchmarks and
the tests.
"""
