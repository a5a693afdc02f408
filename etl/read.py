"""Reading curated CSV files into validated records, collecting every problem with its location.

The files are UTF-8 CSV with a header row, as a spreadsheet saves them: a UTF-8 byte-order mark
(Excel writes one) is accepted, wholly blank lines are skipped (before the header too), whitespace
around a cell is ignored, and columns may come in any order.
Example (data/curated/units.csv):

    id,name_zh,name_en,symbol_zh,symbol_en,measure_words,bare_number_ok
    CNY,人民币元,yuan (CNY),元,CNY,元,false

Row numbers in problems are the line numbers a person sees in an editor (the header is line 1).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from etl.paths import shown
from etl.problems import Problem
from schemas.fields import RuleErrors

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Row(Generic[M]):
    """A validated record and where it came from."""

    file: str
    line: int
    record: M


def decode(path: Path, problems: list[Problem]) -> str | None:
    """The file's text, or None (with a problem) when it is missing or not UTF-8."""
    name = shown(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        problems.append(Problem(name, None, None, "file is missing"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(Problem(name, line, None,
                                f"file is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                                "save it as UTF-8 (in Excel: CSV UTF-8)"))
        return None
    return text.removeprefix("\ufeff")


def read_table(path: Path, model: type[M], problems: list[Problem],
               rejected: list[dict[str, str]] | None = None) -> list[Row[M]]:
    """Every valid row of the CSV file at `path` as `model`; each invalid row adds problems instead.

    The cells of each rejected row are appended to `rejected` (when given), so that later checks can
    tell an id that is in the file but on a broken row from one that is nowhere.
    """
    name = shown(path)
    text = decode(path, problems)
    if text is None:
        return []
    expected = list(model.model_fields)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        # Blank lines before the header are skipped like any other; header problems name the
        # line the header is on.
        header, header_line, last_line = None, 1, 0
        for cells in reader:
            if any(cell.strip() for cell in cells):
                header, header_line = cells, last_line + 1
                break
            last_line = reader.line_num
        if header is None:
            problems.append(Problem(name, 1, None, f"file is empty: expected a header row with columns {', '.join(expected)}"))
            return []
        header = [cell.strip() for cell in header]
        if not _header_ok(name, header_line, header, expected, problems):
            return []
        rows: list[Row[M]] = []
        first_line_of_id: dict[str, int] = {}
        first_line_of_row: dict[tuple[str, ...], int] = {}
        last_line = reader.line_num
        for cells in reader:
            line, last_line = last_line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                problems.append(Problem(name, line, None,
                                        f"row has {len(cells)} cells but the header has {len(header)}; "
                                        "check for a missing or extra comma, or an unquoted comma inside a value"))
                if rejected is not None:
                    rejected.append(dict(zip(header, (cell.strip() for cell in cells))))
                continue
            # Cells are stripped before validation, so a stray space a spreadsheet leaves after
            # "target" reads the same in fixed-choice fields (kind, level, qualifier) as in text.
            values = {column: cell.strip() for column, cell in zip(header, cells, strict=True)}
            record = _validate(name, line, model, values, problems)
            if record is None:
                if rejected is not None:
                    rejected.append(values)
                continue
            record_id = getattr(record, "id", None)
            if record_id is not None:
                if record_id in first_line_of_id:
                    problems.append(Problem(name, line, "id", f"duplicate id, first used on line {first_line_of_id[record_id]}", record_id))
                    continue
                first_line_of_id[record_id] = line
            elif "id" not in expected:
                # A table without ids (exclusions) would otherwise load a copied line twice.
                key = tuple(values[column] for column in expected)
                if key in first_line_of_row:
                    problems.append(Problem(name, line, None, f"duplicate row, the same as line {first_line_of_row[key]}"))
                    continue
                first_line_of_row[key] = line
            rows.append(Row(name, line, record))
        return rows
    except csv.Error as exc:
        problems.append(Problem(name, reader.line_num, None, f"malformed CSV: {exc}"))
        return []


def _header_ok(name: str, line: int, header: list[str], expected: list[str], problems: list[Problem]) -> bool:
    ok = True
    seen: set[str] = set()
    for column in header:
        if column in seen:
            problems.append(Problem(name, line, column, "column appears twice in the header"))
            ok = False
        seen.add(column)
        if column not in expected:
            problems.append(Problem(name, line, column, f"unknown column; the columns are {', '.join(expected)}"))
            ok = False
    for column in expected:
        if column not in seen:
            problems.append(Problem(name, line, column, "missing column"))
            ok = False
    return ok


def _validate(name: str, line: int, model: type[M], values: dict[str, str], problems: list[Problem]) -> M | None:
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        for error in exc.errors():
            cause = error.get("ctx", {}).get("error")
            if isinstance(cause, RuleErrors):
                for field, message in cause.items:
                    problems.append(Problem(name, line, field, message, values.get(field) if field else None))
                continue
            # The field is the column: an error in one item of a |-separated list has the loc
            # ("region_ids", 0); the item number goes into the message.
            loc = error["loc"]
            field = str(loc[0]) if loc else None
            raw = values.get(field) if field else None
            message = error["msg"].removeprefix("Value error, ")
            if len(loc) > 1 and isinstance(loc[1], int):
                message = f"item {loc[1] + 1}: {message}"
            problems.append(Problem(name, line, field, message, raw))
        return None
