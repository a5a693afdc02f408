"""One function per chart: each takes a small long table from dashboard.queries and returns a figure.

A figure is a plain plotly figure dict ({"data": [...], "layout": {...}}): st.plotly_chart validates
it, once, as it sends it. Code that needs plotly's object API (the slides) wraps one in go.Figure.

Charts are drawn for a projector: large type, a CJK font first in the font list, colours that
survive a washed-out screen, and status colours as Chinese progress reports use them. Hovering a
value shows its original words and document where the value is a figure.
"""

from __future__ import annotations

import json
import re
import textwrap
from functools import lru_cache
from pathlib import Path

import pandas as pd

from dashboard import formatting
from dashboard.i18n import KIND, STATUS

FONT = "WenQuanYi Micro Hei, Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif"
INK = "#1f2a37"
NAVY = "#1f4e79"  # targets
RED = "#b22222"  # actuals: the briefing red of official reports
LIGHT_COLOURS = {"green": "#2e7d32", "amber": "#f2a900", "red": "#c62828", "grey": "#9e9e9e"}
STATUS_LIGHT = {"met": "green", "in_progress": "amber", "missed": "red", "not_reported": "grey"}
KIND_COLOURS = {"target": NAVY, "actual": RED}
GEOJSON = Path(__file__).resolve().parents[1] / "data" / "geo" / "shandong-cities.geojson"
MAP_CENTER = {"lon": 118.76, "lat": 36.39}
_HAN = re.compile(r"[\u4e00-\u9fff]")

Figure = dict  # a plotly figure dict: {"data": [...], "layout": {...}}


def _figure(data: list[dict], layout: dict, title: str = "", height: int = 420, dark: bool = False) -> Figure:
    """The figure dict from its traces and layout, with the dashboard's look.

    No template of our own: `"template": None` leaves plotly's default (Streamlit's, applied when
    st.plotly_chart validates the figure), and the dashboard's look comes from these explicit
    colours over it. Exports apply a template of their own (dashboard/deck.py).
    """
    ink = "#e8eef5" if dark else INK
    grid = "#39424e" if dark else "#e3e8ef"
    axis = {"gridcolor": grid, "zerolinecolor": grid, "linecolor": grid, "automargin": True}
    base = {
        "template": None,
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 20, "color": ink}},
        "font": {"family": FONT, "size": 15, "color": ink},
        "paper_bgcolor": "#0b0f14" if dark else "#ffffff", "plot_bgcolor": "#0b0f14" if dark else "#ffffff",
        "height": height, "margin": {"l": 10, "r": 60, "t": 60 if title else 20, "b": 10},  # room for values beside bars
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1, "title": {"text": ""}},
        "hoverlabel": {"font": {"family": FONT, "size": 14}, "align": "left"},
        "separators": ".,",
        "xaxis": {**axis, **layout.pop("xaxis", {})},
        "yaxis": {**axis, **layout.pop("yaxis", {})},
    }
    return {"data": data, "layout": {**base, **layout}}


def _wrap(text: str, width: int = 40) -> str:
    """Line breaks for labels and hover text (plotly does not wrap). Chinese breaks anywhere; text with
    spaces breaks between words, at about twice the width (Latin letters are half as wide)."""
    text = str(text or "")
    if " " in text and not _HAN.search(text):
        return "<br>".join(textwrap.wrap(text, width * 2)) or text
    return "<br>".join(text[i:i + width] for i in range(0, len(text), width))


def category_bars(frame: pd.DataFrame, lang: str, title: str = "", dark: bool = False) -> Figure:
    """Targets and actuals per indicator category (frame: category_name, sort, kind, figures)."""
    # A few dozen rows: plain lists, where a pandas reindex per trace would cost a millisecond each.
    rows = sorted(zip(frame["category_name"].tolist(), frame["sort"].tolist(), frame["kind"].tolist(),
                      frame["figures"].tolist(), strict=True), key=lambda row: row[1])
    order = list(dict.fromkeys(row[0] for row in rows))
    counts = {kind: dict.fromkeys(order, 0) for kind in ("target", "actual")}
    for name, _, kind, figures in rows:
        if kind in counts:
            counts[kind][name] += int(figures)
    data = []
    for kind in ("target", "actual"):
        values = list(counts[kind].values())
        data.append({"type": "bar", "y": order, "x": values, "name": KIND[kind][lang], "orientation": "h",
                     "marker": {"color": KIND_COLOURS[kind]}, "text": values, "textposition": "outside", "cliponaxis": False,
                     "hovertemplate": "%{y}: %{x}<extra>" + KIND[kind][lang] + "</extra>"})
    return _figure(data, {"barmode": "group", "yaxis": {"autorange": "reversed"}}, title,
                   height=max(320, 44 * len(order) + 80), dark=dark)


