"""The whole pipeline: data/ (raw documents + curated CSV) → validated records → DuckDB warehouse."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from etl import validate, warehouse
from etl.curated import Curated, load
from etl.paths import DATA, DataDir, database_path
from etl.problems import InvalidData, Problem


@dataclass(frozen=True)
class Summary:
    """What a build loaded: figure counts per document, kind and indicator category."""

    database: Path | None
    figures: int
    per_document: dict[str, Counter]  # document id → Counter of (kind, category)
    tables: dict[str, int]


def check(data: DataDir = DATA) -> Curated:
    """Validate everything under `data`; raise InvalidData listing every problem."""
    # Load inputs
    problems: list[Problem] = []
    curated = load(data, problems)
    # Process data
    # Cross-table checks run even when some rows failed, so one run reports every problem it can;
    # references into a file that could not be read at all are not reported again.
    validate.check(curated, problems)
    if problems:
        raise InvalidData(problems)
    return curated


def run(data: DataDir = DATA, database: Path | None = None) -> Summary:
    """Validate and load into the warehouse; on any problem the previous warehouse stays untouched."""
    target = database or database_path()
    curated = check(data)
    warehouse.write(curated, target, source_digest(data))
    return summarize(curated, target)


def summarize(curated: Curated, database: Path | None) -> Summary:
    categories = {i.record.id: i.record.category_id for i in curated["indicators"].values()}
    per_document: dict[str, Counter] = {d: Counter() for d in curated["documents"]}
    for row in curated.figures:
        figure = row.record
        per_document[curated.figure_document[figure.id]][(figure.kind, categories[figure.indicator_id])] += 1
    tables = {name: len(rows) for name, rows in curated.tables.items()}
    tables["exclusions"] = len(curated.exclusions)
    return Summary(database, len(curated.figures), per_document, tables)


def source_digest(data: DataDir = DATA) -> str:
    """A fingerprint of every input file and of the warehouse layout: the app rebuilds when it changes."""
    digest = hashlib.sha256(f"schema {warehouse.SCHEMA_VERSION}\n".encode())
    for layout in ("warehouse.sql", "progress.sql", "summaries.sql"):
        digest.update(Path(warehouse.__file__).with_name(layout).read_bytes())
    for folder in (data.raw, data.curated):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(data.root)).encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()
