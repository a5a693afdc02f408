"""The naive baseline of the speed benchmark: the common way to build such a dashboard, for comparison.

The whole figures table, joined with its names, is loaded into pandas once (`st.cache_data`, so
every rerun gets its own copy of it, as that cache does), and every rerun filters and aggregates
it in pandas to produce the page's outputs. The page kind comes from the query parameter `page`
(a page's file stem, e.g. overview, plan_tracker, cities, clusters, sources, data_explorer,
present; see benchmarks.scenario.PAGE_KINDS):

    overview   counts as metrics, figures per category (chart), the newest figures (table)
    tracker    every target beside its latest comparable actual, status and 完成率; status per plan
    cities     figures, targets, actuals, clusters and plans per city
    clusters   figures per cluster and base (with sub-bases), latest actuals
    sources    every document with its number of figures
    explorer   every figure matching the filters
    present    headline actuals and their history

So that its outputs are shaped like the real page's, the harness passes the page's chart count
and table size (`BENCH_NAIVE_SHAPES`, a JSON file: stem → {"charts": n, "rows": r}); charts
beyond the kind's own are repeats of them, tables are cut to the page's size. The sidebar has the
app's filter widgets and session_state keys. Reads the DuckDB file named by $SDTEX_DB.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `streamlit run benchmarks/naive_app.py` puts only benchmarks/ on the path
    sys.path.insert(0, str(ROOT))

import duckdb
import pandas as pd
import plotly.express as px
import streamlit as st

from benchmarks.scenario import FILTER_KEYS, Page
from etl.paths import database_path

LABELS = {"plan": "规划 Plan", "city": "城市 City", "cluster": "集群 Cluster", "category": "指标类别 Category"}
TABLE_ROWS = 1000
FIGURE_COLUMNS = ["indicator_name", "region_name", "cluster_name", "subject_zh", "ref_date", "stated", "kind", "quote",
                  "document_name"]
ABOUT_TOLERANCE = 0.05


@st.cache_data(show_spinner="Loading…")
def load(path: str) -> dict[str, pd.DataFrame]:
    """Everything, once: the figures with every name joined in, and the small tables."""
    with duckdb.connect(path, read_only=True) as con:
        tables = {
            "figures": con.sql("""
                SELECT f.*, i.name_zh AS indicator_name, i.category_id, i.signed, cat.name_zh AS category_name,
                       cat.sort AS category_sort, s.name_zh AS sector_name, r.name_zh AS region_name, r.city_id,
                       c.name_zh AS cluster_name, c.parent_id AS cluster_parent, p.name_zh AS plan_name,
                       p.start_year AS plan_start, p.end_year AS plan_end, d.title_zh AS document_name
                FROM figures f JOIN indicators i ON i.id = f.indicator_id JOIN categories cat ON cat.id = i.category_id
                JOIN sectors s ON s.id = f.sector_id JOIN regions r ON r.id = f.region_id
                JOIN documents d ON d.id = f.document_id LEFT JOIN clusters c ON c.id = f.cluster_id
                LEFT JOIN plans p ON p.id = f.plan_id
            """).df(),
            "documents": con.sql("SELECT id, title_zh, publisher_zh, published, kind, url FROM documents").df(),
            "plans": con.sql("SELECT * FROM plans").df(),
            "regions": con.sql("SELECT * FROM regions").df(),
            "clusters": con.sql("SELECT * FROM clusters").df(),
            "cluster_regions": con.sql("SELECT * FROM cluster_regions").df(),
            "categories": con.sql("SELECT * FROM categories").df(),
        }
    tables["figures"]["ref_date"] = pd.to_datetime(tables["figures"]["ref_date"])
    return tables


def sidebar(t: dict[str, pd.DataFrame]) -> dict:
    names = {
        "plan": dict(t["plans"].sort_values(["start_year", "id"])[["id", "name_zh"]].itertuples(index=False)),
        "city": dict(t["regions"][t["regions"]["level"] == "city"].sort_values("code")[["id", "name_zh"]].itertuples(index=False)),
        "cluster": dict(t["clusters"].sort_values(["kind", "id"])[["id", "name_zh"]].itertuples(index=False)),
        "category": dict(t["categories"].sort_values("sort")[["id", "name_zh"]].itertuples(index=False)),
    }
    years = t["figures"]["ref_date"].dt.year
    low, high = int(years.min()), int(years.max())
    if "filter_years" not in st.session_state:
        st.session_state["filter_years"] = (low, high)
    with st.sidebar:
        st.subheader("筛选 Filters")
        for key in FILTER_KEYS:
            st.selectbox(LABELS[key], list(names[key]), index=None, key=f"filter_{key}", format_func=names[key].get,
                         placeholder="全部 All")
        st.slider("年份 Years", min_value=low, max_value=max(high, low + 1), key="filter_years")
    chosen = {key: st.session_state.get(f"filter_{key}") for key in FILTER_KEYS}
    chosen["years"] = st.session_state["filter_years"]
    return chosen


def filtered(f: pd.DataFrame, chosen: dict, plan: bool = True) -> pd.DataFrame:
    mask = pd.Series(True, index=f.index)
    if plan and chosen["plan"]:
        mask &= f["plan_id"] == chosen["plan"]
    if chosen["city"]:
        mask &= f["city_id"] == chosen["city"]
    if chosen["cluster"]:
        mask &= (f["cluster_id"] == chosen["cluster"]) | (f["cluster_parent"] == chosen["cluster"])
    if chosen["category"]:
        mask &= f["category_id"] == chosen["category"]
    year = f["ref_date"].dt.year
    mask &= (year >= chosen["years"][0]) & (year <= chosen["years"][1])
    return f[mask]


def newest(f: pd.DataFrame) -> pd.DataFrame:
    return f.sort_values(["ref_date", "document_id", "source_line"], ascending=[False, True, True])


def overview(t, chosen):
    f = filtered(t["figures"], chosen)
    metrics = [("来源文件 Documents", len(t["documents"])), ("规划 Plans", len(t["plans"])),
               ("目标 Targets", int((f["kind"] == "target").sum())), ("实际 Actuals", int((f["kind"] == "actual").sum())),
               ("集群与基地 Clusters & bases", len(t["clusters"]))]
    per_category = f.groupby(["category_name", "kind"], as_index=False).size()
    charts = [px.bar(per_category, x="category_name", y="size", color="kind", barmode="group")]
    return "总览 Overview", metrics, charts, newest(f)[FIGURE_COLUMNS]


def tracker(t, chosen):
    figures = t["figures"]
    targets = filtered(figures, chosen)
    targets = targets[targets["kind"] == "target"]
    actuals = filtered(figures, chosen, plan=False)
    actuals = actuals[actuals["kind"] == "actual"]
    keys = ["indicator_id", "sector_id", "region_id", "cluster_id"]
    # Only the columns the comparison needs take part in the many-to-many join.
    compared = ["id", "value", "qualifier", "ref_date", "stated"]
    pairs = targets[[*keys, "id", "plan_start", "ref_date"]].merge(
        actuals[[*keys, *compared]].rename(columns={c: f"{c}_actual" for c in compared}), on=keys, how="left")
    starts = pd.to_datetime(pairs["plan_start"].astype("Int64").astype(str) + "-01-01", errors="coerce")
    window = (pairs["ref_date_actual"] >= starts) & (pairs["ref_date_actual"] <= pairs["ref_date"] + pd.DateOffset(years=1))
    pairs = pairs[window | pairs["id_actual"].isna()]
    latest = pairs.sort_values(["ref_date_actual", "id_actual"]).groupby("id", as_index=False).tail(1)
    ledger = targets.merge(latest[["id", "id_actual", "value_actual", "qualifier_actual", "ref_date_actual", "stated_actual"]],
                           on="id", how="left")
    met = ledger["value_actual"] >= ledger["value"] * (1 - ABOUT_TOLERANCE * ledger["qualifier"].isin(["about", "nearly"]))
    met &= ~((ledger["qualifier"] == "more_than") & (ledger["value_actual"] == ledger["value"]))
    ledger["status"] = "not_reported"
    ledger.loc[ledger["value_actual"].notna() & met, "status"] = "met"
    ledger.loc[ledger["value_actual"].notna() & ~met & (ledger["ref_date_actual"] >= ledger["ref_date"]), "status"] = "missed"
    ledger.loc[ledger["value_actual"].notna() & ~met & (ledger["ref_date_actual"] < ledger["ref_date"]), "status"] = "in_progress"
    ledger["completion"] = ledger["value_actual"] / ledger["value"].where(ledger["value"] > 0)
    by_plan = ledger.groupby(["plan_name", "status"], as_index=False).size()
    by_indicator = ledger.groupby("indicator_name", as_index=False)[["value", "value_actual"]].sum().head(30)
    charts = [px.bar(by_plan, x="size", y="plan_name", color="status", orientation="h"),
              px.bar(by_indicator, x="indicator_name", y=["value", "value_actual"], barmode="group")]
    metrics = [(status, int(n)) for status, n in ledger["status"].value_counts().items()]
    columns = ["plan_name", "indicator_name", "region_name", "cluster_name", "stated", "stated_actual", "ref_date_actual",
               "status", "completion", "quote"]
    return "规划进度 Plan tracker", metrics, charts, ledger.sort_values(["plan_start", "plan_id", "source_line"])[columns]


def cities(t, chosen):
    f = filtered(t["figures"], chosen)
    regions = t["regions"]
    counted = (f.assign(target=f["kind"].eq("target"), actual=f["kind"].eq("actual")).groupby("city_id")
               .agg(figures=("id", "size"), targets=("target", "sum"), actuals=("actual", "sum")))
    located = t["cluster_regions"].merge(regions[["id", "city_id"]], left_on="region_id", right_on="id")
    hosted = located.groupby("city_id")["cluster_id"].nunique().rename("clusters")
    planned = t["plans"].merge(regions[["id", "city_id"]], left_on="region_id", right_on="id").groupby("city_id").size().rename("plans")
    table = regions[regions["level"] == "city"].set_index("id")[["code", "name_zh"]].join(counted).join(hosted).join(planned)
    table = table.fillna({c: 0 for c in ("figures", "targets", "actuals", "clusters", "plans")}).reset_index()
    latest = f[f["kind"] == "actual"].sort_values("ref_date").groupby(["city_id", "indicator_id"]).tail(1)
    by_city = latest.groupby("city_id", as_index=False)["value"].count()
    charts = [px.bar(table, x="name_zh", y=["targets", "actuals"], barmode="group"),
              px.bar(by_city, x="city_id", y="value")]
    return "城市 Cities", [], charts, table


def clusters(t, chosen):
    f = filtered(t["figures"], chosen)
    named = f[f["cluster_id"].notna()]
    per_cluster = named.groupby(["cluster_id", "cluster_name", "kind"], as_index=False).size()
    latest = named[named["kind"] == "actual"].sort_values("ref_date").groupby(["cluster_id", "indicator_id"]).tail(1)
    counts = per_cluster.pivot_table(index="cluster_id", columns="kind", values="size", fill_value=0)
    reported = latest.groupby("cluster_id").size().rename("indicators_reported")
    table = t["clusters"][["id", "name_zh", "kind", "parent_id"]].merge(counts, left_on="id", right_index=True, how="left")
    table = table.merge(reported, left_on="id", right_index=True, how="left")
    counted = [c for c in table.columns if c not in ("id", "name_zh", "kind", "parent_id")]
    table[counted] = table[counted].fillna(0)
    charts = [px.bar(per_cluster, x="cluster_name", y="size", color="kind"),
              px.scatter(latest, x="ref_date", y="value", color="cluster_name")]
    return "集群 Clusters", [], charts, table


def sources(t, chosen):
    f = filtered(t["figures"], chosen)
    counts = f.groupby("document_id").size().rename("figures")
    table = t["documents"].merge(counts, left_on="id", right_index=True, how="left").fillna({"figures": 0})
    per_kind = f.groupby(["document_name", "kind"], as_index=False).size()
    return "来源 Sources", [], [px.bar(per_kind, x="document_name", y="size", color="kind")], table


def explorer(t, chosen):
    f = newest(filtered(t["figures"], chosen))
    f = f[[*FIGURE_COLUMNS, *(c for c in f.columns if c not in FIGURE_COLUMNS)]]
    per_year = f.groupby([f["ref_date"].dt.year.rename("year"), "kind"], as_index=False).size()
    return "数据浏览 Data explorer", [("条 Rows", len(f))], [px.bar(per_year, x="year", y="size", color="kind")], f


def present(t, chosen):
    f = filtered(t["figures"], chosen)
    actuals = f[f["kind"] == "actual"].sort_values("ref_date")
    latest = actuals.groupby("indicator_id").tail(1).head(6)
    metrics = [(row.indicator_name, row.stated) for row in latest.itertuples()]
    history = actuals[actuals["indicator_id"].isin(latest["indicator_id"])]
    monthly = history.groupby([history["ref_date"].dt.year.rename("year"), "indicator_name"], as_index=False)["value"].sum()
    return "汇报 Present", metrics, [px.line(monthly, x="year", y="value", color="indicator_name")], latest


KINDS = {"overview": overview, "tracker": tracker, "cities": cities, "clusters": clusters, "sources": sources,
         "explorer": explorer, "present": present}


def shape_of(stem: str) -> dict:
    path = os.environ.get("BENCH_NAIVE_SHAPES")
    if not path:
        return {}
    return json.loads(Path(path).read_text(encoding="utf-8")).get(stem, {})


st.set_page_config(page_title="Naive · benchmark", layout="wide")
tables = load(str(database_path()))
chosen = sidebar(tables)
stem = st.query_params.get("page") or os.environ.get("BENCH_NAIVE_PAGE", "overview")
title, metrics, charts, table = KINDS[Page(f"pages/{stem}.py", stem, stem, True).kind](tables, chosen)
shape = shape_of(stem)
st.title(title)
if metrics:
    for column, (label, value) in zip(st.columns(len(metrics)), metrics, strict=True):
        column.metric(str(label), str(value))
wanted = shape.get("charts", len(charts))
for i in range(wanted if charts else 0):
    st.plotly_chart(charts[i % len(charts)], key=f"chart_{i}")
st.dataframe(table.head(shape.get("rows") or TABLE_ROWS).iloc[:, :shape.get("cols") or None], hide_index=True)
