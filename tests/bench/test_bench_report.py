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
    assert len(targets) == 9 and all(target.limit for target in targets)
    assert page.count("| atteinte |") + page.count("| **manquée** |") == 9
    assert "tours 151–200" in page


@pytest.mark.parametrize("ratio, met", [(1.15, True), (1.16, False)])
def test_median_latency_is_judged_against_the_floor(results, ratio, met):
    service = results["service"]
    service["ours"]["single"]["p50_ms"] = ratio * service["floor"]["single"]["p50_ms"]
    assert verdicts(results)["Latence p50"] is met


@pytest.mark.parametrize("ratio, met", [(1.3, True), (1.31, False)])
def test_tail_latency_is_judged_against_the_floor(results, ratio, met):
    service = results["service"]
    service["ours"]["single"]["p95_ms"] = ratio * service["floor"]["single"]["p95_ms"]
    assert verdicts(results)["Latence p95"] is met


@pytest.mark.parametrize(
    "stage, name, ratio, errors, met",
    [
        ("ours", "Débit, un serveur Rasa", 0.901, 0, True),
        ("ours", "Débit, un serveur Rasa", 0.899, 0, False),
        ("ours", "Débit, un serveur Rasa", 0.95, 1, False),
        ("ours_both_cores", "Débit, deux serveurs Rasa (`make serve-scale`)", 1.401, 0, True),
        ("ours_both_cores", "Débit, deux serveurs Rasa (`make serve-scale`)", 1.399, 0, False),
        ("ours_both_cores", "Débit, deux serveurs Rasa (`make serve-scale`)", 1.5, 1, False),
    ],
)
def test_throughput_needs_both_the_ratio_and_no_error(results, stage, name, ratio, errors, met):
    concurrent = results["service"][stage]["concurrent"]
    concurrent["msg_per_s"] = ratio * results["service"]["floor"]["concurrent"]["msg_per_s"]
    concurrent["errors"] = errors
    judged = {target.name.rsplit(",", 1)[0]: target.met for target in report.targets(results)}
    assert judged[name] is met


@pytest.mark.parametrize("last, errors, met", [(20.0, 0, True), (20.1, 0, False), (16.0, 2, False)])
def test_a_long_conversation_must_not_slow_down(results, last, errors, met):
    results["service"]["ours"]["long"].update(slice_medians_ms=[16.67, 17.0, 18.0, last], errors=errors)
    judged = {target.name.split(" :")[0]: target.met for target in report.targets(results)}
    assert judged["Conversation de 200 tours"] is met


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
