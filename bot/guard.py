"""What a visitor's message must be before Rasa sees it: limits, cleaning, payload filtering.

A public web page sends anything: huge texts, invisible characters, forged log lines, and
"/restart"-style commands that Rasa would obey. The channels of channels/ apply these rules;
they live here, without Rasa, so they are tested as plain functions.
"""
import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, Optional

from bot.registry import BUTTON_INTENTS

# Longer texts are refused, not truncated: a cut question would be answered wrongly, and
# the NLU's cost grows with the length.
MAX_MESSAGE_CHARS = 1000
MAX_BODY_BYTES = 1024 * 1024
MAX_SENDER_CHARS = 128

APOLOGY = ("Désolé, je rencontre un problème technique et ne peux pas répondre pour le moment. "
           "Réessayez dans quelques instants.")
TOO_LONG = (f"Votre message est trop long : je lis au plus {MAX_MESSAGE_CHARS} caractères. Posez votre question "
            "en une ou deux phrases, par exemple « Quel est le site de la grappe mode ? ».")
EMPTY = ("Je n'ai reçu aucun texte. Posez-moi une question sur les grappes métropolitaines, par exemple "
         "« Quelles sont les grappes ? ».")

# The intents the assistant's own buttons send, as "/intent" or '/intent{"grappe": "<id>"}' (bot/registry.py);
# the web page's 👍/👎 buttons send the two feedback intents.
_PAYLOAD = re.compile(r"/(?P<intent>\w+)(?P<entities>\{.*\})?", re.DOTALL)
_SENDER = re.compile(rf"[\w.:@-]{{1,{MAX_SENDER_CHARS}}}")


def clean(text: str) -> str:
    """Drop invisible and control characters (zero-width, RTL override, NUL...) and fold every run of
    whitespace, newlines included, to one space: no forged log line, no text that looks empty but is not."""
    text = unicodedata.normalize("NFC", text)
    kept = "".join(" " if char.isspace() else char for char in text
                   if char.isspace() or not unicodedata.category(char).startswith("C"))
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
        return isinstance(entities, dict) and list(entities) == ["grappe"] and \
            isinstance(entities["grappe"], str) and entities["grappe"] in self.grappe_ids

    def screen(self, text: str) -> Screened:
        if len(text) > MAX_MESSAGE_CHARS:
            return Screened(reply=TOO_LONG)
        text = clean(text)
        if text.startswith("/") and not self.is_button_payload(text):
            text = text.lstrip("/ ")  # read as words, not as a command
        return Screened(text=text) if text else Screened(reply=EMPTY)


class Rejected(Exception):
    """A request the channel cannot read; `reason` is the French JSON error for the client."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status, self.reason = status, reason


@dataclass(frozen=True)
class Incoming:
    sender: str
    message: str
    metadata: Dict[str, Any] = field(default_factory=dict)


def is_valid_sender(sender: Any) -> bool:
    """A conversation id fit for the tracker store and the logs."""
    return isinstance(sender, str) and bool(_SENDER.fullmatch(sender))


def _checked_fields(data: Dict[str, Any], sender: Any, sender_field: str) -> Incoming:
    if not is_valid_sender(sender):
        raise Rejected(400, f"« {sender_field} » doit être un identifiant de 1 à {MAX_SENDER_CHARS} caractères "
                            "(lettres, chiffres, . _ - : @).")
    message = data.get("message")
    if not isinstance(message, str):
        raise Rejected(400, "« message » doit être une chaîne de caractères.")
    metadata = data.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise Rejected(400, "« metadata » doit être un objet JSON.")
    return Incoming(sender, message, metadata or {})


def read_rest_body(body: Optional[bytes]) -> Incoming:
    """The fields of a REST webhook body, or Rejected saying what is wrong."""
    if body and len(body) > MAX_BODY_BYTES:
        raise Rejected(413, f"Requête trop volumineuse (au plus {MAX_BODY_BYTES} octets).")
    try:
        data = json.loads(body or b"")
    except (ValueError, RecursionError):
        raise Rejected(400, "Le corps de la requête n'est pas du JSON valide.") from None
    if not isinstance(data, dict):
        raise Rejected(400, 'Le corps doit être un objet JSON : {"sender": "...", "message": "..."}.')
    return _checked_fields(data, data.get("sender"), "sender")


def read_socket_data(data: Any, sid: str, session_persistence: bool) -> Incoming:
    """The fields of a socket.io user message; the sender is the session id when sessions persist, as in Rasa."""
    if not isinstance(data, dict):
        raise Rejected(400, 'Le message doit être un objet : {"message": "..."}.')
    if session_persistence:
        return _checked_fields({"message": "", **data}, data.get("session_id"), "session_id")
    return _checked_fields({"message": "", **data}, sid, "sid")
