#!/usr/bin/env python3
"""Integration tests of yhdessa-vote against a real server process on 127.0.0.1.

Usage: integration_test.py PATH/TO/yhdessa-vote FIXTURES_DIR
Each check prints one line; the first failure stops the run with exit status 1.
Covers: routes and headers, 403/413/429/409, form answer pages, 200 concurrent ballots with
one code, kill -9 under load then restart, SIGTERM under load, the database holding no plain
code and no join between ballots and codes, and a changed open round refused at start.
"""
import http.client
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

BINARY, FIXTURES = sys.argv[1], sys.argv[2]
ROUND = "kouvola-test"
ALPHABET = "23456789ABCDEFGHJKLMNPQRSTVWXYZ"


def check(cond, what):
    if not cond:
        print("FAIL:", what, flush=True)
        sys.exit(1)
    print("ok:", what, flush=True)


def well_formed_unknown_code(i):
    """A code with a right check symbol that was never issued."""
    data = "".join(ALPHABET[(i * 7 + k * 13) % 31] for k in range(12))
    s = sum((k + 1) * ALPHABET.index(c) for k, c in enumerate(data)) % 31
    code = data + ALPHABET[s]
    return "-".join([code[0:4], code[4:8], code[8:12], code[12]])


class Server:
    def __init__(self, work, site, extra=()):
        self.db = os.path.join(work, "v.db")
        self.err_path = os.path.join(work, "server.err")
        self.err = open(self.err_path, "a")
        self.proc = subprocess.Popen(
            [BINARY, "serve", "--db", self.db, "--site", site, "--listen", "127.0.0.1:0", *extra],
            stdout=subprocess.PIPE, stderr=self.err, text=True)
        line = self.proc.stdout.readline()
        if "http://" not in line:
            self.proc.kill()
            raise RuntimeError("server did not start: " + line + open(self.err_path).read())
        self.port = int(line.rsplit(":", 1)[1])

    def stderr(self):
        self.err.flush()
        return open(self.err_path).read()

    def request(self, method, path, body=None, headers=None, timeout=30):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            r = conn.getresponse()
            return r.status, dict(r.getheaders()), r.read().decode("utf-8", "replace")
        finally:
            conn.close()

    def ballot(self, code, area="elimaki", proposals=("penkit",), headers=None):
        h = {"Content-Type": "application/json"}
        h.update(headers or {})
        body = json.dumps({"code": code, "area": area, "proposals": list(proposals)})
        return self.request("POST", "/api/rounds/%s/ballots" % ROUND, body, h)

    def stop(self, sig=signal.SIGTERM):
        self.proc.send_signal(sig)
        rc = self.proc.wait(timeout=30)
        self.err.close()
        return rc


def issue_codes(work, count, area="elimaki"):
    out = os.path.join(work, "codes-%s-%d.csv" % (area, time.monotonic_ns()))
    subprocess.run([BINARY, "codes", "--db", os.path.join(work, "v.db"), "--round", ROUND,
                    "--area", area, "--count", str(count), "--out", out],
                   check=True, stderr=subprocess.DEVNULL)
    with open(out) as f:
        lines = f.read().splitlines()
    assert lines[0] == "code,round,area"
    return [l.split(",")[0] for l in lines[1:]]


def load(server, codes, threads, receipts, stop_event=None):
    """Posts one ballot per code from `threads` keep-alive connections; records receipts."""
    lock = threading.Lock()
    it = iter(codes)

    def worker():
        conn = None
        while stop_event is None or not stop_event.is_set():
            with lock:
                code = next(it, None)
            if code is None:
                return
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
                conn.request("POST", "/api/rounds/%s/ballots" % ROUND,
                             json.dumps({"code": code, "area": "elimaki", "proposals": ["penkit"]}),
                             {"Content-Type": "application/json"})
                r = conn.getresponse()
                body = r.read()
                if r.status == 201:
                    with lock:
                        receipts.append(json.loads(body)["receipt"])
            except (OSError, http.client.HTTPException, ValueError):
                return  # the server died: what was answered is what counts
    ts = [threading.Thread(target=worker) for _ in range(threads)]
    for t in ts:
        t.start()
    return ts


