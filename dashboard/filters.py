"""The filters every page shares — plan, city, cluster, indicator category, years — and their URL form.

Values from a URL are untrusted: `from_params` keeps only values the warehouse knows and returns
the others so they can be reported; nothing unchecked reaches a query.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

KEYS = ("plan", "city", "cluster", "category")
STATE = "filters"  # session_state key of the validated Filters


@dataclass(frozen=True)
class Filters:
    plan: str | None = None
    city: str | None = None
    cluster: str | None = None
    category: str | None = None
    year_from: int | None = None
    year_to: int | None = None

    def as_params(self) -> dict[str, str]:
        """The filters as query-string parameters (only those that are set)."""
        params = {key: getattr(self, key) for key in KEYS if getattr(self, key)}
        if self.year_from is not None:
            params["from"] = str(self.year_from)
        if self.year_to is not None:
            params["to"] = str(self.year_to)
        return params

    def is_empty(self) -> bool:
        return not self.as_params()


def from_params(params: dict[str, str], options: dict[str, dict[str, str]], years: tuple[int, int]) -> tuple[Filters, list[str]]:
    """Filters from query-string values, keeping only known values; also the rejected `key=value` pairs."""
    accepted: dict[str, object] = {}
    rejected: list[str] = []
    for key in KEYS:
        value = params.get(key)
        if value is None:
            continue
        if value in options[key]:
            accepted[key] = value
        else:
            rejected.append(f"{key}={value}")
    for key, field in (("from", "year_from"), ("to", "year_to")):
        value = params.get(key)
        if value is None:
            continue
        if value.isdigit() and years[0] <= int(value) <= years[1]:
            accepted[field] = int(value)
        else:
            rejected.append(f"{key}={value}")
    filters = Filters(**accepted)
    if filters.year_from and filters.year_to and filters.year_from > filters.year_to:
        rejected.append(f"from={filters.year_from}&to={filters.year_to}")
        filters = Filters(**{**accepted, "year_from": None, "year_to": None})
    return filters, rejected


def current() -> Filters:
    """The filters of this run (set by the frame before the page runs)."""
    return st.session_state.get(STATE, Filters())
