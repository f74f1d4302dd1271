"""What the figures were measured on: hardware, software and how busy the machine was."""

import os
import platform
from datetime import datetime
from importlib.metadata import version


def _first(path: str, key: str) -> str:
    with open(path) as lines:
        return next((line.split(":", 1)[1].strip() for line in lines if line.startswith(key)), "?")


def describe() -> dict:
    return {
        "date": datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "cpu": _first("/proc/cpuinfo", "model name"),
        "cores": os.cpu_count(),
        "memory_gb": int(_first("/proc/meminfo", "MemTotal").split()[0]) / 1024**2,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "rasa": version("rasa"),
        "spacy": version("spacy"),
        "load_before": os.getloadavg(),
    }
