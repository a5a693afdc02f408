"""How figures read on screen: never a digit lost, Chinese as reports write it, English for briefings."""

from __future__ import annotations

import csv
import datetime
import re
import time
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard import formatting
from dashboard.formatting import (
    MISSING,
    UNITS,
    amount,
    amounts,
    date_text,
    dates,
    elapsed_share,
    percent,
    period_text,
    periods,
    rate,
)
from etl.numbers import parse_quantity

CURATED = Path(__file__).resolve().parent.parent / "data" / "curated"
FIGURES = sorted((CURATED / "figures").glob("*.csv"))
CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def curated_figures() -> list[dict[str, str]]:
    rows = []
    for path in FIGURES:
        with open(path, encoding="utf-8", newline="") as handle:
            rows.extend(csv.DictReader(handle))
    return rows


FIGURE_ROWS = curated_figures()


# --- Table of real curated figures: value, unit, qualifier, stated -> zh (from the value), en -----

CASES = [
    # Money: 亿元 / 万元 in Chinese with every digit; bn / m in English with at least one decimal.
    ("45000000000", "CNY", "exact", "450亿元", "450亿元", "CNY 45.0 bn"),
    ("10530000000", "CNY", "exact", "105.3亿元", "105.3亿元", "CNY 10.53 bn"),
    ("2965000000", "CNY", "exact", "29.65亿元", "29.65亿元", "CNY 2.965 bn"),
    ("20200000000", "CNY", "exact", "202亿元", "202亿元", "CNY 20.2 bn"),
    ("489000000", "CNY", "exact", "4.89亿元", "4.89亿元", "CNY 489.0 m"),
    ("755000", "CNY", "exact", "75.5万元", "75.5万元", "CNY 755,000"),
    ("200000", "CNY", "exact", "20万元", "20万元", "CNY 200,000"),
    ("50000000000", "CNY", "more_than", "突破500亿元", "超500亿元", "over CNY 50.0 bn"),
    # Counts: 万 above ten thousand; the English unit word from units.csv, singular for one.
    ("2909", "enterprise", "exact", "2909家", "2909家", "2,909 enterprises"),
    ("1", "enterprise", "exact", "1家", "1家", "1 enterprise"),
    ("20300", "enterprise", "exact", "2.03万家", "2.03万家", "20,300 enterprises"),
    ("14500", "person", "exact", "1.45万人", "1.45万人", "14,500 persons"),
    ("4410000", "person_time", "exact", "441万人次", "441万人次", "4,410,000 person-times"),
    ("455000", "count", "exact", "45.5万个", "45.5万个", "455,000"),
    ("22", "count", "exact", "22个", "22个", "22"),
    # More than: 余/多 read "+" on counts, 超/突破 read "over".
    ("50000", "enterprise", "more_than", "5万余家", "超5万家", "50,000+ enterprises"),
    ("212000", "person", "more_than", "21.2万余人", "超21.2万人", "212,000+ persons"),
    ("400", "session", "more_than", "400余场次", "超400场次", "400+ sessions"),
    ("50", "count", "more_than", "50多个", "超50个", "50+"),
    ("400000", "person", "more_than", "超40万人", "超40万人", "over 400,000 persons"),
    ("5500", "enterprise", "more_than", "超5500家", "超5500家", "over 5,500 enterprises"),
    ("5000", "count", "more_than", "突破5000", "超5000个", "over 5,000"),
    ("3000", "person", "more_than", "超过3000名", "超3000人", "over 3,000 persons"),
    ("95", "percent", "more_than", "突破95%", "超95%", "over 95%"),
    ("70", "percent", "more_than", "超七成", "超70%", "over 70%"),
    # At least (以上 includes the number), about, nearly.
    ("20", "enterprise", "at_least", "20家以上", "20家以上", "at least 20 enterprises"),
    ("3000", "person_time", "at_least", "3000人次以上", "3000人次以上", "at least 3,000 person-times"),
    ("70", "percent", "at_least", "70%以上", "70%以上", "at least 70%"),
    ("10", "count", "about", "10个左右", "约10个", "about 10"),
    ("50", "enterprise", "about", "50家左右", "约50家", "about 50 enterprises"),
    ("200", "person_time", "nearly", "近200人次", "近200人次", "nearly 200 person-times"),
    # Rates, percentage points, ranks, densities.
    ("6.7", "percent", "exact", "6.7%", "6.7%", "6.7%"),
    ("4", "pp", "exact", "4个百分点", "4个百分点", "4 pp"),
    ("1", "rank", "exact", "第1", "第1位", "No. 1"),
    ("2", "rank", "exact", "2位", "第2位", "No. 2"),
    ("29.7", "per_10k_persons", "exact", "29.7座", "每万人29.7", "29.7 per 10,000 people"),
]


