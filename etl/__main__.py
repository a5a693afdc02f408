"""Command line of the ETL.

    python -m etl check              validate data/ and report every problem
    python -m etl build [--db PATH]  validate, then load into DuckDB (default: $SDTEX_DB or build/warehouse.duckdb)
    python -m etl coverage           list quantities in the documents that are neither figures nor excluded

Exit status: 0 on success, 1 when the data has problems (the previous database is left as it was)
or, for coverage, when a quantity is unaccounted for.
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from etl import build, coverage
from etl.paths import DATA, DataDir, database_path, shown
from etl.problems import InvalidData


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description="Validate and load the curated indicator data.")
    parser.add_argument("--data", type=Path, default=DATA.root, help="the data/ folder to read (default: the repository's)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate only")
    commands.add_parser("coverage", help="list quantities in the documents that no figure or exclusion accounts for")
    build_cmd = commands.add_parser("build", help="validate and load into DuckDB")
    build_cmd.add_argument("--db", type=Path, default=None, help="DuckDB file to write (default: $SDTEX_DB or build/warehouse.duckdb)")
    args = parser.parse_args(argv)
    # A terminated build (Ctrl-C, SIGTERM) unwinds normally, so it removes its temporary file;
    # after SIGKILL the next build removes it.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    data = DataDir(args.data.resolve())
    try:
        if args.command == "check":
            curated = build.check(data)
            summary = build.summarize(curated, None)
            print(f"OK: {summary.figures} figures in {len(summary.per_document)} documents are valid.")
            _warn_unaccounted(curated)
        elif args.command == "coverage":
            missing = coverage.unaccounted(build.check(data))
            for item in missing:
                print(item)
            print(f"{len(missing)} quantities in the documents are neither loaded nor excluded.")
            return 1 if missing else 0
        else:
            target = (args.db or database_path()).resolve()
            summary = build.run(data, target)
            print(f"Built {shown(target)}")
            print(report(summary))
    except InvalidData as exc:
        print(f"error: {exc}", file=sys.stderr)
        if args.command == "build":
            print("The database was not changed.", file=sys.stderr)
        return 1
    return 0


def _warn_unaccounted(curated) -> None:
    missing = coverage.unaccounted(curated)
    if missing:
        print(f"warning: {len(missing)} quantities in the documents are neither figures nor exclusions; "
              "see `python -m etl coverage`", file=sys.stderr)


def report(summary: build.Summary) -> str:
    """Counts per document, kind and indicator category, as a plain-text table."""
    lines = [f"{summary.figures} figures; " + ", ".join(f"{n} {t}" for t, n in summary.tables.items())]
    lines.append(f"{'document':34} {'kind':7} {'category':12} {'figures':>7}")
    for document, counts in summary.per_document.items():
        for (kind, category), n in sorted(counts.items()):
            lines.append(f"{document:34} {kind:7} {category:12} {n:7d}")
        lines.append(f"{document:34} {'all':7} {'':12} {sum(counts.values()):7d}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
