#!/usr/bin/env bash
# Rebuild the vendored map assets in static/ from the npm registry (and the
# folium wheel from PyPI for leaflet_heat.min.js). See static/README.md.
#
#   bash static/vendor.sh            # needs node/npm, and a python with pycountry
#   PYTHON=.venv/bin/python bash static/vendor.sh
#
# Every package is fetched with `npm pack` (a tarball, no install scripts run)
# into a temporary folder; only the files the map pages use are copied.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
PYTHON="${PYTHON:-$root/.venv/bin/python}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

pack() {  # pack NAME@VERSION DIR: fetch and unpack one npm package into $tmp/DIR
  (cd "$tmp" && npm pack --silent "$1" >/dev/null)
  local tgz
  tgz="$(ls -t "$tmp"/*.tgz | head -1)"
  mkdir -p "$tmp/$2"
  tar -xzf "$tgz" -C "$tmp/$2" --strip-components=1
  rm "$tgz"
}

put() {  # put SRC DEST (DEST relative to static/)
  mkdir -p "$(dirname "$here/$2")"
  cp "$1" "$here/$2"
}

woff2_only() {  # keep only the woff2 entry in @font-face src lists (file edited in place)
  sed -i -E 's/,url\([^)]*\.ttf\) format\("truetype"\)//g' "$1"
}

pack leaflet@1.9.3 leaflet
pack jquery@3.7.1 jquery
pack bootstrap@5.2.2 bootstrap5
pack bootstrap@3.4.1 bootstrap3
pack @fortawesome/fontawesome-free@6.2.0 fontawesome
pack leaflet.awesome-markers@2.0.5 awesome
pack leaflet.markercluster@1.1.0 markercluster
pack world-atlas@2.0.2 world-atlas
pack protomaps-leaflet@5.1.0 protomaps-leaflet

rm -rf "$here/leaflet" "$here/jquery" "$here/bootstrap" "$here/fontawesome" \
  "$here/awesome-markers" "$here/glyphicons" "$here/markercluster" "$here/leaflet-heat" \
  "$here/folium" "$here/world-atlas" "$here/protomaps-leaflet"

# leaflet 1.9.3
put "$tmp/leaflet/dist/leaflet.js" leaflet/leaflet.js
put "$tmp/leaflet/dist/leaflet.css" leaflet/leaflet.css
for img in layers.png layers-2x.png marker-icon.png marker-icon-2x.png marker-shadow.png; do
  put "$tmp/leaflet/dist/images/$img" "leaflet/images/$img"
done
put "$tmp/leaflet/LICENSE" leaflet/LICENSE

# jquery 3.7.1
put "$tmp/jquery/dist/jquery.min.js" jquery/jquery.min.js
put "$tmp/jquery/LICENSE.txt" jquery/LICENSE.txt

# bootstrap 5.2.2
put "$tmp/bootstrap5/dist/js/bootstrap.bundle.min.js" bootstrap/js/bootstrap.bundle.min.js
put "$tmp/bootstrap5/dist/css/bootstrap.min.css" bootstrap/css/bootstrap.min.css
put "$tmp/bootstrap5/LICENSE" bootstrap/LICENSE

# font-awesome free 6.2.0 (css + woff2 webfonts)
put "$tmp/fontawesome/css/all.min.css" fontawesome/css/all.min.css
woff2_only "$here/fontawesome/css/all.min.css"
for font in "$tmp"/fontawesome/webfonts/*.woff2; do
  put "$font" "fontawesome/webfonts/$(basename "$font")"
done
put "$tmp/fontawesome/LICENSE.txt" fontawesome/LICENSE.txt

# leaflet.awesome-markers 2.0.5 (folium names 2.0.2, which npm does not have)
put "$tmp/awesome/dist/leaflet.awesome-markers.js" awesome-markers/leaflet.awesome-markers.js
put "$tmp/awesome/dist/leaflet.awesome-markers.css" awesome-markers/leaflet.awesome-markers.css
for img in markers-soft.png markers-soft@2x.png markers-shadow.png markers-shadow@2x.png; do
  put "$tmp/awesome/dist/images/$img" "awesome-markers/images/$img"
done
put "$tmp/awesome/LICENSE" awesome-markers/LICENSE

# bootstrap 3 glyphicons, cut out of bootstrap 3.4.1
mkdir -p "$here/glyphicons/css"
"$PYTHON" "$here/extract_glyphicons.py" "$tmp/bootstrap3/dist/css/bootstrap.css" \
  "$here/glyphicons/css/bootstrap-glyphicons.css"
put "$tmp/bootstrap3/dist/fonts/glyphicons-halflings-regular.woff2" \
  glyphicons/fonts/glyphicons-halflings-regular.woff2
put "$tmp/bootstrap3/LICENSE" glyphicons/LICENSE

# leaflet.markercluster 1.1.0
put "$tmp/markercluster/dist/leaflet.markercluster.js" markercluster/leaflet.markercluster.js
put "$tmp/markercluster/dist/MarkerCluster.css" markercluster/MarkerCluster.css
put "$tmp/markercluster/dist/MarkerCluster.Default.css" markercluster/MarkerCluster.Default.css
put "$tmp/markercluster/MIT-LICENCE.txt" markercluster/MIT-LICENCE.txt

# protomaps-leaflet 5.1.0: draws vector tiles (your own PMTiles/MBTiles) in the browser;
# its one-file build (global protomapsL) bundles its dependencies and the basemap styles
put "$tmp/protomaps-leaflet/dist/protomaps-leaflet.js" protomaps-leaflet/protomaps-leaflet.js
put "$tmp/protomaps-leaflet/LICENSE" protomaps-leaflet/LICENSE

# leaflet_heat.min.js and folium's licence, from the folium 0.20.0 wheel (PyPI)
"$PYTHON" -m pip download --quiet --no-deps --only-binary=:all: folium==0.20.0 -d "$tmp/wheel"
"$PYTHON" -m zipfile -e "$tmp"/wheel/folium-0.20.0-*.whl "$tmp/folium"
put "$tmp/folium/folium/templates/leaflet_heat.min.js" leaflet-heat/leaflet_heat.min.js
put "$tmp/folium/folium-0.20.0.dist-info/licenses/LICENSE.txt" leaflet-heat/LICENSE.txt

# folium's leaflet.awesome.rotate css: 360 one-line rules, generated here
{
  echo "/* .fa-rotate-N classes used by folium's Marker(icon=Icon(angle=N)); equivalent of"
  echo "   folium 0.20.0's leaflet.awesome.rotate.min.css (MIT, see LICENSE.txt). */"
  for deg in $(seq 0 360); do
    printf '.fa-rotate-%d{-ms-transform:rotate(%ddeg);-webkit-transform:rotate(%ddeg);transform:rotate(%ddeg)}\n' \
      "$deg" "$deg" "$deg" "$deg"
  done
} > "$tmp/rotate.css"
put "$tmp/rotate.css" folium/leaflet.awesome.rotate.min.css
put "$tmp/folium/folium-0.20.0.dist-info/licenses/LICENSE.txt" folium/LICENSE.txt

# country outlines: world-atlas 2.0.2 (Natural Earth 1:50m) -> GeoJSON
"$PYTHON" "$here/build_countries.py" "$tmp/world-atlas/countries-50m.json" \
  "$here/countries-50m.geojson"
# the light copy the dashboard draws at its first zooms (simplified ~5 km)
"$PYTHON" "$here/simplify_outlines.py" "$here/countries-50m.geojson" \
  "$here/countries-50m-light.geojson"
put "$tmp/world-atlas/LICENSE" world-atlas/LICENSE

du -sh "$here"
