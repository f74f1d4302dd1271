"""Soak run (`make soak`, not part of `make test`): `make serve-scale`'s stack under 20 visitors for SOAK_MINUTES
(30 by `make soak`), each visitor starting a new conversation of 30 mixed messages when one ends, half the turns on
each Rasa server. Memory of every process is sampled each minute; latency percentiles, errors and what reached the
tracker store are checked at the end. With SOAK_DOC set (`make soak`), the table goes into docs/reliability.md and
the plot to docs/soak.png; otherwise both go to reports/.

It checks what a day of traffic would show and a short test would not: memory flat after warm-up (each process's
highest sample in the last period within SOAK_GROWTH of its sample at the end of the first), no error, no message
missing from the store. PostgreSQL's memory is reported, not held to that bound: it grows as its cache fills with a
growing database, up to its shared_buffers (128 MB by default).
"""

import asyncio
import os
import threading
import time
from datetime import date
from pathlib import Path
from typing import Dict, List

import numpy as np
import pytest

from devstack.load import LoadResult, drive, out_of_place, write_figures
from devstack.servers import ROOT

MINUTES = float(os.environ.get("SOAK_MINUTES", 0))
PERIODS = 6  # latency and memory figures per sixth of the run: per five minutes for 30 minutes
SOAK_GROWTH = 1.10
FIGURES = ("<!-- soak: début (make soak) -->", "<!-- soak: fin -->")

pytestmark = pytest.mark.skipif(not MINUTES, reason="soak run: `make soak` (SOAK_MINUTES=30)")


