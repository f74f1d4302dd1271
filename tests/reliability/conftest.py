"""The reliability tests share one stack for the session; some stop and restart its servers."""
import pytest
from reliability_stack import Stack

from servers import stop


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    stack = Stack(tmp_path_factory.mktemp("reliability"))
    stack.start_actions()
    stack.restart_rasa()
    yield stack
    stop(stack.rasa)
    stop(stack.actions)
