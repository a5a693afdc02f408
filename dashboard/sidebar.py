"""The sidebar filters, kept in the URL so that a copied link reopens the same view.

The URL wins when a link is opened or edited; the widgets win afterwards and write the URL back.
`st.navigation` clears the query string when the user switches pages, so the frame calls `render`
on every run and the filters are re-applied from session state.
"""

from __future__ import annotations

import streamlit as st

from dashboard import queries
from dashboard.filters import KEYS, STATE, Filters, from_params

_WRITTEN = "filters_url"  # the query string this session last wrote: anything else came from a link

LABELS = {"plan": "规划 Plan", "city": "城市 City", "cluster": "集群 Cluster", "category": "指标类别 Category"}


def render() -> Filters:
    """Render the filters in the sidebar, reconciled with the URL; returns the filters in force."""
    options = queries.filter_options()
    years = queries.year_range()
    url = {key: st.query_params.get(key) for key in (*KEYS, "from", "to")}
    url = {key: value for key, value in url.items() if value is not None}
    remembered: Filters = st.session_state.get(STATE, Filters())
    if url and url != st.session_state.get(_WRITTEN):
        # A link was opened or edited: the URL wins, but only with values the warehouse knows.
        chosen, rejected = from_params(url, options, years)
        if rejected:
            st.sidebar.warning("链接中有无法识别的筛选条件，已忽略 · Unknown filter values in the link were ignored: "
                               + ", ".join(rejected))
        _set_widgets(chosen, years)
    elif STATE not in st.session_state:
        _set_widgets(remembered, years)

    with st.sidebar:
        st.subheader("筛选 Filters")
        for key, label in LABELS.items():
            names = options[key]
            st.selectbox(label, list(names), index=None, key=f"filter_{key}", format_func=names.get,
                         placeholder="全部 All")
        st.slider("年份 Years", min_value=years[0], max_value=years[1], key="filter_years")
        st.button("清除筛选 Clear filters", on_click=_set_widgets, args=(Filters(), years), key="filter_clear",
                  width="stretch")

    low, high = st.session_state["filter_years"]
    chosen = Filters(
        **{key: st.session_state.get(f"filter_{key}") for key in KEYS},
        year_from=low if low != years[0] else None,
        year_to=high if high != years[1] else None,
    )
    st.session_state[STATE] = chosen
    st.session_state[_WRITTEN] = chosen.as_params()
    st.query_params.from_dict(chosen.as_params())
    return chosen


def _set_widgets(filters: Filters, years: tuple[int, int]) -> None:
    for key in KEYS:
        st.session_state[f"filter_{key}"] = getattr(filters, key)
    st.session_state["filter_years"] = (filters.year_from or years[0], filters.year_to or years[1])
    st.session_state[STATE] = filters
