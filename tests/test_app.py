"""The app as a user meets it, run with Streamlit's AppTest: it builds its database, and every page renders."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from etl import build, paths
from tests.conftest import PRESS, DataCopy
from tests.hostile import IMG_NAME, SCRIPT_QUOTE, make_hostile

APP = "../app.py"


@pytest.fixture
def fresh_warehouse(tmp_path: Path, monkeypatch) -> Path:
    """The app's own warehouse (kept current with data/), not built yet, and no cached connection."""
    path = tmp_path / "app" / "warehouse.duckdb"
    monkeypatch.delenv("SDTEX_DB", raising=False)
    monkeypatch.setattr(paths, "DEFAULT_DATABASE", path)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield path
    st.cache_resource.clear()
    st.cache_data.clear()


def run(page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_it_should_build_its_database_on_first_start(fresh_warehouse):
    assert not fresh_warehouse.exists()
    at = run()
    assert fresh_warehouse.exists()
    assert at.title[0].value == "山东纺织服装指标看板"


def table_with(at: AppTest, column: str):
    """The first table on the page that has `column` (tables are headed in the page's language)."""
    return next(frame.value for frame in at.dataframe if column in frame.value.columns)


def figures_table(at: AppTest):
    return table_with(at, "原文")


def test_the_overview_should_show_the_counts_in_the_database(fresh_warehouse):
    at = run()
    with duckdb.connect(str(fresh_warehouse), read_only=True) as con:
        targets, actuals = con.execute(
            "SELECT count(*) FILTER (WHERE kind = 'target'), count(*) FILTER (WHERE kind = 'actual') FROM figures").fetchone()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["目标"] == str(targets)
    assert metrics["实际"] == str(actuals)
    table = figures_table(at)
    assert len(table) == targets + actuals
    assert table["原文"].notna().all()
    assert table["来源文件"].notna().all()


def test_the_overview_kind_filter_should_show_only_targets(fresh_warehouse):
    at = run()
    at.segmented_control(key="overview_kind").set_value("target").run()
    table = figures_table(at)
    assert set(table["类型"]) == {"目标"}
    assert "5家以上" in set(table["数值"])


def test_the_sources_page_should_list_every_document(fresh_warehouse):
    at = run("pages/sources.py")
    table = table_with(at, "标题")
    assert len(table) == 5
    assert table.set_index("标题").at["山东以工装高地建设推动纺织服装产业高质量发展情况新闻发布会（文字实录）", "数字条数"] == 67


def test_it_should_keep_showing_the_last_good_data_when_the_data_turns_invalid(fresh_warehouse, data_copy: DataCopy,
                                                                                   monkeypatch):
    monkeypatch.setattr(paths, "DATA", data_copy)
    run()
    before = fresh_warehouse.read_bytes()
    data_copy.edit(PRESS, 0, value="6")
    st.cache_resource.clear()
    at = run()
    assert fresh_warehouse.read_bytes() == before
    assert "未通过校验" in at.warning[0].value
    assert at.metric, "the pages still render from the last good build"


def test_it_should_explain_when_there_is_no_valid_data_at_all(fresh_warehouse, data_copy: DataCopy, monkeypatch):
    monkeypatch.setattr(paths, "DATA", data_copy)
    line = data_copy.edit(PRESS, 2, region_id="atlantis")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    assert "未通过校验" in at.error[0].value
    assert f"sd-workwear-press-2026.csv:{line}:region_id" in at.code[0].value


def test_it_should_show_a_rebuilt_database_without_a_restart(fresh_warehouse, data_copy: DataCopy):
    at = run()
    before = int(next(m.value for m in at.metric if m.label == "实际"))
    rows = data_copy.rows(PRESS)
    data_copy.write_rows(PRESS, [r for r in rows if r["stated"] != "450亿元"])
    build.run(data_copy, fresh_warehouse)  # what `python -m etl build` does while the app runs
    at.run()
    assert not at.exception
    assert int(next(m.value for m in at.metric if m.label == "实际")) == before - 1


def test_hostile_text_in_the_data_is_shown_verbatim(fresh_warehouse, data_copy: DataCopy, monkeypatch):
    monkeypatch.setattr(paths, "DATA", make_hostile(data_copy))
    at = run()
    table = figures_table(at)
    row = table[table["原文"] == SCRIPT_QUOTE]
    assert len(row) == 1
    assert row.iloc[0]["指标"] == IMG_NAME


def test_a_database_named_by_sdtex_db_is_read_as_it_is(fresh_warehouse, data_copy: DataCopy, tmp_path, monkeypatch):
    other = tmp_path / "other.duckdb"
    rows = data_copy.rows(PRESS)
    data_copy.write_rows(PRESS, [r for r in rows if r["kind"] == "target"])  # a different data set
    build.run(data_copy, other)
    before = other.read_bytes()
    monkeypatch.setenv("SDTEX_DB", str(other))
    at = run()
    assert other.read_bytes() == before, "the app must not rebuild a file it was pointed at"
    actuals = int(next(m.value for m in at.metric if m.label == "实际"))
    assert actuals == sum(1 for r in data_copy.rows("figures/weihai-torch-cluster-news-2024.csv"))
    assert not fresh_warehouse.exists()


def test_a_database_from_an_older_layout_or_not_duckdb_is_refused_with_what_to_run(fresh_warehouse, data_copy: DataCopy,
                                                                                   tmp_path, monkeypatch):
    old = tmp_path / "old.duckdb"
    build.run(data_copy, old)
    with duckdb.connect(str(old)) as con:
        con.execute("UPDATE build_info SET schema_version = schema_version - 1")
    before = old.read_bytes()
    monkeypatch.setenv("SDTEX_DB", str(old))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "无法读取" in at.error[0].value
    assert "layout" in at.code[0].value and f"SDTEX_DB={old} python -m etl build" in at.code[0].value
    assert old.read_bytes() == before, "the app must not change a file it was pointed at"
    assert not at.metric, "no page is drawn from it"

    garbage = tmp_path / "notes.duckdb"
    garbage.write_text("not a database", encoding="utf-8")
    monkeypatch.setenv("SDTEX_DB", str(garbage))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert f"{garbage} is not a warehouse this dashboard can read" in at.code[0].value

    monkeypatch.setenv("SDTEX_DB", str(old))
    build.run(data_copy, old)  # rebuilt as the message says: the next run reads it
    at.run()
    assert not at.exception and not at.error and at.metric


def run_with_params(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_link_with_a_city_shows_only_that_citys_figures(fresh_warehouse):
    at = run_with_params(city="weihai")
    table = figures_table(at)
    assert len(table) > 0
    assert set(table["地区"]) <= {"威海市", "威海火炬高新区"}
    assert at.selectbox(key="filter_city").value == "weihai"


def test_an_unknown_or_hostile_link_value_is_ignored_with_a_notice(fresh_warehouse):
    everything = len(figures_table(run()))
    at = run_with_params(city="atlantis", plan="x' OR 1=1 --")
    assert "city=atlantis" in at.sidebar.warning[0].value and "plan=x' OR 1=1 --" in at.sidebar.warning[0].value
    assert len(figures_table(at)) == everything
    assert at.query_params.get("city") is None


def test_filters_survive_a_page_switch_and_can_be_cleared(fresh_warehouse):
    at = run_with_params(category="talent", **{"from": "2022"})
    narrowed = len(figures_table(at))
    at.switch_page("pages/sources.py").run()
    assert at.query_params["category"] == "talent"
    at.switch_page("pages/overview.py").run()
    assert len(figures_table(at)) == narrowed
    at.button(key="filter_clear").click().run()
    assert not at.query_params.get("category")
    assert len(figures_table(at)) > narrowed


def test_it_should_rebuild_a_warehouse_deleted_under_it(fresh_warehouse):
    at = run()
    fresh_warehouse.unlink()
    at.run()
    assert not at.exception
    assert fresh_warehouse.exists()
    assert at.metric
