"""endpoints.scale.yml for real: PostgreSQL, Redis, one action server and two Rasa servers, all on spare ports."""
import json
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass

import psycopg2
import pytest

from servers import datastores, spare_ports, start_actions, start_rasa, stop, write_scale_endpoints

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
def servers(tmp_path_factory):
    work = tmp_path_factory.mktemp("scale")
    processes = []
    with datastores(work / "datastores.log") as (database, redis_port):
        actions_port, *rasa_ports = spare_ports(3)
        try:
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
