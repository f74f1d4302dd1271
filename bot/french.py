"""Small rules of French the answers need: elision and articles before an organisation's name, numbers in words,
and the non-breaking spaces of French typography (the chat page and the staff report)."""

import re

from bot.text import fold

NBSP = "\u00a0"
# A space before : ; ? ! % » or after « must not break the line (French typography).
_BREAKABLE = re.compile(r" (?=[:;?!%»])|(?<=«) ")

_VOWELS = "aeiouyh"
# Names that begin with a common noun take an article: « le Bureau du cinéma… », « du Bureau… ».
_MASCULINE_NOUNS = ("Bureau", "Centre", "Conseil", "Pôle", "Regroupement")


def _needs_article(name: str) -> bool:
    return name.split(" ", 1)[0] in _MASCULINE_NOUNS


def starts_with_vowel(word: str) -> bool:
    return fold(word[:1]) in _VOWELS if word else False


def of(name: str) -> str:
    """« de » before a name: d'AluQuébec, de mmode, du Bureau du cinéma…"""
    if _needs_article(name):
        return f"du {name}"
    return f"d'{name}" if starts_with_vowel(name) else f"de {name}"


def the(name: str) -> str:
    """The name as a subject or object: « le Bureau du cinéma… », « Aéro Montréal »."""
    if _needs_article(name):
        return f"le {name}"
    return name


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


_CARDINALS = (
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "dix-sept",
    "dix-huit",
    "dix-neuf",
    "vingt",
)


def in_words(number: int) -> str:
    """« neuf », « dix »: how many grappes, written out (up to twenty; figures beyond)."""
    return _CARDINALS[number] if 0 <= number < len(_CARDINALS) else str(number)


def ordinal(number: int) -> str:
    """« première », « dixième »: the rank of a grappe (feminine), written out."""
    if number == 1:
        return "première"
    word = in_words(number)
    if word.isdigit():
        return f"{word}e"
    stem = {"cinq": "cinqu", "neuf": "neuv"}.get(word.rsplit("-", 1)[-1])
    if stem:
        return word.rsplit("-", 1)[0] + "-" + stem + "ième" if "-" in word else stem + "ième"
    return word.rstrip("e") + "ième"


def typeset(text: str) -> str:
    """Our own sentences with non-breaking spaces where French wants them: « x », x : y, x ?, 83 %."""
    return _BREAKABLE.sub(NBSP, text)
