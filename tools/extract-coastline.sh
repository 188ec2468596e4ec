#!/usr/bin/env bash
# Extracts the real Kyongsong shoreline (GSHHG full resolution, as shipped by Debian's gmt-gshhg-full)
# into assets/kyongsong/coastline.geojson (LineStrings) and assets/kyongsong/land.geojson (the land side
# closed along the region's western edge; the Sea of Japan is east). GMT is needed only to regenerate
# these two small files, never to build or run terrabrief.
#   usage: tools/extract-coastline.sh [OUT_DIR]   (default: assets/kyongsong next to this script)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../assets/kyongsong}"
W=129.40 E=129.85 S=41.38 N=41.75

command -v gmt >/dev/null || { echo "extract-coastline: gmt not found (apt-get install gmt gmt-gshhg-full)" >&2; exit 2; }
mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# -Df: full resolution; -W: shorelines; -M: dump multi-segment text instead of plotting.
gmt coast -R$W/$E/$S/$N -Df -W -M > "$tmp/shore.txt"

# GeoJSON with coordinates rounded to 6 decimals (~0.1 m), one LineString per segment. Also checks
# the assumption land.geojson relies on: one segment crossing the region from its south to its north edge.
awk -v W=$W -v E=$E -v S=$S -v N=$N -v lines="$tmp/coastline.geojson" -v land="$tmp/land.geojson" '
  function flush() {
    if (n < 2) { n = 0; return }
    seg++
    s = ""
    for (i = 1; i <= n; i++) s = s sprintf("%s[%.6f,%.6f]", (i > 1 ? "," : ""), x[i], y[i])
    # Plain concatenation: mawk limits sprintf results to 8 KiB.
    feats = feats (seg > 1 ? "," : "") "\n{\"type\":\"Feature\",\"properties\":{\"source\":\"GSHHG full (level 1 shoreline)\"},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[" s "]}}"
    ring = s; x1 = x[1]; y1 = y[1]; xn = x[n]; yn = y[n]
    n = 0
  }
  /^>/ { flush(); next }
  NF >= 2 { n++; x[n] = $1; y[n] = $2 }
  END {
    flush()
    head = "{\"type\":\"FeatureCollection\",\"name\":\"coastline\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:OGC:1.3:CRS84\"}},\"features\":["
    print head feats "\n]}" > lines
    if (seg != 1 || y1 + 0 != S + 0 || yn + 0 != N + 0) {
      printf "extract-coastline: expected one shoreline from the south edge to the north edge, got %d segment(s)\n", seg > "/dev/stderr"
      exit 3
    }
    # Walk the shore south->north (land on the left, i.e. west), then back along the west edge.
    closing = sprintf(",[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f]", W, N, W, S, x1, y1)
    print "{\"type\":\"FeatureCollection\",\"name\":\"land\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:OGC:1.3:CRS84\"}},\"features\":[\n{\"type\":\"Feature\",\"properties\":{\"source\":\"GSHHG full shoreline closed along the region edge\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[" ring closing "]]}}\n]}" > land
  }' "$tmp/shore.txt"

# Validate both through OGR when it is available (a malformed file must not be committed).
if command -v ogrinfo >/dev/null; then
  ogrinfo -ro -so -al "$tmp/coastline.geojson" >/dev/null
  ogrinfo -ro -so -al "$tmp/land.geojson" >/dev/null
fi
mv "$tmp/coastline.geojson" "$out/coastline.geojson"
mv "$tmp/land.geojson" "$out/land.geojson"
echo "wrote $out/coastline.geojson and $out/land.geojson (GSHHG $(dpkg-query -W -f='${Version}' gmt-gshhg-full 2>/dev/null || echo unknown))"
