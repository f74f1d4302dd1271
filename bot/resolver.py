"""Find which clusters a message names: cluster names, secretariats, sector and activity words.

Matching works on folded words (no case, accents, plural -s or little words), prefers the
longest phrase, and tolerates typos on long words (one edit from 6 letters, two when both words have 9).
"""
from dataclasses import dataclass, replace
from typing import Iterable, List, Tuple

from rapidfuzz.distance import Levenshtein

from bot.text import tokens, word_spans


# A question names its cluster early; scanning a pasted essay would only cost time.
MAX_WORDS = 200
MAX_CHARS = 4000


@dataclass(frozen=True)
class Mention:
    grappe_id: str
    start: int
    length: int
    exact: bool
    char_start: int = 0
    char_end: int = 0


def _typo_budget(typed: str, known: str) -> int:
    if min(len(typed), len(known)) >= 9:
        return 2
    return 1 if len(typed) >= 5 and len(known) >= 6 else 0


def _close(typed: str, known: str) -> bool:
    """A typo keeps the first letter and stays within budget; a cut-off word ("developpe" for
    "developpeur") is another word, not a typo."""
    budget = _typo_budget(typed, known)
    if budget == 0 or typed[:1] != known[:1] or known.startswith(typed) or typed.startswith(known):
        return False
    return Levenshtein.distance(typed, known, score_cutoff=budget) <= budget


class Resolver:
    """Maps text to cluster ids using every keyword list of the knowledge."""

    def __init__(self, grappes: Iterable) -> None:
        self._phrases: List[Tuple[Tuple[str, ...], str]] = []
        for grappe in grappes:
            for words in [[grappe.id.replace("_", " "), grappe.nom, grappe.secretariat.nom],
                          *grappe.mots_cles.values()]:
                for word in words:
                    self._phrases.append((tuple(tokens(word)), grappe.id))
            if grappe.secretariat.sigle:
                self._phrases.append((tuple(tokens(grappe.secretariat.sigle)), grappe.id))
        self._phrases.sort(key=lambda p: -len(p[0]))
        self._ids = {grappe_id for _, grappe_id in self._phrases}

    def _match_at(self, words: List[str], start: int):
        """Longest phrase at this position; at equal length an exact match beats a typo."""
        fuzzy = None
        for phrase, grappe_id in self._phrases:
            if fuzzy and len(phrase) < fuzzy.length:
                break
            window = words[start:start + len(phrase)]
            if len(window) < len(phrase):
                continue
            if tuple(window) == phrase:
                return Mention(grappe_id, start, len(phrase), exact=True)
            if fuzzy is None and all(t == k or _close(t, k) for t, k in zip(window, phrase)):
                fuzzy = Mention(grappe_id, start, len(phrase), exact=False)
        return fuzzy

    def mentions(self, text: str) -> List[Mention]:
        """Every cluster mention, left to right, without overlaps."""
        spans = word_spans(text[:MAX_CHARS])[:MAX_WORDS]
        words = [word for word, _, _ in spans]
        found, start = [], 0
        while start < len(words):
            mention = self._match_at(words, start)
            if mention:
                last = start + mention.length - 1
                found.append(replace(mention, char_start=spans[start][1], char_end=spans[last][2]))
                start += mention.length
            else:
                start += 1
        return found

    def resolve(self, text: str) -> List[str]:
        """Cluster ids named in the text, first mention first, each once."""
        ids: List[str] = []
        for mention in self.mentions(text):
            if mention.grappe_id not in ids:
                ids.append(mention.grappe_id)
        return ids

    def known(self, grappe_id: str) -> bool:
        return grappe_id in self._ids
