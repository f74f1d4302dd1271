"""NLU quality of the project's model against Rasa without spaCy and a TF-IDF baseline, on the held-out file
and on the same stratified folds of data/nlu/, so that every difference comes from the classifier alone."""

import json
import re
import statistics
from collections import Counter
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml
from sklearn.metrics import accuracy_score, precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold

from bench import baseline, plots
from bench.common import LOGS, PROJECT_MODEL, RASA, ROOT, Settings, run, say, step
from bench.configs import load_config, with_epochs, without_spacy, write_yaml

TRAINING = ROOT / "data" / "nlu"  # the training examples, one file per topic
HOLDOUT = ROOT / "tests" / "nlu_holdout.yml"
ANNOTATION = re.compile(r"\[([^\]]*)\](?:\{[^}]*\}|\([^)]*\))")
SEED = 2002
Example = Tuple[str, str]  # (text as written in the YAML, entity annotations included; intent)
CLASSIFIERS = {
    "spacy": "Rasa, config.yml (spaCy)",
    "sans_spacy": "Rasa sans spaCy",
    "tfidf": "TF-IDF + rég. logistique",
}


def read_examples(path: Path) -> List[Example]:
    """Each (sentence, intent) once, as Rasa loads them, from one file or every YAML file of a folder."""
    files = sorted(path.glob("*.yml")) if path.is_dir() else [path]
    blocks = [block for file in files for block in yaml.safe_load(file.read_text(encoding="utf-8"))["nlu"]]
    return list(
        dict.fromkeys(
            (line[2:].strip(), block["intent"])
            for block in blocks
            if "intent" in block
            for line in block["examples"].splitlines()
            if line.startswith("- ")
        )
    )


def write_examples(path: Path, examples: List[Example]) -> Path:
    by_intent: Dict[str, List[str]] = {}
    for text, intent in examples:
        by_intent.setdefault(intent, []).append(text)
    blocks = [
        f"- intent: {intent}\n  examples: |\n" + "".join(f"    - {text}\n" for text in texts)
        for intent, texts in by_intent.items()
    ]
    path.write_text('version: "3.1"\nnlu:\n' + "".join(blocks), encoding="utf-8")
    return path


def plain(text: str) -> str:
    """The sentence a visitor typed: entity annotations removed."""
    return ANNOTATION.sub(r"\1", text)


def sample(examples: List[Example], per_intent: Optional[int]) -> List[Example]:
    """The first `per_intent` examples of each intent (QUICK mode), or all."""
    if per_intent is None:
        return examples
    seen: Counter = Counter()
    kept = []
    for text, intent in examples:
        seen[intent] += 1
        if seen[intent] <= per_intent:
            kept.append((text, intent))
    return kept


def scores(gold: List[str], predicted: List[str]) -> dict:
    """Support-weighted precision, recall and F1, as scripts/nlu_score.py reads them from Rasa."""
    precision, recall, f1, _ = precision_recall_fscore_support(gold, predicted, average="weighted", zero_division=0)
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "accuracy": accuracy_score(gold, predicted),
        "support": len(gold),
    }


def train_rasa(name: str, config: Path, data: Path, work: Path) -> Tuple[Path, float]:
    seconds = run(
        "rasa train nlu",
        [RASA, "train", "nlu", "--config", config, "--nlu", data, "--out", work / "models", "--fixed-model-name", name],
        LOGS / f"train-nlu-{name}.log",
    )
    return work / "models" / f"{name}.tar.gz", seconds


def test_rasa(name: str, model: Path, data: Path, work: Path) -> dict:
    """Gold and predicted intents of every example, and the entity extractor's token-level micro scores."""
    out = work / "results" / name
    run(
        "rasa test nlu",
        [RASA, "test", "nlu", "--model", model, "--nlu", data, "--out", out, "--successes", "--no-plot"],
        LOGS / f"test-nlu-{name}.log",
    )
    predictions = [
        p
        for file in ("intent_successes.json", "intent_errors.json")
        if (out / file).exists()
        for p in json.loads((out / file).read_text(encoding="utf-8"))
    ]
    entity_reports = sorted(out.glob("*Extractor_report.json"))
    entities = json.loads(entity_reports[0].read_text())["micro avg"] if entity_reports else None
    return {
        "gold": [p["intent"] for p in predictions],
        "predicted": [p["intent_prediction"]["name"] or "None" for p in predictions],
        "entities": entities,
    }


def top_confusions(gold: List[str], predicted: List[str], count: int = 5) -> List[Tuple[str, str, int]]:
    pairs = Counter((g, p) for g, p in zip(gold, predicted) if g != p)
    return [(g, p, n) for (g, p), n in pairs.most_common(count)]


