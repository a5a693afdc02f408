"""Overview: what the warehouse holds, and every figure with its document and exact quote."""

import streamlit as st

from dashboard import filters, queries

st.title("山东纺织服装指标看板")
st.caption("Shandong Textile & Garment Indicator Dashboard — 规划目标与实际完成情况，每个数字均附原文出处。")

counts = queries.table_counts()
columns = st.columns(5)
for column, (key, label) in zip(columns, [("documents", "来源文件 Documents"), ("plans", "规划 Plans"),
                                          ("targets", "目标 Targets"), ("actuals", "实际 Actuals"),
                                          ("clusters", "集群与基地 Clusters & bases")], strict=True):
    column.metric(label, counts[key])

kind = st.segmented_control("类型 Kind", ["actual", "target"], format_func={"actual": "实际 Actuals", "target": "目标 Targets"}.get,
                            key="overview_kind")
table = queries.figures(kind, filters.current())
if table.empty:
    st.info("没有符合条件的数据。No figures match.")
    st.stop()

st.dataframe(
    table[["indicator_zh", "region_zh", "cluster_zh", "subject_zh", "period", "stated", "kind", "quote", "document_zh"]],
    hide_index=True,
    column_config={
        "indicator_zh": "指标 Indicator", "region_zh": "地区 Region", "cluster_zh": "集群 Cluster",
        "subject_zh": "主体 Subject", "period": "时间 Period", "stated": "原文数值 As stated", "kind": "类型 Kind",
        "quote": st.column_config.TextColumn("原文 Quote", width="large"), "document_zh": "来源 Document",
    },
)
stamp = queries.build_stamp()
st.caption(f"共 {len(table)} 条。来源：见“来源 Sources”页。Every row's quote is verified against its document when the data is built. "
           f"数据构建 Data built {stamp['built_at']:%Y-%m-%d %H:%M:%S} UTC · {stamp['digest']}")
