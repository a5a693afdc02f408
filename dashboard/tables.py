"""Tables as the pages show them: a displayed frame (formatted, headed in the run's language) and its
raw twin (base units, one column per field), placed with their downloads and source line.

Every table on every page goes through `show`, so each has the same CSV/Excel downloads of exactly
the rows shown and a source line naming its documents.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import streamlit as st

from dashboard import downloads, formatting, i18n
from dashboard.i18n import KIND, LIGHT, STATUS, t

FIGURE_RAW = ["id", "kind", "indicator_id", "indicator_name", "sector_name", "region_id", "region_name", "cluster_id",
              "cluster_name", "plan_id", "plan_name", "subject", "period_start", "period_end", "as_of", "value",
              "unit_id", "qualifier", "stated", "quote", "document_id", "document_name", "source_file", "source_line"]


def _words(values: pd.Series, vocabulary: dict) -> list[str]:
    lang = i18n.lang()
    return [vocabulary.get(key, {}).get(lang, key) for key in values.tolist()]


def figure_table(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Figures (the figures query's rows) as (displayed, raw)."""
    lang = i18n.lang()
    # Columns as plain lists: a page table has at most a few hundred rows, and building the frame
    # from lists costs a fraction of aligning Series.
    columns = {
        t("col_indicator"): frame["indicator_name"].tolist(),
        t("col_value"): formatting.amounts(frame, lang, signed="signed", stated="stated").tolist(),
        t("col_kind"): _words(frame["kind"], KIND),
        t("col_region"): frame["region_name"].tolist(),
        t("col_cluster"): frame["cluster_name"].tolist(),
        t("col_subject"): frame["subject"].tolist(),
        t("col_period"): _period(frame),
        t("col_quote"): frame["quote"].tolist(),
        t("col_document"): frame["document_name"].tolist(),
    }
    display = pd.DataFrame(columns, index=frame.index, dtype=object)
    if lang == "en":
        display.insert(2, t("col_stated"), frame["stated"])
    return display, frame[[c for c in FIGURE_RAW if c in frame]]


def _period(frame: pd.DataFrame) -> list[str]:
    """A figure's date as shown: its as-of date if it has one, else its period."""
    lang = i18n.lang()
    ends = frame["period_end"].tolist()
    starts = [end if formatting.missing(start) else start for start, end in zip(frame["period_start"].tolist(), ends, strict=True)]
    spans = formatting.periods(starts, ends, lang).tolist()
    return [span if formatting.missing(as_of) else formatting.date_text(as_of, lang)
            for as_of, span in zip(frame["as_of"].tolist(), spans, strict=True)]


