"""Speed at scale, measured in one run on one machine; writes docs/benchmarks.md.

    python -m benchmarks.run [--figures 1000000] [--repeats N] [--browser-repeats N] [--quick] [--no-browser]
    python -m benchmarks.run --report-only      # rewrite docs/benchmarks.md from the last run's results

1. Build the curated warehouse with the ETL (timed) and generate the synthetic one (timed), both
   under build/bench/.
2. At each scale (curated, synthetic), for every page app.py lists (read from its st.Page calls):
   its script run time under AppTest — the first run, then one rerun per filter change, p50 and
   p95 — and the same for the floor app (replaying what the page showed) and the naive app (pandas
   over the whole table), each variant in its own process (its caches and peak memory its own).
3. In headless Chromium against live servers of the app and of the floor app: time to each page's
   first chart, and from a filter change to the updated chart; the servers' peak memory.
4. Write the tables, ratios and pass/fail against the targets to docs/benchmarks.md; the raw
   numbers go to build/bench/results.json.

A page that is missing, unfinished or failing is reported as n/a with its error; the run goes on.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import report, synthetic
from benchmarks.browser import Browser, Server, app_server, floor_server
from benchmarks.scenario import (
    APP,
    discover_pages,
    filter_options,
    filter_states,
    state_key,
    visit_states,
)
from etl import build, paths
from etl.paths import ROOT

WORK = ROOT / "build" / "bench"
OUT = ROOT / "docs" / "benchmarks.md"
FLOOR_LABELS = {"plan": "规划 Plan", "city": "城市 City", "cluster": "集群 Cluster", "category": "指标类别 Category"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--figures", type=int, default=1_000_000, help="figures in the synthetic warehouse (default 1,000,000)")
    parser.add_argument("--repeats", type=int, default=None, help="reruns with a filter change per page and variant (default 20; --quick 5)")
    parser.add_argument("--browser-repeats", type=int, default=None, help="browser visits per page (default 3; --quick 1)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic data (default 1)")
    parser.add_argument("--quick", action="store_true", help="fewer repeats, for checking the harness itself")
    parser.add_argument("--no-browser", action="store_true", help="skip the browser measurements")
    parser.add_argument("--out", type=Path, default=OUT, help="report to write (default docs/benchmarks.md)")
    parser.add_argument("--report-only", action="store_true", help="rewrite the report from build/bench/results.json")
    args = parser.parse_args(argv)
    if args.report_only:
        results = json.loads((WORK / "results.json").read_text(encoding="utf-8"))
        args.out.write_text(report.markdown(results), encoding="utf-8")
        print(f"Wrote {paths.shown(args.out)}")
        return 0
    repeats = args.repeats or (5 if args.quick else 20)
    browser_repeats = args.browser_repeats or (1 if args.quick else 3)
    results = run(args.figures, repeats, browser_repeats, args.seed, browser=not args.no_browser,
                  command=" ".join(["python -m benchmarks.run", *(argv if argv is not None else sys.argv[1:])]))
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / "results.json").write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report.markdown(results), encoding="utf-8")
    print(report.summary(results))
    print(f"Wrote {paths.shown(args.out)} and {paths.shown(WORK / 'results.json')}")
    return 0


def run(figures: int, repeats: int, browser_repeats: int, seed: int, browser: bool, command: str) -> dict:
    WORK.mkdir(parents=True, exist_ok=True)
    pages = discover_pages(APP)
    _log(f"{len(pages)} pages in app.py: " + ", ".join(p.stem + ("" if p.exists else " (missing)") for p in pages))
    # Load inputs: both warehouses, timed
    curated_db = WORK / "curated.duckdb"
    started = time.perf_counter()
    summary = build.run(paths.DATA, curated_db)
    etl_s = time.perf_counter() - started
    _log(f"ETL build: {summary.figures} figures in {etl_s:.2f} s")
    generated = synthetic.generate(figures, WORK / f"synthetic-{figures}.duckdb", seed)
    _log(f"synthetic: {generated.figures} figures in {generated.seconds:.2f} s")
    results: dict = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"), "command": command,
        "machine": machine(), "repeats": repeats, "browser_repeats": browser_repeats,
        "pages": [p.as_dict() for p in pages],
        "build": {"etl_s": etl_s, "curated_figures": summary.figures, "synthetic_s": generated.seconds,
                  "synthetic_figures": generated.figures, "synthetic_db_mb": generated.path.stat().st_size / 2**20,
                  "curated_db_mb": curated_db.stat().st_size / 2**20},
        "scales": [],
    }
    # Process data: each scale, each variant in its own process
    for name, database, count in (("curated", curated_db, summary.figures), ("synthetic", generated.path, generated.figures)):
        scale = measure_scale(name, database, count, pages, repeats, browser_repeats if browser else 0)
        if browser:
            scale["browser"] = measure_browser(name, database, pages, scale, browser_repeats)
        results["scales"].append(scale)
    return results


def measure_scale(name: str, database: Path, figures: int, pages: list, repeats: int, visits: int) -> dict:
    directory = WORK / name
    directory.mkdir(parents=True, exist_ok=True)
    options = filter_options(database)
    options["labels"] = FLOOR_LABELS
    states = filter_states(options, repeats)
    page_dicts = [p.as_dict() for p in pages]
    replay = directory / "replay.pickle"
    common = {"scale": name, "pages": page_dicts, "states": states, "visits": visit_states(options, visits),
              "years": options["years"], "options": options}
    app = _worker({**common, "variant": "app", "script": str(APP), "record": str(replay)}, directory, {"SDTEX_DB": str(database)})
    # The naive app draws as many charts and as long a table as the page did.
    shapes = {}
    for result in app["pages"]:
        if result["shape"]:
            longest = max(result["shape"]["tables"], default=[0, 0], key=lambda t: t[0])
            shapes[result["page"]] = {"charts": result["shape"]["charts"], "rows": longest[0], "cols": longest[1]}
    (directory / "naive-shapes.json").write_text(json.dumps(shapes), encoding="utf-8")
    floor = _worker({**common, "variant": "floor", "script": str(ROOT / "benchmarks" / "floor_app.py")}, directory,
                    {"BENCH_FLOOR_REPLAY": str(replay)})
    naive = _worker({**common, "variant": "naive", "script": str(ROOT / "benchmarks" / "naive_app.py")}, directory,
                    {"SDTEX_DB": str(database), "BENCH_NAIVE_SHAPES": str(directory / "naive-shapes.json")})
    return {"name": name, "database": paths.shown(database), "figures": figures, "states": [state_key(s) for s in states],
            "app": app, "floor": floor, "naive": naive}


def _worker(spec: dict, directory: Path, env: dict) -> dict:
    variant = spec["variant"]
    spec["result"] = str(directory / f"{variant}.json")
    spec_path = directory / f"{variant}-spec.json"
    spec_path.write_text(json.dumps(spec, default=str), encoding="utf-8")
    Path(spec["result"]).unlink(missing_ok=True)
    started = time.perf_counter()
    completed = subprocess.run([sys.executable, "-m", "benchmarks.apptest_worker", str(spec_path)], cwd=ROOT,
                               env={**os.environ, **env}, check=False)
    if completed.returncode != 0 or not Path(spec["result"]).exists():
        error = f"worker exited with status {completed.returncode}"
        return {"pages": [{"page": p["stem"], "title": p["title"], "error": error, "first_s": None, "reruns_s": [],
                           "shape": None, "shapes": {}} for p in spec["pages"]], "peak_rss_mb": None, "error": error}
    result = json.loads(Path(spec["result"]).read_text(encoding="utf-8"))
    result["wall_s"] = time.perf_counter() - started
    return result


def measure_browser(name: str, database: Path, pages: list, scale: dict, repeats: int) -> dict:
    directory = WORK / name
    app_results = {r["page"]: r for r in scale["app"]["pages"]}
    options = filter_options(database)
    cities = [options["names"]["city"][state["city"]] for state in visit_states(options, repeats)]
    servers: list[Server] = [app_server(database, directory), floor_server(directory / "replay.pickle", directory)]
    out: dict = {"pages": [], "memory": {}, "error": None}
    try:
        for server in servers:
            server.start()
        app, floor = servers
        with Browser() as browser:
            # One unmeasured visit each: the measured ones meet warm servers, like every user but the first.
            browser.visit(app.url + "/", "title", None)
            measurable = [p for p in pages if app_results.get(p.stem, {}).get("shape")]
            if measurable:
                browser.visit(f"{floor.url}/?page={measurable[0].stem}", "title", None)
            for page in pages:
                result = app_results.get(page.stem, {})
                row = {"page": page.stem, "title": result.get("title") or page.title, "wait_for": None, "app": [], "floor": [],
                       "error": result.get("error")}
                out["pages"].append(row)
                shape = result.get("shape")
                if not shape:
                    row["error"] = row["error"] or "no output under AppTest"
                    continue
                row["wait_for"] = "chart" if shape["points"] else "table" if shape["tables"] else "title" if shape["title"] else None
                if row["wait_for"] is None:
                    row["error"] = "the page shows no chart, table or title (unfinished?)"
                    continue
                _log(f"  browser {name:9} {page.stem} (first {row['wait_for']})")
                for r in range(repeats):
                    # No sidebar while presenting: the Present page is timed to its first slide only.
                    city = cities[r % len(cities)] if cities and page.kind != "present" else None
                    # visit=1: the floor draws what the page drew in a fresh session after this change
                    floor_url = f"{floor.url}/?page={page.stem}&visit=1"
                    for variant, url in (("app", f"{app.url}/{page.url_path}"), ("floor", floor_url)):
                        for attempt in (1, 2):  # a visit that times out is tried once more, and reported
                            try:
                                row[variant].append(browser.visit(url, row["wait_for"], city))
                                break
                            except Exception as exc:  # noqa: BLE001 - a failed visit is reported, the run goes on
                                failure = f"{variant}: {type(exc).__name__}: {' '.join(str(exc).split())[:200]}"
                                if attempt == 1:
                                    row.setdefault("retried", []).append(failure)
                                else:
                                    row["error"] = failure
        out["memory"] = {"app_server_mb": app.peak_rss_mb(), "floor_server_mb": floor.peak_rss_mb()}
    except Exception as exc:  # noqa: BLE001 - the AppTest results stay valid without the browser's
        out["error"] = f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}"
    finally:
        for server in servers:
            server.stop()
    return out


def machine() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                         if line.startswith("MemTotal"))
    except (OSError, StopIteration):
        memory_kb = 0
    import duckdb
    import pandas
    import streamlit

    return {"cpus": os.cpu_count(), "cpu_model": model or platform.processor(), "ram_gib": memory_kb / 2**20,
            "platform": platform.platform(), "python": platform.python_version(), "streamlit": streamlit.__version__,
            "duckdb": duckdb.__version__, "pandas": pandas.__version__,
            "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None}


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
