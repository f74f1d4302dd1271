"""docs/benchmarks.md from the bench's results: the figures, each target met or missed, and what limits it."""
from dataclasses import dataclass
from pathlib import Path
from typing import List

from bench.nlu import CLASSIFIERS
from bench.service import WARM_UP_TURNS

TRAINING_LIMIT_S, COLD_START_LIMIT_S, RSS_LIMIT_MB, F1_TARGET = 240, 45, 2048, 0.95


@dataclass
class Target:
    name: str
    measured: str
    threshold: str
    met: bool
    limit: str


def ms(value: float) -> str:
    return f"{value:.0f} ms"


def targets(r: dict) -> List[Target]:
    ours, floor, nlu = r["service"]["ours"], r["service"]["floor"], r["nlu"]
    single_ratio = {q: ours["single"][f"{q}_ms"] / floor["single"][f"{q}_ms"] for q in ("p50", "p95")}
    throughput_ratio = ours["concurrent"]["msg_per_s"] / floor["concurrent"]["msg_per_s"]
    beyond_nlu = ours["single"]["p50_ms"] - ours["parse"]["p50_ms"]
    floor_beyond_nlu = floor["single"]["p50_ms"] - floor["parse"]["p50_ms"]
    latency_limit = (f"l'analyse NLU seule (`/model/parse`) prend {ms(ours['parse']['p50_ms'])} au p50, comme chez le "
                     f"plancher ({ms(floor['parse']['p50_ms'])}) ; le reste du tour, {ms(beyond_nlu)} contre "
                     f"{ms(floor_beyond_nlu)} au plancher, va aux politiques (mémorisation, règles, TED), à l'aller-retour "
                     "vers le serveur d'actions et au magasin SQLite")
    holdout = nlu["holdout"]
    f1 = holdout["spacy"]["f1"]
    confusions = ", ".join(f"{gold} → {predicted} ({count})" for gold, predicted, count in holdout["confusions"])
    cpu = ours["cpu_cores"]
    components = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in list(r["training"]["components_s"].items())[:3])
    cold = r["cold_start"]
    rss = ours["rss_mb"]
    spacy_mb = floor["rss_mb"]["rasa"] - r["service"]["sans_spacy"]["rss_mb"]["rasa"]
    return [
        Target("1 utilisateur : p50 ≤ 1,3 × plancher", f"{single_ratio['p50']:.2f} × ({ms(ours['single']['p50_ms'])} "
               f"contre {ms(floor['single']['p50_ms'])})", "≤ 1,30", single_ratio["p50"] <= 1.3, latency_limit),
        Target("1 utilisateur : p95 ≤ 1,5 × plancher", f"{single_ratio['p95']:.2f} × ({ms(ours['single']['p95_ms'])} "
               f"contre {ms(floor['single']['p95_ms'])})", "≤ 1,50", single_ratio["p95"] <= 1.5,
               f"au p95, l'analyse NLU seule prend {ms(ours['parse']['p95_ms'])} (plancher "
               f"{ms(floor['parse']['p95_ms'])}) ; le reste de la queue vient des mêmes étapes qu'au p50"),
        Target(f"{ours['concurrent']['users']} simultanés : débit ≥ 1,3 × plancher, 0 erreur",
               f"{throughput_ratio:.2f} × ({ours['concurrent']['msg_per_s']:.1f} contre "
               f"{floor['concurrent']['msg_per_s']:.1f} msg/s), {ours['concurrent']['errors']} erreur(s)",
               "≥ 1,30 et 0", throughput_ratio >= 1.3 and ours["concurrent"]["errors"] == 0,
               f"un seul processus Rasa, qui a occupé {cpu['rasa']:.2f} cœur pendant la charge (serveur d'actions "
               f"{cpu.get('actions', 0):.2f}, plancher {floor['cpu_cores']['rasa']:.2f}) sur {r['machine']['cores']} : "
               "son calcul Python (NLU, politiques) ne s'étend pas sur deux cœurs (GIL) ; dépasser le plancher demande "
               "un second processus Rasa (make serve-scale) ou un coût par message inférieur à celui du plancher "
               "(composants spaCy inutiles)"),
        Target("F1 des intentions (jeu réservé) ≥ 0,95 et au-dessus des deux références",
               f"{f1:.3f} (sans spaCy {holdout['sans_spacy']['f1']:.3f}, TF-IDF {holdout['tfidf']['f1']:.3f})",
               "≥ 0,950", f1 >= F1_TARGET and f1 > holdout["sans_spacy"]["f1"] and f1 > holdout["tfidf"]["f1"],
               f"confusions les plus fréquentes : {confusions or 'aucune'}"),
        Target("Entraînement complet ≤ 4 min", f"{r['training']['median_s']:.0f} s (médiane)", f"≤ {TRAINING_LIMIT_S} s",
               r["training"]["median_s"] <= TRAINING_LIMIT_S, f"composants les plus longs : {components}"),
        Target("Démarrage à froid ≤ 45 s", f"{cold['median_s']:.1f} s (médiane)", f"≤ {COLD_START_LIMIT_S} s",
               cold["median_s"] <= COLD_START_LIMIT_S,
               f"le port HTTP n'ouvre qu'une fois le modèle chargé ({cold['median_listening_s']:.1f} s : imports de "
               "TensorFlow et Rasa, spaCy fr_core_news_md, graphes DIET et TED) ; la première réponse suit"),
        Target("Mémoire du serveur Rasa ≤ 2 Go", f"{rss['rasa']:.0f} Mo (actions {rss.get('actions', 0):.0f} Mo)",
               f"≤ {RSS_LIMIT_MB} Mo", rss["rasa"] <= RSS_LIMIT_MB,
               f"TensorFlow et les modèles ; spaCy fr_core_news_md compte pour environ {spacy_mb:.0f} Mo (plancher "
               "moins NLU sans spaCy)"),
    ]