def status_bars(frame: pd.DataFrame, lang: str, title: str = "", dark: bool = False) -> Figure:
    """Targets per plan by status, stacked (frame: plan_name, status, targets)."""
    names, statuses, targets = frame["plan_name"].tolist(), frame["status"].tolist(), frame["targets"].tolist()
    plans = list(dict.fromkeys(names))
    labels = [_wrap(p, 22) for p in plans]
    counts = {status: dict.fromkeys(plans, 0) for status in STATUS_LIGHT}
    for plan, status, n in zip(names, statuses, targets, strict=True):
        if status in counts:
            counts[status][plan] += int(n)
    data = []
    for status in ("met", "in_progress", "missed", "not_reported"):
        values = list(counts[status].values())
        if not any(values):
            continue
        data.append({"type": "bar", "y": labels, "x": values, "name": STATUS[status][lang], "orientation": "h",
                     "marker": {"color": LIGHT_COLOURS[STATUS_LIGHT[status]]}, "text": values, "textposition": "inside",
                     "hovertemplate": "%{y}<br>" + STATUS[status][lang] + ": %{x}<extra></extra>"})
    return _figure(data, {"barmode": "stack", "showlegend": True, "yaxis": {"autorange": "reversed"}}, title,
                   height=max(260, 70 * len(plans) + 100), dark=dark)


def completion_chart(frame: pd.DataFrame, lang: str, title: str = "", dark: bool = False) -> Figure:
    """完成率 of each target with a comparable actual, beside 序时进度 (frame: the progress query's rows)."""
    rows = frame[frame["completion"].notna()]
    targets = formatting.amounts(rows, lang, signed="signed", value="target_value", qualifier="target_qualifier",
                                 stated="target_stated").tolist()
    # The hover repeats both amounts unsigned, as stated.
    actual_plain = formatting.amounts(rows, lang, value="actual_value", qualifier="actual_qualifier",
                                      stated="actual_stated").tolist()
    target_plain = formatting.amounts(rows, lang, value="target_value", qualifier="target_qualifier",
                                      stated="target_stated").tolist()
    labels = [_wrap(f"{i} {t}", 26) for i, t in zip(rows["indicator_name"].tolist(), targets, strict=True)]
    hover = [f"{a} / {t}<br>{_wrap(q)}<br><i>{d}</i>" for a, t, q, d in zip(
        actual_plain, target_plain, rows["actual_quote"].tolist(), rows["actual_document"].tolist(), strict=True)]
    completion, elapsed = rows["completion"].tolist(), rows["elapsed"].tolist()
    data = [
        {"type": "bar", "y": labels, "x": [c * 100 for c in completion], "orientation": "h",
         "name": pick_label(lang, "完成率", "Completion"),
         "marker": {"color": [LIGHT_COLOURS[light] for light in rows["light"].tolist()]},
         "text": [formatting.percent(c, lang) for c in completion], "textposition": "outside",
         "cliponaxis": False,
         "customdata": hover, "hovertemplate": "%{customdata}<extra></extra>"},
        {"type": "scatter", "y": labels, "x": [e * 100 for e in elapsed], "mode": "markers",
         "name": pick_label(lang, "序时进度", "Time elapsed"),
         "marker": {"symbol": "line-ns-open", "size": 28, "line": {"width": 3, "color": RED if dark else INK}},
         "hovertemplate": "%{x:.1f}%<extra></extra>"},
    ]
    layout = {"xaxis": {"ticksuffix": "%", "rangemode": "tozero"}, "yaxis": {"autorange": "reversed"},
              "shapes": [{"type": "line", "x0": 100, "x1": 100, "xref": "x", "y0": 0, "y1": 1, "yref": "paper",
                          "line": {"dash": "dot", "color": "#666"}}]}
    return _figure(data, layout, title, height=max(300, 60 * len(rows) + 100), dark=dark)


