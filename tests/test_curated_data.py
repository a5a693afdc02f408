"""Contract tests on the shipped data: complete, sourced, and only about Shandong's textile industry."""

from __future__ import annotations

import pytest

from etl import build, coverage
from schemas import TABLES, Figure, RawFileMeta


@pytest.fixture(scope="module")
def curated():
    return build.check()


def test_every_quantity_in_the_documents_is_loaded_or_excluded_with_a_reason(curated):
    assert [str(u) for u in coverage.unaccounted(curated)] == []


def test_coverage_notices_a_figure_that_goes_missing(curated):
    dropped = next(row for row in curated.figures if row.record.stated == "450亿元")
    curated.figures.remove(dropped)
    try:
        missing = coverage.unaccounted(curated)
    finally:
        curated.figures.append(dropped)
    assert [u.quantity.text for u in missing] == ["450亿元"]


def test_nothing_from_the_unrelated_articles_is_loaded(curated):
    for row in curated.figures:
        assert not any(place in row.record.quote for place in ("昆山", "阿拉善", "内蒙古")), row.record.id


def test_every_city_of_shandong_is_listed_with_its_code(curated):
    cities = {r.record.name_zh: r.record.code for r in curated["regions"].values() if r.record.level == "city"}
    assert len(cities) == 16
    assert cities["威海市"] == "371000" and cities["菏泽市"] == "371700"
    assert "莱芜市" not in cities  # merged into Jinan in 2019


def test_the_nine_featured_clusters_and_six_bases_of_the_2021_plan_are_there(curated):
    kinds = [c.record.kind for c in curated["clusters"].values() if c.record.document_id == "sd-textile-plan-2021-draft"]
    assert kinds.count("featured_cluster") == 9
    assert kinds.count("industrial_base") == 6


def test_every_weihai_plan_task_names_its_responsible_units(curated):
    tasks = [t.record for t in curated["plan_tasks"].values()
             if t.record.plan_id == "weihai-light-textile-2023-2025" and t.record.kind in ("goal", "task", "measure")]
    assert len(tasks) == 25
    assert all(t.responsible_zh for t in tasks)


def test_targets_and_actuals_are_both_present_for_each_kind_of_document(curated):
    kinds = {(curated.figure_document[r.record.id], r.record.kind) for r in curated.figures}
    assert ("sd-workwear-press-2026", "actual") in kinds and ("sd-workwear-press-2026", "target") in kinds
    assert ("weihai-torch-cluster-news-2024", "actual") in kinds
    assert {k for d, k in kinds if d in ("sd-light-textile-2022-news", "weihai-light-textile-plan-2023",
                                         "sd-textile-plan-2021-draft")} == {"target"}


def test_every_raw_document_has_a_valid_sidecar(curated):
    assert set(curated.raw_meta) == set(curated["documents"])
    assert all(isinstance(meta, RawFileMeta) for meta in curated.raw_meta.values())


@pytest.mark.parametrize("model", [*TABLES.values(), Figure, RawFileMeta], ids=lambda m: m.__name__)
def test_every_column_has_a_description(model):
    assert [name for name, field in model.model_fields.items() if not field.description] == []
