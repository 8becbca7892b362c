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
- :mod:`geo.map.mbtiles` / :mod:`geo.map.tile_server` — your own raster tiles
  (``CONFLICTMAP_TILES``), read from an MBTiles file and served at 127.0.0.1.

Imports run one way: builder → layers → popups/assets/legend; nothing here imports
the builder. Importing the package itself loads nothing.
"""
