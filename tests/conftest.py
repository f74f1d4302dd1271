from pathlib import Path

import pytest

from bot.dialogue import Assistant
from bot.knowledge import load_knowledge
from devstack.stack import Stack

ROOT = Path(__file__).resolve().parent.parent

# Each test folder's marker (pyproject.toml names them): `make test-unit` is `pytest -m unit`.
FOLDER_MARKERS = {
    "bot": "unit",
    "actions": "unit",
    "channels": "unit",
    "components": "unit",
    "report": "unit",
    "bench": "unit",
    "e2e": "stack",
    "reliability": "stack",
    "web": "browser",
    "scale": "scale",
    "console": "console",
}


def pytest_collection_modifyitems(items):
    for item in items:
        folder = Path(item.path).relative_to(ROOT / "tests").parts[0]
        item.add_marker(FOLDER_MARKERS.get(folder, "stack"))


@pytest.fixture(scope="session")
def knowledge():
    return load_knowledge()


@pytest.fixture(scope="session")
def assistant(knowledge):
    return Assistant(knowledge)


# `make serve`'s stack, and the same with its actions on a separate action server (as `make serve-scale` runs them):
# each started once, at its first use, for tests/e2e and tests/reliability alike.
@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    stack = Stack(tmp_path_factory.mktemp("stack")).start()
    yield stack
    stack.stop()


@pytest.fixture(scope="session")
def action_server_stack(tmp_path_factory):
    stack = Stack(tmp_path_factory.mktemp("stack-actions"), action_server=True).start()
    yield stack
    stack.stop()
