"""Print the intent F1 of `rasa test nlu` on the held-out file, and fail below a regression floor.

The floor catches a broken pipeline or data; the target (0.95) is tracked in the benchmark, not here.
"""

import json
import sys

FLOOR = 0.85


def main(report_path: str) -> int:
    with open(report_path, encoding="utf-8") as fh:
        report = json.load(fh)
    weighted = report["weighted avg"]
    print(
        f"NLU (jeu réservé) : F1 des intentions = {weighted['f1-score']:.3f} "
        f"(précision {weighted['precision']:.3f}, rappel {weighted['recall']:.3f}, "
        f"exactitude {report['accuracy']:.3f}, {weighted['support']} exemples)"
    )
    worst = sorted(
        (v["f1-score"], k)
        for k, v in report.items()
        if isinstance(v, dict) and "support" in v and k not in ("weighted avg", "macro avg", "micro avg")
    )[:5]
    print("Intentions les plus faibles : " + ", ".join(f"{k} {f:.2f}" for f, k in worst))
    if weighted["f1-score"] < FLOOR:
        print(f"ÉCHEC : F1 {weighted['f1-score']:.3f} sous le plancher {FLOOR}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
