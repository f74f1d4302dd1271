"""`ReconnectingSQLTrackerStore`: Rasa's SQL tracker store that reconnects after a database restart (issue 10) and
whose cost per turn does not grow with the conversation (issue 13).

Reconnecting: `SQLTrackerStore` keeps pooled connections without checking them, so after PostgreSQL restarted, the
first message on each server met a dead connection. This store's engine has `pool_pre_ping` (SQLAlchemy 1.4 gives a
SQLite file a fresh connection each time, so there the ping never runs: nothing to check). That its errors reach the
visitor as an apology, and not as an answer from an empty conversation, is components/patches/failsafe_store.py.

Flat cost: at every message Rasa's store read the whole session back and replayed it into a new tracker, counted
the stored events again before each save, and handed Rasa a tracker whose every event the policies turn into states
again, and which goes whole to the actions. This store
- keeps the trackers it read or saved (the database stays the source of truth): a kept tracker is brought up to date
  with only the events stored after it (none, unless another Rasa server answered in between: the lock store
  serialises one conversation's turns), and saving writes the events after the last one stored, without counting;
- hands out trackers that hold the conversation's last RECENT_EVENTS events in memory (Rasa's `max_event_history`),
  replayed from the whole session when read, so slots and the latest message are those of the whole conversation
  (when Rasa takes a message back, `UserUtteranceReverted`, it replays the events it holds, so a slot set before
  them is forgotten: action_default_fallback, the one action that takes a message back, sets the slots again).
  The policies look at the last few states only (RulePolicy's rules span one turn; MemoizationPolicy would look at
  5) and no slot influences them (domain.yml), so they decide as on the whole history:
  tests/components/test_tracker_store.py compares their last states.
A kept tracker is dropped, and the session read again whole, whenever it may differ from the database: a turn that
was not saved, a new session started, another server's new session or turn written during this one's. Outside a
turn (Rasa's HTTP API, off here: `rasa run` without `--enable-api`), a read would take the tracker lent to a running
turn, and that turn would then not be saved.
"""

import json
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Text

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.events import Event, SessionStarted, deserialise_events
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.orm import sessionmaker

RECENT_EVENTS = 60  # about 7 turns of 8 events; a turn with more than 60 new events is refused, never half-saved
KEPT_CONVERSATIONS = 512  # kept between turns, and lent; the oldest is dropped beyond this: memory stays bounded


@dataclass
class Kept:
    tracker: DialogueStateTracker
    last_stored: Event  # the tracker's last event already in the database
    last_id: int  # its id there


class ReconnectingSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQL tracker store, same settings (`dialect`, `db`, `url`...) and same tables, whose engine checks each
    connection taken from its pool, and which reads and writes only what changed since it last saw a conversation."""

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)  # waits for the database and creates the tables
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        self.sessionmaker = sessionmaker(bind=self.engine)
        self.kept: "OrderedDict[Text, Kept]" = OrderedDict()  # conversations between two turns
        self.lent: Dict[Text, Kept] = {}  # trackers handed to Rasa for a turn, until it saves them

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        kept = self.lent.pop(sender_id, None) or self.kept.pop(sender_id, None)
        if kept is None or kept.tracker.events[-1] is not kept.last_stored:  # unknown, or a turn never saved
            return self.lend(self.read_session(sender_id))
        with self.session_scope() as session:
            newer = self.rows(session, sender_id).filter(self.SQLEvent.id > kept.last_id).all()
        if any(row.type_name == SessionStarted.type_name for row in newer):
            return self.lend(self.read_session(sender_id))  # another server began a session: Rasa keeps that one
        if newer:
            for event in events_of(newer):
                kept.tracker.update(event)  # as DialogueStateTracker.from_dict replays them
            kept = Kept(kept.tracker, kept.tracker.events[-1], newer[-1].id)
        return self.lend(kept)

    def read_session(self, sender_id: Text) -> Optional[Kept]:
        """The conversation's latest session, read whole as Rasa's store reads it."""
        with self.session_scope() as session:
            rows = self._event_query(session, sender_id, fetch_events_from_all_sessions=False).all()
        events = events_of(rows)
        if not events:  # none stored, or none Rasa can read back: as Rasa's store, a new conversation
            return None
        tracker = DialogueStateTracker.from_events(sender_id, events, self.domain.slots, RECENT_EVENTS)
        return Kept(tracker, tracker.events[-1], rows[-1].id)

    def lend(self, kept: Optional[Kept]) -> Optional[DialogueStateTracker]:
        if kept is None:
            return None
        self.lent[kept.tracker.sender_id] = kept
        if len(self.lent) > KEPT_CONVERSATIONS:  # turns that never saved (cancelled, failed) and never came back
            del self.lent[next(iter(self.lent))]
        return kept.tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        kept = self.lent.pop(tracker.sender_id, None)
        if kept is None or kept.tracker is not tracker:
            if tracker._max_event_history:  # Rasa's save counts events: it would miss those no longer held
                raise RuntimeError(f"Conversation {tracker.sender_id} : tour concurrent, rien n'est enregistré.")
            await super().save(tracker)  # a new conversation: Rasa's own save; read whole at the next turn
            return
        new_events = self.unsaved(kept)
        if self.event_broker:  # what Rasa's stream_events finds by reading the conversation again
            await self._stream_new_events(self.event_broker, new_events, tracker.sender_id)
        with self.session_scope() as session:
            ids = []
            if new_events:  # one INSERT for them all, then the ids after the last one this tracker holds
                session.execute(sa.insert(self.SQLEvent), [self.row(tracker.sender_id, e) for e in new_events])
                ids = [
                    row.id
                    for row in self.rows(session, tracker.sender_id, self.SQLEvent.id).filter(
                        self.SQLEvent.id > kept.last_id
                    )
                ]
            session.commit()  # only then is the tracker kept: a failed save leaves nothing behind
        # Kept only if the rows after it are exactly this turn's: another server's turn in between (its lock
        # lapsed) or a new session means reading the conversation whole next time.
        if len(ids) == len(new_events) and not any(isinstance(event, SessionStarted) for event in new_events):
            self.kept[tracker.sender_id] = Kept(tracker, tracker.events[-1], ids[-1] if ids else kept.last_id)
            if len(self.kept) > KEPT_CONVERSATIONS:
                self.kept.popitem(last=False)

    @staticmethod
    def unsaved(kept: Kept) -> List[Event]:
        """The tracker's events after the last one stored."""
        new_events = []
        for event in reversed(kept.tracker.events):
            if event is kept.last_stored:
                return new_events[::-1]
            new_events.append(event)
        raise RuntimeError(f"Plus de {RECENT_EVENTS} événements en un tour : rien n'est enregistré.")

    def rows(self, session: Any, sender_id: Text, *columns: Any) -> Any:
        """The conversation's rows (or these columns of them), in the order they were stored."""
        query = session.query(*(columns or (self.SQLEvent,)))
        return query.filter(self.SQLEvent.sender_id == sender_id).order_by(self.SQLEvent.id)

    @staticmethod
    def row(sender_id: Text, event: Event) -> Dict[Text, Any]:
        """The events table's row for `event`, as SQLTrackerStore.save writes it."""
        data = event.as_dict()
        return {
            "sender_id": sender_id,
            "type_name": event.type_name,
            "timestamp": data.get("timestamp"),
            "intent_name": data.get("parse_data", {}).get("intent", {}).get("name"),
            "action_name": data.get("name"),
            "data": json.dumps(data),
        }


def events_of(rows: List[Any]) -> List[Event]:
    """The events stored in `rows`, as Rasa's store reads them back (unknown ones are skipped)."""
    return deserialise_events([json.loads(row.data) for row in rows])
