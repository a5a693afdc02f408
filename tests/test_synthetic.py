"""The synthetic warehouse of the benchmarks: the app's schema, N figures over the 16 cities, never inside data/."""

from __future__ import annotations

import pickle
from pathlib import Path

import duckdb
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from benchmarks import apptest_worker, synthetic
from benchmarks.scenario import (
    VISIT,
    discover_pages,
    filter_options,
    session_values,
    state_key,
    visit_states,
)
from etl import build, paths

FIGURES = 5000


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    return synthetic.generate(FIGURES, tmp_path_factory.mktemp("synthetic") / "synthetic.duckdb", seed=1).path


@pytest.fixture
def app_on(monkeypatch):
    """Point the app at a warehouse file, with no cached connection or result from another test."""

    def point(path: Path) -> None:
        monkeypatch.setenv(paths.DB_ENV, str(path))
        st.cache_resource.clear()
        st.cache_data.clear()

    yield point
    st.cache_resource.clear()
    st.cache_data.clear()


def _columns(path: Path) -> dict[str, list[tuple[str, str]]]:
    with duckdb.connect(str(path), read_only=True) as con:
        rows = con.execute("SELECT table_name, column_name, data_type FROM information_schema.columns "
                           "ORDER BY table_name, ordinal_position").fetchall()
    tables: dict[str, list[tuple[str, str]]] = {}
    for table, column, kind in rows:
        tables.setdefault(table, []).append((column, kind))
    return tables


def test_it_should_have_exactly_the_schema_of_a_curated_build(warehouse, tmp_path):
    curated = tmp_path / "curated.duckdb"
    build.run(paths.DATA, curated)
    assert _columns(warehouse) == _columns(curated)


def test_it_should_hold_the_figures_asked_for_over_all_16_cities(warehouse):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM figures").fetchone()[0] == FIGURES
        assert con.execute("SELECT figures FROM build_info").fetchone()[0] == FIGURES
        cities = con.execute("SELECT count(DISTINCT r.city_id) FROM figures f JOIN regions r ON r.id = f.region_id "
                             "JOIN regions c ON c.id = r.city_id WHERE c.level = 'city'").fetchone()[0]
        assert cities == 16
        assert {k for (k,) in con.execute("SELECT DISTINCT kind FROM figures").fetchall()} == {"target", "actual"}
        qualifiers = {q for (q,) in con.execute("SELECT DISTINCT qualifier FROM figures").fetchall()}
        assert qualifiers == {q for (q,) in con.execute("SELECT id FROM qualifiers").fetchall()}
        # Targets carry their plan and period; actuals a date; every figure is marked synthetic.
        assert con.execute("SELECT count(*) FROM figures WHERE kind = 'target' AND (plan_id IS NULL OR period_end IS NULL "
                           "OR as_of IS NOT NULL)").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM figures WHERE kind = 'actual' AND plan_id IS NOT NULL").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM figures WHERE quote NOT LIKE '合成数据 synthetic #%' "
                           "OR position(stated IN quote) = 0 OR document_id <> 'syn-benchmark'").fetchone()[0] == 0
        assert con.execute("SELECT count(*) >= 100 FROM indicators WHERE id LIKE 'syn_%' AND name_zh LIKE '%合成%'").fetchone()[0]
        assert "synthetic" in con.execute("SELECT text FROM documents WHERE id = 'syn-benchmark'").fetchone()[0].lower()
        assert con.execute("SELECT count(*) FROM target_progress").fetchone()[0] == \
            con.execute("SELECT count(*) FROM figures WHERE kind = 'target'").fetchone()[0]


def test_the_same_seed_should_give_the_same_figures(tmp_path):
    def content(seed: int, name: str) -> list:
        path = synthetic.generate(500, tmp_path / name, seed=seed).path
        with duckdb.connect(str(path), read_only=True) as con:
            return con.execute("SELECT * EXCLUDE (id) FROM figures ORDER BY id").fetchall()

    assert content(7, "a.duckdb") == content(7, "b.duckdb")
    assert content(7, "a.duckdb") != content(8, "c.duckdb")


@pytest.mark.parametrize("inside", ["", "curated/figures", "raw"])
def test_it_should_refuse_to_write_inside_data(tmp_path, inside):
    target = paths.DATA.root / inside / "synthetic-test.duckdb"
    with pytest.raises(synthetic.RefusedPath):
        synthetic.generate(10, target)
    assert not target.exists()


