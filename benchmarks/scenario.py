"""What a benchmark run measures: the app's pages, the filter changes replayed on each, and what a page showed.

- Pages are read from the `st.Page("pages/….py", …)` calls in app.py at run time, so a new page is
  measured without touching the benchmarks.
- Filter states are sidebar values (the session_state keys `filter_plan`, `filter_city`,
  `filter_cluster`, `filter_category`, `filter_years`) drawn from the warehouse, each one new to
  the run, so a page's cached query results never answer a measured rerun.
- A page's output (metrics, charts, tables) is recorded per filter state; the floor app replays it.
"""

from __future__ import annotations

import ast
import math
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb

from etl.paths import ROOT

APP = ROOT / "app.py"
FILTER_KEYS = ("plan", "city", "cluster", "category")
# What each kind of page computes; the naive app reproduces these in pandas.
PAGE_KINDS = {"overview": "overview", "track": "tracker", "plan": "tracker", "cit": "cities", "map": "cities",
              "cluster": "clusters", "source": "sources", "explor": "explorer", "data": "explorer",
              "present": "present", "meeting": "present"}


@dataclass(frozen=True)
class Page:
    path: str  # as app.py names it, e.g. pages/overview.py
    title: str
    url_path: str  # "" for the default page
    exists: bool

    @property
    def stem(self) -> str:
        return Path(self.path).stem

    @property
    def kind(self) -> str:
        stem = self.stem.lower()
        return next((kind for word, kind in PAGE_KINDS.items() if word in stem), "explorer")

    def as_dict(self) -> dict:
        return {**asdict(self), "stem": self.stem, "kind": self.kind}


def discover_pages(app: Path = APP) -> list[Page]:
    """The pages app.py's st.navigation lists, in order (read from its source; nothing is run)."""
    pages = []
    for node in ast.walk(ast.parse(app.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "Page"):
            continue
        if not node.args or not isinstance(node.args[0], ast.Constant) or not isinstance(node.args[0].value, str):
            continue  # a page given as a callable or a computed path: not a file we can measure
        path = node.args[0].value
        keywords = {k.arg: k.value.value for k in node.keywords if isinstance(k.value, ast.Constant)}
        default = bool(keywords.get("default", False))
        url_path = "" if default else str(keywords.get("url_path") or _inferred_url_path(path))
        pages.append(Page(path, str(keywords.get("title") or Path(path).stem), url_path, (app.parent / path).is_file()))
    # ast.walk is breadth-first, which keeps the source order of calls inside one list.
    return sorted(pages, key=lambda p: _source_position(app, p.path))


def _inferred_url_path(path: str) -> str:
    # Streamlit's rule: the file name without a leading number and extension.
    return re.sub(r"^[0-9]+[_ -]*", "", Path(path).stem)


def _source_position(app: Path, path: str) -> int:
    return app.read_text(encoding="utf-8").find(f'"{path}"')


def filter_options(database: Path) -> dict:
    """Sidebar values that select something in this warehouse, most figures first, and the year range."""
    with duckdb.connect(str(database), read_only=True) as con:
        def ids(sql: str) -> list[str]:
            return [row[0] for row in con.execute(sql).fetchall()]

        options = {
            "city": ids("SELECT r.city_id FROM figures f JOIN regions r ON r.id = f.region_id WHERE r.city_id IS NOT NULL "
                        "GROUP BY 1 ORDER BY count(*) DESC, 1"),
            "plan": ids("SELECT plan_id FROM figures WHERE plan_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1"),
            "cluster": ids("SELECT cluster_id FROM figures WHERE cluster_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1"),
            "category": ids("SELECT i.category_id FROM figures f JOIN indicators i ON i.id = f.indicator_id "
                            "GROUP BY 1 ORDER BY count(*) DESC, 1"),
        }
        low, high = con.execute("SELECT min(year(ref_date)), max(year(ref_date)) FROM figures").fetchone()
        names = {
            "plan": dict(con.execute("SELECT id, name_zh FROM plans ORDER BY start_year, id").fetchall()),
            "city": dict(con.execute("SELECT id, name_zh FROM regions WHERE level = 'city' ORDER BY code").fetchall()),
            "cluster": dict(con.execute("SELECT id, name_zh FROM clusters ORDER BY kind, id").fetchall()),
            "category": dict(con.execute("SELECT id, name_zh FROM categories ORDER BY sort").fetchall()),
        }
    return {"used": options, "names": names, "years": [int(low), int(high)]}


def filter_states(options: dict, count: int) -> list[dict]:
    """`count` distinct sidebar states: city, city + category, plan, cluster, a later start year, in turn."""
    used, (low, high) = options["used"], options["years"]
    span = max(1, high - low)
    states, seen = [], {state_key(None)}  # the unfiltered view is the first render, not a change
    i = 0
    while len(states) < count and i < count * 20:
        step, k = i % 5, i // 5
        i += 1
        state: dict = {key: None for key in FILTER_KEYS}
        if step == 0 and used["city"]:
            state["city"] = used["city"][k % len(used["city"])]
        elif step == 1 and used["city"] and used["category"]:
            state["city"] = used["city"][(7 * k + 3) % len(used["city"])]
            state["category"] = used["category"][k % len(used["category"])]
        elif step == 2 and used["plan"]:
            state["plan"] = used["plan"][k % len(used["plan"])]
        elif step == 3 and used["cluster"]:
            state["cluster"] = used["cluster"][k % len(used["cluster"])]
        elif step == 4:
            state["years"] = [min(high, low + 1 + k % span), high]
        state.setdefault("years", None)
        # Past the first round the same values come back: a narrower end year keeps the state new.
        if state["years"] is None and k >= 5:
            state["years"] = [low, max(low, high - (k // 5) % (span + 1))]
        key = state_key(state)
        if key not in seen:
            seen.add(key)
            states.append(state)
    return states


def visit_states(options: dict, count: int) -> list[dict]:
    """The filter changes of the browser visits: visit r picks the r-th city (most figures first)."""
    cities = options["used"]["city"]
    states = [{**{key: None for key in FILTER_KEYS}, "city": cities[r % len(cities)], "years": None}
              for r in range(count)] if cities else []
    return list({state_key(state): state for state in states}.values())


VISIT = "visit:"  # recorded outputs of a fresh session's first filter change, as a browser visit makes it


def state_key(state: dict | None) -> str:
    """A filter state as a stable string: plan|city|cluster|category|from-to ('' for unset)."""
    state = state or {}
    years = state.get("years")
    return "|".join([*(str(state.get(k) or "") for k in FILTER_KEYS), f"{years[0]}-{years[1]}" if years else ""])


def session_values(state: dict | None, years: list[int]) -> dict:
    """The session_state values of the sidebar widgets for a filter state."""
    state = state or {}
    values = {f"filter_{key}": state.get(key) for key in FILTER_KEYS}
    values["filter_years"] = tuple(state.get("years") or years)
    return values


def percentile(values: list[float], q: float) -> float:
    """Linear-interpolated percentile (q in 0..100); NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def peak_rss_mb(pid: int | None = None) -> float | None:
    """Peak resident memory of a process (VmHWM from /proc), in MiB; None where /proc is not available."""
    try:
        status = Path(f"/proc/{pid or os.getpid()}/status").read_text()
    except OSError:
        return None
    match = re.search(r"^VmHWM:\s+(\d+)\s+kB", status, re.MULTILINE)
    return int(match.group(1)) / 1024 if match else None