def render(r: dict, settings, plots: List[str]) -> str:
    m, nlu, service = r["machine"], r["nlu"], r["service"]
    lines = ["# Mesures : exactitude, latence, débit, mémoire, entraînement, démarrage", "",
             "Page écrite par `make bench` (`python -m bench`, code dans `bench/`) ; ne pas l'éditer à la main.", ""]
    if settings.quick:
        lines += ["> **Mode QUICK** (époques, plis, tours et répétitions réduits) : essai du code seulement, "
                  "chiffres sans valeur.", ""]
    busy = m["load_before"][0] > 0.5 * m["cores"]
    lines += [f"- Date : {m['date']}",
              f"- Machine : {m['cpu']}, {m['cores']} cœurs, {m['memory_gb']:.0f} Go de RAM, {m['system']}",
              f"- Logiciels : Python {m['python']}, Rasa {m['rasa']}, spaCy {m['spacy']}",
              f"- Charge moyenne (1 min) avant / après : {m['load_before'][0]:.2f} / {m['load_after'][0]:.2f}"
              + (" — machine occupée par ailleurs : latences et durées pessimistes" if busy else ""),
              f"- Durée totale : {r['duration_s'] / 60:.0f} min", "",
              "## Cibles", "", "| cible | mesure | seuil | verdict | ce qui limite |", "| --- | --- | --- | --- | --- |"]
    lines += [f"| {t.name} | {t.measured} | {t.threshold} | {'atteinte' if t.met else '**manquée**'} | {t.limit} |"
              for t in targets(r)]
    lines += ["", *nlu_section(nlu, service, settings), *conversation_section(service),
              *latency_section(service, settings), *memory_section(service), *startup_section(r),
              "## Commandes", "", "```", *r["commands"].values(), "```", "",
              "Chaque commande ci-dessus est lancée depuis la racine du dépôt ; `$TMP` est un dossier temporaire effacé "
              "à la fin (rien n'est écrit dans `models/`, cache d'entraînement désactivé : `RASA_MAX_CACHE_SIZE=0`). "
              f"Journaux et résultats bruts : `reports/bench/`. Graphiques : {', '.join(f'`{p}`' for p in plots)}.", ""]
    return "\n".join(lines)


