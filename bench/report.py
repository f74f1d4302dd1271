"""docs/benchmarks.md from the bench's results: the figures, each target met or missed, and what limits it."""

import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import List

from bench.common import Settings
from bench.nlu import CLASSIFIERS
from bench.service import LONG_SLICE, LONG_TURNS, THROUGHPUT_ROUNDS, WARM_UP_TURNS
from components.tracker_store import RECENT_EVENTS

F1_TARGET, TRAINING_LIMIT_S, COLD_START_LIMIT_S, RSS_LIMIT_MB = 0.95, 240, 20, 1300
# Issue 13's targets, as ratios to the floor bot measured in the same run (latency, throughput), or of the long
# conversation's last slice of turns to its first.
P50_RATIO, P95_RATIO, ONE_SERVER_RATIO, TWO_SERVERS_RATIO, LONG_RATIO = 1.15, 1.3, 0.9, 1.4, 1.2


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
    return [
        *latency_targets(r["service"]),
        *throughput_targets(r["service"], r["machine"]["cores"]),
        long_conversation_target(r["service"]),
        quality_target(r["nlu"]["holdout"]),
        *resource_targets(r),
    ]


def latency_targets(service: dict) -> List[Target]:
    ours, floor = service["ours"], service["floor"]
    ratio = {q: ours["single"][f"{q}_ms"] / floor["single"][f"{q}_ms"] for q in ("p50", "p95")}

    def measured(q: str) -> str:
        return f"{ratio[q]:.2f} × ({ms(ours['single'][f'{q}_ms'])} contre {ms(floor['single'][f'{q}_ms'])})"

    def beyond_nlu(figures: dict, q: str) -> float:
        return figures["single"][f"{q}_ms"] - figures["parse"][f"{q}_ms"]

    return [
        Target(
            "Latence p50, 1 utilisateur",
            measured("p50"),
            f"≤ {P50_RATIO} × plancher",
            ratio["p50"] <= P50_RATIO,
            f"l'analyse NLU seule (`/model/parse`) prend {ms(ours['parse']['p50_ms'])} au p50 (plancher "
            f"{ms(floor['parse']['p50_ms'])}) ; le reste du tour, environ {ms(beyond_nlu(ours, 'p50'))} contre "
            f"{ms(beyond_nlu(floor, 'p50'))} au plancher, va à l'action (dans le processus de Rasa : le suivi de "
            "conversation converti pour rasa_sdk, la réponse composée par bot/, les slots qui changent), à une "
            "prédiction de plus (l'action, puis l'écoute) et aux événements de plus à enregistrer",
        ),
        Target(
            "Latence p95, 1 utilisateur",
            measured("p95"),
            f"≤ {P95_RATIO} × plancher",
            ratio["p95"] <= P95_RATIO,
            f"au p95, l'analyse NLU seule prend {ms(ours['parse']['p95_ms'])} (plancher "
            f"{ms(floor['parse']['p95_ms'])}) ; le reste de la queue vient des mêmes étapes qu'au p50",
        ),
    ]


