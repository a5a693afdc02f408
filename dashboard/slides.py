"""The current view as a meeting deck: slides from the warehouse for the filters and language in force.

    deck = build_deck(Filters(city="weihai"), "zh", "dark")   # a dashboard.deck.Deck
    snapshot = take_snapshot(Filters(), "en")                 # both themes, frozen for a talk
    pptx = deck_file(snapshot, "light", "pptx")                # cached per snapshot

After the deck's own title slide (which names the filters), the slides are: the headline actuals ·
targets of each plan by status · each plan's targets against actuals (a 完成率 chart where an actual
compares, then every target with its status, a few per slide) · the plans' periods · the city map ·
clusters and bases per city · each cluster's figures, one chart per unit. A slide with nothing to
show is left out; a deck with nothing at all says so on one slide.

Every slide names its source documents in its footnote (the deck adds the data's as-of date and
build) and carries the exact quotes behind it as speaker notes: the quotes of the figures it shows
(the map's notes also count each city's figures; the clusters-per-city chart, whose memberships
carry no quote in the data, lists each city's clusters). Data comes only through dashboard.queries,
so the slides show what the pages show.

Text must fit deck.py's fixed boxes, one line of title and one of subtitle, two of footer (the PDF
clips what overflows): text is measured with `_width` against font metrics, a long name moves from
the title to the subtitle, a long list of sources is cited by publisher and date, and bullet lists
are cut into pages that fit.

A talk must not change under the speaker, so the present page keeps a `Snapshot`: both themes' decks
built once from one warehouse file. Exports are cached by the snapshot's id, so a second click on a
download is instant and every file of a snapshot shows the same data; the charts as the present
page shows them are made once per snapshot, theme and slide, so changing slides does not remake them.
"""

from __future__ import annotations

import datetime
import hashlib
import html
import math
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import charts, deck, formatting, queries
from dashboard.deck import Deck, Slide
from dashboard.filters import KEYS, Filters
from dashboard.i18n import STATUS, TEXT

STATUSES = ("met", "in_progress", "missed", "not_reported")
UNIT_ORDER = ("CNY", "percent", "pp", "enterprise", "person", "person_time", "count")  # money first
MAX_PLANS = 12  # plans given their own slides (in plan order); the tracker shows every plan
MAX_TARGETS = 24  # targets listed per plan (three slides of Chinese bullets)
MAX_BARS = 12  # bars per chart, as a room can read them
MAX_CLUSTERS = 3  # clusters with figures given their own slides; the rest are on the clusters page
MAX_NOTE_QUOTES = 60  # quotes per slide's speaker notes
EXPORT_PX = (1040, 585)  # a chart export's layout size: a full-width 16:9 chart at the deck's scale
EXPORT_SCALE = 2


def _t(key: str, lang: str, **values) -> str:
    text = TEXT[key][lang]
    return text.format(**values) if values else text


def _join(items: Iterable[str], lang: str) -> str:
    return ("；" if lang == "zh" else "; ").join(items)


# --- Fitting text into the deck's boxes ------------------------------------------------------

# Advance widths (ems) of printable ASCII in WenQuanYi Micro Hei, the widest in Latin text of the
# fonts a deck renders with (Microsoft YaHei and Calibri are narrower).
_ASCII_EMS = (
    0.26, 0.27, 0.4, 0.65, 0.55, 0.83, 0.7, 0.23, 0.3, 0.3, 0.55, 0.55, 0.25, 0.32, 0.27, 0.37, 0.55, 0.55, 0.55,
    0.55, 0.55, 0.55, 0.55, 0.55, 0.55, 0.55, 0.27, 0.27, 0.55, 0.55, 0.55, 0.43, 0.87, 0.61, 0.62, 0.6, 0.68, 0.53,
    0.49, 0.69, 0.7, 0.34, 0.27, 0.58, 0.49, 0.87, 0.73, 0.74, 0.58, 0.74, 0.59, 0.52, 0.52, 0.7, 0.57, 0.88, 0.55,
    0.53, 0.54, 0.3, 0.37, 0.3, 0.53, 0.41, 0.58, 0.53, 0.59, 0.46, 0.59, 0.54, 0.33, 0.52, 0.59, 0.26, 0.26, 0.5,
    0.26, 0.9, 0.59, 0.58, 0.59, 0.59, 0.4, 0.45, 0.34, 0.59, 0.48, 0.75, 0.5, 0.49, 0.44, 0.35, 0.55, 0.35, 0.55,
)


