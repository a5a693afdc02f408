"""Present: the current view as slides on a meeting-room screen, and the same deck as files.

The slides are a snapshot taken when the page is opened (dashboard.slides), so nothing moves during
a talk: reruns, other users' filters and a rebuilt warehouse leave it alone until "Reload data".
Arrow keys change the slide, P pauses auto-advance; the sidebar and Streamlit's chrome are hidden
so the slide fills the screen, and the controls sit below it.
"""

import html
import time

import streamlit as st

from dashboard import downloads, filters, i18n, queries, slides
from dashboard.i18n import t

SNAPSHOT, SLIDE, DUE, THEME_KEPT = "present_snapshot", "present_slide", "present_due", "present_theme_kept"

lang = i18n.lang()
chosen = filters.current()

# --- The snapshot: taken on opening the page, kept through reruns ----------------------------------
# A page's widget state is dropped whenever another page runs, so a missing button key means the page
# has just been opened: then (only then) a newer warehouse build is picked up.
opened = "present_next" not in st.session_state
snapshot: slides.Snapshot | None = st.session_state.get(SNAPSHOT)
digest = queries.build_stamp()["digest"]
if (snapshot is None or (snapshot.filters, snapshot.lang) != (chosen, lang)
        or (opened and snapshot.digest != digest)):
    with st.spinner(t("preparing")):
        snapshot = st.session_state[SNAPSHOT] = slides.take_snapshot(chosen, lang)
    st.session_state[SLIDE] = 1


def _refresh() -> None:
    st.session_state[SNAPSHOT] = slides.take_snapshot(filters.current(), i18n.lang())
    st.session_state[SLIDE] = 1


def _go(step: int) -> None:
    total = st.session_state[SNAPSHOT].total
    st.session_state[SLIDE] = min(total, max(1, st.session_state.get(SLIDE, 1) + step))
    _restart_clock()


def _restart_clock() -> None:
    st.session_state[DUE] = time.monotonic() + st.session_state.get("present_interval", 20)


def _toggle_pause() -> None:
    st.session_state["present_paused"] = not st.session_state.get("present_paused", False)
    _restart_clock()


st.session_state.setdefault("present_theme", st.session_state.get(THEME_KEPT, "light"))
theme = st.session_state["present_theme"] or "light"
st.session_state[THEME_KEPT] = theme
deck = snapshot.decks[theme]
auto = st.session_state.get("present_auto", False)
playing = auto and not st.session_state.get("present_paused", False)
interval = st.session_state.get("present_interval", 20)

st.html(slides.screen_css(theme))


# --- The slide -----------------------------------------------------------------------------------

def _show(number: int) -> None:
    esc = html.escape
    total = snapshot.total
    footer = slides.footer_text(deck, deck.slides[number - 2].footnote if number > 1 else "")
    if number == 1:
        st.html(f'<div class="present-cover"><h1>{esc(deck.title)}</h1>'
                f'<p>{esc(slides.footer_text(deck, ""))}</p></div>')
    else:
        slide = deck.slides[number - 2]
        st.html(f'<div class="present-head"><h1>{esc(slide.title)}</h1>'
                f'<div class="present-sub"><span>{esc(slide.subtitle)}</span>'
                f'<span class="present-status">{esc(slide.status)}</span></div></div>')
        if slide.figure is not None:
            st.plotly_chart(slides.screen_figure(snapshot, theme, number), theme=None, key=f"present_chart_{number}",
                            config={"displayModeBar": False})
        if slide.bullets:
            items = "".join(f"<li>{esc(item)}</li>" for item in slide.bullets)
            size = "side" if slide.figure is not None else "full"
            st.html(f'<ul class="present-bullets present-bullets-{size}">{items}</ul>')
    st.html(f'<div class="present-footer"><span>{esc(footer)}</span>'
            f'<span class="present-page">{number} / {total}</span></div>')


