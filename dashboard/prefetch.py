"""The queries each page reads first, started by the frame before anything is drawn.

A filter change reruns the frame (sidebar, navigation) and then the page. The frame knows the
filters and the page before it draws, so it starts the page's main queries on worker threads
(`db.cached_query`'s prefetch): DuckDB answers while Streamlit draws, and the page takes the
results where it reads them. Each entry must call its queries exactly as its page does (same
arguments, same positional or keyword form); a mismatch costs only the head start, never a
wrong result. Widget values come from session state, where they stand before the page draws.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from dashboard import queries
from dashboard.filters import Filters


def _overview(chosen: Filters, lang: str) -> None:
    queries.by_category.prefetch(chosen, lang)
    queries.headline.prefetch(chosen, lang)
    queries.figures.prefetch(st.session_state.get("overview_kind"), chosen, lang)


def _tracker(chosen: Filters, lang: str) -> None:
    queries.status_counts.prefetch(chosen, lang)
    queries.progress.prefetch(chosen, lang)


def _cities(chosen: Filters, lang: str) -> None:
    queries.city_measures.prefetch(chosen, lang)


def _clusters(chosen: Filters, lang: str) -> None:
    queries.clusters.prefetch(chosen, lang)
    if st.session_state.get("clusters_cluster"):  # the cluster chosen before: its figures are read at the page's end
        queries.figures.prefetch(None, Filters(**{**chosen.__dict__, "cluster": st.session_state["clusters_cluster"]}), lang)


def _sources(chosen: Filters, lang: str) -> None:
    if "sources_document" in st.session_state:  # the document chosen before (the page picks the first one itself)
        document = st.session_state["sources_document"]
        queries.quotes_in_context.prefetch(document, chosen, lang, large=queries.large_document(document))


def _explorer_choices() -> dict:
    """The explorer's own choices as its widgets hold them (their defaults before the first run)."""
    state = st.session_state
    return {"kind": state.get("explorer_kind"), "search": state.get("explorer_search", ""),
            "units": tuple(state.get("explorer_units", ())), "qualifiers": tuple(state.get("explorer_qualifiers", ())),
            "documents_": tuple(state.get("explorer_documents", ()))}


def _explorer(chosen: Filters, lang: str) -> None:
    state = st.session_state
    queries.explorer_count.prefetch(chosen, **_explorer_choices())
    queries.explorer_page.prefetch(chosen, lang, sort=state.get("explorer_sort") or "date",
                                   page=state.get("explorer_page", 1), page_size=state.get("explorer_size", 100),
                                   **_explorer_choices())


# Keyed by the url_path app.py gives each page ("" for the default page).
PAGES: dict[str, Callable[[Filters, str], None]] = {
    "": _overview, "tracker": _tracker, "cities": _cities, "clusters": _clusters, "sources": _sources,
    "explorer": _explorer,
}


def start(url_path: str, chosen: Filters, lang: str) -> None:
    """Start the first queries of the page at `url_path` (pages not listed read theirs as they go)."""
    starter = PAGES.get(url_path)
    if starter is not None:
        starter(chosen, lang)
