"""The corpus run: many generated CMS pages through parse_html, check and to_records.

A pool of distinct pages is generated once and written to a temporary folder; workers
(spawned processes, so each starts from a clean interpreter) read page ``i % pool`` from
disk for each of the ``n`` reports, as ``govdisclosure extract`` would. Throughput is
wall-clock time from the moment every worker is warm; peak memory is each worker's
``resource.getrusage(RUSAGE_SELF).ru_maxrss`` and, because that figure survives
``execve`` (a spawned worker can inherit the parent's), also its ``VmHWM``.
"""

from __future__ import annotations

import multiprocessing
import resource
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _warm(_: int) -> int:
    import os

    import govdisclosure  # noqa: F401

    time.sleep(0.2)  # keep this worker busy so that every worker gets one
    return os.getpid()


def _hwm_kib() -> int:
    """The peak RSS of this process's own address space (``VmHWM``), 0 if unknown.

    ``ru_maxrss`` survives ``execve``, so a spawned worker may report the size of the
    parent that started it; ``VmHWM`` belongs to the worker's own memory map.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _work(paths: list[str]) -> tuple[int, int, int, int]:
    """Parse, check and tabulate every page; return (pid, reports, maxrss KiB, VmHWM KiB)."""
    import os

    import govdisclosure as gd

    done = 0
    for p in paths:
        report = gd.parse_html(Path(p).read_bytes())
        gd.check(report)
        gd.to_records(report)
        done += 1
    return os.getpid(), done, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, _hwm_kib()


def _phases(paths: list[str]) -> tuple[float, float, float, int]:
    """The time spent in each step of the corpus run over ``paths``, in seconds:
    ``parse_html``, ``check``, ``to_records``; and the number of reports."""
    import govdisclosure as gd

    clock = time.perf_counter
    parse = check = records = 0.0
    for p in paths:
        data = Path(p).read_bytes()
        t0 = clock()
        report = gd.parse_html(data)
        t1 = clock()
        gd.check(report)
        t2 = clock()
        gd.to_records(report)
        t3 = clock()
        parse, check, records = parse + t1 - t0, check + t2 - t1, records + t3 - t2
    return parse, check, records, len(paths)


def phases(n: int, *, pool: int = 200) -> dict[str, float]:
    """Mean µs per report of each step when the steps follow one another, page after
    page, as in the corpus run (one spawned worker): what each step costs in a pipeline,
    with the caches holding the previous step's data, not its own."""
    ctx = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory(prefix="gd-bench-") as tmp:
        pages = write_pool(Path(tmp), min(pool, n))
        items = [pages[i % len(pages)] for i in range(n)]
        with ProcessPoolExecutor(1, mp_context=ctx) as ex:
            list(ex.map(_warm, range(1)))
            ex.submit(_phases, items[: min(50, n)]).result()  # warm: first calls compile patterns
            parse, check, records, done = ex.submit(_phases, items).result()
    return {
        "parse_html": parse / done * 1e6,
        "check": check / done * 1e6,
        "to_records": records / done * 1e6,
    }


def _extract_wall(paths: list[str], out: str) -> float:
    """Wall seconds of ``gd.extract`` of ``paths`` into ``out`` (one process, afresh)."""
    import govdisclosure as gd

    t0 = time.perf_counter()
    gd.extract(paths, out, resume=False)
    return time.perf_counter() - t0


def extract_rates(n: int, *, suffixes: tuple[str, ...] = (".csv", ".jsonl")) -> dict[str, float]:
    """Reports a second of ``govdisclosure extract`` (one worker) over ``n`` distinct
    pages, for each output format: what the command does on top of the pipeline
    (hashing each file, the findings' rows and messages, writing both outputs and the
    state). Run in a spawned process, after a warm-up extract of a few pages."""
    ctx = multiprocessing.get_context("spawn")
    rates: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="gd-bench-") as tmp:
        pages = write_pool(Path(tmp), n)
        with ProcessPoolExecutor(1, mp_context=ctx) as ex:
            ex.submit(_extract_wall, pages[: min(20, n)], str(Path(tmp, "warm.csv"))).result()
            for suffix in suffixes:
                wall = ex.submit(_extract_wall, pages, str(Path(tmp, "out" + suffix))).result()
                rates[suffix.lstrip(".")] = n / wall
    return rates


def write_pool(folder: Path, size: int) -> list[str]:
    """Generate ``size`` distinct pages (seeds 0 … size-1) into ``folder``."""
    import cases

    paths = []
    for seed in range(size):
        p = folder / f"report-{seed:05d}.html"
        p.write_bytes(cases.cms_page(cases.generated_report(seed), seed).encode("utf-8"))
        paths.append(str(p))
    return paths


def run(n: int, workers: int, *, pool: int = 200, chunk: int = 25) -> dict[str, Any]:
    """Process ``n`` reports with ``workers`` processes; throughput and peak memory."""
    ctx = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory(prefix="gd-bench-") as tmp:
        pages = write_pool(Path(tmp), min(pool, n))
        items = [pages[i % len(pages)] for i in range(n)]
        chunks = [items[i : i + chunk] for i in range(0, n, chunk)]
        with ProcessPoolExecutor(workers, mp_context=ctx) as ex:
            list(ex.map(_warm, range(workers)))
            t0 = time.perf_counter()
            results = list(ex.map(_work, chunks))
            wall = time.perf_counter() - t0
    peak: dict[int, int] = {}
    hwm: dict[int, int] = {}
    done = 0
    for pid, k, rss, high in results:
        done += k
        peak[pid] = max(peak.get(pid, 0), rss)
        hwm[pid] = max(hwm.get(pid, 0), high)
    return {
        "workers": workers,
        "reports": done,
        "wall": wall,
        "rate": done / wall,
        "peak_rss_mb": max(peak.values()) / 1024,
        "peak_rss_mb_each": {str(k): v / 1024 for k, v in peak.items()},
        "vm_hwm_mb": max(hwm.values()) / 1024,
        "parent_maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
