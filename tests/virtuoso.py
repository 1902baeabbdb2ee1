"""A throw-away Virtuoso server for the tests and benchmarks: its own ini and database in a folder.

Debian's ``virtuoso-opensource-7-bin`` package provides ``virtuoso-t`` and ``isql-vt``
(``.ci/run`` and ``make test-deps`` install it with apt-get); nothing is downloaded here.
The server listens on free 127.0.0.1 ports only; anonymous SPARQL users may update (it is a
private test database), and it is stopped by its PID.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import requests

from kg.store.server import free_port

VIRTUOSO = "virtuoso-t"
ISQL = "isql-vt"
READY_TIMEOUT = 90.0
#: What the tests and benchmarks run on the server to let the SPARQL endpoints write.
GRANTS = ('GRANT SPARQL_UPDATE TO "SPARQL"; '
          "DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);")

INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
DirsAllowed = .
CheckpointInterval = 60
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
MaxClientConnections = 4
ServerThreads = 4

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 0
"""


def missing() -> str | None:
    """Why Virtuoso cannot run here, or None when it can."""
    for tool in (VIRTUOSO, ISQL):
        if shutil.which(tool) is None:
            return (f"{tool} not found: install Debian's virtuoso-opensource-7-bin "
                    "(`apt-get install virtuoso-opensource-7-bin`, as .ci/run does)")
    return None


class VirtuosoServer:
    """``virtuoso-t`` in the foreground over ``folder`` (ini, database, log).

    ``max_rows`` is ``ResultSetMaxRows``, the cap on rows per answer (Virtuoso's default is 10,000).
    """

    def __init__(self, folder: Path, *, max_rows: int = 10_000, buffers: int = 20_000) -> None:
        self.folder = Path(folder)
        self.max_rows = max_rows
        self.buffers = buffers
        self.process: subprocess.Popen | None = None
        self.http_port = self.sql_port = 0

    @property
    def url(self) -> str:
        """The location for ``--store`` (with ``KG_ENDPOINT_STYLE=virtuoso``)."""
        return f"http://127.0.0.1:{self.http_port}"

    def start(self, timeout: float = READY_TIMEOUT) -> VirtuosoServer:
        db = self.folder / "db"
        db.mkdir(parents=True, exist_ok=True)
        self.http_port, self.sql_port = free_port(), free_port()
        ini = self.folder / "virtuoso.ini"
        ini.write_text(INI.format(db=db, sql_port=self.sql_port, http_port=self.http_port, max_rows=self.max_rows,
                                  buffers=self.buffers, dirty=self.buffers * 3 // 4), encoding="utf-8")
        self.process = subprocess.Popen([VIRTUOSO, "-f", "-c", str(ini)], cwd=self.folder,
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            self._wait_ready(timeout)
            self.isql(GRANTS)
        except BaseException:
            self.stop()
            raise
        return self

    def isql(self, statements: str) -> str:
        """Run SQL statements as dba (the private database's default password)."""
        out = subprocess.run([ISQL, f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={statements}"],
                             capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
        if out.returncode != 0 or "*** Error" in out.stdout + out.stderr:
            raise RuntimeError(f"isql failed: {out.stdout[-500:]} {out.stderr[-500:]}")
        return out.stdout

    def stop(self, timeout: float = 30.0) -> None:
        """SIGTERM (Virtuoso checkpoints and exits), then SIGKILL; by PID only."""
        proc, self.process = self.process, None
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()

    def log_tail(self) -> str:
        log = self.folder / "db" / "virtuoso.log"
        return log.read_text(errors="replace")[-2000:] if log.exists() else ""

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        session = requests.Session()
        session.trust_env = False  # no proxy for 127.0.0.1
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"virtuoso-t exited with {self.process.returncode}: {self.log_tail()}")
            try:
                answer = session.get(f"{self.url}/sparql", params={"query": "ASK {}"}, timeout=5)
                if answer.status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"virtuoso-t did not answer within {timeout:g} s: {self.log_tail()}")

    def __enter__(self) -> VirtuosoServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
