"""The floor of the speed benchmark: a bare Streamlit script that only draws, from precomputed data, no queries.

A page cannot rerun faster than Streamlit takes to draw what it shows. This script draws the same
outputs — the sidebar filters, metrics, charts, tables, headings, text, notices and download
buttons — from data prepared beforehand, so a
page's time over the floor's is what its own work costs.

Two modes:

- replay (`BENCH_FLOOR_REPLAY=file.pickle`, written by `python -m benchmarks.run`): for the page
  named by the query parameter `page`, shows exactly what that page showed for the current sidebar
  filters (recorded under AppTest): its title, metrics, plotly charts, tables, text elements and
  download buttons. Tables recorded as
  a sample and a size are tiled back to their size. An unrecorded filter state shows the unfiltered
  view.
- shape (no replay file): generated charts and a table of a given size, from query parameters or
  environment variables: charts (BENCH_FLOOR_CHARTS), points per chart (BENCH_FLOOR_POINTS), rows
  (BENCH_FLOOR_ROWS), columns (BENCH_FLOOR_COLS), metrics (BENCH_FLOOR_METRICS), e.g.
  `streamlit run benchmarks/floor_app.py` then open `/?charts=2&points=200&rows=1000`.

The sidebar has the app's filter widgets with the app's session_state keys (`filter_plan`,
`filter_city`, `filter_cluster`, `filter_category`, `filter_years`), so the harness changes
filters here exactly as on the app.
"""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path

# `streamlit run benchmarks/floor_app.py` puts only benchmarks/ on the import path.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

from benchmarks.scenario import FILTER_KEYS, state_key

DEFAULT_LABELS = {"plan": "规划 Plan", "city": "城市 City", "cluster": "集群 Cluster", "category": "指标类别 Category"}


@st.cache_resource(show_spinner=False)
def _replay(path: str) -> dict:
    with open(path, "rb") as handle:
        return pickle.load(handle)


@st.cache_resource(show_spinner=False, max_entries=64)
def _tiled(path: str, page: str, key: str, index: int, rows: int) -> pd.DataFrame:
    """A recorded table sample repeated up to the table's recorded size."""
    sample = _replay(path)["pages"][page][key]["tables"][index]["frame"]
    if len(sample) >= rows or sample.empty:
        return sample.head(rows)
    repeats = -(-rows // len(sample))
    return pd.concat([sample] * repeats, ignore_index=True).head(rows)


@st.cache_resource(show_spinner=False)
def _generated(rows: int, cols: int) -> pd.DataFrame:
    columns = {}
    for c in range(cols):
        if c % 2:
            columns[f"value_{c}"] = [float((i * 7919 + c) % 100_003) for i in range(rows)]
        else:
            columns[f"text_{c}"] = [f"合成 synthetic {(i * 31 + c) % 9973}" for i in range(rows)]
    return pd.DataFrame(columns)


def _setting(name: str, default: int) -> int:
    value = st.query_params.get(name) or os.environ.get(f"BENCH_FLOOR_{name.upper()}")
    return int(value) if value and str(value).isdigit() else default


def _sidebar(options: dict) -> dict:
    names, years = options["names"], tuple(options["years"])
    labels = options.get("labels") or DEFAULT_LABELS
    if "filter_years" not in st.session_state:
        st.session_state["filter_years"] = years
    with st.sidebar:
        st.subheader("筛选 Filters")
        for key in FILTER_KEYS:
            st.selectbox(labels.get(key, key), list(names[key]), index=None, key=f"filter_{key}",
                         format_func=names[key].get, placeholder="全部 All")
        st.slider("年份 Years", min_value=years[0], max_value=max(years[1], years[0] + 1), key="filter_years")
    state: dict = {key: st.session_state.get(f"filter_{key}") for key in FILTER_KEYS}
    chosen = list(st.session_state["filter_years"])
    state["years"] = None if tuple(chosen) == years else chosen
    return state


def _NOTHING() -> bytes:
    return b""


def _replayed(path: str, page: str) -> None:
    replay = _replay(path)
    state = _sidebar(replay["options"])
    recorded = replay["pages"].get(page) or {}
    key = state_key(state) if state_key(state) in recorded else state_key(None)
    output = recorded.get(key)
    if output is None:
        st.info(f"Nothing recorded for page {page!r}.")
        return
    if output["title"]:
        st.title(output["title"])
    if output["metrics"]:
        for column, (label, value) in zip(st.columns(len(output["metrics"])), output["metrics"], strict=True):
            column.metric(label, value)
    for spec in output["charts"]:
        st.plotly_chart(pio.from_json(spec, skip_invalid=True))
    for index, table in enumerate(output["tables"]):
        st.dataframe(_tiled(path, page, key, index, table["rows"]), hide_index=True)
    # The rest of what the page drew: its headings, text and notices, and its download buttons
    # (the files themselves are only made when clicked, as on the page).
    for kind, text in output.get("texts", []):
        getattr(st, kind)(text)
    for index, label in enumerate(output.get("downloads", [])):
        st.download_button(label, data=_NOTHING, file_name="floor.csv", key=f"floor_download_{index}", on_click="ignore")


def _shaped() -> None:
    charts, points = _setting("charts", 1), _setting("points", 100)
    rows, cols, metrics = _setting("rows", 1000), _setting("cols", 10), _setting("metrics", 0)
    frame = _generated(max(rows, points), max(cols, 2))
    _sidebar({"names": {key: {} for key in FILTER_KEYS}, "years": [2011, 2025]})
    st.title("Floor")
    if metrics:
        for i, column in enumerate(st.columns(metrics)):
            column.metric(f"Metric {i + 1}", f"{frame.iloc[i % len(frame), 1]:,.0f}")
    for c in range(charts):
        st.plotly_chart(go.Figure(go.Bar(x=list(range(points)), y=frame.iloc[:points, 1].tolist(), name=f"chart {c + 1}")))
    st.dataframe(frame.iloc[:rows, :cols], hide_index=True)


st.set_page_config(page_title="Floor · benchmark", layout="wide")
_path = os.environ.get("BENCH_FLOOR_REPLAY")
if _path:
    _replayed(_path, st.query_params.get("page") or os.environ.get("BENCH_FLOOR_PAGE", ""))
else:
    _shaped()
