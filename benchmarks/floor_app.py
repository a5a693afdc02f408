"""The floor of the speed benchmark: a bare Streamlit script that only draws, from precomputed data, no queries.

A page cannot rerun faster than Streamlit takes to draw what it shows. This script draws the same
element tree — the same layout blocks (columns, bordered containers, expanders), headings, text,
notices, metrics, plotly charts, tables, widgets and download buttons, in the main area and the
sidebar — with the same Streamlit calls, from values prepared beforehand, so a page's time over
the floor's is what its own work costs.

Two modes:

- replay (`BENCH_FLOOR_REPLAY=file.pickle`, written by `python -m benchmarks.run`): for the page
  named by the query parameter `page`, shows exactly what that page showed for the current sidebar
  filters (its element tree, recorded under AppTest); with `visit=1` (the browser visits), what it
  showed a fresh session after that filter change. Charts are drawn from their figure dicts,
  tables recorded as a sample and a size are tiled back to their size. An unrecorded filter state
  shows the unfiltered view.
- shape (no replay file): generated charts and a table of a given size, from query parameters or
  environment variables: charts (BENCH_FLOOR_CHARTS), points per chart (BENCH_FLOOR_POINTS), rows
  (BENCH_FLOOR_ROWS), columns (BENCH_FLOOR_COLS), metrics (BENCH_FLOOR_METRICS), e.g.
  `streamlit run benchmarks/floor_app.py` then open `/?charts=2&points=200&rows=1000`.

The sidebar has the app's filter widgets with the app's session_state keys (`filter_plan`,
`filter_city`, `filter_cluster`, `filter_category`, `filter_years`), so the harness changes
filters here exactly as on the app.
"""

from __future__ import annotations

import json
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
import streamlit as st

from benchmarks.scenario import FILTER_KEYS, VISIT, state_key

DEFAULT_LABELS = {"plan": "规划 Plan", "city": "城市 City", "cluster": "集群 Cluster", "category": "指标类别 Category"}


@st.cache_resource(show_spinner=False)
def _replay(path: str) -> dict:
    """The recording, with each chart parsed once into the figure dict st.plotly_chart takes."""
    with open(path, "rb") as handle:
        replay = pickle.load(handle)

    def parse(nodes: list[dict]) -> None:
        for node in nodes:
            if node["type"] == "plotly_chart":
                node["args"]["figure"] = json.loads(node["args"].pop("spec"))
            parse(node["children"])

    for outputs in replay["pages"].values():
        for output in outputs.values():
            for nodes in output["tree"].values():
                parse(nodes)
    return replay


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


def _sidebar(options: dict, heading: bool = False) -> dict:
    names, years = options["names"], tuple(options["years"])
    labels = options.get("labels") or DEFAULT_LABELS
    if "filter_years" not in st.session_state:
        st.session_state["filter_years"] = years
    with st.sidebar:
        if heading:  # a replay draws the page's own sidebar headings
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
    if st.query_params.get("visit") and VISIT + key in recorded:  # a browser visit: what a fresh session showed
        key = VISIT + key
    output = recorded.get(key)
    if output is None:
        st.info(f"Nothing recorded for page {page!r}.")
        return
    draw = _Drawer(path, page, key)
    draw.nodes(output["tree"].get("main", []))
    with st.sidebar:  # the rest of the sidebar: the filters themselves are drawn by _sidebar
        drawn = {f"filter_{key}" for key in (*FILTER_KEYS, "years")}
        draw.nodes([n for n in output["tree"].get("sidebar", []) if n["args"].get("key") not in drawn])


class _Drawer:
    """Draws a recorded element tree with the same Streamlit calls, from the recorded values.

    Widgets keep the page's keys (so their values survive reruns as on the page), or get one from
    their place in the tree. Charts are drawn from their figure dicts and tables from their recorded rows.
    """

    def __init__(self, path: str, page: str, state: str):
        self.path, self.page, self.state = path, page, state
        self.count = 0

    def _key(self, args: dict) -> str:
        self.count += 1
        return args.get("key") or f"floor_{self.count}"

    def nodes(self, nodes: list[dict]) -> None:
        for node in nodes:
            self.node(node["type"], node["args"], node["children"])

    def node(self, kind: str, a: dict, children: list[dict]) -> None:
        if kind == "flex_container":
            if children and all(c["type"] == "column" for c in children):
                for column, child in zip(st.columns([c["args"]["weight"] or 1 for c in children]), children, strict=True):
                    with column:
                        self.nodes(child["children"])
            else:
                with st.container(border=a["border"]):
                    self.nodes(children)
        elif kind == "expander":
            with st.expander(a["label"], expanded=a["expanded"]):
                self.nodes(children)
        elif kind in ("title", "header", "subheader", "caption", "markdown", "text", "info", "warning", "error", "success"):
            getattr(st, kind)(a["body"])
        elif kind == "html":
            st.html(a["body"])
        elif kind == "metric":
            st.metric(a["label"], a["value"], help=a["help"])
        elif kind == "plotly_chart":
            key = self._key(a)
            st.plotly_chart(a["figure"], key=key, on_select="rerun" if a["select"] else "ignore")
        elif kind == "dataframe":
            table = _replay(self.path)["pages"][self.page][self.state]["tables"][a["table"]]
            st.dataframe(_tiled(self.path, self.page, self.state, a["table"], table["rows"]), hide_index=True)
        elif kind == "download_button":
            st.download_button(a["label"], data=_NOTHING, file_name="floor.csv", key=self._key(a), on_click="ignore")
        elif kind == "button":
            st.button(a["label"], key=self._key(a))
        elif kind in ("selectbox", "radio"):
            getattr(st, kind)(a["label"], a["options"], key=self._key(a))
        elif kind == "multiselect":
            st.multiselect(a["label"], a["options"], key=self._key(a))
        elif kind == "button_group":
            st.segmented_control(a["label"], a["options"], key=self._key(a))
        elif kind == "text_input":
            st.text_input(a["label"], key=self._key(a))
        elif kind == "number_input":
            st.number_input(a["label"], min_value=a["min"], max_value=a["max"], value=a["value"], key=self._key(a))
        elif kind == "page_link":  # a link drawn the same way; where it leads costs nothing to draw
            st.page_link("http://localhost/", label=a["label"])
        elif kind in ("checkbox", "toggle"):
            getattr(st, kind)(a["label"], key=self._key(a))
        elif children:  # any other block: its contents
            self.nodes(children)


def _shaped() -> None:
    charts, points = _setting("charts", 1), _setting("points", 100)
    rows, cols, metrics = _setting("rows", 1000), _setting("cols", 10), _setting("metrics", 0)
    frame = _generated(max(rows, points), max(cols, 2))
    _sidebar({"names": {key: {} for key in FILTER_KEYS}, "years": [2011, 2025]}, heading=True)
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
