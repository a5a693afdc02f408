"""How figures, rates and dates read on screen, in Chinese ("zh") and English ("en").

Every function here is pure: no Streamlit, no I/O. The rule above all others is that a figure is
never rounded: a value is shown with all its significant digits in the magnitude chosen for it,
so the Chinese text reads back (`etl.numbers.parse_quantity`) to exactly the stored value.

Amounts
-------
Chinese: a figure's own words win. When `stated` is given ("5万余家", "突破500亿元", "10个左右")
it is returned unchanged, qualifier and all; the only edit is a leading minus sign, which becomes
下降 (Chinese text never writes one). Without `stated` the value is written as reports write it:

    CNY              ≥ 1e12 万亿元, ≥ 1e8 亿元, ≥ 1e4 万元, else 元        450亿元, 3.45亿元, 75.5万元
    counts           ≥ 1e8 亿, ≥ 1e4 万, with the measure word           5万家, 40万人, 441万人次, 10个
    percent / pp     6.7%, 1.5个百分点
    rank             第3位
    per 10,000       每万人29.7

Qualifiers take one fixed form each (all of them read back by `parse_quantity`):
exact "450亿元", more_than "超450亿元", at_least "20家以上" (以上 includes the number),
about "约10个", nearly "近200人次", at_most "不超过5%".

English: "CNY 45.0 bn" / "CNY 489.0 m" (at least one decimal, every digit kept: "CNY 2.965 bn"),
"CNY 755,000" below a million; counts in full with separators and their unit word from
units.csv ("2,909 enterprises", "400,000 persons", "1 enterprise"); a plain count has no unit
word ("22") and a rank reads "No. 3". Qualifiers: "over …" for more_than, except that a count
stated with 余/多 ("5万余家", "50多个") reads "50,000+ enterprises"; "at least …", "about …",
"nearly …", "at most …". A "+" therefore always means *more than*, never "or more".

Changes
-------
With `signed=True` (growth rates and other changes) the direction is a word: 增长6.7% / 下降12.9%
for percentages, 提高/下降 for percentage points, 增加/减少 for amounts; "up 6.7%" / "down 12.9%"
in English. A negative value always reads this way, signed or not. Zero has no direction: "0%".

Rates and dates
---------------
`rate` divides an actual by its target (完成率) and `percent` shows it with one decimal; this is a
computed ratio, so it is rounded (half up). `elapsed_share` is 序时进度, the share of a plan
period that has passed. Dates are partial as in the data ("2026", "2026-01", "2026-01-13").
"""

from __future__ import annotations

import datetime
import numbers
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal

import pandas as pd

__all__ = [
    "MISSING",
    "UNITS",
    "Lang",
    "amount",
    "amounts",
    "date_text",
    "dates",
    "elapsed_share",
    "percent",
    "period_text",
    "periods",
    "rate",
]

Lang = Literal["zh", "en"]

#: What a missing number reads as: a target with no actual shows this, never a made-up zero.
MISSING = "—"

# Wide enough that no value in base units is ever rounded by scaling (curated values are < 1e30).
_CTX = Context(prec=80)


@dataclass(frozen=True)
class UnitStyle:
    """How numbers of one unit (units.csv) are written.

    `kind` picks the rule: "money" (CNY magnitudes), "count" (万/亿 and a measure word),
    "percent", "pp", "rank", "per_10k". `en_one` is the English word after exactly 1.
    """

    kind: str
    zh: str
    en: str
    en_one: str
    change_zh: tuple[str, str]  # (increase, decrease)


_RATE_CHANGE = ("增长", "下降")
_POINT_CHANGE = ("提高", "下降")
_AMOUNT_CHANGE = ("增加", "减少")