@pytest.mark.parametrize(("value", "unit", "qualifier", "stated", "zh", "en"), CASES)
def test_it_should_format_curated_figures(value, unit, qualifier, stated, zh, en):
    assert amount(float(value), unit, "zh", qualifier, stated=stated) == stated
    assert amount(float(value), unit, "zh", qualifier) == zh
    assert amount(float(value), unit, "en", qualifier, stated=stated) == en


@pytest.mark.parametrize(("value", "unit", "qualifier", "stated", "zh", "en"), CASES)
def test_it_should_give_the_same_text_for_every_number_type(value, unit, qualifier, stated, zh, en):
    for number in (Decimal(value), float(value), value):
        assert amount(number, unit, "zh", qualifier) == zh
        assert amount(number, unit, "en", qualifier, stated=stated) == en


# Changes: a direction word, never a minus sign in Chinese.
CHANGES = [
    (6.7, "percent", "exact", None, "增长6.7%", "up 6.7%"),
    (-12.9, "percent", "exact", None, "下降12.9%", "down 12.9%"),
    (25.7, "percent", "exact", "25.7%", "25.7%", "up 25.7%"),  # stated words are kept as written
    (-2.3, "percent", "exact", "-2.3%", "下降2.3%", "down 2.3%"),  # but a minus sign becomes 下降
    (1.5, "pp", "exact", None, "提高1.5个百分点", "up 1.5 pp"),
    (-1.5, "pp", "exact", None, "下降1.5个百分点", "down 1.5 pp"),
    (-300000000, "CNY", "exact", None, "减少3亿元", "down CNY 300.0 m"),
    (20, "enterprise", "exact", None, "增加20家", "up 20 enterprises"),
    (6, "percent", "at_least", None, "增长6%以上", "up at least 6%"),
    (-3, "percent", "nearly", None, "下降近3%", "down nearly 3%"),
    (0, "percent", "exact", None, "0%", "0%"),
]


@pytest.mark.parametrize(("value", "unit", "qualifier", "stated", "zh", "en"), CHANGES)
def test_it_should_word_changes_by_direction(value, unit, qualifier, stated, zh, en):
    assert amount(value, unit, "zh", qualifier, stated=stated, signed=True) == zh
    assert amount(value, unit, "en", qualifier, stated=stated, signed=True) == en


def test_it_should_word_a_negative_value_as_a_fall_even_when_not_marked_signed():
    assert amount(-12.9, "percent", "zh") == "下降12.9%"
    assert amount(-12.9, "percent", "en") == "down 12.9%"


# Missing values: a dash, never a zero; stated text still shows in Chinese.
@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA])
def test_it_should_show_a_dash_for_a_missing_value(missing):
    assert amount(missing, "CNY", "zh") == MISSING
    assert amount(missing, "CNY", "en") == MISSING
    assert amount(missing, "CNY", "zh", stated="450亿元") == "450亿元"
    assert amount(45000000000, "CNY", "zh", qualifier=missing, stated=missing) == "450亿元"


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: amount(1, "tonnes", "zh"), ValueError),
        (lambda: amount(1, "CNY", "fr"), ValueError),
        (lambda: amount(1, "CNY", "zh", "roughly"), ValueError),
        (lambda: amount(1, "CNY", "en", "roughly"), ValueError),
        (lambda: amount("450亿", "CNY", "zh"), ValueError),
        (lambda: amount(float("inf"), "CNY", "zh"), ValueError),
        (lambda: amount(True, "CNY", "zh"), TypeError),
    ],
)
def test_it_should_refuse_what_it_cannot_format(call, error):
    with pytest.raises(error):
        call()


# --- Every curated figure ------------------------------------------------------------------------


@pytest.mark.parametrize("row", FIGURE_ROWS, ids=[row["id"] for row in FIGURE_ROWS])
def test_every_curated_figure_should_format_in_both_languages(row):
    value, unit, qualifier, stated = Decimal(row["value"]), row["unit_id"], row["qualifier"], row["stated"]
    assert amount(value, unit, "zh", qualifier, stated=stated) == stated
    english = amount(value, unit, "en", qualifier, stated=stated)
    assert english and not CJK.search(english), english
    zh = amount(value, unit, "zh", qualifier)
    if unit == "per_10k_persons":
        zh = zh.removeprefix(UNITS[unit].zh)
    read = parse_quantity(zh)
    assert (read.value, read.qualifier) == (value, qualifier), zh


