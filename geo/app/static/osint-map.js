/* osint-map.js: the map layer of nes-osint-map, served offline from static/vendor/osint/.
 *
 * 1. OsintMap: draws the layers geo/app/mapview.py embeds as compact JSON (one Leaflet layer
 *    per data layer, clustered when large, popups assembled lazily from shared fragments).
 * 2. L.control.fullscreen and L.Control.Measure: small stand-ins with the option names of
 *    brunob/leaflet.fullscreen and ljagis/leaflet-measure, which no Python package ships,
 *    so folium.plugins.Fullscreen and folium.plugins.MeasureControl work offline.
 * 3. L.AwesomeMarkers.icon: a fallback so a folium.Icon added by someone else draws a
 *    plain pin instead of stopping the whole map script.
 *
 * Every string in the embedded data was HTML-escaped in Python, each untrusted field in
 * its own <bdi>; nothing here parses text.
 */
(function (L) {
  "use strict";
  if (!L) { return; }

  /* ------------------------------------------------------------ 1. OsintMap */

  /* A popup never grows wider than this, nor taller (it scrolls): article text can be
   * one 20,000-letter line (osint-map.css breaks long words). */
  var POPUP_MAX_WIDTH = 380;
  var POPUP_MAX_HEIGHT = 360;
  /* The map pans an opened popup clear of the controls in its corners (zoom, full
   * screen and measure on the left, layers on the right, scale and legend below). */
  /* Narrower than this, the legend starts folded. */
  var NARROW_MAP_PX = 640;
  var POPUP_PAN = { autoPanPaddingTopLeft: [56, 64], autoPanPaddingBottomRight: [56, 40] };

  function ensurePane(map, name, zIndex, noPointer) {
    if (!map.getPane(name)) {
      var pane = map.createPane(name);
      pane.style.zIndex = String(zIndex);
      if (noPointer) { pane.style.pointerEvents = "none"; }
    }
    return name;
  }

  function joinFragments(frags, refs) {
    var out = "";
    for (var i = 0; i < refs.length; i++) { out += frags[refs[i]]; }
    return out;
  }

  function divIcon(style, extraClass) {
    var cls = style.cls + (extraClass ? " " + extraClass : "");
    var html = '<span class="osint-sym" style="background:' + style.color + '">' +
      (style.icon ? '<i class="fa-solid ' + style.icon + '"></i>' : "") + "</span>";
    return L.divIcon({ className: cls, html: html, iconSize: [22, 22],
                       iconAnchor: [11, 11], popupAnchor: [0, -10] });
  }

  /* ---- packed text (geo/app/packing.py): deflated UTF-8 JSON in base64 ---- */

  var LOADING = '<div class="meta">Loading…</div>';

  /* A Promise of the value packed in ``b64``; the browser inflates it off the main
   * thread. Rejects (the popups then say so) where DecompressionStream is missing. */
  function unpack(b64) {
    if (typeof DecompressionStream === "undefined") {
      return Promise.reject(new Error("this browser cannot unpack the map's text"));
    }
    var bin = atob(b64);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
    return new Response(stream).text().then(JSON.parse);
  }

  /* A layer's text: its fragments, and where the rows' fragment numbers (``refs``)
   * and tooltips are when they were packed with them. ``ready`` is a Promise; until a
   * packed table is unpacked a popup says "Loading…", and one that opened meanwhile is
   * opened again once the text is there (so popupopen listeners, such as the reader
   * links, run on the real content). */
  function textTable(spec, map, owns) {
    var table = { frags: spec.frags || [], refs: null, tips: null, loaded: !spec.packed };
    table.ready = table.loaded ? Promise.resolve(table) : unpack(spec.packed).then(
      function (packed) {
        table.frags = packed.frags || [];
        table.refs = packed.refs || null;
        table.flat = packed.flat || null;  /* or every row's refs in one list, */
        table.ends = packed.ends || null;  /* each row's end in it */
        table.tips = packed.tooltips || null;
        table.loaded = true;
        var popup = map._popup;
        var source = popup && popup._source;
        if (source && owns(source) && map.hasLayer(popup)) {
          source.closePopup();
          source.openPopup(popup.getLatLng());
        }
        return table;
      },
      function (err) {
        table.failed = '<div class="meta">' + String(err && err.message || err)
          .replace(/[&<>"']/g, "") + "</div>";
      });
    /* the popup HTML of a feature: its own refs, else its row's in the packed table */
    table.popup = function (options) {
      if (!table.loaded) { return table.failed || LOADING; }
      var i = options.osintIndex;
      var refs = options.osintRefs || (table.refs && table.refs[i]) ||
        (table.flat && table.flat.slice(i ? table.ends[i - 1] : 0, table.ends[i])) || [];
      return joinFragments(table.frags, refs);
    };
    table.tooltip = function (options) {
      if (!table.loaded) { return table.failed ? "" : "…"; }
      var i = options.osintTip !== undefined ? options.osintTip
        : table.tips && table.tips[options.osintIndex];
      return i === undefined || i === null ? "" : table.frags[i];
    };
    return table;
  }

  /* ---- the maps on the page, their data layers, and the shared cluster group ---- */

  var maps = [];

  function state(map) {
    if (!map._osint) { map._osint = { layers: {}, cluster: null }; maps.push(map); }
    return map._osint;
  }

  function register(map, kind, items, group) {
    state(map).layers[kind] = { items: items, group: group };
  }

  /* A cluster icon coloured by what it holds: a ring with one arc per colour, in
   * proportion to the markers of that colour, around the count. */
  function clusterIcon(cluster) {
    var children = cluster.getAllChildMarkers();
    var counts = {};
    var order = [];
    for (var i = 0; i < children.length; i++) {
      var c = children[i].options.osintColor || "#607080";
      if (!counts[c]) { counts[c] = 0; order.push(c); }
      counts[c] += 1;
    }
    order.sort(function (a, b) { return counts[b] - counts[a]; });
    var stops = [];
    var at = 0;
    for (var j = 0; j < order.length; j++) {
      var next = at + 100 * counts[order[j]] / children.length;
      stops.push(order[j] + " " + at.toFixed(1) + "% " + next.toFixed(1) + "%");
      at = next;
    }
    var n = children.length;
    var size = n < 10 ? 32 : n < 100 ? 38 : 44;
    return L.divIcon({
      className: "marker-cluster osint-cluster",
      html: '<div style="background:conic-gradient(' + stops.join(",") + ')"><span>' + n +
        "</span></div>",
      iconSize: [size, size] });
  }

  function sharedCluster(map, options) {
    var st = state(map);
    if (!st.cluster) {
      st.cluster = L.markerClusterGroup(L.extend(
        { chunkedLoading: true, iconCreateFunction: clusterIcon }, options));
    }
    return st.cluster;
  }

  /* One layer's share of the shared cluster group: adding it to the map adds its
   * markers to the group (and the group to the map), removing it takes them out. */
  var ClusterPart = L.Layer.extend({
    initialize: function (cluster, markers) { this._cluster = cluster; this._markers = markers; },
    onAdd: function (map) {
      this._cluster.addLayers(this._markers);
      if (!map.hasLayer(this._cluster)) { map.addLayer(this._cluster); }
    },
    onRemove: function () { this._cluster.removeLayers(this._markers); },
    getLayers: function () { return this._markers.slice(); }
  });

  /* Open the popup of row ``index`` of layer ``kind`` ("incidents", "bases", ...):
   * zooms or spiderfies until the marker shows. Returns false when there is none. */
  function focus(kind, index, map) {
    map = map || maps[0];
    var layer = map && map._osint && map._osint.layers[kind];
    var item = layer && layer.items[index];
    if (!item) { return false; }
    var cluster = map._osint.cluster;
    if (cluster && cluster.hasLayer(item)) {
      cluster.zoomToShowLayer(item, function () { item.openPopup(); });
    } else if (item.getBounds) {
      map.fitBounds(item.getBounds(), { maxZoom: 11 });
      item.openPopup(item.getBounds().getCenter());
    } else {
      map.setView(item.getLatLng(), Math.max(map.getZoom(), 11));
      item.openPopup();
    }
    return true;
  }

  /* Fly the map (the first on the page unless given) to a point, e.g. a place found
   * by geo.app.search. Numbers only: anything else is ignored. */
  function flyTo(lat, lon, zoom, map) {
    map = map || maps[0];
    lat = Number(lat); lon = Number(lon); zoom = Number(zoom);
    if (!map || !isFinite(lat) || !isFinite(lon)) { return false; }
    if (!isFinite(zoom)) { zoom = map.getZoom(); }
    map.flyTo([lat, lon], zoom, { duration: 0.8 });
    return true;
  }

  /* spec: {kind, rows: [[lat, lon, style, refs, radius_m, approx]], styles, frags,
   *        tooltips (a fragment number per row), or instead of frags packed: {frags,
   *        refs, tooltips} packed (geo/app/packing.py; rows' refs are then 0, and
   *        tooltips true when the packed text has them),
   *        cluster: false | {...markercluster options}, marker: "div" | "circle",
   *        circlesMinZoom: the dashed areas show from this zoom on (where clusters open)} */
  function points(spec, map) {
    var styles = spec.styles || [];
    var popupOptions = L.extend({ maxWidth: POPUP_MAX_WIDTH, minWidth: 200,
                                  maxHeight: POPUP_MAX_HEIGHT, className: "osint-popup" },
                                POPUP_PAN);
    var mine = {};
    var text = textTable(spec, map, function (layer) { return mine[L.stamp(layer)]; });
    var content = function (layer) { return text.popup(layer.options); };
    var tip = function (layer) { return text.tooltip(layer.options); };
    var packed = !!spec.packed;  /* refs and tooltips are in the packed text */
    var icons = {};
    var markers = [];
    var circles = [];
    var rows = spec.rows || [];
    var circlePane = ensurePane(map, "osintAreas", 390, true);
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var style = styles[r[2]];
      var marker;
      if (spec.marker === "circle") {
        marker = L.circleMarker([r[0], r[1]], {
          radius: r[4] || 4, color: style.color, weight: 1, fillColor: style.color,
          fillOpacity: 0.6, osintRefs: r[3] || null });
      } else {
        var key = r[2] + (r[5] ? "a" : "");
        if (!icons[key]) { icons[key] = divIcon(style, r[5] ? style.approxCls : ""); }
        marker = L.marker([r[0], r[1]], { icon: icons[key], osintRefs: r[3] || null,
                                          riseOnHover: true, osintColor: style.color });
        if (r[4]) {
          circles.push(L.circle([r[0], r[1]], {
            radius: r[4], color: style.color, weight: 1.5, dashArray: "6 5",
            opacity: 0.9, fillColor: style.color, fillOpacity: 0.08,
            interactive: false, pane: circlePane }));
        }
      }
      marker.options.osintIndex = i;
      if (packed || (r[3] && r[3].length)) { marker.bindPopup(content, popupOptions); }
      if (packed ? spec.tooltips : spec.tooltips && spec.tooltips[i] !== undefined) {
        if (!packed) { marker.options.osintTip = spec.tooltips[i]; }
        marker.bindTooltip(tip, { direction: "top", offset: [0, -10], className: "osint-tip" });
      }
      mine[L.stamp(marker)] = true;
      markers.push(marker);
    }
    var group;
    if (spec.cluster && L.markerClusterGroup) {
      /* one cluster group per map, shared by every clustered layer: an incident and a
       * base at one point fall into one cluster and spiderfy together */
      group = new ClusterPart(sharedCluster(map, spec.cluster), markers);
    } else {
      group = L.featureGroup(markers);
    }
    register(map, spec.kind, markers, group);
    state(map).layers[spec.kind].text = text;
    if (!circles.length) { return group; }
    var areas = L.featureGroup(circles);
    var outer = L.featureGroup([group]);
    var minZoom = spec.circlesMinZoom || 0;
    var sync = function () {
      var want = map.getZoom() >= minZoom;
      if (want && !outer.hasLayer(areas)) { outer.addLayer(areas); }
      if (!want && outer.hasLayer(areas)) { outer.removeLayer(areas); }
    };
    map.on("zoomend", sync);
    map.whenReady(sync);
    return outer;
  }

  /* spec: {of: a data layer already drawn ("incidents"), options: Leaflet.heat's}: a
   * heat map of that layer's points, read from its markers rather than sent again. */
  function heat(spec, map) {
    var layer = state(map).layers[spec.of];
    var points = [];
    var items = layer ? layer.items : [];
    for (var i = 0; i < items.length; i++) { points.push(items[i].getLatLng()); }
    return L.heatLayer(points, spec.options || {});
  }

  /* spec: {rows: [[[[lat, lon], ...], style, refs]], arrows: [[lat, lon, deg, style]], styles, frags} */
  function routes(spec, map) {
    var frags = spec.frags || [];
    var styles = spec.styles || [];
    var content = function (layer) { return joinFragments(frags, layer.options.osintRefs); };
    var layers = [];
    var lines = [];
    var rows = spec.rows || [];
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var style = styles[r[1]];
      var line = L.polyline(r[0], { color: style.color, weight: 3, opacity: 0.85,
                                    osintRefs: r[2], className: "route-line" });
      if (r[2] && r[2].length) {
        line.bindPopup(content, L.extend({ maxWidth: POPUP_MAX_WIDTH,
                                           maxHeight: POPUP_MAX_HEIGHT,
                                           className: "osint-popup" }, POPUP_PAN));
      }
      if (spec.tooltips && spec.tooltips[i] !== undefined) {
        line.bindTooltip(frags[spec.tooltips[i]], { sticky: true, className: "osint-tip" });
      }
      line.options.osintIndex = i;
      lines.push(line);
      layers.push(line);
    }
    register(map, spec.kind || "routes", lines, null);
    var arrows = spec.arrows || [];
    for (var j = 0; j < arrows.length; j++) {
      var a = arrows[j];
      var colour = styles[a[3]].color;
      layers.push(L.marker([a[0], a[1]], {
        interactive: false, keyboard: false,
        icon: L.divIcon({
          className: "route-arrow", iconSize: [16, 16], iconAnchor: [8, 8],
          html: '<span style="transform:rotate(' + a[2] + 'deg);border-bottom-color:' +
            colour + '"></span>' }) }));
    }
    return L.featureGroup(layers);
  }

  /* spec: {rows: [[lat, lon, fragIndex, tier]], frags, cls, minZoom, tiers}: text, not
   * clickable. Each tier {cls, minZoom} (default: the spec's own cls and minZoom) is
   * hidden below its minZoom, where it would crowd: big towns show before villages. */
  function labels(spec, map) {
    var pane = ensurePane(map, "osintLabels", 450, true);
    var tiers = spec.tiers || [{ cls: spec.cls, minZoom: spec.minZoom || 0 }];
    var container = map.getContainer();
    var hide = function () {
      for (var t = 0; t < tiers.length; t++) {
        if (!tiers[t].minZoom) { continue; }
        L.DomUtil[map.getZoom() < tiers[t].minZoom ? "addClass" : "removeClass"](
          container, "osint-hide-" + tiers[t].cls);
      }
    };
    var layers = [];
    /* Names that would overlap a bigger place's are hidden, rows coming biggest first:
     * at zoom 7 the west of the country is otherwise a carpet of unreadable names.
     * All boxes are read first (one layout), then compared. */
    var retries = 0;
    var declutter = function () {
      var boxes = [], kept = [], i, k, b, o, clash, measured = 0;
      for (i = 0; i < layers.length; i++) {
        var el = layers[i]._icon, inner = el && el.firstChild;
        b = inner && inner.offsetParent !== null ? inner.getBoundingClientRect() : null;
        if (b && (b.width || b.height)) { measured++; }
        boxes.push(b);
      }
      /* nothing laid out yet (the frame is still being sized): measure again shortly,
       * or the first view keeps every name, overlapping, until the user zooms; after ten
       * seconds (a loaded machine) once a second, for two minutes more */
      if (!measured && layers.length && retries < 160) {
        retries++;
        setTimeout(tidy, retries <= 40 ? 250 : 1000);
        return;
      }
      for (i = 0; i < layers.length; i++) {
        b = boxes[i];
        if (!b || !(b.width || b.height)) { continue; }
        clash = false;
        for (k = 0; k < kept.length && !clash; k++) {
          o = kept[k];
          clash = b.left < o.right && b.right > o.left && b.top < o.bottom && b.bottom > o.top;
        }
        L.DomUtil[clash ? "addClass" : "removeClass"](layers[i]._icon, "osint-label-crowded");
        if (!clash) { kept.push(b); }
      }
    };
    var tidy = function () { hide(); declutter(); };
    /* after a zoom, a pan that brings new names in, a resize of the frame, and once the
     * fonts have loaded: a first pass run before the frame was laid out measured nothing */
    /* each view change may wait for a layout again: on a loaded machine the first load can
     * use up the retries before the frame is sized, and a later view measured mid-layout
     * would otherwise keep every name, overlapping */
    map.on("zoomend moveend resize", function () { retries = 0; tidy(); });
    map.whenReady(hide);
    if (document.fonts && document.fonts.ready) { document.fonts.ready.then(tidy); }
    var rows = spec.rows || [];
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var tier = tiers[r[3] || 0];
      layers.push(L.marker([r[0], r[1]], {
        interactive: false, keyboard: false, pane: pane,
        icon: L.divIcon({ className: tier.cls, html: "<div>" + spec.frags[r[2]] + "</div>",
                          iconSize: [0, 0] }) }));
    }
    var group = L.featureGroup(layers);
    group.on("add", function () { setTimeout(tidy, 0); });
    return group;
  }

  /* spec: {countries: FeatureCollection, governorates: FeatureCollection, attribution} */
  function basemap(spec, map) {
    state(map);  /* the map is known to focus/flyTo even with no data layer */
    var pane = ensurePane(map, "osintBase", 250, true);
    var fill = spec.translucent ? 0.1 : 1;  /* translucent over online tiles */
    var countries = L.geoJSON(spec.countries, {
      pane: pane, interactive: false, attribution: spec.attribution,
      style: function (f) {
        return f.properties.id === "SYR"
          ? { color: "#5b5340", weight: 2.2, fillColor: "#fbf7ea", fillOpacity: fill }
          : { color: "#8c8c8c", weight: 1, fillColor: "#ecebe6", fillOpacity: fill };
      } });
    var governorates = L.geoJSON(spec.governorates, {
      pane: pane, interactive: false,
      style: function (f) {
        return f.properties.kind === "governorate"
          ? { color: "#9b8f6a", weight: 1, dashArray: "4 3", fill: false }
          : { color: "#7a90a8", weight: 1, dashArray: "2 3", fillColor: "#dfe7ee",
              fillOpacity: 0.6 };
      } });
    var parts = [countries, governorates];
    if (spec.rivers) {
      parts.push(state(map).rivers = L.geoJSON(spec.rivers, {
        pane: pane, interactive: false, attribution: spec.riversAttribution,
        style: function (f) {
          return { color: "#5b8fc7", weight: f.properties.name_en ? 2.4 : 1.3,
                   opacity: 0.9, lineCap: "round", lineJoin: "round" };
        } }));
    }
    return L.featureGroup(parts);
  }

  /* The legend is a control, and controls stand above popups: it folds while a popup
   * is open (if it was open) and unfolds when the popup closes. */
  function legend(map, html, position) {
    var Legend = L.Control.extend({
      options: { position: position || "bottomright" },
      onAdd: function () {
        var div = L.DomUtil.create("div", "map-legend leaflet-control");
        div.innerHTML = html;
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        var details = div.querySelector("details");
        var folded = false;
        /* on a narrow map (the side-by-side layout at 1280-1440 px) the open legend
         * covered a third of it: it starts folded there, one click unfolds it */
        if (details && map.getSize().x < NARROW_MAP_PX) { details.open = false; }
        if (details) {
          map.on("popupopen", function () {
            if (details.open) { details.open = false; folded = true; }
          });
          map.on("popupclose", function () {
            if (folded) { details.open = true; folded = false; }
          });
        }
        return div;
      } });
    return new Legend().addTo(map);
  }

  window.OsintMap = { points: points, routes: routes, labels: labels, basemap: basemap,
                      legend: legend, focus: focus, flyTo: flyTo, maps: maps,
                      unpack: unpack, heat: heat };

  /* ---------------------------------------------------------- 2. Fullscreen */

  var FULLSCREEN_SVG = '<svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">' +
    '<path d="M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5" fill="none" stroke="currentColor" ' +
    'stroke-width="2"/></svg>';
  var RULER_SVG = '<svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">' +
    '<path d="M1 11 11 1l4 4L5 15z M4 8l2 2M6 6l1.5 1.5M8 4l2 2M10 2l1.5 1.5" fill="none" ' +
    'stroke="currentColor" stroke-width="1.4"/></svg>';

  function fullscreenElement() {
    return document.fullscreenElement || document.webkitFullscreenElement || null;
  }

  L.Control.Fullscreen = L.Control.extend({
    options: { position: "topleft", title: "Full Screen", titleCancel: "Exit Full Screen",
               forceSeparateButton: false },
    onAdd: function (map) {
      var bar = L.DomUtil.create("div", "leaflet-bar leaflet-control osint-fullscreen");
      var a = L.DomUtil.create("a", "osint-fullscreen-button", bar);
      a.href = "#";
      a.setAttribute("role", "button");
      a.title = this.options.title;
      a.innerHTML = FULLSCREEN_SVG;
      this._button = a;
      this._map = map;
      L.DomEvent.disableClickPropagation(bar);
      L.DomEvent.on(a, "click", function (e) { L.DomEvent.preventDefault(e); this.toggle(); }, this);
      this._onChange = L.bind(this._changed, this);
      document.addEventListener("fullscreenchange", this._onChange);
      document.addEventListener("webkitfullscreenchange", this._onChange);
      return bar;
    },
    onRemove: function () {
      document.removeEventListener("fullscreenchange", this._onChange);
      document.removeEventListener("webkitfullscreenchange", this._onChange);
    },
    isFullscreen: function () {
      var c = this._map.getContainer();
      return fullscreenElement() === c || L.DomUtil.hasClass(c, "osint-pseudo-fullscreen");
    },
    toggle: function () {
      var c = this._map.getContainer();
      if (this.isFullscreen()) {
        if (fullscreenElement()) {
          (document.exitFullscreen || document.webkitExitFullscreen).call(document);
        } else { L.DomUtil.removeClass(c, "osint-pseudo-fullscreen"); this._changed(); }
        return;
      }
      var request = c.requestFullscreen || c.webkitRequestFullscreen;
      var self = this;
      var pseudo = function () { L.DomUtil.addClass(c, "osint-pseudo-fullscreen"); self._changed(); };
      if (!request) { pseudo(); return; }
      var result = request.call(c);
      if (result && result.catch) { result.catch(pseudo); }
    },
    _changed: function () {
      var on = this.isFullscreen();
      this._button.title = on ? this.options.titleCancel : this.options.title;
      L.DomUtil[on ? "addClass" : "removeClass"](this._map.getContainer(), "osint-is-fullscreen");
      this._map.invalidateSize();
      this._map.fire(on ? "enterFullscreen" : "exitFullscreen");
    }
  });
  L.control.fullscreen = function (options) { return new L.Control.Fullscreen(options); };

  /* ------------------------------------------------------------- Measure */

  var UNIT_METRES = { meters: 1, kilometers: 1000, feet: 0.3048, miles: 1609.344 };
  var UNIT_LABEL = { meters: "m", kilometers: "km", feet: "ft", miles: "mi" };

  function formatLength(metres, unit) {
    if (unit === "meters" && metres >= 1000) { unit = "kilometers"; }
    if (unit === "feet" && metres >= 1609.344) { unit = "miles"; }
    var value = metres / (UNIT_METRES[unit] || 1);
    var digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
    return value.toFixed(digits) + " " + (UNIT_LABEL[unit] || unit);
  }

  L.Control.Measure = L.Control.extend({
    options: { position: "topright", primaryLengthUnit: "meters",
               secondaryLengthUnit: "miles", activeColor: "#c0392b" },
    onAdd: function (map) {
      var bar = L.DomUtil.create("div", "leaflet-bar leaflet-control osint-measure");
      var a = L.DomUtil.create("a", "osint-measure-button", bar);
      a.href = "#";
      a.setAttribute("role", "button");
      a.title = "Measure distance (click points, double-click or Esc to finish)";
      a.innerHTML = RULER_SVG;
      this._button = a;
      this._map = map;
      this._layer = L.featureGroup().addTo(map);
      L.DomEvent.disableClickPropagation(bar);
      L.DomEvent.on(a, "click", function (e) {
        L.DomEvent.preventDefault(e);
        if (this._active) { this._finish(); } else { this._start(); }
      }, this);
      return bar;
    },
    onRemove: function () { this._finish(); this._layer.remove(); },
    _start: function () {
      var map = this._map;
      this._layer.clearLayers();
      this._points = [];
      this._active = true;
      this._line = L.polyline([], { color: this.options.activeColor, weight: 2.5,
                                    dashArray: "6 4", interactive: false }).addTo(this._layer);
      this._guide = L.polyline([], { color: this.options.activeColor, weight: 1.5,
                                     opacity: 0.6, dashArray: "2 4", interactive: false })
        .addTo(this._layer);
      this._dblZoom = map.doubleClickZoom.enabled();
      map.doubleClickZoom.disable();
      L.DomUtil.addClass(map.getContainer(), "osint-measuring");
      L.DomUtil.addClass(this._button, "osint-active");
      map.on("click", this._addPoint, this);
      map.on("mousemove", this._move, this);
      map.on("dblclick", this._finish, this);
      this._onKey = L.bind(function (e) { if (e.key === "Escape") { this._finish(); } }, this);
      document.addEventListener("keydown", this._onKey);
    },
    _finish: function () {
      if (!this._active) { return; }
      var map = this._map;
      this._active = false;
      map.off("click", this._addPoint, this);
      map.off("mousemove", this._move, this);
      map.off("dblclick", this._finish, this);
      document.removeEventListener("keydown", this._onKey);
      if (this._dblZoom) { map.doubleClickZoom.enable(); }
      L.DomUtil.removeClass(map.getContainer(), "osint-measuring");
      L.DomUtil.removeClass(this._button, "osint-active");
      this._guide.setLatLngs([]);
    },
    _total: function (extra) {
      var pts = this._points.concat(extra ? [extra] : []);
      var metres = 0;
      for (var i = 1; i < pts.length; i++) { metres += this._map.distance(pts[i - 1], pts[i]); }
      return metres;
    },
    _label: function (metres) {
      return formatLength(metres, this.options.primaryLengthUnit) + " (" +
        formatLength(metres, this.options.secondaryLengthUnit) + ")";
    },
    _addPoint: function (e) {
      var last = this._points[this._points.length - 1];
      if (last && last.equals(e.latlng)) { return; }
      this._points.push(e.latlng);
      this._line.setLatLngs(this._points);
      var marker = L.circleMarker(e.latlng, { radius: 3.5, color: this.options.activeColor,
                                               fillOpacity: 1, interactive: false });
      marker.addTo(this._layer);
      if (this._points.length > 1) {
        if (this._result) { this._result.unbindTooltip(); }
        marker.bindTooltip(this._label(this._total()), { permanent: true, direction: "right",
                                                          className: "osint-measure-result" });
        this._result = marker;
      }
    },
    _move: function (e) {
      var last = this._points[this._points.length - 1];
      if (!last) { return; }
      this._guide.setLatLngs([last, e.latlng]);
      this._button.title = this._label(this._total(e.latlng));
    }
  });
  L.control.measure = function (options) { return new L.Control.Measure(options); };

  /* ------------------------------------------------------ 3. AwesomeMarkers */

  if (!L.AwesomeMarkers) {
    L.AwesomeMarkers = {
      icon: function (options) {
        var o = options || {};
        var prefix = o.prefix || "glyphicon";
        var glyph = prefix === "fa" ? '<i class="fa-solid fa-' + o.icon + '"></i>' : "";
        return L.divIcon({
          className: "osint-awesome-lite",
          html: '<span style="background:' + (o.markerColor || "blue") + ";color:" +
            (o.iconColor || "white") + '">' + glyph + "</span>",
          iconSize: [24, 24], iconAnchor: [12, 24], popupAnchor: [0, -22] });
      }
    };
  }
})(window.L);
