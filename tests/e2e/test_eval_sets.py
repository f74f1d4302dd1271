"""Our evaluation sets (written from ../shared sources, not from data/), played over REST; scores printed.

Each category has tuning parts (eval_*.yml to eval8_*.yml: failures there were read and fixed) and a
part kept aside (heldout_*.yml) that no rule, keyword or threshold was tuned on: all are reported. The bar is
the one of issue 9: at least 97 % of all turns.
"""

from pathlib import Path

import pytest
import yaml
from scoring import problems

HERE = Path(__file__).parent
CATEGORIES = ("context", "precision", "english")
PARTS = ("eval", "eval2", "eval3", "eval4", "eval5", "eval6", "eval7", "eval8", "heldout")
SETS = [(category, part) for category in CATEGORIES for part in PARTS if (HERE / f"{part}_{category}.yml").exists()]
SCORES = {}


def _play(chat_factory, conversations):
    passed, failures = 0, []
    for conversation in conversations:
        chat = chat_factory()
        for turn in conversation["turns"]:
            reply = chat.say(turn["say"])
            found = problems(turn, reply)
            passed += not found
            if found:
                failures.append(f"{conversation['id']}: {turn['say']!r} -> {reply[:200]!r} ({'; '.join(found)})")
    return passed, failures


@pytest.mark.parametrize("category, part", SETS)
def test_play_set(stack_chat_factory, category, part, capsys):
    path = HERE / f"{part}_{category}.yml"
    conversations = yaml.safe_load(path.read_text(encoding="utf-8"))
    total = sum(len(c["turns"]) for c in conversations)
    passed, failures = _play(stack_chat_factory, conversations)
    SCORES[(category, part)] = (passed, total)
    with capsys.disabled():
        print(f"\n[eval] {part}_{category}: {passed}/{total} tours ({100 * passed / total:.1f} %)")
        for failure in failures:
            print(f"[eval]   ÉCHEC {failure}")
    assert passed / total >= 0.90, "\n".join(failures)


def test_all_sets_together_reach_97_percent(capsys):
    if len(SCORES) < len(SETS):
        pytest.skip("les jeux n'ont pas tous été joués dans cette exécution")
    passed = sum(p for p, _ in SCORES.values())
    total = sum(t for _, t in SCORES.values())
    with capsys.disabled():
        print(f"\n[eval] total : {passed}/{total} tours ({100 * passed / total:.1f} %)")
    assert passed / total >= 0.97