def test_every_unit_in_units_csv_should_have_a_style_that_matches_it():
    with open(CURATED / "units.csv", encoding="utf-8", newline="") as handle:
        units = {row["id"]: row for row in csv.DictReader(handle)}
    assert set(UNITS) == set(units)
    for unit_id, style in UNITS.items():
        assert style.zh == units[unit_id]["symbol_zh"], unit_id
        # A plain count has no English word and a rank reads "No. 3" (see the module doc).
        if unit_id not in ("count", "rank"):
            assert style.en == units[unit_id]["symbol_en"], unit_id


# --- Property: no digit is ever lost --------------------------------------------------------------

# Values as curated: up to 15 significant digits, so a float (the warehouse's DOUBLE) holds them.
VALUES = st.builds(
    lambda digits, places: Decimal(digits).scaleb(-places),
    st.integers(0, 10**15 - 1) | st.integers(0, 10**6),
    st.integers(0, 4),
)
QUALIFIERS = st.sampled_from(["exact", "more_than", "at_least", "about", "nearly", "at_most"])
READABLE_UNITS = st.sampled_from([unit for unit in UNITS if unit != "per_10k_persons"])


@given(VALUES, READABLE_UNITS, QUALIFIERS, st.booleans(), st.booleans())
def test_chinese_text_should_read_back_to_the_exact_value(value, unit, qualifier, negative, signed):
    value = -value if negative else value
    for number in (value, float(value)):
        text = amount(number, unit, "zh", qualifier, signed=signed)
        assert "-" not in text
        read = parse_quantity(text)
        assert read.value == value, text
        assert read.qualifier == qualifier, text
        assert read.unit == UNITS[unit].zh, text


_EN_NUMBER = re.compile(r"([0-9][0-9,]*(?:\.[0-9]+)?)\+? ?(bn|m)?\b")


@given(VALUES, READABLE_UNITS, QUALIFIERS)
def test_english_text_should_keep_every_digit(value, unit, qualifier):
    text = amount(float(value), unit, "en", qualifier, stated="5万余家")
    match = _EN_NUMBER.search(text)
    assert match, text
    scale = {"bn": Decimal(10) ** 9, "m": Decimal(10) ** 6, None: Decimal(1)}[match.group(2)]
    assert Decimal(match.group(1).replace(",", "")) * scale == value, text


# --- Tables ------------------------------------------------------------------------------------


def figures_frame() -> pd.DataFrame:
    frame = pd.DataFrame(FIGURE_ROWS)
    frame["value"] = frame["value"].astype(float)  # as the warehouse returns it
    return frame


def test_a_table_should_format_like_its_rows():
    frame = figures_frame()
    for lang in ("zh", "en"):
        column = amounts(frame, lang)
        assert list(column.index) == list(frame.index)
        expected = [
            amount(r.value, r.unit_id, lang, r.qualifier, r.stated) for r in frame.itertuples()
        ]
        assert list(column) == expected
    frame["signed"] = frame["value"] < 10
    assert list(amounts(frame, "en", signed="signed", stated=None)) == [
        amount(r.value, r.unit_id, "en", r.qualifier, signed=r.signed) for r in frame.itertuples()
    ]