#: One entry per row of data/curated/units.csv; a test keeps the two in step. The English of a
#: plain count is empty (the indicator names what is counted) and a rank reads "No. 3".
UNITS: dict[str, UnitStyle] = {
    "CNY": UnitStyle("money", "元", "CNY", "CNY", _AMOUNT_CHANGE),
    "percent": UnitStyle("percent", "%", "%", "%", _RATE_CHANGE),
    "pp": UnitStyle("pp", "个百分点", "pp", "pp", _POINT_CHANGE),
    "enterprise": UnitStyle("count", "家", "enterprises", "enterprise", _AMOUNT_CHANGE),
    "count": UnitStyle("count", "个", "", "", _AMOUNT_CHANGE),
    "person": UnitStyle("count", "人", "persons", "person", _AMOUNT_CHANGE),
    "person_time": UnitStyle("count", "人次", "person-times", "person-time", _AMOUNT_CHANGE),
    "session": UnitStyle("count", "场次", "sessions", "session", _AMOUNT_CHANGE),
    "rank": UnitStyle("rank", "位", "No.", "No.", _AMOUNT_CHANGE),
    "per_10k_persons": UnitStyle(
        "per_10k", "每万人", "per 10,000 people", "per 10,000 people", _AMOUNT_CHANGE
    ),
}

