"""The rows a table shows, as files: CSV that Excel opens with its Chinese intact, and a workbook.

The workbook holds three sheets:

- "显示 Display": the table exactly as shown on screen (formatted text, the on-screen headers);
- "原始 Raw": the same rows in base units, one column per field, numbers as numbers (450亿元 is
  45000000000) and partial dates as the text the data holds ("2024-07");
- "来源 Source": where the figures come from and when the file was made.

No cell becomes code in a spreadsheet: workbook text is always stored as text, and a CSV text
cell that Excel would run as a formula (=, +, -, @ first, other than a plain number such as
"-2.3%") is prefixed with an apostrophe, the convention that makes Excel show it as text.

Everything but `download_buttons` is pure (no Streamlit), so it is tested without a server.
"""

from __future__ import annotations

import datetime
import io
import math
import numbers
import re
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal

import numpy as np
import pandas as pd

__all__ = [
    "CSV_MIME",
    "SOURCE_SHEET",
    "XLSX_MIME",
    "csv_bytes",
    "download_buttons",
    "file_name",
    "xlsx_bytes",
]

CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SOURCE_SHEET = "来源 Source"

_LABELS = {
    "zh": ("下载 CSV", "下载 Excel"),
    "en": ("Download CSV", "Download Excel"),
}

# Excel runs a cell typed like this as a formula (OWASP "CSV injection")...
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# ...unless it is a plain signed number, which must stay as it is shown.
_PLAIN_NUMBER = re.compile(r"^[+-]?[0-9][0-9,]*(\.[0-9]+)?%?$")

# The characters openpyxl refuses in a cell (its ILLEGAL_CHARACTERS_RE). openpyxl itself is imported
# only when a workbook is made: importing it costs a page's first run about 0.2 s.
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
_MAX_WIDTH = 60  # characters; longer text (quotes) stays readable in the cell itself
_WIDTH_SAMPLE = 500  # rows looked at to size a column: enough to see its typical width
_EXCEL_INTEGER = 2**53  # above this a float no longer holds every integer exactly


# --- CSV ---------------------------------------------------------------------------------------


