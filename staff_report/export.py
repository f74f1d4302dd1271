"""The unanswered groups as CSV, to turn into training examples (data/nlu/) in a spreadsheet or a script.

One row per group; `exemples` holds every distinct formulation, one per line (visitors' texts never hold a line
break: bot/guard.py folds them). `intention_suggeree` is only filled when the assistant reads a core aspect of a
cluster (site, fondation, mission…) in half of the group's questions at least: the intent that asks it
(bot/registry.py).
"""

import csv
from pathlib import Path

from bot.registry import ASPECT_INTENTS, NOT_UNDERSTOOD
from staff_report.summary import UNANSWERED, Summary, attribute_name

COLUMNS = (
    "groupe",
    "intention_du_modele",
    "nombre",
    "representant",
    "exemples",
    "grappes",
    "attribut",
    "intention_suggeree",
)
# A cell that starts like a formula would be run by a spreadsheet: a leading apostrophe keeps it text.
_FORMULA_START = tuple("=+-@\t\r")


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def write_csv(summary: Summary, path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for intent, prefix, _ in UNANSWERED:
            for number, group in enumerate(summary.groups[intent], 1):
                writer.writerow(
                    [
                        f"{prefix}{number}",
                        intent,
                        group.count,
                        _cell(group.representative),
                        "\n".join(_cell(text) for text, _ in group.formulations),
                        ", ".join(summary.cluster_name(c) for c in group.clusters),
                        attribute_name(group.attribute) if group.attribute else "",
                        ASPECT_INTENTS.get(group.aspect, "") if intent == NOT_UNDERSTOOD else "",
                    ]
                )
    return path