def progress_table(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Targets beside their comparable actuals (the progress query's rows) as (displayed, raw)."""
    lang = i18n.lang()
    target = formatting.amounts(frame, lang, signed="signed", value="target_value", qualifier="target_qualifier",
                                stated="target_stated").tolist()
    actual = formatting.amounts(frame, lang, signed="signed",
                                value="actual_value", qualifier="actual_qualifier", stated="actual_stated").tolist()
    actual = [text if not formatting.missing(actual_id) else "—" for actual_id, text in zip(frame["actual_id"].tolist(), actual, strict=True)]
    region = [f"{r} · {c}" if c else r for r, c in zip(frame["region_name"].tolist(), frame["cluster_name"].tolist(), strict=True)]
    display = pd.DataFrame({
        t("col_plan"): frame["plan_name"].tolist(),
        t("col_task"): frame["task_name"].tolist(),
        t("col_indicator"): frame["indicator_name"].tolist(),
        t("col_region"): region,
        t("col_target"): target,
        t("col_actual"): actual,
        t("col_status"): _words(frame["status"], STATUS),
        t("col_light"): _words(frame["light"], LIGHT),
        t("col_completion"): [formatting.percent(c, lang) if not formatting.missing(c) else "—" for c in frame["completion"].tolist()],
        t("col_elapsed"): [formatting.percent(e, lang) if not formatting.missing(e) else "—" for e in frame["elapsed"].tolist()],
        t("col_target_quote"): frame["target_quote"].tolist(),
        t("col_actual_quote"): [q if not formatting.missing(q) else "" for q in frame["actual_quote"].tolist()],
        t("col_document"): frame["target_document"].tolist(),
    }, index=frame.index, dtype=object)
    raw = frame[["id", "plan_id", "task_id", "indicator_name", "region_name", "cluster_name", "target_value",
                 "target_qualifier", "target_stated", "unit_id", "period_start", "period_end", "actual_id",
                 "actual_value", "actual_qualifier", "actual_stated", "actual_date", "status", "light", "completion",
                 "elapsed", "target_quote", "actual_quote", "target_document", "actual_document"]]
    return display, raw


def ledger_table(frame: pd.DataFrame) -> pd.DataFrame:
    """A plan's task ledger (the task_ledger query's rows) as displayed: task, units, targets, statuses."""
    lang = i18n.lang()
    joiner = "、" if lang == "zh" else "; "

    def statuses(row) -> str:
        parts = [f"{i18n.word(STATUS, s)} {row[s]}" for s in ("met", "in_progress", "missed", "not_reported") if row[s]]
        return joiner.join(parts) or "—"

    return pd.DataFrame({
        t("col_number"): frame["number"],
        t("col_level"): _words(frame["kind"], i18n.TASK_KIND),
        t("col_task"): frame["task_name"],
        t("col_responsible"): [joiner.join(units) for units in frame["units"]],
        t("col_target"): frame["target_stated"].replace("", "—"),
        t("col_status"): [statuses(row) for _, row in frame.iterrows()],
    })


def cluster_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Clusters and bases (the clusters query's rows) as displayed."""
    joiner = "、" if i18n.lang() == "zh" else ", "
    return pd.DataFrame({
        t("col_name"): frame["cluster_name"],
        t("col_level"): _words(frame["kind"], i18n.CLUSTER_KIND),
        t("col_cities"): [joiner.join(c) for c in frame["cities"]],
        t("col_region"): frame["regions"],
        t("col_parent"): frame["parent_name"],
        t("col_figures"): frame["figures"],
        t("col_document"): frame["document_name"],
    })


def document_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Documents (the documents query's rows) as displayed."""
    return pd.DataFrame({
        t("col_title"): frame["title"],
        t("col_publisher"): frame["publisher"],
        t("col_published"): frame["published"],
        t("col_kind"): _words(frame["kind"], i18n.DOCUMENT_KIND),
        t("col_figures"): frame["figures"],
        t("col_excluded"): frame["exclusions"],
        t("col_url"): frame["url"],
        t("col_license"): frame["license"],
    })


_SENTENCE_END = "。！？；!?;\n"
_LEAD = 30


def in_context(frame: pd.DataFrame) -> pd.Series:
    """Each quote inside its sentence from the document: text before it back to the previous sentence
    end, the quote in 【】, and the text after it up to the next sentence end."""
    texts = []
    for before, matched, after in zip(frame["before"].fillna(""), frame["matched"].fillna(""),
                                      frame["after"].fillna(""), strict=True):
        cut = max(before.rfind(mark) for mark in _SENTENCE_END)
        lead = before[cut + 1:]
        if len(lead) > _LEAD:  # a long sentence: keep the words next to the quote
            lead, cut = lead[-_LEAD:], -1
        ends = [after.find(mark) for mark in _SENTENCE_END if after.find(mark) >= 0]
        tail = after[:min(ends) + 1] if ends else after + "…"
        texts.append(f"{'' if cut >= 0 else '…'}{lead}【{matched}】{tail}".replace("\n", " "))
    return pd.Series(texts, index=frame.index, dtype=object)


def sources_of(frame: pd.DataFrame, *columns: str) -> str:
    """The source line of a table: its distinct documents, in order of appearance."""
    names: list[str] = []
    for column in columns or ("document_name",):
        if column in frame:
            names += [n for n in frame[column].dropna().tolist() if n]
    unique = list(dict.fromkeys(names))
    return t("source_line", sources="；".join(unique) if i18n.lang() == "zh" else "; ".join(unique))


@dataclass(frozen=True)
class Shown:
    """A displayed frame with the grid made from it once: for tables kept with the build (dashboard/views.py)."""

    frame: pd.DataFrame
    grid: pa.Table | pd.DataFrame


def shown(display: pd.DataFrame) -> Shown:
    return Shown(display, _grid(display))


def show(display: pd.DataFrame | Shown, raw: pd.DataFrame, *, stem: str, source: str, key: str,
         column_config: dict | None = None, height: int | str = "auto") -> None:
    """A table, its downloads (CSV of the displayed rows; Excel with displayed and raw sheets) and its source."""
    display, grid = (display.frame, display.grid) if isinstance(display, Shown) else (display, _grid(display))
    st.dataframe(grid, hide_index=True, column_config=column_config, height=height)
    downloads.download_buttons(display, raw, stem, source, key=key, lang=i18n.lang())
    st.caption(source)


def _grid(display: pd.DataFrame) -> pa.Table | pd.DataFrame:
    """The displayed frame as the grid receives it, with a missing text shown blank, never as "None".

    Converted to Arrow here (st.dataframe would convert it anyway), where a column's missing values
    are counted for free; filling them in pandas would test every cell of every column first.
    A frame Arrow cannot take as it is (repeated headers, mixed types) is filled in pandas and left
    to Streamlit's own conversion.
    """
    try:
        if display.columns.has_duplicates:
            raise ValueError("repeated headers")
        table = pa.Table.from_pandas(display, preserve_index=False)
    except (ValueError, TypeError, pa.ArrowException):
        filled = display.copy(deep=False)
        for position in range(filled.shape[1]):  # by position: headers may repeat
            column = filled.iloc[:, position]
            if not pd.api.types.is_numeric_dtype(column) and column.hasnans:
                filled.isetitem(position, column.fillna(""))
        return filled
    for position, field in enumerate(table.schema):
        column = table.column(position)
        if column.null_count and _textual(field.type):
            table = table.set_column(position, pa.field(field.name, pa.string()), pc.fill_null(column.cast(pa.string()), ""))
    return table


def _textual(kind: pa.DataType) -> bool:
    """Shown as text in the grid (numbers keep their empty cells; a column of nothing is text)."""
    return (pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_null(kind)
            or pa.types.is_temporal(kind))


def quote_config(*names: str) -> dict:
    """Wide text columns for quotes, so the original words are readable in the table."""
    return {name: st.column_config.TextColumn(name, width="large") for name in names}
