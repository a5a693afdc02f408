"""Save stage: validated curated data → a DuckDB file, written whole and swapped in atomically.

The new database is built in a temporary file beside the target and renamed over it only once
complete, so a reader sees either the old file or the new one, never a half-built one; a failed or
killed build leaves the old file byte-identical. Temporary files of builds that were killed are
removed by the next build.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime
import os
from pathlib import Path

import duckdb
import pandas as pd

from etl.curated import Curated
from etl.validate import agency_ids, agency_names
from schemas import QUALIFIERS, TABLES, Figure

SCHEMA_VERSION = 6
_DDL = Path(__file__).with_name("warehouse.sql")
_PROGRESS = Path(__file__).with_name("progress.sql")
_SUMMARIES = Path(__file__).with_name("summaries.sql")
# 左右/约 (about) and 近 (nearly) targets count as met within this share below the target.
ABOUT_TOLERANCE = 0.05
_TMP_MARK = ".tmp-"


def write(curated: Curated, target: Path, source_digest: str) -> None:
    """Build the warehouse for `curated` and swap it in at `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(target)
    temporary = target.with_name(f"{target.name}{_TMP_MARK}{os.getpid()}")
    try:
        with duckdb.connect(str(temporary)) as con:
            con.execute(_DDL.read_text(encoding="utf-8"))
            for table, frame in frames(curated, source_digest).items():
                con.register("frame", frame)
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM frame")
                con.unregister("frame")
            derive(con)
            _comment_columns(con)
            con.execute("CHECKPOINT")
        with open(temporary, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, target)
        _fsync_directory(target.parent)
    finally:
        for leftover in (temporary, temporary.with_name(temporary.name + ".wal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def derive(con: duckdb.DuckDBPyConnection) -> None:
    """Every table derived from the loaded figures: target progress, then what the pages read."""
    derive_progress(con)
    con.execute(_SUMMARIES.read_text(encoding="utf-8"))


def derive_progress(con: duckdb.DuckDBPyConnection) -> None:
    """Judge every target against its comparable actual (rules in progress.sql) once, at build time."""
    con.execute(_PROGRESS.read_text(encoding="utf-8"), {"tolerance": ABOUT_TOLERANCE})


def remove_stale_temporaries(target: Path) -> None:
    """Delete temporary files left by builds whose process is gone."""
    for path in target.parent.glob(f"{target.name}{_TMP_MARK}*"):
        pid_text = path.name.removeprefix(f"{target.name}{_TMP_MARK}").removesuffix(".wal")
        if pid_text.isdigit() and _process_alive(int(pid_text)) and int(pid_text) != os.getpid():
            continue
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def frames(curated: Curated, source_digest: str) -> dict[str, pd.DataFrame]:
    """One DataFrame per warehouse table, in load order."""
    records = {name: [row.record for row in rows.values()] for name, rows in curated.tables.items()}
    regions = {r.id: r for r in records["regions"]}
    agencies_by_name = agency_names(curated)
    out: dict[str, pd.DataFrame] = {
        "units": _frame(records["units"]),
        "categories": _frame(records["categories"]),
        "sectors": _frame(records["sectors"]),
        "qualifiers": pd.DataFrame([{"id": key, **value} for key, value in QUALIFIERS.items()]),
        "indicators": _frame(records["indicators"]),
        "regions": pd.DataFrame([{**r.model_dump(), "city_id": _city_of(r.id, regions)} for r in records["regions"]]),
        "agencies": _frame(records["agencies"]),
        "documents": pd.DataFrame([
            {**d.model_dump(), "sha256": curated.raw_meta[d.id].sha256, "license_zh": curated.raw_meta[d.id].license_zh,
             "license_en": curated.raw_meta[d.id].license_en, "text": curated.texts[d.id].text}
            for d in records["documents"]]),
        "plans": _frame(records["plans"], drop=["document_ids"]),
        "plan_documents": pd.DataFrame([{"plan_id": p.id, "document_id": d} for p in records["plans"] for d in p.document_ids]),
        "plan_tasks": _frame(records["plan_tasks"]),
        "task_agencies": pd.DataFrame([
            {"task_id": t.id, "agency_id": a, "position": i}
            for t in records["plan_tasks"] for i, a in enumerate(agency_ids(agencies_by_name, t.responsible_zh))],
            columns=["task_id", "agency_id", "position"]),
        "clusters": _frame(records["clusters"], drop=["region_ids"]),
        "cluster_regions": pd.DataFrame([
            {"cluster_id": c.id, "region_id": r, "position": i} for c in records["clusters"] for i, r in enumerate(c.region_ids)]),
        "figures": pd.DataFrame([_figure_row(curated, row) for row in curated.figures]),
        "exclusions": _frame([row.record for row in curated.exclusions]),
        "build_info": pd.DataFrame([{
            "built_at": datetime.datetime.now(datetime.UTC), "source_digest": source_digest,
            "schema_version": SCHEMA_VERSION, "figures": len(curated.figures), "documents": len(records["documents"])}]),
    }
    return out


def _frame(records: list, drop: tuple[str, ...] | list[str] = ()) -> pd.DataFrame:
    return pd.DataFrame([r.model_dump(exclude=set(drop)) for r in records])


def _city_of(region_id: str, regions: dict) -> str | None:
    """The prefecture-level city a region lies in (itself for a city; None for the province)."""
    region = regions.get(region_id)
    while region is not None and region.level != "city":
        region = regions.get(region.parent_id) if region.parent_id else None
    return region.id if region is not None else None


def _figure_row(curated: Curated, row) -> dict:
    figure: Figure = row.record
    document_id = curated.figure_document[figure.id]
    span = curated.texts[document_id].locate(figure.quote) or (None, None)
    return {
        **figure.model_dump(),
        "document_id": document_id,
        "ref_date": period_end_date(figure.as_of or figure.period_end),
        "value": float(figure.value),
        "value_text": format(figure.value, "f"),
        "quote_start": span[0],
        "quote_end": span[1],
        "source_file": row.file,
        "source_line": row.line,
    }


def period_end_date(text: str | None) -> datetime.date | None:
    """The last day a partial date stands for: 2024 → 2024-12-31, 2024-07 → 2024-07-31."""
    if not text:
        return None
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return datetime.date(parts[0], 12, 31)
    if len(parts) == 2:
        return datetime.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return datetime.date(*parts)


def _comment_columns(con: duckdb.DuckDBPyConnection) -> None:
    """Carry the models' field descriptions into the warehouse, so the columns document themselves."""
    table_models = {name.removesuffix(".csv"): model for name, model in TABLES.items()}
    table_models["figures"] = Figure
    for table, model in table_models.items():
        existing = {r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]).fetchall()}
        for column, info in model.model_fields.items():
            if column in existing and info.description:
                con.execute(f"COMMENT ON COLUMN {table}.{column} IS '{info.description.replace(chr(39), chr(39) * 2)}'")


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _fsync_directory(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
