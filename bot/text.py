"""Text folding shared by the resolver and the tests: how people type is not how facts are written."""

import re
import unicodedata
from functools import lru_cache
from typing import List, Tuple

# Words that carry no meaning for naming a cluster; dropping them lets
# "logistique transport" match "logistique et transport".
STOPWORDS = frozenset(
    ["a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "un", "une", "pour", "dans", "sur"]
)
_WORD = re.compile(r"[a-z0-9&]+")


def fold(text: str) -> str:
    """Lower-case, strip accents and unify apostrophes, so "Aéro" == "aero"."""
    text = unicodedata.normalize("NFKD", str(text)).lower()
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("\u2019", "'").replace("\u0153", "oe").replace("\u00e6", "ae")


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """fold() of one character; word_spans folds each character of every message, and few distinct ones occur."""
    return fold(char)


def _singular(token: str) -> str:
    """Drop a plural so "avions" matches "avion" and "médicaux" "médical"; short words are left alone."""
    if len(token) > 4 and token.endswith("aux"):
        return token[:-3] + "al"
    if len(token) > 3 and token[-1] in "sx":
        return token[:-1]
    return token


@lru_cache(maxsize=256)  # each message is read by several resolvers
def folded_chars(text: str) -> Tuple[str, Tuple[int, ...]]:
    """fold(text), with the position in `text` each of its characters comes from ("œ" folds to two)."""
    folded: List[str] = []
    origin: List[int] = []
    for index, char in enumerate(str(text)):
        for piece in _fold_char(char):
            folded.append(piece)
            origin.append(index)
    return "".join(folded), tuple(origin)


def word_spans(text: str) -> List[Tuple[str, int, int]]:
    """Folded, singular, meaningful words with their start and end in the original text."""
    folded_text, origin = folded_chars(text)
    spans = []
    for match in _WORD.finditer(folded_text):
        word = match.group()
        if word in STOPWORDS or (len(word) == 1 and not word.isdigit()):
            continue
        spans.append((_singular(word), origin[match.start()], origin[match.end() - 1] + 1))
    return spans


def tokens(text: str) -> List[str]:
    """Folded, singular, meaningful words of a text, in order."""
    return [word for word, _, _ in word_spans(text)]