def throughput_targets(service: dict, cores: int) -> List[Target]:
    both, single, floor = service["ours_both_cores"], service["ours"], service["floor"]
    floor_rate = floor["concurrent"]["msg_per_s"]
    one, two = single["concurrent"], both["concurrent"]
    rasa_cores = " + ".join(f"{used:.2f}" for name, used in both["cpu_cores"].items() if name.startswith("rasa"))
    return [
        Target(
            f"Débit, un serveur Rasa, {one['users']} conversations simultanées",
            f"{one['msg_per_s'] / floor_rate:.2f} × ({one['msg_per_s']:.1f} contre {floor_rate:.1f} msg/s), "
            f"{one['errors']} erreur(s)",
            f"≥ {ONE_SERVER_RATIO} × plancher, 0 erreur",
            one["msg_per_s"] / floor_rate >= ONE_SERVER_RATIO and one["errors"] == 0,
            f"un serveur Rasa n'occupe qu'un cœur (GIL ; ici {single['cpu_cores']['rasa']:.2f} cœur, plancher "
            f"{floor['cpu_cores']['rasa']:.2f}) : le débit suit le coût en processeur d'un message, "
            f"{cpu_ms_per_message(single, 'rasa'):.1f} ms contre {cpu_ms_per_message(floor, 'rasa'):.1f} au plancher "
            "(même magasin de conversations) ; la différence est l'action : suivi converti pour rasa_sdk, réponse "
            "composée par bot/, validation et enregistrement de ses événements",
        ),
        Target(
            f"Débit, deux serveurs Rasa (`make serve-scale`), {two['users']} conversations simultanées",
            f"{two['msg_per_s'] / floor_rate:.2f} × ({two['msg_per_s']:.1f} contre {floor_rate:.1f} msg/s), "
            f"{two['errors']} erreur(s)",
            f"≥ {TWO_SERVERS_RATIO} × plancher, 0 erreur",
            two["msg_per_s"] / floor_rate >= TWO_SERVERS_RATIO and two["errors"] == 0,
            f"les deux serveurs Rasa ont occupé {rasa_cores} cœur sur {cores}, le serveur d'actions "
            f"{both['cpu_cores']['actions']:.2f} ; PostgreSQL, Redis et le client de charge se partagent le reste : "
            f"la machine est pleine. Un message y coûte {cpu_ms_per_message(both, 'rasa'):.1f} ms de processeur de "
            f"Rasa (l'action par HTTP, la conversation dans PostgreSQL sous verrou Redis) ; {TWO_SERVERS_RATIO} × le "
            f"plancher ({TWO_SERVERS_RATIO * floor_rate:.0f} msg/s) demanderait à ce coût "
            f"{TWO_SERVERS_RATIO * floor_rate * cpu_ms_per_message(both, 'rasa') / 1000:.1f} cœurs pour Rasa seul",
        ),
    ]


def cpu_ms_per_message(figures: dict, prefix: str) -> float:
    """Processor time the processes named `prefix`… spent per message during the concurrent load."""
    cores = sum(used for name, used in figures["cpu_cores"].items() if name.startswith(prefix))
    return 1000 * cores / figures["concurrent"]["msg_per_s"]


def long_conversation_target(service: dict) -> Target:
    ours, floor = service["ours"]["long"], service["floor"]["long"]
    ratio = ours["slice_medians_ms"][-1] / ours["slice_medians_ms"][0]
    slices = " → ".join(ms(m) for m in ours["slice_medians_ms"])
    return Target(
        f"Conversation de {ours['turns']} tours : médiane des 50 derniers / des 50 premiers",
        f"{ratio:.2f} × ({slices} par tranche de 50 ; plancher "
        f"{' → '.join(ms(m) for m in floor['slice_medians_ms'])}), {ours['errors']} erreur(s)",
        f"≤ {LONG_RATIO} ×",
        ratio <= LONG_RATIO and ours["errors"] == 0,
        "le magasin de conversations (`components/tracker_store.py`) ne lit et n'écrit que les nouveaux événements "
        f"et ne garde en mémoire que les {RECENT_EVENTS} derniers, que les politiques et l'action reçoivent : "
        "ce qui reste varie avec la longueur des phrases et des réponses d'une tranche à l'autre",
    )


def quality_target(holdout: dict) -> Target:
    f1 = holdout["spacy"]["f1"]
    confusions = ", ".join(f"{gold} → {predicted} ({count})" for gold, predicted, count in holdout["confusions"])
    return Target(
        "F1 des intentions, jeu réservé",
        f"{f1:.3f} (sans spaCy {holdout['sans_spacy']['f1']:.3f}, TF-IDF {holdout['tfidf']['f1']:.3f})",
        f"≥ {F1_TARGET} et au-dessus des deux références",
        f1 >= F1_TARGET and f1 > holdout["sans_spacy"]["f1"] and f1 > holdout["tfidf"]["f1"],
        f"confusions les plus fréquentes : {confusions or 'aucune'}",
    )


