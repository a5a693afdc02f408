"""Clusters: every featured cluster, industrial base and hub with its cities, and its figures."""

import streamlit as st

from dashboard import charts, filters, i18n, queries, tables, views
from dashboard.i18n import t

lang = i18n.lang()
chosen = filters.current()
st.title(t("page_clusters"))
st.caption(t("clusters_caption"))

listed = queries.clusters(chosen, lang)
if listed.empty:
    st.info(t("no_match"))
    st.stop()

with st.container(border=True):
    per_city, per_city_display, per_city_raw = views.clusters_per_city(lang)
    st.plotly_chart(per_city, key="clusters_cities")
    tables.show(per_city_display, per_city_raw, stem="clusters-per-city", key="clusters_cities_table",
                source=tables.sources_of(listed))

st.subheader(t("cluster_list"))
tables.show(tables.cluster_table(listed), listed, stem="clusters", key="clusters_table", source=tables.sources_of(listed))

names = dict(zip(listed["id"], listed["cluster_name"], strict=True))
with_figures = listed[listed["figures"] > 0]["id"].tolist()
default = chosen.cluster if chosen.cluster in names else (with_figures[0] if with_figures else None)
cluster = st.selectbox(t("choose_cluster"), list(names), index=list(names).index(default) if default else None,
                       format_func=names.get, key="clusters_cluster", placeholder=t("all"))
if not cluster:
    st.stop()
row = listed.set_index("id").loc[cluster]
st.header(names[cluster])
st.caption(f"{i18n.word(i18n.CLUSTER_KIND, row['kind'])} · {row['regions']}"
           + (f" · {t('part_of', name=row['parent_name'])}" if row["parent_name"] else ""))

figures = queries.figures(None, filters.Filters(**{**chosen.__dict__, "cluster": cluster}), lang)
if figures.empty:
    st.info(t("cluster_no_figures"))
    st.stop()
unit_names = queries.vocabulary(lang)["unit"]
with st.container(border=True):
    # One chart per unit: values in different units never share an axis.
    for unit, part in figures.groupby("unit_id", sort=False):
        st.plotly_chart(charts.figure_bars(part, lang, f"{names[cluster]} · {unit_names.get(unit, unit)}"),
                        key=f"clusters_figures_{unit}")
    display, raw = tables.figure_table(figures)
    tables.show(display, raw, stem=f"figures-{cluster}", key="clusters_figures", source=tables.sources_of(figures),
                column_config=tables.quote_config(t("col_quote")))
