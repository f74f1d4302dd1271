"""PostgreSQL, the tracker store of `make serve-scale`, stopped or restarted (`pg_ctl -m fast`) while visitors talk
to the two Rasa servers: an apology while it is away, never an answer from an empty conversation; once it is back,
the next message is answered with the conversation's context, and every message answered is in the store.

Without pool_pre_ping and with Rasa's FailSafeTrackerStore (issue 10), the first message on each server after a
restart met a dead pooled connection and was answered "De quelle grappe parlez-vous ?", and was never stored.
"""
import asyncio
import time
from contextlib import closing

import psycopg2
import pytest
from load_client import LoadResult, drive, missing

from bot.guard import APOLOGY
from bot.text import fold
from servers import Chat, postgres, scale_servers

LOAD_TURNS = 30  # 20 visitors × 30 messages, half to each server
RESTART_AFTER = 150  # messages done before PostgreSQL is restarted
DEADLINE = 120  # seconds the load may take to get there


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    with scale_servers(tmp_path_factory.mktemp("postgres-restart")) as servers:
        yield servers


def stored_user_texts(servers, sender: str) -> list:
    return [event["text"] for kind, event in servers.events(sender) if kind == "user"]


def test_a_conversation_keeps_its_context_across_a_restart_and_gets_an_apology_while_it_is_down(servers):
    first = Chat(servers.ports[0])
    second = Chat(servers.ports[1], first.sender)
    acknowledged = []

    def say(chat: Chat, text: str) -> str:
        reply = chat.say(text)
        if reply != APOLOGY:
            acknowledged.append(text)
        return fold(reply)

    assert "mmode" in say(first, "Parle-moi de la mode")
    restart = postgres(servers.data, "restart")
    start = time.perf_counter()
    assert "mmode.ca" in say(second, "et son site ?")  # each server's pooled connections died with the restart
    answer_after_restart = time.perf_counter() - start
    assert "mmode" in say(first, "et son secrétariat ?")

    postgres(servers.data, "stop")
    try:
        start = time.perf_counter()
        assert say(first, "Parle-moi de l'aluminium") == fold(APOLOGY)  # not answered from an empty conversation
        apology = time.perf_counter() - start
        assert say(second, "et son site ?") == fold(APOLOGY)
    finally:
        start_again = postgres(servers.data, "restart")
    start = time.perf_counter()
    assert "mmode.ca" in say(second, "et son site ?")  # the apologised message changed nothing
    answer_after_start = time.perf_counter() - start
    assert "mmode" in say(first, "et sa mission ?")

    assert stored_user_texts(servers, first.sender) == acknowledged
    print(f"\nPostgreSQL redémarré en {restart:.1f} s, réponse avec le contexte {answer_after_restart:.2f} s après ; "
          f"arrêté : excuses en {apology:.2f} s ; redémarré en {start_again:.1f} s, réponse avec le contexte "
          f"{answer_after_start:.2f} s après.")


def stored_user_events(servers) -> list:
    with closing(psycopg2.connect(**servers.database)) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT sender_id, data FROM events WHERE type_name = 'user' ORDER BY id")
        return cursor.fetchall()


async def restart_under_load(servers, result: LoadResult) -> tuple:
    """Drive the load; restart PostgreSQL once RESTART_AFTER messages are answered. When the restart began and
    ended (`time.perf_counter()`)."""
    load = asyncio.ensure_future(drive(result, *(f"http://localhost:{port}" for port in servers.ports)))
    deadline = time.perf_counter() + DEADLINE
    while len(result.outcomes) < RESTART_AFTER:
        assert not load.done() and time.perf_counter() < deadline, f"{len(result.outcomes)} messages en {DEADLINE} s"
        await asyncio.sleep(0.1)
    start = time.perf_counter()
    await asyncio.get_running_loop().run_in_executor(None, postgres, servers.data, "restart")
    end = time.perf_counter()
    assert not load.done(), "la charge s'est terminée pendant le redémarrage"
    await load
    return start, end


def test_twenty_visitors_lose_nothing_when_it_restarts_under_load(servers):
    result = LoadResult(conversations=20, turns=LOAD_TURNS)
    start, end = asyncio.run(restart_under_load(servers, result))

    assert result.messages == 20 * LOAD_TURNS
    lost = missing(stored_user_events(servers), result.answered)
    assert not lost, f"messages répondus mais absents du tracker store : {lost}"
    failed = [outcome for outcome in result.outcomes if not outcome.answered]
    assert all(outcome.done >= start and outcome.sent <= end + 1 for outcome in failed), (start, end, failed)
    resumed = min(outcome.done for outcome in result.outcomes if outcome.answered and outcome.sent >= end)
    print(f"\n{result.messages} messages sur deux serveurs, PostgreSQL redémarré en {end - start:.1f} s : "
          f"{len(failed)} excuses, toutes pendant le redémarrage ; réponses reprises {resumed - end:.2f} s après ; "
          f"{result.seconds:.1f} s en tout.")
