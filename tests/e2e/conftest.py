"""The real stack (action server + Rasa with its REST channel) on spare ports, for the whole session."""

import pytest
from servers import Chat, start_actions, start_rasa, stop, write_endpoints

RASA_PORT, ACTIONS_PORT = 5105, 5155


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    work = tmp_path_factory.mktemp("e2e")
    actions = start_actions(ACTIONS_PORT, work / "actions.log")
    rasa = start_rasa(
        RASA_PORT, write_endpoints(work / "endpoints.yml", ACTIONS_PORT, work / "tracker.db"), work / "rasa.log"
    )
    yield
    stop(rasa)
    stop(actions)


@pytest.fixture
def chat(stack):
    return Chat(RASA_PORT)


@pytest.fixture
def stack_chat_factory(stack):
    """A new conversation (its own sender id) each call."""
    return lambda: Chat(RASA_PORT)