def pick_label(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


def timeline(frame: pd.DataFrame, lang: str, title: str = "", today: pd.Timestamp | None = None,
             dark: bool = False) -> Figure:
    """Every plan's period as a bar on a time axis (frame: plan_name, start_year, end_year, targets)."""
    today = (today or pd.Timestamp.today()).strftime("%Y-%m-%d")
    bars = {"type": "bar", "orientation": "h", "marker": {"color": NAVY}, "showlegend": False, "textposition": "inside",
            "y": [], "base": [], "x": [], "text": [], "customdata": []}
    for row in frame.itertuples(index=False):
        days = (pd.Timestamp(year=row.end_year, month=12, day=31) - pd.Timestamp(year=row.start_year, month=1, day=1)).days + 1
        bars["y"].append(_wrap(row.plan_name, 24))
        bars["base"].append(f"{row.start_year}-01-01")
        bars["x"].append(days * 86_400_000)  # a bar's length on a date axis is in milliseconds
        bars["text"].append(f"{row.start_year}–{row.end_year}")
        bars["customdata"].append(f"{row.plan_name}<br>{row.start_year}–{row.end_year} · "
                                  + pick_label(lang, f"{row.targets} 项目标", f"{row.targets} targets"))
    bars["hovertemplate"] = "%{customdata}<extra></extra>"
    layout = {"xaxis": {"type": "date", "dtick": "M12", "tickformat": "%Y"}, "yaxis": {"autorange": "reversed"},
              "shapes": [{"type": "line", "x0": today, "x1": today, "xref": "x", "y0": 0, "y1": 1, "yref": "paper",
                          "line": {"dash": "dash", "color": RED}}],
              "annotations": [{"x": today, "y": 1.02, "yref": "paper", "showarrow": False,
                               "text": pick_label(lang, "今天", "Today"), "font": {"color": RED}}]}
    return _figure([bars], layout, title, height=max(260, 70 * len(frame) + 100), dark=dark)


@lru_cache(maxsize=1)
def geojson() -> dict:
    """The 16 cities' boundaries shipped in data/geo (read once per process)."""
    return json.loads(GEOJSON.read_text(encoding="utf-8"))


def city_map(frame: pd.DataFrame, measure: str, measure_label: str, lang: str, title: str = "",
             selected: str | None = None, dark: bool = False) -> Figure:
    """The 16 cities coloured by `measure` (frame: code, city_name, and the measure columns). Needs no network."""
    data = [{
        "type": "choroplethmap", "geojson": geojson(), "featureidkey": "properties.code",
        "locations": frame["code"].tolist(), "z": frame[measure].tolist(), "text": frame["city_name"].tolist(),
        "customdata": [[c] for c in frame["city_id"]],
        "colorscale": [[0, "#f1f4f8"], [0.0001, "#c6dbef"], [1, NAVY]], "zmin": 0,
        "marker": {"line": {"width": [3 if c == selected else 0.8 for c in frame["city_id"]],
                            "color": [RED if c == selected else "#ffffff" for c in frame["city_id"]]}},
        "colorbar": {"title": {"text": measure_label}, "thickness": 14},
        "hovertemplate": "%{text}<br>" + measure_label + ": %{z}<extra></extra>",
    }]
    return _figure(data, {"map": {"style": "white-bg", "center": MAP_CENTER, "zoom": 5.9}}, title, height=560, dark=dark)


def city_bars(frame: pd.DataFrame, lang: str, title: str = "", dark: bool = False) -> Figure:
    """Clusters and industrial bases hosted per city (frame: city_name, clusters, bases)."""
    rows = frame[(frame["clusters"] > 0) | (frame["bases"] > 0)]
    data = [{"type": "bar", "x": rows["city_name"].tolist(), "y": rows[column].tolist(), "name": pick_label(lang, zh, en),
             "marker": {"color": colour}, "text": rows[column].tolist(), "textposition": "outside", "cliponaxis": False,
             "hovertemplate": "%{x}: %{y}<extra></extra>"}
            for column, zh, en, colour in (("clusters", "产业集群", "Clusters", NAVY),
                                           ("bases", "产业基地（含分基地）", "Industrial bases (incl. sub-bases)", RED))]
    return _figure(data, {"barmode": "group"}, title, height=400, dark=dark)


def figure_bars(frame: pd.DataFrame, lang: str, title: str = "", dark: bool = False) -> Figure:
    """Figures of one unit as bars, one per figure, labelled as stated (frame: the figures query's rows)."""
    rows = frame.sort_values(["indicator_name", "ref_date"])
    labels = [_wrap(f"{i} · {formatting.date_text(d, lang)}", 26)
              for i, d in zip(rows["indicator_name"], rows["as_of"].fillna(rows["period_end"]), strict=True)]
    texts = formatting.amounts(rows, lang, signed="signed", stated="stated")
    hover = [f"{_wrap(q)}<br><i>{d}</i>" for q, d in zip(rows["quote"], rows["document_name"], strict=True)]
    data = [{"type": "bar", "y": labels, "x": rows["value"].tolist(), "orientation": "h", "text": texts.tolist(),
             "textposition": "auto", "marker": {"color": [KIND_COLOURS[k] for k in rows["kind"]]}, "customdata": hover,
             "hovertemplate": "%{text}<br>%{customdata}<extra></extra>"}]
    return _figure(data, {"yaxis": {"autorange": "reversed"}, "xaxis": {"showticklabels": False}}, title,
                   height=max(240, 48 * len(rows) + 90), dark=dark)