def nlu_section(nlu: dict, service: dict, settings) -> List[str]:
    holdout, cv = nlu["holdout"], nlu["cv"]
    entities = holdout["entities"] or {}
    lines = ["## 1. Qualité de la NLU", "",
             f"Jeu réservé `tests/nlu_holdout.yml` ({holdout['examples']} phrases, jamais vues à l'entraînement) ; "
             f"validation croisée stratifiée en {settings.folds} plis de `data/nlu.yml` ({cv['examples']} "
             "phrases), **les mêmes plis pour les trois classifieurs**. Scores pondérés par le nombre d'exemples de "
             "chaque intention. Comme `rasa test nlu`, on garde l'intention la plus probable même sous le seuil de repli "
             "(`nlu_fallback`) ; `bench/rasa_test_nlu.py` est `rasa test nlu` sans sa copie profonde du résultat à "
             "chaque repli (des secondes par phrase avec spaCy), mêmes scores. Le modèle du projet est `models/grappes.tar.gz` ; les deux références sont entraînées sur "
             "tout `data/nlu.yml`.", "",
             f"| classifieur | F1 jeu réservé | précision | rappel | exactitude | F1 validation croisée "
             f"(moyenne ± écart-type) | entraînement par pli |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for name, label in CLASSIFIERS.items():
        h, c = holdout[name], cv[name]
        train = f"{sum(c['train_s']) / len(c['train_s']):.0f} s" if name != "tfidf" else "< 1 s"
        lines.append(f"| {label} | {h['f1']:.3f} | {h['precision']:.3f} | {h['recall']:.3f} | {h['accuracy']:.3f} | "
                     f"{c['mean']:.3f} ± {c['stdev']:.3f} | {train} |")
    cv_entities = cv["entities_f1"]
    lines += ["", f"Entité `grappe` (GrappeEntityExtractor, sans apprentissage ; micro-moyenne par jeton, comme "
              f"`rasa test nlu`) : jeu réservé précision {entities.get('precision', float('nan')):.3f}, rappel "
              f"{entities.get('recall', float('nan')):.3f}, F1 {entities.get('f1-score', float('nan')):.3f}"
              + (f" ; plis de validation croisée F1 moyen {sum(cv_entities) / len(cv_entities):.3f}" if cv_entities else "")
              + ". L'extracteur n'apprenant rien, la validation croisée ne le concerne pas : les plis le mesurent "
              "seulement sur d'autres phrases.", "",
              "**Ce que spaCy `fr_core_news_md` apporte.** " + spacy_verdict(nlu, service), "",
              "Matrices de confusion (lignes : intention attendue, normalisées ; en rouge, le nombre d'erreurs) :", "",
              "![Confusions, jeu réservé](bench_confusion_holdout.png)", "",
              "![Confusions, validation croisée](bench_confusion_cv.png)", ""]
    return lines


def spacy_verdict(nlu: dict, service: dict) -> str:
    holdout_gain = nlu["holdout"]["spacy"]["f1"] - nlu["holdout"]["sans_spacy"]["f1"]
    cv_gain = nlu["cv"]["spacy"]["mean"] - nlu["cv"]["sans_spacy"]["mean"]
    parse_with, parse_without = service["floor"]["parse"]["p50_ms"], service["sans_spacy"]["parse"]["p50_ms"]
    memory = service["floor"]["rss_mb"]["rasa"] - service["sans_spacy"]["rss_mb"]["rasa"]
    train = (sum(nlu["cv"]["spacy"]["train_s"]) - sum(nlu["cv"]["sans_spacy"]["train_s"])) / len(nlu["cv"]["spacy"]["train_s"])
    return (f"F1 {holdout_gain:+.3f} sur le jeu réservé et {cv_gain:+.3f} en validation croisée ; en contrepartie, "
            f"l'analyse d'un message passe de {ms(parse_without)} à {ms(parse_with)} (p50, `/model/parse`), le serveur "
            f"prend environ {memory:.0f} Mo de plus et chaque entraînement de pli {train:+.0f} s. "
            + ("spaCy paie donc son coût en exactitude." if holdout_gain > 0 and cv_gain > 0 else
               "spaCy n'apporte donc pas d'exactitude mesurable sur ces données : son coût n'est pas justifié."
               if holdout_gain <= 0 and cv_gain <= 0 else
               "Le gain n'est pas de même signe sur les deux mesures : il est dans le bruit."))


def conversation_section(service: dict) -> List[str]:
    lines = ["## 2. Conversations jouées sur REST", "",
             "`../shared/eval/run_eval.py` (processus séparé) contre la pile complète (Rasa + serveur d'actions).", "",
             "| fichier | tours réussis | conversations entièrement réussies | tours échoués |", "| --- | --- | --- | --- |"]
    for label, s in service["conversations"].items():
        failed = ", ".join(s["failed"][:12]) + (" …" if len(s["failed"]) > 12 else "") or "aucun"
        lines.append(f"| `{label}` | {s['turns_ok']}/{s['turns']} ({100 * s['turns_ok'] / s['turns']:.1f} %) | "
                     f"{s['conversations_ok']}/{s['conversations']} | {failed} |")
    return lines + [""]


def latency_section(service: dict, settings) -> List[str]:
    ours, floor = service["ours"], service["floor"]
    rows = []
    for label, figures in (("assistant", ours), ("plancher (bot trivial)", floor)):
        s, c = figures["single"], figures["concurrent"]
        rows.append(f"| {label} | {ms(s['p50_ms'])} | {ms(s['p95_ms'])} | {ms(s['p99_ms'])} | {c['msg_per_s']:.1f} | "
                    f"{ms(c['p50_ms'])} | {ms(c['p95_ms'])} | {s['errors'] + c['errors']} | "
                    f"{figures['cpu_cores']['rasa']:.2f} |")
    return ["## 3. Latence et débit sur REST", "",
            f"Client aiohttp en boucle fermée sur 127.0.0.1 (chaque utilisateur attend la réponse avant le tour suivant), "
            f"phrases des deux fichiers de conversations, un identifiant par conversation. 1 utilisateur : "
            f"{settings.single_user_turns} tours ; {settings.concurrent_users} utilisateurs simultanés : "
            f"{settings.turns_per_user} tours chacun ; {WARM_UP_TURNS} tours de chauffe non comptés. Plancher : même pipeline NLU "
            "(config.yml), une seule règle qui répond un texte fixe à toute intention, RulePolicy seule, aucune action "
            "personnalisée, même canal REST et même magasin SQLite. Le client tourne sur la même machine et prend "
            "un peu de processeur.", "",
            f"| bot | p50 (1 util.) | p95 | p99 | msg/s ({settings.concurrent_users} simult.) | p50 | p95 | erreurs | "
            "cœurs Rasa en charge |", "| --- | --- | --- | --- | --- | --- | --- | --- | --- |", *rows, "",
            f"Analyse NLU seule (`/model/parse`, 1 utilisateur, p50) : assistant {ms(ours['parse']['p50_ms'])}, plancher "
            f"{ms(floor['parse']['p50_ms'])}, NLU sans spaCy {ms(service['sans_spacy']['parse']['p50_ms'])}. "
            f"Serveur d'actions pendant la charge : {ours['cpu_cores'].get('actions', 0):.2f} cœur.", "",
            "![Histogramme des latences](bench_latency.png)", ""]


def memory_section(service: dict) -> List[str]:
    ours = service["ours"]["rss_mb"]
    return ["## 4. Mémoire (pic de RSS, `VmHWM` de /proc, après la charge)", "",
            "| processus | pic de RSS |", "| --- | --- |",
            f"| serveur Rasa de l'assistant | {ours['rasa']:.0f} Mo |",
            f"| serveur d'actions | {ours.get('actions', 0):.0f} Mo |",
            f"| serveur Rasa du plancher (même NLU, sans TED) | {service['floor']['rss_mb']['rasa']:.0f} Mo |",
            f"| serveur Rasa, NLU sans spaCy seule | {service['sans_spacy']['rss_mb']['rasa']:.0f} Mo |", ""]


def startup_section(r: dict) -> List[str]:
    training, cold = r["training"], r["cold_start"]
    components = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in training["components_s"].items())
    trainings = ", ".join(f"{seconds:.0f} s" for seconds in training["runs_s"])
    starts = ", ".join(f"{run['answer_s']:.1f} s" for run in cold["runs"])
    return ["## 5. Entraînement et démarrage", "",
            f"- Entraînement complet depuis zéro (`rasa train --force`, dossier temporaire, sans cache) : "
            f"{trainings} ; médiane **{training['median_s']:.0f} s**. "
            f"Par composant (essai médian, résolution 1 s) : {components or 'non trouvé dans le journal'}.",
            f"- Démarrage à froid (lancement de `rasa run` → première réponse REST, serveur d'actions déjà prêt, "
            f"fichiers en cache du système, sondage chaque seconde) : "
            f"{starts} ; médiane **{cold['median_s']:.1f} s** "
            f"(port HTTP ouvert après {cold['median_listening_s']:.1f} s).", ""]


def write(r: dict, settings, plots: List[str]) -> Path:
    path = settings.out / "benchmarks.md"
    path.write_text(render(r, settings, plots), encoding="utf-8")
    return path
