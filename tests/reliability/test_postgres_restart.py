"""PostgreSQL, the tracker store of `make serve-scale`, stopped or restarted (`pg_ctl -m fast`) while visitors talk
to the two Rasa servers: an apology while it is away, never an answer from an empty conversation; once it is back,
the next message is answered with the conversation's context, and every message answered is in the store.

Without pool_pre_ping and with Rasa's FailSafeTrackerStore (issue 10), the first message on each server after a
restart met a dead pooled connection and was answered "De quelle grappe parlez-vous ?", and was never stored.
"""

import time

from bot.answers import APOLOGY
from bot.text import fold
from devstack.load import LoadResult, fault_under_load, missing
from devstack.servers import Chat, postgres

LOAD_TURNS = 30  # 20 visitors × 30 messages, half to each server
RESTART_AFTER = 150  # messages done before PostgreSQL is restarted


def stored_user_texts(scale, sender: str) -> list:
    return [event["text"] for kind, event in scale.events(sender) if kind == "user"]


def test_a_conversation_keeps_its_context_across_a_restart_and_gets_an_apology_while_it_is_down(scale):
    first = Chat(scale.ports[0])
    second = Chat(scale.ports[1], first.sender)
    acknowledged = []

    def say(chat: Chat, text: str) -> str:
        reply = chat.say(text)
        if reply != APOLOGY:
            acknowledged.append(text)
        return fold(reply)

    assert "mmode" in say(first, "Parle-moi de la mode")
    restart = postgres(scale.data, "restart")
    start = time.perf_counter()
    assert "mmode.ca" in say(second, "et son site ?")  # each server's pooled connections died with the restart
    answer_after_restart = time.perf_counter() - start
    assert "mmode" in say(first, "et son secrétariat ?")

    postgres(scale.data, "stop")
    try:
        start = time.perf_counter()
        assert say(first, "Parle-moi de l'aluminium") == fold(APOLOGY)  # not answered from an empty conversation
        apology = time.perf_counter() - start
        assert say(second, "et son site ?") == fold(APOLOGY)
    finally:
        start_again = postgres(scale.data, "restart")
    start = time.perf_counter()
    assert "mmode.ca" in say(second, "et son site ?")  # the apologised message changed nothing
    answer_after_start = time.perf_counter() - start
    assert "mmode" in say(first, "et sa mission ?")

    assert stored_user_texts(scale, first.sender) == acknowledged
    print(
        f"\nPostgreSQL redémarré en {restart:.1f} s, réponse avec le contexte {answer_after_restart:.2f} s après ; "
        f"arrêté : excuses en {apology:.2f} s ; redémarré en {start_again:.1f} s, réponse avec le contexte "
        f"{answer_after_start:.2f} s après."
    )


def test_twenty_visitors_lose_nothing_when_it_restarts_under_load(scale):
    result = LoadResult(conversations=20, turns=LOAD_TURNS)
    window = fault_under_load(
        result,
        [f"http://localhost:{port}" for port in scale.ports],
        RESTART_AFTER,
        lambda: postgres(scale.data, "restart"),
    )
    start, end = window.start, window.end

    assert result.messages >= 20 * LOAD_TURNS
    lost = missing(scale.user_events(), result.answered)
    assert not lost, f"messages répondus mais absents du tracker store : {lost}"
    failed = [outcome for outcome in result.outcomes if not outcome.answered]
    assert all(outcome.done >= start and outcome.sent <= end + 1 for outcome in failed), (start, end, failed)
    resumed = min(outcome.done for outcome in result.outcomes if outcome.answered and outcome.sent >= end)
    print(
        f"\n{result.messages} messages sur deux serveurs, PostgreSQL redémarré en {end - start:.1f} s : "
        f"{len(failed)} excuses, toutes pendant le redémarrage ; réponses reprises {resumed - end:.2f} s après ; "
        f"{result.seconds:.1f} s en tout."
    )
