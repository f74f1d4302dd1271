"""Reads the `events` table of Rasa's SQL tracker store (SQLite), read-only, so the report can run beside Rasa."""

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import List, NamedTuple, Optional


class Event(NamedTuple):
    """A row of the `events` table: what a visitor said (user) or the assistant answered (bot)."""

    sender: str
    kind: str
    intent: Optional[str]
    timestamp: Optional[float]
    data: dict


def read_events(db: Path) -> List[Event]:
    """The visitors' and the assistant's messages, conversation by conversation, in the order they were stored."""
    if not db.is_file():
        raise SystemExit(
            f"Base de conversations introuvable : {db} (elle se crée quand `make serve` reçoit des messages)."
        )
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as connection:
        try:
            rows = connection.execute(
                "SELECT sender_id, type_name, intent_name, timestamp, data FROM events "
                "WHERE type_name IN ('user', 'bot') ORDER BY sender_id, id"
            ).fetchall()
        except sqlite3.DatabaseError as error:
            raise SystemExit(f"{db} n'est pas une base de conversations de Rasa : {error}") from error
    return [Event(*row[:4], json.loads(row[4] or "{}")) for row in rows]
