"""Parts of pages that do not depend on the sidebar filters, made once per warehouse build and language.

A filter change reruns the whole page; these parts would come out the same, so their chart and
tables are kept with the build they came from (like query results, `db.cached_query`). Charts are
kept as plotly Figures, which st.plotly_chart sends without validating them again, and tables with
the grid made from them (`tables.Shown`). Everything returned is shared: show it, never change it.
"""

from __future__ import annotations

import datetime

import pandas as pd
import plotly.graph_objects as go

from dashboard import charts, queries, tables
from dashboard.db import cached_query
from dashboard.filters import Filters
from dashboard.i18n import t


@cached_query
def plan_periods(lang: str, today: datetime.date) -> tuple[go.Figure, tables.Shown, pd.DataFrame]:
    """The plans' periods: (timeline chart, table as shown, raw table); `today` is marked on the chart."""
    plans = queries.plans(lang)
    figure = go.Figure(charts.timeline(plans, lang, t("timeline_chart"), today=pd.Timestamp(today)))
    display = plans[["plan_name", "issuer", "start_year", "end_year", "targets"]].copy()
    display.columns = [t("col_plan"), t("col_publisher"), t("col_start"), t("col_end"), t("col_target")]
    return figure, tables.shown(display), plans


@cached_query
def task_ledger(plan_id: str, unit: str | None, lang: str) -> tuple[tables.Shown, pd.DataFrame, dict[str, str]]:
    """A plan's task ledger, of one responsible unit or all: (table as shown, raw table, the plan's units id → name)."""
    ledger = queries.task_ledger(plan_id, lang)
    units = dict(sorted({(i, n) for ids, names in zip(ledger["unit_ids"], ledger["units"], strict=True)
                         for i, n in zip(ids, names, strict=True)}, key=lambda pair: pair[1]))
    if unit:
        ledger = ledger[ledger["unit_ids"].map(lambda ids: unit in list(ids))]
    return tables.shown(tables.ledger_table(ledger)), ledger.drop(columns=["unit_ids"]), units


@cached_query
def clusters_per_city(lang: str) -> tuple[go.Figure, tables.Shown, pd.DataFrame]:
    """Clusters and bases per city, whatever the filters: (chart, table as shown, raw table)."""
    cities = queries.city_measures(Filters(), lang)
    figure = go.Figure(charts.city_bars(cities, lang, t("cluster_city_chart")))
    display = cities[["city_name", "clusters", "bases"]].rename(columns={
        "city_name": t("filter_city"), "clusters": t("measure_clusters"), "bases": t("measure_bases")})
    return figure, tables.shown(display), cities[["city_id", "city_name", "clusters", "bases"]]


@cached_query
def documents(lang: str) -> tuple[tables.Shown, pd.DataFrame]:
    """Every document: (table as shown, raw table)."""
    docs = queries.documents(lang)
    return tables.shown(tables.document_table(docs)), docs.drop(columns=["title"])


@cached_query
def exclusions(document_id: str, lang: str) -> tuple[tables.Shown, pd.DataFrame]:
    """The numbers of a document deliberately not loaded, with the reason: (table as shown, raw table)."""
    excluded = queries.exclusions(document_id, lang)
    display = excluded.rename(columns={"stated": t("col_stated"), "quote": t("col_quote"), "reason": t("col_reason")})
    return tables.shown(display), excluded
