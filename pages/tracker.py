"""Plan tracker: every target beside its comparable actual, with status, 完成率, 序时进度 and light;
the plans' periods on one timeline; and each plan's task ledger with its responsible units."""

import datetime

import streamlit as st

from dashboard import charts, filters, i18n, queries, tables, views
from dashboard.i18n import t

lang = i18n.lang()
chosen = filters.current()
st.title(t("page_tracker"))
st.caption(t("tracker_caption"))
with st.expander(t("tracker_rules_title"), icon=":material/help:"):
    st.markdown(t("tracker_rules"))

counts = queries.status_counts(chosen, lang)
if counts.empty:
    st.info(t("no_match"))
    st.stop()

totals = counts.groupby("status")["targets"].sum()
columns = st.columns(4)
for column, status in zip(columns, ["met", "in_progress", "missed", "not_reported"], strict=True):
    column.metric(i18n.word(i18n.STATUS, status), int(totals.get(status, 0)))

with st.container(border=True):
    st.plotly_chart(charts.status_bars(counts, lang, t("status_chart")), key="tracker_status")
    status_display = counts[["plan_name", "status", "targets"]].assign(
        status=lambda f: f["status"].map(lambda s: i18n.word(i18n.STATUS, s)))
    status_display.columns = [t("col_plan"), t("col_status"), t("col_count")]
    tables.show(status_display, counts, stem="targets-by-status", key="tracker_status_table",
                source=tables.sources_of(counts, "plan_name"))

rows = queries.progress(chosen, lang)
with st.container(border=True):
    st.subheader(t("target_vs_actual"))
    if rows["completion"].notna().any():
        st.plotly_chart(charts.completion_chart(rows, lang, t("completion_chart")), key="tracker_completion")
    else:
        st.info(t("no_comparable_actual", n=len(rows)))
    display, raw = tables.progress_table(rows)
    tables.show(display, raw, stem="plan-tracker", key="tracker_table",
                source=tables.sources_of(rows, "target_document", "actual_document"),
                column_config=tables.quote_config(t("col_target_quote"), t("col_actual_quote")))
    total = int(counts["targets"].sum())
    if total > len(rows):
        st.caption(t("rows_limited", total=total, shown=len(rows)))

with st.container(border=True):
    timeline, timeline_display, plans = views.plan_periods(lang, datetime.date.today())
    st.plotly_chart(timeline, key="tracker_timeline")
    tables.show(timeline_display, plans, stem="plan-periods", key="tracker_timeline_table",
                source=t("source_line", sources=t("plan_documents")))

st.subheader(t("ledger"))
plan_names = dict(zip(plans["id"], plans["plan_name"], strict=True))
ledger_plans = [chosen.plan] if chosen.plan else list(plan_names)
plan_id = st.selectbox(t("col_plan"), ledger_plans, format_func=plan_names.get, key="tracker_ledger_plan")
ledger_display, ledger, unit_names = views.task_ledger(plan_id, None, lang)
if ledger.empty:
    st.info(t("ledger_empty"))
    st.stop()
unit = st.selectbox(t("col_responsible"), list(unit_names), index=None, format_func=unit_names.get,
                    placeholder=t("all"), key="tracker_ledger_unit", disabled=not unit_names,
                    help=None if unit_names else t("ledger_no_units"))
if unit:
    ledger_display, ledger, _ = views.task_ledger(plan_id, unit, lang)
tables.show(ledger_display, ledger, stem=f"task-ledger-{plan_id}", key="tracker_ledger_table",
            source=t("source_line", sources=plan_names[plan_id]))