def tree(pid: int) -> List[int]:
    """The process and all its descendants."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            children = (task / "children").read_text().split() if (task / "children").exists() else []
            pending.extend(int(child) for child in children)
    return found


def megabytes(pid: int, field: str = "Rss") -> float:
    """`field` of /proc/PID/smaps_rollup summed over the process and its descendants, in MB. PostgreSQL's
    processes share their buffers: for them, Pss (each shared page divided among its users) is the honest sum."""
    total = 0
    for process in tree(pid):
        try:
            lines = Path(f"/proc/{process}/smaps_rollup").read_text().splitlines()
        except OSError:  # ended meanwhile
            continue
        total += sum(int(line.split()[1]) for line in lines if line.startswith(f"{field}:"))
    return total / 1024


def processes(scale) -> Dict[str, tuple]:
    postmaster = int((scale.data / "postgres" / "postmaster.pid").read_text().split()[0])
    return {
        "Rasa 1": (scale.rasa[0].pid, "Rss"),
        "Rasa 2": (scale.rasa[1].pid, "Rss"),
        "actions": (scale.actions.pid, "Rss"),
        "PostgreSQL": (postmaster, "Pss"),
        "Redis": (int((scale.data / "redis.pid").read_text()), "Rss"),
    }


class Sampler(threading.Thread):
    """Every `every` seconds, the memory of each process, with the minute it was taken at."""

    def __init__(self, watched: Dict[str, tuple], every: float) -> None:
        super().__init__(daemon=True)
        self.watched, self.every = watched, every
        self.samples: List[tuple] = []  # (minutes since start, {name: MB})
        self.stopped = threading.Event()
        self.start_time = time.perf_counter()

    def run(self) -> None:
        while True:
            self.samples.append(
                (
                    (time.perf_counter() - self.start_time) / 60,
                    {name: megabytes(pid, field) for name, (pid, field) in self.watched.items()},
                )
            )
            if self.stopped.wait(self.every):
                return


def periods(result: LoadResult, start: float, length: float) -> List[tuple]:
    """(p50 ms, p95 ms, messages, errors) of the messages sent in each period."""
    rows = []
    for number in range(PERIODS):
        chosen = [o for o in result.outcomes if start + number * length <= o.sent < start + (number + 1) * length]
        latencies = [1000 * (o.done - o.sent) for o in chosen]
        rows.append(
            (
                np.percentile(latencies, 50) if latencies else 0,
                np.percentile(latencies, 95) if latencies else 0,
                len(chosen),
                sum(not o.answered for o in chosen),
            )
        )
    return rows


def memory_at(samples: List[tuple], minute: float) -> Dict[str, float]:
    """The last sample taken at or before `minute`."""
    return [memory for taken, memory in samples if taken <= minute + 1e-9][-1]


def plot(samples: List[tuple], rows: List[tuple], period_minutes: float, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (memory, latency) = plt.subplots(1, 2, figsize=(11, 4))
    for name in samples[0][1]:
        memory.plot([taken for taken, _ in samples], [values[name] for _, values in samples], label=name)
    memory.set(title="Mémoire par processus", xlabel="minutes", ylabel="Mo", ylim=(0, None))
    memory.legend(fontsize=8)
    middles = [(number + 0.5) * period_minutes for number in range(len(rows))]
    latency.plot(middles, [row[0] for row in rows], marker="o", label="p50")
    latency.plot(middles, [row[1] for row in rows], marker="o", label="p95")
    latency.set(title=f"Latence par tranche de {period_minutes:.3g} min", xlabel="minutes", ylabel="ms", ylim=(0, None))
    latency.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def table(result: LoadResult, rows: List[tuple], samples: List[tuple], period_minutes: float, lost: List[str]) -> str:
    names = list(samples[0][1])
    first, last = memory_at(samples, period_minutes), samples[-1][1]
    lines = [
        f"Mesuré le {date.today().isoformat()} : {MINUTES:g} minutes, {result.conversations} visiteurs sur les deux "
        f"serveurs Rasa de `make serve-scale` (PostgreSQL, Redis, un serveur d'actions), {os.cpu_count()} cœurs ; "
        f"{result.messages} messages, {len(result.sent)} conversations de {result.turns} messages, "
        f"{len(result.errors)} erreurs, {len(lost)} conversations incomplètes dans le tracker store.",
        "",
        "| tranche | messages | erreurs | p50 | p95 |",
        "| --- | --- | --- | --- | --- |",
        *(
            f"| {number * period_minutes:.3g}–{(number + 1) * period_minutes:.3g} min | {count} | {errors} | "
            f"{p50:.0f} ms | {p95:.0f} ms |"
            for number, (p50, p95, count, errors) in enumerate(rows)
        ),
        "",
        f"| mémoire (Mo) | après {period_minutes:.3g} min | fin | écart |",
        "| --- | --- | --- | --- |",
        *(
            f"| {name} | {first[name]:.0f} | {last[name]:.0f} | {100 * (last[name] / first[name] - 1):+.1f} % |"
            for name in names
        ),
    ]
    return "\n".join(lines)


def test_soak(scale):
    period_minutes = MINUTES / PERIODS
    sampler = Sampler(processes(scale), every=min(60.0, MINUTES * 60 / 30))
    result = LoadResult(conversations=20, turns=30)
    start = time.perf_counter()
    sampler.start()
    try:
        asyncio.run(
            drive(
                result,
                *(f"http://localhost:{port}" for port in scale.ports),
                more=lambda: time.perf_counter() < start + MINUTES * 60,
            )
        )
    finally:
        sampler.stopped.set()
        sampler.join()
    rows = periods(result, start, period_minutes * 60)
    lost = out_of_place(scale.user_events(), result)

    target = Path(os.environ.get("SOAK_DOC") or ROOT / "reports")
    target.mkdir(exist_ok=True)
    plot(sampler.samples, rows, period_minutes, target / "soak.png")
    text = table(result, rows, sampler.samples, period_minutes, lost)
    document = target / "reliability.md"
    if document.exists() and FIGURES[0] in document.read_text(encoding="utf-8"):
        write_figures(document, text, FIGURES)
    else:
        (target / "soak.md").write_text(text + "\n", encoding="utf-8")
    print("\n" + text)

    assert not result.errors, result.errors[:5]
    assert not lost, lost[:5]
    warm = memory_at(sampler.samples, period_minutes)
    late = [memory for taken, memory in sampler.samples if taken >= MINUTES - period_minutes]
    grown = {name: max(memory[name] for memory in late) / warm[name] for name in warm if name != "PostgreSQL"}
    assert all(ratio <= SOAK_GROWTH for ratio in grown.values()), grown
