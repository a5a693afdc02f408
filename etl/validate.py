"""Check stage: cross-table rules over the loaded curated data — references, quotes and numbers.

Each check is a named function that appends located problems; none stops at the first.
"""

from __future__ import annotations

import re
from decimal import Decimal

from etl.curated import Curated
from etl.numbers import NumberFormatError, parse_quantity
from etl.problems import Problem
from etl.read import Row
from etl.text import squash

#: How the plans separate responsible units: "市科技局、市工业和信息化局" and "…，专班各成员单位配合".
_UNIT_SEPARATORS = re.compile(r"[、，,；;]")


def check(curated: Curated, problems: list[Problem]) -> None:
    """Run every cross-table check."""
    check_vocabulary(curated, problems)
    check_regions(curated, problems)
    check_plans(curated, problems)
    check_tasks(curated, problems)
    check_clusters(curated, problems)
    check_exclusions(curated, problems)
    check_figures(curated, problems)


def _ref(problems: list[Problem], row: Row, field: str, value: str | None, curated: Curated, table: str) -> bool:
    """Whether `value` is an id of `table`; adds a problem naming the table when it is not."""
    if value is None or table in curated.unreadable:
        return value is None
    if value in curated.tables.get(table, {}):
        return True
    if value in curated.rejected_ids(table):
        # The row is in the file but failed its own checks, which were reported on that row;
        # "unknown id, not in <table>.csv" would be false and repeated for every row referring to it.
        return False
    problems.append(Problem(row.file, row.line, field, f"unknown {table.removesuffix('s')} id, not in {table}.csv", value))
    return False


def _in_documents(problems: list[Problem], row: Row, field: str, text: str, curated: Curated, document_ids: list[str]) -> bool:
    """Whether `text` occurs verbatim (whitespace and width aside) in one of the documents."""
    searchables = [curated.texts[d] for d in document_ids if d in curated.texts]
    if not searchables or any(s.locate(text) for s in searchables):
        return True
    best = max((s.longest_matching_prefix(text) for s in searchables), key=len)
    hint = f"; the document has its first {len(best)} characters ({best[-12:]!r} ends the match)" if best else ""
    problems.append(Problem(row.file, row.line, field, f"not found in {', '.join(document_ids)}{hint}", text))
    return False


def check_vocabulary(curated: Curated, problems: list[Problem]) -> None:
    for row in curated["indicators"].values():
        _ref(problems, row, "unit_id", row.record.unit_id, curated, "units")
        _ref(problems, row, "category_id", row.record.category_id, curated, "categories")
    for row in curated["agencies"].values():
        _ref(problems, row, "region_id", row.record.region_id, curated, "regions")
    names: dict[str, str] = {}
    for row in curated["agencies"].values():
        for name in [row.record.name_zh, *row.record.aliases_zh]:
            if name in names and names[name] != row.record.id:
                problems.append(Problem(row.file, row.line, "name_zh", f"name also used by agency {names[name]!r}", name))
            names[name] = row.record.id


def check_regions(curated: Curated, problems: list[Problem]) -> None:
    regions = curated["regions"]
    codes: dict[str, str] = {}
    for row in regions.values():
        region = row.record
        if not _ref(problems, row, "parent_id", region.parent_id, curated, "regions"):
            continue
        if region.code:
            if region.code in codes:
                problems.append(Problem(row.file, row.line, "code", f"code already used by region {codes[region.code]!r}", region.code))
            codes[region.code] = region.id
        parent = regions[region.parent_id].record if region.parent_id else None
        if region.level == "city" and region.code and not region.code.endswith("00"):
            problems.append(Problem(row.file, row.line, "code", "a prefecture-level city's GB/T 2260 code ends in 00", region.code))
        if parent is not None and parent.code and region.code:
            prefix = parent.code[:2] if parent.level == "province" else parent.code[:4]
            if not region.code.startswith(prefix):
                problems.append(Problem(row.file, row.line, "code", f"does not lie within its parent's code {parent.code}", region.code))
        seen = {region.id}
        walker = region
        while walker.parent_id and walker.parent_id in regions:
            if walker.parent_id in seen:
                problems.append(Problem(row.file, row.line, "parent_id", "parent links form a cycle", region.parent_id))
                break
            seen.add(walker.parent_id)
            walker = regions[walker.parent_id].record