def evaluate(settings: Settings, work: Path) -> Tuple[dict, Path]:
    """The results for the report, and the no-spaCy model trained on all data/nlu/ (its parse cost is measured
    later)."""
    config = with_epochs(load_config(), settings.epochs)
    configs = {
        "spacy": write_yaml(work / "config-spacy.yml", config),
        "sans_spacy": write_yaml(work / "config-sans-spacy.yml", without_spacy(config)),
    }
    holdout, sans_spacy_model = holdout_scores(settings, work, configs["sans_spacy"])
    return {"holdout": holdout, "cv": cross_validation(settings, work, configs)}, sans_spacy_model


def holdout_scores(settings: Settings, work: Path, sans_spacy_config: Path) -> Tuple[dict, Path]:
    """The project's model (models/), and both baselines trained on all data/nlu/, on tests/nlu_holdout.yml."""
    training, holdout = read_examples(TRAINING), read_examples(HOLDOUT)
    with step(f"NLU : jeu réservé ({len(holdout)} phrases), trois classifieurs"):
        project = test_rasa("holdout-spacy", PROJECT_MODEL, HOLDOUT, work)
        sans_spacy_model, _ = train_rasa("sans-spacy-complet", sans_spacy_config, TRAINING, work)
        sans_spacy = test_rasa("holdout-sans-spacy", sans_spacy_model, HOLDOUT, work)
        tfidf = baseline.predict([(plain(t), i) for t, i in training], [plain(t) for t, _ in holdout])
        results = {
            "spacy": scores(project["gold"], project["predicted"]),
            "sans_spacy": scores(sans_spacy["gold"], sans_spacy["predicted"]),
            "tfidf": scores([intent for _, intent in holdout], tfidf),
            "entities": project["entities"],
            "examples": len(holdout),
            "training_examples": len(training),
            "confusions": top_confusions(project["gold"], project["predicted"]),
        }
        say("  F1 des intentions : " + ", ".join(f"{name} {results[name]['f1']:.3f}" for name in CLASSIFIERS))
        plots.confusion_matrix(
            project["gold"],
            project["predicted"],
            settings.out / "bench_confusion_holdout.png",
            f"Jeu réservé, modèle du projet ({len(holdout)} phrases)",
        )
    return results, sans_spacy_model


def cross_validation(settings: Settings, work: Path, configs: Dict[str, Path]) -> dict:
    """The same stratified folds of data/nlu/ for the three classifiers; per-fold F1 and pooled predictions."""
    training = sample(read_examples(TRAINING), settings.cv_per_intent)
    results: dict = {name: {"f1": [], "train_s": []} for name in CLASSIFIERS}
    results.update(examples=len(training), entities_f1=[])
    pooled: Dict[str, Tuple[List[str], List[str]]] = {name: ([], []) for name in CLASSIFIERS}
    intents = [intent for _, intent in training]
    splitter = StratifiedKFold(n_splits=settings.folds, shuffle=True, random_state=SEED)
    for fold, (train_index, test_index) in enumerate(splitter.split(intents, intents), start=1):
        with step(f"NLU : validation croisée, pli {fold}/{settings.folds}"):
            folder = work / f"fold-{fold}"
            folder.mkdir()
            train, test = [training[i] for i in train_index], [training[i] for i in test_index]
            train_file = write_examples(folder / "train.yml", train)
            test_file = write_examples(folder / "test.yml", test)
            for name in ("spacy", "sans_spacy"):
                model, seconds = train_rasa(f"pli{fold}-{name}", configs[name], train_file, folder)
                predicted = test_rasa(f"pli{fold}-{name}", model, test_file, folder)
                record(results[name], pooled[name], predicted["gold"], predicted["predicted"], seconds)
                if name == "spacy" and predicted["entities"]:
                    results["entities_f1"].append(predicted["entities"]["f1-score"])
            record(
                results["tfidf"],
                pooled["tfidf"],
                [intent for _, intent in test],
                baseline.predict([(plain(t), i) for t, i in train], [plain(t) for t, _ in test]),
                0.0,
            )
            say("  F1 : " + ", ".join(f"{name} {results[name]['f1'][-1]:.3f}" for name in CLASSIFIERS))
    for name, (gold, predicted) in pooled.items():
        results[name].update(
            pooled=scores(gold, predicted),
            mean=statistics.mean(results[name]["f1"]),
            stdev=statistics.pstdev(results[name]["f1"]),
        )
    plots.confusion_matrix(
        *pooled["spacy"],
        settings.out / "bench_confusion_cv.png",
        f"Validation croisée, {settings.folds} plis, config.yml ({len(training)} phrases)",
    )
    return results


def record(
    into: dict, pool: Tuple[List[str], List[str]], gold: List[str], predicted: List[str], seconds: float
) -> None:
    """One fold's F1 and training time, its predictions added to the pooled ones."""
    into["f1"].append(scores(gold, predicted)["f1"])
    into["train_s"].append(seconds)
    pool[0].extend(gold)
    pool[1].extend(predicted)
