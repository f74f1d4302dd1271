from pathlib import Path

import pytest

from bot.dialogue import Assistant
from bot.knowledge import load_knowledge

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
