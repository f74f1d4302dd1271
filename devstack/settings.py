"""settings.env, read the way the Makefile and scripts/common.sh read it: a variable set in the environment wins."""

import os
from pathlib import Path
from typing import Dict

ROOT = Path(__file__).resolve().parents[1]
FILE = ROOT / "settings.env"
EXPORTED = ("RASA_TELEMETRY_ENABLED", "TF_CPP_MIN_LOG_LEVEL", "SQLALCHEMY_SILENCE_UBER_WARNING", "PYTHONHASHSEED")


def read(path: Path = FILE) -> Dict[str, str]:
    """Each KEY=value line of the file, overridden by the environment."""
    settings = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            settings[key] = os.environ.get(key, value)
    return settings


SETTINGS = read()
MODEL = ROOT / SETTINGS["MODEL"]
# The environment of every server the tests and the bench start.
ENV = {**os.environ, **{key: SETTINGS[key] for key in EXPORTED}}
