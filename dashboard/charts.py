"""One function per chart: each takes a small long table from dashboard.queries and returns a figure.

Charts are drawn for a projector: large type, a CJK font first in the font list, colours that
survive a washed-out screen, and status colours as Chinese progress reports use them. Hovering a
value shows its original words and document where the value is a figure.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

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


def _layout(fig: go.Figure, title: str = "", height: int = 420, dark: bool = False) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 20}},
        font={"family": FONT, "size": 15, "color": "#e8eef5" if dark else INK},
        template="plotly_dark" if dark else "plotly_white",
        height=height, margin={"l": 10, "r": 10, "t": 60 if title else 20, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1, "title": None},
        hoverlabel={"font": {"family": FONT, "size": 14}, "align": "left"},
        separators=".,",
    )
    return fig


def _wrap(text: str, width: int = 40) -> str:
    """Line breaks for hover text (plotly does not wrap): long Chinese quotes stay readable."""
    text = str(text or "")
    return "<br>".join(text[i:i + width] for i in range(0, len(text), width))


def category_bars(frame: pd.DataFrame, lang: str, title: str = "", dark: bool = False) -> go.Figure:
    """Targets and actuals per indicator category (frame: category_name, sort, kind, figures)."""
    fig = go.Figure()
    order = frame.sort_values("sort")["category_name"].drop_duplicates().tolist()
    for kind in ("target", "actual"):
        part = frame[frame["kind"] == kind].set_index("category_name").reindex(order).fillna({"figures": 0})
        fig.add_bar(y=order, x=part["figures"], name=KIND[kind][lang], orientation="h",
                    marker_color=KIND_COLOURS[kind], text=part["figures"].astype(int), textposition="outside",
                    hovertemplate="%{y}: %{x}<extra>" + KIND[kind][lang] + "</extra>")
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(barmode="group")
    return _layout(fig, title, height=max(320, 44 * len(order) + 80), dark=dark)


def status_bars(frame: pd.DataFrame, lang: str, title: str = "", dark: bool = False) -> go.Figure:
    """Targets per plan by status, stacked (frame: plan_name, status, targets)."""
    fig = go.Figure()
    plans = frame["plan_name"].drop_duplicates().tolist()
    labels = [_wrap(p, 22) for p in plans]
    for status in ("met", "in_progress", "missed", "not_reported"):
        part = frame[frame["status"] == status].set_index("plan_name").reindex(plans)["targets"].fillna(0)
        if not part.any():
            continue
        fig.add_bar(y=labels, x=part, name=STATUS[status][lang], orientation="h",
                    marker_color=LIGHT_COLOURS[STATUS_LIGHT[status]], text=part.astype(int), textposition="inside",
                    hovertemplate="%{y}<br>" + STATUS[status][lang] + ": %{x}<extra></extra>")
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(barmode="stack")
    return _layout(fig, title, height=max(260, 70 * len(plans) + 100), dark=dark)


def completion_chart(frame: pd.DataFrame, lang: str, title: str = "", dark: bool = False) -> go.Figure:
    """完成率 of each target with a comparable actual, beside 序时进度 (frame: the progress query's rows)."""
    rows = frame[frame["completion"].notna()].copy()
    labels = [_wrap(f"{i} {t}", 26) for i, t in zip(rows["indicator_name"], rows["target_stated"], strict=True)]
    hover = [
        f"{formatting.amount(a, u, lang, aq, s)} / "
        f"{formatting.amount(tv, u, lang, tq, ts)}<br>{_wrap(q)}<br><i>{d}</i>"
        for a, aq, s, tv, tq, ts, u, q, d in zip(
            rows["actual_value"], rows["actual_qualifier"], rows["actual_stated"], rows["target_value"],
            rows["target_qualifier"], rows["target_stated"], rows["unit_id"], rows["actual_quote"],
            rows["actual_document"], strict=True)
    ]
    fig = go.Figure()
    fig.add_bar(y=labels, x=rows["completion"] * 100, orientation="h", name=pick_label(lang, "完成率", "Completion"),
                marker_color=[LIGHT_COLOURS[light] for light in rows["light"]],
                text=[formatting.percent(c, lang) for c in rows["completion"]], textposition="outside",
                customdata=hover, hovertemplate="%{customdata}<extra></extra>")
    fig.add_scatter(y=labels, x=rows["elapsed"] * 100, mode="markers", name=pick_label(lang, "序时进度", "Time elapsed"),
                    marker={"symbol": "line-ns-open", "size": 28, "line": {"width": 3}, "color": INK},
                    hovertemplate="%{x:.1f}%<extra></extra>")
    fig.add_vline(x=100, line_dash="dot", line_color="#666")
    fig.update_xaxes(ticksuffix="%", rangemode="tozero")
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, title, height=max(300, 60 * len(rows) + 100), dark=dark)


