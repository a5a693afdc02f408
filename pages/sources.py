"""Sources: every document with its metadata; a document's figures, each quote in its own sentence;
and the numbers of the document that were deliberately not loaded, with the reason."""

import pandas as pd
import streamlit as st

from dashboard import filters, i18n, queries, tables, views
from dashboard.i18n import t

lang = i18n.lang()
chosen = filters.current()
st.title(t("page_sources"))
st.caption(t("sources_caption"))

docs = queries.documents(lang)
docs_display, docs_raw = views.documents(lang)
tables.show(docs_display, docs_raw, stem="documents", key="sources_documents",
            source=t("source_line", sources=t("raw_files")),
            column_config={t("col_url"): st.column_config.LinkColumn(t("col_url")),
                           t("col_title"): st.column_config.TextColumn(t("col_title"), width="large")})

names = dict(zip(docs["id"], docs["title"], strict=True))
document = st.selectbox(t("choose_document"), list(names), format_func=names.get, key="sources_document")
meta = docs.set_index("id").loc[document]
with st.container(border=True):
    st.subheader(meta["title"])
    st.caption(" · ".join(str(part) for part in (
        meta["publisher"], meta["published"], i18n.word(i18n.DOCUMENT_KIND, meta["kind"]), meta["license"])
        if pd.notna(part) and part))
    if pd.notna(meta["url"]) and meta["url"]:
        st.link_button(t("open_original"), meta["url"], icon=":material/open_in_new:")
    if pd.notna(meta["note"]) and meta["note"]:
        st.text(meta["note"])
    st.caption(t("file_digest", file=meta["file"], sha=meta["sha256"][:16]))

quotes = queries.quotes_in_context(document, chosen, lang, large=queries.large_document(document))
# A full table may be cut at its limit: then the heading counts them all.
total = len(quotes) if len(quotes) < queries.TABLE_LIMIT else queries.document_figure_count(document, chosen)
st.subheader(t("document_figures", n=total))
if quotes.empty:
    st.info(t("no_match"))
else:
    display, raw = tables.figure_table(quotes)
    display.insert(len(display.columns) - 1, t("col_context"), tables.in_context(quotes))
    display = display.drop(columns=[t("col_quote"), t("col_document")])
    tables.show(display, raw, stem=f"figures-{document}", key="sources_figures", source=t("source_line", sources=meta["title"]),
                column_config=tables.quote_config(t("col_context")))
    if total > len(quotes):
        st.caption(t("rows_limited", total=total, shown=len(quotes)))

ex_display, excluded = views.exclusions(document, lang)
with st.expander(t("exclusions", n=len(excluded))):
    tables.show(ex_display, excluded, stem=f"exclusions-{document}", key="sources_exclusions",
                source=t("source_line", sources=meta["title"]), column_config=tables.quote_config(t("col_quote")))
