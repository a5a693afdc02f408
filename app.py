"""Shandong Textile & Garment Indicator Dashboard — the frame: page config, navigation, data status."""

import streamlit as st

from dashboard import sidebar
from dashboard.db import pin, prepared
from etl.problems import InvalidData

st.set_page_config(page_title="山东纺织服装指标看板 Shandong Textile & Garment Indicators", page_icon=":material/checkroom:", layout="wide")

try:
    state = prepared()
except InvalidData as exc:
    st.title("山东纺织服装指标看板")
    st.error("数据未通过校验，看板无法启动。The curated data did not pass validation, so there is no database to show.")
    st.code(str(exc), language=None)
    st.stop()

if not state.current:
    st.warning("data/ 中的数据未通过校验，正在显示上一次通过校验的数据。"
               "The data in data/ did not pass validation; showing the last valid build.")
    with st.expander("问题清单 Problems"):
        st.code(state.problems or "", language=None)

pin()  # every query of this run reads the same warehouse file, even if a rebuild swaps it meanwhile
sidebar.render()
page = st.navigation([
    st.Page("pages/overview.py", title="总览 Overview", icon=":material/dashboard:", default=True),
    st.Page("pages/sources.py", title="来源 Sources", icon=":material/description:"),
])
page.run()
