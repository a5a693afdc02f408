"""Downloads hold exactly the rows shown: CSV Excel opens in Chinese, and a workbook with raw numbers."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from dashboard import downloads
from dashboard.downloads import SOURCE_SHEET, csv_bytes, file_name, xlsx_bytes
from dashboard.formatting import amounts, periods

FIGURES = Path(__file__).resolve().parent.parent / "data" / "curated" / "figures"
SOURCE = "来源：山东省人民政府新闻办公室发布会（2026年1月13日）\nSource: Shandong press conference, 13 Jan 2026"
WHEN = datetime.datetime(2026, 1, 13, 10, 2, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))


def raw_figures() -> pd.DataFrame:
    """The curated figures as the warehouse returns them: values as floats, dates as text."""
    frame = pd.concat([pd.read_csv(path, dtype=str, keep_default_na=False) for path in sorted(FIGURES.glob("*.csv"))])
    frame = frame.replace("", None).reset_index(drop=True)
    frame["value"] = frame["value"].astype(float)
    return frame[["id", "indicator_id", "period_start", "period_end", "as_of", "value", "unit_id", "qualifier",
                  "stated", "quote"]]


def displayed(raw: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    return pd.DataFrame({
        "指标 Indicator": raw["indicator_id"],
        "数值 Value": amounts(raw, lang),
        "时间 Period": periods(raw["period_start"], raw["period_end"].fillna(raw["as_of"]), lang),
        "原文 Quote": raw["quote"],
    })


@pytest.fixture(scope="module")
def raw() -> pd.DataFrame:
    return raw_figures()


@pytest.fixture(scope="module")
def display(raw) -> pd.DataFrame:
    return displayed(raw)


@pytest.fixture(scope="module")
def workbook(display, raw):
    return load_workbook(io.BytesIO(xlsx_bytes(display, raw, SOURCE, generated=WHEN)))


# --- CSV ---------------------------------------------------------------------------------------


def test_csv_should_start_with_a_bom_and_read_back_to_the_displayed_rows(display):
    data = csv_bytes(display)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(back.columns) == list(display.columns)  # no index column
    assert back.shape == display.shape
    pd.testing.assert_frame_equal(back, display.fillna("").astype(str), check_dtype=False)


def test_csv_should_keep_chinese_and_qualifiers_verbatim(display):
    text = csv_bytes(display).decode("utf-8-sig")
    for phrase in ("5万余家", "超40万人", "突破500亿元", "2026年1月13日", "数值 Value"):
        assert phrase in text


def test_csv_should_keep_numbers_and_empty_cells_of_a_raw_frame(raw):
    rows = list(csv.DictReader(io.StringIO(csv_bytes(raw).decode("utf-8-sig"))))
    assert len(rows) == len(raw)
    first = raw.iloc[0]
    assert float(rows[0]["value"]) == first["value"]
    assert rows[0]["as_of"] == ("" if pd.isna(first["as_of"]) else first["as_of"])


# Text that Excel would run as a formula is shown as text; plain signed numbers stay as they are.
@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("-2.3%", "-2.3%"),
        ("+5", "+5"),
        ("-1,234.5", "-1,234.5"),
        ("下降12.9%", "下降12.9%"),
        ("—", "—"),
    ],
)
def test_csv_should_not_let_a_cell_become_a_formula(cell, written):
    frame = pd.DataFrame({"数值 Value": [cell]})
    rows = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8-sig"))))
    assert rows == [["数值 Value"], [written]]


def test_csv_should_handle_repeated_headers_and_string_dtypes():
    frame = pd.DataFrame([["=1", "a"], ["b", None]], columns=["值", "值"]).astype("string")
    rows = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8-sig"))))
    assert rows == [["值", "值"], ["'=1", "a"], ["b", ""]]
    assert frame.iloc[0, 0] == "=1"  # the caller's frame is left alone


# --- Workbook ----------------------------------------------------------------------------------


def test_workbook_should_hold_display_raw_and_source_sheets(workbook):
    assert workbook.sheetnames == ["显示 Display", "原始 Raw", SOURCE_SHEET]


def test_display_sheet_should_hold_the_displayed_table(workbook, display):
    sheet = workbook["显示 Display"]
    rows = list(sheet.values)
    assert list(rows[0]) == list(display.columns)
    assert len(rows) - 1 == len(display)
    assert [list(row) for row in rows[1:]] == display.astype(object).where(display.notna(), None).values.tolist()
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"


def test_raw_sheet_should_hold_numbers_as_numbers_and_dates_as_text(workbook, raw):
    sheet = workbook["原始 Raw"]
    rows = list(sheet.values)
    header = list(rows[0])
    assert header == list(raw.columns)
    assert len(rows) - 1 == len(raw)
    value, as_of, start = header.index("value"), header.index("as_of"), header.index("period_start")
    for row, (_, expected) in zip(rows[1:], raw.iterrows(), strict=True):
        assert isinstance(row[value], (int, float)) and not isinstance(row[value], bool)
        assert Decimal(str(row[value])) == Decimal(repr(expected["value"]))
        for column, name in ((as_of, "as_of"), (start, "period_start")):
            assert row[column] == (None if pd.isna(expected[name]) else expected[name])
    by_id = {row[0]: row for row in rows[1:]}
    assert by_id["p26-018"][value] == 45000000000  # 450亿元 in base units
    assert by_id["t24-012"][value] == 29.7
    assert by_id["t24-020"][start] == "2024-01"  # a partial date stays text
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"


def test_source_sheet_should_hold_the_source_lines_and_the_generation_time(workbook, display):
    rows = list(workbook[SOURCE_SHEET].values)
    assert rows[0] == ("来源 Source", SOURCE.splitlines()[0])
    assert rows[1] == (None, SOURCE.splitlines()[1])
    assert rows[2] == ("生成时间 Generated", "2026-01-13 10:02:00+08:00")
    assert rows[3] == ("行数 Rows", len(display))


def test_columns_should_be_wide_enough_for_chinese_headers(workbook):
    sheet = workbook["显示 Display"]
    # "原文 Quote" is 10 columns wide on screen; quotes are capped so the sheet stays usable.
    widths = [sheet.column_dimensions[letter].width for letter in "ABCD"]
    assert all(width >= 10 for width in widths)
    assert widths[3] == 60


def test_workbook_should_store_text_as_text_never_as_a_formula():
    display = pd.DataFrame({"值 Value": ["=1+1", "@x", "普通"]})
    raw = pd.DataFrame({"=value": ["=SUM(A1:A2)", "b", "c"]})
    book = load_workbook(io.BytesIO(xlsx_bytes(display, raw, "=danger()", generated=WHEN)))
    assert [c.value for c in book["显示 Display"]["A"]] == ["值 Value", "=1+1", "@x", "普通"]
    assert {c.data_type for c in book["显示 Display"]["A"]} == {"s"}
    assert [(c.value, c.data_type) for c in book["原始 Raw"]["A"][:2]] == [("=value", "s"), ("=SUM(A1:A2)", "s")]
    assert book[SOURCE_SHEET]["B1"].value == "=danger()"
    assert book[SOURCE_SHEET]["B1"].data_type == "s"


def test_workbook_should_accept_every_kind_of_cell():
    raw = pd.DataFrame({
        "int": pd.array([1, None], dtype="Int64"),
        "numpy": np.array([2**40, 3], dtype=np.int64),
        "float": [np.nan, 6.7],
        "decimal": [Decimal(45000000000), Decimal("3.45")],
        "bool": [True, np.bool_(False)],
        "date": [datetime.date(2024, 7, 31), None],
        "control": ["a\x00b\x1fc", "ok"],
        "string": pd.array(["中文", None], dtype="string"),
    })
    book = load_workbook(io.BytesIO(xlsx_bytes(raw, raw, SOURCE, generated=WHEN)))
    rows = list(book["原始 Raw"].values)
    assert rows[1] == (1, 2**40, None, 45000000000, True, "2024-07-31", "abc", "中文")
    assert rows[2] == (None, 3, 6.7, 3.45, False, None, "ok", None)
    assert book["原始 Raw"]["D2"].number_format == "0"  # no 4.5E+10 on screen


def test_workbook_should_take_other_sheet_names_and_refuse_bad_ones(display, raw):
    book = load_workbook(io.BytesIO(xlsx_bytes(display, raw, SOURCE, ("进度 Progress", "数据 Data"))))
    assert book.sheetnames == ["进度 Progress", "数据 Data", SOURCE_SHEET]
    for names in [("a/b", "c"), ("x" * 32, "c"), ("same", "same"), ("", "c"), ("a", SOURCE_SHEET)]:
        with pytest.raises(ValueError, match="sheet name"):
            xlsx_bytes(display, raw, SOURCE, names)


def test_an_empty_table_should_still_give_a_workbook():
    empty = pd.DataFrame({"指标 Indicator": [], "数值 Value": []})
    book = load_workbook(io.BytesIO(xlsx_bytes(empty, empty, SOURCE)))
    assert list(book["显示 Display"].values) == [("指标 Indicator", "数值 Value")]
    assert csv_bytes(empty).decode("utf-8-sig").strip() == "指标 Indicator,数值 Value"


# --- File names --------------------------------------------------------------------------------

DAY = datetime.date(2026, 1, 13)


@pytest.mark.parametrize(
    ("stem", "ext", "name"),
    [
        ("plan-tracker", "csv", "plan-tracker_2026-01-13.csv"),
        ("Plan tracker", ".XLSX", "plan-tracker_2026-01-13.xlsx"),
        ("cities/weihai 威海", "csv", "cities-weihai_2026-01-13.csv"),
        ("规划", "csv", "data_2026-01-13.csv"),
        ("../../etc/passwd", "csv", "etc-passwd_2026-01-13.csv"),
        ("a" * 100, "csv", "a" * 60 + "_2026-01-13.csv"),
    ],
)
def test_file_names_should_be_plain_ascii_with_the_date(stem, ext, name):
    assert file_name(stem, ext, DAY) == name


def test_file_names_should_default_to_today():
    assert file_name("x", "csv").endswith(f"_{datetime.date.today().isoformat()}.csv")


# --- Buttons -----------------------------------------------------------------------------------


def _two_tables(lang: str) -> None:
    import pandas as pd

    from dashboard.downloads import download_buttons

    frame = pd.DataFrame({"数值 Value": ["450亿元"]})
    download_buttons(frame, frame, "overview", "来源 Source", key="headline", lang=lang)
    download_buttons(frame, frame, "overview", "来源 Source", key="figures", lang=lang)


@pytest.mark.parametrize(("lang", "labels"), [("zh", ["下载 CSV", "下载 Excel"]), ("en", ["Download CSV", "Download Excel"])])
def test_buttons_should_be_labelled_in_the_language_and_keyed_per_table(lang, labels):
    app = AppTest.from_function(_two_tables, args=(lang,))
    app.run()
    assert not app.exception
    buttons = app.download_button
    assert [b.label for b in buttons] == labels * 2
    assert [b.key for b in buttons] == ["headline_csv", "headline_xlsx", "figures_csv", "figures_xlsx"]


def test_the_pure_functions_should_not_need_streamlit():
    source = Path(downloads.__file__).read_text(encoding="utf-8")
    assert source.count("import streamlit") == 1  # only inside download_buttons
