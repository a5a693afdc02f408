"""Overview: the headline actuals with their sources, what the warehouse holds, and every figure."""

import streamlit as st

from dashboard import charts, filters, formatting, i18n, queries, tables
from dashboard.i18n import t

lang = i18n.lang()
chosen = filters.current()
st.title(t("app_title"))
st.caption(t("overview_caption"))

stamp = queries.build_stamp()
built = t("built", at=f"{stamp['built_at']:%Y-%m-%d %H:%M:%S}", digest=stamp["digest"])
counts = queries.table_counts()
categories = queries.by_category(chosen, lang)  # also gives the numbers of targets and actuals in view
selected = {kind: int(categories.loc[categories["kind"] == kind.removesuffix("s"), "figures"].sum())
            for kind in ("targets", "actuals")}
columns = st.columns(5)
for column, key, value in zip(columns, ["documents", "plans", "targets", "actuals", "clusters"],
                              [counts["documents"], counts["plans"], selected["targets"], selected["actuals"],
                               counts["clusters"]], strict=True):
    column.metric(t(f"metric_{key}"), value)

st.subheader(t("headline"))
headline = queries.headline(chosen, lang)
if headline.empty:
    st.info(t("headline_none"))
else:
    cards = st.columns(3 if lang == "zh" else 2)  # English values are longer
    values = formatting.amounts(headline, lang, signed="signed", stated="stated")
    for n, (row, value) in enumerate(zip(headline.itertuples(index=False), values, strict=True)):
        with cards[n % len(cards)].container(border=True):
            where = row.region_name + (f" · {row.cluster_name}" if row.cluster_name else "")
            st.metric(f"{row.indicator_name}（{row.sector_name}）" if lang == "zh" else f"{row.indicator_name} ({row.sector_name})",
                      value, help=row.quote)
            date = formatting.date_text(row.as_of or row.period_end, lang)
            st.caption(f"{where} · {t('as_of', date=date)}  \n{t('source_line', sources=row.document_name)}")
            st.text(f"“{row.quote}”")

if selected["targets"] + selected["actuals"] == 0:
    st.info(t("no_match"))
    st.stop()

with st.container(border=True):
    st.plotly_chart(charts.category_bars(categories, lang, t("by_category")), key="overview_categories")
    category_raw = categories[["category_name", "kind", "figures"]]
    category_display = category_raw.rename(columns={"category_name": t("col_category"), "figures": t("col_figures")})
    category_display[t("col_kind")] = category_display.pop("kind").map(lambda k: i18n.KIND[k][lang])
    tables.show(category_display, category_raw, stem="figures-by-category", key="overview_categories_table",
                source=t("source_line", sources=t("all_documents", n=counts["documents"])) + f" · {built}")

st.subheader(t("figures_table"))
kind = st.segmented_control(t("kind_filter"), ["actual", "target"], format_func=lambda k: i18n.KIND[k][lang],
                            key="overview_kind")
table = queries.figures(kind, chosen, lang)
if table.empty:
    st.info(t("no_match"))
    st.stop()
total = selected["targets"] if kind == "target" else selected["actuals"] if kind == "actual" else sum(selected.values())
display, raw = tables.figure_table(table)
tables.show(display, raw, stem=f"figures-{kind or 'all'}", key="overview_figures", source=tables.sources_of(table),
            column_config=tables.quote_config(t("col_quote")))
shown = t("rows_shown", total=total) if len(table) == total else t("rows_limited", total=total, shown=len(table))
st.caption(f"{shown} · {built}")
