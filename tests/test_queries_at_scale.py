"""Queries over a warehouse of several row groups: the rows a page shows are exactly the first ones in
display order, and counts match the figures, however the scan is cut short."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from benchmarks import synthetic
from dashboard import queries
from dashboard.filters import Filters
from etl import paths

FIGURES = 300_000  # more than two of DuckDB's row groups (122,880 rows each)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    return synthetic.generate(FIGURES, tmp_path_factory.mktemp("scale") / "scale.duckdb", seed=3).path


@pytest.fixture(autouse=True)
def app_on(warehouse, monkeypatch):
    monkeypatch.setenv(paths.DB_ENV, str(warehouse))
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def _ids(warehouse: Path, sql: str, params: list) -> list[str]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return [row[0] for row in con.execute(sql, params).fetchall()]


def _cities(warehouse: Path) -> list[str]:
    # The rarest and the most common city: the first rows of one are spread over every row group.
    return _ids(warehouse, "SELECT city_id FROM figure_list WHERE city_id IS NOT NULL GROUP BY 1 ORDER BY count(*), 1", [])


def test_a_table_should_show_the_newest_figures_of_the_filter_in_order(warehouse):
    for city in (_cities(warehouse)[0], _cities(warehouse)[-1]):
        for kind in (None, "target"):
            shown = queries.figures(kind, Filters(city=city, year_from=2015), "zh", limit=150)
            expected = _ids(warehouse, "SELECT id FROM figure_list WHERE city_id = ? AND year >= 2015 AND kind = coalesce(?, kind) "
                                       "ORDER BY rank LIMIT 150", [city, kind])
            assert shown["id"].tolist() == expected


def test_the_tracker_should_show_the_first_targets_in_plan_order(warehouse):
    city = _cities(warehouse)[0]
    shown = queries.progress(Filters(city=city), "en", limit=120)
    assert shown["id"].tolist() == _ids(warehouse, "SELECT id FROM target_list WHERE city_id = ? ORDER BY rank LIMIT 120", [city])


def test_explorer_pages_should_follow_one_another_in_display_order(warehouse):
    city = _cities(warehouse)[-1]
    pages = [queries.explorer_page(Filters(city=city), "zh", page=n, page_size=50)["id"].tolist() for n in (1, 2, 40)]
    everything = _ids(warehouse, "SELECT id FROM figure_list WHERE city_id = ? ORDER BY rank", [city])
    assert pages == [everything[0:50], everything[50:100], everything[1950:2000]]


@pytest.mark.parametrize("kind", [None, "actual"])
def test_explorer_counts_should_match_the_figures(warehouse, kind):
    category = _ids(warehouse, "SELECT category_id FROM figure_list GROUP BY 1 ORDER BY 1", [])[0]
    filters = Filters(category=category, year_to=2020)
    expected = _ids(warehouse, "SELECT count(*) FROM figure_list WHERE category_id = ? AND year <= 2020 AND kind = coalesce(?, kind)",
                    [category, kind])[0]
    assert queries.explorer_count(filters, kind) == expected
    # With one of the explorer's own filters the count comes from the figures themselves.
    units = tuple(_ids(warehouse, "SELECT unit_id FROM figure_list GROUP BY 1 ORDER BY count(*) DESC LIMIT 1", []))
    expected_in_unit = _ids(warehouse, "SELECT count(*) FROM figure_list WHERE category_id = ? AND year <= 2020 "
                                       "AND kind = coalesce(?, kind) AND unit_id = ?", [category, kind, units[0]])[0]
    assert queries.explorer_count(filters, kind, units=units) == expected_in_unit


def test_a_cluster_should_include_the_figures_of_its_sub_bases(warehouse):
    parent = _ids(warehouse, "SELECT cluster_parent_id FROM figure_list WHERE cluster_parent_id IS NOT NULL "
                             "GROUP BY 1 ORDER BY 1", [])[0]
    city = _cities(warehouse)[0]
    condition = "(cluster_id = ? OR cluster_parent_id = ?)"
    shown = queries.figures(None, Filters(cluster=parent), "zh", limit=150)
    assert shown["id"].tolist() == _ids(warehouse, f"SELECT id FROM figure_list WHERE {condition} ORDER BY rank LIMIT 150",
                                        [parent, parent])
    assert queries.explorer_count(Filters(cluster=parent, city=city)) == _ids(
        warehouse, f"SELECT count(*) FROM figure_list WHERE {condition} AND city_id = ?", [parent, parent, city])[0]
    # the sub-bases' own figures are among them, not only the parent's
    assert set(shown["cluster_id"]) - {parent}


def test_a_documents_figures_should_come_in_document_order(warehouse):
    city = _cities(warehouse)[-1]
    expected = _ids(warehouse, "SELECT id FROM figure_list WHERE document_id = ? AND city_id = ? "
                               "ORDER BY source_line, rank LIMIT 200", [synthetic.DOCUMENT_ID, city])
    assert len(expected) == 200
    assert queries.large_document(synthetic.DOCUMENT_ID), "all the synthetic figures are filed under one document"
    for large in (True, False):  # both ways of reading the rows give the same rows in the same order
        shown = queries.quotes_in_context(synthetic.DOCUMENT_ID, Filters(city=city), "zh", limit=200, large=large)
        assert shown["id"].tolist() == expected


def test_the_sources_page_counts_all_of_a_documents_figures_when_it_shows_the_first(warehouse):
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.run()
    at.switch_page("pages/sources.py").run()
    at.selectbox(key="sources_document").set_value(synthetic.DOCUMENT_ID).run()
    assert not at.exception, [e.value for e in at.exception]
    assert f"从该文件提取的数字（{FIGURES} 条）" in [heading.value for heading in at.subheader]
    table = next(frame.value for frame in at.dataframe if "原文上下文" in frame.value.columns)
    assert len(table) == queries.TABLE_LIMIT
    assert any(f"共 {FIGURES} 条，显示前 {queries.TABLE_LIMIT} 条" in caption.value for caption in at.caption)
