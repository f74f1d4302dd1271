"""Rasa's Redis lock store, made safe for several Rasa servers (endpoints.scale.yml).

Rasa 3.6's RedisLockStore changes a conversation's lock in three Redis calls (read, change, write back). Two servers
taking a ticket at the same moment both read the same lock, get the same ticket number and process the conversation
at the same time, and the tracker store then loses a message (RasaHQ/rasa#9213; seen here in 2 bursts of 8
simultaneous messages out of 30). Here each read-change-write runs under a short Redis mutex per conversation.

When a server dies mid-turn (tests/reliability/test_rasa_killed.py), its ticket holds that conversation until the
ticket expires. Rasa counts a waiting ticket's lifetime from when it was issued, so the message waiting behind the
dead one often expires too before its turn comes; Rasa then waits forever (no ticket is ever "now serving" again)
until Sanic cancels the request after 60 s and the visitor gets an empty reply. Here a ticket's lifetime restarts
at each check while its server waits: only a dead server's ticket lapses. A ticket lives LOCK_SECONDS instead of
Rasa's 60 s, so that a conversation waits that long at most after a crash; a turn takes well under a second even
under load (docs/reliability.md), and channels/answering.py ends one after TURN_SECONDS.
"""

import asyncio
import time
from contextlib import asynccontextmanager, contextmanager
from typing import AsyncIterator, Iterator, Text

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

MUTEX_SECONDS = 10  # held for a few milliseconds; frees itself if its server dies meanwhile
LOCK_SECONDS = 20  # how long a turn may hold its conversation, and a dead server's ticket block it
CHECK_SECONDS = 1  # between two checks of a waiting ticket, as in Rasa; well under LOCK_SECONDS


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig) -> None:
        """Rasa builds custom lock stores from the endpoint; same settings as `type: redis`."""
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)

    @asynccontextmanager
    async def lock(
        self, conversation_id: Text, lock_lifetime: float = LOCK_SECONDS, wait_time_in_seconds: float = CHECK_SECONDS
    ) -> AsyncIterator[TicketLock]:
        """Rasa's `lock` (its callers pass only the conversation), with a waiting ticket kept alive."""
        ticket = self.issue_ticket(conversation_id, lock_lifetime)
        try:
            while not self._served(conversation_id, ticket, lock_lifetime):
                await asyncio.sleep(wait_time_in_seconds)
            yield self.get_lock(conversation_id)
        finally:
            self.cleanup(conversation_id, ticket)

    def _served(self, conversation_id: Text, ticket: int, lifetime: float) -> bool:
        """Whether `ticket` comes first now; if not, it lives `lifetime` more from now. A ticket gone (Redis
        restarted and lost it) raises Rasa's LockError: the visitor gets the apology."""
        with self._mutex(conversation_id):
            lock = self.get_lock(conversation_id)
            waiting = next((item for item in lock.tickets if item.number == ticket), None) if lock else None
            if waiting is None or waiting.has_expired():
                raise LockError(f"Ticket {ticket} perdu pour la conversation « {conversation_id} ».")
            if lock.now_serving == ticket:
                return True
            waiting.expires = time.time() + lifetime
            self.save_lock(lock)
            return False

    @contextmanager
    def _mutex(self, conversation_id: Text) -> Iterator[None]:
        with self.red.lock(
            f"mutex:{self.key_prefix}{conversation_id}", timeout=MUTEX_SECONDS, blocking_timeout=MUTEX_SECONDS
        ):
            yield

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        with self._mutex(conversation_id):
            return super().issue_ticket(conversation_id, lock_lifetime)

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        with self._mutex(conversation_id):
            super().cleanup(conversation_id, ticket_number)
