"""Paths, settings, progress lines and logged subprocess runs shared by the bench stages."""

import re
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List, Optional

from devstack import settings

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
RASA = str(BIN / "rasa")
PROJECT_MODEL = settings.MODEL
WORK = ROOT / "reports" / "bench"  # logs and raw results, ignored by git
LOGS = WORK / "logs"
SHARED_EVAL = ROOT.parent / "shared" / "eval"
TEMP_PREFIX = "grappes-bench-"
# No training cache: every training starts from scratch and nothing is left in .rasa/.
ENV = {**settings.ENV, "RASA_MAX_CACHE_SIZE": "0"}


@dataclass(frozen=True)
class Settings:
    quick: bool
    epochs: Optional[int]  # None keeps config.yml's epochs
    folds: int
    cv_per_intent: Optional[int]  # examples of each intent used in cross-validation; None: all of data/nlu/
    single_user_turns: int
    concurrent_users: int
    turns_per_user: int
    repetitions: int  # of training and cold start, whose median is reported
    out: Path  # benchmarks.md and its PNGs


FULL = Settings(
    quick=False,
    epochs=None,
    folds=5,
    cv_per_intent=None,
    single_user_turns=300,
    concurrent_users=20,
    turns_per_user=30,
    repetitions=3,
    out=ROOT / "docs",
)
# Smoke test only: the page goes to reports/, so docs/benchmarks.md never carries meaningless figures.
QUICK = Settings(
    quick=True,
    epochs=3,
    folds=2,
    cv_per_intent=10,
    single_user_turns=20,
    concurrent_users=20,
    turns_per_user=2,
    repetitions=1,
    out=WORK / "quick",
)

COMMANDS: Dict[str, str] = {}  # one example command line per kind, for the report


class BenchError(Exception):
    """A stage could not run; the message says where to look."""


_started = time.monotonic()


def say(message: str) -> None:
    elapsed = int(time.monotonic() - _started)
    print(f"[{elapsed // 60:02d}:{elapsed % 60:02d}] {message}", flush=True)


@contextmanager
def step(title: str) -> Iterator[None]:
    say(f"{title}...")
    began = time.monotonic()
    yield
    say(f"  fait ({time.monotonic() - began:.0f} s)")


def shown(args: List[str]) -> str:
    """A command line as the report shows it: repo-relative, temporary paths as $TMP, free ports as $PORT."""
    line = " ".join(str(a) for a in args).replace(f"{ROOT}/", "").replace(f"{ROOT.parent}/", "../")
    line = re.sub(r"(--port |127\.0\.0\.1:)\d+", r"\1$PORT", line)
    return re.sub(r"\S*/" + TEMP_PREFIX + r"[^/\s]+", "$TMP", line)


def run(kind: str, args: List[str], log: Path, timeout: float = 3600) -> float:
    """Run a command from the repo root, its output in `log`; return its wall time in seconds."""
    COMMANDS.setdefault(kind, shown(args))
    began = time.perf_counter()
    with log.open("w") as output:
        result = subprocess.run(
            [str(a) for a in args], cwd=ROOT, env=ENV, stdout=output, stderr=subprocess.STDOUT, timeout=timeout
        )
    if result.returncode:
        raise BenchError(
            f"{shown(args)} a échoué (code {result.returncode}) ; fin de {log} :\n"
            f"{log.read_text(errors='replace')[-2000:]}"
        )
    return time.perf_counter() - began
