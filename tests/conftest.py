import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from bot.dialogue import Assistant  # noqa: E402
from bot.knowledge import load_knowledge  # noqa: E402


@pytest.fixture(scope="session")
def knowledge():
    return load_knowledge()


@pytest.fixture(scope="session")
def assistant(knowledge):
    return Assistant(knowledge)
