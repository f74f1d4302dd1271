"""The real stack (action server + Rasa with its REST channel) on spare ports, for the whole session."""

import pytest

from devstack.stack import Stack


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    stack = Stack(tmp_path_factory.mktemp("e2e")).start()
    yield stack
    stack.stop()


@pytest.fixture
def chat(stack):
    return stack.chat()


@pytest.fixture
def stack_chat_factory(stack):
    """A new conversation (its own sender id) each call."""
    return stack.chat
