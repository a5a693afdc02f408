"""Synthetic warehouse for speed measurements: the real dimension tables of data/curated plus N generated figures.

    python -m benchmarks.synthetic --figures 1000000 --out build/synthetic-1m.duckdb [--seed 1]

The file has exactly the schema of etl/warehouse.sql, so the app reads it unchanged
(`SDTEX_DB=build/synthetic-1m.duckdb python -m dashboard.serve`). It holds:

- every table of data/curated as the ETL loads it (units, categories, sectors, qualifiers,
  regions, agencies, documents, plans, tasks, clusters, exclusions), so the sidebar filters of
  the app offer the real plans, cities, clusters and categories;
- a few hundred synthetic indicators (ids `syn_…`, names marked 合成 / synthetic), one synthetic
  five-year plan per city and period plus provincial ones (`syn-plan-…`, five tasks each), and one
  synthetic document (`syn-benchmark`) whose text says that it and its figures are not real;
- exactly N synthetic figures (`syn-…`), none of them real: targets (with plan, task, period) and
  actuals (monthly as-of stocks and year-to-date flows over 15 years), spread over the 16 cities,
  their districts and the province, over the synthetic indicators and (one in four) the real
  ones, with every qualifier and quotes like "合成数据 synthetic #123：超12.5亿元".

The figures are generated inside DuckDB from `range(N)` with hash-based pseudo-random numbers, so
a million rows take seconds and the same seed gives the same content. The file is written beside
its target and renamed over it when complete; a path inside data/ is refused, since synthetic
numbers must never reach the curated data.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import hashlib
import os
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from etl import build, paths, warehouse

DOCUMENT_ID = "syn-benchmark"
FIRST_YEAR, YEARS = 2011, 15  # actuals: monthly, 2011-01 … 2025-12
PERIODS = [(2011, 2015), (2016, 2020), (2021, 2025)]  # synthetic five-year plans
TARGET_PERCENT = 25  # share of figures that are targets
GENERATOR_VERSION = 1  # part of the stamp: a change of the generator changes the digest
_DDL = Path(warehouse.__file__).with_name("warehouse.sql")

# How a unit's values look: magnitude range (base units) and how the quote writes them.
# fmt: yi = 亿元/万元 amounts, dec = one decimal + suffix, int = whole number + suffix.
_UNIT_STYLE = {
    "CNY": ("yi", 1e7, 1e11, ""),
    "percent": ("dec", 1.0, 60.0, "%"),
    "pp": ("dec", 0.1, 10.0, "个百分点"),
    "enterprise": ("int", 10, 50_000, "家"),
    "count": ("int", 1, 500, "个"),
    "person": ("int", 100, 500_000, "人"),
    "person_time": ("int", 100, 100_000, "人次"),
    "session": ("int", 1, 500, "场次"),
    "rank": ("int", 1, 30, "位"),
    "per_10k_persons": ("dec", 1.0, 50.0, "项"),
}
_NUMERALS = "一二三四五"


@dataclass(frozen=True)
class Result:
    path: Path
    figures: int
    targets: int
    actuals: int
    indicators: int
    seconds: float


class RefusedPath(ValueError):
    """The output path lies inside data/: synthetic figures never go there."""


def check_output(out: Path) -> Path:
    """The resolved output path; refuses any path inside data/ (raw or curated)."""
    resolved = out.expanduser().resolve()
    data_root = paths.DATA.root.resolve()
    if resolved == data_root or data_root in resolved.parents:
        raise RefusedPath(f"refusing to write synthetic data inside {paths.shown(data_root)}/: {out}")
    return resolved


def generate(figures: int, out: Path, seed: int = 1, indicators: int = 300) -> Result:
    """Build the synthetic warehouse at `out` (atomically); returns what it holds and how long it took."""
    if figures < 1:
        raise ValueError("figures must be at least 1")
    target = check_output(out)
    started = time.perf_counter()
    # Load inputs
    curated = build.check(paths.DATA)
    digest = "syn-" + hashlib.sha256(
        f"{GENERATOR_VERSION}:{figures}:{seed}:{indicators}:{build.source_digest(paths.DATA)}".encode()).hexdigest()
    # Process data
    tables = warehouse.frames(curated, digest)
    del tables["figures"]
    rng = random.Random(seed)
    synthetic_indicators, styles = _indicators(tables, indicators, rng)
    plans, tasks = _plans(tables)
    tables["indicators"] = pd.concat([tables["indicators"], synthetic_indicators], ignore_index=True)
    tables["plans"] = pd.concat([tables["plans"], plans], ignore_index=True)
    tables["plan_tasks"] = pd.concat([tables["plan_tasks"], tasks], ignore_index=True)
    tables["plan_documents"] = pd.concat(
        [tables["plan_documents"], pd.DataFrame({"plan_id": plans["id"], "document_id": DOCUMENT_ID})], ignore_index=True)
    tables["documents"] = pd.concat([tables["documents"], _document(figures, seed)], ignore_index=True)
    tables["build_info"] = pd.DataFrame([{
        "built_at": datetime.datetime.now(datetime.UTC), "source_digest": digest,
        "schema_version": warehouse.SCHEMA_VERSION, "figures": figures, "documents": len(tables["documents"])}])
    # Save outputs
    target.parent.mkdir(parents=True, exist_ok=True)
    warehouse.remove_stale_temporaries(target)
    temporary = target.with_name(f"{target.name}.tmp-{os.getpid()}")
    try:
        with duckdb.connect(str(temporary)) as con:
            con.execute(_DDL.read_text(encoding="utf-8"))
            for table, frame in tables.items():
                con.register("frame", frame)
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM frame")
                con.unregister("frame")
            _insert_figures(con, figures, seed, tables, styles)
            warehouse.derive(con)  # the tables the ETL derives from figures, by the ETL's own rules
            targets, actuals = con.execute(
                "SELECT count(*) FILTER (kind = 'target'), count(*) FILTER (kind = 'actual') FROM figures").fetchone()
            con.execute("CHECKPOINT")
        os.replace(temporary, target)
    finally:
        for leftover in (temporary, temporary.with_name(temporary.name + ".wal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    return Result(target, figures, targets, actuals, len(synthetic_indicators), time.perf_counter() - started)


def _indicators(tables: dict[str, pd.DataFrame], count: int, rng: random.Random) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Synthetic indicators over the real units and categories; the value style of every indicator, real ones too."""
    units = [u for u in tables["units"]["id"] if u in _UNIT_STYLE]
    categories = list(tables["categories"]["id"])
    rows = []
    for pos in range(count):
        unit = units[pos % len(units)]
        rows.append({"id": f"syn_{pos + 1:03d}", "name_zh": f"合成指标{pos + 1:03d}（合成）",
                     "name_en": f"Synthetic indicator {pos + 1:03d} (synthetic)", "unit_id": unit,
                     "category_id": categories[rng.randrange(len(categories))],
                     "signed": unit in ("percent", "pp") and rng.random() < 0.5})  # growth rates can fall
    synthetic_indicators = pd.DataFrame(rows)
    # Synthetic indicators first, then the real ones (which pages ask for by id, e.g. headline actuals).
    every = pd.concat([synthetic_indicators, tables["indicators"]], ignore_index=True)
    styles = []
    for pos, indicator in enumerate(every.itertuples()):
        fmt, low, high, suffix = _UNIT_STYLE.get(indicator.unit_id, ("dec", 1.0, 100.0, ""))
        # Log-uniform magnitude, so amounts span 千万 … 千亿 like real ones.
        styles.append({"pos": pos, "id": indicator.id, "fmt": fmt, "scale": low * (high / low) ** rng.random(),
                       "suffix": suffix, "signed": bool(indicator.signed)})
    return synthetic_indicators, pd.DataFrame(styles)


