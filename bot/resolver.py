"""Find what a message names: clusters (names, secretariats, sector and activity words) or other phrases.

Matching works on folded words (no case, accents, plural -s or little words), prefers the
longest phrase, and tolerates typos on long words (one edit from 6 letters, two when both words have 9).
An elision typed without its apostrophe ("dinvivo", "lalu") is read as the word after it.
"""

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Dict, Iterable, List, Optional, Sequence, Tuple

from rapidfuzz.distance import Levenshtein

from bot.text import folded_chars, tokens, word_spans

if TYPE_CHECKING:
    from bot.knowledge import Grappe


# A question names its cluster early; scanning a pasted essay would only cost time.
MAX_WORDS = 200
MAX_CHARS = 4000

# Uses of a keyword that do not name its cluster: the verb "financer", "mode de paiement", "leur propre site",
# the Québec question particle "-ti"; a word one typo away from a keyword ("cadette", "canette"). The matched
# words are blanked before matching (same length, so the character positions of the other mentions do not move).
_NOT_A_MENTION = re.compile(
    "|".join(
        (
            r"\b(?:qui|il|elle|ils|elles|on|ne|se|est|sont|etre|ete|etait|sera|comment|va|vont|peut|doit|ca|"
            r"qu'est-ce qui|n'est) finance(?:e|es|s|nt)?\b",
            r"\bfinance(?:e|es|s)? (?=par\b)",
            r"\bmodes? (?=(?:de|d'|du) ?(?:paiement|vie|emploi|fonctionnement|financement|transport|calcul|livraison|"
            r"communication|gouvernance|operation|scrutin|utilisation|inscription|adhesion|action|contact)\b)",
            r"\ba la mode\b",
            r"\b(?:mon|ma|mes|son|sa|ses|leur|leurs|notre|nos|votre|vos) propres?\b",
            r"\bpropres? (?=(?:site|nom|equipe|secretariat|bureau|locaux|chef|yeux)\b)",
            r"(?<=-)ti\b",
            r"\bcadettes?\b",  # the youngest, one letter from "canette"
        )
    )
)


@dataclass(frozen=True)
class Mention:
    grappe_id: str
    start: int
    length: int
    exact: bool
    char_start: int = 0
    char_end: int = 0
    kind: str = "nom"  # which keyword list named it: nom, secretariat or activites


def _typo_budget(typed: str, known: str) -> int:
    if min(len(typed), len(known)) >= 9:
        return 2
    return 1 if len(typed) >= 5 and len(known) >= 6 else 0


@lru_cache(maxsize=65536)  # every word of a message is compared with many keywords, and words recur
def _close(typed: str, known: str) -> bool:
    """A typo keeps the first letter and stays within budget; a cut-off word ("developpe" for
    "developpeur") is another word, not a typo; a feminine ending is the same word."""
    if len(known) >= 5 and typed in (known + "e", known + "le", known + "ne"):
        return True  # the feminine of an adjective: "audiovisuelle", "médicale"
    budget = _typo_budget(typed, known)
    if budget == 0 or typed[:1] != known[:1] or known.startswith(typed) or typed.startswith(known):
        return False
    return bool(Levenshtein.distance(typed, known, score_cutoff=budget) <= budget)


def _blank_non_mentions(text: str) -> str:
    """The text with the words of _NOT_A_MENTION replaced by spaces, every other character in place."""
    folded, origin = folded_chars(text)
    chars = list(text)
    for match in _NOT_A_MENTION.finditer(folded):
        for position in range(match.start(), match.end()):
            chars[origin[position]] = " "
    return "".join(chars)


class Resolver:
    """Maps text to ids using keyword phrases: by default every keyword list of the clusters."""

    def __init__(self, grappes: Iterable["Grappe"] = (), phrases: Sequence[Tuple[str, str, str]] = ()) -> None:
        entries: List[Tuple[str, str, str]] = list(phrases)
        for grappe in grappes:
            entries += [
                (word, grappe.id, "nom") for word in (grappe.id.replace("_", " "), grappe.nom, *grappe.mots_cles["nom"])
            ]
            entries += [
                (word, grappe.id, "secretariat")
                for word in (grappe.secretariat.nom, grappe.secretariat.sigle, *grappe.mots_cles["secretariat"])
                if word
            ]
            entries += [(word, grappe.id, "activites") for word in grappe.mots_cles["activites"]]
        indexed = sorted(
            ((tuple(tokens(word)), target, kind) for word, target, kind in entries), key=lambda p: -len(p[0])
        )
        self._vocabulary = {word for phrase, _, _ in indexed for word in phrase}
        self._phrases = [entry for entry in indexed if entry[0]]
        # A match, exact or typo, begins with a word equal or close to the phrase's first word, which keeps its
        # first letter: the first words of each letter, and the phrases each one begins.
        self._first_words: Dict[str, List[str]] = {}
        self._by_first_word: Dict[str, List[int]] = {}
        for position, (phrase, _, _) in enumerate(self._phrases):
            if phrase[0] not in self._by_first_word:
                self._first_words.setdefault(phrase[0][:1], []).append(phrase[0])
            self._by_first_word.setdefault(phrase[0], []).append(position)
        self._candidates = lru_cache(maxsize=16384)(self._phrases_beginning_like)

    def _phrases_beginning_like(self, word: str) -> Tuple[Tuple[Tuple[str, ...], str, str], ...]:
        """The phrases whose first word is `word` or close to it, longest first (the order of self._phrases): the
        only ones that can match where `word` is; computed once per word (words recur from message to message)."""
        near = [first for first in self._first_words.get(word[:1], ()) if first == word or _close(word, first)]
        positions = sorted(position for first in near for position in self._by_first_word[first])
        return tuple(self._phrases[position] for position in positions)

    def _match_at(self, words: List[str], start: int) -> Optional[Mention]:
        """Longest phrase at this position; at equal length an exact match beats a typo."""
        fuzzy = None
        for phrase, target, kind in self._candidates(words[start]):
            if fuzzy and len(phrase) < fuzzy.length:
                break
            window = words[start : start + len(phrase)]
            if len(window) < len(phrase):
                continue
            if tuple(window) == phrase:
                return Mention(target, start, len(phrase), exact=True, kind=kind)
            if fuzzy is None and all(t == k or _close(t, k) for t, k in zip(window, phrase)):
                fuzzy = Mention(target, start, len(phrase), exact=False, kind=kind)
        return fuzzy

    def _unelided(self, word: str) -> str:
        """ "dinvivo" -> "invivo": d' or l' typed without the apostrophe, when the rest is one of our words."""
        if len(word) > 3 and word[0] in "dl" and word not in self._vocabulary and word[1:] in self._vocabulary:
            return word[1:]
        return word

    def mentions(self, text: str) -> List[Mention]:
        """Every mention, left to right, without overlaps."""
        spans = word_spans(_blank_non_mentions(text[:MAX_CHARS]))[:MAX_WORDS]
        words = [self._unelided(word) for word, _, _ in spans]
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
        """Ids named in the text, first mention first, each once."""
        ids: List[str] = []
        for mention in self.mentions(text):
            if mention.grappe_id not in ids:
                ids.append(mention.grappe_id)
        return ids
