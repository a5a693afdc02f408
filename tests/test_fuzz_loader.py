"""Property-based fuzzing of the loader: corrupted copies of the curated tables go through `build.run`.

Every example copies data/, corrupts one curated CSV (one of data/curated/*.csv or figures/*.csv) in
one way, and builds into a warehouse that was built once from the good data. Whatever the
corruption, the build must

1. succeed only when the change keeps the data's meaning (column order, a byte-order mark, blank
   lines, whitespace around cells), and otherwise raise InvalidData — any other exception is a bug;
2. on InvalidData, locate its problems: each names a file (the corrupted one, when the damage
   stays in that file), and a row-level corruption is reported at its line (header = line 1) and,
   where one field is at fault, that field;
3. leave the warehouse byte-identical on failure, with nothing new beside it.

Examples run per corruption kind and their outcomes are written to test-artifacts/fuzz-loader.txt.
Set FUZZ_LOADER_SCALE=10 to run ten times as many examples.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from etl import build
from etl.paths import DATA, DataDir
from etl.problems import InvalidData, Problem
from etl.text import Searchable
from schemas import TABLES, Figure

REPO = Path(__file__).resolve().parent.parent
REPORT = REPO / "test-artifacts" / "fuzz-loader.txt"
SCALE = float(os.environ.get("FUZZ_LOADER_SCALE", "1"))

# --- The good data, read once ----------------------------------------------------------------

#: Every curated CSV, relative to data/curated: "units.csv", ..., "figures/<document>.csv".
FILES = sorted(p.relative_to(DATA.curated).as_posix() for p in DATA.curated.rglob("*.csv"))
FIGURE_FILES = [f for f in FILES if f.startswith("figures/")]
#: Files no other table refers to: damage in them cannot show up as problems elsewhere.
LEAVES = [*FIGURE_FILES, "exclusions.csv"]


def _model(file: str):
    return Figure if file.startswith("figures/") else TABLES[file]


def _parse(file: str) -> tuple[list[str], list[list[str]]]:
    with open(DATA.curated / file, encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    return header, rows


GOOD = {file: _parse(file) for file in FILES}  # file → (header, data rows); one line per record
IDS = {file.removesuffix(".csv"): {row[GOOD[file][0].index("id")] for row in GOOD[file][1]}
       for file in TABLES if "id" in GOOD[file][0]}
FILES_WITH_ID = [f for f in FILES if "id" in GOOD[f][0]]


def _refers_to(file: str, column: str) -> str | None:
    """The table whose ids `column` of `file` holds, if it is a reference."""
    if column == "parent_id":
        return file.removesuffix(".csv")
    targets = {"indicator_id": "indicators", "sector_id": "sectors", "region_id": "regions", "cluster_id": "clusters",
               "plan_id": "plans", "task_id": "plan_tasks", "unit_id": "units", "category_id": "categories",
               "document_id": "documents", "document_ids": "documents", "region_ids": "regions"}
    return targets.get(column)


REFERENCES = [(f, c) for f in FILES for c in GOOD[f][0] if _refers_to(f, c)]
#: Numeric columns: a figure's value, and the integers of tasks, categories and plans.
NUMBERS = [(f, "value") for f in FIGURE_FILES] + [
    ("plan_tasks.csv", "seq"), ("categories.csv", "sort"), ("plans.csv", "start_year"), ("plans.csv", "end_year")]
#: Columns other than id by which other files refer to a row: plan tasks name agencies, and the raw
#: documents are listed by file name.
REFERRED = {"agencies.csv": ["id", "name_zh", "aliases_zh"], "documents.csv": ["id", "file"]}
#: A reference that a cross-field rule may report on its partner field instead (both are named in the rule).
PARTNER = {("plan_tasks.csv", "plan_id"): "id", ("figures", "plan_id"): "task_id"}


def _line(cells: list[str]) -> str:
    """One record as a line ending in "\n", as the curated files are written."""
    buffer = io.StringIO()
    # With lineterminator "\n" the writer would leave a cell holding "\r" unquoted, which breaks
    # the record in two; "\r\n" makes it quote both characters.
    csv.writer(buffer, lineterminator="\r\n").writerow(cells)
    return buffer.getvalue().removesuffix("\r\n") + "\n"


def _text(header: list[str], rows: list[list[str]]) -> str:
    return "".join(_line(cells) for cells in [header, *rows])


def _rows(file: str) -> list[list[str]]:
    return [list(row) for row in GOOD[file][1]]


# --- Corruptions -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Corruption:
    """One corrupted file, and what the loader must make of it."""

    kind: str
    file: str  # relative to data/curated
    content: bytes
    what: str  # the change, for a person reading a failing example
    expect: str  # "valid" (the build must succeed), "invalid" or "either"
    at: tuple[int, str | None] | None = None  # (line, field) that some problem must name
    confined: bool = True  # every problem must name the corrupted file
    line: int | None = None  # the one damaged line, where there is one

    def __repr__(self) -> str:  # hypothesis prints it for a failing example; the bytes would drown it
        return f"<{self.kind} {self.file}: {self.what}>"

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(repr(self))


def _utf8(text: str) -> bytes:
    return text.encode("utf-8")


def missing_column(file: str, column: str) -> Corruption:
    header, rows = GOOD[file]
    keep = [i for i, name in enumerate(header) if name != column]
    text = _text([header[i] for i in keep], [[row[i] for i in keep] for row in rows])
    return Corruption("missing_column", file, _utf8(text), f"dropped column {column!r}", "invalid", (1, column))


def unknown_column(file: str, name: str, position: int, cell: str) -> Corruption:
    header, rows = GOOD[file]
    text = _text(header[:position] + [name] + header[position:], [row[:position] + [cell] + row[position:] for row in rows])
    return Corruption("unknown_column", file, _utf8(text), f"column {name!r} at {position}", "invalid", (1, name.strip()))


def reordered_columns(file: str, order: list[int]) -> Corruption:
    header, rows = GOOD[file]
    text = _text([header[i] for i in order], [[row[i] for i in order] for row in rows])
    return Corruption("reordered_columns", file, _utf8(text), f"column order {order}", "valid")


def gbk(file: str) -> Corruption:
    data = (DATA.curated / file).read_text(encoding="utf-8").encode("gbk", errors="replace")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:  # the line of the first byte that is not UTF-8
        line = data[: exc.start].count(b"\n") + 1
    else:
        raise AssertionError(f"{file} in GBK is still UTF-8")
    return Corruption("gbk", file, data, "saved as GBK", "invalid", (line, None))


def bom(file: str) -> Corruption:
    return Corruption("bom", file, b"\xef\xbb\xbf" + (DATA.curated / file).read_bytes(), "UTF-8 byte-order mark", "valid")


def blank_lines(file: str, insertions: list[tuple[int, str]]) -> Corruption:
    """Blank lines (empty, whitespace, or only commas) before record `position` (0 = before the header)."""
    header, rows = GOOD[file]
    lines = [_line(cells) for cells in [header, *rows]]
    for position, blank in sorted(insertions, reverse=True):
        lines.insert(position, blank + "\n")
    return Corruption("blank_lines", file, _utf8("".join(lines)), f"blank lines {insertions}", "valid")


def duplicated_line(file: str, index: int, position: int) -> Corruption:
    """Data row `index` copied to data position `position` (> index), so the copy is the later one."""
    header, rows = GOOD[file]
    rows = [*rows[:position], rows[index], *rows[position:]]
    # Tables without ids (exclusions) report the whole row as a copy.
    field_at_fault = "id" if "id" in header else None
    return Corruption("duplicated_line", file, _utf8(_text(header, rows)), f"row {index} copied to line {position + 2}",
                      "invalid", (position + 2, field_at_fault))


def ragged_row(file: str, index: int, position: int, cell: str | None) -> Corruption:
    """A cell added at `position` of data row `index`, or (cell None) the cell there removed."""
    header = GOOD[file][0]
    rows = _rows(file)
    if cell is None:
        del rows[index][position]
    else:
        rows[index].insert(position, cell)
    # Once a cell is added or removed before a column other tables refer to, the row's id (or an
    # agency's names, or a document's file) cannot be told, so rows that refer to it elsewhere may
    # be reported as well.
    confined = file in LEAVES or position > max(header.index(c) for c in REFERRED.get(file, ["id"]))
    what = f"line {index + 2}: " + (f"cell {position} removed" if cell is None else f"cell {cell!r} added at {position}")
    return Corruption("ragged_row", file, _utf8(_text(header, rows)), what, "invalid", (index + 2, None), confined)


def empty_file(file: str, text: str) -> Corruption:
    return Corruption("empty_file", file, _utf8(text), f"file replaced by {text!r}", "invalid", (1, None))


def bad_number(file: str, index: int, column: str, text: str) -> Corruption:
    header, _ = GOOD[file]
    rows = _rows(file)
    rows[index][header.index(column)] = text
    return Corruption("bad_number", file, _utf8(_text(header, rows)), f"line {index + 2}: {column}={text!r}",
                      "invalid", (index + 2, column))


def duplicated_id(file: str, source: int, template: int, position: int) -> Corruption:
    """Row `template` with the id of row `source`, inserted at data position `position` (> source)."""
    header, _ = GOOD[file]
    rows = _rows(file)
    copy = list(rows[template])
    copy[header.index("id")] = rows[source][header.index("id")]
    rows.insert(position, copy)
    return Corruption("duplicated_id", file, _utf8(_text(header, rows)),
                      f"line {position + 2}: row {template} with the id of row {source}", "invalid", (position + 2, "id"))


def dangling_reference(file: str, index: int, column: str, text: str) -> Corruption:
    header, _ = GOOD[file]
    rows = _rows(file)
    rows[index][header.index(column)] = text
    # A row that stays loaded but points nowhere can make rows of other tables that depend on it
    # fail their own checks (a figure's region no longer lies in its cluster...), so the damage
    # stays in the file only for tables nothing refers to.
    return Corruption("dangling_reference", file, _utf8(_text(header, rows)), f"line {index + 2}: {column}={text!r}",
                      "invalid", (index + 2, column), confined=file in LEAVES)


def mutated_quote(file: str, index: int, quote: str) -> Corruption:
    header, _ = GOOD[file]
    rows = _rows(file)
    rows[index][header.index("quote")] = quote
    return Corruption("mutated_quote", file, _utf8(_text(header, rows)), f"line {index + 2}: quote={quote!r}",
                      "invalid", (index + 2, "quote"))


def foreign_digits(file: str, index: int, column: str, zero: str) -> Corruption:
    """The digits of a date or code cell written in another script, whose zero is `zero`."""
    header, _ = GOOD[file]
    rows = _rows(file)
    cell = rows[index][header.index(column)].translate({ord("0") + d: ord(zero) + d for d in range(10)})
    rows[index][header.index(column)] = cell
    return Corruption("foreign_digits", file, _utf8(_text(header, rows)), f"line {index + 2}: {column}={cell!r}",
                      "invalid", (index + 2, column))


def random_cell(file: str, index: int, column: str, text: str) -> Corruption:
    header, _ = GOOD[file]
    rows = _rows(file)
    rows[index][header.index(column)] = text
    return Corruption("random_cell", file, _utf8(_text(header, rows)), f"line {index + 2}: {column}={text!r}",
                      "either", None, confined=file in LEAVES and column != "id", line=index + 2)


def padded_cells(file: str, pads: list[tuple[int, int, str, str]]) -> Corruption:
    """Whitespace around cells: (record, column, before, after); record 0 is the header."""
    records = [list(GOOD[file][0]), *_rows(file)]
    for record, column, before, after in pads:
        records[record][column] = before + records[record][column] + after
    return Corruption("padded_cells", file, _utf8(_text(records[0], records[1:])), f"padding {pads}", "valid")


# --- Strategies: one per corruption kind -----------------------------------------------------

files = st.sampled_from(FILES)


def _row_of(draw, file: str) -> int:
    return draw(st.integers(0, len(GOOD[file][1]) - 1))


@st.composite
def missing_columns(draw):
    # A column of the header dropped from every row.
    file = draw(files)
    return missing_column(file, draw(st.sampled_from(GOOD[file][0])))


@st.composite
def unknown_columns(draw):
    # A column the model does not know, with the same cell in every row.
    file = draw(files)
    known = set(_model(file).model_fields)
    name = draw(st.text(min_size=1, max_size=12).filter(lambda s: s.strip() and s.strip() not in known
                                                         and not s.startswith("\ufeff")))
    return unknown_column(file, name, draw(st.integers(0, len(GOOD[file][0]))), draw(st.text(max_size=8)))


@st.composite
def reorderings(draw):
    # The same columns in another order (valid).
    file = draw(files)
    return reordered_columns(file, draw(st.permutations(range(len(GOOD[file][0])))))


@st.composite
def byte_order_marks(draw):
    # A UTF-8 byte-order mark, as Excel writes (valid).
    return bom(draw(files))


@st.composite
def gbk_files(draw):
    # The file saved in the legacy Chinese encoding instead of UTF-8.
    return gbk(draw(files))


BLANKS = ["", " ", "\t", ",,", " , ,", "\u3000"]


@st.composite
def blank_line_insertions(draw):
    # Wholly blank lines anywhere, also before the header and at the end (valid).
    file = draw(files)
    positions = st.integers(0, len(GOOD[file][1]) + 1)
    return blank_lines(file, draw(st.lists(st.tuples(positions, st.sampled_from(BLANKS)), min_size=1, max_size=4)))


@st.composite
def duplicated_lines(draw):
    # A data line copied to a later position.
    file = draw(files)
    index = _row_of(draw, file)
    return duplicated_line(file, index, draw(st.integers(index + 1, len(GOOD[file][1]))))


@st.composite
def ragged_rows(draw):
    # A cell added to or removed from one data row.
    file = draw(files)
    index = _row_of(draw, file)
    width = len(GOOD[file][0])
    if draw(st.booleans()):
        return ragged_row(file, index, draw(st.integers(0, width)), draw(st.text(max_size=8)))
    return ragged_row(file, index, draw(st.integers(0, width - 1)), None)


@st.composite
def empty_files(draw):
    # Nothing, or nothing but blank lines.
    return empty_file(draw(files), draw(st.sampled_from(["", "\n", " \n\n", "\ufeff", ",,,\n"])))


def _is_number(text: str) -> bool:
    try:
        return Decimal(text.strip().replace(",", "")).is_finite()
    except InvalidOperation:
        return False


SPECIAL_NUMBERS = ["NaN", "nan", "-nan", "sNaN", "inf", "-inf", "Infinity", "1e30", "-1e30", "1e1000000",
                   "-1e1000000", "1e-1000000", "1e-99999999999", "1" + "0" * 30, "9" * 40, "1.5", ""]


@st.composite
def bad_numbers(draw):
    # Not a number, negative, NaN, infinite or enormous, in a figure's value or an integer column.
    file, column = draw(st.sampled_from(NUMBERS))
    index = _row_of(draw, file)
    text = draw(st.one_of(st.sampled_from(SPECIAL_NUMBERS),
                          st.integers(max_value=-1).map(str),
                          st.decimals(max_value=-1, allow_nan=False, places=3).map(str),
                          st.text(max_size=10).filter(lambda s: not _is_number(s))))
    original = GOOD[file][1][index][GOOD[file][0].index(column)]
    assume(not (_is_number(text) and Decimal(text.replace(",", "")) == Decimal(original)))
    return bad_number(file, index, column, text)


@st.composite
def duplicated_ids(draw):
    # Another row given the id of an earlier one.
    file = draw(st.sampled_from(FILES_WITH_ID))
    count = len(GOOD[file][1])
    source = draw(st.integers(0, count - 1))
    return duplicated_id(file, source, draw(st.integers(0, count - 1)), draw(st.integers(source + 1, count)))


def _dangles(table: str, text: str, column: str) -> bool:
    items = [item.strip() for item in text.split("|")] if column.endswith("_ids") else [text.strip()]
    return bool(text.strip()) and not any(item in IDS[table] for item in items)


@st.composite
def dangling_references(draw):
    # A reference cell (indicator_id, parent_id, region_ids...) replaced by a string that is no id.
    file, column = draw(st.sampled_from(REFERENCES))
    table = _refers_to(file, column)
    text = draw(st.one_of(st.text(min_size=1, max_size=20), st.from_regex(r"[a-z][a-z0-9_-]{0,15}", fullmatch=True))
                .filter(lambda s: _dangles(table, s, column)))
    return dangling_reference(file, _row_of(draw, file), column, text)


#: Document id → its text, prepared for finding quotes the way the loader does.
DOCUMENTS = {row[0]: Searchable((DATA.raw / row[1]).read_text(encoding="utf-8")) for row in GOOD["documents.csv"][1]}
_VISIBLE = st.characters(exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp"))


def _squash(text: str) -> str:
    return "".join(text.split())


def _insert_or_delete(draw, text: str) -> str:
    if not text or draw(st.booleans()):
        at = draw(st.integers(0, len(text)))
        return text[:at] + draw(st.text(_VISIBLE, min_size=1, max_size=3)) + text[at:]
    start = draw(st.integers(0, len(text) - 1))
    return text[:start] + text[draw(st.integers(start + 1, min(len(text), start + 5))):]


@st.composite
def mutated_quotes(draw):
    # Characters inserted into or deleted from a quote, before or after its stated number (which
    # must still occur in it), so that it no longer occurs in its document.
    file = draw(st.sampled_from(LEAVES))
    header, rows = GOOD[file]
    index = _row_of(draw, file)
    row = dict(zip(header, rows[index], strict=True))
    quote, stated = row["quote"], row["stated"].strip()
    start = quote.find(stated)
    if start < 0:  # the number is spaced differently in the quote: change anything
        mutated = _insert_or_delete(draw, quote)
    elif draw(st.booleans()):
        mutated = _insert_or_delete(draw, quote[:start]) + quote[start:]
    else:
        mutated = quote[:start + len(stated)] + _insert_or_delete(draw, quote[start + len(stated):])
    document = DOCUMENTS[row.get("document_id") or file.removeprefix("figures/").removesuffix(".csv")]
    assume(mutated.strip() and len(mutated) <= 1000 and _squash(stated) in _squash(mutated))
    assume(document.locate(mutated) is None)
    return mutated_quote(file, index, mutated)


#: Cells of dates and region codes, which must be written in ASCII digits.
DIGIT_CELLS = [(f, c, i) for f in FILES for c in GOOD[f][0] if c in ("period_start", "period_end", "as_of", "published", "code")
               for i, row in enumerate(GOOD[f][1]) if any(ch.isdigit() for ch in row[GOOD[f][0].index(c)])]


@st.composite
def foreign_digit_cells(draw):
    # A date or region code in full-width, Arabic-Indic or Devanagari digits, which int() reads alike.
    file, column, index = draw(st.sampled_from(DIGIT_CELLS))
    return foreign_digits(file, index, column, draw(st.sampled_from(["\uff10", "\u0660", "\u0966"])))


@st.composite
def random_cells(draw):
    # Any text in any cell: arbitrary unicode, or a piece of another cell of the same row.
    file = draw(files)
    header, rows = GOOD[file]
    index = _row_of(draw, file)
    cells = rows[index]
    other = draw(st.sampled_from(cells))
    start = draw(st.integers(0, len(other)))
    piece = other[start:draw(st.integers(start, len(other)))]
    text = draw(st.one_of(st.text(max_size=30), st.just(piece)))
    return random_cell(file, index, draw(st.sampled_from(header)), text)


PADDING = [" ", "  ", "\t", "\u3000", "\u00a0"]


@st.composite
def paddings(draw):
    # Whitespace before or after cells, header included, as a spreadsheet may leave it (valid).
    file = draw(files)
    header, rows = GOOD[file]
    pad = st.tuples(st.integers(0, len(rows)), st.integers(0, len(header) - 1),
                    st.sampled_from(["", *PADDING]), st.sampled_from(PADDING))
    return padded_cells(file, draw(st.lists(pad, min_size=1, max_size=4, unique_by=lambda p: p[:2])))


# --- Running an example and checking the invariants ------------------------------------------


@dataclass
class Warehouse:
    path: Path
    digest: str
    summary: build.Summary

    def __repr__(self) -> str:
        return f"<warehouse {self.path}>"

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(repr(self))

    def listing(self) -> list[str]:
        return sorted(p.name for p in self.path.parent.iterdir())


RESULTS: Counter = Counter()  # (kind, outcome) → examples
SECONDS: Counter = Counter()  # kind → seconds spent


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, request):
    """A warehouse built once from the good data; the counts are written when the module ends."""
    path = tmp_path_factory.mktemp("fuzz-warehouse") / "warehouse.duckdb"
    summary = build.run(DATA, path)
    started = time.monotonic()
    yield Warehouse(path, _sha(path), summary)
    _write_report(time.monotonic() - started, request.config)


def _run(warehouse: Warehouse, corruption: Corruption) -> None:
    """Build from a copy of data/ with the corruption in it, and check the invariants."""
    before, digest = warehouse.listing(), warehouse.digest
    root = Path(tempfile.mkdtemp(prefix="fuzz-loader-"))
    started = time.monotonic()
    outcome, problems, summary = "crash", [], None
    try:
        shutil.copytree(DATA.raw, root / "raw")
        shutil.copytree(DATA.curated, root / "curated")
        (root / "curated" / corruption.file).write_bytes(corruption.content)
        try:
            summary = build.run(DataDir(root), warehouse.path)
            outcome, warehouse.digest = "valid", _sha(warehouse.path)  # the build replaced it, as it should
        except InvalidData as exc:
            outcome, problems = "invalid", exc.problems
    finally:
        shutil.rmtree(root, ignore_errors=True)
        RESULTS[corruption.kind, outcome] += 1
        SECONDS[corruption.kind] += time.monotonic() - started
    _assert_invariants(warehouse, corruption, outcome, problems, summary, before, digest)


def _assert_invariants(warehouse: Warehouse, corruption: Corruption, outcome: str, problems: list[Problem],
                       summary: build.Summary | None, before: list[str], digest: str) -> None:
    shown = "\n".join(f"  {p}" for p in problems)
    # 1. Success exactly for the changes that keep the data's meaning.
    if corruption.expect != "either":
        assert outcome == corruption.expect, f"{corruption}: expected {corruption.expect}, got {outcome}\n{shown}"
    # 3. Nothing beside the warehouse; on failure the warehouse is byte-identical.
    assert warehouse.listing() == before, f"{corruption}: files appeared beside the warehouse"
    if outcome == "valid":
        assert summary is not None and summary.figures == warehouse.summary.figures
        assert summary.tables == warehouse.summary.tables
        if corruption.expect == "valid":
            assert summary.per_document == warehouse.summary.per_document
        return
    assert _sha(warehouse.path) == digest, f"{corruption}: a failed build changed the warehouse"
    # 2. Every problem is located.
    assert problems, corruption
    lines = corruption.content.count(b"\n") + corruption.content.count(b"\r") + 1  # at most
    columns = set(_model(corruption.file).model_fields)
    if corruption.at:
        columns.add(corruption.at[1])  # an unknown column is named by its own name
    for problem in problems:
        assert isinstance(problem.file, str) and problem.file, f"{corruption}: problem without a file: {problem}"
        assert problem.row is None or problem.row >= 1, f"{corruption}: {problem}"
        in_corrupted = Path(problem.file).as_posix().endswith("/" + corruption.file)
        if corruption.confined:
            assert in_corrupted, f"{corruption}: a problem names another file than {corruption.file}:\n{shown}"
        if in_corrupted:
            assert problem.row is None or problem.row <= lines, f"{corruption}: row beyond the file: {problem}"
            assert problem.field is None or problem.field in columns, f"{corruption}: field is no column: {problem}"
            if corruption.kind == "random_cell" and corruption.confined:
                # Damage to one cell of a row nothing refers to is reported on that row.
                assert problem.row == corruption.line, f"{corruption}: a problem on another line:\n{shown}"
    if corruption.at:
        row, field_at_fault = corruption.at
        partner = PARTNER.get(("figures" if corruption.file in FIGURE_FILES else corruption.file, field_at_fault))
        fields = {field_at_fault} | ({partner} if partner else set())
        assert any(Path(p.file).as_posix().endswith("/" + corruption.file) and p.row == row and p.field in fields
                   for p in problems), f"{corruption}: no problem at line {row}, field {fields}:\n{shown}"


def _write_report(seconds: float, config) -> None:
    kinds = sorted({kind for kind, _ in RESULTS})
    outcomes = ["valid", "invalid", "crash"]
    total = sum(RESULTS.values())
    by_outcome = {o: sum(n for (_, out), n in RESULTS.items() if out == o) for o in outcomes}
    summary = (f"fuzz-loader: {total} examples in {seconds:.1f} s — "
               + ", ".join(f"{o} {by_outcome[o]}" for o in outcomes))
    table = [f"{'kind':<20}{'examples':>9}" + "".join(f"{o:>9}" for o in outcomes) + f"{'seconds':>9}"]
    for kind in kinds:
        counts = [RESULTS[kind, o] for o in outcomes]
        table.append(f"{kind:<20}{sum(counts):>9}" + "".join(f"{n:>9}" for n in counts) + f"{SECONDS[kind]:>9.1f}")
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(summary + "\n\n" + "\n".join(table) + "\n", encoding="utf-8")
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    capture = config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():  # shown in the run's output, not captured
            reporter.write_line("\n" + summary)


# --- The tests: one per corruption kind ------------------------------------------------------


def fuzz(examples: int):
    return settings(max_examples=max(1, round(examples * SCALE)), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


# Each @example is a bug the fuzzing found, kept so that it stays fixed.
WORKWEAR = "figures/sd-workwear-press-2026.csv"
TORCH = "figures/weihai-torch-cluster-news-2024.csv"  # its first figure is an actual


@fuzz(50)
@given(corruption=missing_columns())
# An unreadable agencies.csv made every task's responsible units "not in agencies.csv".
@example(corruption=missing_column("agencies.csv", "id"))
def test_a_missing_column_is_named(warehouse, corruption):
    _run(warehouse, corruption)


@fuzz(50)
@given(corruption=unknown_columns())
# A header cell holding a line break: header problems are on the line the header starts on.
@example(corruption=unknown_column("agencies.csv", "0\r", 0, ""))
def test_an_unknown_column_is_named(warehouse, corruption):
    _run(warehouse, corruption)


@fuzz(15)
@given(corruption=reorderings())
def test_reordered_columns_are_accepted(warehouse, corruption):
    _run(warehouse, corruption)


@fuzz(15)
@given(corruption=byte_order_marks())
def test_a_byte_order_mark_is_accepted(warehouse, corruption):
    _run(warehouse, corruption)


@fuzz(16)
@given(corruption=gbk_files())
# Not UTF-8 from line 2 on: the file was not taken as unreadable (only a problem on line 1 counted),
# so every region id used elsewhere was reported as unknown.
@example(corruption=gbk("regions.csv"))
def test_a_gbk_file_is_rejected_at_its_first_bad_byte(warehouse, corruption):
    _run(warehouse, corruption)


@fuzz(15)
@given(corruption=blank_line_insertions())
# A blank line before the header made the file "empty".
@example(corruption=blank_lines("units.csv", [(0, "")]))
def test_blank_lines_are_skipped(warehouse, corruption):
    _run(warehouse, corruption)


@fuzz(15)
@given(corruption=paddings())
# "featured_cluster " failed the Literal kind, though every text field strips its cell.
@example(corruption=padded_cells("clusters.csv", [(1, 1, "", " ")]))
def test_whitespace_around_cells_is_ignored(warehouse, corruption):
    _run(warehouse, corruption)


@fuzz(50)
@given(corruption=duplicated_lines())
# exclusions.csv has no id column, and a copied line was loaded twice.
@example(corruption=duplicated_line("exclusions.csv", 0, 1))
def test_a_duplicated_line_is_located(warehouse, corruption):
    _run(warehouse, corruption)


@fuzz(50)
@given(corruption=ragged_rows())
# A ragged agency row: every task naming that agency was reported as well.
@example(corruption=ragged_row("agencies.csv", 0, 5, "x"))
def test_a_ragged_row_is_located(warehouse, corruption):
    _run(warehouse, corruption)


@fuzz(20)
@given(corruption=empty_files())
# An empty documents.csv also reported every raw document as "not listed in documents.csv".
@example(corruption=empty_file("documents.csv", ""))
def test_an_empty_file_is_rejected(warehouse, corruption):
    _run(warehouse, corruption)


@fuzz(100)
@given(corruption=bad_numbers())
# A 31-digit seq passed validation and crashed the build in DuckDB (ConversionException).
@example(corruption=bad_number("plan_tasks.csv", 0, "seq", "1" + "0" * 30))
# 1e1000000 crashed Figure's size check with decimal.Overflow.
@example(corruption=bad_number(WORKWEAR, 0, "value", "1e1000000"))
# 1e-99999999999 crashed with MemoryError: the problem message printed it in full, 1e11 digits.
@example(corruption=bad_number(WORKWEAR, 0, "value", "1e-99999999999"))
# A rejected row's id was reported as "unknown ..., not in <table>.csv" wherever it is used:
# the task (used by a figure) and the category (used by indicators).
@example(corruption=bad_number("plan_tasks.csv", 1, "seq", "abc"))
@example(corruption=bad_number("categories.csv", 0, "sort", "-1"))
def test_a_bad_number_is_located(warehouse, corruption):
    _run(warehouse, corruption)


@fuzz(50)
@given(corruption=duplicated_ids())
def test_a_duplicated_id_is_located(warehouse, corruption):
    _run(warehouse, corruption)


@fuzz(100)
@given(corruption=dangling_references())
# An error in one item of a list came out with the field "document_ids.0", which is no column.
@example(corruption=dangling_reference("plans.csv", 0, "document_ids", ":"))
# A task_id on an actual was reported on plan_id.
@example(corruption=dangling_reference(TORCH, 0, "task_id", "x"))
def test_a_dangling_reference_is_located(warehouse, corruption):
    _run(warehouse, corruption)


@fuzz(50)
@given(corruption=mutated_quotes())
def test_a_quote_not_in_its_document_is_located(warehouse, corruption):
    _run(warehouse, corruption)


@fuzz(40)
@given(corruption=foreign_digit_cells())
# Dates and region codes in full-width digits were accepted and stored as such.
@example(corruption=foreign_digits("documents.csv", 0, "published", "\uff10"))
@example(corruption=foreign_digits("regions.csv", 0, "code", "\uff10"))
def test_dates_and_codes_in_other_digits_are_located(warehouse, corruption):
    _run(warehouse, corruption)


@fuzz(120)
@given(corruption=random_cells())
def test_random_text_in_a_cell_never_crashes_the_loader(warehouse, corruption):
    _run(warehouse, corruption)