def resource_targets(r: dict) -> List[Target]:
    training, cold, service = r["training"], r["cold_start"], r["service"]
    longest = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in list(training["components_s"].items())[:3])
    rss = service["ours"]["rss_mb"]
    return [
        Target(
            "Entraînement complet",
            f"{training['median_s']:.0f} s (médiane)",
            f"≤ {TRAINING_LIMIT_S} s",
            training["median_s"] <= TRAINING_LIMIT_S,
            f"le plus long : {longest}",
        ),
        Target(
            "Démarrage à froid",
            f"{cold['median_answer_s']:.1f} s (médiane)",
            f"≤ {COLD_START_LIMIT_S} s",
            cold["median_answer_s"] <= COLD_START_LIMIT_S,
            startup_phases(cold),
        ),
        Target(
            "Mémoire du serveur Rasa",
            f"{rss['rasa']:.0f} Mo, actions comprises",
            f"≤ {RSS_LIMIT_MB} Mo",
            rss["rasa"] <= RSS_LIMIT_MB,
            f"TensorFlow et les modèles ; spaCy fr_core_news_md compte pour environ {spacy_memory_mb(service):.0f} "
            "Mo (serveur du plancher moins serveur NLU sans spaCy)",
        ),
    ]


def startup_phases(cold: dict) -> str:
    return (
        f"imports Python (Rasa, TensorFlow) {cold['median_imports_s']:.0f} s, chargement du modèle "
        f"{cold['median_loading_s']:.0f} s (spaCy fr_core_news_md chargé {cold['median_spacy_loads']:.0f} fois, "
        f"graphe de DIET), première réponse {cold['median_first_answer_s']:.0f} s (médianes, journal de "
        "Rasa à la seconde)"
    )


def spacy_memory_mb(service: dict) -> float:
    return service["floor"]["rss_mb"]["rasa"] - service["sans_spacy"]["rss_mb"]["rasa"]


def render(r: dict, settings: Settings) -> str:
    m = r["machine"]
    lines = [
        "# Mesures : exactitude, latence, débit, mémoire, entraînement, démarrage",
        "",
        "Page écrite par `make bench` (`python -m bench`, code dans `bench/`) ; ne pas l'éditer à la main.",
        "",
    ]
    if settings.quick:
        lines += [
            "> **Mode QUICK** (3 époques, 2 plis sur un échantillon, quelques tours, 1 essai) : essai du code "
            "seulement, chiffres sans valeur.",
            "",
        ]
    busy = m["load_before"][0] > 0.5 * m["cores"]
    lines += [
        f"- Date : {m['date']}",
        f"- Machine : {m['cpu']}, {m['cores']} cœurs, {m['memory_gb']:.0f} Go de RAM, {m['system']}",
        f"- Logiciels : Python {m['python']}, Rasa {m['rasa']}, spaCy {m['spacy']}",
        f"- Charge moyenne (1 min) avant / après : {m['load_before'][0]:.2f} / {m['load_after'][0]:.2f}"
        + (" — machine occupée par ailleurs : latences et durées pessimistes" if busy else ""),
        f"- Durée de la mesure : {r['duration_s'] / 60:.0f} min",
        "",
        "## Cibles",
        "",
        "| cible | mesure | seuil | verdict | ce qui limite |",
        "| --- | --- | --- | --- | --- |",
        *(
            f"| {t.name} | {t.measured} | {t.threshold} | {'atteinte' if t.met else '**manquée**'} | {t.limit} |"
            for t in targets(r)
        ),
        "",
        *nlu_section(r["nlu"], r["service"], settings),
        *conversation_section(r["service"]),
        *latency_section(r["service"], settings),
        *memory_section(r["service"]),
        *startup_section(r),
        *profiling_section(),
        "## Commandes",
        "",
        "```",
        *r["commands"].values(),
        "```",
        "",
        "Lancées depuis la racine du dépôt (une de chaque sorte) ; `$TMP` est un dossier temporaire effacé "
        "à la fin, `$PORT` un port libre de 127.0.0.1. Rien n'est écrit dans `models/` ; cache d'entraînement "
        "désactivé (`RASA_MAX_CACHE_SIZE=0`). Journaux et résultats bruts : `reports/bench/`.",
        "",
    ]
    return "\n".join(lines)


