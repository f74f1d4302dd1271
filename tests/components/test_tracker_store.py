"""components/tracker_store.py against Rasa's own SQLTrackerStore: the same rows stored, the same conversation read
back, without the per-turn count and whole-session read; safe with two servers on one database; and the policies'
view of a long conversation unchanged by the bounded window of events held in memory."""

import asyncio
import json
from contextlib import closing, contextmanager

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)

from components import tracker_store
from components.tracker_store import RECENT_EVENTS, ReconnectingSQLTrackerStore
from devstack.servers import ROOT

DOMAIN = Domain.load(str(ROOT / "domain.yml"))
GRAPPES = ["mode", "aerospatiale", "aluminium", "cinema"]


def turn(number: int) -> list:
    """One turn as Rasa stores it; every seventh is a fallback that Rasa takes back."""
    grappe = GRAPPES[number % len(GRAPPES)]
    user = UserUttered(
        f"question {number}", {"name": "ask_website", "confidence": 0.9}, [{"entity": "grappe", "value": grappe}]
    )
    if number % 7 == 6:
        return [
            user,
            ActionExecuted("action_default_fallback"),
            BotUttered("Pardon ?"),
            UserUtteranceReverted(),
            ActionExecuted("action_listen"),
        ]
    return [
        user,
        ActionExecuted("action_answer"),
        BotUttered(f"réponse {number}"),
        SlotSet("grappe", grappe),
        SlotSet("aspect", "website"),
        SlotSet("unclear", False),
        ActionExecuted("action_listen"),
    ]


async def play(store, sender: str, numbers) -> None:
    """Turns as Rasa's processor plays them: read (or create) the conversation, add the turn, save."""
    for number in numbers:
        tracker = await store.get_or_create_tracker(sender)
        for event in turn(number):
            tracker.update(event)
        await store.save(tracker)


def rows(path) -> list:
    engine = sa.create_engine(f"sqlite:///{path}")
    with closing(engine.connect()) as connection:
        return [
            (r.sender_id, r.type_name, json.loads(r.data))
            for r in connection.execute(sa.text("SELECT * FROM events ORDER BY id"))
        ]


@contextmanager
def statements(store):
    """The SQL statements `store` runs inside the block."""
    seen = []

    def record(conn, cursor, statement, *args):
        seen.append(statement)

    sa.event.listen(store.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", record)


def described(events) -> list:
    return [{k: v for k, v in event.as_dict().items() if k != "timestamp"} for event in events]


def without_timestamps(stored: list) -> list:
    return [(sender, kind, {k: v for k, v in data.items() if k != "timestamp"}) for sender, kind, data in stored]


def test_same_rows_and_same_conversation_as_rasas_store(tmp_path):
    ours = ReconnectingSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "ours.db"))
    rasas = SQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "rasa.db"))
    asyncio.run(play(ours, "visiteur", range(30)))
    asyncio.run(play(rasas, "visiteur", range(30)))

    assert without_timestamps(rows(tmp_path / "ours.db")) == without_timestamps(rows(tmp_path / "rasa.db"))
    mine, theirs = asyncio.run(ours.retrieve("visiteur")), asyncio.run(rasas.retrieve("visiteur"))
    assert mine.current_slot_values() == theirs.current_slot_values()
    assert mine.get_slot("grappe") == "aerospatiale"  # question 29's
    assert mine.latest_message.text == theirs.latest_message.text == "question 29"
    assert len(mine.events) == RECENT_EVENTS < len(theirs.events)  # the window held in memory
    assert described(mine.events) == described(list(theirs.events)[-RECENT_EVENTS:])


def test_the_policies_see_the_same_last_states_as_on_the_whole_conversation(tmp_path):
    """RulePolicy looks at the last turn (MemoizationPolicy, if it came back, at 5 states); no slot influences them."""
    ours = ReconnectingSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "ours.db"))
    rasas = SQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "rasa.db"))
    for store in (ours, rasas):
        asyncio.run(play(store, "visiteur", range(60)))
    for last in range(60, 75):  # after each kind of turn, fallbacks included
        mine, theirs = asyncio.run(ours.retrieve("visiteur")), asyncio.run(rasas.retrieve("visiteur"))
        assert mine.past_states(DOMAIN)[-10:] == theirs.past_states(DOMAIN)[-10:]
        for store, tracker in ((ours, mine), (rasas, theirs)):
            for event in turn(last):
                tracker.update(event)
            asyncio.run(store.save(tracker))


