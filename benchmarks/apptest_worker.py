"""Script run times of one app variant at one scale, under AppTest: `python -m benchmarks.apptest_worker SPEC.json`.

Run as its own process by benchmarks.run, so every variant and scale starts with empty caches and
its peak memory is its own. The spec (JSON) names:

    variant   app | floor | naive
    script    the Streamlit script (app.py, benchmarks/floor_app.py, benchmarks/naive_app.py)
    pages     the pages to measure (benchmarks.scenario.Page.as_dict())
    states    the filter states to switch through, one rerun each; years: the full year range
    visits    (app only) the browser visits' filter changes, recorded from a fresh session each
    record    (app only) where to write what each page showed, per filter state, for the floor to replay
    result    where to write the timings (JSON)

The app is opened like a user would (app.py first, then st.switch_page); the floor and the naive
app are told the page by the query parameter `page`. Each page then reruns once per filter state
with the sidebar's session_state keys set, as a user's filter change does. Timings are of
`AppTest.run()`: the whole script run, identical overhead for all three variants.
"""

from __future__ import annotations

import contextlib
import gc
import html
import json
import logging
import pickle
import re
import sys
import time
import traceback
from pathlib import Path

import pyarrow as pa
import streamlit.testing.v1.app_test as app_test_module
import streamlit.testing.v1.local_script_runner as local_script_runner_module
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Widget

from benchmarks.scenario import VISIT, peak_rss_mb, session_values, state_key

RUN_TIMEOUT_S = 900
# Tables bigger than this are recorded as their first rows and their size; the floor tiles them.
RECORD_ROWS = 20_000


def main(spec_path: str) -> int:
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    _no_legacy_pages_folder()
    _one_script_cache()
    # Setting session_state between runs happens outside a script run, which Streamlit warns about
    # each time; a filter (unlike a level, which Streamlit resets) keeps the log readable.
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        lambda record: "missing ScriptRunContext" not in record.getMessage())
    results, recorded = [], {}
    for page in spec["pages"]:
        print(f"  {spec['variant']:5} {spec['scale']:9} {page['stem']}", file=sys.stderr, flush=True)
        result, outputs = measure_page(spec, page)
        results.append(result)
        recorded[page["stem"]] = outputs
    if spec.get("record"):
        with open(spec["record"], "wb") as handle:
            pickle.dump({"pages": recorded, "options": spec["options"]}, handle)
    Path(spec["result"]).write_text(json.dumps({"pages": results, "peak_rss_mb": peak_rss_mb()}, indent=1),
                                    encoding="utf-8")
    return 0


def measure_page(spec: dict, page: dict) -> tuple[dict, dict]:
    result = {"page": page["stem"], "title": page["title"], "error": None, "first_s": None, "reruns_s": [],
              "shape": None, "shapes": {}}
    outputs: dict = {}
    if spec["variant"] == "app" and not page["exists"]:
        result["error"] = f"{page['path']} does not exist"
        return result, outputs
    try:
        at = AppTest.from_file(spec["script"], default_timeout=RUN_TIMEOUT_S)
        if spec["variant"] == "app":
            at.run()  # app.py's default page, as a user lands on it; not counted
            at.switch_page(page["path"])
        else:
            at.query_params["page"] = page["stem"]
        with _no_collector():
            started = time.perf_counter()
            at.run()
            result["first_s"] = time.perf_counter() - started
        _raise_on_exception(at)
        outputs[state_key(None)] = capture(at)
        result["shape"] = outputs[state_key(None)]["shape"]
        result["title"] = outputs[state_key(None)]["title"] or page["title"]
        # During a talk the Present page's sidebar is hidden and its deck is a snapshot: what reruns
        # it is the next-slide button, so that is what its reruns measure (its first run builds the deck).
        presenting = spec["variant"] == "app" and page.get("kind") == "present"
        for state in spec["states"]:
            if presenting:
                forward = at.button(key="present_next")
                (at.button(key="present_prev") if forward.disabled else forward).click()
            else:
                for key, value in session_values(state, spec["years"]).items():
                    at.session_state[key] = value
            with _no_collector():
                started = time.perf_counter()
                at.run()
                result["reruns_s"].append(time.perf_counter() - started)
            _raise_on_exception(at)
            output = capture(at)
            result["shapes"][state_key(state)] = output["shape"]
            if spec["variant"] == "app":
                outputs[state_key(state)] = output
        if spec["variant"] == "app" and not presenting:
            for state in spec.get("visits", []):
                outputs[VISIT + state_key(state)] = _visited(spec, page, state)
    except Exception as exc:  # noqa: BLE001 - a broken or unfinished page is reported, not fatal
        result["error"] = _one_line(exc)
        print(traceback.format_exc(limit=3), file=sys.stderr)
    return result, outputs


def _visited(spec: dict, page: dict, state: dict) -> dict:
    """What the page shows a browser visit after its filter change: a fresh session opens the page
    unfiltered, then changes the filter (untimed).

    A page may keep a choice of its own across filter changes (the clusters page keeps its chosen
    cluster while the filters allow it), so after the timed sequence of changes it can show a state
    differently from a visit; the floor the browser is compared with draws what the visit sees.
    """
    at = AppTest.from_file(spec["script"], default_timeout=RUN_TIMEOUT_S)
    at.run()
    at.switch_page(page["path"])
    at.run()
    for key, value in session_values(state, spec["years"]).items():
        at.session_state[key] = value
    at.run()
    _raise_on_exception(at)
    return capture(at)