def nlu_section(nlu: dict, service: dict, settings: Settings) -> List[str]:
    holdout, cv = nlu["holdout"], nlu["cv"]
    entities = holdout["entities"] or {}
    rows = []
    for name, label in CLASSIFIERS.items():
        h, c = holdout[name], cv[name]
        train = f"{statistics.mean(c['train_s']):.0f} s" if name != "tfidf" else "< 1 s"
        rows.append(
            f"| {label} | {h['f1']:.3f} | {h['precision']:.3f} | {h['recall']:.3f} | {h['accuracy']:.3f} | "
            f"{c['mean']:.3f} ± {c['stdev']:.3f} | {train} |"
        )
    cv_entities = (
        f" ; sur les plis de validation croisée, F1 moyen {statistics.mean(cv['entities_f1']):.3f}"
        if cv["entities_f1"]
        else ""
    )
    return [
        "## 1. Qualité de la NLU",
        "",
        f"Jeu réservé `tests/nlu_holdout.yml` ({holdout['examples']} phrases absentes de l'entraînement) ; "
        f"validation croisée stratifiée en {settings.folds} plis de `data/nlu/` ({cv['examples']} phrases), "
        "**les mêmes plis pour les trois classifieurs**. Le modèle du projet est `models/grappes.tar.gz` ; les "
        f"deux références sont entraînées sur les {holdout['training_examples']} phrases de `data/nlu/`. "
        "Scores pondérés par le nombre d'exemples de chaque intention. Comme `rasa test nlu`, on garde "
        "l'intention la plus probable même sous le seuil de repli (`nlu_fallback`) ; "
        "`components/patches/fallback_copy.py` épargne à `rasa test nlu` sa copie profonde du résultat à chaque "
        "repli (des secondes par phrase avec spaCy), mêmes scores.",
        "",
        "| classifieur | F1 jeu réservé | précision | rappel | exactitude | F1 validation croisée (moyenne ± "
        "écart-type des plis) | entraînement par pli |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        *rows,
        "",
        "Entité `grappe` (GrappeEntityExtractor, sans apprentissage ; micro-moyenne par jeton, comme `rasa test "
        f"nlu`) : sur le jeu réservé, précision {entities.get('precision', float('nan')):.3f}, rappel "
        f"{entities.get('recall', float('nan')):.3f}, F1 {entities.get('f1-score', float('nan')):.3f}"
        f"{cv_entities}. L'extracteur n'apprend rien : les plis le mesurent seulement sur d'autres phrases.",
        "",
        "**Ce que spaCy `fr_core_news_md` apporte.** " + spacy_verdict(nlu, service),
        "",
        "Matrices de confusion (lignes : intention attendue, normalisées ; en rouge, le nombre d'erreurs) :",
        "",
        "![Confusions, jeu réservé](bench_confusion_holdout.png)",
        "",
        "![Confusions, validation croisée](bench_confusion_cv.png)",
        "",
    ]


