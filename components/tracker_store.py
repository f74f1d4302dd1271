"""`ReconnectingSQLTrackerStore`: Rasa's SQL tracker store that reconnects after a database restart (issue 10).

`SQLTrackerStore` keeps pooled connections without checking them: after PostgreSQL restarts, the first message on
each server met a dead connection. This is the same store with `pool_pre_ping`, named as
`type: components.tracker_store.ReconnectingSQLTrackerStore` in both endpoints files (SQLAlchemy 1.4 gives a
SQLite file a fresh connection each time, so there the ping never runs: nothing to check). That its errors reach
the visitor as an apology, and not as an answer from an empty conversation, is components/patches/failsafe_store.py.
"""

from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from sqlalchemy.orm import sessionmaker


class ReconnectingSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQL tracker store, same settings (`dialect`, `db`, `url`...), whose engine checks each connection
    taken from its pool and replaces it if the database dropped it."""

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)  # waits for the database and creates the tables
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        self.sessionmaker = sessionmaker(bind=self.engine)
