"""The warehouse as the app sees it: built on first start, opened read-only, queried per cursor.

A DuckDB connection is not thread-safe and Streamlit runs each session in its own thread, so the
app caches one read-only connection and gives every query its own cursor.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from etl import build
from etl.paths import DATA, database_path
from etl.problems import InvalidData

_BUILD_LOCK = threading.Lock()


@dataclass(frozen=True)
class WarehouseState:
    """Which database the app reads, and whether it is current with data/."""

    path: Path
    current: bool
    problems: str | None = None  # why the data could not be rebuilt, when it could not


def built_digest(path: Path) -> str | None:
    """The source digest a warehouse file was built from, or None if it is missing or unreadable."""
    if not path.exists():
        return None
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            row = con.execute("SELECT source_digest FROM build_info").fetchone()
    except duckdb.Error:
        return None
    return row[0] if row else None


def ensure_database(path: Path | None = None) -> WarehouseState:
    """Build the warehouse when it is missing or older than data/; keep the last good one if data/ is invalid."""
    target = path or database_path()
    with _BUILD_LOCK:
        wanted = build.source_digest(DATA)
        if built_digest(target) == wanted:
            return WarehouseState(target, current=True)
        try:
            build.run(DATA, target)
        except InvalidData as exc:
            if built_digest(target) is None:
                raise
            return WarehouseState(target, current=False, problems=str(exc))
        return WarehouseState(target, current=True)


@st.cache_resource(show_spinner="正在准备数据 Preparing data…")
def warehouse() -> tuple[duckdb.DuckDBPyConnection, WarehouseState]:
    """One read-only connection per server process, opened after the warehouse is ensured."""
    state = ensure_database()
    return duckdb.connect(str(state.path), read_only=True), state


def query(sql: str, params: list | tuple = ()) -> pd.DataFrame:
    """Run parameterised SQL on a fresh cursor of the shared read-only connection."""
    con, _ = warehouse()
    with con.cursor() as cursor:
        return cursor.execute(sql, list(params)).df()
