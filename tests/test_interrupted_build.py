"""Killing the ETL at any point leaves the previous warehouse usable and, in the end, no stray files."""

from __future__ import annotations

import hashlib
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from etl import build
from tests.conftest import REPO

KILLS = 12  # at least this many kills
MID_WRITE = 3  # and at least this many while the new file was being written


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def figure_count(path: Path) -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("SELECT count(*) FROM figures").fetchone()[0]


def build_info_figures(path: Path) -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("SELECT figures FROM build_info").fetchone()[0]


def start_build(data_root: Path, target: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "etl", "--data", str(data_root), "build", "--db", str(target)],
                            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_a_build_killed_at_random_moments_never_damages_the_warehouse(data_copy, tmp_path):
    target = tmp_path / "w" / "warehouse.duckdb"
    build.run(data_copy, target)
    expected = figure_count(target)
    started = time.perf_counter()
    assert start_build(data_copy.root, target).wait() == 0
    duration = time.perf_counter() - started  # one whole build, interpreter start-up included
    rng = random.Random(20260113)
    kills = killed_mid_write = 0
    while (kills < KILLS or killed_mid_write < MID_WRITE) and kills < 60:
        kills += 1
        before = sha(target)
        process = start_build(data_copy.root, target)
        time.sleep(rng.uniform(0.3, 1.0) * duration)  # mostly after validation, around the write and the swap
        process.send_signal(signal.SIGKILL)
        process.wait()
        leftovers = [p for p in target.parent.iterdir() if p.name != target.name]
        killed_mid_write += bool(leftovers)
        # Either the old file, untouched, or the complete new one (the kill came after the swap).
        assert sha(target) == before or build_info_figures(target) == expected
        assert figure_count(target) == expected
    print(f"\n{kills} builds killed, {killed_mid_write} of them while writing the new file; warehouse intact each time")
    build.run(data_copy, target)
    assert [p.name for p in target.parent.iterdir()] == [target.name]
    assert killed_mid_write >= MID_WRITE, f"only {killed_mid_write} of {kills} kills landed during a write"


def test_a_terminated_build_removes_its_temporary_file_itself(data_copy, tmp_path):
    target = tmp_path / "w" / "warehouse.duckdb"
    build.run(data_copy, target)
    before = sha(target)
    code = (
        "import os, signal, sys, time\n"
        "from etl import warehouse\n"
        "from etl.__main__ import main\n"
        "original = warehouse._comment_columns\n"
        "def stop(con):\n"
        "    original(con)\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    time.sleep(5)\n"
        "warehouse._comment_columns = stop\n"
        f"sys.exit(main(['--data', {str(data_copy.root)!r}, 'build', '--db', {str(target)!r}]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], check=False, cwd=REPO, capture_output=True, timeout=60)
    assert result.returncode == 128 + signal.SIGTERM
    assert sha(target) == before
    assert [p.name for p in target.parent.iterdir()] == [target.name]
