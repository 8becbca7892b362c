"""The event map, offline: everything that turns events into a folium map.

- :mod:`geo.map.builder` — ``build_map`` / ``build_aggregate_map``: the map page;
- :mod:`geo.map.aggregate` — the server-side grid (``aggregate_for_map``, ``MapData``);
- :mod:`geo.map.aggregate_layer` — those grid cells drawn as one compact layer;
- :mod:`geo.map.event_layer` — one marker per event, rows as JSON, clustered;
- :mod:`geo.map.basemap` — the offline country outlines and the credits control;
- :mod:`geo.map.choropleth` — events per country as a coloured layer;
- :mod:`geo.map.legend` — the legend and the title;
- :mod:`geo.map.popups` — the escaped popup and tooltip texts;
- :mod:`geo.map.assets` — every asset served from ``static/`` or inlined;
- your own tiles (``CONFLICTMAP_TILES``): :mod:`geo.map.tileset` (the interface),
  :mod:`geo.map.mbtiles` and :mod:`geo.map.pmtiles` (one backend per format),
  :mod:`geo.map.tile_files` (which backend reads a file), :mod:`geo.map.tile_server`
  (served at 127.0.0.1) and :mod:`geo.map.vector_tiles` (vector tiles drawn by the
  vendored protomaps-leaflet).

Imports run one way: builder → layers → popups/assets/legend; nothing here imports
the builder. Importing the package itself loads nothing.
"""
