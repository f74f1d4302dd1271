"""Start and talk to the real servers (action server, Rasa, PostgreSQL, Redis) on ports the caller chooses."""

import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, List, Optional, Tuple

import psycopg2
import yaml

from devstack.settings import ENV, MODEL

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DATASTORES = ROOT / "scripts" / "datastores.sh"


class StackError(Exception):
    """A server did not start or stopped while starting; the message ends with its log."""


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
def datastores(log: Path, data: Optional[Path] = None) -> Iterator[Tuple[dict, int]]:
    """`make serve-scale`'s PostgreSQL and Redis (scripts/datastores.sh), private to one run, on spare ports: yields
    the database's connection settings and Redis's port; both stopped and their files removed after. Their files go
    to `data` (a test that restarts PostgreSQL needs it, see `postgres`), by default a new temporary folder."""
    data = data or fresh_datastores_dir()
    pg_port, redis_port = spare_ports(2)
    try:
        with log.open("w") as output:
            subprocess.run(
                [str(DATASTORES), "start", str(data), str(pg_port), str(redis_port)],
                check=True,
                timeout=900,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        yield (
            dict(
                host="127.0.0.1", port=pg_port, dbname="rasa", user="rasa", password=(data / "db_password").read_text()
            ),
            redis_port,
        )
    finally:
        subprocess.run([str(DATASTORES), "stop", str(data)], check=False, capture_output=True)
        shutil.rmtree(data, ignore_errors=True)


def fresh_datastores_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="grappes-datastores-"))  # not under tmp_path: PostgreSQL's user must reach it


def postgres(data: Path, action: str) -> float:
    """`pg_ctl stop` or `restart` (fast mode, as in maintenance) on the PostgreSQL of `datastores(log, data)`, waiting
    until it is done; the seconds it took. `restart` also starts a stopped server."""
    start = time.perf_counter()
    subprocess.run([str(DATASTORES), "postgres", str(data), action], check=True, timeout=120, capture_output=True)
    return time.perf_counter() - start


