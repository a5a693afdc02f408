"""Reading quantities as Chinese government and news texts write them.

A curated figure is checked against its source quote by reading the number the quote states, so
this reader is exact and conservative: values are `Decimal` products computed without rounding,
and anything that would need a guess (an abbreviated "一万五", a vague "十几", two qualifiers that
disagree) is refused rather than read one way or the other.

Grammar
-------
All whitespace is ignored between the parts of a quantity (documents break lines anywhere and
write "50 家左右", "105.3 亿元", "增\\n长28.6%"); `find_quantities` only refuses whitespace
*inside* a numeral, so that "13 10:02" stays two numbers::

    quantity  := [growth ["了"]] prefix{0,2} ["百分之"] ["第"] ["-"] amount [unit] [suffix]
    amount    := bound sep bound                     range, upper > lower: "10-15个", "七至八成"
               | numeral [more] [magnitude] [more]   "50多个", "5万余家", "三十多万"
    bound     := numeral [magnitude] [unit]          "10万-15万元", "10%-15%", "10-15万" (the
                                                    upper bound's 万 is shared), "三至五万"
    numeral   := arabic | chinese
    arabic    := digits ["," ddd]* ["." digits]     "2909", "1,036", "29.65", "１２．５", "１，０３６"
                                                    (，is a separator only between full-width digits)
    chinese   := canonical Chinese numeral          "三", "十二", "两百", "一千零三十六", "十万"
    magnitude := ["百" | "千"] ("万亿" | "万" | "亿")  after Arabic digits: "1.2万", "3千万", "2万亿"
    more      := "余" | "多"                          more_than
    sep       := "-" "－" "—" "–" "~" "～" "〜" "至" "到"
    unit      := a word of UNITS, longest first; "成" after 1..10 means tenths: "七成" = 70 %
    suffix    := "以上" (at_least) | "左右" (about) | "以内" "以下" (at_most)
    prefix    := 超过 超 突破 过 逾 (more_than) | 不少于 不低于 至少 (at_least)
               | 约 大约 (about) | 近 将近 接近 (nearly) | 最高 最多 不超过 不超 不高于 (at_most)
               | 达到 达 为 至 (exact: they only introduce the number)
    growth    := 增长 增加 提高 提升 上升 (value kept) | 下降 减少 降低 缩减 下滑 (value negated)

A minus sign is read where it cannot be a hyphen: "-2.3%", "（-2.3%）", "为-2.3%". A unit on the
lower bound of a range must be repeated on the upper: "2026年-2028年", "10%-15%".

Examples: "450亿元" -> 45000000000 元; "超40万人" -> more_than 400000 人; "七成" -> 70 %;
"下降12.9%" -> -12.9 %; "缩减至10人" -> 10 人 (至 names the level reached, so no negation);
"第3个" -> 3 个; "10～15" -> 10 with upper 15; "近200人次" -> nearly 200 人次.

Refused (NumberFormatError from `parse_quantity`, silently skipped by `find_quantities`):
- abbreviated or non-canonical Chinese numerals: "一万五" (15000 or 10005?), "一百五", "两三",
  "十四五", "二〇二三", bare magnitudes "万", "百亿" (in running text mostly idioms: 千家万户);
- vague counts: "十几", "几十", "数百";
- a range whose magnitude is written only on the lower bound ("10万-15") or whose bounds do not
  increase, and dash chains such as dates "2026-01-13";
- two qualifiers that disagree ("超过20家以上"), and a verb between qualifier and number
  ("最高给予60万元": callers pass "最高60万元");
- 近 before a span of time ("近3年来" is "in the last three years", not "nearly three"), and a
  prefix before a number that names a thing ("提升4K");
- fractions and Chinese decimals ("三分之一", "三点五"; 百分之 is read), a minus sign after a
  word of decrease, and a dash after text ("增速-2.3%": minus or hyphen?);
- more than one decimal point ("1.2.3") and anything left over after the quantity.

`find_quantities` also skips a few idioms whose numeral is not a count (一些, 一批, 统一, 一带一路…)
and does not read a qualifier prefix that is the tail of another word (通过, 最近, 节约…).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Context, Decimal, DecimalException, Inexact, InvalidOperation
from typing import Literal

__all__ = [
    "GROWTH_WORDS",
    "PREFIX_QUALIFIERS",
    "SUFFIX_QUALIFIERS",
    "UNITS",
    "NumberFormatError",
    "Qualifier",
    "Quantity",
    "find_quantities",
    "parse_quantity",
]

Qualifier = Literal["exact", "more_than", "at_least", "about", "nearly", "at_most"]


class NumberFormatError(ValueError):
    """The text is not exactly one quantity; the message names the text and the reason."""


@dataclass(frozen=True)
class Quantity:
    """One quantity as written.

    `value` is in base units (万, 亿 and 成 applied) and is the lower bound of a range, whose
    upper bound is `upper`. `unit` is the measure word without the magnitude ("元" for 亿元),
    "%" for 成 and ％, "" when none follows. `text[start:end]` of the searched text is `text`;
    `parse_quantity` gives start 0 and end len(text).
    """

    value: Decimal
    upper: Decimal | None
    qualifier: Qualifier
    unit: str
    text: str
    start: int = 0
    end: int = 0


# --- Vocabulary ------------------------------------------------------------------------------

# Measure words and units recognised after a number, tried longest first. Magnitudes are not
# units: "万元" and "亿元" read as 万/亿 times "元", "万锭" as 10^4 times "锭", so the unit of
# "450亿元" is "元". "百分点" must win over the magnitude 百, which is why it is listed.
UNITS: tuple[str, ...] = (
    "个百分点", "百分点", "平方公里", "平方米", "个月", "人次", "场次", "家次", "户次", "大类",
    "周年", "季度", "美元", "公里", "小时",
    "%", "元", "家", "个", "项", "人", "名", "座", "所", "条", "位", "件", "类", "种", "次", "年",
    "月", "日", "号", "吨", "锭", "批", "届", "套", "台", "款", "倍", "强", "支", "处", "户", "亩",
    "天", "岁", "期", "场", "米",
)
_UNIT_WORDS = (*UNITS, "％")  # reported as "%"

# Words before the number. Longest match wins, so 超过 beats 超 and 至少 beats 至.
PREFIX_QUALIFIERS: dict[str, Qualifier] = {
    "超过": "more_than", "超": "more_than", "突破": "more_than", "过": "more_than",
    "逾": "more_than",
    "不少于": "at_least", "不低于": "at_least", "至少": "at_least",
    "约": "about", "大约": "about",
    "近": "nearly", "将近": "nearly", "接近": "nearly",
    "最高": "at_most", "最多": "at_most", "不超过": "at_most", "不超": "at_most",
    "不高于": "at_most",
    "达到": "exact", "达": "exact", "为": "exact", "至": "exact",
}
# After a growth word these name the level reached, not the change: "下降至5%" is 5, not -5.
_LEVEL_PREFIXES = frozenset({"达到", "达", "为", "至"})

SUFFIX_QUALIFIERS: dict[str, Qualifier] = {
    "以上": "at_least", "左右": "about", "以内": "at_most", "以下": "at_most",
}
# "余"/"多" sit right after the numeral or after its magnitude: "630余项", "5万余家", "50多万".
_MORE = ("余", "多")

# Chinese writes a decrease as a word, not a sign: "下降12.9%" is a change of -12.9 %.
GROWTH_WORDS: dict[str, int] = {
    "增长": 1, "增加": 1, "提高": 1, "提升": 1, "上升": 1,
    "下降": -1, "减少": -1, "降低": -1, "缩减": -1, "下滑": -1,
}

_MINUS_SIGNS = frozenset("-－−")
_RANGE_SEPARATORS = ("-", "－", "—", "–", "~", "～", "〜", "至", "到")
# Dashes also join dates and codes; a number chained by dashes on both sides is no range.
_DASHES = frozenset("-－—–")

# A prefix character that ends another word is not a qualifier: "通过3年" is not "过3年".
_NOT_A_PREFIX = (
    "通过", "经过", "不过", "越过", "度过", "跨过", "错过", "有过", "得过", "办过", "做过", "到过",
    "最近", "附近", "临近", "靠近", "邻近", "贴近", "亲近",
    "节约", "制约", "签约", "合约", "履约", "预约", "公约", "特约", "违约", "集约", "邀约",
    "赶超", "高超",
    "成为", "作为", "认为", "因为", "称为", "行为", "以为", "分为", "列为", "视为", "评为",
    "甚至", "以至", "乃至", "截至", "直至",
)

# Idioms whose numeral is not a count. Only `find_quantities` meets them in practice, but
# `parse_quantity` refuses them too ("一些" is not 1).
_IDIOMS = (
    "一些", "一定", "一般", "一致", "一直", "一起", "一样", "一旦", "一切", "一体", "一线",
    "一流", "一系列", "一站式", "一带一路", "一企一策", "一成不变", "统一", "唯一",
    "进一步", "下一步", "一方面", "一下", "之一", "一代", "一道", "一同", "一度", "一大批",
    "(?<!第)一批", "三位一体", "独一无二", "二氧化", "十分", "十足", "零售", "零部件", "零件",
    "零星", "零散",
)
_NOT_NUMBERS = re.compile("|".join(_IDIOMS))
# "近3年来" is "in the last three years", not "nearly three years": 近 before a span of time
# is refused as a qualifier (将近 and 接近 are unambiguous and stay).
_PERIODS = frozenset({"年", "月", "日", "天", "个月", "季度", "周年", "小时"})
# "成" after a number is 10 % only when it does not start a word: "10成为" is not 100 %.
_CHENG_WORD_STARTS = frozenset("为立本果功员绩熟效交型品长都")

_ARABIC_DIGITS = frozenset("0123456789０１２３４５６７８９")
_FULL_WIDTH_DIGITS = frozenset("０１２３４５６７８９")
_POINTS = frozenset(".．")
_PERCENT = frozenset("%％")
_TO_ASCII = str.maketrans("０１２３４５６７８９．", "0123456789.")

_CN_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
    "八": 8, "九": 9,
}
_CN_SECTION_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUMERAL_CHARS = frozenset(_CN_DIGITS) | frozenset("十百千万亿")
# 几十, 数百, 十几: a count the text itself leaves open.
_VAGUE = frozenset("几数")

_MAGNITUDES = {"万亿": Decimal(10) ** 12, "万": Decimal(10) ** 4, "亿": Decimal(10) ** 8}
_SMALL_MAGNITUDES = {"百": Decimal(100), "千": Decimal(1000)}

# Every product is exact or an error: a rounded value would be a silent guess. (Dropping
# trailing zeros, as in 12000.0 -> 12000, is not inexact and is allowed.)
_EXACT = Context(prec=200, traps=[Inexact, InvalidOperation])


# --- Chinese numerals -----------------------------------------------------------------------


def _chinese_section(text: str) -> int:
    """A numeral below 10^4 ("三千零五十"), written canonically."""
    value = 0
    digit: int | None = None
    last_unit = 10_000  # place units must strictly decrease: 千 > 百 > 十
    after_zero = False
    for index, char in enumerate(text):
        if char in ("零", "〇"):
            if digit is not None or after_zero or index == 0:
                raise ValueError(f"misplaced 零 in {text!r}")
            after_zero = True
        elif char in _CN_DIGITS:
            if digit is not None:
                raise ValueError(f"two digits in a row in {text!r} (a vague '两三' or a year?)")
            digit = _CN_DIGITS[char]
            # 两 counts hundreds and thousands ("两百") or stands alone ("两个", "两万").
            if char == "两" and not (text[index + 1 : index + 2] in ("百", "千") or text == "两"):
                raise ValueError(f"两 out of place in {text!r}")
        elif char in _CN_SECTION_UNITS:
            unit = _CN_SECTION_UNITS[char]
            if unit >= last_unit:
                raise ValueError(f"{char} out of order in {text!r}")
            if digit is None:
                # "十二" and "一千零十" leave out the 一 before 十; nothing else may.
                if char != "十" or not (index == 0 or after_zero):
                    raise ValueError(f"{char} without a digit in {text!r}")
                digit = 1
            if after_zero and last_unit < unit * 100:
                raise ValueError(f"零 skips no place in {text!r}")
            if not after_zero and last_unit != 10_000 and last_unit != unit * 10:
                raise ValueError(f"a skipped place needs 零 in {text!r}")
            value += digit * unit
            last_unit, digit, after_zero = unit, None, False
        else:
            raise ValueError(f"{char!r} is not a Chinese digit")
    if digit is None:
        if after_zero:
            raise ValueError(f"trailing 零 in {text!r}")
        return value
    if after_zero:
        if last_unit < 100:
            raise ValueError(f"零 skips no place in {text!r}")
    elif last_unit == 10_000:
        if len(text) > 1:
            raise ValueError(f"malformed numeral {text!r}")
    elif last_unit != 10:
        # "一百五" is speech for 150; as written it could be read as 105. Refuse to guess.
        raise ValueError(f"abbreviated numeral {text!r} (write the last place's unit)")
    return value + digit


def _chinese_with_magnitude(text: str, char: str, section: int, below) -> int:
    """Split `text` at its last 万 or 亿: high part times the magnitude plus a lower part."""
    cut = text.rindex(char)
    high_text, low_text = text[:cut], text[cut + 1 :]
    if not high_text:
        raise ValueError(f"bare {char} in {text!r}")
    high = below(high_text) if char == "亿" else _chinese_section(high_text)
    if high == 0:
        raise ValueError(f"zero before {char} in {text!r}")
    low = 0
    if low_text:
        if low_text[0] in ("零", "〇"):
            low = below(low_text[1:]) if low_text[1:] else -1
            if not 0 < low < section // 10:
                raise ValueError(f"零 skips no place in {text!r}")
        else:
            low = below(low_text)
            if low < section // 10:
                # "一万五" means 15000 in speech but reads as 10005: refuse the guess.
                raise ValueError(f"abbreviated numeral {text!r} (needs 零 or the place's unit)")
    return high * section + low


def _chinese_below_yi(text: str) -> int:
    if "亿" in text:
        raise ValueError(f"亿 out of place in {text!r}")
    if "万" in text:
        return _chinese_with_magnitude(text, "万", 10_000, _chinese_section)
    return _chinese_section(text)


def _chinese_value(text: str) -> int:
    """The value of a canonical Chinese numeral such as "一千零三十六" or "三万亿"."""
    if text in ("零", "〇"):
        return 0
    if "亿" in text:
        return _chinese_with_magnitude(text, "亿", 10**8, _chinese_below_yi)
    return _chinese_below_yi(text)


# --- The reader -----------------------------------------------------------------------------


class _NoQuantity(Exception):
    """No quantity starts here; `skip_to` says where a numeral run that cannot be read ends."""

    def __init__(self, reason: str, skip_to: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.skip_to = skip_to


@dataclass(frozen=True)
class _Reading:
    value: Decimal
    upper: Decimal | None
    qualifier: Qualifier
    unit: str
    end: int


def _tidy(value: Decimal) -> Decimal:
    """Integral values without exponent or trailing zeros ("1.2万" -> 12000, not 12000.0)."""
    if value == 0:
        return Decimal(0)
    if value == value.to_integral_value():
        return value.quantize(Decimal(1), context=_EXACT)
    return value.normalize(_EXACT)


class _Reader:
    """Reads quantities from whitespace-free text.

    `breaks` holds the indices that had whitespace before them in the original text (a numeral
    may not cross one); `blocked` the positions of numeral characters inside idioms.
    """

    def __init__(self, text: str, breaks: frozenset[int] = frozenset()):
        self.s = text
        self.breaks = breaks
        self.blocked = frozenset(
            index
            for match in _NOT_NUMBERS.finditer(text)
            for index in range(match.start(), match.end())
        )

    # small helpers

    def _word(self, words, at: int) -> str | None:
        """The longest of `words` starting at `at`."""
        best = None
        for word in words:
            if self.s.startswith(word, at) and (best is None or len(word) > len(best)):
                best = word
        return best

    def _tail_of_word(self, at: int) -> bool:
        """Whether the character at `at` ends a word such as 通过 rather than starting a prefix."""
        return any(
            word[-1] == self.s[at] and self.s[max(0, at - len(word) + 1) : at] == word[:-1]
            for word in _NOT_A_PREFIX
        )

    def _char(self, at: int) -> str:
        return self.s[at] if 0 <= at < len(self.s) else ""

    # numerals

    def _digit_run(self, at: int) -> int:
        end = at
        while end < len(self.s) and self.s[end] in _ARABIC_DIGITS:
            if end > at and end in self.breaks:
                break
            end += 1
        return end

    def _arabic_run_end(self, at: int) -> int:
        """The end of digits joined by points and commas ("1.2.3", "2.3"), to skip them whole."""
        while self._char(at) in _ARABIC_DIGITS or (
            self._char(at) in _POINTS | {",", "，"} and self._char(at + 1) in _ARABIC_DIGITS
        ):
            at += 1
        return at

    def _joined(self, at: int) -> bool:
        """No whitespace between positions at-1 and at."""
        return at not in self.breaks

    def _arabic(self, at: int) -> tuple[Decimal, int]:
        end = self._digit_run(at)
        integer = self.s[at:end]
        # Thousands separators: groups of exactly three after a lead of one to three digits.
        # The full-width comma is also the sentence comma, so it separates full-width digits only.
        if len(integer) <= 3:
            while self._char(end) in (",", "，") and self._joined(end) and self._joined(end + 1):
                group_end = self._digit_run(end + 1)
                if group_end - (end + 1) != 3:
                    break
                if self.s[end] == "，" and not (
                    self.s[end - 1] in _FULL_WIDTH_DIGITS and self.s[end + 1] in _FULL_WIDTH_DIGITS
                ):
                    break
                integer += self.s[end + 1 : group_end]
                end = group_end
        fraction = ""
        if (
            self._char(end) in _POINTS
            and self._char(end + 1) in _ARABIC_DIGITS
            and self._joined(end)
            and self._joined(end + 1)
        ):
            fraction_end = self._digit_run(end + 1)
            fraction = self.s[end + 1 : fraction_end]
            end = fraction_end
            if (
                self._char(end) in _POINTS
                and self._char(end + 1) in _ARABIC_DIGITS
                and self._joined(end)
            ):
                raise _NoQuantity("more than one decimal point", skip_to=self._arabic_run_end(end))
        literal = (integer + ("." + fraction if fraction else "")).translate(_TO_ASCII)
        return Decimal(literal), end

    def _chinese(self, at: int) -> tuple[Decimal, int]:
        end = at
        while (
            end < len(self.s)
            and self.s[end] in _CN_NUMERAL_CHARS
            and end not in self.blocked
            and (end == at or end not in self.breaks)
        ):
            end += 1
        run = self.s[at:end]
        if (self._char(at - 1) in _VAGUE and run[0] in "十百千万亿") or self._char(end) == "几":
            raise _NoQuantity(f"vague count around {run!r}", skip_to=end)
        try:
            return Decimal(_chinese_value(run)), end
        except ValueError as error:
            raise _NoQuantity(str(error), skip_to=end) from None

    def _numeral(self, at: int) -> tuple[Decimal, str, int] | None:
        char = self._char(at)
        if char in _ARABIC_DIGITS:
            value, end = self._arabic(at)
            return value, "arabic", end
        if char and char in _CN_NUMERAL_CHARS and at not in self.blocked:
            value, end = self._chinese(at)
            return value, "chinese", end
        return None

    def _magnitude(self, at: int, chinese_run: str | None = None) -> tuple[Decimal | None, int]:
        """万/亿 after a numeral: after Arabic digits, optionally with 百/千 first ("3千万"); after
        a Chinese numeral only past 余/多 ("三十多万", "五万多亿") and above its own magnitudes."""
        if self.s.startswith("百分点", at):
            return None, at
        factor: Decimal | None = None
        if chinese_run is None and self._char(at) in _SMALL_MAGNITUDES:
            factor, at = _SMALL_MAGNITUDES[self._char(at)], at + 1
        big = self._word(_MAGNITUDES, at)
        if big and chinese_run is not None:
            own = max((_MAGNITUDES[name] for name in ("亿", "万") if name in chinese_run), default=1)
            if _MAGNITUDES[big] <= own:
                big = None
        if big:
            factor = _EXACT.multiply(factor or Decimal(1), _MAGNITUDES[big])
            at += len(big)
        return factor, at

    def _minus(self, start: int, at: int) -> bool:
        """Whether a dash at `at` is a minus sign: "（-2.3%）", "为-2.3%", not "2026-01".

        After a digit or a Latin letter a dash joins (dates, codes); after other text
        ("增速-2.3%", "15%-10%") it could be a minus or a hyphen, and the number is refused.
        """
        if (
            self._char(at) not in _MINUS_SIGNS
            or self._char(at + 1) not in _ARABIC_DIGITS
            or not self._joined(at + 1)  # "- 5家" is a list bullet
        ):
            return False
        before = self._char(at - 1)
        if at > start or not before or at in self.breaks:
            return True
        if before in _ARABIC_DIGITS or (before.isascii() and before.isalnum()):
            return False
        if not before.isalnum() and before not in _PERCENT:
            return True  # after punctuation: "（-2.3%）", "，-5"
        raise _NoQuantity(
            f"{self.s[at - 1 : at + 2]!r}: a minus sign or a hyphen?",
            skip_to=self._arabic_run_end(at + 1),
        )

    def _fraction_end(self, at: int) -> int:
        """The end of "三分之一" (or "三点五") from its middle, so no part is reported alone."""
        if self.s.startswith("分之", at):
            at += 2
        while self._char(at) in _ARABIC_DIGITS or self._char(at) in _CN_NUMERAL_CHARS:
            at += 1
        return at

    # ranges

    def _written_magnitude(
        self, begin: int, end: int, kind: str, factor: Decimal | None
    ) -> tuple[bool, Decimal | None]:
        """Whether a bound was written with 万/亿, and the factor a bare bound may share.

        "10-15万" and "三至五万" share the upper bound's magnitude; "十万零五" has a magnitude,
        but none that another bound could share.
        """
        if factor is not None:
            return True, factor
        if kind == "chinese":
            run = self.s[begin:end]
            for name in ("万亿", "亿", "万"):
                if run.endswith(name) and len(run) > len(name):
                    return True, _MAGNITUDES[name]
            if "万" in run or "亿" in run:
                return True, None
        return False, None

    def _range(self, lower: Decimal, kind: str, numeral_start: int, at: int):
        """The upper bound of a range after `lower`, or None when there is no (readable) range."""
        lower_end = at
        # A Chinese numeral holds its own 万/亿; only Arabic digits take one after them.
        lower_factor, at = self._magnitude(at) if kind == "arabic" else (None, at)
        # A unit on the lower bound must be repeated on the upper: "10%-15%", "2026年-2028年".
        lower_unit = self._word(_UNIT_WORDS, at)
        at += len(lower_unit or "")
        separator = self._word(_RANGE_SEPARATORS, at)
        if separator is None:
            return None
        after = at + len(separator)
        if separator in _DASHES:
            chained_before = self._char(numeral_start - 1) in _DASHES and (
                self._char(numeral_start - 2) in _ARABIC_DIGITS
            )
            if chained_before:
                return None
        try:
            upper_numeral = self._numeral(after)
        except _NoQuantity:
            return None
        if upper_numeral is None:
            return None
        upper, upper_kind, upper_end = upper_numeral
        upper_factor, end = (
            self._magnitude(upper_end) if upper_kind == "arabic" else (None, upper_end)
        )
        if separator in _DASHES and self._char(end) in _DASHES and (
            self._char(end + 1) in _ARABIC_DIGITS
        ):
            return None  # 2026-01-13
        lower_has, _ = self._written_magnitude(numeral_start, lower_end, kind, lower_factor)
        upper_has, shared = self._written_magnitude(after, upper_end, upper_kind, upper_factor)
        if lower_has and not upper_has:
            return None  # "10万-15": is 15 meant as 15万? Refuse to guess.
        if upper_has and not lower_has:
            if shared is None:
                return None
            lower_value = _EXACT.multiply(lower, shared)
        else:
            lower_value = _EXACT.multiply(lower, lower_factor or Decimal(1))
        upper_value = _EXACT.multiply(upper, upper_factor or Decimal(1))
        if upper_value <= lower_value:
            return None
        if lower_unit:
            upper_unit = self._word(_UNIT_WORDS, end)
            if upper_unit is None or _unit_name(upper_unit) != _unit_name(lower_unit):
                return None
            end += len(upper_unit)
        return lower_value, upper_value, lower_unit, end

    # the grammar

    def read(self, start: int) -> _Reading:
        try:
            return self._read(start)
        except DecimalException:
            raise _NoQuantity("too many digits to compute exactly") from None

    def _read(self, start: int) -> _Reading:
        at = start
        qualifiers: list[Qualifier] = []
        sign = 1

        prefixes: list[str] = []
        growth = self._word(GROWTH_WORDS, at)
        if growth:
            sign = GROWTH_WORDS[growth]
            at += len(growth)
            if self._char(at) == "了":  # "下降了3%"
                at += 1
        for _ in range(2):  # "约为", "增长超过"
            prefix = self._word(PREFIX_QUALIFIERS, at)
            if prefix is None or (at == start and self._tail_of_word(at)):
                break
            if prefix in _LEVEL_PREFIXES:
                sign = 1
            qualifiers.append(PREFIX_QUALIFIERS[prefix])
            prefixes.append(prefix)
            at += len(prefix)
        percent_prefix = self.s.startswith("百分之", at)
        if percent_prefix:
            at += 3
        if self._char(at) == "第":
            at += 1
        minus = self._minus(start, at)
        if minus:
            if sign < 0:
                raise _NoQuantity("a minus sign after a word of decrease", skip_to=at + 1)
            sign, at = -sign, at + 1

        numeral = self._numeral(at)
        if numeral is None:
            if at > start:
                raise _NoQuantity(f"{self.s[start:at]!r} is not followed by a number")
            raise _NoQuantity("no number")
        value, kind, numeral_end = numeral
        numeral_start, at = at, numeral_end
        if self.s.startswith("分之", at) or (
            self.s[max(0, numeral_start - 2) : numeral_start] == "分之" and not percent_prefix
        ):
            raise _NoQuantity("fractions (三分之一) are not read", skip_to=self._fraction_end(at))
        if kind == "chinese" and self._char(at) == "点" and self._char(at + 1) in _CN_DIGITS:
            # "三点五" may be 3.5 or a clock time ("十一点五十分"); not read either way.
            raise _NoQuantity(
                "Chinese decimals (三点五) are not read", skip_to=self._fraction_end(at + 1)
            )

        upper: Decimal | None = None
        range_unit: str | None = None
        ranged = None if minus else self._range(value, kind, numeral_start, at)
        if ranged:
            value, upper, range_unit, at = ranged
            magnified = False
        else:
            more = self._word(_MORE, at)
            if more:
                at += 1
                qualifiers.append("more_than")
            if kind == "arabic":
                factor, at = self._magnitude(at)
            elif more:
                factor, at = self._magnitude(at, self.s[numeral_start:numeral_end])
            else:
                factor = None
            magnified = factor is not None
            if factor is not None:
                value = _EXACT.multiply(value, factor)
            if not more and self._word(_MORE, at) and magnified:
                at += 1
                qualifiers.append("more_than")

        if percent_prefix:
            unit = "%"
        elif range_unit:
            unit = range_unit
        elif (
            self._char(at) == "成"
            and not magnified
            and 0 < value <= 10
            and (upper is None or upper <= 10)
            and self._char(at + 1) not in _CHENG_WORD_STARTS
        ):
            unit = "%"
            value = _EXACT.multiply(value, Decimal(10))
            upper = None if upper is None else _EXACT.multiply(upper, Decimal(10))
            at += 1
        else:
            unit = self._word(_UNIT_WORDS, at) or ""
            at += len(unit)

        if unit == "" and "a" <= self._char(at).lower() <= "z" and numeral_start > start:
            # "提升4K电视": a number that names something (4K, 5G, 3D) takes no prefix.
            raise _NoQuantity(f"{self.s[numeral_start:at + 1]!r} is a name, not an amount")
        if "近" in prefixes and unit in _PERIODS:
            raise _NoQuantity("近 before a span of time means 'the last', not 'nearly'")

        suffix = self._word(SUFFIX_QUALIFIERS, at)
        if suffix:
            qualifiers.append(SUFFIX_QUALIFIERS[suffix])
            at += len(suffix)

        stated = set(qualifiers) - {"exact"}
        if len(stated) > 1:
            raise _NoQuantity(f"qualifiers disagree: {', '.join(sorted(stated))}", skip_to=at)
        qualifier: Qualifier = stated.pop() if stated else "exact"

        if sign < 0:
            value, upper = -value, (None if upper is None else -upper)
            if upper is not None:  # "下降10-15%": the change lies in [-15, -10]
                value, upper = upper, value
        return _Reading(
            _tidy(value), None if upper is None else _tidy(upper), qualifier, unit, at
        )


def _compact(text: str) -> tuple[str, list[int], frozenset[int]]:
    """The text without whitespace, each kept character's original offset, and where gaps were."""
    chars: list[str] = []
    offsets: list[int] = []
    breaks: set[int] = set()
    gap = False
    for index, char in enumerate(text):
        if char.isspace():
            gap = True
            continue
        if gap and chars:
            breaks.add(len(chars))
        gap = False
        chars.append(char)
        offsets.append(index)
    return "".join(chars), offsets, frozenset(breaks)


