"""The controlled vocabulary: units, indicator categories, sectors and indicators."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas.fields import MAX_INTEGER, Flag, Id, TextList

Strict = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Unit(BaseModel):
    """A unit a figure is counted in, with the measure words the documents write after its numbers."""

    model_config = Strict
    id: Id = Field(description="Unit id, e.g. CNY, percent, enterprise.")
    name_zh: str = Field(min_length=1, description="Chinese name of the unit.")
    name_en: str = Field(min_length=1, description="English name of the unit.")
    symbol_zh: str = Field(description="Symbol shown after a value in Chinese, e.g. 元, 家, %.")
    symbol_en: str = Field(description="Symbol shown after a value in English, e.g. CNY, enterprises.")
    measure_words: TextList = Field(description="Measure words a quote may write after the number (|-separated), e.g. 家|个.")
    bare_number_ok: Flag = Field(description="Whether a quote may state the number with no measure word at all.")


class Category(BaseModel):
    """A group of indicators shown together (enterprises, revenue and output, talent...)."""

    model_config = Strict
    id: Id = Field(description="Category id.")
    name_zh: str = Field(min_length=1, description="Chinese name.")
    name_en: str = Field(min_length=1, description="English name.")
    sort: int = Field(ge=0, le=MAX_INTEGER, description="Display order.")


class Sector(BaseModel):
    """The statistical scope a figure speaks of: textiles and garments, workwear, light industry..."""

    model_config = Strict
    id: Id = Field(description="Sector id.")
    name_zh: str = Field(min_length=1, description="Chinese name.")
    name_en: str = Field(min_length=1, description="English name.")
    description: str = Field(min_length=1, description="What belongs to this scope.")


class Indicator(BaseModel):
    """A quantity that targets and actuals are stated in; targets and actuals meet on it."""

    model_config = Strict
    id: Id = Field(description="Indicator id.")
    name_zh: str = Field(min_length=1, description="Chinese name, as the documents phrase it.")
    name_en: str = Field(min_length=1, description="English name.")
    unit_id: Id = Field(description="Unit every figure of this indicator is counted in (units.id).")
    category_id: Id = Field(description="Category (categories.id).")
    signed: Flag = Field(description="Whether values may be negative (growth rates and other changes).")


Qualifier = Literal["exact", "more_than", "at_least", "about", "nearly", "at_most"]

#: How each qualifier reads; the words are the ones Chinese reports use.
QUALIFIERS: dict[str, dict[str, str]] = {
    "exact": {"name_zh": "确数", "name_en": "exactly", "words": ""},
    "more_than": {"name_zh": "超过", "name_en": "more than", "words": "余 多 超 超过 突破 过 逾"},
    "at_least": {"name_zh": "以上（含本数）", "name_en": "at least", "words": "以上 不少于 不低于"},
    "about": {"name_zh": "左右", "name_en": "about", "words": "左右 约 大约"},
    "nearly": {"name_zh": "接近", "name_en": "nearly", "words": "近 将近 接近"},
    "at_most": {"name_zh": "最高", "name_en": "at most", "words": "最高 不超过 以内"},
}