def wait_for(url: str, process: subprocess.Popen, log: Path, seconds: int = 180) -> None:
    """Return when `url` answers; raise StackError with the log's tail if the process dies or times out (then stop
    it, as the caller never gets it)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise StackError(f"{url} s'est arrêté au démarrage :\n{log.read_text()[-3000:]}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(1)
    stop(process)
    raise StackError(f"{url} ne répond pas après {seconds} s :\n{log.read_text()[-3000:]}")


def start_actions(port: int, log: Path, env: Optional[dict] = None) -> subprocess.Popen:
    """The action server on `port`, its output in `log`; `env` adds to the environment (e.g. another knowledge/)."""
    process = subprocess.Popen(
        [str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(port)],
        cwd=ROOT,
        env={**ENV, **(env or {})},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    wait_for(f"http://localhost:{port}/health", process, log)
    return process


def write_endpoints(path: Path, actions_port: Optional[int], tracker_db: Path) -> Path:
    """endpoints.yml itself (`make serve`: one Rasa server, SQLite), moved to this database file. With no
    `actions_port`, Rasa runs the actions itself, as endpoints.yml says; with one, it calls the action server there
    (as `make serve-scale` does)."""
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text())
    if actions_port is not None:
        endpoints["action_endpoint"] = {"url": f"http://localhost:{actions_port}/webhook"}
    endpoints["tracker_store"]["db"] = str(tracker_db)
    path.write_text(yaml.safe_dump(endpoints))
    return path


def write_scale_endpoints(path: Path, actions_port: int, database: dict, redis_port: int) -> Path:
    """endpoints.scale.yml itself (PostgreSQL + Redis, several Rasa servers), moved to these ports and password."""
    endpoints = yaml.safe_load((ROOT / "endpoints.scale.yml").read_text())
    endpoints["action_endpoint"]["url"] = f"http://localhost:{actions_port}/webhook"
    endpoints["tracker_store"].update(port=database["port"], password=database["password"])
    endpoints["lock_store"]["port"] = redis_port
    path.write_text(yaml.safe_dump(endpoints))
    return path


def start_rasa(port: int, endpoints: Path, log: Path, *extra: str, env: Optional[dict] = None) -> subprocess.Popen:
    """Rasa on `port` with credentials.yml's channels, `extra` options added; `env` adds to the environment (e.g.
    another knowledge/, read by the actions that run inside Rasa)."""
    if not MODEL.exists():
        raise StackError("Modèle absent : lancez `make test` (il entraîne d'abord).")
    process = subprocess.Popen(
        [
            str(BIN / "rasa"),
            "run",
            "--model",
            str(MODEL),
            "--port",
            str(port),
            "--endpoints",
            str(endpoints),
            "--credentials",
            str(ROOT / "credentials.yml"),
            *extra,
        ],
        cwd=ROOT,
        env={**ENV, **(env or {})},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    wait_for(f"http://localhost:{port}/", process, log)
    return process


def start_page(port: int, rasa_url: str, log: Path) -> subprocess.Popen:
    """`make serve`'s chat page (scripts/web_server.py) on `port`, talking to the Rasa server at `rasa_url`; it
    refuses to start without web/vendor/ (`make setup`) or on broken knowledge/, and its log then says why."""
    process = subprocess.Popen(
        [sys.executable, "-m", "scripts.web_server", "--port", str(port), "--rasa-url", rasa_url],
        cwd=ROOT,
        env=ENV,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    wait_for(f"http://localhost:{port}/", process, log)
    return process


def redis(data: Path, action: str) -> float:
    """Stop Redis of `datastores(log, data)`, or `start` it again on its port; the seconds it took."""
    start = time.perf_counter()
    subprocess.run([str(DATASTORES), "redis", str(data), action], check=True, timeout=60, capture_output=True)
    return time.perf_counter() - start


@dataclass
class ScaleServers:
    """Two Rasa servers on one tracker store and one Redis; `events` reads the store directly, not through Rasa."""

    ports: Tuple[int, int]
    database: dict
    redis_port: int
    data: Path  # the datastores' files, for `postgres(data, ...)` and `redis(data, ...)`
    work: Path
    endpoints: Path
    rasa: List[subprocess.Popen]  # the process of each port
    actions: subprocess.Popen

    def events(self, sender: str) -> list:
        with closing(psycopg2.connect(**self.database)) as connection, connection.cursor() as cursor:
            cursor.execute("SELECT type_name, data FROM events WHERE sender_id = %s ORDER BY id", (sender,))
            return [(kind, json.loads(data)) for kind, data in cursor.fetchall()]

    def user_events(self) -> List[Tuple[str, str]]:
        """(sender_id, data) of every stored user message, in the order they were stored."""
        with closing(psycopg2.connect(**self.database)) as connection, connection.cursor() as cursor:
            cursor.execute("SELECT sender_id, data FROM events WHERE type_name = 'user' ORDER BY id")
            return cursor.fetchall()

    def kill(self, server: int) -> None:
        """SIGKILL, as the kernel's out-of-memory killer or a crash would: no shutdown of any kind."""
        self.rasa[server].kill()
        self.rasa[server].wait()

    def start(self, server: int) -> float:
        """Start the Rasa server of `ports[server]` again; the seconds until it answers."""
        begin = time.perf_counter()
        self.rasa[server] = start_rasa(
            self.ports[server], self.endpoints, self.work / f"rasa-{self.ports[server]}-{time.time_ns()}.log"
        )
        return time.perf_counter() - begin


@contextmanager
def scale_servers(work: Path) -> Iterator[ScaleServers]:
    """`make serve-scale` on spare ports: PostgreSQL, Redis, one action server and two Rasa servers with
    endpoints.scale.yml; everything stopped after."""
    processes, data = [], fresh_datastores_dir()
    with datastores(work / "datastores.log", data) as (database, redis_port):
        actions_port, *rasa_ports = spare_ports(3)
        servers = None
        try:
            endpoints = write_scale_endpoints(work / "endpoints.yml", actions_port, database, redis_port)
            processes.append(start_actions(actions_port, work / "actions.log"))
            with ThreadPoolExecutor() as pool:  # both load the model at once, not one after the other
                starting = [pool.submit(start_rasa, port, endpoints, work / f"rasa-{port}.log") for port in rasa_ports]
            processes += [future.result() for future in starting if not future.exception()]
            for future in starting:
                future.result()  # raise a failed start only now, once the other server is in `processes` to be stopped
            servers = ScaleServers(
                tuple(rasa_ports), database, redis_port, data, work, endpoints, processes[1:], processes[0]
            )
            yield servers
        finally:
            running = processes[:1] + (servers.rasa if servers else processes[1:])  # a test may have replaced one
            for process in running:
                process.terminate()  # all at once: Rasa takes seconds to shut down
            for process in running:
                stop(process)


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
        request = urllib.request.Request(
            f"http://localhost:{self.port}/webhooks/rest/webhook", data=body, headers={"Content-Type": content_type}
        )
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