def spacy_verdict(nlu: dict, service: dict) -> str:
    holdout_gain = nlu["holdout"]["spacy"]["f1"] - nlu["holdout"]["sans_spacy"]["f1"]
    cv_gain = nlu["cv"]["spacy"]["mean"] - nlu["cv"]["sans_spacy"]["mean"]
    training_cost = statistics.mean(nlu["cv"]["spacy"]["train_s"]) - statistics.mean(nlu["cv"]["sans_spacy"]["train_s"])
    if holdout_gain > 0 and cv_gain > 0:
        verdict = "spaCy paie donc son coût en exactitude."
    elif holdout_gain <= 0 and cv_gain <= 0:
        verdict = "spaCy n'apporte donc pas d'exactitude mesurable sur ces données : son coût n'est pas justifié."
    else:
        verdict = "Les deux mesures ne vont pas dans le même sens : l'écart est dans le bruit."
    return (
        f"F1 {holdout_gain:+.3f} sur le jeu réservé et {cv_gain:+.3f} en validation croisée ; en contrepartie, "
        f"l'analyse d'un message passe de {ms(service['sans_spacy']['parse']['p50_ms'])} à "
        f"{ms(service['floor']['parse']['p50_ms'])} (p50, `/model/parse`), le serveur prend environ "
        f"{spacy_memory_mb(service):.0f} Mo de plus et chaque entraînement de pli {training_cost:+.0f} s. " + verdict
    )


def conversation_section(service: dict) -> List[str]:
    rows = []
    for label, s in service["conversations"].items():
        failed = ", ".join(s["failed"][:12]) + (" …" if len(s["failed"]) > 12 else "") or "aucun"
        rows.append(
            f"| `{label}` | {s['turns_ok']}/{s['turns']} ({100 * s['turns_ok'] / s['turns']:.1f} %) | "
            f"{s['conversations_ok']}/{s['conversations']} | {failed} |"
        )
    return [
        "## 2. Conversations jouées sur REST",
        "",
        "`../shared/eval/run_eval.py`, lancé comme processus séparé, contre la pile de `make serve` (Rasa, qui "
        "exécute lui-même les actions).",
        "",
        "| fichier | tours réussis | conversations entièrement réussies | tours échoués |",
        "| --- | --- | --- | --- |",
        *rows,
        "",
    ]


