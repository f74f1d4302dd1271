"""Rasa configurations the bench trains, all derived from config.yml so that they follow it when it changes."""

import copy
from pathlib import Path
from typing import List, Optional

import yaml

from bench.common import ROOT

FLOOR_REPLY = "utter_ok"


def load_config() -> dict:
    return yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))


def write_yaml(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def with_epochs(config: dict, epochs: Optional[int]) -> dict:
    """QUICK mode's few epochs for every component that has some; None keeps config.yml's."""
    changed = copy.deepcopy(config)
    if epochs is not None:
        for part in changed["pipeline"] + changed.get("policies", []):
            if "epochs" in part:
                part["epochs"] = epochs
    return changed


def without_spacy(config: dict) -> dict:
    """The same pipeline with WhitespaceTokenizer in place of spaCy's three components, all else unchanged."""
    changed = copy.deepcopy(config)
    pipeline = []
    for part in changed["pipeline"]:
        if part["name"] == "SpacyTokenizer":
            pipeline.append({"name": "WhitespaceTokenizer"})
        elif "Spacy" not in part["name"]:
            pipeline.append(part)
    changed["pipeline"] = pipeline
    return changed


def trivial_bot(directory: Path, config: dict, intents: List[str]) -> List[Path]:
    """Config, domain and rule of the floor bot: the same NLU, one rule answering any intent with one text.

    Returns the files to give `rasa train` (config, domain, rules); the NLU data is data/nlu/ itself.
    """
    directory.mkdir(parents=True, exist_ok=True)
    floor_config = {**copy.deepcopy(config), "policies": [{"name": "RulePolicy"}]}
    domain = {
        "version": "3.1",
        "intents": intents,
        "entities": ["grappe"],
        "responses": {FLOOR_REPLY: [{"text": "D'accord."}]},
    }
    any_intent = [{"intent": name} for name in [*intents, "nlu_fallback"]]
    rules = {
        "version": "3.1",
        "rules": [{"rule": "une réponse à tout", "steps": [{"or": any_intent}, {"action": FLOOR_REPLY}]}],
    }
    return [
        write_yaml(directory / "config.yml", floor_config),
        write_yaml(directory / "domain.yml", domain),
        write_yaml(directory / "rules.yml", rules),
    ]
