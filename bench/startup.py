"""Cold start: `rasa run` launched to its first answer over REST, split into the phases its log shows."""

import re
import statistics
import time
from datetime import datetime
from pathlib import Path
from typing import Dict, List

from bench.common import LOGS, PROJECT_MODEL, BenchError, Settings, say, step
from bench.service import servers, start_rasa
from components.spacy_nlp import LOADING as SPACY_LOAD

# Log lines "<date> <time> LEVEL logger - message" that mark the phases, at 1 s resolution.
LISTENING, READY = "Starting Rasa server on", "Rasa server is up and running"
TIMESTAMP = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) ")


def logged_at(log: Path, marker: str) -> float:
    """Wall-clock time of the first log line containing `marker`."""
    for line in log.read_text(errors="replace").splitlines():
        match = TIMESTAMP.match(line)
        if match and marker in line:
            return datetime.fromisoformat(match[1]).timestamp()
    raise BenchError(f"« {marker} » absent de {log}")


def one_start(name: str, port: int, endpoints: Path) -> Dict[str, float]:
    """Seconds from launch to the first answer, and its phases: imports, model loading, first answer (the port is
    polled every second by devstack/servers.py, so that last phase includes up to 1 s of waiting)."""
    launched_wall, launched = time.time(), time.perf_counter()
    rasa = start_rasa(name, port, endpoints, PROJECT_MODEL)
    try:
        servers.Chat(port).say("bonjour")
        answer = time.perf_counter() - launched
    finally:
        servers.stop(rasa)
    log = LOGS / f"{name}-rasa.log"
    listening, ready = logged_at(log, LISTENING) - launched_wall, logged_at(log, READY) - launched_wall
    return {
        "answer_s": answer,
        "imports_s": listening,
        "loading_s": ready - listening,
        "first_answer_s": answer - ready,
        "spacy_loads": log.read_text(errors="replace").count(SPACY_LOAD),
    }


def cold_starts(settings: Settings, work: Path) -> dict:
    """`settings.repetitions` starts of Rasa as `make serve` runs it (the actions inside); the median of each phase."""
    runs: List[Dict[str, float]] = []
    endpoints = servers.write_endpoints(work / "demarrage-endpoints.yml", None, work / "demarrage.db")
    try:
        for attempt in range(1, settings.repetitions + 1):
            with step(f"Démarrage à froid, essai {attempt}/{settings.repetitions}"):
                runs.append(one_start(f"demarrage-{attempt}", servers.free_port(), endpoints))
                say(f"  première réponse après {runs[-1]['answer_s']:.1f} s")
    except servers.StackError as failure:
        raise BenchError(str(failure)) from None
    return {"runs": runs, **{f"median_{key}": statistics.median([r[key] for r in runs]) for key in runs[0]}}
