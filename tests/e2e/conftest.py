"""Start the real stack (action server + Rasa with its REST channel) on spare ports for end-to-end tests."""
import json
import os
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
MODEL = ROOT / "models" / "grappes.tar.gz"
RASA_PORT, ACTIONS_PORT = 5105, 5155
ENV = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2",
       "SQLALCHEMY_SILENCE_UBER_WARNING": "1"}


def _wait(url: str, process: subprocess.Popen, log: Path, seconds: int = 180) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{url} s'est arrêté au démarrage :\n{log.read_text()[-3000:]}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(1)
    pytest.fail(f"{url} ne répond pas après {seconds} s :\n{log.read_text()[-3000:]}")


def start_actions(log_dir: Path) -> subprocess.Popen:
    log = log_dir / "actions.log"
    process = subprocess.Popen(
        [str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(ACTIONS_PORT)],
        cwd=ROOT, env=ENV, stdout=log.open("w"), stderr=subprocess.STDOUT)
    _wait(f"http://localhost:{ACTIONS_PORT}/health", process, log)
    return process


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def log_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("e2e")


@pytest.fixture(scope="session")
def stack(log_dir):
    """Both servers, for the whole session; yields the action-server process holder."""
    if not MODEL.exists():
        pytest.fail("Modèle absent : lancez `make test` (il entraîne d'abord).")
    endpoints = log_dir / "endpoints.yml"
    endpoints.write_text(f'action_endpoint:\n  url: "http://localhost:{ACTIONS_PORT}/webhook"\n')
    holder = {"actions": start_actions(log_dir)}
    log = log_dir / "rasa.log"
    rasa = subprocess.Popen(
        [str(BIN / "rasa"), "run", "--model", str(MODEL), "--port", str(RASA_PORT),
         "--endpoints", str(endpoints), "--credentials", str(ROOT / "credentials.yml")],
        cwd=ROOT, env=ENV, stdout=log.open("w"), stderr=subprocess.STDOUT)
    _wait(f"http://localhost:{RASA_PORT}/", rasa, log)
    yield holder
    stop(rasa)
    if holder["actions"].poll() is None:
        stop(holder["actions"])


class Chat:
    """One conversation over the REST channel."""

    def __init__(self) -> None:
        self.sender = f"test-{uuid.uuid4().hex[:10]}"

    def raw(self, body: bytes, content_type: str = "application/json"):
        request = urllib.request.Request(f"http://localhost:{RASA_PORT}/webhooks/rest/webhook", data=body,
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


@pytest.fixture
def chat(stack):
    return Chat()
