"""endpoints.scale.yml for real: PostgreSQL, Redis, one action server and two Rasa servers, all on spare ports."""

import pytest

from devstack.servers import scale_servers


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    with scale_servers(tmp_path_factory.mktemp("scale")) as servers:
        yield servers
