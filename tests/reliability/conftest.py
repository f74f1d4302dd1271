"""The reliability tests share two stacks for the session, `make serve`'s and `make serve-scale`'s; some stop and
restart their servers, and leave them running again."""

import pytest

from devstack.servers import scale_servers
from devstack.stack import Stack


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    stack = Stack(tmp_path_factory.mktemp("reliability")).start()
    yield stack
    stack.stop()


@pytest.fixture(scope="session")
def scale(tmp_path_factory):
    with scale_servers(tmp_path_factory.mktemp("scale")) as servers:
        yield servers
