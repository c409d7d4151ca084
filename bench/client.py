"""
The load generator: plain HTTP/1.1 requests to the bench server on 127.0.0.1.

``timed_get`` measures one request (client round trip and the server's own ``Server-Timing``);
``run_sequential`` repeats a set of URLs one request at a time (latency); ``run_load`` keeps
``concurrency`` client processes busy for a fixed time (throughput). Client processes, not threads,
so the client's own Python does not cap the figures through the GIL.
"""

from __future__ import annotations

import http.client
import itertools
import multiprocessing
import re
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlsplit

_SERVER_TIMING = re.compile(r"app;dur=([0-9.]+)")


@dataclass(frozen=True)
class Sample:
    status: int
    client_ms: float
    server_ms: float


@dataclass
class LoadResult:
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    client_ms: list[float] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


# Sent to measure the work behind an answer: the server skips its cache of public pages.
UNCACHED = {"Cache-Control": "no-cache"}


def timed_get(
    base_url: str, path: str, *, timeout: float = 30.0, headers: dict[str, str] | None = None
) -> Sample:
    parts = urlsplit(base_url)
    started = time.perf_counter()
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=timeout)
    try:
        sent = {"Accept-Language": "de", "Host": parts.netloc, **(headers or {})}
        connection.request("GET", path, headers=sent)
        response = connection.getresponse()
        response.read()
        header = response.getheader("Server-Timing") or ""
    finally:
        connection.close()
    client_ms = (time.perf_counter() - started) * 1000
    match = _SERVER_TIMING.search(header)
    return Sample(response.status, client_ms, float(match.group(1)) if match else float("nan"))


def run_sequential(
    base_url: str,
    paths: Sequence[str],
    *,
    repeats: int,
    warmup: int = 2,
    headers: dict[str, str] | None = None,
) -> dict[str, list[Sample]]:
    """Each path ``repeats`` times, one request at a time, the paths interleaved round by round."""
    for _round in range(warmup):
        for path in paths:
            timed_get(base_url, path, headers=headers)
    samples: dict[str, list[Sample]] = {path: [] for path in paths}
    for _round in range(repeats):
        for path in paths:
            samples[path].append(timed_get(base_url, path, headers=headers))
    return samples


def _load_worker(
    base_url: str, paths: Sequence[str], offset: int, seconds: float, headers: dict[str, str] | None
) -> LoadResult:
    result = LoadResult()
    cycle = itertools.islice(itertools.cycle(paths), offset, None)
    started = time.perf_counter()
    deadline = started + seconds
    while time.perf_counter() < deadline:
        path = next(cycle)
        try:
            sample = timed_get(base_url, path, headers=headers)
        except OSError:
            result.errors += 1
            continue
        result.requests += 1
        result.client_ms.append(sample.client_ms)
        if sample.status != 200:
            result.errors += 1
    result.seconds = time.perf_counter() - started
    return result


def run_load(
    base_url: str,
    paths: Sequence[str],
    *,
    concurrency: int,
    seconds: float,
    headers: dict[str, str] | None = None,
) -> LoadResult:
    """``concurrency`` client processes request the paths in turn for ``seconds``; all answers counted."""
    # "spawn": the clients start clean, without a copy of the bench's database connection.
    with ProcessPoolExecutor(
        max_workers=concurrency, mp_context=multiprocessing.get_context("spawn")
    ) as pool:
        futures = [
            pool.submit(_load_worker, base_url, list(paths), i * 7, seconds, headers)
            for i in range(concurrency)
        ]
        parts = [f.result() for f in futures]
    total = LoadResult()
    for part in parts:
        total.requests += part.requests
        total.errors += part.errors
        total.client_ms += part.client_ms
    total.seconds = max(part.seconds for part in parts)
    return total
