"""What benchmark numbers depend on: the CPU, and how fast this machine runs right now."""

import platform
import statistics
import time
from pathlib import Path


def cpu_model() -> str:
    """Return the CPU model name as the kernel reports it."""
    cpuinfo = Path("/proc/cpuinfo")
    lines = cpuinfo.read_text().splitlines() if cpuinfo.exists() else []
    names = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
    return names[0] if names else platform.processor()


def reference_loop_ms() -> float:
    """Return the median time of a fixed pure-Python loop: compares machines, and busy with quiet periods."""
    times = []
    for _ in range(7):
        start = time.perf_counter()
        sum(i * i for i in range(200_000))
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 2)