def db_consistent(db, receipts):
    con = sqlite3.connect(db)
    integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
    stored = {r for (r,) in con.execute("SELECT receipt FROM ballots")}
    used = con.execute("SELECT COUNT(*) FROM codes WHERE used = 1").fetchone()[0]
    ballots = con.execute("SELECT COUNT(*) FROM ballots").fetchone()[0]
    con.close()
    return integrity, stored, used, ballots


def test_api(work, site):
    s = Server(work, site, ["--allow-origin", "https://vote.example.fi"])
    try:
        codes = issue_codes(work, 3)
        st, h, body = s.request("GET", "/api/rounds")
        rounds = json.loads(body)["rounds"]
        check(st == 200 and [r["id"] for r in rounds] == ["kouvola-2024", ROUND], "GET /api/rounds")
        check(h.get("Cache-Control") == "no-store", "API answers are not cached")
        csp = h.get("Content-Security-Policy", "")
        check("frame-ancestors 'none'" in csp and "script-src 'self'" in csp
              and "unsafe-inline" not in csp, "CSP without inline script, with frame-ancestors")
        check(h.get("X-Content-Type-Options") == "nosniff" and h.get("Referrer-Policy"),
              "X-Content-Type-Options and Referrer-Policy")
        st, h, body = s.request("GET", "/api/rounds/" + ROUND)
        r = json.loads(body)
        check(st == 200 and r["open"] is True and r["areas"][0]["proposals"][0]["id"] == "frisbeegolf"
              and r["server_time"].endswith("Z"), "GET /api/rounds/{id}")
        check(s.request("GET", "/api/rounds/nope")[0] == 404, "unknown round: 404")
        st, h, body = s.request("GET", "/")
        check(st == 200 and "Kouvola testisivusto" in body and "Content-Security-Policy" in h,
              "static site served with security headers")

        st, _, body = s.ballot(codes[0], headers={"Origin": "https://evil.example"})
        check(st == 403, "foreign Origin: 403")
        st, _, body = s.ballot(codes[0], headers={"Origin": "https://vote.example.fi"})
        check(st == 201 and len(json.loads(body)["receipt"]) == 19, "allowed Origin: 201 + receipt")
        st, _, body = s.ballot(codes[1], headers={"Origin": "http://127.0.0.1:%d" % s.port})
        check(st == 201, "same Origin: 201")

        st, _, body = s.ballot(codes[0], headers={"Accept-Language": "en"})
        check(st == 400 and json.loads(body) == {"errors": [
            {"field": "code", "message": "This voting code is not valid or has already been used."}]},
            "used code: 400 with the code message")
        st, _, body2 = s.ballot(well_formed_unknown_code(1), headers={"Accept-Language": "en"})
        check(st == 400 and body2 == body, "unknown code: the very same answer as a used one")

        st, _, body = s.request("POST", "/api/rounds/%s/ballots" % ROUND,
                                "code=&area=elimaki&proposal=uimaranta&lang=sv",
                                {"Content-Type": "application/x-www-form-urlencoded"})
        check(st == 400 and 'href="#field-code">Ange din röstningskod.' in body
              and 'href="#field-proposals">Förslaget' in body and '<html lang="sv">' in body,
              "form post: accessible error page in Swedish linking to the fields")
        st, _, body = s.request("POST", "/api/rounds/%s/ballots" % ROUND,
                                "code=%s&area=elimaki&proposal=penkit" % codes[2],
                                {"Content-Type": "application/x-www-form-urlencoded"})
        check(st == 201 and 'class="receipt"' in body and "Äänesi on tallennettu" in body,
              "form post: confirmation page with the receipt")

        st, _, body = s.request("POST", "/api/rounds/kouvola-2024/ballots", json.dumps({}),
                                {"Content-Type": "application/json"})
        j = json.loads(body)
        check(st == 409 and j["opens"] == "2024-09-01T09:00:00+03:00" and "30.9.2024" in j["error"],
              "closed round: 409 with its dates")
        st, _, body = s.request("POST", "/api/rounds/%s/ballots" % ROUND, "x" * 20000,
                                {"Content-Type": "application/json"})
        check(st == 413, "oversized body: 413")
        st, _, body = s.request("GET", "/api/rounds", headers={"X-Padding": "a" * 20000})
        check(st == 400 and json.loads(body)["error"], "oversized header (over httplib's 8 KiB line limit): 400")
        check(s.request("GET", "/api/rounds")[0] == 200, "the server still answers after an oversized header")
        st, _, body = s.request("POST", "/api/rounds/%s/ballots" % ROUND, "{",
                                {"Content-Type": "application/json"})
        check(st == 400 and json.loads(body)["errors"][0]["field"] == "body", "bad JSON: 400")

        statuses = [s.ballot(well_formed_unknown_code(100 + i))[0] for i in range(12)]
        # Two failed codes above, eight more here make ten: then the client is blocked.
        check(statuses == [400] * 8 + [429] * 4, "repeated failed codes: 429 after ten")
        st, h, body = s.ballot(well_formed_unknown_code(999))
        check(st == 429 and int(h.get("Retry-After", "0")) > 0, "429 tells when to retry")
        check("SELECT" not in s.stderr() and codes[0] not in s.stderr()
              and "127.0.0.1" not in s.stderr(), "logs hold no SQL, code or address")
    finally:
        check(s.stop() == 0, "SIGTERM: clean exit")
    out = subprocess.run([BINARY, "status", "--db", s.db, "--round", ROUND, "--format", "json"],
                         capture_output=True, text=True, check=True).stdout
    check(json.loads(out) == {"rounds": [{"id": ROUND, "areas": [
        {"id": "elimaki", "codes_issued": 3, "codes_used": 3, "ballots": 3}]}]},
        "status --format json")
    results = os.path.join(work, "results")
    tally = subprocess.run([BINARY, "tally", "--db", s.db, "--round", ROUND, "--out", results],
                           capture_output=True, text=True)
    check(tally.returncode == 1 and "is open until" in tally.stderr
          and not os.path.exists(results), "tally --db refuses while the round is open")
    export = subprocess.run([BINARY, "export", "--db", s.db, "--round", ROUND, "--format", "pb",
                             "--out", results], capture_output=True, text=True)
    check(export.returncode == 1 and "is open until" in export.stderr,
          "export refuses while the round is open")


