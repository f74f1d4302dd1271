"""Redis, the lock store of `make serve-scale`, stopped then started again while 20 visitors talk to the two Rasa
servers: no turn is processed without its conversation's lock, so every message sent while Redis is down gets the
French apology at once; answers resume as soon as it is back (Redis keeps no data: the locks start afresh), and no
message is stored twice, out of order, or lost once answered."""

import time

from devstack.load import LoadResult, fault_under_load, out_of_place
from devstack.servers import redis

LOAD_TURNS = 30
STOP_AFTER = 150  # messages done before Redis is stopped
DOWN = 3.0  # seconds Redis stays down
SETTLE = 1.0  # seconds after a stop or start in which a message may still meet the old state


def test_apology_while_it_is_down_then_answers_and_nothing_stored_twice(scale):
    moments = {}

    def stop_then_start() -> None:
        redis(scale.data, "stop")
        moments["down"] = time.perf_counter()
        time.sleep(DOWN)
        moments["starting"] = time.perf_counter()
        redis(scale.data, "start")

    result = LoadResult(conversations=20, turns=LOAD_TURNS)
    window = fault_under_load(result, [f"http://localhost:{port}" for port in scale.ports], STOP_AFTER, stop_then_start)

    down = [outcome for outcome in result.outcomes if moments["down"] + SETTLE <= outcome.sent <= moments["starting"]]
    assert down and all(outcome.error.startswith("200 ") for outcome in down), down  # the apology, nothing else
    failed = [outcome for outcome in result.outcomes if not outcome.answered]
    assert all(outcome.done >= window.start and outcome.sent <= window.end + SETTLE for outcome in failed), failed
    after = [outcome for outcome in result.outcomes if outcome.sent > window.end + SETTLE]
    assert after and all(outcome.answered for outcome in after)
    assert not out_of_place(scale.user_events(), result)
    apology = max(outcome.done - outcome.sent for outcome in down)
    resumed = min(outcome.done for outcome in result.outcomes if outcome.answered and outcome.sent >= window.end)
    print(
        f"\nRedis arrêté {DOWN:.0f} s sous charge : {len(failed)} excuses (la plus lente en {apology:.2f} s), "
        f"toutes pendant la panne ; réponses reprises {resumed - window.end:.2f} s après son redémarrage."
    )
