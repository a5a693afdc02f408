"""The loader rejects bad curated data with located problems: file, row, field — all of them at once."""

from __future__ import annotations

import pytest

from etl import build
from etl.problems import InvalidData, Problem
from tests.conftest import PRESS, DataCopy


def problems_of(data: DataCopy) -> list[Problem]:
    with pytest.raises(InvalidData) as caught:
        build.check(data)
    return caught.value.problems


def located(problems: list[Problem], file_end: str, row: int | None, field: str | None) -> list[Problem]:
    return [p for p in problems if p.file.endswith(file_end) and p.row == row and p.field == field]


def test_the_curated_data_is_valid():
    curated = build.check()
    assert len(curated.figures) > 100


# Each case breaks one rule in one row; the problem must point at that file, row and field.
def _unknown_indicator(d):
    return PRESS, d.edit(PRESS, 0, indicator_id="textile_output_yoy"), "indicator_id"


def _unknown_region(d):
    return PRESS, d.edit(PRESS, 2, region_id="atlantis"), "region_id"


def _unknown_plan(d):
    return PRESS, d.edit(PRESS, 0, plan_id="no-such-plan"), "plan_id"


def _unknown_cluster(d):
    return PRESS, d.edit(PRESS, 2, cluster_id="no-such-cluster"), "cluster_id"


def _unit_not_the_indicators(d):
    return PRESS, d.edit(PRESS, d.find(PRESS, stated="450亿元"), unit_id="percent"), "unit_id"


def _quote_not_in_document(d):
    return PRESS, d.edit(PRESS, d.find(PRESS, stated="450亿元"), quote="超5500家企业、460亿元年营收", stated="460亿元",
                         value="46000000000"), "quote"


def _value_disagrees_with_quote(d):
    return PRESS, d.edit(PRESS, d.find(PRESS, stated="450亿元"), value="4500000000"), "value"


def _value_in_wrong_magnitude(d):
    # 5万余家 is 50,000, not 5: the magnitude 万 must be applied.
    return PRESS, d.edit(PRESS, d.find(PRESS, stated="5万余家"), value="5"), "value"


def _qualifier_disagrees_with_quote(d):
    return PRESS, d.edit(PRESS, d.find(PRESS, stated="5万余家"), qualifier="exact"), "qualifier"


def _stated_not_in_quote(d):
    return PRESS, d.edit(PRESS, d.find(PRESS, stated="450亿元"), stated="500亿元", value="50000000000"), "stated"


def _not_a_number(d):
    return PRESS, d.edit(PRESS, 0, value="five"), "value"


def _negative_count(d):
    return PRESS, d.edit(PRESS, d.find(PRESS, stated="2909家"), value="-2909"), "value"


def _target_without_plan(d):
    return PRESS, d.edit(PRESS, 0, plan_id="", task_id=""), "plan_id"


def _bad_date(d):
    return PRESS, d.edit(PRESS, 2, as_of="2026-13-01"), "as_of"


def _duplicate_id_in_file(d):
    rows = d.rows(PRESS)
    rows[5]["id"] = rows[4]["id"]
    d.write_rows(PRESS, rows)
    return PRESS, 7, "id"


def _duplicate_id_across_files(d):
    other = "figures/weihai-torch-cluster-news-2024.csv"
    return other, d.edit(other, 0, id=d.rows(PRESS)[0]["id"]), "id"


def _task_of_another_plan(d):
    return PRESS, d.edit(PRESS, 0, task_id="sd-light-textile-2022/a1"), "task_id"


def _region_outside_cluster(d):
    return PRESS, d.edit(PRESS, d.find(PRESS, stated="50多个"), region_id="weihai"), "region_id"


def _unknown_parent_region(d):
    return "regions.csv", d.edit("regions.csv", 3, parent_id="nowhere"), "parent_id"


def _task_title_not_in_document(d):
    return "plan_tasks.csv", d.edit("plan_tasks.csv", 0, title_zh="推动产业链全面升级"), "title_zh"


def _unknown_responsible_unit(d):
    index = d.find("plan_tasks.csv", title_zh="推动安全绿色发展")
    return "plan_tasks.csv", d.edit("plan_tasks.csv", index, responsible_zh="市工业和信息化局、市宇航局"), "responsible_zh"


def _indicator_with_unknown_unit(d):
    return "indicators.csv", d.edit("indicators.csv", 0, unit_id="furlongs"), "unit_id"


