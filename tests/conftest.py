"""Shared fixtures: a private copy of data/ to break in controlled ways, and a warehouse built from it."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from etl.paths import DATA, DataDir

REPO = Path(__file__).resolve().parent.parent


class DataCopy(DataDir):
    """A copy of the repository's data/ with helpers to edit its CSV files like a curator would."""

    def path(self, relative: str) -> Path:
        return self.curated / relative

    def rows(self, relative: str) -> list[dict[str, str]]:
        with open(self.path(relative), encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    def write_rows(self, relative: str, rows: list[dict[str, str]], fieldnames: list[str] | None = None) -> None:
        names = fieldnames or list(rows[0])
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, names, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        self.path(relative).write_text(buffer.getvalue(), encoding="utf-8")

    def edit(self, relative: str, index: int, **changes: str) -> int:
        """Change fields of data row `index` (0-based); returns its line number in the file."""
        rows = self.rows(relative)
        rows[index].update(changes)
        self.write_rows(relative, rows)
        return index + 2

    def find(self, relative: str, **match: str) -> int:
        """0-based index of the first row whose fields equal `match`."""
        for index, row in enumerate(self.rows(relative)):
            if all(row[k] == v for k, v in match.items()):
                return index
        raise LookupError(f"no row {match} in {relative}")


@pytest.fixture
def data_copy(tmp_path: Path) -> DataCopy:
    """A writable copy of data/ (raw documents and curated tables)."""
    root = tmp_path / "data"
    shutil.copytree(DATA.raw, root / "raw")
    shutil.copytree(DATA.curated, root / "curated")
    return DataCopy(root)


PRESS = "figures/sd-workwear-press-2026.csv"


def make_comparable(data: DataCopy) -> DataCopy:
    """Two Weihai targets re-pointed at indicators the press conference reports for Weihai (same words,
    same numbers), so the tracker has actuals to judge: one met (5家以上 → 11家), one missed (50家左右 → 10家)."""
    plan = "figures/weihai-light-textile-plan-2023.csv"
    data.edit(plan, 5, indicator_id="innovation_platforms_provincial", sector_id="workwear")
    data.edit(plan, 0, indicator_id="industrial_design_centres_provincial", sector_id="workwear", unit_id="count")
    return data


@pytest.fixture(autouse=True)
def no_legacy_pages_folder(monkeypatch):
    """Run AppTest the way dashboard.serve runs the server: pages/ is not Streamlit's old multipage folder.

    AppTest re-detects that folder before every run; left alone, a rerun would execute the current
    page without app.py (no frame, no pinned warehouse), which the real server never does.
    """
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)