def _plans(tables: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One synthetic five-year plan per city and period, and provincial ones; five tasks each."""
    regions = tables["regions"]
    owners = [("shandong", "山东省", "Shandong", "province")] + [
        (r.id, r.name_zh, r.name_en, "city") for r in regions[regions["level"] == "city"].itertuples()]
    plans, tasks = [], []
    for start, end in PERIODS:
        for region_id, name_zh, name_en, level in owners:
            plan_id = f"syn-plan-{region_id}-{start}"
            plans.append({"id": plan_id, "name_zh": f"{name_zh}纺织服装产业发展规划（{start}-{end}年）（合成）",
                          "name_en": f"{name_en} textile and garment plan {start}–{end} (synthetic)",
                          "issuer_zh": "合成数据", "issuer_en": "Synthetic data", "level": level, "region_id": region_id,
                          "start_year": start, "end_year": end, "status": "issued"})
            for seq, numeral in enumerate(_NUMERALS, start=1):
                tasks.append({"id": f"{plan_id}/t{seq}", "plan_id": plan_id, "parent_id": None, "seq": seq,
                              "number": numeral, "kind": "task", "title_zh": f"合成任务{numeral}",
                              "title_en": f"Synthetic task {seq}", "responsible_zh": "合成责任单位"})
    return pd.DataFrame(plans), pd.DataFrame(tasks)


def _document(figures: int, seed: int) -> pd.DataFrame:
    text = ("合成数据，非真实统计。本文件及归属于它的全部数字均由 benchmarks/synthetic.py 为性能测试生成，不得引用。\n"
            f"Synthetic data, not real statistics: this document and all {figures} figures attributed to it were "
            f"generated by benchmarks/synthetic.py (seed {seed}) to measure the dashboard's speed. Do not cite them.\n")
    # kind is one of the schema's document kinds, so pages that label kinds can show it.
    return pd.DataFrame([{
        "id": DOCUMENT_ID, "file": f"{DOCUMENT_ID}.txt", "title_zh": "合成基准数据（非真实数据）",
        "title_en": "Synthetic benchmark data (not real)", "publisher_zh": "合成数据生成器",
        "publisher_en": "benchmarks/synthetic.py", "published": "2025-12-31", "kind": "news_report", "url": None,
        "note_zh": "合成数据：为性能测试生成，本文件的每个数字都是虚构的。",
        "note_en": "Synthetic: generated for performance measurement; every figure of this document is invented.",
        "sha256": hashlib.sha256(text.encode()).hexdigest(), "license_zh": "合成数据，不是来源。",
        "license_en": "Synthetic data; not a source.", "text": text}])


def _insert_figures(con: duckdb.DuckDBPyConnection, n: int, seed: int, tables: dict[str, pd.DataFrame],
                    styles: pd.DataFrame) -> None:
    """N figures generated in SQL: hash(i, seed, k) gives the k-th pseudo-random draw of row i."""
    regions = tables["regions"]
    placed = regions[regions["city_id"].notna() | (regions["level"] == "province")]
    # Cities weigh three times as much as their districts and zones, the province (city_id NULL)
    # about a tenth of all figures, as in the documents.
    weight = {"city": 3, "province": 6}
    pool = [r for r in placed.itertuples() for _ in range(weight.get(r.level, 1))]
    con.register("region_pool_frame", pd.DataFrame(
        {"pos": range(len(pool)), "region_id": [r.id for r in pool], "city_id": [r.city_id for r in pool]}))
    con.register("style_frame", styles)
    con.register("sector_frame", pd.DataFrame({"pos": range(len(tables["sectors"])), "id": tables["sectors"]["id"]}))
    real_plans = tables["plans"][~tables["plans"]["id"].str.startswith("syn-")]
    synthetic_plans = tables["plans"][tables["plans"]["id"].str.startswith("syn-")]
    ordered_plans = pd.concat([real_plans, synthetic_plans], ignore_index=True)
    con.register("plan_frame", pd.DataFrame({"pos": range(len(ordered_plans)), "plan_id": ordered_plans["id"],
                                             "region_id": ordered_plans["region_id"],
                                             "start_year": ordered_plans["start_year"],
                                             "end_year": ordered_plans["end_year"]}))
    width = max(7, len(str(n)))
    con.execute(f"""
        CREATE TEMP MACRO draw(i, k) AS hash(i, {int(seed)}, k);
        CREATE TEMP TABLE region_pool AS SELECT * FROM region_pool_frame;
        -- Clusters a figure of a region may name: those lying in the region or, for a district, in its city.
        CREATE TEMP TABLE region_clusters AS
            SELECT r.id AS region_id, list(DISTINCT cr.cluster_id ORDER BY cr.cluster_id) AS clusters
            FROM regions r JOIN cluster_regions cr ON cr.region_id IN (r.id, r.city_id)
            WHERE r.city_id IS NOT NULL GROUP BY r.id;
        -- A plan's targets lie in its region: a city plan's in that city, a provincial plan's anywhere.
        CREATE TEMP TABLE plan_pool AS
            SELECT p.pos, p.plan_id, p.start_year, p.end_year,
                   (SELECT list(rp.region_id ORDER BY rp.pos) FROM region_pool rp
                    WHERE p.region_id = 'shandong' OR rp.city_id = p.region_id) AS regions,
                   (SELECT list(t.id ORDER BY t.seq) FROM plan_tasks t WHERE t.plan_id = p.plan_id
                    AND t.kind = 'task') AS tasks
            FROM plan_frame p;
    """)
    n_real = len(real_plans)
    n_synthetic = int(styles["id"].str.startswith("syn_").sum())
    con.execute(f"""
        INSERT INTO figures BY NAME
        WITH g AS (
            SELECT i,
                   draw(i, 1) % 100 < {TARGET_PERCENT} AS is_target,
                   -- One figure in four is of a real indicator, the rest of synthetic ones.
                   (CASE WHEN draw(i, 13) % 4 = 0 THEN {n_synthetic} + draw(i, 2) % {len(styles) - n_synthetic}
                         ELSE draw(i, 2) % {n_synthetic} END)::INTEGER AS ind_pos,
                   (draw(i, 3) % {len(tables["sectors"])})::INTEGER AS sector_pos,
                   draw(i, 4) AS h_region,
                   -- One target in ten belongs to a real plan, the rest to synthetic ones.
                   (CASE WHEN draw(i, 5) % 10 = 0 THEN draw(i, 12) % {n_real}
                         ELSE {n_real} + draw(i, 12) % {len(synthetic_plans)} END)::INTEGER AS plan_pos,
                   draw(i, 6) AS h_cluster,
                   draw(i, 7) AS h_time,
                   (draw(i, 8) % 1000000) / 1e6 AS u,
                   draw(i, 9) % 100 AS q,
                   draw(i, 10) AS h_task,
                   draw(i, 11) % 100 AS subject_draw
            FROM range({n}) t(i)
        ),
        placed AS (
            SELECT g.*, p.plan_id, p.start_year, p.end_year, p.tasks,
                   CASE WHEN g.is_target THEN p.regions[1 + (g.h_region % len(p.regions))::BIGINT]
                        ELSE rp.region_id END AS region_id
            FROM g
            LEFT JOIN plan_pool p ON g.is_target AND p.pos = g.plan_pos
            JOIN region_pool rp ON rp.pos = (g.h_region % {len(pool)})::INTEGER
        ),
        timed AS (
            SELECT placed.*,
                   CASE WHEN is_target THEN
                       CASE WHEN h_time % 2 = 0 THEN end_year
                            ELSE start_year + ((h_time // 2) % (end_year - start_year + 1))::INTEGER END
                   ELSE {FIRST_YEAR} + ((h_time % {YEARS * 12}) // 12)::INTEGER END AS year,
                   CASE WHEN is_target THEN 12 ELSE (h_time % 12 + 1)::INTEGER END AS month,
                   NOT is_target AND (h_time // 1000) % 4 = 0 AS flow
            FROM placed
        ),
        valued AS (
            SELECT timed.*, s.id AS indicator_id, s.fmt, s.suffix, s.signed,
                   CASE WHEN s.signed THEN s.scale * (u * 2 - 0.5)
                        WHEN is_target THEN s.scale * (1.1 + 0.6 * u) * (1 + 0.04 * (year - {FIRST_YEAR}))
                        ELSE s.scale * (0.4 + 0.9 * u) * (1 + 0.04 * (year - {FIRST_YEAR})) END AS raw
            FROM timed JOIN style_frame s ON s.pos = timed.ind_pos
        ),
        shown AS (
            SELECT valued.*,
                   CASE WHEN fmt = 'yi' AND raw >= 1e8 THEN 1e8 WHEN fmt = 'yi' THEN 1e4 ELSE 1 END AS mult,
                   CASE WHEN fmt = 'yi' AND raw >= 1e8 THEN round(raw / 1e8, 1) WHEN fmt = 'yi' THEN round(raw / 1e4, 1)
                        WHEN fmt = 'dec' THEN round(raw, 1) ELSE greatest(round(raw), 1) END AS number,
                   CASE WHEN signed THEN 'exact' WHEN q < 50 THEN 'exact' WHEN q < 60 THEN 'more_than'
                        WHEN q < 70 THEN 'at_least' WHEN q < 80 THEN 'about' WHEN q < 90 THEN 'nearly'
                        ELSE 'at_most' END AS qualifier
            FROM valued
        ),
        cored AS (
            SELECT shown.*,
                   (CASE WHEN signed AND number < 0 THEN '下降' WHEN signed THEN '增长' ELSE '' END)
                   || (CASE WHEN fmt = 'int' THEN CAST(number::BIGINT AS VARCHAR) ELSE printf('%.1f', abs(number)) END)
                   || (CASE WHEN fmt = 'yi' AND mult = 1e8 THEN '亿元' WHEN fmt = 'yi' THEN '万元' ELSE suffix END) AS core
            FROM shown
        ),
        worded AS (
            -- The qualifier's words around the number, as the documents write them (超…, …以上, …左右, 近…).
            SELECT cored.*,
                   CASE qualifier WHEN 'more_than' THEN '超' || core WHEN 'at_least' THEN core || '以上'
                        WHEN 'about' THEN core || '左右' WHEN 'nearly' THEN '近' || core
                        WHEN 'at_most' THEN '不超过' || core ELSE core END AS words
            FROM cored
        )
        SELECT
            'syn-' || lpad(CAST(i + 1 AS VARCHAR), {width}, '0') AS id,
            '{DOCUMENT_ID}' AS document_id,
            CASE WHEN is_target THEN 'target' ELSE 'actual' END AS kind,
            indicator_id,
            sf.id AS sector_id,
            w.region_id,
            CASE WHEN len(rc.clusters) > 0 AND h_cluster % 4 = 0
                 THEN rc.clusters[1 + ((h_cluster // 4) % len(rc.clusters))::BIGINT] END AS cluster_id,
            CASE WHEN is_target THEN plan_id END AS plan_id,
            CASE WHEN is_target AND len(tasks) > 0 AND h_task % 3 > 0
                 THEN tasks[1 + ((h_task // 3) % len(tasks))::BIGINT] END AS task_id,
            CASE WHEN subject_draw < 10 THEN '合成企业' || (h_task % 500)::VARCHAR END AS subject_zh,
            CASE WHEN subject_draw < 10 THEN 'Synthetic enterprise ' || (h_task % 500)::VARCHAR END AS subject_en,
            CASE WHEN is_target THEN CAST(start_year AS VARCHAR)
                 WHEN flow THEN printf('%04d-01', year) END AS period_start,
            CASE WHEN is_target THEN CAST(year AS VARCHAR)
                 WHEN flow THEN printf('%04d-%02d', year, month) END AS period_end,
            CASE WHEN NOT is_target AND NOT flow THEN printf('%04d-%02d', year, month) END AS as_of,
            last_day(make_date(year, month, 1)) AS ref_date,
            number * mult AS value,
            CAST(number * mult AS VARCHAR) AS value_text,
            s_unit.unit_id,
            qualifier,
            words AS stated,
            '合成数据 synthetic #' || (i + 1)::VARCHAR || '：' || words AS quote,
            NULL AS note,
            'benchmarks/synthetic.py' AS source_file,
            (i + 1)::INTEGER AS source_line
        FROM worded w
        JOIN sector_frame sf ON sf.pos = w.sector_pos
        JOIN indicators s_unit ON s_unit.id = w.indicator_id
        LEFT JOIN region_clusters rc ON rc.region_id = w.region_id
        ORDER BY i
    """)
    for name in ("region_pool_frame", "style_frame", "sector_frame", "plan_frame"):
        con.unregister(name)
    con.execute("DROP TABLE region_pool; DROP TABLE region_clusters; DROP TABLE plan_pool; DROP MACRO draw")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.synthetic", description=__doc__.split("\n\n")[0])
    parser.add_argument("--figures", type=int, default=1_000_000, help="number of figures (default 1,000,000)")
    parser.add_argument("--out", type=Path, default=Path("build/synthetic-1m.duckdb"), help="DuckDB file to write (not inside data/)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the pseudo-random draws (default 1)")
    parser.add_argument("--indicators", type=int, default=300, help="number of synthetic indicators (default 300)")
    args = parser.parse_args(argv)
    try:
        result = generate(args.figures, args.out, args.seed, args.indicators)
    except RefusedPath as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"Wrote {paths.shown(result.path)}: {result.figures} figures ({result.targets} targets, {result.actuals} actuals), "
          f"{result.indicators} synthetic indicators, in {result.seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
