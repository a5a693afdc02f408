"""Located problems in curated data, and the single error that carries all of them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where it is (file, row, field), what rule it breaks, and the value."""

    file: str
    row: int | None  # line number as a person sees it in the file (the header is line 1)
    field: str | None
    message: str
    value: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f":{self.row}"
        if self.field:
            where += f":{self.field}"
        shown_value = ""
        if self.value is not None:
            text = self.value if len(self.value) <= 80 else self.value[:77] + "..."
            shown_value = f" (value={text!r})"
        return f"{where}: {self.message}{shown_value}"


class InvalidData(Exception):
    """The curated data breaks rules; `problems` lists every one found in the run."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        files = sorted({p.file for p in self.problems})
        header = f"{len(self.problems)} problem{'s' if len(self.problems) != 1 else ''} in {', '.join(files)}"
        super().__init__(header + "\n" + "\n".join(f"  {p}" for p in self.problems))
