"""Cities: Shandong's 16 cities on a map coloured by a chosen measure; one city's figures, clusters,
bases and plans."""

import streamlit as st

from dashboard import charts, filters, i18n, queries, tables
from dashboard.i18n import t

lang = i18n.lang()
chosen = filters.current()
st.title(t("page_cities"))
st.caption(t("cities_caption"))

MEASURES = ["figures", "targets", "actuals", "clusters", "bases", "plans"]
measure = st.segmented_control(t("measure"), MEASURES, format_func=lambda m: t(f"measure_{m}"), default="figures",
                               key="cities_measure") or "figures"
cities = queries.city_measures(chosen, lang)
names = dict(zip(cities["city_id"], cities["city_name"], strict=True))
city = chosen.city or st.session_state.get("cities_city")

with st.container(border=True):
    event = st.plotly_chart(charts.city_map(cities, measure, t(f"measure_{measure}"), lang,
                                            t("map_chart", measure=t(f"measure_{measure}")), selected=city),
                            key="cities_map", on_select="rerun", selection_mode="points")
    picked = [p.get("customdata", [None])[0] for p in (event.selection.points if event else [])]
    if picked and picked[0] in names and not chosen.city:
        st.session_state["cities_city"] = city = picked[0]
    map_display = cities[["city_name", "code", *MEASURES]].rename(
        columns={"city_name": t("filter_city"), "code": t("col_code"), **{m: t(f"measure_{m}") for m in MEASURES}})
    tables.show(map_display, cities, stem=f"cities-{measure}", key="cities_table",
                source=t("source_line", sources=t("all_documents", n=queries.table_counts()["documents"]))
                + " · " + t("map_credit"))

if chosen.city:
    st.caption(t("city_from_filter"))
else:
    city = st.selectbox(t("choose_city"), list(names), index=list(names).index(city) if city in names else None,
                        format_func=names.get, placeholder=t("choose_city_hint"), key="cities_city")
if not city:
    st.info(t("choose_city_hint"))
    st.stop()

st.header(names[city])
row = cities.set_index("city_id").loc[city]
columns = st.columns(5)
for column, m in zip(columns, ["targets", "actuals", "clusters", "bases", "plans"], strict=True):
    column.metric(t(f"measure_{m}"), int(row[m]))

hosted = queries.clusters(filters.Filters(city=city), lang)
if not hosted.empty:
    st.subheader(t("city_clusters"))
    cluster_display = tables.cluster_table(hosted)
    tables.show(cluster_display, hosted, stem=f"clusters-{city}", key="cities_clusters",
                source=tables.sources_of(hosted))

plans = queries.plans(lang)
local_plans = plans[plans["region_id"] == city]
if not local_plans.empty:
    st.subheader(t("city_plans"))
    for plan in local_plans.itertuples(index=False):
        st.text(f"• {plan.plan_name} ({plan.start_year}–{plan.end_year}) · {plan.targets} {t('measure_targets')}")

figures = queries.figures(None, filters.Filters(**{**chosen.__dict__, "city": city}), lang)
st.subheader(t("city_figures"))
if figures.empty:
    st.info(t("city_no_figures"))
    st.stop()
display, raw = tables.figure_table(figures)
tables.show(display, raw, stem=f"figures-{city}", key="cities_figures", source=tables.sources_of(figures),
            column_config=tables.quote_config(t("col_quote")))
