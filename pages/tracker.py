"""Plan tracker: every target beside its comparable actual, with status, 完成率, 序时进度 and light;
the plans' periods on one timeline; and each plan's task ledger with its responsible units."""

import streamlit as st

from dashboard import charts, filters, i18n, queries, tables
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
    plans = queries.plans(lang)
    st.plotly_chart(charts.timeline(plans, lang, t("timeline_chart")), key="tracker_timeline")
    timeline_display = plans[["plan_name", "issuer", "start_year", "end_year", "targets"]].copy()
    timeline_display.columns = [t("col_plan"), t("col_publisher"), t("col_start"), t("col_end"), t("col_target")]
    tables.show(timeline_display, plans, stem="plan-periods", key="tracker_timeline_table",
                source=t("source_line", sources=t("plan_documents")))

st.subheader(t("ledger"))
plan_names = dict(zip(plans["id"], plans["plan_name"], strict=True))
ledger_plans = [chosen.plan] if chosen.plan else list(plan_names)
plan_id = st.selectbox(t("col_plan"), ledger_plans, format_func=plan_names.get, key="tracker_ledger_plan")
ledger = queries.task_ledger(plan_id, lang)
if ledger.empty:
    st.info(t("ledger_empty"))
    st.stop()
unit_names = dict(sorted({(i, n) for ids, names in zip(ledger["unit_ids"], ledger["units"], strict=True)
                          for i, n in zip(ids, names, strict=True)}, key=lambda pair: pair[1]))
unit = st.selectbox(t("col_responsible"), list(unit_names), index=None, format_func=unit_names.get,
                    placeholder=t("all"), key="tracker_ledger_unit", disabled=not unit_names,
                    help=None if unit_names else t("ledger_no_units"))
if unit:
    ledger = ledger[ledger["unit_ids"].map(lambda ids: unit in list(ids))]
ledger_display = tables.ledger_table(ledger)
tables.show(ledger_display, ledger.drop(columns=["unit_ids"]), stem=f"task-ledger-{plan_id}", key="tracker_ledger_table",
            source=t("source_line", sources=plan_names[plan_id]))
