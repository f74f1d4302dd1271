"""The terminal console of `make run` (channels/console.py), its pure part: every sentence it shows, how a reply is
laid out, and what a typed line means once an answer has given numbered suggestions.

The buttons of an answer become numbered suggestions printed under it; the visitor's next line stays free text. A
number alone chooses a suggestion; anything else is sent as typed.
"""

import textwrap
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Sequence

from bot.answers import Button

STOP_COMMAND = "/stop"

STARTING = "Démarrage de l'assistant (une trentaine de secondes)…"
BANNER = """\
Grappes Montréal : l'assistant des grappes métropolitaines du Grand Montréal.
Posez vos questions en français, par exemple :
  « Quelles sont les grappes ? »   « Parle-moi de la mode »
  « Quel est le site d'Aéro Montréal ? »   « Nous fabriquons des drones »
Sous une réponse, ses suggestions sont numérotées : tapez un numéro seul
pour en choisir une, ou écrivez librement votre question.
Pour quitter : /stop, Ctrl-D ou Ctrl-C."""  # lines of at most 80 characters: any terminal shows them whole
PROMPT = "Vous : "
SUGGESTIONS = "Suggestions : "
CHOSEN = "→ {title}"
IMAGE = "Image : {url}"
GOODBYE = "Au revoir !"
NO_SUCH_SUGGESTION = "Il n'y a pas de suggestion {number} : tapez un numéro de 1 à {count}, ou écrivez votre question."
NO_REPLY = "L'assistant n'a rien répondu. Reformulez votre question, ou réessayez dans quelques instants."
UNREACHABLE = "L'assistant ne répond pas pour le moment. Réessayez dans quelques instants."
REFUSED = "Message refusé : {reason}"
STOPPED = "L'assistant s'est arrêté."
NOT_STARTED = "L'assistant n'a pas pu démarrer."
NOT_READY = "L'assistant n'a pas démarré au bout de {seconds} secondes."
LOG_HINT = "Journal : {log}."
LOG_TAIL = "Dernières lignes de {log} :"
UNEXPECTED = "Erreur inattendue de la console."

INDENT = "  "
MAX_WIDTH = 100
# A line of at most this many digits is a suggestion number; a longer one (« 2016 », a year) is a question.
_CHOICE_DIGITS = 2


@dataclass(frozen=True)
class Reply:
    """A reply of the REST channel laid out for the terminal: the lines to print and the suggestions they number."""

    lines: List[str]
    suggestions: List[Button]


@dataclass(frozen=True)
class Choice:
    """What a typed line means: the message to send (and the suggestion it chose), or a notice instead of sending."""

    message: str = ""
    chosen: Optional[Button] = None
    notice: str = ""
    stop: bool = False


def _wrapped(text: str, width: int) -> List[str]:
    """Each line of the text wrapped to the width, indented; addresses and hyphenated words are never cut."""
    lines = []
    for line in text.splitlines() or [""]:
        lines.extend(
            textwrap.wrap(
                line,
                width=width,
                initial_indent=INDENT,
                subsequent_indent=INDENT,
                break_long_words=False,
                break_on_hyphens=False,
            )
            or [""]
        )
    return lines


def suggestion_lines(suggestions: Sequence[Button], width: int = MAX_WIDTH) -> List[str]:
    """« Suggestions : 1. Son site web   2. Sa mission… », wrapped between suggestions, never inside one."""
    if not suggestions:
        return []
    items = [f"{number}. {suggestion.title}" for number, suggestion in enumerate(suggestions, 1)]
    head, gap = INDENT + SUGGESTIONS, "   "
    lines, current = [], head + items[0]
    for item in items[1:]:
        if len(current) + len(gap) + len(item) > width:
            lines.append(current)
            current = " " * len(head) + item
        else:
            current += gap + item
    lines.append(current)
    return lines


def _suggestion(button: Any) -> Optional[Button]:
    if not isinstance(button, dict):
        return None
    title, payload = button.get("title"), button.get("payload")
    if not isinstance(title, str) or not isinstance(payload, str) or not payload:
        return None
    return Button(title, payload)


def layout(messages: Iterable[Dict[str, Any]], width: int = MAX_WIDTH) -> Reply:
    """The REST channel's messages (text, buttons, image) as terminal lines; the buttons of every message, numbered
    in order, become the suggestions the next typed number refers to."""
    width = max(40, min(width, MAX_WIDTH))
    lines: List[str] = []
    suggestions: List[Button] = []
    for message in messages:
        if not isinstance(message, dict):
            continue
        if isinstance(message.get("text"), str) and message["text"].strip():
            lines.extend(_wrapped(message["text"], width))
        if isinstance(message.get("image"), str):
            lines.extend(_wrapped(IMAGE.format(url=message["image"]), width))
        for button in message.get("buttons") or []:
            suggestion = _suggestion(button)
            if suggestion:
                suggestions.append(suggestion)
    if not lines and not suggestions:
        lines = _wrapped(NO_REPLY, width)
    if suggestions:
        lines.extend(suggestion_lines(suggestions, width))
    return Reply(lines, suggestions)


def choose(typed: str, suggestions: Sequence[Button]) -> Choice:
    """The meaning of a typed line after an answer that gave these suggestions (none: every line is a question)."""
    text = typed.strip()
    if text == STOP_COMMAND:
        return Choice(stop=True)
    if not text:
        return Choice()  # nothing to send: the prompt comes back
    if suggestions and text.isdigit() and text.isascii() and len(text) <= _CHOICE_DIGITS:
        number = int(text)
        if 1 <= number <= len(suggestions):
            chosen = suggestions[number - 1]
            return Choice(message=chosen.payload, chosen=chosen)
        return Choice(notice=NO_SUCH_SUGGESTION.format(number=number, count=len(suggestions)))
    return Choice(message=text)
