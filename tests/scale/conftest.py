"""endpoints.scale.yml for real: PostgreSQL, Redis, one action server and two Rasa servers, all on spare ports."""
import json
import shutil
import socket
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, closing
from dataclasses import dataclass
from pathlib import Path

import psycopg2
import pytest

from servers import ROOT, start_actions, start_rasa, stop, write_scale_endpoints

DATASTORES = str(ROOT / "scripts" / "datastores.sh")


def spare_ports(count: int) -> list:
    """Distinct free ports from the kernel's ephemeral range: never the fixed ones of make serve or other tests."""
    with ExitStack() as stack:
        probes = [stack.enter_context(socket.socket()) for _ in range(count)]
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [probe.getsockname()[1] for probe in probes]


@dataclass
class Servers:
    """Two Rasa servers on one tracker store and one Redis; `events` reads the store directly, not through Rasa."""
    ports: tuple
    database: dict
    redis_port: int

    def events(self, sender: str) -> list:
        with closing(psycopg2.connect(**self.database)) as connection, connection.cursor() as cursor:
            cursor.execute("SELECT type_name, data FROM events WHERE sender_id = %s ORDER BY id", (sender,))
            return [(kind, json.loads(data)) for kind, data in cursor.fetchall()]


@pytest.fixture(scope="module")
def servers():
    # Not pytest's tmp_path: its parent directory is closed to the postgres user.
    work = Path(tempfile.mkdtemp(prefix="grappes-scale-"))
    pg_port, redis_port, actions_port, *rasa_ports = spare_ports(5)
    processes = []
    try:
        subprocess.run([DATASTORES, "start", str(work), str(pg_port), str(redis_port)], check=True, timeout=900)
        database = dict(host="127.0.0.1", port=pg_port, dbname="rasa", user="rasa",
                        password=(work / "db_password").read_text())
        endpoints = write_scale_endpoints(work / "endpoints.yml", actions_port, database, redis_port)
        processes.append(start_actions(actions_port, work / "actions.log"))
        with ThreadPoolExecutor() as pool:  # both load the model at once, not one after the other
            starting = [pool.submit(start_rasa, port, endpoints, work / f"rasa-{port}.log") for port in rasa_ports]
        processes += [future.result() for future in starting if not future.exception()]
        for future in starting:
            future.result()  # raise a failed start only now, once the other server is in `processes` to be stopped
        yield Servers(tuple(rasa_ports), database, redis_port)
    finally:
        for process in processes:
            process.terminate()  # all at once: Rasa takes seconds to shut down
        for process in processes:
            stop(process)
        subprocess.run([DATASTORES, "stop", str(work)], check=False)
        shutil.rmtree(work, ignore_errors=True)