_ZH_MONEY = ((Decimal(10) ** 12, "万亿"), (Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万"))
_ZH_COUNT = ((Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万"))
_EN_MONEY = ((Decimal(10) ** 9, "bn"), (Decimal(10) ** 6, "m"))

_MINUS = ("-", "－", "−")
# 余/多 after a number ("5万余家", "50多个") say "more than" the way "50,000+" does.
_MORE_SUFFIX = re.compile("[余多]")


def _lang(lang: str) -> Lang:
    if lang not in ("zh", "en"):
        raise ValueError(f"unknown language {lang!r}: expected 'zh' or 'en'")
    return lang  # type: ignore[return-value]


def missing(value: object) -> bool:
    """None, NaN, pd.NA and NaT: the cell has no value."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _decimal(value: object) -> Decimal | None:
    """`value` as an exact Decimal; a float is read by its shortest repr (2965000000.0, 29.65)."""
    if missing(value):
        return None
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, bool):
        raise TypeError(f"expected a number, got {value!r}")
    elif isinstance(value, numbers.Integral):
        number = Decimal(int(value))
    elif isinstance(value, numbers.Real):
        number = Decimal(repr(float(value)))
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip().replace(",", ""))
        except InvalidOperation:
            raise ValueError(f"expected a number, got {value!r}") from None
    else:
        raise TypeError(f"expected a number, got {value!r}")
    if not number.is_finite():
        raise ValueError(f"expected a finite number, got {value!r}")
    return number


def _digits(number: Decimal, *, group: bool = False, min_decimals: int = 0) -> str:
    """A non-negative Decimal in fixed point with every significant digit and no trailing zero."""
    number = _CTX.normalize(number) if number else Decimal(0)
    text = format(number, ",f" if group else "f")
    if min_decimals and number.as_tuple().exponent >= 0:
        text += "." + "0" * min_decimals
    return text


def _scaled(number: Decimal, scales) -> tuple[Decimal, str]:
    for size, word in scales:
        if number >= size:
            return _CTX.divide(number, size), word
    return number, ""


def _style(unit_id: str) -> UnitStyle:
    try:
        return UNITS[unit_id]
    except KeyError:
        raise ValueError(f"unknown unit {unit_id!r}: expected one of {', '.join(UNITS)}") from None


def _blank(text: object) -> bool:
    return missing(text) or (isinstance(text, str) and not text.strip())


# --- Chinese ---------------------------------------------------------------------------------


def _zh_plain(number: Decimal, style: UnitStyle) -> str:
    if style.kind == "money":
        scaled, word = _scaled(number, _ZH_MONEY)
        return f"{_digits(scaled)}{word}元"
    if style.kind == "count":
        scaled, word = _scaled(number, _ZH_COUNT)
        return f"{_digits(scaled)}{word}{style.zh}"
    if style.kind == "rank":
        return f"第{_digits(number)}位"
    if style.kind == "per_10k":
        return f"每万人{_digits(number)}"
    return f"{_digits(number)}{style.zh}"  # percent, pp


_ZH_PREFIX = {"more_than": "超", "about": "约", "nearly": "近", "at_most": "不超过"}
_ZH_SUFFIX = {"at_least": "以上"}


def _zh_qualified(text: str, qualifier: str, style: UnitStyle) -> str:
    if qualifier == "exact":
        return text
    if qualifier in _ZH_SUFFIX:
        return text + _ZH_SUFFIX[qualifier]
    if qualifier in _ZH_PREFIX:
        if style.kind == "per_10k":  # the qualifier belongs to the number: 每万人约29.7
            return f"{style.zh}{_ZH_PREFIX[qualifier]}{text[len(style.zh):]}"
        return _ZH_PREFIX[qualifier] + text
    raise ValueError(f"unknown qualifier {qualifier!r}")


def _zh_stated(stated: str, style: UnitStyle) -> str:
    text = stated.strip()
    if text.startswith(_MINUS):
        return style.change_zh[1] + text[1:]
    return stated


# --- English ---------------------------------------------------------------------------------


def _en_plain(number: Decimal, style: UnitStyle, plus: bool) -> str:
    mark = "+" if plus else ""
    if style.kind == "money":
        scaled, word = _scaled(number, _EN_MONEY)
        if word:
            return f"CNY {_digits(scaled, min_decimals=1)}{mark} {word}"
        return f"CNY {_digits(number, group=True)}{mark}"
    if style.kind == "rank":
        return f"No. {_digits(number)}"
    if style.kind == "percent":
        return f"{_digits(number)}%"
    digits = _digits(number, group=True) + mark
    word = style.en_one if number == 1 and not plus else style.en
    return f"{digits} {word}" if word else digits


_EN_PREFIX = {
    "exact": "", "more_than": "over ", "at_least": "at least ", "about": "about ",
    "nearly": "nearly ", "at_most": "at most ",
}


def _en(number: Decimal, style: UnitStyle, qualifier: str, stated: object) -> str:
    if qualifier not in _EN_PREFIX:
        raise ValueError(f"unknown qualifier {qualifier!r}")
    plus = (
        qualifier == "more_than"
        and style.kind == "count"
        and isinstance(stated, str)
        and bool(_MORE_SUFFIX.search(stated))
    )
    text = _en_plain(number, style, plus)
    return text if plus else _EN_PREFIX[qualifier] + text


# --- Public ----------------------------------------------------------------------------------


def amount(
    value: object,
    unit_id: str,
    lang: str,
    qualifier: str | None = "exact",
    stated: str | None = None,
    signed: bool = False,
) -> str:
    """One figure as text: `value` in base units (450亿元 is 45000000000) of `unit_id`.

    >>> amount(45000000000, "CNY", "en")
    'CNY 45.0 bn'
    >>> amount(50000, "enterprise", "en", "more_than", stated="5万余家")
    '50,000+ enterprises'
    >>> amount(-12.9, "percent", "zh", signed=True)
    '下降12.9%'
    """
    lang = _lang(lang)
    style = _style(unit_id)
    qualifier = qualifier if not _blank(qualifier) else "exact"
    number = _decimal(value)
    if lang == "zh" and not _blank(stated):
        return _zh_stated(str(stated), style)
    if number is None:
        return MISSING
    negative = number < 0
    size = -number if negative else number
    if lang == "zh":
        text = _zh_qualified(_zh_plain(size, style), qualifier, style)
        if negative:
            return style.change_zh[1] + text
        if signed and size:
            return style.change_zh[0] + text
        return text
    text = _en(size, style, qualifier, stated)
    if negative:
        return "down " + text
    if signed and size:
        return "up " + text
    return text


def amounts(
    frame: pd.DataFrame,
    lang: str,
    *,
    signed: bool | str = False,
    value: str = "value",
    unit: str = "unit_id",
    qualifier: str = "qualifier",
    stated: str | None = "stated",
) -> pd.Series:
    """`amount` for every row of `frame`, reading the named columns (the figures query's names).

    `signed` is a flag for all rows or the name of a boolean column (a missing flag is False).
    Pass `stated` in English too: it is what tells "50,000+" (5万余) from "over 50,000" (超5万).
    `stated=None` ignores any stated text (a computed column).
    """
    rows = len(frame)
    flags: Iterable = frame[signed].tolist() if isinstance(signed, str) else [signed] * rows
    said: Iterable = frame[stated].tolist() if stated and stated in frame else [None] * rows
    quals: Iterable = frame[qualifier].tolist() if qualifier in frame else ["exact"] * rows
    texts = [
        _amount_cached(v, u, lang, q, s, False if missing(f) else bool(f))
        for v, u, q, s, f in zip(frame[value].tolist(), frame[unit].tolist(), quals, said, flags, strict=True)
    ]
    return pd.Series(texts, index=frame.index, dtype=object)


def _amount_cached(value, unit_id, lang, qualifier, stated, signed) -> str:
    # Tables repeat values (years, small counts); NaN and pd.NA are not hashable keys that compare.
    if missing(value) or missing(stated):
        return amount(value, unit_id, lang, qualifier, None if missing(stated) else stated, signed)
    return _amount_memo(value, unit_id, lang, qualifier, stated, signed)


@lru_cache(maxsize=4096)
def _amount_memo(value, unit_id, lang, qualifier, stated, signed) -> str:
    return amount(value, unit_id, lang, qualifier, stated, signed)


def rate(actual: object, target: object) -> float | None:
    """完成率 as a ratio (0.867 for 86.7 %), or None when it means nothing.

    None when either value is missing, the target is not positive or the actual is negative:
    a growth-rate target of 6 % against a fall of 2 % is "missed", not "−33 % complete".
    """
    a, t = _decimal(actual), _decimal(target)
    if a is None or t is None or t <= 0 or a < 0:
        return None
    return float(a / t)


def percent(x: float | None, lang: str = "zh", decimals: int = 1) -> str:
    """A ratio as a percentage with `decimals` places, rounded half up: 0.8667 -> "86.7%"."""
    _lang(lang)
    number = _decimal(x)
    if number is None:
        return MISSING
    shown = _CTX.multiply(number, Decimal(100)).quantize(
        Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP, context=_CTX
    )
    if shown == 0:
        shown = abs(shown)  # no "-0.0%"
    return f"{shown:f}%"


# --- Dates -----------------------------------------------------------------------------------

_PARTIAL_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _parts(value: object) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of a partial date; month and day None when the data leaves them out."""
    if _blank(value):
        return None
    if isinstance(value, datetime.date):  # also datetime and pd.Timestamp
        return value.year, value.month, value.day
    text = str(value).strip()
    match = _PARTIAL_DATE.match(text)
    if not match:
        raise ValueError(f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        datetime.date(year, month or 1, day or 1)
    except ValueError:
        raise ValueError(f"{text!r} is not a calendar date") from None
    return year, month, day


def _date_words(year: int, month: int | None, day: int | None, lang: Lang) -> str:
    if lang == "zh":
        return f"{year}年" + (f"{month}月" if month else "") + (f"{day}日" if day else "")
    if month is None:
        return str(year)
    return (f"{day} " if day else "") + f"{_MONTHS_EN[month - 1]} {year}"


@lru_cache(maxsize=1024)
def _date_cached(value: str, lang: Lang) -> str:
    parts = _parts(value)
    return "" if parts is None else _date_words(*parts, lang)


def date_text(value: object, lang: str) -> str:
    """A partial date: "2026-01-13" -> "2026年1月13日" / "13 Jan 2026"; blank -> ""."""
    lang = _lang(lang)
    if isinstance(value, str):
        return _date_cached(value, lang)
    parts = _parts(value)
    return "" if parts is None else _date_words(*parts, lang)


def period_text(start: object, end: object, lang: str) -> str:
    """A period from two partial dates: "2023—2025年" / "2023–2025", "2024年1—7月" / "Jan–Jul 2024".

    One end missing or both equal gives that date alone; mixed precision or different years with
    months give both dates in full ("2023年11月—2024年2月" / "Nov 2023 – Feb 2024").
    """
    lang = _lang(lang)
    first, last = _parts(start), _parts(end)
    if first is None or last is None or first == last:
        only = first or last
        return "" if only is None else _date_words(*only, lang)
    (y1, m1, d1), (y2, m2, d2) = first, last
    same_shape = (m1 is None) == (m2 is None) and (d1 is None) == (d2 is None)
    if same_shape and m1 is None:
        return f"{y1}—{y2}年" if lang == "zh" else f"{y1}–{y2}"
    if same_shape and y1 == y2 and d1 is None:
        return f"{y1}年{m1}—{m2}月" if lang == "zh" else f"{_MONTHS_EN[m1 - 1]}–{_MONTHS_EN[m2 - 1]} {y1}"
    if same_shape and y1 == y2 and m1 == m2:
        return f"{y1}年{m1}月{d1}—{d2}日" if lang == "zh" else f"{d1}–{d2} {_MONTHS_EN[m1 - 1]} {y1}"
    joiner = "—" if lang == "zh" else " – "
    return _date_words(*first, lang) + joiner + _date_words(*last, lang)


def dates(values: Iterable, lang: str) -> pd.Series:
    """`date_text` for a column (a Series keeps its index)."""
    index = values.index if isinstance(values, pd.Series) else None
    return pd.Series([date_text(v, lang) for v in _items(values)], index=index, dtype=object)


def periods(starts: Iterable, ends: Iterable, lang: str) -> pd.Series:
    """`period_text` for two columns of the same length."""
    index = starts.index if isinstance(starts, pd.Series) else None
    texts = [
        _period_cached(s, e, lang) if isinstance(s, str) and isinstance(e, str)
        else period_text(s, e, lang)
        for s, e in zip(_items(starts), _items(ends), strict=True)
    ]
    return pd.Series(texts, index=index, dtype=object)


def _items(values: Iterable) -> Iterable:
    # A column as a plain list first: stepping through an Arrow-backed Series one item at a time is slow.
    return values.tolist() if isinstance(values, pd.Series) else values


@lru_cache(maxsize=1024)
def _period_cached(start: str, end: str, lang: str) -> str:
    # A table repeats a handful of plan periods; parsing each row again would dominate.
    return period_text(start, end, lang)


def _span(value: object) -> tuple[datetime.date, datetime.date] | None:
    """The first and last day a partial date covers: "2025" is 2025-01-01 … 2025-12-31."""
    parts = _parts(value)
    if parts is None:
        return None
    year, month, day = parts
    if day:
        first = datetime.date(year, month, day)
        return first, first
    if month:
        following = datetime.date(year + month // 12, month % 12 + 1, 1)
        return datetime.date(year, month, 1), following - datetime.timedelta(days=1)
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def elapsed_share(start: object, end: object, as_of: object) -> float | None:
    """序时进度: the share (0–1) of the period start…end that has passed by the end of `as_of`.

    A plan "2023"–"2025" runs from 2023-01-01 to 2025-12-31 inclusive; a report "as of 2024"
    covers all of 2024, so it gives 2/3. None when a date is missing or the period is reversed.
    """
    first, last, now = _span(start), _span(end), _span(as_of)
    if first is None or last is None or now is None or last[1] < first[0]:
        return None
    total = (last[1] - first[0]).days + 1
    passed = (now[1] - first[0]).days + 1
    return min(max(passed / total, 0.0), 1.0)
