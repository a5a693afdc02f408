"""The warehouse as the app sees it: built on first start, opened read-only, queried per cursor.

- A DuckDB connection is not thread-safe and Streamlit runs each session in its own thread, so the
  app shares one read-only connection per warehouse file and gives every query its own cursor.
- The ETL replaces the file atomically (a new file renamed over the old one). The app notices a
  new file by its identity (inode, size, mtime), opens it, and drops cached query results; sessions
  still running a query on the old file finish on the old file, so none ever sees a half state.
- The file is ATTACHed to a private in-memory database rather than opened directly: DuckDB keeps
  one instance per open path, so a direct reopen would hand back the old file.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from etl import build
from etl import warehouse as warehouse_writer
from etl.paths import DATA, database_path
from etl.problems import InvalidData

_BUILD_LOCK = threading.Lock()
_SWAP_LOCK = threading.Lock()
_seen_identity: tuple[int, int, int] | None = None


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
        with _open(path) as con:
            row = con.execute("SELECT source_digest FROM build_info").fetchone()
    except duckdb.Error:
        return None
    return row[0] if row else None


def ensure_database(path: Path | None = None) -> WarehouseState:
    """Build the warehouse when it is missing or older than data/; keep the last good one if data/ is invalid."""
    target = path or database_path()
    with _BUILD_LOCK:
        warehouse_writer.remove_stale_temporaries(target)
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
def prepared() -> WarehouseState:
    """Once per server process: make sure a valid warehouse exists."""
    return ensure_database()


@st.cache_resource(max_entries=2, show_spinner=False)
def _connection(path: str, identity: tuple[int, int, int]) -> duckdb.DuckDBPyConnection:
    return _open(Path(path))


def connection() -> duckdb.DuckDBPyConnection:
    """The shared read-only connection to the current warehouse file."""
    global _seen_identity
    path = prepared().path
    info = os.stat(path)
    identity = (info.st_ino, info.st_size, info.st_mtime_ns)
    with _SWAP_LOCK:
        if _seen_identity is not None and identity != _seen_identity:
            st.cache_data.clear()  # results of the old file
        _seen_identity = identity
    return _connection(str(path), identity)


def query(sql: str, params: list | tuple = ()) -> pd.DataFrame:
    """Run parameterised SQL on a fresh cursor of the shared read-only connection."""
    with connection().cursor() as cursor:
        cursor.execute("USE warehouse")
        return cursor.execute(sql, list(params)).df()


def _open(path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    con.execute("ATTACH ? AS warehouse (READ_ONLY)", [str(path)])
    con.execute("USE warehouse")
    return con
