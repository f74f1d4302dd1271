"""One of `make serve-scale`'s two Rasa servers killed with SIGKILL (a crash, the out-of-memory killer) while 20
visitors talk to both: the requests it was answering fail at once for their client (the connection drops, nothing
hangs), the other server answers everything sent meanwhile — a reverse proxy sends it the connections the dead one
refuses — with each conversation's context, nothing answered is lost, and the restarted server takes its share again.

A conversation whose turn was in flight on the killed server keeps that turn's Redis lock ticket until it expires
(the lock's lifetime, components/lock_store.py): its next message waits for it, then is answered normally. One killed
while it held a conversation's mutex (a few milliseconds per turn) blocks that conversation MUTEX_SECONDS at most.
"""

import asyncio

from bot.text import fold
from components.lock_store import LOCK_SECONDS
from devstack.load import LoadResult, drive, fault_under_load, out_of_place
from devstack.servers import Chat

LOAD_TURNS = 30
KILL_AFTER = 150  # messages done before the kill
DROPPED_WITHIN = 2.0  # seconds after the kill by which every in-flight request has failed


def test_the_other_server_answers_with_the_context_and_the_killed_one_rejoins(scale):
    urls = [f"http://localhost:{port}" for port in scale.ports]
    mode = Chat(scale.ports[0])
    assert "mmode" in fold(mode.say("Parle-moi de la mode"))

    result = LoadResult(conversations=20, turns=LOAD_TURNS, failover=True)
    window = fault_under_load(result, urls, KILL_AFTER, lambda: scale.kill(0))
    try:
        assert "mmode.ca" in fold(Chat(scale.ports[1], mode.sender).say("et son site ?"))
    finally:
        restart = scale.start(0)
    assert "mmode" in fold(Chat(scale.ports[0], mode.sender).say("et son secrétariat ?"))  # rejoined, same context

    failed = [outcome for outcome in result.outcomes if not outcome.answered]
    assert len(failed) <= result.conversations, failed  # at most one in-flight message per visitor
    for outcome in failed:  # each was on the killed server when it died, and dropped at once
        assert outcome.server == 0 and outcome.sent <= window.end, outcome
        assert window.start <= outcome.done <= window.end + DROPPED_WITHIN, outcome
        assert "Timeout" not in outcome.error, outcome
    after = [outcome for outcome in result.outcomes if outcome.sent > window.end]
    assert after and all(outcome.answered and outcome.server == 1 for outcome in after)
    assert max(outcome.done - outcome.sent for outcome in after) < LOCK_SECONDS + 5  # a stale ticket, at most
    assert not out_of_place(scale.user_events(), result)

    again = LoadResult(conversations=20, turns=5)
    asyncio.run(drive(again, *urls))
    assert not again.errors, again.errors[:3]
    assert {outcome.server for outcome in again.outcomes} == {0, 1}
    slowest = max(outcome.done - outcome.sent for outcome in after)
    print(
        f"\nServeur Rasa tué (SIGKILL) sous charge : {len(failed)} requêtes en cours coupées en "
        f"{max((o.done for o in failed), default=window.end) - window.start:.2f} s au plus ; l'autre serveur a tout "
        f"répondu ensuite (réponse la plus lente {slowest:.1f} s) ; redémarré et de nouveau en service en "
        f"{restart:.0f} s."
    )