def check_plans(curated: Curated, problems: list[Problem]) -> None:
    for row in curated["plans"].values():
        plan = row.record
        _ref(problems, row, "region_id", plan.region_id, curated, "regions")
        known = [d for d in plan.document_ids if _ref(problems, row, "document_ids", d, curated, "documents")]
        _in_documents(problems, row, "name_zh", plan.name_zh, curated, known)


def check_tasks(curated: Curated, problems: list[Problem]) -> None:
    tasks = curated["plan_tasks"]
    agencies = agency_names(curated)
    rejected_agencies = {name.strip() for cells in curated.rejected.get("agencies", [])
                         for name in [cells.get("name_zh", ""), *cells.get("aliases_zh", "").split("|")]}
    for row in tasks.values():
        task = row.record
        if not _ref(problems, row, "plan_id", task.plan_id, curated, "plans"):
            continue
        documents = curated["plans"][task.plan_id].record.document_ids
        parent_known = _ref(problems, row, "parent_id", task.parent_id, curated, "plan_tasks")
        if parent_known and task.parent_id and tasks[task.parent_id].record.plan_id != task.plan_id:
            problems.append(Problem(row.file, row.line, "parent_id", "belongs to another plan", task.parent_id))
        _in_documents(problems, row, "title_zh", task.title_zh, curated, documents)
        if task.responsible_zh:
            _in_documents(problems, row, "responsible_zh", task.responsible_zh, curated, documents)
            for unit in responsible_units(task.responsible_zh):
                # Like references by id, names of an unreadable agencies.csv or of its rejected rows
                # are not reported again on every task that names them.
                if unit not in agencies and "agencies" not in curated.unreadable and unit not in rejected_agencies:
                    problems.append(Problem(row.file, row.line, "responsible_zh",
                                            "responsible unit not in agencies.csv (add it, or an alias)", unit))


def responsible_units(text: str) -> list[str]:
    """The units of a printed responsibility list, in order."""
    return [part.strip() for part in _UNIT_SEPARATORS.split(text) if part.strip()]


def agency_names(curated: Curated) -> dict[str, str]:
    """Agency id by every name and alias the plans print."""
    return {name: agency.record.id
            for agency in curated["agencies"].values()
            for name in [agency.record.name_zh, *agency.record.aliases_zh]}


def agency_ids(by_name: dict[str, str], text: str | None) -> list[str]:
    """Agency ids of a printed responsibility list (names or aliases, see `agency_names`), in order, without repeats."""
    ids: list[str] = []
    for unit in responsible_units(text or ""):
        agency = by_name.get(unit)
        if agency and agency not in ids:
            ids.append(agency)
    return ids


def check_clusters(curated: Curated, problems: list[Problem]) -> None:
    clusters = curated["clusters"]
    for row in clusters.values():
        cluster = row.record
        for region in cluster.region_ids:
            _ref(problems, row, "region_ids", region, curated, "regions")
        if _ref(problems, row, "parent_id", cluster.parent_id, curated, "clusters") and cluster.parent_id:
            parent = clusters[cluster.parent_id].record
            if parent.kind != "industrial_base":
                problems.append(Problem(row.file, row.line, "parent_id", "a sub-base's parent must be an industrial_base", cluster.parent_id))
            outside = set(cluster.region_ids) - set(parent.region_ids)
            if outside:
                problems.append(Problem(row.file, row.line, "region_ids", f"not regions of the parent base: {', '.join(sorted(outside))}"))
        if _ref(problems, row, "document_id", cluster.document_id, curated, "documents"):
            _in_documents(problems, row, "name_zh", cluster.name_zh, curated, [cluster.document_id])


def check_exclusions(curated: Curated, problems: list[Problem]) -> None:
    for row in curated.exclusions:
        exclusion = row.record
        if _ref(problems, row, "document_id", exclusion.document_id, curated, "documents"):
            _in_documents(problems, row, "quote", exclusion.quote, curated, [exclusion.document_id])
        if squash(exclusion.stated) not in squash(exclusion.quote):
            problems.append(Problem(row.file, row.line, "stated", "does not occur in the quote", exclusion.stated))


def check_figures(curated: Curated, problems: list[Problem]) -> None:
    for row in curated.figures:
        check_figure(curated, row, curated.figure_document[row.record.id], problems)


