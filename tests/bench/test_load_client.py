"""The one load client (devstack/load.py) against fake servers: the bench's closed loop and the reliability runs
send a message and judge its answer with the same code; only the apology is judged apart (see `play`)."""

import asyncio
import threading
from collections import Counter

import pytest
from aiohttp import web

from bot.answers import APOLOGY
from devstack.load import LoadResult, drive, parse_body, play
from devstack.servers import free_port

CONVERSATIONS = [["bonjour", "et la mode ?"], ["c'est quoi une grappe"]]


class FakeServers:
    """REST endpoints in a thread, each answering its own way; they count the requests they got and keep the bodies.
    `/{name}` for the bench, `/{name}/webhooks/rest/webhook` for `drive`, which adds Rasa's path itself."""

    def __init__(self) -> None:
        self.port, self.hits, self.bodies = free_port(), Counter(), []
        self.ready = threading.Event()
        threading.Thread(target=asyncio.run, args=(self.serve(),), daemon=True).start()
        self.ready.wait(10)

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/{name}"

    async def serve(self) -> None:
        async def answer(request: web.Request) -> web.Response:
            name, body = request.match_info["name"], await request.json()
            self.hits[name] += 1
            self.bodies.append(body)
            if name == "broken":
                return web.json_response({"error": "boom"}, status=500)
            if name == "empty":
                return web.json_response([])
            if name == "apology":
                return web.json_response([{"text": APOLOGY}])
            if name == "parse":
                return web.json_response({"text": body["text"], "intent": {"name": "greet", "confidence": 0.9}})
            return web.json_response([{"text": f"reçu : {body['message']}"}])

        app = web.Application()
        app.router.add_post("/{name}", answer)
        app.router.add_post("/{name}/webhooks/rest/webhook", answer)
        runner = web.AppRunner(app)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", self.port).start()
        self.ready.set()
        await asyncio.Event().wait()


def test_users_are_dealt_out_among_servers_one_sender_per_conversation():
    fake = FakeServers()
    load = play([fake.url("ok"), fake.url("ok-2")], CONVERSATIONS, users=4, turns_per_user=3)
    assert fake.hits == {"ok": 6, "ok-2": 6}
    assert len(load.latencies_ms) == 12 and load.errors == 0
    summary = load.summary()
    assert summary["users"] == 4 and summary["messages"] == 12 and summary["msg_per_s"] > 0
    assert 0 < summary["p50_ms"] <= summary["p95_ms"] <= summary["p99_ms"]
    by_sender: dict = {}
    for body in fake.bodies:
        by_sender.setdefault(body["sender"], []).append(body["message"])
    # Each sender id says the start of one conversation, in order: a follow-up keeps its context, a new one starts anew.
    assert all(any(conversation[: len(said)] == said for conversation in CONVERSATIONS) for said in by_sender.values())
    assert len(by_sender) == 8  # 3 turns walk through 2 conversations for each of the 4 users


def test_failures_are_errors_without_a_latency():
    fake = FakeServers()
    refused = f"http://127.0.0.1:{free_port()}/nobody"
    load = play([fake.url("ok"), fake.url("broken"), fake.url("empty"), refused], CONVERSATIONS, 4, 2)
    assert fake.hits == {"ok": 2, "broken": 2, "empty": 2}
    assert load.errors == 6 and len(load.latencies_ms) == 2
    assert load.summary()["messages"] == 8 and load.summary()["errors"] == 6


def test_the_parse_endpoint_gets_the_text_alone():
    fake = FakeServers()
    load = play(fake.url("parse"), CONVERSATIONS, users=1, turns_per_user=3, body=parse_body)
    assert fake.bodies == [{"text": "bonjour"}, {"text": "et la mode ?"}, {"text": "c'est quoi une grappe"}]
    assert load.errors == 0 and len(load.latencies_ms) == 3


def test_an_apology_is_timed_by_the_bench_and_counted_by_the_reliability_runs():
    fake = FakeServers()
    assert play(fake.url("apology"), CONVERSATIONS, users=1, turns_per_user=2).errors == 0
    result = LoadResult(conversations=1, turns=4)
    asyncio.run(drive(result, fake.url("apology"), fake.url("empty")))  # a conversation's turns go to each in turn
    assert fake.hits == {"apology": 4, "empty": 2}
    assert [outcome.server for outcome in result.outcomes] == [0, 1, 0, 1]
    assert len(result.errors) == 4 and not any(outcome.answered for outcome in result.outcomes)


def test_a_load_is_only_ever_aimed_at_this_machine():
    with pytest.raises(ValueError):
        play("http://example.org/webhooks/rest/webhook", CONVERSATIONS, users=1, turns_per_user=1)