def _defused(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """`frame` as CSV in UTF-8 with a byte-order mark (so Excel reads it as UTF-8), no index."""
    safe = frame.copy(deep=False)
    for position in range(safe.shape[1]):  # by position: headers may repeat
        series = safe.iloc[:, position]
        if series.dtype == object or pd.api.types.is_string_dtype(series.dtype):
            safe.isetitem(position, series.map(_defused, na_action="ignore"))
    return safe.to_csv(index=False).encode("utf-8-sig")


# --- Workbook ----------------------------------------------------------------------------------


def _text(value: str) -> str:
    # XML cannot hold most control characters; openpyxl refuses a cell that has one.
    return _ILLEGAL.sub("", value)


def _cell(value: object) -> object:
    """A value openpyxl writes faithfully: numbers as numbers, everything else as text."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, (numbers.Real, Decimal)):
        number = value if isinstance(value, Decimal) else float(value)
        if number.is_nan() if isinstance(number, Decimal) else math.isnan(number):
            return None  # an empty cell, as in the table
        if abs(number) == float("inf"):
            return str(number)
        if number == int(number) and abs(number) < _EXCEL_INTEGER:
            return int(number)
        return float(number)
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return _text(str(value))


def _width(text: str) -> int:
    """Columns a text needs: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _write_rows(sheet, header: Sequence[object], rows: Iterable[Sequence[object]]) -> None:
    """Bold, frozen header; cells written with `_cell`; every column as wide as its content."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    names = [_text(str(name)) for name in header]
    sheet.append(names)
    for cell in sheet[1]:
        cell.data_type = "s"  # a header such as "=x" is a name, not a formula
    widths = [_width(name) for name in names]
    for index, row in enumerate(rows):
        values = [_cell(value) for value in row]
        sheet.append(values)
        line = index + 2
        for column, value in enumerate(values, start=1):
            if isinstance(value, str):
                # openpyxl takes a string starting with "=" for a formula; data is never code.
                if value.startswith("="):
                    sheet.cell(line, column).data_type = "s"
                if index < _WIDTH_SAMPLE:
                    widths[column - 1] = max(widths[column - 1], _width(value))
            elif isinstance(value, int) and not isinstance(value, bool):
                # "General" shows 450000000000 as 4.5E+11; base units are read in full.
                sheet.cell(line, column).number_format = "0"
                if index < _WIDTH_SAMPLE:
                    widths[column - 1] = max(widths[column - 1], len(str(value)))
            elif value is not None and index < _WIDTH_SAMPLE:
                widths[column - 1] = max(widths[column - 1], len(str(value)))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 8), _MAX_WIDTH)
    if names and sheet.max_row > 1:
        sheet.auto_filter.ref = sheet.dimensions


def _check_sheet_name(name: str) -> str:
    if not name or len(name) > 31 or re.search(r"[\[\]:*?/\\]", name) or name.startswith("'"):
        raise ValueError(
            f"sheet name {name!r} is not allowed in Excel: 1–31 characters, none of []:*?/\\"
        )
    return name


def xlsx_bytes(
    display: pd.DataFrame,
    raw: pd.DataFrame,
    source: str,
    sheet_names: tuple[str, str] = ("显示 Display", "原始 Raw"),
    *,
    generated: datetime.datetime | None = None,
) -> bytes:
    """One workbook: the displayed table, its raw rows and a source sheet (see the module doc).

    `source` may hold several lines (one row each). `generated` defaults to now; a time without
    a zone is taken as local time and written with its offset.
    """
    names = [_check_sheet_name(name) for name in (*sheet_names, SOURCE_SHEET)]
    if len(set(names)) != len(names):
        raise ValueError(f"sheet names must differ, got {names}")
    when = generated or datetime.datetime.now()
    if when.tzinfo is None:  # a time without its zone is ambiguous in a file sent elsewhere
        when = when.astimezone()

    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    shown = book.active
    shown.title = names[0]
    _write_rows(shown, list(display.columns), display.itertuples(index=False, name=None))
    _write_rows(book.create_sheet(names[1]), list(raw.columns), raw.itertuples(index=False, name=None))

    about = book.create_sheet(names[2])
    lines = [line for line in str(source).splitlines() if line.strip()] or [""]
    rows = [("来源 Source", lines[0]), *(("", line) for line in lines[1:])]
    rows += [
        ("生成时间 Generated", when.isoformat(sep=" ", timespec="seconds")),
        ("行数 Rows", len(display)),
    ]
    for label, text in rows:
        about.append([label, _cell(text)])
        if isinstance(text, str) and text.startswith("="):
            about.cell(about.max_row, 2).data_type = "s"
    for cell in about["A"]:
        cell.font = Font(bold=True)
    about.column_dimensions["A"].width = 20
    about.column_dimensions["B"].width = min(max(_width(line) for line in lines) + 2, 120)

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- Names and buttons -------------------------------------------------------------------------


def file_name(stem: str, ext: str, today: datetime.date | None = None) -> str:
    """A download name safe on every system: "Plan tracker" + "csv" -> "plan-tracker_2026-01-13.csv".

    Only ASCII letters and digits survive (others become "-"), so a stem should be an English
    slug; a stem with none left becomes "data".
    """
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:60].strip("-") or "data"
    suffix = re.sub(r"[^a-z0-9]", "", ext.lower()) or "dat"
    return f"{slug}_{(today or datetime.date.today()).isoformat()}.{suffix}"


def download_buttons(
    display: pd.DataFrame,
    raw: pd.DataFrame,
    stem: str,
    source: str,
    key: str,
    lang: str = "zh",
) -> None:
    """Two buttons side by side: the displayed table as CSV, and the workbook.

    `key` prefixes both widget keys, so several tables on one page do not clash. The files are
    built only when a button is pressed, and pressing one does not rerun the page.
    """
    import streamlit as st  # here, so the rest of the module imports without Streamlit

    csv_label, xlsx_label = _LABELS[lang] if lang in _LABELS else _LABELS["zh"]
    row = st.container(horizontal=True)
    row.download_button(
        csv_label, data=lambda: csv_bytes(display), file_name=file_name(stem, "csv"),
        mime=CSV_MIME, key=f"{key}_csv", on_click="ignore", icon=":material/download:",
    )
    row.download_button(
        xlsx_label, data=lambda: xlsx_bytes(display, raw, source), file_name=file_name(stem, "xlsx"),
        mime=XLSX_MIME, key=f"{key}_xlsx", on_click="ignore", icon=":material/download:",
    )
