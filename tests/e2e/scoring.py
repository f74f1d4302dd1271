"""How a played turn is judged: the rules of ../shared/eval/run_eval.py (folded case and accents)."""

import re
from typing import List

from bot.text import fold


def problems(turn: dict, reply: str) -> List[str]:
    """What is wrong with `reply` for this turn; empty when it passes."""
    folded, found = fold(reply).replace("\u00a0", " "), []
    if len(reply.strip()) < int(turn.get("min_chars", 1)):
        found.append("réponse vide ou trop courte")
    found += [f"manque {s!r}" for s in turn.get("expect_all") or [] if fold(s) not in folded]
    if turn.get("expect_any") and not any(fold(s) in folded for s in turn["expect_any"]):
        found.append(f"aucun de {turn['expect_any']!r}")
    found += [f"contient {s!r}" for s in turn.get("expect_none") or [] if fold(s) in folded]
    if turn.get("expect_regex") and not re.search(turn["expect_regex"], folded):
        found.append(f"pas de /{turn['expect_regex']}/")
    return found
