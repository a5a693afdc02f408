"""What the grid receives: a missing text is blank, a missing number stays an empty number cell."""

import datetime

import pandas as pd
import pyarrow as pa
import pytest

from dashboard.tables import _grid


def cells(table) -> dict[str, list]:
    frame = table.to_pandas() if isinstance(table, pa.Table) else table
    return {str(name): frame.iloc[:, i].tolist() for i, name in enumerate(frame.columns)}


def test_missing_text_and_dates_are_blank_and_numbers_keep_their_type():
    display = pd.DataFrame({
        "名称": ["甲", None], "文字": pd.Series(["a", None], dtype="str"), "日期": [datetime.date(2024, 1, 2), None],
        "数量": [1.5, None], "空列": [None, None],
    })
    table = _grid(display)
    assert isinstance(table, pa.Table)
    shown = cells(table)
    assert shown["名称"] == ["甲", ""] and shown["文字"] == ["a", ""] and shown["空列"] == ["", ""]
    assert shown["日期"] == ["2024-01-02", ""]
    assert pa.types.is_floating(table.schema.field("数量").type) and table.column("数量").null_count == 1


@pytest.mark.parametrize("display", [
    pd.DataFrame([["x", None], [None, "y"]], columns=["同名", "同名"]),  # repeated headers
    pd.DataFrame({"混合": [1, "二", None]}),  # numbers and text in one column
], ids=["repeated headers", "mixed types"])
def test_a_frame_arrow_cannot_take_as_it_is_still_shows_blanks(display):
    shown = _grid(display)
    assert isinstance(shown, pd.DataFrame)
    assert not shown.isna().any().any()
