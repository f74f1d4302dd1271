"""Training time from scratch (where it goes, component by component) and the trivial bot of the latency floor."""

import re
import statistics
from datetime import datetime
from pathlib import Path
from typing import Dict

from bench.common import LOGS, RASA, ROOT, Settings, run, say, step
from bench.configs import load_config, trivial_bot, with_epochs, write_yaml
from bench.nlu import TRAINING, read_examples

# Rasa logs "<date> <time> INFO rasa.engine.training.hooks - Starting to train|Finished training component 'X'."
COMPONENT_LINE = re.compile(
    r"^(\S+ \S+) INFO\s+rasa\.engine\.training\.hooks\s+- "
    r"(Starting to train|Finished training) component '(\w+)'"
)
OTHER_STEPS = "hors composants entraînés (imports, lecture des données, spaCy et featurisation des exemples)"


def component_seconds(log: Path) -> Dict[str, float]:
    """Seconds per trained component, from the log's timestamps (1 s resolution)."""
    started: Dict[str, datetime] = {}
    spent: Dict[str, float] = {}
    for line in log.read_text(errors="replace").splitlines():
        match = COMPONENT_LINE.match(line)
        if match:
            moment, event, component = datetime.fromisoformat(match[1]), match[2], match[3]
            if event.startswith("Starting"):
                started[component] = moment
            elif component in started:
                spent[component] = spent.get(component, 0) + (moment - started.pop(component)).total_seconds()
    return spent


def measure(settings: Settings, work: Path) -> dict:
    """`rasa train --force` of the whole assistant into a temp dir, `settings.repetitions` times."""
    config = (
        ROOT / "config.yml"
        if settings.epochs is None
        else write_yaml(work / "config-train.yml", with_epochs(load_config(), settings.epochs))
    )
    runs = []
    for attempt in range(1, settings.repetitions + 1):
        with step(f"Entraînement complet depuis zéro, essai {attempt}/{settings.repetitions}"):
            log = LOGS / f"train-full-{attempt}.log"
            seconds = run(
                "rasa train",
                [
                    RASA,
                    "train",
                    "--config",
                    config,
                    "--domain",
                    "domain.yml",
                    "--data",
                    "data",
                    "--out",
                    work / f"train-{attempt}",
                    "--fixed-model-name",
                    "grappes",
                    "--force",
                ],
                log,
            )
            steps = component_seconds(log)
            steps[OTHER_STEPS] = seconds - sum(steps.values())
            runs.append({"seconds": seconds, "steps": dict(sorted(steps.items(), key=lambda item: -item[1]))})
            say(f"  {seconds:.0f} s")
    middle = sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]
    return {
        "runs_s": [r["seconds"] for r in runs],
        "median_s": statistics.median([r["seconds"] for r in runs]),
        "components_s": middle["steps"],
    }


def train_floor_bot(settings: Settings, work: Path) -> Path:
    """The trivial bot: config.yml's NLU pipeline on data/nlu/, one rule, one canned answer, no custom action."""
    with step("Bot trivial (plancher de latence) : entraînement"):
        intents = sorted({intent for _, intent in read_examples(TRAINING)})
        config, domain, rules = trivial_bot(work / "floor", with_epochs(load_config(), settings.epochs), intents)
        run(
            "rasa train (bot trivial)",
            [
                RASA,
                "train",
                "--config",
                config,
                "--domain",
                domain,
                "--data",
                TRAINING,
                rules,
                "--out",
                work / "floor",
                "--fixed-model-name",
                "floor",
            ],
            LOGS / "train-floor.log",
        )
    return work / "floor" / "floor.tar.gz"
