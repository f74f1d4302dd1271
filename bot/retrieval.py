"""Find the fact that answers a question no fixed aspect covers, or admit there is none.

BM25 over the facts and figures of knowledge/ (their text, source extract and keywords), on folded,
singular words cut to their first letters (a light stem: "tournages" and "tournage" meet, so do
"fondée" and "fondation"). The score is divided by the best score the question could reach (every
word of it found), so one threshold works for short and long questions; it is calibrated on questions
kept out of tuning (tests/e2e/heldout_*.yml), see docs/understanding.md.
"""

import math
import os
from collections import Counter
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple, Union

from bot.english import ENGLISH_WORDS
from bot.french import of
from bot.knowledge import Fact, Figure, Knowledge
from bot.text import tokens

STEM = 5
# Question words and fillers that say nothing of which fact is wanted.
_FILLERS = (
    frozenset(
        "quel quelle quels quelles qui que quoi combien comment est sont etait ete etre avoir avait ont fait font "
        "c'est cest ce cet cette ces son sa ses leur leurs il elle ils elles on nous vous je tu me moi mon ma mes "
        "votre vos notre nos y a-t-il t-il ya peux pouvez savoir sais dire dis donner donne connais connaissez "
        "grappe grappes secretariat organisme montreal quebec grand region metropolitaine metropole "
        "aujourd'hui maintenant actuellement selon d'apres svp merci bonjour parle parlez parler moi dis dites "
        "explique expliquez info infos information informations renseignement renseignements voudrais aimerais "
        "veux voulez cherche question pourriez pourrais".split()
    )
    | ENGLISH_WORDS
)
K1, B = 1.2, 0.75
# Calibrated on the tuning sets, checked on the held-out ones (bench/threshold.py, docs/understanding.md);
# the variable exists only for that calibration.
THRESHOLD = float(os.environ.get("GRAPPES_RETRIEVAL_THRESHOLD", "0.4"))


@dataclass(frozen=True)
class Hit:
    score: float  # share of the best reachable score, 0 to 1
    grappe: Optional[str]
    item: Union[Fact, Figure]


def _stems(text: str) -> List[str]:
    return [word[:STEM] for word in tokens(text) if word not in _FILLERS and len(word) > 1]


class FactIndex:
    def __init__(self, knowledge: Knowledge) -> None:
        self._docs: List[Tuple[Optional[str], Union[Fact, Figure], Counter[str], int]] = []
        for fact in knowledge.facts:
            words = _stems(" ".join((fact.texte, fact.extrait, *fact.mots_cles)))
            self._docs.append((fact.grappe, fact, Counter(words), len(words)))
        for grappe in knowledge.grappes:
            # The mission is a fact too ("veulent-ils doubler la transformation ?"); it is indexed as one.
            sec = grappe.secretariat
            mission = Fact(
                "mission",
                f"La mission {of(sec.nom)} : {grappe.mission}",
                None,
                "non précisé",
                sec.source,
                grappe.mission,
                grappe.id,
            )
            words = _stems(grappe.mission)
            self._docs.append((grappe.id, mission, Counter(words), len(words)))
            for figure in grappe.chiffres:
                words = _stems(f"{figure.valeur} {figure.extrait}")
                self._docs.append((grappe.id, figure, Counter(words), len(words)))
        count = len(self._docs) or 1
        self._average = sum(length for *_, length in self._docs) / count
        frequency = Counter(word for *_, words, _ in self._docs for word in words)
        self._idf = {word: math.log(1 + (count - n + 0.5) / (n + 0.5)) for word, n in frequency.items()}
        self._unseen = math.log(1 + (count + 0.5) / 0.5)

    def _score(self, query: Sequence[str], words: Counter[str], length: int) -> float:
        """BM25; the question must share at least two words with the fact (one shared word is chance)."""
        score, shared = 0.0, 0
        for word in query:
            tf = words.get(word, 0)
            if tf:
                shared += 1
                idf = self._idf.get(word, self._unseen)
                score += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / self._average))
        return score if shared >= 2 else 0.0

    def _query(self, question: str, ignore: Sequence[str] = ()) -> Tuple[List[str], float]:
        """The question's words that count, and the best score they could reach (every one found). A word no fact
        contains counts as the rarest word: a question mostly about something else scores low."""
        skipped = {stem for text in ignore for stem in _stems(text)}
        query = [w for w in dict.fromkeys(_stems(question)) if w not in skipped]
        return query, sum(self._idf.get(w, self._unseen) for w in query)

    def match(self, question: str, text: str) -> float:
        """How well `text`, which is not indexed (the wording of a fixed answer), matches the question, on the
        scale of search()'s scores."""
        query, best = self._query(question)
        if len(query) < 2:
            return 0.0
        words = Counter(_stems(text))
        return self._score(query, words, sum(words.values())) / best

    def search(
        self, question: str, grappe: Optional[str] = None, anywhere: bool = False, ignore: Sequence[str] = ()
    ) -> List[Hit]:
        """Facts ranked for the question: of one cluster (grappe), general ones (grappe None), or all (anywhere).
        Words in `ignore` (the names that chose the cluster) do not count."""
        query, best = self._query(question, ignore)
        if len(query) < 2 or not any(w in self._idf for w in query):
            return []  # one word is not a question a fact can be chosen for
        hits = [
            Hit(self._score(query, words, length) / best, owner, item)
            for owner, item, words, length in self._docs
            if anywhere or owner == grappe
        ]
        return sorted((h for h in hits if h.score > 0), key=lambda h: -h.score)
