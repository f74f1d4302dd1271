"""Groups the questions the assistant did not answer by similarity, so the staff reads one line per need.

No model: each question becomes a set of *traits*, its meaningful words (folded, question words and French
stop words out, plurals and common endings cut) plus what bot/understanding.py reads in it: that a cluster is
named, the precise attribute, the aspect, a sector without a cluster. Which cluster is named does not count:
"tel mmode" and "téléphone d'Aéro Montréal" are one need, one training example with another entity (the group
lists the clusters). Two questions are alike when at least half of their traits are shared (Jaccard ≥ SIMILAR);
a question joins the group holding its most alike question, or starts one. Questions are taken most typed first,
then in alphabetical order, so the same store always gives the same groups.
"""

import re
from collections import Counter
from dataclasses import dataclass
from typing import Dict, FrozenSet, Iterable, List, Optional, Sequence, Tuple

from bot.text import fold, tokens
from bot.understanding import Question

SIMILAR = 0.5
EXAMPLES = 3  # formulations a report shows for a group, the representative first
# Words every question has; bot.text.STOPWORDS (articles, prepositions) are dropped by `tokens` already.
QUESTION_WORDS = frozenset(
    "quel quelle quels quelles est sont etait c ce cet cette ces ca cela ceci qui que qu quoi quand comment combien "
    "ou pourquoi je j tu il elle on nous vous ils elles me m moi te t se s mon ma mes ton ta tes son sa ses leur leurs "
    "notre nos votre vos ai as avez ont avoir etre fait faire peux peut pouvez pourriez veux voudrais voudrait "
    "aimerais savoir dire donner svp stp merci bonjour salut allo ne n pas par avec chez y oui non donc alors aussi "
    "tres bien ete".split()
)
# Endings cut from a word, longest first, when four letters at least are left: téléphone ~ téléphoner.
ENDINGS = ("ement", "ation", "euse", "eur", "ique", "ee", "er", "e")
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Group:
    count: int  # messages, repeats included
    representative: str  # the most typed formulation
    formulations: Tuple[Tuple[str, int], ...]  # each distinct formulation and how often it was typed
    clusters: Tuple[str, ...]  # clusters named in its questions, most named first
    attribute: Optional[str]  # the attribute most of its questions ask (bot/registry.py)
    aspect: Optional[str]  # the aspect most of its questions ask


def _stem(word: str) -> str:
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def traits(question: Question) -> FrozenSet[str]:
    """What a question is about: its meaningful words, and what the assistant understands in it."""
    text = question.folded
    for mention in sorted(question.mentions, key=lambda m: m.char_start, reverse=True):
        text = text[: mention.char_start] + " " + text[mention.char_end :]
    words = " ".join(w for w in _WORD.findall(text) if w not in QUESTION_WORDS)
    understood = ["grappe"] * bool(question.clusters) + [
        f"{kind}:{value}"
        for kind, value in (("attribut", question.attribute), ("aspect", question.aspect), ("secteur", question.sector))
        if value
    ]
    return frozenset([_stem(w) for w in tokens(words)] + understood)


def similarity(a: FrozenSet[str], b: FrozenSet[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _formulation(text: str) -> str:
    """The same question typed twice, whatever the case, accents, spaces or punctuation."""
    return " ".join(_WORD.findall(fold(text)))


def group(questions: Iterable[Tuple[str, Question]]) -> List[Group]:
    """Groups, most asked first; each question is (text as typed, what bot/understanding.py reads in it)."""
    typed: Dict[str, Counter] = {}
    read: Dict[str, Question] = {}
    for text, question in questions:
        key = _formulation(text)
        typed.setdefault(key, Counter())[text] += 1
        read.setdefault(key, question)
    seen = {key: traits(question) for key, question in read.items()}
    members: List[List[str]] = []
    for key in sorted(typed, key=lambda key: (-sum(typed[key].values()), key)):
        scores = [max(similarity(seen[key], seen[other]) for other in keys) for keys in members]
        best = max(scores, default=0.0)
        if best >= SIMILAR:
            members[scores.index(best)].append(key)  # the first group created wins a tie
        else:
            members.append([key])
    return sorted((_group(keys, typed, read) for keys in members), key=lambda g: (-g.count, g.representative))


def ranked(counter: Counter) -> List[Tuple[str, int]]:
    """Most frequent first, equals in alphabetical order: never the order of the store."""
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def _group(keys: Sequence[str], typed: Dict[str, Counter], read: Dict[str, Question]) -> Group:
    formulations, clusters, attributes, aspects = [], Counter(), Counter(), Counter()
    for key in keys:
        # Of the ways one formulation was typed, the most frequent, then the first in alphabetical order.
        text = ranked(typed[key])[0][0]
        count = sum(typed[key].values())
        formulations.append((text, count))
        clusters.update({cluster: count for cluster in read[key].clusters})
        attributes.update({read[key].attribute: count} if read[key].attribute else {})
        aspects.update({read[key].aspect: count} if read[key].aspect else {})
    # Most typed first; of equals, the longest (it says the most), so the first is the group's representative.
    formulations.sort(key=lambda item: (-item[1], -len(item[0]), item[0]))
    total = sum(n for _, n in formulations)

    def most(counter: Counter) -> Optional[str]:
        """The value at least half of the group's questions share, if any."""
        top = ranked(counter)[:1]
        return top[0][0] if top and 2 * top[0][1] >= total else None

    return Group(
        total,
        formulations[0][0],
        tuple(formulations),
        tuple(c for c, _ in ranked(clusters)),
        most(attributes),
        most(aspects),
    )
