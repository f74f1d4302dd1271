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

A server can also die holding a conversation's mutex: it frees itself after MUTEX_SECONDS, and the other server waits
longer than that for it. That wait is awaited, not slept on: redis-py's own blocking wait would stop the whole server
(every conversation) for as long, and gave up a moment before the dead server's mutex lapsed.
"""

import asyncio
import time
from contextlib import asynccontextmanager, contextmanager
from typing import AsyncIterator, Iterator, Text

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig
from redis.lock import Lock

MUTEX_SECONDS = 2  # held for a few milliseconds; frees itself this long after its server died holding it
MUTEX_WAIT_SECONDS = 3 * MUTEX_SECONDS  # a waiting server outlasts a dead holder's mutex
MUTEX_POLL_SECONDS = 0.005
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
        """Rasa's `lock` (its callers pass only the conversation), with a waiting ticket kept alive and the mutex
        awaited, never slept on: the server answers its other conversations meanwhile."""
        async with self._awaited_mutex(conversation_id):
            ticket = RedisLockStore.issue_ticket(self, conversation_id, lock_lifetime)
        try:
            while True:
                async with self._awaited_mutex(conversation_id):
                    if self._served(conversation_id, ticket, lock_lifetime):
                        break
                await asyncio.sleep(wait_time_in_seconds)
            yield self.get_lock(conversation_id)
        finally:
            async with self._awaited_mutex(conversation_id):
                RedisLockStore.cleanup(self, conversation_id, ticket)

    def _served(self, conversation_id: Text, ticket: int, lifetime: float) -> bool:
        """Whether `ticket` comes first now; if not, it lives `lifetime` more from now. A ticket gone (Redis
        restarted and lost it) raises Rasa's LockError: the visitor gets the apology. Call under the mutex."""
        lock = self.get_lock(conversation_id)
        waiting = next((item for item in lock.tickets if item.number == ticket), None) if lock else None
        if waiting is None or waiting.has_expired():
            raise LockError(f"Ticket {ticket} perdu pour la conversation « {conversation_id} ».")
        if lock.now_serving == ticket:
            return True
        waiting.expires = time.time() + lifetime
        self.save_lock(lock)
        return False

    def _new_mutex(self, conversation_id: Text) -> Lock:
        return self.red.lock(
            f"mutex:{self.key_prefix}{conversation_id}",
            timeout=MUTEX_SECONDS,
            sleep=MUTEX_POLL_SECONDS,
            blocking_timeout=MUTEX_WAIT_SECONDS,
            thread_local=False,
        )

    @asynccontextmanager
    async def _awaited_mutex(self, conversation_id: Text) -> AsyncIterator[None]:
        """The mutex, polled without blocking Rasa's event loop (redis-py's blocking wait sleeps the thread)."""
        mutex = self._new_mutex(conversation_id)
        give_up = time.monotonic() + MUTEX_WAIT_SECONDS
        while not mutex.acquire(blocking=False):
            if time.monotonic() > give_up:
                raise LockError(f"Verrou de la conversation « {conversation_id} » introuvable.")
            await asyncio.sleep(MUTEX_POLL_SECONDS)
        try:
            yield
        finally:
            mutex.release()

    @contextmanager
    def _mutex(self, conversation_id: Text) -> Iterator[None]:
        """The same mutex for Rasa's synchronous API below (not used by `lock`)."""
        with self._new_mutex(conversation_id):
            yield

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        with self._mutex(conversation_id):
            return super().issue_ticket(conversation_id, lock_lifetime)

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        with self._mutex(conversation_id):
            super().cleanup(conversation_id, ticket_number)
