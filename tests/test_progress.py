"""The plan tracker's rules: each target judged against its comparable actual (etl/progress.sql)."""

from __future__ import annotations

import datetime

import duckdb
import pandas as pd
import pytest

from etl import warehouse

PLAN = ("plan", 2021, 2022)


def judge(target: dict, *actuals: dict, signed: bool = False) -> dict:
    """Build a one-plan warehouse from literal rows, derive progress, return the target's row."""
    con = duckdb.connect()
    con.execute(warehouse._DDL.read_text(encoding="utf-8"))
    con.execute("INSERT INTO units (id) VALUES ('enterprise')")
    con.execute("INSERT INTO plans (id, start_year, end_year) VALUES (?, ?, ?)", list(PLAN))
    con.execute("INSERT INTO indicators (id, unit_id, signed) VALUES ('ind', 'enterprise', ?), ('other', 'enterprise', false)",
                [signed])
    base = {"indicator_id": "ind", "sector_id": "textile_garment", "region_id": "shandong", "cluster_id": None,
            "qualifier": "exact", "unit_id": "enterprise"}
    rows = [{**base, "id": "t", "kind": "target", "plan_id": "plan", "ref_date": datetime.date(2022, 12, 31), **target}]
    rows += [{**base, "id": f"a{n}", "kind": "actual", "plan_id": None, **actual} for n, actual in enumerate(actuals)]
    for row in rows:
        con.execute(f"INSERT INTO figures ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
    warehouse.derive_progress(con)
    frame = con.execute("SELECT * FROM target_progress WHERE target_id = 't'").df()
    assert len(frame) == 1, "every target has exactly one progress row"
    return frame.iloc[0].to_dict()


END = datetime.date(2022, 12, 31)
MID = datetime.date(2022, 1, 1)  # a year into the two-year period: 序时进度 about 50%


@pytest.mark.parametrize(("target", "actual", "status"), [
    # 以上 includes the number: 20家以上 is met by 20
    ({"value": 20, "qualifier": "at_least"}, {"value": 20, "ref_date": END}, "met"),
    ({"value": 20, "qualifier": "at_least"}, {"value": 19, "ref_date": END}, "missed"),
    # a plain target is reached by an equal actual
    ({"value": 1}, {"value": 1, "ref_date": END}, "met"),
    # 超过/突破 exclude it: 突破500亿 is not met by exactly 500亿 …
    ({"value": 5e10, "qualifier": "more_than"}, {"value": 5e10, "ref_date": END}, "missed"),
    ({"value": 5e10, "qualifier": "more_than"}, {"value": 5.01e10, "ref_date": END}, "met"),
    # … but is met by an actual itself stated as 超500亿
    ({"value": 5e10, "qualifier": "more_than"}, {"value": 5e10, "qualifier": "more_than", "ref_date": END}, "met"),
    # 左右: met within 5% below the target, not beyond
    ({"value": 10, "qualifier": "about"}, {"value": 9.5, "ref_date": END}, "met"),
    ({"value": 10, "qualifier": "about"}, {"value": 9.4, "ref_date": END}, "missed"),
    # an actual of 近20 is below 20
    ({"value": 20, "qualifier": "at_least"}, {"value": 20, "qualifier": "nearly", "ref_date": END}, "missed"),
    # a ceiling is met from below
    ({"value": 10, "qualifier": "at_most"}, {"value": 8, "ref_date": END}, "met"),
    ({"value": 10, "qualifier": "at_most"}, {"value": 12, "ref_date": END}, "missed"),
    # short of the target before the period ends: in progress, not missed
    ({"value": 20, "qualifier": "at_least"}, {"value": 12, "ref_date": MID}, "in_progress"),
    # year-end results published early the next year still count
    ({"value": 20}, {"value": 25, "ref_date": datetime.date(2023, 1, 13)}, "met"),
])
def test_it_should_judge_a_target_by_its_qualifier_and_period(target, actual, status):
    assert judge(target, actual)["status"] == status


@pytest.mark.parametrize("actual", [
    {"value": 30, "ref_date": datetime.date(2020, 12, 31)},  # before the period: a baseline, not progress
    {"value": 30, "ref_date": datetime.date(2024, 6, 30)},  # long after the period
    {"value": 30, "ref_date": END, "region_id": "weihai"},  # another region
    {"value": 30, "ref_date": END, "sector_id": "workwear"},  # another sector
    {"value": 30, "ref_date": END, "cluster_id": "some-cluster"},  # a cluster's figure, not the province's
    {"value": 30, "ref_date": END, "indicator_id": "other"},  # another indicator
])
def test_a_target_without_a_comparable_actual_should_be_not_reported(actual):
    row = judge({"value": 20}, actual)
    assert row["status"] == "not_reported"
    assert row["light"] == "grey"
    assert pd.isna(row["actual_id"])


def test_the_latest_comparable_actual_should_count():
    row = judge({"value": 20}, {"value": 25, "ref_date": MID}, {"value": 15, "ref_date": END})
    assert (row["actual_id"], row["status"]) == ("a1", "missed")


def test_completion_rate_and_elapsed_share_should_set_the_light():
    ahead = judge({"value": 20}, {"value": 15, "ref_date": MID})  # 75% done, about half the time gone
    assert ahead["completion"] == pytest.approx(0.75)
    assert ahead["elapsed"] == pytest.approx(365 / 729)
    assert (ahead["status"], ahead["light"]) == ("in_progress", "green")
    behind = judge({"value": 20}, {"value": 5, "ref_date": MID})  # 25% done, half the time gone
    assert (behind["status"], behind["light"]) == ("in_progress", "amber")
    assert judge({"value": 20}, {"value": 25, "ref_date": END})["light"] == "green"
    assert judge({"value": 20}, {"value": 5, "ref_date": END})["light"] == "red"


def test_completion_rate_should_be_left_out_where_it_means_nothing():
    assert pd.isna(judge({"value": 10, "qualifier": "at_most"}, {"value": 8, "ref_date": END})["completion"])
    growth = judge({"value": 6}, {"value": 7, "ref_date": END}, signed=True)
    assert pd.isna(growth["completion"])
    assert growth["status"] == "met"
