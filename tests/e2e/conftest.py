"""Conversations over REST against the real stack (tests/conftest.py): our own conversations on both ways of running
the actions (inside Rasa as `make serve`, on an action server as `make serve-scale`), the evaluation sets on the
first."""

import pytest

PATHS = {"actions dans Rasa": "stack", "serveur d'actions": "action_server_stack"}


@pytest.fixture(params=list(PATHS))
def chat(request):
    return request.getfixturevalue(PATHS[request.param]).chat()


@pytest.fixture
def stack_chat_factory(stack):
    """A new conversation (its own sender id) each call."""
    return stack.chat
