"""The bench's closed-loop client: users dealt out among servers, failures counted as errors, not as latencies."""

import asyncio
import threading

from aiohttp import web

from bench.load import play
from devstack.servers import free_port

CONVERSATIONS = [["bonjour", "et la mode ?"], ["c'est quoi une grappe"]]


class FakeServers:
    """Two REST endpoints in a thread: /ok answers, /broken fails; each counts the requests it got."""

    def __init__(self) -> None:
        self.port, self.hits = free_port(), {"ok": 0, "ok-2": 0, "broken": 0}
        self.ready = threading.Event()
        threading.Thread(target=asyncio.run, args=(self.serve(),), daemon=True).start()
        self.ready.wait(10)

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/{name}"

    async def serve(self) -> None:
        async def answer(request: web.Request) -> web.Response:
            name = request.match_info["name"]
            self.hits[name] += 1
            if name == "broken":
                return web.json_response({"error": "boom"}, status=500)
            return web.json_response([{"text": f"reçu : {(await request.json())['message']}"}])

        app = web.Application()
        app.router.add_post("/{name}", answer)
        runner = web.AppRunner(app)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", self.port).start()
        self.ready.set()
        await asyncio.Event().wait()


def test_users_are_dealt_out_among_servers():
    fake = FakeServers()
    load = play([fake.url("ok"), fake.url("ok-2")], CONVERSATIONS, users=4, turns_per_user=3)
    assert fake.hits["ok"] == fake.hits["ok-2"] == 6
    assert len(load.latencies_ms) == 12 and load.errors == 0
    summary = load.summary()
    assert summary["messages"] == 12 and summary["msg_per_s"] > 0 and summary["p50_ms"] <= summary["p99_ms"]


def test_failed_requests_are_errors_without_a_latency():
    fake = FakeServers()
    load = play([fake.url("ok"), fake.url("broken")], CONVERSATIONS, users=2, turns_per_user=2)
    assert fake.hits["broken"] == 2
    assert load.errors == 2 and len(load.latencies_ms) == 2
    assert load.summary()["messages"] == 4