def pick_label(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


def timeline(frame: pd.DataFrame, lang: str, title: str = "", today: pd.Timestamp | None = None,
             dark: bool = False) -> go.Figure:
    """Every plan's period as a bar on a time axis (frame: plan_name, start_year, end_year, targets)."""
    today = today or pd.Timestamp.today().normalize()
    fig = go.Figure()
    for row in frame.itertuples(index=False):
        start, end = pd.Timestamp(year=row.start_year, month=1, day=1), pd.Timestamp(year=row.end_year, month=12, day=31)
        label = _wrap(row.plan_name, 24)
        fig.add_bar(y=[label], base=[start], x=[(end - start).total_seconds() * 1000 + 86_400_000], orientation="h",
                    marker_color=NAVY, showlegend=False, text=[f"{row.start_year}–{row.end_year}"], textposition="inside",
                    hovertemplate=f"{row.plan_name}<br>{row.start_year}–{row.end_year} · "
                                  + pick_label(lang, f"{row.targets} 项目标", f"{row.targets} targets") + "<extra></extra>")
    fig.add_vline(x=today.timestamp() * 1000, line_dash="dash", line_color=RED)
    fig.add_annotation(x=today.timestamp() * 1000, y=1.02, yref="paper", showarrow=False,
                       text=pick_label(lang, "今天", "Today"), font={"color": RED})
    fig.update_xaxes(type="date", dtick="M12", tickformat="%Y")
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, title, height=max(260, 70 * len(frame) + 100), dark=dark)


@lru_cache(maxsize=1)
def geojson() -> dict:
    """The 16 cities' boundaries shipped in data/geo (read once per process)."""
    return json.loads(GEOJSON.read_text(encoding="utf-8"))


def city_map(frame: pd.DataFrame, measure: str, measure_label: str, lang: str, title: str = "",
             selected: str | None = None, dark: bool = False) -> go.Figure:
    """The 16 cities coloured by `measure` (frame: code, city_name, and the measure columns). Needs no network."""
    fig = go.Figure(go.Choroplethmap(
        geojson=geojson(), featureidkey="properties.code", locations=frame["code"], z=frame[measure],
        text=frame["city_name"], customdata=frame[["city_id"]],
        colorscale=[[0, "#f1f4f8"], [0.0001, "#c6dbef"], [1, NAVY]], zmin=0,
        marker={"line": {"width": [3 if c == selected else 0.8 for c in frame["city_id"]],
                         "color": [RED if c == selected else "#ffffff" for c in frame["city_id"]]}},
        colorbar={"title": {"text": measure_label}, "thickness": 14},
        hovertemplate="%{text}<br>" + measure_label + ": %{z}<extra></extra>",
    ))
    fig.update_layout(map={"style": "white-bg", "center": MAP_CENTER, "zoom": 5.9})
    return _layout(fig, title, height=560, dark=dark)


def city_bars(frame: pd.DataFrame, lang: str, title: str = "", dark: bool = False) -> go.Figure:
    """Clusters and industrial bases hosted per city (frame: city_name, clusters, bases)."""
    rows = frame[(frame["clusters"] > 0) | (frame["bases"] > 0)]
    fig = go.Figure()
    for column, zh, en, colour in (("clusters", "产业集群", "Clusters", NAVY), ("bases", "产业基地（含分基地）", "Industrial bases (incl. sub-bases)", RED)):
        fig.add_bar(x=rows["city_name"], y=rows[column], name=pick_label(lang, zh, en), marker_color=colour,
                    text=rows[column], textposition="outside", hovertemplate="%{x}: %{y}<extra></extra>")
    fig.update_layout(barmode="group")
    return _layout(fig, title, height=400, dark=dark)


def figure_bars(frame: pd.DataFrame, lang: str, title: str = "", dark: bool = False) -> go.Figure:
    """Figures of one unit as bars, one per figure, labelled as stated (frame: the figures query's rows)."""
    rows = frame.sort_values(["indicator_name", "ref_date"])
    labels = [_wrap(f"{i} · {formatting.date_text(d, lang)}", 26)
              for i, d in zip(rows["indicator_name"], rows["as_of"].fillna(rows["period_end"]), strict=True)]
    texts = formatting.amounts(rows, lang, signed="signed", stated="stated")
    hover = [f"{_wrap(q)}<br><i>{d}</i>" for q, d in zip(rows["quote"], rows["document_name"], strict=True)]
    fig = go.Figure(go.Bar(
        y=labels, x=rows["value"], orientation="h", text=texts, textposition="auto",
        marker_color=[KIND_COLOURS[k] for k in rows["kind"]], customdata=hover,
        hovertemplate="%{text}<br>%{customdata}<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(showticklabels=False)
    return _layout(fig, title, height=max(240, 48 * len(rows) + 90), dark=dark)