def _width(text: str, points: float, bold: bool = False) -> float:
    """Rendered width in inches, a little over what the deck's fonts take (bold adds 4%)."""
    ems = 0.0
    for char in text:
        if " " <= char <= "~":
            ems += _ASCII_EMS[ord(char) - 32]
        elif unicodedata.east_asian_width(char) in "WFA":  # Chinese, full-width forms, “” and —
            ems += 1.0
        else:
            ems += 0.6
    return ems * points / 72 * 1.02 * (1.04 if bold else 1.0)


def _fits(text: str, box: str) -> bool:
    width, lines, size = {
        "title": (deck.CONTENT_W, 1, deck.SIZES["title"]),
        "subtitle": (deck.CONTENT_W * 0.7, 1, deck.SIZES["subtitle"]),
        "deck_title": (deck.CONTENT_W - 0.45, 2, deck.SIZES["deck_title"]),
        "status": (deck.CONTENT_W * 0.3, 1, deck.SIZES["status"]),
        "footer": (deck.CONTENT_W - 1.2, 2, deck.SIZES["footer"]),
    }[box]
    # A line breaks at a word, not at the box's edge: a wrapped line is a little short of full.
    bold = box in ("title", "deck_title", "status")
    return _width(text, size, bold=bold) <= width * (1 if lines == 1 else lines * 0.95)


def _titled(*candidates: tuple[str, str]) -> tuple[str, str]:
    """The first (title, subtitle) pair whose parts fit their boxes; the last one, shortened, otherwise."""
    for title, subtitle in candidates:
        if _fits(title, "title") and (not subtitle or _fits(subtitle, "subtitle")):
            return title, subtitle
    title, subtitle = candidates[-1]
    return title, subtitle if _fits(subtitle, "subtitle") else _shortened(subtitle)


def _shortened(text: str, box: str = "subtitle") -> str:
    # Only for a name too long for any box; the speaker notes still carry it in full.
    if _fits(text, box):
        return text
    while text and not _fits(text + "…", box):
        text = text[:-1]
    return text.rstrip() + "…"