def _unit_name(unit: str) -> str:
    """Full-width "％" is reported as "%", so callers compare one spelling."""
    return "%" if unit == "％" else unit


def parse_quantity(text: str) -> Quantity:
    """Read `text`, which must be exactly one quantity once whitespace is removed.

    >>> parse_quantity("5万余家")  # doctest: +NORMALIZE_WHITESPACE
    Quantity(value=Decimal('50000'), upper=None, qualifier='more_than', unit='家',
             text='5万余家', start=0, end=4)
    """
    compact = "".join(char for char in text if not char.isspace())
    if not compact:
        raise NumberFormatError(f"{text!r} is not a quantity: it is empty")
    reader = _Reader(compact)
    try:
        reading = reader.read(0)
    except _NoQuantity as error:
        raise NumberFormatError(f"{text!r} is not a quantity: {error.reason}") from None
    if reading.end != len(compact):
        rest = compact[reading.end :]
        raise NumberFormatError(
            f"{text!r} is not a quantity: {rest!r} follows {compact[: reading.end]!r}"
        )
    unit = _unit_name(reading.unit)
    return Quantity(reading.value, reading.upper, reading.qualifier, unit, text, 0, len(text))


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in running text, in order, with offsets into `text` itself.

    A quantity's span covers its qualifiers and unit and any whitespace between them
    (`text[q.start:q.end] == q.text`). Numbers that cannot be read without guessing are skipped.
    """
    compact, offsets, breaks = _compact(text)
    reader = _Reader(compact, breaks)
    found: list[Quantity] = []
    at = 0
    while at < len(compact):
        try:
            reading = reader.read(at)
        except _NoQuantity as error:
            at = max(at + 1, error.skip_to or 0)
            continue
        start, end = offsets[at], offsets[reading.end - 1] + 1
        found.append(
            Quantity(
                reading.value,
                reading.upper,
                reading.qualifier,
                _unit_name(reading.unit),
                text[start:end],
                start,
                end,
            )
        )
        at = reading.end
    return found
