"""The reliability tests share `make serve`'s stack and the one with a separate action server (tests/conftest.py),
and `make serve-scale`'s; some stop and restart their servers, and leave them running again."""

import pytest

from devstack.servers import scale_servers


@pytest.fixture(scope="session")
def scale(tmp_path_factory):
    with scale_servers(tmp_path_factory.mktemp("scale")) as servers:
        yield servers