def test_a_turn_reads_only_newer_rows_and_writes_without_counting(tmp_path):
    store = ReconnectingSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "ours.db"))
    asyncio.run(play(store, "visiteur", range(3)))
    with statements(store) as seen:
        asyncio.run(play(store, "visiteur", range(3, 6)))
    assert not any("count(" in s.lower() for s in seen), seen
    reads = [s for s in seen if s.lstrip().upper().startswith("SELECT")]
    # Per turn: the rows newer than the kept tracker before it, the ids of the rows just written after it.
    assert len(reads) == 6 and all("events.id >" in s for s in reads), reads
    inserts = [s for s in seen if s.lstrip().upper().startswith("INSERT")]
    assert len(inserts) == 3, inserts  # one per turn for all its events
    assert len([r for r in rows(tmp_path / "ours.db") if r[1] == "user"]) == 6


def test_two_servers_on_one_database_each_see_the_others_turns(tmp_path):
    first, second = (
        ReconnectingSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "shared.db")) for _ in range(2)
    )
    asyncio.run(play(first, "visiteur", range(0, 3)))
    asyncio.run(play(second, "visiteur", range(3, 5)))  # first's kept tracker is now behind
    asyncio.run(play(first, "visiteur", range(5, 6)))
    tracker = asyncio.run(second.retrieve("visiteur"))
    assert [e.text for e in tracker.events if isinstance(e, UserUttered)][-3:] == [
        "question 3",
        "question 4",
        "question 5",
    ]
    users = [data["text"] for _, kind, data in rows(tmp_path / "shared.db") if kind == "user"]
    assert users == [f"question {n}" for n in range(6)]  # each once, in order


def test_a_turn_written_by_another_server_during_ours_is_not_skipped(tmp_path):
    """The lock store lapsed (Redis restarted, a turn over its lifetime): both servers wrote, neither loses a turn."""
    first, second = (
        ReconnectingSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "shared.db")) for _ in range(2)
    )
    asyncio.run(play(first, "visiteur", range(3)))
    slow = asyncio.run(first.retrieve("visiteur"))  # first's turn begins...
    asyncio.run(play(second, "visiteur", [3]))  # ...second answers another message meanwhile...
    for event in turn(4):
        slow.update(event)
    asyncio.run(first.save(slow))  # ...and first saves its own
    asyncio.run(play(first, "visiteur", [5]))
    tracker = asyncio.run(first.retrieve("visiteur"))
    stored = [data["text"] for _, kind, data in rows(tmp_path / "shared.db") if kind == "user"]
    assert stored == [f"question {n}" for n in range(6)]
    assert [e.text for e in tracker.events if isinstance(e, UserUttered)][-3:] == stored[-3:]


def test_a_turn_that_was_not_saved_is_forgotten(tmp_path):
    store = ReconnectingSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "ours.db"))
    asyncio.run(play(store, "visiteur", range(3)))
    tracker = asyncio.run(store.retrieve("visiteur"))
    tracker.update(SlotSet("grappe", "jamais enregistrée"))  # the turn fails before Rasa saves it
    again = asyncio.run(store.retrieve("visiteur"))
    assert again.get_slot("grappe") == "aluminium"  # question 2's, the last one saved


def test_a_session_started_elsewhere_is_read_whole(tmp_path):
    first, second = (
        ReconnectingSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "shared.db")) for _ in range(2)
    )
    asyncio.run(play(first, "visiteur", range(3)))
    tracker = asyncio.run(second.retrieve("visiteur"))
    tracker.update(ActionExecuted("action_session_start"))
    tracker.update(SessionStarted())
    tracker.update(ActionExecuted("action_listen"))
    asyncio.run(second.save(tracker))
    assert not [e for e in asyncio.run(first.retrieve("visiteur")).events if isinstance(e, UserUttered)]


def test_memory_is_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(tracker_store, "KEPT_CONVERSATIONS", 3)
    store = ReconnectingSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "ours.db"))
    for sender in range(6):
        asyncio.run(play(store, f"visiteur-{sender}", range(3)))
    assert list(store.kept) == ["visiteur-3", "visiteur-4", "visiteur-5"] and not store.lent


def test_more_new_events_than_the_window_are_refused_not_lost(tmp_path):
    store = ReconnectingSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "ours.db"))
    asyncio.run(play(store, "visiteur", range(3)))
    tracker = asyncio.run(store.retrieve("visiteur"))
    for number in range(RECENT_EVENTS):
        tracker.update(SlotSet("aspect", str(number)))
    before = rows(tmp_path / "ours.db")
    with pytest.raises(RuntimeError):
        asyncio.run(store.save(tracker))
    assert rows(tmp_path / "ours.db") == before  # nothing half-written
    assert asyncio.run(store.retrieve("visiteur")).get_slot("aspect") == "website"  # the last turn saved