def _pages(items: list[str]) -> list[list[str]]:
    """Bullets cut into as few pages as fit the bullets box of a slide with a subtitle, evenly filled
    (8 + 8 + 1 reads as a page forgotten; 6 + 6 + 5 does not)."""
    size = deck.SIZES["bullets"]
    height = (deck.BODY_BOTTOM - 1.7 - 0.2) * 72  # points, below a subtitle
    width = deck.CONTENT_W - size * 1.1 / 72

    def need(item: str) -> float:
        lines = max(1, math.ceil(_width(item, size) / (width * 0.95)))
        return lines * size * 1.32 + size * 0.6  # Microsoft YaHei's line height, above the PDF's 1.25

    def fits(page: list[str]) -> bool:
        return len(page) == 1 or sum(map(need, page)) <= height

    for count in range(1, len(items) + 1):
        sizes = [len(items) // count + (k < len(items) % count) for k in range(count)]
        starts = [sum(sizes[:k]) for k in range(count)]
        pages = [items[start:start + size] for start, size in zip(starts, sizes, strict=True)]
        if all(map(fits, pages)):
            return pages
    return [[item] for item in items]


# --- Notes and footnotes ---------------------------------------------------------------------

def _quoted(quote: str, document: str, lang: str, label: str = "") -> str:
    lead = f"{label}：" if label and lang == "zh" else f"{label}: " if label else ""
    return f"{lead}“{quote}”（{document}）" if lang == "zh" else f"{lead}“{quote}” ({document})"


def _notes(lines: list[str], lang: str) -> str:
    if len(lines) > MAX_NOTE_QUOTES:
        lines = [*lines[:MAX_NOTE_QUOTES], _t("present_more_quotes", lang, n=len(lines) - MAX_NOTE_QUOTES)]
    return "\n".join(lines)


def _source(documents: Iterable[str], lang: str) -> str:
    names = [name for name in dict.fromkeys(d for d in documents if isinstance(d, str) and d)]
    return _t("source_line", lang, sources=_join(names, lang))


def _status_summary(statuses: pd.Series, counts: pd.Series, lang: str) -> str:
    """"已完成 1 · 尚无实际数据 6": each status present with its number of targets; "已完成 1 / 7"
    when that is too long for the status box (the slides list every target's status)."""
    totals = counts.groupby(statuses).sum()
    full = " · ".join(f"{STATUS[s][lang]} {int(totals[s])}" for s in STATUSES if totals.get(s, 0))
    if _fits(full, "status"):
        return full
    return f"{STATUS['met'][lang]} {int(totals.get('met', 0))} / {int(totals.sum())}"


# --- The deck ---------------------------------------------------------------------------------

def build_deck(filters: Filters | None, lang: str = "zh", theme: str = "light",
               today: pd.Timestamp | None = None) -> Deck:
    """The deck of the current view: filters and language as the pages have them, light or dark."""
    filters = filters or Filters()
    dark = theme == "dark"
    stamp = queries.build_stamp()
    as_of = _t("present_data_version", lang, date=formatting.date_text(queries.latest_as_of(), lang),
               digest=stamp["digest"])
    slides = [
        *_headline(filters, lang),
        *_plan_slides(filters, lang, dark),
        *_timeline(lang, dark, today),
        *_city_map(filters, lang, dark),
        *_cluster_cities(filters, lang, dark),
        *_cluster_figures(filters, lang, dark),
    ]
    slides = [_boxed(_footnote_fitted(slide, lang, as_of)) for slide in slides]
    title, scope = _deck_title(filters, lang)
    named = _t("active_filters", lang, filters=" · ".join(_scope(filters, lang)))
    if not slides:
        slides = [Slide(title=_t("present_nothing", lang), bullets=[_t("no_match", lang)], footnote=named)]
    if scope:  # too long for the title slide: the filters get a slide of their own
        slides.insert(0, Slide(title=_t("present_scope", lang), bullets=scope, footnote=named))
    return Deck(title=title, slides=slides, lang=lang, theme=theme, as_of=as_of)


def _boxed(slide: Slide) -> Slide:
    """The slide with every one-line text inside its box: the builders choose texts that fit, so this
    only shortens what no choice could fit (a name in the data longer than a slide is wide), keeping
    the full text in the speaker notes."""
    fitted = {box: _shortened(getattr(slide, box), box) for box in ("title", "subtitle", "status")
              if getattr(slide, box)}
    cut = [getattr(slide, box) for box, text in fitted.items() if text != getattr(slide, box)]
    if not cut:
        return slide
    return slide.model_copy(update={**fitted, "notes": "\n".join([*cut, slide.notes]).strip()})


def _footnote_fitted(slide: Slide, lang: str, as_of: str) -> Slide:
    """The slide with a footnote that fits the two lines of the footer (the PDF clips a third).

    Too many documents for their titles: each is cited by publisher and date instead (the titles
    stay in the speaker notes with the quotes); too many even for that: their number, which the
    sources page lists.
    """
    def fits(footnote: str) -> bool:
        return _fits(f"{footnote} · {deck.LABELS[lang]['as_of'].format(as_of=as_of)}", "footer")

    if fits(slide.footnote):
        return slide
    documents = queries.documents(lang)
    cited, footnote = 0, slide.footnote
    for doc in documents.itertuples(index=False):
        if doc.title in footnote:
            cited += 1
            publisher = doc.publisher if isinstance(doc.publisher, str) else ""
            date = formatting.date_text(doc.published, lang) if isinstance(doc.published, str) else ""
            if publisher and date:  # else the title is the only way to name it
                footnote = footnote.replace(doc.title, f"{publisher}（{date}）" if lang == "zh" else f"{publisher}, {date}")
    if not fits(footnote):
        footnote = _t("source_line", lang, sources=_t("present_n_documents", lang, n=cited))
    titles = _join([d for d in documents["title"] if d in slide.footnote], lang)
    return slide.model_copy(update={"footnote": footnote,
                                    "notes": f"{_t('source_line', lang, sources=titles)}\n{slide.notes}".strip()})


def _on_slide(chart: charts.Figure, lang: str) -> go.Figure:
    """A chart as a slide shows it: English labels wrapped between words, and a right margin for
    the values written beside the longest bars (the dashboard's 10 px cuts "220.0%" off)."""
    figure = go.Figure(chart)
    figure.update_layout(margin_r=max(figure.layout.margin.r or 0, 70))
    figure.update_traces(cliponaxis=False, selector={"type": "bar"})
    return _word_wrapped(figure, lang)


def _word_wrapped(figure: go.Figure, lang: str, width: int = 24) -> go.Figure:
    """English category labels broken between words (charts break every N characters, which suits
    Chinese but splits English words)."""
    if lang != "en":
        return figure
    for trace in figure.data:
        labels = list(trace.y) if trace.type in ("bar", "scatter") and trace.y is not None else []
        if labels and all(isinstance(label, str) for label in labels):  # categories, not values
            trace.y = [_wrap_words(label.replace("<br>", ""), width) for label in labels]
    return figure


def _wrap_words(text: str, width: int) -> str:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def _scope(filters: Filters, lang: str) -> list[str]:
    """The filters in force, by name: plan, city, cluster, category, years."""
    options = queries.filter_options(lang)
    parts = [options[key][value] for key in KEYS if (value := getattr(filters, key)) in options[key]]
    if filters.year_from or filters.year_to:
        low, high = queries.year_range()
        parts.append(_t("present_scope_years", lang, low=filters.year_from or low, high=filters.year_to or high))
    return parts


def _deck_title(filters: Filters, lang: str) -> tuple[str, list[str]]:
    """The title slide's title naming the filters; the filters as a list when no title can hold them."""
    parts = _scope(filters, lang)
    base = _t("present_deck_title", lang)
    if not parts:
        return base, []
    for title in (f"{base}{'：' if lang == 'zh' else ': '}{' · '.join(parts)}", " · ".join(parts)):
        if _fits(title, "deck_title"):
            return title, []
    return base, parts


def _headline(filters: Filters, lang: str) -> list[Slide]:
    rows = queries.headline(filters, lang)
    if rows.empty:
        return []
    values = formatting.amounts(rows, lang, signed="signed", stated="stated")
    dates = [formatting.date_text(a if isinstance(a, str) else e, lang) for a, e in zip(rows["as_of"], rows["period_end"], strict=True)]
    places = [c or r for r, c in zip(rows["region_name"], rows["cluster_name"], strict=True)]  # a cluster names its place
    subtitle = f"{places[0]} · {_t('as_of', lang, date=dates[0])}"
    # One place and date for all: said once, in the subtitle if it fits there, else on each bullet.
    shared = len(set(zip(places, dates, strict=True))) == 1 and _fits(subtitle, "subtitle")
    bullets, notes = [], []
    for row, value, place, date in zip(rows.itertuples(index=False), values, places, dates, strict=True):
        name = f"{row.indicator_name}（{row.sector_name}）" if lang == "zh" else f"{row.indicator_name} ({row.sector_name})"
        where = "" if shared else (f"（{place}，{_t('as_of', lang, date=date)}）" if lang == "zh"
                                   else f" ({place}, {_t('as_of', lang, date=date)})")
        bullets.append(f"{name}{'：' if lang == 'zh' else ': '}{value}{where}")
        notes.append(_quoted(row.quote, row.document_name, lang, f"{name} {value}"))
    subtitle = subtitle if shared else ""
    source = _source(rows["document_name"], lang)
    pages = _pages(bullets)
    return [Slide(title=_t("headline", lang) if len(pages) == 1 else _t("present_part", lang, title=_t("headline", lang), k=k, n=len(pages)),
                  subtitle=subtitle, bullets=page, footnote=source, notes=_notes(notes, lang))
            for k, page in enumerate(pages, start=1)]


def _plan_slides(filters: Filters, lang: str, dark: bool) -> list[Slide]:
    """Targets by status for the plans in view, then each plan's slides (the first MAX_PLANS plans)."""
    counts = queries.status_counts(filters, lang)
    if counts.empty:
        return []
    plan_ids = counts["plan_id"].drop_duplicates().tolist()
    shown = counts[counts["plan_id"].isin(plan_ids[:MAX_PLANS])]
    rows = queries.progress(filters, lang, limit=MAX_NOTE_QUOTES + 1)
    target_notes = [_quoted(r.target_quote, r.target_document, lang, f"{r.plan_name} · {r.indicator_name}")
                    for r in rows.itertuples(index=False)]
    more = len(plan_ids) - MAX_PLANS
    slides = [Slide(title=_t("status_chart", lang), subtitle=_t("present_more_plans", lang, n=more) if more > 0 else "",
                    figure=_on_slide(charts.status_bars(shown, lang, dark=dark), lang),
                    status=_status_summary(counts["status"], counts["targets"], lang),
                    footnote=_source(rows["target_document"], lang), notes=_notes(target_notes, lang))]
    for plan_id in plan_ids[:MAX_PLANS]:
        plan_counts = counts[counts["plan_id"] == plan_id]
        plan_rows = queries.progress(Filters(**{**filters.__dict__, "plan": plan_id}), lang, limit=MAX_TARGETS)
        slides += _plan(plan_rows, plan_counts, lang, dark)
    return slides


def _plan(rows: pd.DataFrame, counts: pd.DataFrame, lang: str, dark: bool) -> list[Slide]:
    """One plan: its 完成率 chart when an actual compares, then its targets with their statuses (the
    first MAX_TARGETS in the document's order; the tracker lists the rest)."""
    name = rows["plan_name"].iloc[0]
    total = int(counts["targets"].sum())
    status = _status_summary(counts["status"], counts["targets"], lang)
    source = _source([*rows["target_document"], *rows["actual_document"].dropna()], lang)
    targets = formatting.amounts(rows, lang, signed="signed", value="target_value", qualifier="target_qualifier",
                                 stated="target_stated")
    actuals = formatting.amounts(rows, lang, signed="signed", value="actual_value", qualifier="actual_qualifier",
                                 stated="actual_stated")
    lines, quotes = [], []  # one bullet and its quotes per target
    for row, target, actual in zip(rows.itertuples(index=False), targets, actuals, strict=True):
        indicator = row.indicator_name + (f" · {row.cluster_name}" if row.cluster_name else "")
        line = _t("present_target_line", lang, indicator=indicator, target=target, status=STATUS[row.status][lang])
        said = [_quoted(row.target_quote, row.target_document, lang, f"{indicator} · {_t('present_target_quote', lang)}")]
        if pd.notna(row.actual_id):
            line += " · " + _t("present_actual_part", lang, actual=actual)
            said.append(_quoted(row.actual_quote, row.actual_document, lang,
                                f"{indicator} · {_t('present_actual_quote', lang)}"))
        if pd.notna(row.completion):
            line += " · " + _t("present_completion_part", lang, rate=formatting.percent(row.completion, lang))
        lines.append(line)
        quotes.append(said)

    if total > len(lines):
        lines.append(_t("present_more_targets", lang, n=total - len(lines)))
        quotes.append([])

    slides = []
    compared = rows["completion"].notna().to_numpy(copy=True)
    compared &= compared.cumsum() <= MAX_BARS  # a chart stays readable in a room
    if compared.any():
        chart = _t("completion_chart", lang)
        title, subtitle = _titled((name, chart), (chart, name))
        notes = [q for said, c in zip(quotes[:len(rows)], compared, strict=True) if c for q in said]
        slides.append(Slide(title=title, subtitle=subtitle, status=status, footnote=source, notes=_notes(notes, lang),
                            figure=_on_slide(charts.completion_chart(rows[compared], lang, dark=dark), lang)))
    pages = _pages(lines)
    first = 0
    for k, page in enumerate(pages, start=1):
        detail = _t("target_vs_actual", lang)
        if len(pages) > 1:
            detail = _t("present_part", lang, title=detail, k=k, n=len(pages))
        title, subtitle = _titled((name, detail), (detail, name))
        notes = [q for said in quotes[first:first + len(page)] for q in said]
        first += len(page)
        slides.append(Slide(title=title, subtitle=subtitle, status=status, bullets=page, footnote=source,
                            notes=_notes(notes, lang)))
    return slides


def _timeline(lang: str, dark: bool, today: pd.Timestamp | None) -> list[Slide]:
    """Every plan's period (the tracker's timeline); the notes give each plan's issuer, document and
    the quotes of the targets it counts."""
    plans = queries.plans(lang)
    if plans.empty:
        return []
    more = len(plans) - MAX_PLANS
    plans = plans.head(MAX_PLANS)
    targets = queries.progress(None, lang)
    documents = targets.drop_duplicates("plan_id").set_index("plan_id")["target_document"]
    notes = []
    for plan in plans.itertuples(index=False):
        line = _t("present_plan_period", lang, plan=plan.plan_name, n=plan.targets,
                  issuer=plan.issuer if isinstance(plan.issuer, str) else "—",
                  period=formatting.period_text(str(plan.start_year), str(plan.end_year), lang))
        if plan.id in documents:
            line += f"（{documents[plan.id]}）" if lang == "zh" else f" ({documents[plan.id]})"
        notes.append(line)
        notes += [_quoted(r.target_quote, r.target_document, lang, r.indicator_name)
                  for r in targets[targets["plan_id"] == plan.id].itertuples(index=False)]
    figure = _on_slide(charts.timeline(plans, lang, today=today, dark=dark), lang)
    return [Slide(title=_t("timeline_chart", lang), figure=figure, footnote=_source(documents, lang),
                  subtitle=_t("present_more_plans", lang, n=more) if more > 0 else "", notes=_notes(notes, lang))]


def _city_map(filters: Filters, lang: str, dark: bool) -> list[Slide]:
    cities = queries.city_measures(filters, lang)
    if not cities["figures"].any():
        return []
    label = _t("measure_figures", lang)
    figure = go.Figure(charts.city_map(cities, "figures", label, lang, selected=filters.city, dark=dark))
    figure.update_traces(colorbar={"dtick": max(1, math.ceil(cities["figures"].max() / 5))})  # whole numbers
    if dark:
        # "white-bg" paints the sea and the land around Shandong white: on the dark stage the map gets
        # a transparent style of its own (no tiles, no network) and colours that read on black.
        figure.update_layout(map_style={"version": 8, "sources": {}, "layers": [
            {"id": "background", "type": "background", "paint": {"background-color": "rgba(0,0,0,0)"}}]})
        figure.update_traces(colorscale=[[0, "#262e3a"], [0.0001, "#2f5a8a"], [1, "#8cc8ff"]],
                             marker_line_color=[charts.RED if c == filters.city else "#5f6b7a"
                                                for c in cities["city_id"]])
    named = cities[cities["figures"] > 0]
    figures = queries.figures(None, filters, lang, limit=MAX_NOTE_QUOTES + 1)
    notes = [_t("present_city_counts", lang, city=c.city_name, targets=c.targets, actuals=c.actuals)
             for c in named.itertuples(index=False)]
    notes += [_quoted(f.quote, f.document_name, lang, f"{f.region_name} · {f.indicator_name}")
              for f in figures.itertuples(index=False)]
    documents = queries.table_counts()["documents"]
    footnote = _t("source_line", lang, sources=_t("all_documents", lang, n=documents)) + " · " + _t("map_credit", lang)
    return [Slide(title=_t("map_chart", lang, measure=label), figure=figure, footnote=footnote,
                  notes=_notes(notes, lang))]


def _cluster_cities(filters: Filters, lang: str, dark: bool) -> list[Slide]:
    listed = queries.clusters(filters, lang)
    cities = queries.city_measures(Filters(), lang)
    hosting = cities[(cities["clusters"] > 0) | (cities["bases"] > 0)]
    if listed.empty or hosting.empty:
        return []
    names: dict[str, list[str]] = {}
    for row in queries.clusters(Filters(), lang).itertuples(index=False):
        for city in row.cities:
            names.setdefault(city, []).append(row.cluster_name)
    notes = [_t("present_hosts", lang, city=c, names=("、" if lang == "zh" else ", ").join(n)) for c, n in names.items()]
    return [Slide(title=_t("cluster_city_chart", lang), figure=go.Figure(charts.city_bars(cities, lang, dark=dark)),
                  footnote=_source(listed["document_name"], lang), notes="\n".join(notes))]


def _cluster_figures(filters: Filters, lang: str, dark: bool) -> list[Slide]:
    """Each cluster with figures (at most MAX_CLUSTERS, most figures first): one chart per unit, as on
    the clusters page, and the units with a single figure together as bullets."""
    listed = queries.clusters(filters, lang)
    shown = listed[listed["figures"] > 0].sort_values("figures", ascending=False, kind="stable").head(MAX_CLUSTERS)
    units = queries.vocabulary(lang)["unit"]
    slides = []
    for cluster in shown.itertuples(index=False):
        rows = queries.figures(None, Filters(**{**filters.__dict__, "cluster": cluster.id}), lang)
        # Newest first from the query: each unit keeps its latest MAX_BARS figures.
        groups = sorted(((unit, part.head(MAX_BARS)) for unit, part in rows.groupby("unit_id", sort=False)),
                        key=lambda g: UNIT_ORDER.index(g[0]) if g[0] in UNIT_ORDER else len(UNIT_ORDER))
        charted = [(unit, part) for unit, part in groups if len(part) > 1 or len(groups) == 1]
        singles = [part for _, part in groups if len(part) == 1 and len(groups) > 1]
        name = cluster.cluster_name
        for unit, part in charted:
            unit_name = units.get(unit, unit)
            title, subtitle = _titled((f"{name} · {unit_name}", ""), (name, unit_name),
                                      (_t("present_cluster_figures", lang, unit=unit_name), name))
            slides.append(Slide(title=title, subtitle=subtitle, figure=_on_slide(charts.figure_bars(part, lang, dark=dark), lang),
                                footnote=_source(part["document_name"], lang), notes=_figure_notes(part, lang)))
        if singles:
            rest = pd.concat(singles)
            values = formatting.amounts(rest, lang, signed="signed", stated="stated")
            bullets = [f"{i}{'：' if lang == 'zh' else ': '}{v}" for i, v in zip(rest["indicator_name"], values, strict=True)]
            other = _t("present_other_figures", lang)
            title, subtitle = _titled((f"{name} · {other}", ""), (name, other),
                                      (_t("present_cluster_figures", lang, unit=other), name))
            slides.append(Slide(title=title, subtitle=subtitle, bullets=bullets,
                                footnote=_source(rest["document_name"], lang), notes=_figure_notes(rest, lang)))
    return slides


def _figure_notes(rows: pd.DataFrame, lang: str) -> str:
    values = formatting.amounts(rows, lang, signed="signed", stated="stated")
    return _notes([_quoted(r.quote, r.document_name, lang, f"{r.indicator_name} {v}")
                   for r, v in zip(rows.itertuples(index=False), values, strict=True)], lang)


# --- Snapshots and exports --------------------------------------------------------------------

@dataclass(frozen=True)
class Snapshot:
    """The decks of one view (both themes) built from one warehouse build, at one moment."""

    id: str
    filters: Filters
    lang: str
    digest: str
    taken_at: datetime.datetime
    decks: dict[str, Deck] = field(compare=False)

    @property
    def total(self) -> int:
        """Slides in the deck, its title slide included."""
        return len(self.decks["light"].slides) + 1


def take_snapshot(filters: Filters | None, lang: str) -> Snapshot:
    """Both themes' decks of the view, built now from the warehouse this run reads."""
    filters = filters or Filters()
    taken = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    today = pd.Timestamp.today().normalize()
    stamp = queries.build_stamp()
    # The same view, build and day give the same deck: such snapshots share their cached exports.
    ident = hashlib.sha256(repr((filters, lang, stamp["digest"], str(stamp["built_at"]), today.date())).encode())
    decks = _decks(ident.hexdigest()[:16], filters, lang, today)
    return Snapshot(id=ident.hexdigest()[:16], filters=filters, lang=lang, digest=stamp["digest"], taken_at=taken,
                    decks=decks)


@st.cache_resource(max_entries=16, show_spinner=False)
def _decks(snapshot_id: str, _filters: Filters, lang: str, _today: pd.Timestamp) -> dict[str, Deck]:
    # Keyed by the view, the warehouse build and the day: everyone who opens the same view of the same
    # build that day gets the same decks, built once. Nothing changes a deck after it is built.
    return {theme: build_deck(_filters, lang, theme, _today) for theme in deck.THEMES}


def deck_file(snapshot: Snapshot, theme: str, fmt: str) -> bytes:
    """The snapshot's deck as .pptx or .pdf bytes (rendered once per snapshot, theme and format)."""
    return _deck_file(snapshot.id, theme, fmt, snapshot.decks[theme])


@st.cache_data(max_entries=8, show_spinner=False)
def _deck_file(snapshot_id: str, theme: str, fmt: str, _deck: Deck) -> bytes:
    return deck.to_pptx(_deck) if fmt == "pptx" else deck.to_pdf(_deck)


def chart_file(snapshot: Snapshot, theme: str, number: int, fmt: str) -> bytes:
    """Slide `number`'s chart (1 is the title slide) as PNG or SVG, titled and with its source."""
    return _chart_file(snapshot.id, theme, number, fmt, snapshot.decks[theme])


@st.cache_data(max_entries=64, show_spinner=False)
def _chart_file(snapshot_id: str, theme: str, number: int, fmt: str, _deck: Deck) -> bytes:
    figure = export_figure(_deck, number)
    width, height = EXPORT_PX
    if fmt == "svg":
        return deck.chart_svg(figure, width, height)
    return deck.chart_png(figure, width, height, scale=EXPORT_SCALE)


def export_figure(the_deck: Deck, number: int) -> go.Figure:
    """A slide's chart standing on its own (to paste into another deck): its title and source on it."""
    slide = the_deck.slides[number - 2]
    if slide.figure is None:
        raise ValueError(f"slide {number} ({slide.title!r}) has no chart")
    theme = deck.THEMES[the_deck.theme]
    footnote = slide.footnote
    lines = _wrap_words(footnote, 120).split("<br>") if the_deck.lang == "en" else [
        footnote[i:i + 64] for i in range(0, len(footnote), 64)]
    lines.append(footer_text(the_deck, ""))  # the as-of date and build on a line of their own
    # Plotly reads tags in text: names from the data are escaped so they stay text.
    source = "<br>".join(html.escape(line) for line in lines if line)
    figure = deck.portable_figure(slide.figure)
    figure.update_layout(
        title={"text": f"<b>{html.escape(slide.title)}</b>", "font": {"size": 22},
               "subtitle": {"text": source, "font": {"size": 12, "color": f"#{theme.muted}"}},
               "x": 0.015, "xanchor": "left", "yref": "container", "y": 0.985, "yanchor": "top"},
        margin={"t": 70 + 16 * (source.count("<br>") + 1), "l": 20, "r": 70, "b": 20},
        paper_bgcolor=f"#{theme.background}", plot_bgcolor=f"#{theme.background}", height=None)
    return figure


def footer_text(the_deck: Deck, footnote: str) -> str:
    """A slide's footer as the files print it: its sources and the data's as-of date and build."""
    as_of = deck.LABELS[the_deck.lang]["as_of"].format(as_of=the_deck.as_of)
    return f"{footnote} · {as_of}" if footnote.strip() else as_of


def file_stem(snapshot: Snapshot, theme: str, number: int | None = None) -> str:
    """A download's name: the view (filter ids are ASCII slugs), language, theme and slide."""
    view = "-".join(str(value) for value in snapshot.filters.as_params().values())
    parts = ["shandong-textile-deck", view, snapshot.lang, theme, f"slide-{number}" if number else ""]
    return "-".join(part for part in parts if part)


# --- On screen --------------------------------------------------------------------------------

SCREEN_CHART_PX = {"light": 560, "dark": 520}  # plotly needs a height; both leave room for title and footer


def screen_figure(snapshot: Snapshot, theme: str, number: int) -> go.Figure | None:
    """Slide `number`'s chart (1 is the title slide) as the present page shows it, or None.

    Made once per snapshot, theme and slide, as a go.Figure: a slide change reruns the page, and
    st.plotly_chart only copies a Figure to send it, where it would validate a dict anew on every
    run. The figure is shared: show it, never change it.
    """
    figure = snapshot.decks[theme].slides[number - 2].figure if number > 1 else None
    return None if figure is None else _screen_figure(snapshot.id, theme, number, figure)


@st.cache_resource(max_entries=512, show_spinner=False)  # about 16 charts of each of 32 decks
def _screen_figure(snapshot_id: str, theme: str, number: int, _figure: go.Figure) -> go.Figure:
    out = go.Figure(_figure)  # a copy: the deck's figure is shared too
    # The room reads the chart from afar: larger type than the dashboard's 15 px.
    out.update_layout(height=SCREEN_CHART_PX[theme], title=None, font_size=20, hoverlabel_font_size=18)
    if theme == "dark":
        out.update_layout(paper_bgcolor="#000000", plot_bgcolor="#000000")
    return out


def screen_css(theme: str) -> str:
    """The present page's style: the slide fills the window, nothing of the app around it; large type
    for a room; the dark theme is a black 16:9 stage for wall displays."""
    colours = deck.THEMES[theme]
    background = "#000000" if theme == "dark" else f"#{colours.background}"
    stage = (
        # 16:9 inside the window, whichever side limits it.
        ".st-key-present_slide { aspect-ratio: 16 / 9; width: min(100%, calc((100vh - 4.5rem) * 16 / 9));"
        " height: auto; flex: none; margin: 0 auto; }"
        if theme == "dark" else
        ".st-key-present_slide { min-height: calc(100vh - 4.5rem); }"
    )
    widgets = (
        # Streamlit's light widgets would glare on the black stage: dim them to the stage's colours.
        f"[data-testid='stMain'] button:not([aria-checked='true']), [data-testid='stNumberInputContainer'],"
        f" [data-testid='stNumberInputContainer'] input {{ background: #1a1d24 !important;"
        f" color: #{colours.text} !important; -webkit-text-fill-color: #{colours.text} !important;"
        f" border-color: #{colours.muted} !important; }}"
        f" [data-testid='stMain'] button:disabled {{ opacity: 0.45; }}"
        f" [data-testid='stPageLink'] * {{ color: #{colours.text} !important; }}"
        if theme == "dark" else ""
    )
    return f"""<style>
{widgets}
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] {{ display: none !important; }}
[data-testid="stApp"], [data-testid="stMain"] {{ background: {background}; }}
[data-testid="stMainBlockContainer"] {{ max-width: none; padding: 0.75rem 2rem 2rem; }}
.st-key-present_slide {{ display: flex; flex-direction: column; gap: 0.25rem; overflow: hidden;
  box-sizing: border-box; padding: 1.2rem 2.4rem 0.6rem; background: {background}; color: #{colours.text}; }}
{stage}
.st-key-present_slide > div:last-child, .st-key-present_slide > div:has(.present-cover) {{ margin-top: auto; }}
.present-head h1 {{ font-size: 48px; line-height: 1.15; font-weight: 700; margin: 0; padding: 0;
  color: #{colours.text}; }}
.present-sub {{ display: flex; justify-content: space-between; gap: 2rem; font-size: 24px; margin-top: 0.4rem;
  color: #{colours.muted}; }}
.present-status {{ color: #{colours.accent}; font-weight: 700; white-space: nowrap; }}
.present-bullets {{ margin: 1rem 0 0; padding-left: 1.2em; color: #{colours.text}; }}
.present-bullets-full {{ font-size: 32px; line-height: 1.35; }}
.present-bullets-side {{ font-size: 22px; line-height: 1.35; }}
.present-bullets li {{ margin-bottom: 0.45em; }}
.present-cover {{ border-left: 12px solid #{colours.accent}; padding: 1rem 0 1rem 2.5rem; }}
.present-cover h1 {{ font-size: 64px; line-height: 1.15; font-weight: 700; margin: 0; padding: 0;
  color: #{colours.text}; }}
.present-cover p {{ font-size: 28px; margin: 1rem 0 0; color: #{colours.muted}; }}
.present-footer {{ display: flex; justify-content: space-between; gap: 2rem; font-size: 15px; padding-top: 0.4rem;
  border-top: 1px solid #{colours.muted}; color: #{colours.muted}; }}
.present-page {{ white-space: nowrap; font-weight: 700; }}
.st-key-present_nav, .st-key-present_controls, .st-key-present_nav p, [data-testid="stCaptionContainer"],
[data-testid="stWidgetLabel"] p {{ color: #{colours.muted}; }}
</style>"""
