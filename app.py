"""Shandong Textile & Garment Indicator Dashboard — the frame: page config, navigation, data status."""

import streamlit as st

from dashboard import prefetch, sidebar
from dashboard.db import UnusableDatabase, pin, prepared
from dashboard.i18n import lang, t
from etl.problems import InvalidData

st.set_page_config(page_title="山东纺织服装指标看板 Shandong Textile & Garment Indicators", page_icon=":material/checkroom:",
                   layout="wide")

try:
    state = prepared()
except InvalidData as exc:
    st.title(t("app_title"))
    st.error(t("data_invalid"))
    st.code(str(exc), language=None)
    st.stop()
except UnusableDatabase as exc:
    st.title(t("app_title"))
    st.error(t("database_unusable"))
    st.code(str(exc), language=None)
    st.stop()

if not state.current:
    st.warning(t("data_stale"))
    with st.expander(t("problems")):
        st.code(state.problems or "", language=None)

pin()  # every query of this run reads the same warehouse file, even if a rebuild swaps it meanwhile
chosen = sidebar.reconcile()
page = st.navigation([
    st.Page("pages/overview.py", title=t("page_overview"), icon=":material/dashboard:", default=True),
    st.Page("pages/tracker.py", title=t("page_tracker"), icon=":material/flag:", url_path="tracker"),
    st.Page("pages/cities.py", title=t("page_cities"), icon=":material/map:", url_path="cities"),
    st.Page("pages/clusters.py", title=t("page_clusters"), icon=":material/hub:", url_path="clusters"),
    st.Page("pages/sources.py", title=t("page_sources"), icon=":material/description:", url_path="sources"),
    st.Page("pages/explorer.py", title=t("page_explorer"), icon=":material/table_view:", url_path="explorer"),
    st.Page("pages/present.py", title=t("page_present"), icon=":material/slideshow:", url_path="present"),
])
prefetch.start(page.url_path, chosen, lang())  # the page's first queries run while the sidebar draws
sidebar.render()
page.run()
