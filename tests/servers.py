"""Start and talk to the real servers (action server, Rasa) in tests, on ports the tests choose."""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Iterator, List, Tuple

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
MODEL = ROOT / "models" / "grappes.tar.gz"
DATASTORES = ROOT / "scripts" / "datastores.sh"
ENV = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2",
       "SQLALCHEMY_SILENCE_UBER_WARNING": "1"}


def spare_ports(count: int) -> List[int]:
    """Distinct ports nobody listens on now, from the kernel's ephemeral range: test stacks never collide with
    `make serve` or each other."""
    with ExitStack() as stack:
        probes = [stack.enter_context(socket.socket()) for _ in range(count)]
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [probe.getsockname()[1] for probe in probes]


def free_port() -> int:
    return spare_ports(1)[0]


@contextmanager
def datastores(log: Path) -> Iterator[Tuple[dict, int]]:
    """`make serve-scale`'s PostgreSQL and Redis (scripts/datastores.sh), private to one run, on spare ports: yields
    the database's connection settings and Redis's port; both stopped and their files removed after."""
    data = Path(tempfile.mkdtemp(prefix="grappes-datastores-"))  # not under tmp_path: PostgreSQL's user must reach it
    pg_port, redis_port = spare_ports(2)
    try:
        with log.open("w") as output:
            subprocess.run([str(DATASTORES), "start", str(data), str(pg_port), str(redis_port)], check=True,
                           timeout=900, stdout=output, stderr=subprocess.STDOUT)
        yield (dict(host="127.0.0.1", port=pg_port, dbname="rasa", user="rasa",
                    password=(data / "db_password").read_text()), redis_port)
    finally:
        subprocess.run([str(DATASTORES), "stop", str(data)], check=False, capture_output=True)
        shutil.rmtree(data, ignore_errors=True)


def wait_for(url: str, process: subprocess.Popen, log: Path, seconds: int = 180) -> None:
    """Return when `url` answers; fail the test with the log's tail if the process dies or times out (then stop it,
    as the caller never gets it)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{url} s'est arrêté au démarrage :\n{log.read_text()[-3000:]}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(1)
    stop(process)
    pytest.fail(f"{url} ne répond pas après {seconds} s :\n{log.read_text()[-3000:]}")


def start_actions(port: int, log: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(port)],
        cwd=ROOT, env=ENV, stdout=log.open("w"), stderr=subprocess.STDOUT)
    wait_for(f"http://localhost:{port}/health", process, log)
    return process


def write_endpoints(path: Path, actions_port: int, tracker_db: Path) -> Path:
    path.write_text(f'action_endpoint:\n  url: "http://localhost:{actions_port}/webhook"\n'
                    f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {tracker_db}\n")
    return path


def write_scale_endpoints(path: Path, actions_port: int, database: dict, redis_port: int) -> Path:
    """endpoints.scale.yml itself (PostgreSQL + Redis, several Rasa servers), moved to these ports and password."""
    endpoints = yaml.safe_load((ROOT / "endpoints.scale.yml").read_text())
    endpoints["action_endpoint"]["url"] = f"http://localhost:{actions_port}/webhook"
    endpoints["tracker_store"].update(port=database["port"], password=database["password"])
    endpoints["lock_store"]["port"] = redis_port
    path.write_text(yaml.safe_dump(endpoints))
    return path


def start_rasa(port: int, endpoints: Path, log: Path, *extra: str) -> subprocess.Popen:
    if not MODEL.exists():
        pytest.fail("Modèle absent : lancez `make test` (il entraîne d'abord).")
    process = subprocess.Popen(
        [str(BIN / "rasa"), "run", "--model", str(MODEL), "--port", str(port), "--endpoints", str(endpoints),
         "--credentials", str(ROOT / "credentials.yml"), *extra],
        cwd=ROOT, env=ENV, stdout=log.open("w"), stderr=subprocess.STDOUT)
    wait_for(f"http://localhost:{port}/", process, log)
    return process


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class Chat:
    """One conversation over the REST channel of the Rasa server on `port`."""

    def __init__(self, port: int, sender: str = "") -> None:
        self.port = port
        self.sender = sender or f"test-{uuid.uuid4().hex[:10]}"

    def raw(self, body: bytes, content_type: str = "application/json"):
        request = urllib.request.Request(f"http://localhost:{self.port}/webhooks/rest/webhook", data=body,
                                         headers={"Content-Type": content_type})
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read().decode("utf-8") or "[]")

    def say(self, text: str) -> str:
        """The bot's reply as one string: texts and button titles."""
        _, messages = self.raw(json.dumps({"sender": self.sender, "message": text}).encode("utf-8"))
        parts = []
        for message in messages:
            parts.append(message.get("text") or "")
            parts.extend(button.get("title", "") for button in message.get("buttons") or [])
        return "\n".join(parts)
