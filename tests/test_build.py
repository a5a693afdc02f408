"""The warehouse build: what lands in DuckDB, and that a failed or interrupted build loses nothing."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from etl import build, warehouse
from etl.problems import InvalidData
from tests.conftest import PRESS, REPO, DataCopy


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def built(data_copy: DataCopy, tmp_path: Path) -> Path:
    target = tmp_path / "out" / "warehouse.duckdb"
    build.run(data_copy, target)
    return target


def test_it_should_load_every_figure_with_its_quote_and_source(built):
    with duckdb.connect(str(built), read_only=True) as con:
        total, without_quote = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE quote IS NULL OR quote_start IS NULL) FROM figures").fetchone()
        revenue = con.execute("""
            SELECT value, unit_id, qualifier, document_id, substr(d.text, quote_start + 1, quote_end - quote_start)
            FROM figures f JOIN documents d ON d.id = f.document_id
            WHERE indicator_id = 'operating_revenue' AND sector_id = 'workwear'""").fetchall()
    assert total == len(build.check().figures)
    assert without_quote == 0
    # The 450亿元 workwear revenue: base units, exact, and its quote located in the press conference.
    assert revenue == [(45_000_000_000.0, "CNY", "exact", "sd-workwear-press-2026",
                        "山东工装已走在全国前列:有完整的产业链条,超5500家企业、450亿元年营收")]


def test_each_listed_figure_should_carry_the_document_text_around_its_quote(built):
    # The sources page shows each quote in its sentence from these columns, cut once per build.
    with duckdb.connect(str(built), read_only=True) as con:
        rows = con.execute("""
            SELECT f.id, d.text, f.quote_start, f.quote_end, f.context_before, f.context_quote, f.context_after
            FROM figure_list f JOIN documents d ON d.id = f.document_id""").fetchall()
    assert len(rows) == len(build.check().figures)
    for figure, text, start, end, before, quote, after in rows:
        assert before + quote + after == text[max(0, start - 80):end + 80], figure
        assert quote == text[start:end] and quote, figure

def test_it_should_link_clusters_to_their_cities(built):
    with duckdb.connect(str(built), read_only=True) as con:
        bases = con.execute("""
            SELECT c.name_zh, list(r.name_zh ORDER BY cr.position)
            FROM clusters c JOIN cluster_regions cr ON cr.cluster_id = c.id JOIN regions r ON r.id = cr.region_id
            WHERE c.kind = 'industrial_base' GROUP BY c.name_zh ORDER BY c.name_zh""").fetchall()
    assert len(bases) == 6
    assert dict(bases)["高端产业用纺织品基地"] == ["德州市", "泰安市", "东营市"]


def test_it_should_resolve_responsible_units_of_tasks(built):
    with duckdb.connect(str(built), read_only=True) as con:
        units = con.execute("""
            SELECT list(a.name_zh ORDER BY ta.position) FROM plan_tasks t
            JOIN task_agencies ta ON ta.task_id = t.id JOIN agencies a ON a.id = ta.agency_id
            WHERE t.title_zh = '构建产业人才支撑体系'""").fetchone()[0]
    assert units == ["市工业和信息化局", "市教育局", "市人力资源社会保障局", "市总工会"]


def test_it_should_document_every_column_it_can(built):
    with duckdb.connect(str(built), read_only=True) as con:
        undocumented = con.execute("""
            SELECT column_name FROM duckdb_columns()
            WHERE table_name = 'figures' AND comment IS NULL
              AND column_name NOT IN ('document_id', 'ref_date', 'value_text', 'quote_start', 'quote_end',
                                      'source_file', 'source_line')""").fetchall()
    assert undocumented == []


def test_a_failed_build_should_leave_the_old_database_byte_identical(data_copy, built):
    before = sha(built)
    data_copy.edit(PRESS, 0, value="6")
    with pytest.raises(InvalidData):
        build.run(data_copy, built)
    assert sha(built) == before
    assert sorted(p.name for p in built.parent.iterdir()) == ["warehouse.duckdb"]


def test_a_write_that_fails_midway_should_leave_the_old_database_and_no_temporary_file(data_copy, built, monkeypatch):
    before = sha(built)

    def broken_frames(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(warehouse, "frames", broken_frames)
    with pytest.raises(RuntimeError):
        build.run(data_copy, built)
    assert sha(built) == before
    assert sorted(p.name for p in built.parent.iterdir()) == ["warehouse.duckdb"]


def test_a_killed_build_should_leave_the_old_database_and_its_leftovers_should_be_cleaned(data_copy, built):
    before = sha(built)
    code = (
        "import os, signal, sys\n"
        "from etl import build, warehouse\n"
        "from etl.paths import DataDir\n"
        "original = warehouse._comment_columns\n"
        "def die(con):\n"
        "    original(con)\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "warehouse._comment_columns = die\n"
        f"build.run(DataDir(__import__('pathlib').Path({str(data_copy.root)!r})), __import__('pathlib').Path({str(built)!r}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], check=False, cwd=REPO, capture_output=True)
    assert result.returncode == -9
    assert sha(built) == before
    leftovers = [p for p in built.parent.iterdir() if p.name != "warehouse.duckdb"]
    assert leftovers, "the killed build should have left its temporary file"
    build.run(data_copy, built)
    assert sorted(p.name for p in built.parent.iterdir()) == ["warehouse.duckdb"]


def test_the_digest_should_change_when_any_curated_file_changes(data_copy):
    before = build.source_digest(data_copy)
    data_copy.edit("sectors.csv", 0, description="changed")
    assert build.source_digest(data_copy) != before


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "etl", *args], check=False, cwd=REPO, capture_output=True, text=True,
                          env={**os.environ, **(env or {})})


def test_the_cli_build_should_print_counts_per_document_kind_and_category(data_copy, tmp_path):
    target = tmp_path / "cli.duckdb"
    result = run_cli("--data", str(data_copy.root), "build", "--db", str(target))
    assert result.returncode == 0, result.stderr
    assert target.exists()
    assert "sd-workwear-press-2026             actual  talent" in result.stdout
    assert f"{len(build.check().figures)} figures" in result.stdout


def test_the_cli_should_exit_nonzero_and_name_file_row_field_on_bad_data(data_copy, tmp_path):
    target = tmp_path / "cli.duckdb"
    assert run_cli("--data", str(data_copy.root), "build", "--db", str(target)).returncode == 0
    before = sha(target)
    line = data_copy.edit(PRESS, 2, region_id="atlantis")
    result = run_cli("--data", str(data_copy.root), "build", "--db", str(target))
    assert result.returncode == 1
    assert f"sd-workwear-press-2026.csv:{line}:region_id" in result.stderr
    assert "The database was not changed." in result.stderr
    assert sha(target) == before


def test_the_cli_check_should_not_write_a_database(data_copy, tmp_path):
    target = tmp_path / "never.duckdb"
    result = run_cli("--data", str(data_copy.root), "check", env={"SDTEX_DB": str(target)})
    assert result.returncode == 0 and "figures in 5 documents are valid" in result.stdout
    assert not target.exists()