def _document_note_in_english_only(d):
    # A Chinese reader would see the English note: a note is written in both languages.
    return "documents.csv", d.edit("documents.csv", 0, note_zh=""), "note_zh"


CASES = [_unknown_indicator, _unknown_region, _unknown_plan, _unknown_cluster, _unit_not_the_indicators,
         _quote_not_in_document, _value_disagrees_with_quote, _value_in_wrong_magnitude,
         _qualifier_disagrees_with_quote, _stated_not_in_quote, _not_a_number, _negative_count,
         _target_without_plan, _bad_date, _duplicate_id_in_file, _duplicate_id_across_files,
         _task_of_another_plan, _region_outside_cluster, _unknown_parent_region, _task_title_not_in_document,
         _unknown_responsible_unit, _indicator_with_unknown_unit, _document_note_in_english_only]


@pytest.mark.parametrize("breaks", CASES, ids=[c.__name__.strip("_") for c in CASES])
def test_it_should_locate_each_broken_rule(data_copy, breaks):
    file, row, field = breaks(data_copy)
    problems = problems_of(data_copy)
    assert located(problems, file, row, field), "\n".join(map(str, problems))


def test_it_should_report_every_problem_of_a_run_at_once(data_copy):
    expected = [case(data_copy) for case in (_unknown_region, _unit_not_the_indicators, _unknown_parent_region,
                                              _task_title_not_in_document)]
    problems = problems_of(data_copy)
    for file, row, field in expected:
        assert located(problems, file, row, field), (file, row, field)


def test_it_should_reject_a_file_that_is_not_utf8(data_copy):
    path = data_copy.path("plans.csv")
    path.write_bytes(path.read_text(encoding="utf-8").encode("gbk"))
    problems = problems_of(data_copy)
    assert [p for p in problems if p.file.endswith("plans.csv") and "not UTF-8" in p.message]


def test_it_should_name_a_missing_column(data_copy):
    rows = data_copy.rows(PRESS)
    data_copy.write_rows(PRESS, rows, [name for name in rows[0] if name != "qualifier"])
    assert located(problems_of(data_copy), PRESS, 1, "qualifier")


def test_it_should_name_an_unknown_column(data_copy):
    rows = data_copy.rows("sectors.csv")
    for row in rows:
        row["colour"] = "red"
    data_copy.write_rows("sectors.csv", rows)
    assert located(problems_of(data_copy), "sectors.csv", 1, "colour")


def test_it_should_locate_a_ragged_row(data_copy):
    path = data_copy.path("categories.csv")
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] += ",extra"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert located(problems_of(data_copy), "categories.csv", 4, None)


def test_it_should_name_an_empty_file(data_copy):
    data_copy.path("sectors.csv").write_text("", encoding="utf-8")
    assert located(problems_of(data_copy), "sectors.csv", 1, None)


def test_it_should_accept_a_byte_order_mark_and_blank_lines(data_copy):
    path = data_copy.path("categories.csv")
    path.write_text("\ufeff" + path.read_text(encoding="utf-8").replace("\n", "\n\n", 2), encoding="utf-8")
    assert len(build.check(data_copy).figures) > 100


def test_it_should_accept_reordered_columns(data_copy):
    rows = data_copy.rows(PRESS)
    data_copy.write_rows(PRESS, rows, list(reversed(list(rows[0]))))
    assert len(build.check(data_copy).figures) > 100


def test_it_should_notice_a_changed_raw_document(data_copy):
    path = data_copy.raw / "sd-workwear-press-2026.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("450亿元", "460亿元"), encoding="utf-8")
    problems = problems_of(data_copy)
    assert [p for p in problems if p.file.endswith("sd-workwear-press-2026.txt") and "sha256" in p.message]
    # The quote no longer occurs in the (tampered) text either.
    assert [p for p in problems if p.field == "quote"]


def test_it_should_require_a_sidecar_for_each_raw_document(data_copy):
    (data_copy.raw / "sd-textile-plan-2021-draft.meta.yml").unlink()
    assert [p for p in problems_of(data_copy) if p.file.endswith("sd-textile-plan-2021-draft.meta.yml")]


def test_it_should_reject_figures_filed_under_an_unknown_document(data_copy):
    (data_copy.figures / "no-such-document.csv").write_text(data_copy.path(PRESS).read_text(encoding="utf-8"), encoding="utf-8")
    assert located(problems_of(data_copy), "no-such-document.csv", None, None)