def latency_section(service: dict, settings: Settings) -> List[str]:
    ours, floor = service["ours"], service["floor"]
    rows = []
    for label, figures in (("assistant", ours), ("plancher (bot trivial)", floor)):
        s, c = figures["single"], figures["concurrent"]
        rows.append(
            f"| {label} | {ms(s['p50_ms'])} | {ms(s['p95_ms'])} | {ms(s['p99_ms'])} | {c['msg_per_s']:.1f} | "
            f"{ms(c['p50_ms'])} | {ms(c['p95_ms'])} | {s['errors'] + c['errors']} | "
            f"{figures['cpu_cores']['rasa']:.2f} |"
        )
    both = service["ours_both_cores"]
    c = both["concurrent"]
    rasa_cores = sum(used for name, used in both["cpu_cores"].items() if name.startswith("rasa"))
    rows.insert(
        1,
        f"| assistant, deux serveurs Rasa | — | — | — | {c['msg_per_s']:.1f} | {ms(c['p50_ms'])} | "
        f"{ms(c['p95_ms'])} | {c['errors']} | {rasa_cores:.2f} |",
    )
    return [
        "## 3. Latence et débit sur REST",
        "",
        "Client aiohttp en boucle fermée sur 127.0.0.1 (chaque utilisateur attend la réponse avant son tour "
        "suivant), phrases des deux fichiers de conversations, un identifiant d'expéditeur par conversation. "
        f"1 utilisateur : {settings.single_user_turns} tours ; {settings.concurrent_users} utilisateurs "
        f"simultanés : {settings.turns_per_user} tours chacun par fenêtre, {THROUGHPUT_ROUNDS} fenêtres par bot, "
        "les trois déploiements mesurés démarrés ensemble et leurs fenêtres prises à tour de rôle (ordre inversé "
        "une fois sur deux), pour que la dérive de la machine au fil des minutes pèse sur tous et non sur leurs "
        "rapports ; débit = "
        f"messages / durée cumulée des fenêtres ; {WARM_UP_TURNS} tours de chauffe non comptés. "
        "Erreur : échec de la requête, statut autre que 200 ou réponse vide. Percentiles (p50, p95, p99) : "
        "interpolation linéaire entre les deux rangs les plus proches (`devstack/stats.py`, la même définition "
        "que `docs/reliability.md`). Plancher : même pipeline NLU "
        "(config.yml), une seule règle qui répond un texte fixe à toute intention, RulePolicy seule, aucune "
        "action personnalisée, même canal REST (`credentials.yml`) et même magasin SQLite. L'API de Rasa "
        "(`--enable-api`, pour `/model/parse`) n'est ouverte que sur ces serveurs de mesure. Le client tourne "
        "sur la même machine et prend un peu de processeur. Deux serveurs Rasa : le déploiement de `make "
        "serve-scale` (endpoints.scale.yml : PostgreSQL et Redis privés, un serveur d'actions), les "
        "utilisateurs répartis un sur deux entre les serveurs.",
        "",
        f"| bot | p50 (1 util.) | p95 | p99 | msg/s ({settings.concurrent_users} simult.) | p50 | p95 | erreurs | "
        "cœurs occupés par Rasa |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        *rows,
        "",
        f"Analyse NLU seule (`/model/parse`, 1 utilisateur, p50) : assistant {ms(ours['parse']['p50_ms'])}, "
        f"plancher {ms(floor['parse']['p50_ms'])}, NLU sans spaCy {ms(service['sans_spacy']['parse']['p50_ms'])}.",
        "",
        "![Histogramme des latences](bench_latency.png)",
        "",
        f"**Une longue conversation** : {LONG_TURNS} tours d'un même visiteur (les phrases des deux fichiers à la "
        f"suite, un seul identifiant), médiane de chaque tranche de {LONG_SLICE} tours, après le test à un "
        "utilisateur, sur le même serveur :",
        "",
        "| bot | " + " | ".join(f"tours {i + 1}–{i + LONG_SLICE}" for i in range(0, LONG_TURNS, LONG_SLICE)) + " |",
        "| --- " * (LONG_TURNS // LONG_SLICE + 1) + "|",
        *(
            f"| {label} | " + " | ".join(ms(m) for m in figures["long"]["slice_medians_ms"]) + " |"
            for label, figures in (("assistant", ours), ("plancher", floor))
        ),
        "",
    ]


def memory_section(service: dict) -> List[str]:
    ours, both = service["ours"]["rss_mb"], service["ours_both_cores"]["rss_mb"]
    return [
        "## 4. Mémoire (pic de RSS, `VmHWM` de /proc, relevé après la charge)",
        "",
        "| processus | pic de RSS |",
        "| --- | --- |",
        f"| serveur Rasa de l'assistant (actions comprises) | {ours['rasa']:.0f} Mo |",
        f"| serveur d'actions de `make serve-scale` | {both['actions']:.0f} Mo |",
        *(
            f"| serveur Rasa {number} sur 2 de l'assistant, après la charge à deux serveurs | {rss:.0f} Mo |"
            for number, rss in enumerate((v for k, v in both.items() if k.startswith("rasa")), start=1)
        ),
        f"| serveur Rasa du plancher (même NLU, RulePolicy seule) | {service['floor']['rss_mb']['rasa']:.0f} Mo |",
        f"| serveur Rasa, NLU sans spaCy seule | {service['sans_spacy']['rss_mb']['rasa']:.0f} Mo |",
        "",
    ]


def startup_section(r: dict) -> List[str]:
    training, cold = r["training"], r["cold_start"]
    components = ", ".join(
        f"{name} {seconds:.0f} s" for name, seconds in training["components_s"].items() if seconds >= 0.5
    )
    trainings = ", ".join(f"{seconds:.0f} s" for seconds in training["runs_s"])
    starts = ", ".join(f"{attempt['answer_s']:.1f} s" for attempt in cold["runs"])
    return [
        "## 5. Entraînement et démarrage",
        "",
        "- Entraînement complet depuis zéro (`rasa train --force`, dossier temporaire, sans cache) : "
        f"{trainings} ; médiane **{training['median_s']:.0f} s**. Essai médian, par étape (journal de Rasa, "
        f"à la seconde) : {components}.",
        "- Démarrage à froid (lancement de `rasa run` comme `make serve`, actions comprises → première réponse sur "
        f"REST ; fichiers dans le cache du système, port sondé chaque seconde) : {starts} ; médiane "
        f"**{cold['median_answer_s']:.1f} s** : {startup_phases(cold)}.",
        "",
    ]


def profiling_section() -> List[str]:
    """What profiling found and what changed: one-off before/after runs (the bench measures only the current code)."""
    return [
        "## 6. Profilage : ce qui limitait et ce qui a changé",
        "",
        "Mesures ponctuelles des 26 novembre, 5 et 6 décembre 2026 sur cette machine, avant et après chaque "
        "changement (1 utilisateur, 150 tours sur REST ; 20 utilisateurs × 10 tours ; d'une mesure à l'autre, le "
        "p50 varie de quelques ms ; `make profile` refait le profil py-spy du serveur Rasa et écrit "
        "`reports/bench/profile.md`) :",
        "",
        "| constat | changement | effet mesuré |",
        "| --- | --- | --- |",
        "| py-spy : 78 % des échantillons du serveur Rasa dans `RemoteAction._validate_action_result` → "
        "`jsonschema.validate`, qui revérifie à chaque réponse du serveur d'actions le schéma lui-même (tous les "
        "événements de Rasa) contre le méta-schéma | `components/action_response.py` : même validation, schéma "
        "vérifié une fois | avec le modèle actuel, tour p50 69 → 44 ms, débit 19,4 → 29,1 msg/s |",
        "| `TEDPolicy` : environ 20 ms par tour (deux prédictions), 13 s d'entraînement ; les règles couvrent "
        "chaque intention | politiques : mémorisation + règles ; les 46 conversations de `rasa test` passent "
        "toujours | avec le modèle d'alors, tour p50 61 → 35 ms, débit 19,1 → 32,5 msg/s |",
        "| spaCy chargé deux fois au démarrage (Rasa 3.6 instancie `SpacyNLP` pour ses deux nœuds du graphe), "
        "avec sa reconnaissance d'entités que rien ne lit | `components/spacy_nlp.py` (`SharedSpacyNLP`) : une "
        "copie, sans `ner` | RSS du serveur 1 806 → 1 250 Mo ; spaCy 4,1 → 2,1 ms par message |",
        "| DIET à 2 couches de transformeur (256) : environ 5 s par époque, 5 min d'entraînement | DIET sans "
        "transformeur (couches 256, 128), 80 époques : F1 du jeu réservé 0,878 contre 0,883 avec 1 couche de 128 "
        "(une phrase d'écart) | environ 1,5 s par époque |",
        "| F1 du jeu réservé 0,868, au niveau de TF-IDF : les erreurs sont des tournures absentes des données | "
        "737 exemples d'entraînement de plus (2 679), écrits sans regarder le jeu réservé, ciblés sur les paires "
        "confondues | F1 0,868 → 0,909 (`make test`) |",
        "| Page du 26 novembre : tour p50 à 1,56 × le plancher (36 contre 23 ms), un serveur à 0,75 × son débit ; "
        "le reste du tour allait à l'aller-retour HTTP vers le serveur d'actions (suivi de conversation entier en "
        "JSON à l'aller, événements au retour) et au magasin SQL | actions exécutées dans Rasa "
        "(`components/patches/actions_in_process.py`, comme l'`actions_module` de Rasa Pro 3.10 ; "
        "`make serve-scale` garde son serveur d'actions) | voir les cibles de latence et de débit plus haut, "
        "mesurées dans la même exécution que le plancher |",
        "| Une conversation de 200 tours ralentissait : 74, 113, 116 puis 197 ms par tranche de 50 (26 novembre) ; "
        "le 5 décembre, actions dans Rasa mais magasin de Rasa, 20, 30, 44 puis 56 ms, et py-spy y trouvait le "
        "tiers du temps dans les états que les politiques recalculent sur tout l'historique "
        "(`past_states`, 33 %), plus la relecture de la session et le comptage avant chaque écriture | "
        "`components/tracker_store.py` : conversations gardées entre deux tours, seuls les nouveaux événements "
        "lus et écrits, les derniers tenus en mémoire (les politiques n'en regardent que quelques-uns ; "
        "un test compare leurs états) | même mesure ponctuelle : 17, 17, 17 puis 17 ms ; la tranche finale "
        "comparée à la première est une cible de cette page |",
        "| py-spy, actions dans Rasa : un dixième du tour à valider la réponse de l'action (le `oneOf` des 23 sortes "
        "d'événements de Rasa, pour chaque événement), un autre à l'écrire (une insertion par événement), et "
        "`MemoizationPolicy` 9 % alors qu'une règle décide toujours | chaque événement validé contre la seule "
        "branche de son nom (sinon la validation entière : même verdict, même erreur) ; une insertion par tour ; "
        "`MemoizationPolicy` retirée (`rasa test` : 230/230 actions) | tour d'un utilisateur seul, médiane : "
        "environ 17 → 15,4 ms sur la machine partagée |",
        "| 6 décembre, l'assistant et le plancher chargés dans un même processus, par lots de 50 messages "
        "alternés (écart de processeur par message sans le bruit de la machine) : 3 à 5 ms de plus que le "
        "plancher, dont 1,44 ms sur le fil de l'action (la réponse de bot/ 0,90 ms, la lecture de l'état de "
        "knowledge/ 0,21 ms : seize fois plus qu'isolées, les caches du processeur sortant de TensorFlow et de "
        "spaCy), et quatre slots enregistrés à chaque tour même inchangés | action_answer n'écrit que les slots qui "
        "changent (le repli les réécrit après avoir retiré le message) ; l'état de knowledge/ en un `os.scandir` ; "
        "le résolveur ne regarde que les expressions dont le premier mot est proche du mot tapé ; une recherche "
        "dit si un message contient un indice d'attribut ou un mot de mesure | fil de l'action 1,44 → 0,92 ms "
        "par tour ; écart au plancher environ 3 → 1 à 2 ms (même processus) ; mêmes réponses |",
        "| 6 décembre, plus tard, l'assistant et le plancher démarrés ensemble, fenêtres de 20 utilisateurs "
        "alternées : sous charge, un message de l'assistant coûtait 1,7 ms de processeur de plus que le plancher "
        "(1,0 ms un par un) ; avec l'action sur la boucle de Rasa plutôt que sur son fil, 0,89 → 0,96 × le débit "
        "du plancher : le passage d'un fil à l'autre et le verrou de Python pris à tour de rôle coûtaient plus que "
        "la réponse elle-même. Et un ramasse-miettes complet parcourait le million d'objets du modèle (0,3 s) "
        "toutes les quelques centaines de messages | les actions de actions/ sont des coroutines, attendues sur "
        "la boucle (une action ordinaire garde son fil : elle peut bloquer), les connaissances modifiées "
        "rechargées sur un fil ; les objets du modèle gelés (`gc.freeze`) une fois chargé ; chaque événement "
        "distinct validé une fois | débit d'un serveur, fenêtres alternées : environ 0,90 → 0,96 × le plancher |",
        "",
    ]


def write(r: dict, settings: Settings) -> Path:
    path = settings.out / "benchmarks.md"
    path.write_text(render(r, settings), encoding="utf-8")
    return path
