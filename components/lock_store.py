"""Rasa's Redis lock store, made safe for several Rasa servers (endpoints.scale.yml).

Rasa 3.6's RedisLockStore changes a conversation's lock in three Redis calls (read, change, write back). Two servers
taking a ticket at the same moment both read the same lock, get the same ticket number and process the conversation
at the same time, and the tracker store then loses a message (RasaHQ/rasa#9213; seen here in 2 bursts of 8
simultaneous messages out of 30). Here each read-change-write runs under a short Redis mutex per conversation.
"""
from contextlib import contextmanager
from typing import Iterator, Text

from rasa.core.lock_store import LOCK_LIFETIME, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

MUTEX_SECONDS = 10  # held for a few milliseconds; frees itself if its server dies meanwhile


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig) -> None:
        """Rasa builds custom lock stores from the endpoint; same settings as `type: redis`."""
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)

    @contextmanager
    def _mutex(self, conversation_id: Text) -> Iterator[None]:
        with self.red.lock(f"mutex:{self.key_prefix}{conversation_id}", timeout=MUTEX_SECONDS,
                           blocking_timeout=MUTEX_SECONDS):
            yield

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        with self._mutex(conversation_id):
            return super().issue_ticket(conversation_id, lock_lifetime)

    def update_lock(self, conversation_id: Text) -> None:
        with self._mutex(conversation_id):
            super().update_lock(conversation_id)

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        with self._mutex(conversation_id):
            super().cleanup(conversation_id, ticket_number)
