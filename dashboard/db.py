"""The warehouse as the app sees it: built on first start, opened read-only, queried per cursor.

- A DuckDB connection is not thread-safe and Streamlit runs each session in its own thread, so the
  app shares one read-only connection per warehouse file and gives every query its own cursor.
- The ETL replaces the file atomically (a new file renamed over the old one). Each script run pins
  the file it starts with (`pin`, called by app.py): all its queries read that one file, and cached
  results are keyed by the file they came from, so no page ever mixes two builds. The next run
  picks up the new file without a restart.
- The file is ATTACHed to a private in-memory database rather than opened directly: DuckDB keeps
  one instance per open path, so a direct reopen would hand back the old file.
"""

from __future__ import annotations

import functools
import os
import re
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from etl import build, paths
from etl import warehouse as warehouse_writer
from etl.problems import InvalidData

_BUILD_LOCK = threading.Lock()
_PIN = "_warehouse_pin"  # session_state key: the warehouse file this script run reads, and its connection

_NAMED_PARAMETER = re.compile(r"\$([A-Za-z_]\w*)")

Identity = tuple[int, int, int]  # (inode, size, mtime) of a warehouse file


@dataclass(frozen=True)
class WarehouseState:
    """Which database the app reads, and whether it is current with data/."""

    path: Path
    current: bool  # built from data/ as it is now (always True for a file named by $SDTEX_DB)
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


class UnusableDatabase(Exception):
    """The file named by $SDTEX_DB is not a warehouse this dashboard can read: the message says why and what to run."""


def check_layout(path: Path) -> None:
    """Refuse a warehouse file that is not DuckDB or has another layout than this dashboard reads.

    A file named by $SDTEX_DB is read as it is, never rebuilt, so a file from an older version would
    otherwise fail query by query, page by page.
    """
    try:
        with _open(path) as con:
            row = con.execute("SELECT schema_version FROM build_info").fetchone()
    except duckdb.Error as exc:
        reason = str(exc).splitlines()[0]
        raise UnusableDatabase(f"{paths.shown(path)} is not a warehouse this dashboard can read ({reason}).") from exc
    layout = row[0] if row else None
    if layout != warehouse_writer.SCHEMA_VERSION:
        raise UnusableDatabase(
            f"{paths.shown(path)} has warehouse layout {layout}; this dashboard reads layout {warehouse_writer.SCHEMA_VERSION}.\n"
            f"Rebuild it from data/: SDTEX_DB={paths.shown(path)} python -m etl build\n"
            f"or, for a synthetic one: python -m benchmarks.synthetic --out {paths.shown(path)}")


def ensure_database(target: Path) -> WarehouseState:
    """Build the warehouse when it is missing or older than data/; keep the last good one if data/ is invalid."""
    with _BUILD_LOCK:
        warehouse_writer.remove_stale_temporaries(target)
        wanted = build.source_digest(paths.DATA)
        if built_digest(target) == wanted:
            return WarehouseState(target, current=True)
        try:
            build.run(paths.DATA, target)
        except InvalidData as exc:
            if built_digest(target) is None:
                raise
            return WarehouseState(target, current=False, problems=str(exc))
        return WarehouseState(target, current=True)


@st.cache_resource(show_spinner="正在准备数据 Preparing data…")
def prepared() -> WarehouseState:
    """Once per server process: make sure a valid warehouse exists.

    The default file is kept current with data/. A file named by $SDTEX_DB (another data set, a
    benchmark's synthetic one) is read as it is if its layout is this dashboard's (else
    UnusableDatabase says so), and built from data/ only when it does not exist.
    """
    configured = paths.configured_database()
    if configured is not None and configured.exists():
        check_layout(configured)
        return WarehouseState(configured, current=True)
    return ensure_database(configured or paths.DEFAULT_DATABASE)


@st.cache_resource(max_entries=4, show_spinner=False)
def _connection(path: str, identity: Identity) -> duckdb.DuckDBPyConnection:
    con = _open(Path(path))
    if _identity(Path(path)) != identity:
        # Swapped again between the stat and the open: this connection is not the pinned file.
        con.close()
        st.rerun()
    return con


def _identity(path: Path) -> Identity:
    info = os.stat(path)
    return info.st_ino, info.st_size, info.st_mtime_ns


def pin() -> Identity:
    """Pin the current warehouse file for this script run; app.py calls it first thing in every run.

    The run's queries then find the file's identity and its connection in one session-state read,
    rather than asking Streamlit's resource cache (which hashes its arguments) on every query.
    """
    try:
        pinned = _current()
    except FileNotFoundError:
        # The file was deleted under the running app: prepare (rebuild) it again.
        prepared.clear()
        pinned = _current()
    st.session_state[_PIN] = pinned
    return pinned[0]