def test_a_thousand_rows_should_format_quickly():
    frame = figures_frame()
    big = frame.loc[frame.index.repeat(1000 // len(frame) + 1)].head(1000).reset_index(drop=True)
    big["value"] = [value + index for index, value in enumerate(big["value"])]  # no cache hits
    started = time.perf_counter()
    amounts(big, "en")
    amounts(big, "zh", stated=None)
    dates(big["as_of"], "zh")
    periods(big["period_start"], big["period_end"], "en")
    # A few ms on a laptop; the bound is generous so a busy machine does not fail it.
    assert time.perf_counter() - started < 0.5


# --- Completion rates and elapsed shares ---------------------------------------------------------

RATES = [
    (26, 30, 0.8667, "86.7%"),
    (30, 30, 1.0, "100.0%"),
    (45, 30, 1.5, "150.0%"),
    (0, 30, 0.0, "0.0%"),
]


@pytest.mark.parametrize(("actual", "target", "ratio", "text"), RATES)
def test_completion_rate_should_be_actual_over_target_with_one_decimal(actual, target, ratio, text):
    assert rate(actual, target) == pytest.approx(ratio, abs=1e-4)
    assert percent(rate(actual, target), "zh") == text
    assert percent(rate(actual, target), "en") == text


@pytest.mark.parametrize(("actual", "target"), [(None, 30), (5, None), (5, 0), (5, -3), (-2, 6), (float("nan"), 3)])
def test_completion_rate_should_be_none_when_it_means_nothing(actual, target):
    assert rate(actual, target) is None
    assert percent(rate(actual, target)) == MISSING


@pytest.mark.parametrize(
    ("ratio", "decimals", "text"),
    [(0.8665, 1, "86.7%"), (0.86649, 1, "86.6%"), (0.5, 0, "50%"), (0.12345, 2, "12.35%"), (-0.00001, 1, "0.0%")],
)
def test_percent_should_round_half_up(ratio, decimals, text):
    assert percent(ratio, "zh", decimals) == text


@pytest.mark.parametrize(
    ("start", "end", "as_of", "share"),
    [
        ("2023", "2025", "2022", 0.0),
        ("2023", "2025", "2023", 365 / 1096),
        ("2023", "2025", "2024", 731 / 1096),
        ("2023", "2025", "2025", 1.0),
        ("2023", "2025", "2026-01-13", 1.0),
        ("2026", "2028", "2026-01-13", 13 / 1096),
        ("2024-01", "2024-07", "2024-07", 1.0),
        ("2024-01", "2024-12", "2024-06-30", 182 / 366),
        ("2025", "2023", "2024", None),
        ("2023", None, "2024", None),
    ],
)
def test_elapsed_share_should_count_whole_days_of_the_period(start, end, as_of, share):
    assert elapsed_share(start, end, as_of) == (None if share is None else pytest.approx(share))


@given(st.dates(datetime.date(2000, 1, 1), datetime.date(2040, 12, 31)),
       st.dates(datetime.date(2000, 1, 1), datetime.date(2040, 12, 31)))
def test_elapsed_share_should_grow_with_time_and_stay_between_0_and_1(first, second):
    early, late = sorted((first, second))
    a = elapsed_share("2020", "2030", early.isoformat())
    b = elapsed_share("2020", "2030", late.isoformat())
    assert 0.0 <= a <= b <= 1.0


# --- Dates and periods -------------------------------------------------------------------------

DATES = [
    ("2026", "2026年", "2026"),
    ("2026-01", "2026年1月", "Jan 2026"),
    ("2026-01-13", "2026年1月13日", "13 Jan 2026"),
    (datetime.date(2024, 7, 31), "2024年7月31日", "31 Jul 2024"),
    (pd.Timestamp("2024-12-01"), "2024年12月1日", "1 Dec 2024"),
    (None, "", ""),
    ("", "", ""),
    (float("nan"), "", ""),
]


@pytest.mark.parametrize(("value", "zh", "en"), DATES)
def test_partial_dates_should_read_at_their_own_precision(value, zh, en):
    assert date_text(value, "zh") == zh
    assert date_text(value, "en") == en


@pytest.mark.parametrize("bad", ["2026-13", "2026-02-30", "26", "2026/01/13", "２０２６"])
def test_it_should_refuse_a_malformed_date(bad):
    with pytest.raises(ValueError, match="date"):
        date_text(bad, "zh")


PERIODS = [
    ("2023", "2025", "2023—2025年", "2023–2025"),
    ("2022", "2022", "2022年", "2022"),
    ("2024-01", "2024-07", "2024年1—7月", "Jan–Jul 2024"),
    ("2024-07-01", "2024-07-31", "2024年7月1—31日", "1–31 Jul 2024"),
    ("2023-11", "2024-02", "2023年11月—2024年2月", "Nov 2023 – Feb 2024"),
    ("2024", "2024-07", "2024年—2024年7月", "2024 – Jul 2024"),
    (None, "2026-01-13", "2026年1月13日", "13 Jan 2026"),
    ("2021", None, "2021年", "2021"),
    (None, None, "", ""),
]


@pytest.mark.parametrize(("start", "end", "zh", "en"), PERIODS)
def test_periods_should_join_their_ends_as_reports_do(start, end, zh, en):
    assert period_text(start, end, "zh") == zh
    assert period_text(start, end, "en") == en


def test_date_and_period_columns_should_keep_the_index():
    starts = pd.Series(["2023", "2024-01", None], index=[7, 8, 9])
    ends = pd.Series(["2025", "2024-07", "2026-01-13"], index=[7, 8, 9])
    assert dates(ends, "en").to_dict() == {7: "2025", 8: "Jul 2024", 9: "13 Jan 2026"}
    assert periods(starts, ends, "zh").to_dict() == {7: "2023—2025年", 8: "2024年1—7月", 9: "2026年1月13日"}


@given(st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)))
def test_a_full_date_should_read_back_in_both_languages(day):
    text = day.isoformat()
    zh = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", date_text(text, "zh"))
    assert zh and datetime.date(*map(int, zh.groups())) == day
    assert datetime.datetime.strptime(date_text(text, "en"), "%d %b %Y").date() == day


def test_the_module_should_not_need_streamlit():
    assert "streamlit" not in Path(formatting.__file__).read_text(encoding="utf-8")
