"""`python -m bench [--quick]`: every measure of issue 4, in order, then the page and its plots.

The stages run one after another, never in parallel: on two cores, each would slow the others' figures.
"""

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench import machine, nlu, plots, report, service, startup, training
from bench.common import COMMANDS, FULL, LOGS, PROJECT_MODEL, QUICK, ROOT, TEMP_PREFIX, WORK, BenchError, say


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        default=os.environ.get("BENCH_QUICK") == "1",
        help="smoke test in a few minutes (also BENCH_QUICK=1); the page goes to reports/bench/quick/",
    )
    settings = QUICK if parser.parse_args().quick else FULL
    if not PROJECT_MODEL.exists():
        print(f"Modèle absent ({PROJECT_MODEL}) : lancez `make bench`, qui entraîne d'abord.", file=sys.stderr)
        return 1
    shutil.rmtree(LOGS, ignore_errors=True)
    LOGS.mkdir(parents=True)
    settings.out.mkdir(parents=True, exist_ok=True)
    say(
        f"Mesures en mode {'QUICK (essai du code, chiffres sans valeur)' if settings.quick else 'complet'} ; "
        f"journaux dans {LOGS.relative_to(ROOT)}/"
    )
    began = time.monotonic()
    results: dict = {"machine": machine.describe()}
    try:
        with tempfile.TemporaryDirectory(prefix=TEMP_PREFIX) as work_dir:
            work = Path(work_dir)
            results["nlu"], sans_spacy_model = nlu.evaluate(settings, work)
            results["training"] = training.measure(settings, work)
            floor_model = training.train_floor_bot(settings, work)
            results["service"] = service.measure(settings, work, floor_model, sans_spacy_model)
            results["cold_start"] = startup.cold_starts(settings, work)
    except BenchError as error:
        print(f"ÉCHEC : {error}", file=sys.stderr)
        return 1
    results["machine"]["load_after"] = os.getloadavg()
    results["duration_s"] = time.monotonic() - began
    results["commands"] = COMMANDS
    plots.latency_histogram(
        {
            "1 utilisateur": {
                "assistant": results["service"]["ours"]["single_ms"],
                "plancher": results["service"]["floor"]["single_ms"],
            },
            f"{settings.concurrent_users} utilisateurs simultanés": {
                "assistant": results["service"]["ours"]["concurrent_ms"],
                "plancher": results["service"]["floor"]["concurrent_ms"],
            },
        },
        settings.out / "bench_latency.png",
    )
    (WORK / f"results{'-quick' if settings.quick else ''}.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    page = report.write(results, settings)
    say(f"Terminé en {results['duration_s'] / 60:.0f} min : {page.relative_to(ROOT)}")
    for target in report.targets(results):
        say(f"  {'atteinte' if target.met else 'MANQUÉE '}  {target.name} : {target.measured}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
