"""Filters from a URL: only values the warehouse knows get through; the rest is reported, never queried."""

from __future__ import annotations

import pytest

from dashboard.filters import Filters, from_params

OPTIONS = {
    "plan": {"weihai-light-textile-2023-2025": "威海市…"},
    "city": {"weihai": "威海市", "qingdao": "青岛市"},
    "cluster": {"xiajin-yarn": "夏津纱线集群"},
    "category": {"talent": "人才与技能"},
}
YEARS = (2021, 2028)


# Known values pass; unknown, malformed and hostile ones are rejected by name.
@pytest.mark.parametrize(("params", "expected", "rejected"), [
    ({"city": "weihai"}, Filters(city="weihai"), []),
    ({"city": "weihai", "category": "talent", "from": "2023", "to": "2025"},
     Filters(city="weihai", category="talent", year_from=2023, year_to=2025), []),
    ({"city": "atlantis"}, Filters(), ["city=atlantis"]),
    ({"plan": "x' OR 1=1 --"}, Filters(), ["plan=x' OR 1=1 --"]),
    ({"cluster": "<script>alert(1)</script>", "city": "qingdao"}, Filters(city="qingdao"),
     ["cluster=<script>alert(1)</script>"]),
    ({"from": "1999"}, Filters(), ["from=1999"]),
    ({"to": "2025;DROP"}, Filters(), ["to=2025;DROP"]),
    ({"from": "2026", "to": "2022"}, Filters(), ["from=2026&to=2022"]),
    ({"Weihai": "city"}, Filters(), []),  # unknown keys are simply not filters
])
def test_only_known_values_get_through(params, expected, rejected):
    assert from_params(params, OPTIONS, YEARS) == (expected, rejected)


def test_filters_round_trip_through_the_url():
    filters = Filters(plan="weihai-light-textile-2023-2025", city="weihai", year_from=2023)
    assert from_params(filters.as_params(), OPTIONS, YEARS) == (filters, [])
