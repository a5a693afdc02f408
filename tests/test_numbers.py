"""Reading quantities the way the source documents write them: exact values, never a guess."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from etl.numbers import (
    PREFIX_QUALIFIERS,
    SUFFIX_QUALIFIERS,
    NumberFormatError,
    Quantity,
    find_quantities,
    parse_quantity,
)

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"
DOCUMENTS = sorted(RAW.glob("*.txt"))


def reading(quantity: Quantity) -> tuple[Decimal, Decimal | None, str, str]:
    return quantity.value, quantity.upper, quantity.qualifier, quantity.unit


def expected(value: str, upper: str | None, qualifier: str, unit: str):
    return Decimal(value), None if upper is None else Decimal(upper), qualifier, unit


# --- Table of phrases from data/raw/*.txt (and a few written like them) -----------------------

CASES = [
    # Plain Arabic counts, decimals and the measure word after them.
    ("2909家", "2909", None, "exact", "家"),
    ("133家", "133", None, "exact", "家"),
    ("22个", "22", None, "exact", "个"),
    ("56项", "56", None, "exact", "项"),
    ("1016座", "1016", None, "exact", "座"),
    ("29.7座", "29.7", None, "exact", "座"),
    ("30所", "30", None, "exact", "所"),
    ("23人", "23", None, "exact", "人"),
    ("10大类", "10", None, "exact", "大类"),
    ("30强", "30", None, "exact", "强"),
    ("80周年", "80", None, "exact", "周年"),
    ("2026年", "2026", None, "exact", "年"),
    ("5000", "5000", None, "exact", ""),
    # Whitespace inside the phrase, as line-broken documents have it.
    ("386 名", "386", None, "exact", "名"),
    ("35 项", "35", None, "exact", "项"),
    ("2\n家", "2", None, "exact", "家"),
    ("二十\n\n条", "20", None, "exact", "条"),
    # 万 and 亿 are applied; the unit keeps only the measure word.
    ("75.5万元", "755000", None, "exact", "元"),
    ("29.65亿元", "2965000000", None, "exact", "元"),
    ("4.89亿元", "489000000", None, "exact", "元"),
    ("450亿元", "45000000000", None, "exact", "元"),
    ("105.3 亿元", "10530000000", None, "exact", "元"),
    ("202亿元", "20200000000", None, "exact", "元"),
    ("10亿元", "1000000000", None, "exact", "元"),
    ("20万元", "200000", None, "exact", "元"),
    ("441万人次", "4410000", None, "exact", "人次"),
    ("12.4万人次", "124000", None, "exact", "人次"),
    ("1.45万人", "14500", None, "exact", "人"),
    ("4.88万人", "48800", None, "exact", "人"),
    ("1.2万项", "12000", None, "exact", "项"),
    ("45.5万个", "455000", None, "exact", "个"),
    ("2.03万家", "20300", None, "exact", "家"),
    ("2万亿元", "2000000000000", None, "exact", "元"),
    ("3千万", "30000000", None, "exact", ""),
    ("10万锭", "100000", None, "exact", "锭"),
    # Chinese numerals, canonical forms only.
    ("三条", "3", None, "exact", "条"),
    ("六项", "6", None, "exact", "项"),
    ("十万", "100000", None, "exact", ""),
    ("两百", "200", None, "exact", ""),
    ("两千", "2000", None, "exact", ""),
    ("两万", "20000", None, "exact", ""),
    ("两个", "2", None, "exact", "个"),
    ("一千零三十六", "1036", None, "exact", ""),
    ("一千零十", "1010", None, "exact", ""),
    ("三十", "30", None, "exact", ""),
    ("十二", "12", None, "exact", ""),
    ("一百一十", "110", None, "exact", ""),
    ("一万零五", "10005", None, "exact", ""),
    ("一亿零五百万", "105000000", None, "exact", ""),
    ("三万亿", "3000000000000", None, "exact", ""),
    ("零", "0", None, "exact", ""),
    # 成 is tenths, reported as percent.
    ("七成", "70", None, "exact", "%"),
    ("超七成", "70", None, "more_than", "%"),
    ("七至八成", "70", "80", "exact", "%"),
    # more_than: 余/多 after the number or its magnitude, 超/超过/突破/过/逾 before it.
    ("5万余家", "50000", None, "more_than", "家"),
    ("21.2万余人", "212000", None, "more_than", "人"),
    ("630余项", "630", None, "more_than", "项"),
    ("990余项", "990", None, "more_than", "项"),
    ("620余人", "620", None, "more_than", "人"),
    ("1000余人", "1000", None, "more_than", "人"),
    ("400余场次", "400", None, "more_than", "场次"),
    ("2000余场次", "2000", None, "more_than", "场次"),
    ("500余个", "500", None, "more_than", "个"),
    ("50余家", "50", None, "more_than", "家"),
    ("50多个", "50", None, "more_than", "个"),
    ("50多万人", "500000", None, "more_than", "人"),
    ("三十多万", "300000", None, "more_than", ""),
    ("十余个", "10", None, "more_than", "个"),
    ("超40万人", "400000", None, "more_than", "人"),
    ("超5500家", "5500", None, "more_than", "家"),
    ("突破95%", "95", None, "more_than", "%"),
    ("突破 500 亿元", "50000000000", None, "more_than", "元"),
    ("突破5000", "5000", None, "more_than", ""),
    ("过30亿元", "3000000000", None, "more_than", "元"),
    ("超过3000名", "3000", None, "more_than", "名"),
    ("超过285亿元", "28500000000", None, "more_than", "元"),
    ("逾百分之六十", "60", None, "more_than", "%"),
    # at_least: 以上 after, 不少于/不低于/至少 before.
    ("20家以上", "20", None, "at_least", "家"),
    ("10个以上", "10", None, "at_least", "个"),
    ("70%以上", "70", None, "at_least", "%"),
    ("70% 以上", "70", None, "at_least", "%"),
    ("3000人次以上", "3000", None, "at_least", "人次"),
    ("10 项以上", "10", None, "at_least", "项"),
    ("达到 5\n\n家以上", "5", None, "at_least", "家"),
    ("不少于10家", "10", None, "at_least", "家"),
    ("不低于5%", "5", None, "at_least", "%"),
    ("至少3个", "3", None, "at_least", "个"),
    # about: 左右 after, 约/大约 before.
    ("50 家左右", "50", None, "about", "家"),
    ("10个左右", "10", None, "about", "个"),
    ("2 个左右", "2", None, "about", "个"),
    ("约10%", "10", None, "about", "%"),
    ("大约200人", "200", None, "about", "人"),
    ("约为10亿元", "1000000000", None, "about", "元"),
    ("约50家左右", "50", None, "about", "家"),
    # nearly: 近/将近/接近 before (近 before a span of time is refused, see below).
    ("近200人次", "200", None, "nearly", "人次"),
    ("将近3年", "3", None, "nearly", "年"),
    ("接近50%", "50", None, "nearly", "%"),
    ("近零", "0", None, "nearly", ""),
    # at_most: 最高/最多/不超过 before, 以内/以下 after.
    ("最高60万元", "600000", None, "at_most", "元"),
    ("不超过5%", "5", None, "at_most", "%"),
    ("最多3项", "3", None, "at_most", "项"),
    ("10人以内", "10", None, "at_most", "人"),
    ("10人以下", "10", None, "at_most", "人"),
    # 达/达到/为/至 only introduce the number.
    ("达70%", "70", None, "exact", "%"),
    ("达到29.7座", "29.7", None, "exact", "座"),
    ("为\n\n10亿元", "1000000000", None, "exact", "元"),
    ("缩减至10人", "10", None, "exact", "人"),
    ("至10人", "10", None, "exact", "人"),
    # Growth words: a decrease is written as a word and read as a negative change.
    ("增长6.7%", "6.7", None, "exact", "%"),
    ("增长 25.7%", "25.7", None, "exact", "%"),
    ("增\n\n长28.6%", "28.6", None, "exact", "%"),
    ("提升30%", "30", None, "exact", "%"),
    ("下降12.9%", "-12.9", None, "exact", "%"),
    ("减少3%", "-3", None, "exact", "%"),
    ("降低0.5个百分点", "-0.5", None, "exact", "个百分点"),
    ("增长超过10%", "10", None, "more_than", "%"),
    ("下降近5%", "-5", None, "nearly", "%"),
    ("下降至5%", "5", None, "exact", "%"),
    ("下降了3%", "-3", None, "exact", "%"),
    # An explicit minus sign where it cannot be a hyphen.
    ("-2.3%", "-2.3", None, "exact", "%"),
    ("为-2.3%", "-2.3", None, "exact", "%"),
    ("增长-2.3%", "-2.3", None, "exact", "%"),
    # Percent (half and full width), 百分之, percentage points.
    ("6.1%", "6.1", None, "exact", "%"),
    ("9%", "9", None, "exact", "%"),
    ("６．１％", "6.1", None, "exact", "%"),
    ("百分之五十", "50", None, "exact", "%"),
    ("4个百分点", "4", None, "exact", "个百分点"),
    # Ordinals: the number after 第.
    ("第1", "1", None, "exact", ""),
    ("第3个", "3", None, "exact", "个"),
    ("第一批", "1", None, "exact", "批"),
    ("第二位", "2", None, "exact", "位"),
    # Ranges: value is the lower bound, upper the upper one.
    ("10-15个", "10", "15", "exact", "个"),
    ("10～15", "10", "15", "exact", ""),
    ("10~15", "10", "15", "exact", ""),
    ("10至15", "10", "15", "exact", ""),
    ("10到15", "10", "15", "exact", ""),
    ("三至五家", "3", "5", "exact", "家"),
    ("2023-2025 年", "2023", "2025", "exact", "年"),
    ("2026-2028年", "2026", "2028", "exact", "年"),
    ("1-8月", "1", "8", "exact", "月"),
    ("10-15万元", "100000", "150000", "exact", "元"),
    ("10万-15万元", "100000", "150000", "exact", "元"),
    ("1.5-2.5亿元", "150000000", "250000000", "exact", "元"),
    ("10%-15%", "10", "15", "exact", "%"),
    ("2026年-2028年", "2026", "2028", "exact", "年"),
    ("10万元-15万元", "100000", "150000", "exact", "元"),
    ("三至五万", "30000", "50000", "exact", ""),
    ("十至二十万人", "100000", "200000", "exact", "人"),
    ("三万至五万", "30000", "50000", "exact", ""),
    ("约10-15个", "10", "15", "about", "个"),
    ("下降10-15%", "-15", "-10", "exact", "%"),
    # Full-width digits and thousands separators.
    ("１，０３６家", "1036", None, "exact", "家"),
    ("1,036个", "1036", None, "exact", "个"),
    ("1,234,567.5元", "1234567.5", None, "exact", "元"),
    ("１２．５万元", "125000", None, "exact", "元"),
    ("6.10%", "6.1", None, "exact", "%"),
]


@pytest.mark.parametrize(("text", "value", "upper", "qualifier", "unit"), CASES)
def test_reads_document_phrases(text, value, upper, qualifier, unit):
    quantity = parse_quantity(text)
    assert reading(quantity) == expected(value, upper, qualifier, unit)
    assert quantity.text == text


def test_values_are_exact_integers_without_exponent():
    assert str(parse_quantity("1.2万项").value) == "12000"
    assert str(parse_quantity("4.89亿元").value) == "489000000"
    assert str(parse_quantity("29.65亿元").value) == "2965000000"


# --- Refusals ----------------------------------------------------------------------------------

REJECTED = [
    # Not a quantity at all, or more than one.
    "",
    "   ",
    "abc",
    "家",
    "5家和6个",
    "1.2.3",
    "10家20家",
    # Abbreviated, vague or non-canonical Chinese numerals: any reading would be a guess.
    "一万五",
    "一百五",
    "两三个",
    "十四五",
    "十几个",
    "几十个",
    "数百家",
    "二〇二三年",
    "万",
    "百亿",
    "十两",
    "一千五十",
    # Ranges that do not increase, dash chains, a magnitude on the lower bound only.
    "15-10",
    "10-10",
    "2026-01-13",
    "10万-15",
    "五至十万零五",
    "10%-15",
    "10个-15家",
    # Qualifiers that disagree; a verb between qualifier and number.
    "超过20家以上",
    "500余个以上",
    "最高给予60万元",
    # 近 before a span of time is "the last", not "nearly"; 4K names a thing.
    "近3年",
    "提升4K",
    # Fractions and Chinese decimals; a minus after a word of decrease.
    "三分之一",
    "三点五",
    "下降-2%",
    # Idioms whose numeral is no count; a comma that is a sentence comma.
    "一些",
    "智慧零售",
    "1，036",
]


@pytest.mark.parametrize("text", REJECTED)
def test_refuses(text):
    with pytest.raises(NumberFormatError) as caught:
        parse_quantity(text)
    assert repr(text) in str(caught.value)


def test_error_says_why():
    with pytest.raises(NumberFormatError, match="abbreviated"):
        parse_quantity("一万五")
    with pytest.raises(NumberFormatError, match="disagree"):
        parse_quantity("超过20家以上")
    with pytest.raises(NumberFormatError, match="decimal point"):
        parse_quantity("1.2.3")
    with pytest.raises(NumberFormatError, match="'和6个' follows '5家'"):
        parse_quantity("5家和6个")


# --- Chinese numerals, written canonically (the test's own writer) -----------------------------

_DIGITS = "零一二三四五六七八九"


def _section(n: int) -> str:
    """0 < n < 10^4: 一千零三十六."""
    out: list[str] = []
    zero = False
    for place, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // place % 10
        if digit == 0:
            zero = zero or bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(_DIGITS[digit] + name)
    return "".join(out)


def to_chinese(n: int) -> str:
    """Canonical Chinese numeral for 0 <= n < 10^12."""
    if n == 0:
        return "零"
    yi, rest = divmod(n, 10**8)
    wan, low = divmod(rest, 10**4)
    parts: list[str] = []
    if yi:
        parts.append(_section(yi) + "亿")
    if wan:
        if yi and wan < 1000:
            parts.append("零")
        parts.append(_section(wan) + "万")
    if low:
        if (yi or wan) and (low < 1000 or not wan):
            parts.append("零")
        parts.append(_section(low))
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (3, "三"),
        (10, "十"),
        (12, "十二"),
        (110, "一百一十"),
        (1036, "一千零三十六"),
        (10005, "一万零五"),
        (15000, "一万五千"),
        (100000, "十万"),
        (105000000, "一亿零五百万"),
        (100005000, "一亿零五千"),
        (1000100000, "十亿零一十万"),
    ],
)
def test_chinese_writer(n, text):
    assert to_chinese(n) == text


def fullwidth(text: str) -> str:
    return text.translate(str.maketrans("0123456789.,", "０１２３４５６７８９．，"))


@given(st.integers(min_value=0, max_value=10**12 - 1))
@example(0)
@example(10**12 - 1)
@example(100000)
@example(1000000010)
def test_any_integer_round_trips(n):
    assert parse_quantity(str(n)).value == n
    assert parse_quantity(f"{n:,}").value == n
    assert parse_quantity(fullwidth(f"{n:,}")).value == n
    assert parse_quantity(to_chinese(n)).value == n


@given(
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=0, max_value=99),
    st.integers(min_value=1, max_value=2),
    st.sampled_from([("万", 4), ("亿", 8), ("万亿", 12)]),
)
def test_decimals_times_magnitude_are_exact(whole, fraction, places, magnitude):
    name, power = magnitude
    digits = f"{whole}.{fraction % 10**places:0{places}d}"
    quantity = parse_quantity(f"{digits}{name}元")
    product = Decimal(digits).scaleb(power)
    assert quantity.value == product
    assert quantity.unit == "元"
    if product == product.to_integral_value():
        assert str(quantity.value) == str(int(product))


_PLAIN_UNITS = ["", "家", "个", "项", "人", "人次", "场次", "%", "元", "座", "个百分点"]


@given(
    st.sampled_from(sorted(PREFIX_QUALIFIERS.items())),
    st.integers(min_value=1, max_value=10**8),
    st.booleans(),
    st.sampled_from(_PLAIN_UNITS),
    st.sampled_from(["", " ", "\n"]),
)
def test_prefix_qualifiers_round_trip(prefix, n, chinese, unit, space):
    word, qualifier = prefix
    number = to_chinese(n) if chinese else str(n)
    quantity = parse_quantity(f"{word}{space}{number}{space}{unit}")
    assert reading(quantity) == (Decimal(n), None, qualifier, unit)


@given(
    st.sampled_from(sorted(SUFFIX_QUALIFIERS.items())),
    st.integers(min_value=1, max_value=10**8),
    st.booleans(),
    st.sampled_from(_PLAIN_UNITS),
)
def test_suffix_qualifiers_round_trip(suffix, n, chinese, unit):
    word, qualifier = suffix
    number = to_chinese(n) if chinese else str(n)
    assert reading(parse_quantity(f"{number}{unit}{word}")) == (Decimal(n), None, qualifier, unit)


@given(
    st.sampled_from(["余", "多"]),
    st.integers(min_value=1, max_value=9999),
    st.sampled_from(["", "万", "亿"]),
    st.booleans(),
    st.sampled_from(_PLAIN_UNITS),
)
def test_more_than_suffixes_round_trip(more, n, magnitude, after_magnitude, unit):
    factor = {"": 1, "万": 10**4, "亿": 10**8}[magnitude]
    text = f"{n}{magnitude}{more}" if after_magnitude else f"{n}{more}{magnitude}"
    quantity = parse_quantity(f"{text}{unit}")
    assert reading(quantity) == (Decimal(n * factor), None, "more_than", unit)


# --- find_quantities ---------------------------------------------------------------------------


def found(text: str) -> list[tuple[str, Decimal, Decimal | None, str, str]]:
    return [(q.text, q.value, q.upper, q.qualifier, q.unit) for q in find_quantities(text)]


FIND_CASES = [
    # Qualifiers and magnitudes belong to the span; 1.45万人 is one quantity.
    (
        "拥有生产企业5万余家、国家集群22个。",
        [("5万余家", 50000, None, "more_than", "家"), ("22个", 22, None, "exact", "个")],
    ),
    ("月均用工超40万人,占全省", [("超40万人", 400000, None, "more_than", "人")]),
    ("纺纱工等1.45万人,为工装", [("1.45万人", 14500, None, "exact", "人")]),
    (
        "千亿级企业1家、百亿级企业20家以上",
        [("1家", 1, None, "exact", "家"), ("20家以上", 20, None, "at_least", "家")],
    ),
    # Whitespace and line breaks inside a quantity are spanned.
    (
        "总产值 105.3 亿元，同比增长\n\n6.7%。",
        [
            ("105.3 亿元", Decimal(10530000000), None, "exact", "元"),
            ("增长\n\n6.7%", Decimal("6.7"), None, "exact", "%"),
        ],
    ),
    ("联网平台达到 5\n\n家以上，带动", [("达到 5\n\n家以上", 5, None, "at_least", "家")]),
    # Dates and codes: dash chains are no ranges, whitespace splits numbers.
    (
        "2026-01-13 10:02:13 主持人",
        [(t, int(t), None, "exact", "") for t in ("2026", "01", "13", "10", "02", "13")],
    ),
    (
        "2026年1月13日",
        [
            ("2026年", 2026, None, "exact", "年"),
            ("1月", 1, None, "exact", "月"),
            ("13日", 13, None, "exact", "日"),
        ],
    ),
    ("（2023-2025 年）", [("2023-2025 年", 2023, 2025, "exact", "年")]),
    ("推动5G、大数据", [("5", 5, None, "exact", "")]),
    ("改造提升4K电视", [("4", 4, None, "exact", "")]),
    # Words that only look like qualifiers or numbers.
    ("通过3年努力", [("3年", 3, None, "exact", "年")]),
    ("近3年来，时尚", [("3年", 3, None, "exact", "年")]),
    ("进一步提升，智慧零售，一些企业，活力十足", []),
    ("“十四五”以来", []),
    ("上千所学校、千家万户", []),
    ("“十万一线职工疗休养”", [("十万", 100000, None, "exact", "")]),
    ("前10,4家企业", [("10", 10, None, "exact", ""), ("4家", 4, None, "exact", "家")]),
    ("纱、布产量居全国第1、2位", [("第1", 1, None, "exact", ""), ("2位", 2, None, "exact", "位")]),
    ("不是1.2.3版，而是5家", [("5家", 5, None, "exact", "家")]),
    ("超过20家以上，另有6个", [("6个", 6, None, "exact", "个")]),
    # A dash after text may be a minus or a hyphen: skipped; after "（" it is a minus.
    ("增速-2.3%，下降了3%", [("下降了3%", -3, None, "exact", "%")]),
    ("（-2.3%）", [("-2.3%", Decimal("-2.3"), None, "exact", "%")]),
    ("- 5家", [("5家", 5, None, "exact", "家")]),
    ("COVID-19", [("19", 19, None, "exact", "")]),
    ("15%-10%", [("15%", 15, None, "exact", "%")]),
    ("三分之二的企业，千分之三", []),
    ("两个企业，三分之一", [("两个", 2, None, "exact", "个")]),
]


@pytest.mark.parametrize(("text", "quantities"), FIND_CASES)
def test_find_in_running_text(text, quantities):
    want = [
        (t, Decimal(v), None if u is None else Decimal(u), q, unit)
        for t, v, u, q, unit in quantities
    ]
    assert found(text) == want
    for quantity in find_quantities(text):
        assert text[quantity.start : quantity.end] == quantity.text


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.stem)
def test_find_in_whole_documents(document):
    """Offsets are right, spans do not overlap, and each span reads alone as it did in context."""
    text = document.read_text(encoding="utf-8")
    quantities = find_quantities(text)
    assert quantities
    end = 0
    for quantity in quantities:
        assert quantity.start >= end
        assert text[quantity.start : quantity.end] == quantity.text
        assert reading(parse_quantity(quantity.text)) == reading(quantity)
        end = quantity.end


def test_find_reads_the_press_conference_figures():
    text = (RAW / "sd-workwear-press-2026.txt").read_text(encoding="utf-8")
    spans = {q.text: reading(q) for q in find_quantities(text)}
    assert spans["超40万人"] == (Decimal(400000), None, "more_than", "人")
    assert spans["21.2万余人"] == (Decimal(212000), None, "more_than", "人")
    assert spans["4.89亿元"] == (Decimal(489000000), None, "exact", "元")
    assert spans["441万人次"] == (Decimal(4410000), None, "exact", "人次")
    assert spans["超七成"] == (Decimal(70), None, "more_than", "%")
    assert spans["缩减至10人"] == (Decimal(10), None, "exact", "人")
    assert spans["10-15个"] == (Decimal(10), Decimal(15), "exact", "个")
    assert spans["70% 以上"] == (Decimal(70), None, "at_least", "%")


# Filler starts and ends with characters that cannot join a quantity (no numeral, unit,
# qualifier, range separator, or idiom around a numeral).
FILLERS = ["，全省企业", "。其中", "；山东省", "、工装产业", "，培育", "（市工业和信息化局）", "，累计培育"]


@st.composite
def phrases(draw) -> tuple[str, Decimal, Decimal | None, str, str]:
    """A quantity phrase and its reading: (text, value, upper, qualifier, unit)."""
    n = draw(st.integers(min_value=0, max_value=10**9))
    form = draw(st.sampled_from(["arabic", "grouped", "fullwidth", "chinese", "decimal", "range"]))
    unit = draw(st.sampled_from(_PLAIN_UNITS))
    space = draw(st.sampled_from(["", "", " ", "\n"]))
    upper = None
    if form == "decimal":
        digits = f"{n % 10**5}.{draw(st.integers(1, 99)):02d}"
        magnitude, power = draw(st.sampled_from([("万", 4), ("亿", 8)]))
        number, value = f"{digits}{space}{magnitude}", Decimal(digits).scaleb(power)
    elif form == "range":
        high = n + draw(st.integers(min_value=1, max_value=1000))
        separator = draw(st.sampled_from(["-", "～", "~", "至", "到"]))
        number, value, upper = f"{n}{separator}{high}", Decimal(n), Decimal(high)
    else:
        number = {
            "arabic": str(n),
            "grouped": f"{n:,}",
            "fullwidth": fullwidth(str(n)),
            "chinese": to_chinese(n),
        }[form]
        value = Decimal(n)
    source = draw(st.sampled_from(["none", "prefix", "suffix", "more"]))
    qualifier, parts = "exact", [number, unit]
    if source == "prefix":
        word, qualifier = draw(st.sampled_from(sorted(PREFIX_QUALIFIERS.items())))
        parts.insert(0, word)
    elif source == "suffix":
        word, qualifier = draw(st.sampled_from(sorted(SUFFIX_QUALIFIERS.items())))
        parts.append(word)
    elif source == "more" and form in ("arabic", "chinese"):
        qualifier, parts = "more_than", [f"{number}余", unit]
    # Whitespace may sit between the parts, never around the phrase.
    return space.join(part for part in parts if part), value, upper, qualifier, unit


@given(
    st.lists(st.tuples(phrases(), st.sampled_from(FILLERS)), min_size=1, max_size=8),
    st.sampled_from(["", *FILLERS]),
)
def test_find_all_generated_quantities(items, lead):
    sentence = lead
    spans = []
    for (text, *_), filler in items:
        spans.append((len(sentence), len(sentence) + len(text)))
        sentence += text + filler
    quantities = find_quantities(sentence)
    assert [(q.start, q.end) for q in quantities] == spans
    for quantity, ((text, value, upper, qualifier, unit), _) in zip(quantities, items, strict=True):
        assert sentence[quantity.start : quantity.end] == quantity.text == text
        assert reading(quantity) == (value, upper, qualifier, unit)


# Characters that make up quantities, plus whitespace and a little ordinary text.
_ALPHABET = list(
    "0123456789０５.．,，-－−~～至到%％ \n\u3000一二两三十百千万亿零〇第分之点几数了近超过约余多以上左右"
    "下降增长减少缩不低于最高达为将接突破逾大类个家人次元年月成G K企业（，。、通一些批"
)


@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_find_never_breaks_offsets(text):
    """Whatever the text, spans are ordered slices that read alone as they read in context."""
    end = 0
    for quantity in find_quantities(text):
        assert end <= quantity.start < quantity.end
        assert text[quantity.start : quantity.end] == quantity.text
        assert not quantity.text[0].isspace() and not quantity.text[-1].isspace()
        assert reading(parse_quantity(quantity.text)) == reading(quantity)
        end = quantity.end
