"""Sources: every document with its metadata and the number of figures taken from it."""

import streamlit as st

from dashboard import queries

st.title("来源 Sources")
st.caption("每份来源文件及其提取的数字。Every source document and how many figures were taken from it.")

docs = queries.documents()
st.dataframe(
    docs,
    hide_index=True,
    column_config={
        "id": "编号 ID", "title_zh": "标题", "title_en": "Title", "publisher_zh": "发布者 Publisher",
        "published": "日期 Published", "kind": "类型 Kind", "url": st.column_config.LinkColumn("链接 URL"),
        "figures": "数字 Figures",
    },
)
