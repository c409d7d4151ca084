"""A real gunicorn server with ``bench.settings`` on 127.0.0.1, started and stopped by the bench."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import TracebackType

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


class Server:
    """``with Server(workers=2) as server: server.url`` – gunicorn's sync workers, logs to a file."""

    def __init__(self, *, workers: int, log_path: Path, env: dict[str, str] | None = None) -> None:
        self.workers = workers
        self.env = env or {}  # e.g. another BENCH_DATABASE_URL
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "PYTHONPATH": str(ROOT), **self.env}
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [
            str(gunicorn),
            "config.wsgi:application",
            f"--bind={HOST}:{self.port}",
            f"--workers={self.workers}",
            "--worker-class=sync",
            "--timeout=60",
            "--log-level=warning",
            "--preload",
        ]
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(  # noqa: S603 – our own command line
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            self._wait_until_ready()
        except BaseException:
            self.__exit__(None, None, None)  # no orphaned gunicorn when it does not come up
            raise
        return self

    def _wait_until_ready(self, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped at start; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise SystemExit(f"gunicorn did not answer within {timeout:.0f} s; see {self.log_path}")

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.process is None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
