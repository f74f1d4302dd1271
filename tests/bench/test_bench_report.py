"""docs/benchmarks.md's verdicts: each target met or missed exactly at its threshold, every section written.

results_sample.json is a real `make bench` result (latency lists shortened); each test moves one figure.
"""

import copy
import json
from pathlib import Path

import pytest

from bench import report
from bench.common import FULL

SAMPLE = json.loads((Path(__file__).parent / "results_sample.json").read_text(encoding="utf-8"))


@pytest.fixture
def results():
    return copy.deepcopy(SAMPLE)


def verdicts(results) -> dict:
    return {target.name.split(",")[0]: target.met for target in report.targets(results)}


def test_the_page_has_every_section_and_a_limit_for_every_target(results):
    page = report.render(results, FULL)
    for section in (
        "## Cibles",
        "## 1. Qualité de la NLU",
        "## 2. Conversations",
        "## 3. Latence et débit",
        "## 4. Mémoire",
        "## 5. Entraînement et démarrage",
        "## 6. Profilage",
        "## Commandes",
    ):
        assert section in page
    targets = report.targets(results)
    assert len(targets) == 7 and all(target.limit for target in targets)
    assert page.count("| atteinte |") + page.count("| **manquée** |") == 7


@pytest.mark.parametrize("ratio, met", [(1.3, True), (1.31, False)])
def test_median_latency_is_judged_against_the_floor(results, ratio, met):
    service = results["service"]
    service["ours"]["single"]["p50_ms"] = ratio * service["floor"]["single"]["p50_ms"]
    assert verdicts(results)["Latence p50"] is met


@pytest.mark.parametrize("errors, met", [(0, True), (1, False)])
def test_throughput_needs_both_the_ratio_and_no_error(results, errors, met):
    both = results["service"]["ours_both_cores"]["concurrent"]
    both["msg_per_s"] = 1.3 * results["service"]["floor"]["concurrent"]["msg_per_s"]
    both["errors"] = errors
    assert verdicts(results)["Débit"] is met


@pytest.mark.parametrize("tfidf_f1, met", [(0.90, True), (0.97, False)])
def test_intent_f1_must_reach_the_target_and_beat_both_baselines(results, tfidf_f1, met):
    holdout = results["nlu"]["holdout"]
    holdout["spacy"]["f1"], holdout["sans_spacy"]["f1"], holdout["tfidf"]["f1"] = 0.96, 0.80, tfidf_f1
    assert verdicts(results)["F1 des intentions"] is met


def test_resource_limits(results):
    results["training"]["median_s"] = report.TRAINING_LIMIT_S + 1
    results["cold_start"]["median_answer_s"] = report.COLD_START_LIMIT_S
    results["service"]["ours"]["rss_mb"]["rasa"] = report.RSS_LIMIT_MB
    judged = verdicts(results)
    assert judged["Entraînement complet"] is False
    assert judged["Démarrage à froid"] is True and judged["Mémoire du serveur Rasa"] is True
