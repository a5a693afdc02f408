"""Load stage: data/ → every curated table and raw document, read and validated row by row."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from etl.paths import DataDir, shown
from etl.problems import Problem
from etl.read import Row, decode, read_table
from etl.text import Searchable
from schemas import TABLES, Figure, RawFileMeta


@dataclass
class Curated:
    """All curated tables keyed by id, the figures with their documents, and the documents' texts."""

    tables: dict[str, dict[str, Row]] = field(default_factory=dict)  # table name (units, plans...) → id → row
    exclusions: list[Row] = field(default_factory=list)
    figures: list[Row[Figure]] = field(default_factory=list)
    figure_document: dict[str, str] = field(default_factory=dict)  # figure id → document id (from its file name)
    texts: dict[str, Searchable] = field(default_factory=dict)  # document id → text
    raw_meta: dict[str, RawFileMeta] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)  # tables whose file could not be read at all
    rejected: dict[str, list[dict[str, str]]] = field(default_factory=dict)  # table → cells of rows that failed

    def rejected_ids(self, table: str) -> set[str]:
        """Ids of rows of `table` that are in its file but failed their own checks (already reported)."""
        return {cells["id"] for cells in self.rejected.get(table, []) if cells.get("id")}

    def __getitem__(self, table: str) -> dict[str, Row]:
        return self.tables[table]


def load(data: DataDir, problems: list[Problem]) -> Curated:
    """Read everything under `data`; problems found on the way are appended, valid rows kept."""
    curated = Curated()
    for file_name, model in TABLES.items():
        before = len(problems)
        table = file_name.removesuffix(".csv")
        curated.rejected[table] = []
        rows = read_table(data.curated / file_name, model, problems, curated.rejected[table])
        if not rows and len(problems) > before:
            # The file itself is broken (not UTF-8, empty, bad header...): references to it would
            # all fail too, so those follow-on errors are not reported.
            curated.unreadable.add(table)
        if table == "exclusions":
            curated.exclusions = rows
        else:
            curated.tables[table] = {row.record.id: row for row in rows}
    _load_figures(data, curated, problems)
    _load_documents(data, curated, problems)
    return curated


def _load_figures(data: DataDir, curated: Curated, problems: list[Problem]) -> None:
    documents = curated.tables.get("documents", {})
    first_seen: dict[str, Row] = {}
    for path in sorted(data.figures.glob("*.csv")):
        document_id = path.stem
        # A document whose row in documents.csv was rejected is reported there, not here again.
        if documents and document_id not in documents and document_id not in curated.rejected_ids("documents"):
            problems.append(Problem(shown(path), None, None,
                                    f"figures are filed by document, but there is no document {document_id!r} in documents.csv"))
            continue
        for row in read_table(path, Figure, problems):
            earlier = first_seen.get(row.record.id)
            if earlier is not None:
                problems.append(Problem(row.file, row.line, "id", f"duplicate figure id, first used at {earlier.file}:{earlier.line}",
                                        row.record.id))
                continue
            first_seen[row.record.id] = row
            curated.figures.append(row)
            curated.figure_document[row.record.id] = document_id


def _load_documents(data: DataDir, curated: Curated, problems: list[Problem]) -> None:
    listed = set()
    for document_id, row in curated.tables.get("documents", {}).items():
        path = data.raw / row.record.file
        listed.add(path.name)
        if not path.exists():
            problems.append(Problem(row.file, row.line, "file", f"no such file in {shown(data.raw)}", row.record.file))
            continue
        meta = _read_meta(data.raw_meta(path.name), problems)
        if meta is not None:
            _check_meta(path, meta, document_id, problems)
            curated.raw_meta[document_id] = meta
        text = decode(path, problems)
        if text is not None:
            curated.texts[document_id] = Searchable(text)
    # Files named on rejected rows count as listed, and an unreadable documents.csv lists nothing:
    # either way the problem was reported in documents.csv and is not repeated for every raw file.
    listed |= {cells.get("file", "") for cells in curated.rejected.get("documents", [])}
    for path in sorted(data.raw.glob("*.txt")):
        if "documents" not in curated.unreadable and path.name not in listed:
            problems.append(Problem(shown(path), None, None, "raw document is not listed in documents.csv"))


def _read_meta(path: Path, problems: list[Problem]) -> RawFileMeta | None:
    name = shown(path)
    if not path.exists():
        problems.append(Problem(name, None, None, "missing sidecar: every raw document needs its .meta.yml"))
        return None
    try:
        values = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        problems.append(Problem(name, None, None, f"not readable as UTF-8 YAML: {exc}"))
        return None
    if not isinstance(values, dict):
        problems.append(Problem(name, None, None, "expected a mapping of field: value"))
        return None
    try:
        return RawFileMeta.model_validate({k: ("" if v is None else str(v) if not isinstance(v, int) else v)
                                           for k, v in values.items()})
    except ValidationError as exc:
        for error in exc.errors():
            field_name = ".".join(str(p) for p in error["loc"]) or None
            problems.append(Problem(name, None, field_name, error["msg"].removeprefix("Value error, ")))
        return None


def _check_meta(path: Path, meta: RawFileMeta, document_id: str, problems: list[Problem]) -> None:
    name = shown(path.with_name(path.stem + ".meta.yml"))
    if meta.document_id != document_id:
        problems.append(Problem(name, None, "document_id", f"the sidecar names another document than {document_id!r}", meta.document_id))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != meta.sha256:
        problems.append(Problem(shown(path), None, None,
                                f"the raw document changed: its sha256 is {digest}, the sidecar records {meta.sha256}. "
                                "Raw documents are kept unchanged; add a new document instead"))