def check_figure(curated: Curated, row: Row, document_id: str, problems: list[Problem]) -> None:
    """References, plan and cluster consistency, the quote in its document, and the number in its quote."""
    figure = row.record
    refs_ok = all([
        _ref(problems, row, "indicator_id", figure.indicator_id, curated, "indicators"),
        _ref(problems, row, "sector_id", figure.sector_id, curated, "sectors"),
        _ref(problems, row, "region_id", figure.region_id, curated, "regions"),
        _ref(problems, row, "cluster_id", figure.cluster_id, curated, "clusters"),
        _ref(problems, row, "plan_id", figure.plan_id, curated, "plans"),
        _ref(problems, row, "task_id", figure.task_id, curated, "plan_tasks"),
        _ref(problems, row, "unit_id", figure.unit_id, curated, "units"),
    ])
    if not refs_ok:
        return
    indicator = curated["indicators"][figure.indicator_id].record
    if figure.unit_id != indicator.unit_id:
        problems.append(Problem(row.file, row.line, "unit_id",
                                f"indicator {indicator.id!r} is counted in {indicator.unit_id!r}", figure.unit_id))
    if figure.value < 0 and not indicator.signed:
        problems.append(Problem(row.file, row.line, "value", f"indicator {indicator.id!r} cannot be negative", str(figure.value)))
    if figure.plan_id:
        plan = curated["plans"][figure.plan_id].record
        if document_id not in plan.document_ids:
            problems.append(Problem(row.file, row.line, "plan_id",
                                    f"plan {plan.id!r} is not stated in document {document_id!r} (see plans.csv document_ids)", plan.id))
        due = int(figure.period_end[:4]) if figure.period_end else None
        if due is not None and not plan.start_year <= due <= plan.end_year:
            problems.append(Problem(row.file, row.line, "period_end",
                                    f"outside the plan period {plan.start_year}–{plan.end_year}", figure.period_end))
    if figure.cluster_id:
        _check_cluster_region(curated, row, problems)
    if _in_documents(problems, row, "quote", figure.quote, curated, [document_id]):
        check_stated_number(curated, row, problems)


def _check_cluster_region(curated: Curated, row: Row, problems: list[Problem]) -> None:
    figure = row.record
    cluster_regions = set(curated["clusters"][figure.cluster_id].record.region_ids)
    region, regions = figure.region_id, curated["regions"]
    while region is not None:
        if region in cluster_regions:
            return
        region = regions[region].record.parent_id if region in regions else None
    problems.append(Problem(row.file, row.line, "region_id",
                            f"cluster {figure.cluster_id!r} lies in {', '.join(sorted(cluster_regions))}, not here", figure.region_id))


def check_stated_number(curated: Curated, row: Row, problems: list[Problem]) -> None:
    """The stated number, read as Chinese, must give the row's value, qualifier and a measure word of its unit."""
    figure = row.record
    try:
        quantity = parse_quantity(figure.stated)
    except NumberFormatError as exc:
        problems.append(Problem(row.file, row.line, "stated", f"not a quantity: {exc}", figure.stated))
        return
    if quantity.upper is not None:
        problems.append(Problem(row.file, row.line, "stated", "a range; state its bounds as two figures", figure.stated))
        return
    if Decimal(quantity.value) != figure.value:
        problems.append(Problem(row.file, row.line, "value",
                                f"the quote states {figure.stated} = {_plain(quantity.value)}, the row says {_plain(figure.value)}",
                                str(figure.value)))
    if quantity.qualifier != figure.qualifier:
        problems.append(Problem(row.file, row.line, "qualifier",
                                f"the quote states {figure.stated}, which reads as {quantity.qualifier!r}", figure.qualifier))
    unit = curated["units"][figure.unit_id].record
    if quantity.unit == "" and not unit.bare_number_ok:
        problems.append(Problem(row.file, row.line, "stated",
                                f"no measure word; unit {unit.id!r} needs one of {', '.join(unit.measure_words)}", figure.stated))
    elif quantity.unit and quantity.unit not in unit.measure_words:
        problems.append(Problem(row.file, row.line, "unit_id",
                                f"the quote counts in {quantity.unit!r}, which does not fit unit {unit.id!r} "
                                f"({', '.join(unit.measure_words)})", figure.unit_id))


def _plain(value: Decimal) -> str:
    """A Decimal without exponent or trailing zeros: 4.5E+10 → 45000000000."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