def test_every_page_of_the_app_should_run_on_it(warehouse, app_on):
    app_on(warehouse)
    at = AppTest.from_file(str(paths.ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    for page in discover_pages():
        at.switch_page(page.path)
        at.run()
        assert not at.exception, (page.path, [e.value for e in at.exception])


@pytest.mark.parametrize("page", ["overview", "tracker", "cities", "clusters", "sources", "explorer"])
def test_the_naive_baseline_should_run_on_it(warehouse, app_on, page):
    app_on(warehouse)
    at = AppTest.from_file(str(paths.ROOT / "benchmarks" / "naive_app.py"), default_timeout=120)
    at.query_params["page"] = page
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    at.session_state["filter_city"] = "qingdao"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.dataframe


def test_the_floor_should_draw_the_shape_it_is_given(monkeypatch):
    monkeypatch.delenv("BENCH_FLOOR_REPLAY", raising=False)
    at = AppTest.from_file(str(paths.ROOT / "benchmarks" / "floor_app.py"), default_timeout=60)
    at.query_params.update({"charts": "3", "points": "50", "rows": "400", "cols": "6", "metrics": "2"})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.get("plotly_chart")) == 3
    assert len(at.metric) == 2
    assert at.dataframe[0].value.shape == (400, 6)


def _counts(nodes: list[dict], into: dict | None = None) -> dict[str, int]:
    """How many of each element and block type a recorded tree holds."""
    into = {} if into is None else into
    for node in nodes:
        into[node["type"]] = into.get(node["type"], 0) + 1
        _counts(node["children"], into)
    return into


@pytest.mark.parametrize("page", [p.stem for p in discover_pages()])
def test_the_floor_should_draw_the_element_tree_the_page_drew(warehouse, app_on, tmp_path, monkeypatch, page):
    """The floor is only a fair floor if it draws everything the page drew: same blocks, text,
    metrics, charts, tables, widgets and buttons, in the main area and the sidebar."""
    app_on(warehouse)
    at = AppTest.from_file(str(paths.ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page(f"pages/{page}.py")
    at.run()
    recorded = apptest_worker.capture(at)
    replay = tmp_path / "replay.pickle"
    with open(replay, "wb") as handle:
        pickle.dump({"pages": {page: {state_key(None): recorded}}, "options": filter_options(warehouse)}, handle)
    monkeypatch.setenv("BENCH_FLOOR_REPLAY", str(replay))
    floor = AppTest.from_file(str(paths.ROOT / "benchmarks" / "floor_app.py"), default_timeout=60)
    floor.query_params["page"] = page
    floor.run()
    assert not floor.exception, [e.value for e in floor.exception]
    drawn = apptest_worker.capture(floor)
    for area in ("main", "sidebar"):
        assert _counts(drawn["tree"][area]) == _counts(recorded["tree"][area]), (area, _counts(drawn["tree"][area]), _counts(recorded["tree"][area]))
    assert drawn["shape"] == recorded["shape"]


def test_a_browser_visit_should_meet_a_floor_drawing_what_a_fresh_session_showed(warehouse, app_on, tmp_path, monkeypatch):
    """The clusters page keeps its chosen cluster while the filters allow it, so a state reached after
    other filter changes can show another cluster than a new session does after one change. The
    browser's floor (visit=1) draws what a new session showed, as the browser visit sees it."""
    app_on(warehouse)
    options = filter_options(warehouse)
    page = next(p for p in discover_pages() if p.stem == "clusters").as_dict()
    visit = visit_states(options, 1)[0]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        in_city = [row[0] for row in con.execute("SELECT id FROM cluster_list WHERE list_contains(city_ids, ?) ORDER BY rank",
                                                 [visit["city"]]).fetchall()]
    for cluster in reversed(in_city):  # chosen first through the sidebar, then kept when the city is picked
        spec = {"variant": "app", "script": str(paths.ROOT / "app.py"), "states": [{**visit, "city": None, "cluster": cluster},
                {**visit}], "visits": [visit], "years": options["years"]}
        result, outputs = apptest_worker.measure_page(spec, page)
        assert result["error"] is None, result["error"]
        kept, seen = outputs[state_key(visit)], outputs[VISIT + state_key(visit)]
        if _headers(kept["tree"]["main"]) != _headers(seen["tree"]["main"]):
            break
    else:
        pytest.fail("no earlier choice of cluster survives the change of city: nothing to tell apart")
    replay = tmp_path / "replay.pickle"
    with open(replay, "wb") as handle:
        pickle.dump({"pages": {"clusters": outputs}, "options": options}, handle)
    monkeypatch.setenv("BENCH_FLOOR_REPLAY", str(replay))
    for params, expected in (({"visit": "1"}, seen), ({}, kept)):
        floor = AppTest.from_file(str(paths.ROOT / "benchmarks" / "floor_app.py"), default_timeout=60)
        floor.query_params["page"] = "clusters"
        for key, value in params.items():
            floor.query_params[key] = value
        floor.run()
        for key, value in session_values(visit, options["years"]).items():
            floor.session_state[key] = value
        floor.run()
        assert not floor.exception, [e.value for e in floor.exception]
        assert _headers(apptest_worker.capture(floor)["tree"]["main"]) == _headers(expected["tree"]["main"]), params


def _headers(nodes: list[dict]) -> list[str]:
    found = []
    for node in nodes:
        if node["type"] == "header":
            found.append(node["args"]["body"])
        found += _headers(node["children"])
    return found
