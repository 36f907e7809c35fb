"""The SQLite connection pool: a thread per request reuses connections instead of opening one each."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from klepaas_shared.store.connections import ConnectionPool


def opener(path: Path) -> Callable[[], sqlite3.Connection]:
    return lambda: sqlite3.connect(path, isolation_level=None, check_same_thread=False)


def test_short_lived_threads_reuse_the_pooled_connections(tmp_path: Path) -> None:
    pool = ConnectionPool(opener(tmp_path / "db.sqlite3"))

    def request() -> None:
        with pool.lease() as conn:
            conn.execute("SELECT 1").fetchone()

    for _ in range(50):
        thread = threading.Thread(target=request)
        thread.start()
        thread.join()
    assert pool.opened == 1
    assert pool.idle == 1
    pool.close()


def test_a_nested_lease_in_one_thread_gets_the_same_connection(tmp_path: Path) -> None:
    pool = ConnectionPool(opener(tmp_path / "db.sqlite3"))
    with pool.lease() as outer, pool.lease() as inner:
        assert inner is outer
    with pool.lease() as again:
        assert again is outer
    pool.close()


def test_a_connection_comes_back_without_an_open_transaction(tmp_path: Path) -> None:
    pool = ConnectionPool(opener(tmp_path / "db.sqlite3"))
    with pool.lease() as conn:
        conn.execute("CREATE TABLE t (n INTEGER)")
        conn.execute("BEGIN")
        conn.execute("INSERT INTO t VALUES (1)")
    with pool.lease() as conn:
        assert not conn.in_transaction
        assert conn.execute("SELECT COUNT(*) FROM t").fetchone() == (0,)
    pool.close()


def test_idle_connections_are_bounded_and_closed_with_the_pool(tmp_path: Path) -> None:
    pool = ConnectionPool(opener(tmp_path / "db.sqlite3"), idle_max=2)
    held: list[sqlite3.Connection] = []
    ready, release = threading.Barrier(5), threading.Event()

    def hold() -> None:
        with pool.lease() as conn:
            held.append(conn)
            ready.wait(5)
            release.wait(5)

    threads = [threading.Thread(target=hold) for _ in range(4)]
    for thread in threads:
        thread.start()
    ready.wait(5)
    release.set()
    for thread in threads:
        thread.join()
    assert (pool.opened, pool.idle) == (4, 2)
    pool.close()
    assert pool.idle == 0
    for conn in held:
        with pytest.raises(sqlite3.ProgrammingError):
            conn.execute("SELECT 1")