def _current() -> tuple[Identity, duckdb.DuckDBPyConnection]:
    path = prepared().path
    identity = _identity(path)
    return identity, _connection(str(path), identity)


def _pinned() -> tuple[Identity, duckdb.DuckDBPyConnection]:
    """The identity and connection of the file this run reads (the current file outside a run)."""
    return st.session_state.get(_PIN) or _current()


def version() -> Identity:
    """The warehouse file this run reads (pinned by app.py; the current file outside a run)."""
    return _pinned()[0]


def query(sql: str, params: list | tuple | dict = ()) -> pd.DataFrame:
    """Run SQL with bound parameters (never formatted in) on a fresh cursor of the pinned warehouse file.

    Named parameters the statement does not use are dropped (DuckDB refuses them), so queries can
    share one parameter set such as the sidebar filters.
    """
    if isinstance(params, dict):
        used = set(_NAMED_PARAMETER.findall(sql))
        params = {key: value for key, value in params.items() if key in used}
    con = getattr(_prefetching, "connection", None) or _pinned()[1]
    with con.cursor() as cursor:
        cursor.execute("USE warehouse")
        return cursor.execute(sql, params if isinstance(params, dict) else list(params)).df()


def cached_query(func: Callable[..., pd.DataFrame]) -> Callable[..., pd.DataFrame]:
    """Cache a query function's result per warehouse file and arguments (pass widget values as arguments).

    A plain in-process LRU shared by all sessions: unlike st.cache_data it neither hashes nor copies
    the result on every call, which is most of a small query's cost. Results are therefore shared
    objects: callers derive new frames from them and never change them in place (pandas'
    copy-on-write keeps derived frames from writing through). Failures are not cached.

    `f.prefetch(*args, **kwargs)` starts the query on a worker thread and returns at once; a later
    `f(*args, **kwargs)` with the same arguments, written the same way, takes its result. The frame
    starts a page's first queries before it draws (dashboard/prefetch.py), so DuckDB, which releases
    the GIL, works while Streamlit draws.
    """
    cached = functools.lru_cache(maxsize=256)(lambda identity, args, kwargs: func(*args, **dict(kwargs)))
    started: dict[tuple, Future] = {}  # prefetched and not yet taken, oldest first
    lock = threading.Lock()

    @functools.wraps(func)
    def call(*args, **kwargs):
        key = (version(), args, tuple(sorted(kwargs.items())))
        with lock:
            future = started.pop(key, None)
        return future.result() if future is not None else cached(*key)

    def prefetch(*args, **kwargs) -> None:
        identity, connection = _pinned()  # resolved here: workers have no script run
        key = (identity, args, tuple(sorted(kwargs.items())))
        with lock:
            if key in started:
                return
            started[key] = _WORKERS.submit(_prefetched, connection, cached, key)
            while len(started) > _MAX_STARTED:  # prefetched and never asked for: forget the oldest
                started.pop(next(iter(started)))

    def cache_clear() -> None:
        cached.cache_clear()
        with lock:
            started.clear()

    call.cache_clear = cache_clear
    call.prefetch = prefetch
    call.unclaimed = lambda: len(started)  # prefetched results no call has taken yet
    return call


# Worker threads for prefetched queries: a page starts two or three, and more threads than a small
# server's cores would only make them wait for each other.
_WORKERS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="prefetch")
_MAX_STARTED = 64
_prefetching = threading.local()  # the connection a worker's query reads (the pinned file of the run that started it)


def _prefetched(connection: duckdb.DuckDBPyConnection, cached: Callable, key: tuple):
    _prefetching.connection = connection
    try:
        return cached(*key)
    finally:
        _prefetching.connection = None


def _open(path: Path) -> duckdb.DuckDBPyConnection:
    # One DuckDB thread per query: the pages' queries are small, and on a server with few cores the
    # sessions (and the prefetch workers) are the parallelism; splitting a small query over DuckDB's
    # own threads only adds latency.
    # Insertion order kept (DuckDB's default, stated because queries rely on it): a table stored in
    # display order is scanned and returned in that order, so "the first N rows" needs no sort at all.
    con = duckdb.connect(":memory:", config={"threads": 1, "preserve_insertion_order": True})
    con.execute("ATTACH ? AS warehouse (READ_ONLY)", [str(path)])
    con.execute("USE warehouse")
    return con
