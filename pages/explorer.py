"""Data explorer: every figure in one table, searchable and filterable by column, a page at a time."""

import streamlit as st

from dashboard import filters, i18n, queries, tables
from dashboard.i18n import t

lang = i18n.lang()
chosen = filters.current()
st.title(t("page_explorer"))
st.caption(t("explorer_caption"))

vocabulary = queries.vocabulary(lang)
with st.container(border=True):
    search = st.text_input(t("search"), key="explorer_search", placeholder=t("search_hint"), max_chars=100)
    first, second, third, fourth = st.columns(4)
    kind = first.segmented_control(t("col_kind"), ["target", "actual"], format_func=lambda k: i18n.KIND[k][lang],
                                   key="explorer_kind")
    units = second.multiselect(t("col_unit"), list(vocabulary["unit"]), format_func=vocabulary["unit"].get,
                               key="explorer_units", placeholder=t("all"))
    qualifiers = third.multiselect(t("col_qualifier"), list(vocabulary["qualifier"]),
                                   format_func=vocabulary["qualifier"].get, key="explorer_qualifiers", placeholder=t("all"))
    documents = fourth.multiselect(t("col_document"), list(vocabulary["document"]), format_func=vocabulary["document"].get,
                                   key="explorer_documents", placeholder=t("all"))

selection = {"kind": kind, "search": search, "units": tuple(units), "qualifiers": tuple(qualifiers),
             "documents_": tuple(documents)}
total = queries.explorer_count(chosen, **selection)
if total == 0:
    st.info(t("no_match"))
    st.stop()

SORTS = ["date", "indicator", "value", "id"]
left, middle, right = st.columns([2, 1, 1])
sort = left.segmented_control(t("sort"), SORTS, format_func=lambda s: t(f"sort_{s}"), default="date",
                              key="explorer_sort") or "date"
size = middle.selectbox(t("page_size"), [50, 100, 500], index=1, key="explorer_size")
pages = (total + size - 1) // size
page = right.number_input(t("page_number", pages=pages), min_value=1, max_value=pages, value=1, step=1,
                          key="explorer_page")
rows = queries.explorer_page(chosen, lang, sort=sort, page=min(page, pages), page_size=size, **selection)
display, raw = tables.figure_table(rows)
first_row = (min(page, pages) - 1) * size + 1
st.caption(t("explorer_rows", first=first_row, last=first_row + len(rows) - 1, total=total))
tables.show(display, raw, stem="figures-explorer", key="explorer_table", source=tables.sources_of(rows),
            column_config=tables.quote_config(t("col_quote")))
