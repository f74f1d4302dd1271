"""The action server restarted (a deployment, a crash and its supervisor) while 20 visitors talk to a Rasa server
that runs its actions there (`make serve-scale`'s way, on SQLite): apologies only while it is away, answers again
once it is up, nothing answered missing from the tracker store, nothing stored twice."""

from devstack.load import LoadResult, fault_under_load, out_of_place, sqlite_user_events

LOAD_TURNS = 30
RESTART_AFTER = 150  # messages done before the restart
SETTLE = 1.0  # seconds after the restart in which a message may still meet the old state


def test_errors_only_while_it_restarts(action_server_stack):
    def restart() -> None:
        action_server_stack.stop_actions()
        action_server_stack.start_actions()  # returns once /health answers

    result = LoadResult(conversations=20, turns=LOAD_TURNS)
    window = fault_under_load(result, [action_server_stack.url], RESTART_AFTER, restart)

    failed = [outcome for outcome in result.outcomes if not outcome.answered]
    assert failed, "aucun message pendant le redémarrage : la panne n'a pas été testée"
    assert all(outcome.error.startswith("200 ") for outcome in failed), failed  # the apology, nothing else
    assert all(outcome.done >= window.start and outcome.sent <= window.end + SETTLE for outcome in failed), failed
    after = [outcome for outcome in result.outcomes if outcome.sent > window.end + SETTLE]
    assert after and all(outcome.answered for outcome in after)
    assert not out_of_place(sqlite_user_events(action_server_stack.tracker_db), result)
    print(
        f"\nServeur d'actions redémarré sous charge en {window.end - window.start:.1f} s : {len(failed)} excuses, "
        f"toutes pendant le redémarrage."
    )
