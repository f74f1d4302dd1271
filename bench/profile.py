"""`python -m bench.profile` (`make profile`): where the Rasa server spends its time during one user's turns.

The assistant's stack (Rasa + action server, as the bench runs it) answers one user while py-spy samples the Rasa
server; the page lists the functions that hold the most samples, counting a function once per sample whatever the
depth (inclusive time), the server's outer loop left out. Raw stacks stay in reports/bench/ for a flame graph
(speedscope.app reads them).
"""

import re
import signal
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Dict, List, Tuple

from bench.common import BIN, LOGS, PROJECT_MODEL, WORK, say
from bench.service import WARM_UP_TURNS, conversations, running
from devstack.load import play

TURNS, RATE_HZ, SHOWN, OUTER_LOOP = 150, 200, 25, 0.9
LINE_NUMBER = re.compile(r":\d+\)$")
STACKS = WORK / "profile-stacks.txt"
PAGE = WORK / "profile.md"


def hottest(stacks: Path) -> Tuple[int, List[Tuple[str, int]]]:
    """Total samples, and the functions in the most samples ("function (file)", without line numbers), leaving out
    the server's outer loop (functions in 90 % of the samples or more)."""
    total, inclusive = 0, Counter()
    for line in stacks.read_text(encoding="utf-8", errors="replace").splitlines():
        frames, _, count = line.rpartition(" ")
        total += int(count)
        inclusive.update(dict.fromkeys({LINE_NUMBER.sub(")", frame) for frame in frames.split(";")}, int(count)))
    inner = [(name, count) for name, count in inclusive.most_common() if count < OUTER_LOOP * total]
    return total, inner[:SHOWN]


def write_page(total: int, functions: List[Tuple[str, int]], latency: Dict[str, float]) -> None:
    rows = [f"| {100 * count / total:.1f} % | `{name}` |" for name, count in functions]
    PAGE.write_text(
        "\n".join(
            [
                "# Profil du serveur Rasa (`make profile`)",
                "",
                f"{TURNS} tours d'un utilisateur sur REST, py-spy à {RATE_HZ} Hz sur le serveur Rasa ({total} "
                "échantillons) ; "
                f"latence pendant l'échantillonnage p50 {latency['p50_ms']:.0f} ms, p95 {latency['p95_ms']:.0f} ms "
                "(py-spy ralentit un peu le serveur).",
                "",
                "| part des échantillons | fonction (fichier) |",
                "| --- | --- |",
                *rows,
                "",
                f"Piles brutes : `{STACKS.relative_to(WORK.parent.parent)}`.",
                "",
            ]
        ),
        encoding="utf-8",
    )


def main() -> int:
    if not PROJECT_MODEL.exists():
        print(f"Modèle absent ({PROJECT_MODEL}) : lancez `make profile`, qui entraîne d'abord.", file=sys.stderr)
        return 1
    LOGS.mkdir(parents=True, exist_ok=True)
    script = conversations()
    with tempfile.TemporaryDirectory() as work, running(Path(work), "profil", PROJECT_MODEL, True) as stack:
        play(stack.url, script, 1, WARM_UP_TURNS)
        say(f"py-spy sur le serveur Rasa pendant {TURNS} tours...")
        spy = subprocess.Popen(
            [
                str(BIN / "py-spy"),
                "record",
                "--pid",
                str(stack.processes["rasa"].pid),
                "--rate",
                str(RATE_HZ),
                "--format",
                "raw",
                "--output",
                str(STACKS),
            ],
            stdout=subprocess.DEVNULL,
            stderr=(LOGS / "py-spy.log").open("w"),
        )
        latency = play(stack.url, script, 1, TURNS).summary()
        spy.send_signal(signal.SIGINT)  # py-spy writes its file when interrupted, as on Ctrl-C
        spy.wait(timeout=60)
    if not STACKS.exists():
        print(f"py-spy n'a rien écrit ; voir {LOGS / 'py-spy.log'}", file=sys.stderr)
        return 1
    write_page(*hottest(STACKS), latency)
    say(f"Profil : {PAGE.relative_to(WORK.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