@contextlib.contextmanager
def _no_collector():
    """Python's cycle collector off for a timed run, after a full collection.

    The app variant keeps every recorded output (charts with the map's boundaries, tables) in this
    process; a collection during a timed run would scan them and charge the page for the recording.
    """
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


class PageError(Exception):
    """The script run ended in an exception shown on the page."""


def _raise_on_exception(at: AppTest) -> None:
    if at.exception:
        raise PageError("; ".join(e.value for e in at.exception))


def capture(at: AppTest) -> dict:
    """What the run showed, for the floor to draw again without computing it: the element tree of
    the main area and the sidebar (layout blocks, text, metrics, charts, tables, widgets, download
    buttons), plus a summary of its shape for the report and the naive app."""
    tables: list[dict] = []
    tree = {node.type: _nodes(node, tables) for node in at._tree.children.values() if node.type in ("main", "sidebar")}
    titles = [t.value for t in at.title]
    if not titles:  # a page that draws its own heading (the Present page's slides): its first <h1>
        headings = (re.search(r"<h1[^>]*>(.*?)</h1>", e.proto.body, re.DOTALL) for e in at.get("html"))
        titles = [html.unescape(m.group(1)) for m in headings if m]
    charts = [c.proto.spec for c in at.get("plotly_chart")]
    other_charts = len(at.get("arrow_vega_lite_chart")) + len(at.get("deck_gl_json_chart"))
    texts = sum(len(at.get(kind)) for kind in _TEXTS)
    shape = {"title": bool(titles), "metrics": len(at.metric), "charts": len(charts) + other_charts,
             "points": [_points(spec) for spec in charts], "tables": [[t["rows"], len(t["frame"].columns)] for t in tables],
             "texts": texts, "downloads": len(at.get("download_button")),
             "widgets": sum(len(at.get(kind)) for kind in _WIDGETS)}
    return {"title": titles[0] if titles else "", "tree": tree, "tables": tables, "shape": shape}


_TEXTS = ("title", "header", "subheader", "caption", "markdown", "text", "info", "warning", "error", "success")
_WIDGETS = ("button", "selectbox", "multiselect", "radio", "button_group", "text_input", "number_input", "slider",
            "checkbox", "toggle")


def _nodes(block, tables: list[dict]) -> list[dict]:
    """A block's children as plain data: {"type", "args", "children"} each."""
    out = []
    for node in block.children.values():
        kind, proto = node.type, node.proto
        args: dict = {}
        if kind in _TEXTS:
            args = {"body": node.value}
        elif kind == "html":
            args = {"body": proto.body}
        elif kind == "metric":
            args = {"label": proto.label, "value": proto.body, "help": proto.help or None}
        elif kind == "plotly_chart":
            args = {"spec": proto.spec, "select": bool(proto.selection_mode)}
        elif kind == "dataframe":
            # Big tables are sent lazily: their first chunk, and the rest when the browser scrolls.
            lazy = proto.HasField("lazy_data") and proto.lazy_data.initial_chunk.data
            table = _arrow_table(proto.lazy_data.initial_chunk.data if lazy else proto.arrow_data.data)
            tables.append({"rows": proto.lazy_data.row_count if lazy else table.num_rows,
                           "frame": table.slice(0, RECORD_ROWS).to_pandas()})
            args = {"table": len(tables) - 1}
        elif kind in ("button", "download_button", "text_input", "checkbox", "toggle", "slider", "page_link"):
            args = {"label": proto.label}
        elif kind in ("selectbox", "multiselect", "radio"):
            args = {"label": proto.label, "options": list(proto.options)}
        elif kind == "button_group":
            args = {"label": proto.label, "options": [option.content for option in proto.options]}
        elif kind == "number_input":
            integer = proto.data_type == proto.INT
            cast = int if integer else float
            args = {"label": proto.label, "min": cast(proto.min) if proto.has_min else None,
                    "max": cast(proto.max) if proto.has_max else None, "value": cast(node.value)}
        elif kind == "expander":
            args = {"label": proto.label, "expanded": proto.expanded}  # AppTest keeps the sub-message
        elif kind == "flex_container":
            args = {"border": proto.flex_container.border}
        elif kind == "column":
            args = {"weight": proto.weight}
        if isinstance(node, Widget) or kind == "download_button":
            args["key"] = node.key
        out.append({"type": kind, "args": args, "children": _nodes(node, tables) if hasattr(node, "children") else []})
    return out


def _arrow_table(data: bytes) -> pa.Table:
    if not data:
        return pa.table({})
    return pa.ipc.open_stream(data).read_all()


def _points(spec: str) -> int:
    """Data points of a plotly figure: the longest coordinate array of each trace, summed."""
    figure = json.loads(spec)
    total = 0
    for trace in figure.get("data", []):
        lengths = [len(trace[axis]) for axis in ("x", "y", "z", "locations", "lat", "values", "labels")
                   if isinstance(trace.get(axis), list)]
        total += max(lengths, default=0)
    return total


def _one_line(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}".strip()
    return " ".join(text.split())[:300]


def _no_legacy_pages_folder() -> None:
    """Run app.py the way dashboard.serve runs the server: pages/ is not Streamlit's old multipage folder.

    AppTest re-detects that folder before every run; left alone, a rerun would execute the current
    page without app.py's frame, which the real server never does.
    """
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init


def _one_script_cache() -> None:
    """Compile each script once per process, as the server does.

    A Streamlit server keeps one cache of compiled scripts for all reruns; AppTest makes a new one
    for every run, which would charge each rerun for compiling its scripts again (app.py and the
    page for the app, the one script for the floor and the naive app).
    """
    shared = ScriptCache()
    app_test_module.ScriptCache = local_script_runner_module.ScriptCache = lambda: shared


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
