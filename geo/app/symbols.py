"""How each feature looks on the map, and the legend that explains it.

One place for the symbols (colour and Font Awesome icon per incident type, and the
styles of bases, articles, routes and places), so the markers drawn by
:mod:`geo.app.mapview`, the type names in popups (:mod:`geo.app.popups`), the legend and
the dashboard's charts (:mod:`geo.app.dashboard_data`) always agree.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from branca.element import MacroElement
from folium.template import Template

from .basemap import script_json

__all__ = [
    "ARTICLE_STYLE",
    "BASE_STYLE",
    "INCIDENT_STYLES",
    "PLACE_STYLE",
    "ROUTE_STYLE",
    "Legend",
    "legend_html",
]

#: Incident type -> (label, colour, Font Awesome 6 solid icon). Unknown types use "other".
INCIDENT_STYLES: dict[str, tuple[str, str, str]] = {
    "patrol": ("Patrol", "#1f77b4", "fa-route"),
    "patrol_encounter": ("Patrol encounter", "#17becf", "fa-people-arrows"),
    "patrol_obstruction": ("Patrol obstructed", "#8c564b", "fa-road-barrier"),
    "vehicle_collision": ("Vehicle collision", "#7f7f7f", "fa-car-burst"),
    "raid": ("Raid", "#9467bd", "fa-person-rifle"),
    "airstrike": ("Air / drone strike", "#d62728", "fa-jet-fighter"),
    "shelling": ("Shelling / missiles", "#ff7f0e", "fa-burst"),
    "armed_clash": ("Armed clash", "#a50026", "fa-crosshairs"),
    "air_incident": ("Air incident", "#e377c2", "fa-plane-circle-exclamation"),
    "shootdown": ("Aircraft / drone shot down", "#ad1457", "fa-plane-slash"),
    "deployment": ("Deployment", "#2ca02c", "fa-truck-moving"),
    "exercise": ("Exercise", "#6b8e23", "fa-flag-checkered"),
    "protest": ("Protest", "#bcbd22", "fa-people-group"),
    "arrest": ("Arrest", "#6d4c41", "fa-handcuffs"),
    "detention": ("Rival force's men detained", "#8d6e63", "fa-user-lock"),
    "statement": ("Statement", "#607d8b", "fa-bullhorn"),
    "agreement": ("Agreement", "#00897b", "fa-handshake"),
    "explosion": ("Explosion / IED", "#e65100", "fa-explosion"),
    "attack": ("Attack", "#880e4f", "fa-skull"),
    "capture": ("Town / position taken", "#b71c1c", "fa-flag"),
    "withdrawal": ("Withdrawal", "#5c6bc0", "fa-person-walking-arrow-loop-left"),
    "convoy": ("Convoy", "#0d47a1", "fa-truck"),
    "confrontation": ("Scuffle / confrontation", "#a1887f", "fa-hand-fist"),
    "blockade": ("Blockade / cordon", "#795548", "fa-building-lock"),
    "assassination": ("Assassination", "#4a148c", "fa-gun"),
    "riot": ("Riot / prison mutiny", "#c2185b", "fa-dungeon"),
    "other": ("Other", "#455a64", "fa-circle-question"),
}
BASE_STYLE = {"cls": "base-marker", "color": "#263238", "icon": "fa-house-flag"}
ARTICLE_STYLE = {"cls": "article-marker", "color": "#3949ab", "icon": "fa-newspaper"}
ROUTE_STYLE = {"color": "#1f4e79"}
PLACE_STYLE = {"cls": "place-marker", "color": "#607080"}


class Legend(MacroElement):
    """The legend on the map (bottom right), drawn by ``OsintMap.legend`` from
    :func:`legend_html`."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        OsintMap.legend({{ this._parent.get_name() }}, {{ this.html_json }}, "bottomright");
        {% endmacro %}
        """
    )

    def __init__(self, html_text: str):
        super().__init__()
        self._name = "OsintLegend"
        self.html_json = script_json(html_text)


def _sym(style: dict, shape: str = "") -> str:
    """A legend symbol; its classes are not the markers' so marker counts stay exact."""
    return (f'<span class="legend-sym {shape}"><span class="osint-sym" '
            f'style="background:{style["color"]}"><i class="fa-solid {style["icon"]}"></i>'
            "</span></span>")


def legend_html(incident_types: Iterable[str], *, approximate: bool = False,
                bases: bool = False, routes: bool = False, places: bool = False,
                articles: bool = False, folded: bool = False) -> str:
    """The legend: one line per incident type shown, then the other symbols in use.
    ``folded``: it starts closed (the playback bar shares the foot of the map)."""
    items = []
    for key in INCIDENT_STYLES:
        if key in set(incident_types):
            label, colour, icon = INCIDENT_STYLES[key]
            items.append(f"<li>{_sym({'color': colour, 'icon': icon})} {html.escape(label)}</li>")
    if approximate:
        items.append('<li><span class="sym-area"></span> Approximate location '
                     "(dashed: area, not a point)</li>")
    if bases:
        sym = _sym(BASE_STYLE, "legend-base")
        items.append(f"<li>{sym} Base (with the forces holding it)</li>")
    if routes:
        items.append('<li><span class="sym-route"></span> Route (arrows: direction)</li>')
    if places:
        items.append('<li><span class="sym-place"></span> Place mentioned (size: mentions)</li>')
    if articles:
        sym = _sym(ARTICLE_STYLE, "legend-article")
        items.append(f"<li>{sym} Article (where it reports from)</li>")
    if not items:
        items.append("<li>Nothing to show for the current selection.</li>")
    state = "" if folded else " open"
    return f'<details{state}><summary>Legend</summary><ul>{"".join(items)}</ul></details>'

