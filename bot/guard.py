"""What a visitor's message must be before Rasa sees it: limits, cleaning, payload filtering.

A public web page sends anything: huge texts, invisible characters, forged log lines, and
"/restart"-style commands that Rasa would obey. The channels of channels/ apply these rules
(reading the requests themselves is channels/requests.py); they live here, without Rasa, so they
are tested as plain functions.
"""

import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

from bot.answers import EMPTY, too_long
from bot.registry import BUTTON_INTENTS

# Longer texts are refused, not truncated: a cut question would be answered wrongly, and
# the NLU's cost grows with the length.
MAX_MESSAGE_CHARS = 1000
MAX_BODY_BYTES = 1024 * 1024
MAX_SENDER_CHARS = 128
TOO_LONG = too_long(MAX_MESSAGE_CHARS)

# The intents the assistant's own buttons send, as "/intent" or '/intent{"grappe": "<id>"}' (bot/registry.py);
# the web page's 👍/👎 buttons send the two feedback intents.
_PAYLOAD = re.compile(r"/(?P<intent>\w+)(?P<entities>\{.*\})?", re.DOTALL)


def clean(text: str) -> str:
    """Drop invisible and control characters (zero-width, RTL override, NUL...) and fold every run of
    whitespace, newlines included, to one space: no forged log line, no text that looks empty but is not."""
    text = unicodedata.normalize("NFC", text)
    kept = "".join(
        " " if char.isspace() else char
        for char in text
        if char.isspace() or not unicodedata.category(char).startswith("C")
    )
    return " ".join(kept.split())


@dataclass(frozen=True)
class Screened:
    """Either the text to hand to Rasa, or the reply to give instead of asking Rasa."""

    text: str = ""
    reply: str = ""


class Guard:
    def __init__(self, grappe_ids: Iterable[str]) -> None:
        self.grappe_ids = frozenset(grappe_ids)

    def is_button_payload(self, text: str) -> bool:
        """True for a payload one of our buttons could have sent; only those may reach Rasa as intents."""
        match = _PAYLOAD.fullmatch(text)
        if not match or match["intent"] not in BUTTON_INTENTS:
            return False
        if not match["entities"]:
            return True
        try:
            entities = json.loads(match["entities"])
        except (ValueError, RecursionError):
            return False
        return (
            isinstance(entities, dict)
            and list(entities) == ["grappe"]
            and isinstance(entities["grappe"], str)
            and entities["grappe"] in self.grappe_ids
        )

    def screen(self, text: str) -> Screened:
        if len(text) > MAX_MESSAGE_CHARS:
            return Screened(reply=TOO_LONG)
        text = clean(text)
        if text.startswith("/") and not self.is_button_payload(text):
            text = text.lstrip("/ ")  # read as words, not as a command
        return Screened(text=text) if text else Screened(reply=EMPTY)