@st.fragment(run_every=interval if playing else None)
def stage() -> None:
    total = snapshot.total
    number = min(st.session_state.get(SLIDE, 1), total)
    if playing and time.monotonic() >= st.session_state.get(DUE, 0) - 0.5:
        # The timer's run: the next slide, round to the first after the last (a wall display loops).
        number = st.session_state[SLIDE] = number % total + 1
        st.session_state[DUE] = time.monotonic() + interval
    with st.container(key="present_slide"):
        _show(number)
    with st.container(horizontal=True, key="present_nav", vertical_alignment="center"):
        st.button(t("present_prev"), key="present_prev", shortcut="ArrowLeft", on_click=_go, args=(-1,),
                  disabled=number == 1, icon=":material/chevron_left:")
        st.markdown(f"**{number} / {total}**")
        st.button(t("present_next"), key="present_next", shortcut="ArrowRight", on_click=_go, args=(1,),
                  disabled=number == total, icon=":material/chevron_right:")
        if auto:
            st.caption(t("present_paused") if not playing else t("present_keys"))
        if number > 1 and deck.slides[number - 2].figure is not None:
            stem = slides.file_stem(snapshot, theme, number)
            for fmt, mime in (("png", "image/png"), ("svg", "image/svg+xml")):
                st.download_button(t(f"present_{fmt}"), key=f"present_{fmt}", on_click="ignore", mime=mime,
                                   data=lambda fmt=fmt, n=number, shot=snapshot, look=theme:
                                   slides.chart_file(shot, look, n, fmt),
                                   file_name=downloads.file_name(stem, fmt), icon=":material/image:",
                                   help=t("present_export_help"))


stage()

# --- Controls, below the slide -------------------------------------------------------------------
with st.container(horizontal=True, key="present_controls", vertical_alignment="bottom"):
    st.segmented_control(t("present_theme"), ["light", "dark"], key="present_theme",
                         format_func=lambda name: t(f"present_theme_{name}"))
    st.toggle(t("present_auto"), key="present_auto", on_change=_restart_clock)
    st.number_input(t("present_interval"), min_value=5, max_value=600, step=5, value=20, key="present_interval",
                    disabled=not auto, width=140, on_change=_restart_clock)
    st.button(t("present_resume") if st.session_state.get("present_paused") else t("present_pause"),
              key="present_pause", shortcut="P", on_click=_toggle_pause, disabled=not auto,
              icon=":material/pause:")

# The files are made on demand, on another thread, after this run: their callables are bound to this
# run's snapshot and theme.
with st.container(horizontal=True, key="present_exports", vertical_alignment="center"):
    stem = slides.file_stem(snapshot, theme)
    st.download_button(t("present_pptx"), key="present_pptx", on_click="ignore", icon=":material/slideshow:",
                       data=lambda shot=snapshot, look=theme: slides.deck_file(shot, look, "pptx"),
                       file_name=downloads.file_name(stem, "pptx"),
                       mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                       help=t("present_export_help"))
    st.download_button(t("present_pdf"), key="present_pdf", on_click="ignore", icon=":material/picture_as_pdf:",
                       data=lambda shot=snapshot, look=theme: slides.deck_file(shot, look, "pdf"),
                       file_name=downloads.file_name(stem, "pdf"),
                       mime="application/pdf", help=t("present_export_help"))
    st.button(t("present_refresh"), key="present_refresh", on_click=_refresh, icon=":material/refresh:",
              help=t("present_refresh_help"))
    params = {**chosen.as_params(), **({"lang": lang} if lang != i18n.DEFAULT else {})}
    st.page_link("pages/overview.py", label=t("present_back"), icon=":material/arrow_back:", query_params=params)

st.caption(t("present_snapshot", at=f"{snapshot.taken_at:%Y-%m-%d %H:%M:%S} UTC", digest=snapshot.digest))
if snapshot.digest != digest:
    st.caption(t("present_newer", digest=digest))
