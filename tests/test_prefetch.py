"""Queries started ahead of the page: the same results as a direct call, computed once, and taken
by the page they were started for."""

from __future__ import annotations

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from benchmarks.scenario import discover_pages
from dashboard import db, prefetch, queries
from etl import paths

CACHED = [getattr(queries, name) for name in dir(queries) if hasattr(getattr(queries, name), "prefetch")]


def test_a_prefetched_query_should_give_the_result_of_a_direct_call_computed_once():
    calls = []

    @db.cached_query
    def actuals_since(year: int):
        calls.append(year)
        return db.query("SELECT count(*) AS n FROM figures WHERE kind = 'actual' AND year(ref_date) >= $year",
                        {"year": year})

    actuals_since.prefetch(2020)
    actuals_since.prefetch(2020)  # started once
    assert actuals_since.unclaimed() == 1
    frame = actuals_since(2020)
    assert actuals_since.unclaimed() == 0
    with duckdb.connect(str(db.prepared().path), read_only=True) as con:
        expected = con.execute("SELECT count(*) FROM figures WHERE kind = 'actual' AND year(ref_date) >= 2020").fetchone()[0]
    assert int(frame.at[0, "n"]) == expected > 0
    assert actuals_since(2020) is frame
    assert calls == [2020]


def test_a_failing_prefetched_query_should_fail_where_it_is_read_and_not_be_kept():
    @db.cached_query
    def broken():
        return db.query("SELECT no_such_column FROM figures")

    broken.prefetch()
    with pytest.raises(duckdb.BinderException):
        broken()
    with pytest.raises(duckdb.BinderException):  # tried again, not a cached failure
        broken()


@pytest.mark.parametrize("page", [p for p in discover_pages() if p.url_path in prefetch.PAGES], ids=lambda p: p.stem)
def test_each_page_should_take_every_query_the_frame_started_for_it(page):
    """The frame's list must call each query as its page does; otherwise the head start is lost."""
    at = AppTest.from_file(str(paths.ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page(page.path)
    at.run()
    for function in CACHED:
        function.cache_clear()
    for city in ("weihai", None):  # both have targets and actuals, so no page stops before its last query
        at.session_state["filter_city"] = city
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        assert {f.__name__: f.unclaimed() for f in CACHED if f.unclaimed()} == {}
