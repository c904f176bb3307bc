#!/usr/bin/env python3
"""Raw SQLite ceiling for bench/vote_bench.sh: durable inserts per second into a table
shaped like yhdessa-vote's ballots (WAL, synchronous=FULL), one transaction per insert and
64 inserts per transaction. Usage: vote_sqlite_ceiling.py DIR [SECONDS]"""
import os
import sqlite3
import sys
import time

directory = sys.argv[1]
seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 5.0


def run(batch):
    path = os.path.join(directory, "ceiling-%d.db" % batch)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("CREATE TABLE ballots (receipt TEXT PRIMARY KEY, round TEXT, area TEXT, "
                "choices TEXT) WITHOUT ROWID")
    n = 0
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        con.execute("BEGIN")
        for _ in range(batch):
            con.execute("INSERT INTO ballots VALUES (?, 'kouvola-test', 'elimaki', "
                        "'[\"penkit\",\"valaistus\"]')", (os.urandom(10).hex(),))
            n += 1
        con.execute("COMMIT")
    elapsed = time.monotonic() - start
    con.close()
    return n / elapsed


print("CEILING per_transaction=%.0f batched64=%.0f" % (run(1), run(64)))
