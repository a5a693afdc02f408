"""The sidebar filters, kept in the URL so that a copied link reopens the same view.

The URL wins when a link is opened or edited; the widgets win afterwards and write the URL back.
`st.navigation` clears the query string when the user switches pages, so the frame calls
`reconcile` on every run and the filters are re-applied from session state.
"""

from __future__ import annotations

import streamlit as st

from dashboard import i18n, queries
from dashboard.filters import KEYS, STATE, Filters, from_params
from dashboard.i18n import t

_WRITTEN = "filters_url"  # the query string this session last wrote: anything else came from a link
_REJECTED = "filters_rejected"  # values of an opened link that the warehouse does not know


def reconcile() -> Filters:
    """Settle the filters of this run between the URL and the session, drawing nothing; returns them.

    Called by the frame before anything is drawn, so the page's first queries can start while the
    sidebar and navigation draw; `render` then draws the widgets holding these values.
    """
    years = queries.year_range()
    url = {key: st.query_params.get(key) for key in (*KEYS, "from", "to", "lang")}
    url = {key: value for key, value in url.items() if value is not None}
    remembered: Filters = st.session_state.get(STATE, Filters())
    rejected: list[str] = []
    if url and url != st.session_state.get(_WRITTEN):
        # A link was opened or edited: the URL wins, but only with values the warehouse knows.
        chosen, rejected = from_params(url, queries.filter_options(), years)
        language = url.get("lang", i18n.DEFAULT)
        if language in i18n.LANGS:
            st.session_state[i18n.STATE] = language
        else:
            rejected.append(f"lang={language}")
        _set_widgets(chosen, years)
    elif STATE not in st.session_state:
        _set_widgets(remembered, years)
    st.session_state.setdefault(i18n.STATE, i18n.DEFAULT)
    st.session_state[_REJECTED] = rejected
    # The widgets' values as they stand before drawing are the values they will return.
    low, high = st.session_state["filter_years"]
    chosen = Filters(
        **{key: st.session_state.get(f"filter_{key}") for key in KEYS},
        year_from=low if low != years[0] else None,
        year_to=high if high != years[1] else None,
    )
    st.session_state[STATE] = chosen
    params = chosen.as_params()
    if i18n.lang() != i18n.DEFAULT:
        params["lang"] = i18n.lang()
    st.session_state[_WRITTEN] = params
    st.query_params.from_dict(params)
    return chosen


def render() -> None:
    """Draw the language switch and the filters (after `reconcile` in the same run)."""
    years = queries.year_range()
    options = queries.filter_options(i18n.lang())
    with st.sidebar:
        # Bilingual on purpose: whoever opens the app must find the switch in either language.
        st.radio("语言 Language", i18n.LANGS, format_func=i18n.LANG_NAMES.get, key=i18n.STATE, horizontal=True,
                 on_change=_relabel)
        if st.session_state.get(_REJECTED):
            st.warning(t("unknown_link_values", values=", ".join(st.session_state[_REJECTED])))
        st.subheader(t("filters"))
        for key in KEYS:
            names = options[key]
            st.selectbox(t(f"filter_{key}"), list(names), index=None, key=f"filter_{key}", format_func=names.get,
                         placeholder=t("all"))
        st.slider(t("filter_years"), min_value=years[0], max_value=years[1], key="filter_years")
        st.button(t("clear_filters"), on_click=_set_widgets, args=(Filters(), years), key="filter_clear",
                  width="stretch")


# Keyed choice widgets of every page (selectbox, multiselect, segmented control).
CHOICES = (*(f"filter_{key}" for key in KEYS), "overview_kind", "tracker_ledger_plan", "tracker_ledger_unit",
           "cities_measure", "cities_city", "clusters_cluster", "sources_document", "explorer_kind", "explorer_units",
           "explorer_qualifiers", "explorer_documents", "explorer_sort", "present_theme")


def _relabel() -> None:
    # A choice widget shows its choice by its label: once the labels change language the browser
    # would keep the old one, so the choices are set again and sent with the new labels.
    for key in CHOICES:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def _set_widgets(filters: Filters, years: tuple[int, int]) -> None:
    for key in KEYS:
        st.session_state[f"filter_{key}"] = getattr(filters, key)
    st.session_state["filter_years"] = (filters.year_from or years[0], filters.year_to or years[1])
    st.session_state[STATE] = filters