def test_same_code_200(work, site):
    # All 200 come from one address: lift the failed-code limit so each reaches the store.
    s = Server(work, site, ["--max-failed-codes", "1000"])
    try:
        code = issue_codes(work, 1)[0]
        results = []
        lock = threading.Lock()
        barrier = threading.Barrier(200)

        def one():
            conn = http.client.HTTPConnection("127.0.0.1", s.port, timeout=30)
            conn.connect()
            barrier.wait()
            conn.request("POST", "/api/rounds/%s/ballots" % ROUND,
                         json.dumps({"code": code, "area": "elimaki", "proposals": ["penkit"]}),
                         {"Content-Type": "application/json"})
            st = conn.getresponse().status
            with lock:
                results.append(st)
        ts = [threading.Thread(target=one) for _ in range(200)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        print("statuses:", {x: results.count(x) for x in set(results)})
        check(len(results) == 200 and results.count(201) == 1 and results.count(400) == 199,
              "200 concurrent ballots with one code: exactly one accepted")
    finally:
        s.stop()
    con = sqlite3.connect(s.db)
    check(con.execute("SELECT COUNT(*) FROM ballots").fetchone()[0] == 1, "one ballot stored")


def test_crash(work, site):
    # Enough codes that the load is still running at the kill (a release build casts
    # several thousand a second), and the last one kept out of the load for the restart.
    codes = issue_codes(work, 20000)
    s = Server(work, site)
    receipts = []
    ts = load(s, codes[:-1], 32, receipts)
    time.sleep(1.0)
    s.proc.send_signal(signal.SIGKILL)
    s.proc.wait()
    for t in ts:
        t.join()
    check(len(receipts) > 0, "kill -9 under load after %d receipts" % len(receipts))
    integrity, stored, used, ballots = db_consistent(s.db, receipts)
    check(integrity == "ok", "after kill -9: integrity_check ok")
    check(set(receipts) <= stored, "after kill -9: every receipt's ballot is stored")
    check(used == ballots, "after kill -9: no code used without its ballot (%d/%d)" % (used, ballots))
    s2 = Server(work, site)
    st, _, _ = s2.ballot(codes[-1])
    check(st == 201, "restart after kill -9 serves again")
    # SIGTERM under load: in-flight ballots finish, the database closes cleanly.
    receipts2 = []
    ts = load(s2, codes[:-1], 32, receipts2)
    time.sleep(1.0)
    rc = s2.stop()
    for t in ts:
        t.join()
    integrity, stored, used, ballots = db_consistent(s2.db, receipts2)
    check(rc == 0 and integrity == "ok" and set(receipts2) <= stored and used == ballots,
          "SIGTERM under load: exit 0, every receipt stored, codes and ballots agree")
    # Secrecy of the file: no code in plain text, no way to join ballots to codes.
    raw = b""
    for suffix in ("", "-wal"):
        if os.path.exists(s.db + suffix):
            raw += open(s.db + suffix, "rb").read()
    plain = [c for c in codes if c.encode() in raw or c.replace("-", "").encode() in raw]
    check(not plain, "the database file holds no code in plain text")
    con = sqlite3.connect(s.db)
    cols = [r[1] for r in con.execute("PRAGMA table_info(ballots)")]
    check(cols == ["receipt", "round", "area", "choices"], "ballot rows hold no code, time or client")
    for table in ("ballots", "codes"):
        try:
            con.execute("SELECT rowid FROM " + table).fetchone()
            check(False, table + " has no rowid")
        except sqlite3.OperationalError:
            check(True, table + " has no rowid to order by")


def test_backup_while_serving(work, site):
    codes = issue_codes(work, 2000)
    s = Server(work, site)
    receipts = []
    stop = threading.Event()
    ts = load(s, codes, 16, receipts, stop)
    time.sleep(0.3)
    copy = os.path.join(work, "copy.db")
    subprocess.run([BINARY, "backup", "--db", s.db, "--to", copy], check=True,
                   stderr=subprocess.DEVNULL)
    stop.set()
    for t in ts:
        t.join()
    s.stop()
    con = sqlite3.connect(copy)
    check(con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
          and con.execute("SELECT COUNT(*) FROM ballots").fetchone()[0]
          == con.execute("SELECT COUNT(*) FROM codes WHERE used = 1").fetchone()[0],
          "backup while serving: consistent copy")


def test_rule_change(work, site):
    s = Server(work, site)
    s.stop()
    manifest = os.path.join(site, "_yhdessa", "rounds", ROUND + ".json")
    text = open(manifest).read()
    open(manifest, "w").write(text.replace('"budget": 15000', '"budget": 16000'))
    s = Server(work, site)
    try:
        check("round kouvola-test: rules changed after voting opened: area elimaki: budget "
              "15000 -> 16000" in s.stderr(), "changed open round: refused at start, naming the change")
        st, _, body = s.request("GET", "/api/rounds/" + ROUND)
        check(st == 503 and "budget 15000 -> 16000" in json.loads(body)["error"],
              "changed open round: not served")
        check(s.request("GET", "/api/rounds/kouvola-2024")[0] == 200, "other rounds still served")
    finally:
        s.stop()


def main():
    started = time.monotonic()
    for test in (test_api, test_same_code_200, test_crash, test_backup_while_serving,
                 test_rule_change):
        work = tempfile.mkdtemp(prefix="yhdessa-vote-it-")
        site = os.path.join(work, "site")
        shutil.copytree(os.path.join(FIXTURES, "site"), site)
        try:
            test(work, site)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    print("all integration checks passed in %.1f s" % (time.monotonic() - started))


if __name__ == "__main__":
    main()
