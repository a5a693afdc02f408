"""Where the ETL reads and writes. Every path comes from here, never from a literal elsewhere."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Environment variable that points the app and the ETL at another DuckDB file.
DB_ENV = "SDTEX_DB"


@dataclass(frozen=True)
class DataDir:
    """A data/ tree: raw documents and curated tables. Tests point it at a copy."""

    root: Path

    @property
    def raw(self) -> Path:
        return self.root / "raw"

    @property
    def curated(self) -> Path:
        return self.root / "curated"

    @property
    def figures(self) -> Path:
        return self.curated / "figures"

    def raw_meta(self, file_name: str) -> Path:
        return self.raw / (Path(file_name).stem + ".meta.yml")


DATA = DataDir(ROOT / "data")


#: Where the warehouse is built when no other file is configured (a build output, git-ignored).
DEFAULT_DATABASE = ROOT / "build" / "warehouse.duckdb"


def configured_database() -> Path | None:
    """The file named by $SDTEX_DB, if any."""
    configured = os.environ.get(DB_ENV, "").strip()
    return Path(configured).expanduser().resolve() if configured else None


def database_path() -> Path:
    """The warehouse file: $SDTEX_DB if set, else build/warehouse.duckdb."""
    return configured_database() or DEFAULT_DATABASE


def shown(path: Path) -> str:
    """A path as messages print it: relative to the repository when inside it."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)
