"""Field types shared by the curated-record models.

CSV cells arrive as strings: an empty cell means "not given" (None), a `|` separates list items,
and dates may be partial ("2024", "2024-07", "2024-07-31") because the documents often give only
a year or a month.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated

from pydantic import BeforeValidator, Field


def _blank_to_none(value: object) -> object:
    if isinstance(value, str) and value.strip() == "":
        return None
    return value


def _split_list(value: object) -> object:
    if value is None:
        return []
    if isinstance(value, str):
        return [item.strip() for item in value.split("|") if item.strip()]
    return value


def _to_bool(value: object) -> object:
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in ("true", "yes", "1"):
            return True
        if lowered in ("false", "no", "0", ""):
            return False
        raise ValueError(f"expected true or false, got {value!r}")
    return value


# [0-9], not \d: \d also matches full-width and other scripts' digits ("２０２４"), which would
# reach the warehouse as dates that sort and compare wrongly.
_PARTIAL_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")


def _check_partial_date(value: object) -> object:
    value = _blank_to_none(value)
    if value is None:
        return None
    text = str(value).strip()
    match = _PARTIAL_DATE.match(text)
    if not match:
        raise ValueError(f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    year, month, day = match.groups()
    if not 1900 <= int(year) <= 2100:
        raise ValueError(f"year {year} is outside 1900–2100")
    if month and not 1 <= int(month) <= 12:
        raise ValueError(f"month {month} does not exist")
    if day:
        try:
            datetime.date(int(year), int(month), int(day))
        except ValueError as exc:
            raise ValueError(f"{text} is not a calendar date") from exc
    return text


def _to_decimal(value: object) -> object:
    if isinstance(value, str):
        text = value.strip().replace(",", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"expected a number in base units such as 45000000000 or 6.1, got {value!r}") from None
        if not number.is_finite():
            raise ValueError(f"expected a finite number, got {value!r}")
        # Decimal keeps any exponent: "1e1000000" would overflow in arithmetic and "1e-99999999999"
        # would be written out in full in a message. No amount in base units is near 1e±30.
        if number and not -30 <= number.adjusted() <= 30:
            raise ValueError(f"expected a number in base units between 1e-30 and 1e30, got {value!r}")
        return number
    return value


#: The largest integer the warehouse's INTEGER columns hold (task seq, category sort): a larger one
#: is reported on its row rather than failing later in DuckDB.
MAX_INTEGER = 2**31 - 1

#: An identifier: lower-case words joined by "-", "_", "." or "/" (task ids are "<plan>/<task>").
Id = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-/]*$", max_length=120)]
OptionalId = Annotated[Id | None, BeforeValidator(_blank_to_none)]
OptionalText = Annotated[str | None, BeforeValidator(_blank_to_none)]
IdList = Annotated[list[Id], BeforeValidator(_split_list)]
TextList = Annotated[list[str], BeforeValidator(_split_list)]
Flag = Annotated[bool, BeforeValidator(_to_bool)]
PartialDate = Annotated[str | None, BeforeValidator(_check_partial_date)]
Amount = Annotated[Decimal, BeforeValidator(_to_decimal)]
ZhText = Annotated[str, Field(min_length=1, max_length=2000)]


class RuleErrors(ValueError):
    """Cross-field rules a record breaks, each tied to the field a person should fix."""

    def __init__(self, items: list[tuple[str | None, str]]):
        self.items = items
        super().__init__("; ".join(f"{field}: {message}" if field else message for field, message in items))


def raise_if_any(items: list[tuple[str | None, str]]) -> None:
    if items:
        raise RuleErrors(items)
