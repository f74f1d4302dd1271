"""Closed-loop load over HTTP: each simulated user sends a turn, waits for the answer, sends the next."""

import asyncio
import time
import uuid
from dataclasses import dataclass, field
from typing import Callable, List, Union

import aiohttp

from devstack.stats import percentile

Body = Callable[[str, str], dict]  # (sender, text) -> JSON body


def rest_body(sender: str, text: str) -> dict:
    return {"sender": sender, "message": text}


def parse_body(_sender: str, text: str) -> dict:
    return {"text": text}


@dataclass
class Load:
    users: int
    wall_s: float = 0.0
    latencies_ms: List[float] = field(default_factory=list)
    errors: int = 0  # transport failure, timeout, status other than 200, or an empty answer

    def percentile(self, q: float) -> float:
        return percentile(self.latencies_ms, q)

    def summary(self) -> dict:
        sent = len(self.latencies_ms) + self.errors
        return {
            "users": self.users,
            "messages": sent,
            "errors": self.errors,
            "wall_s": self.wall_s,
            "msg_per_s": sent / self.wall_s if self.wall_s else 0.0,
            **{f"p{q}_ms": self.percentile(q) for q in (50, 95, 99)},
        }


def play(
    urls: Union[str, List[str]], conversations: List[List[str]], users: int, turns_per_user: int, body: Body = rest_body
) -> Load:
    """Each user walks through the conversations from its own starting point, one sender id per conversation,
    so that follow-up turns keep their context. With several servers' URLs, users are dealt out among them."""
    urls = [urls] if isinstance(urls, str) else urls
    return asyncio.run(_play(urls, conversations, users, turns_per_user, body))


async def _play(urls: List[str], conversations: List[List[str]], users: int, turns_per_user: int, body: Body) -> Load:
    load = Load(users)
    connector = aiohttp.TCPConnector(limit=users)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=60)) as session:
        began = time.perf_counter()
        await asyncio.gather(
            *(
                _user(session, urls[user % len(urls)], _turns(conversations, user, users, turns_per_user), body, load)
                for user in range(users)
            )
        )
        load.wall_s = time.perf_counter() - began
    return load


def _turns(conversations: List[List[str]], user: int, users: int, count: int) -> List[tuple]:
    """`count` (sender, text) pairs for one user, starting at its share of the conversations."""
    turns, index = [], user * len(conversations) // users
    while len(turns) < count:
        sender = f"bench-{uuid.uuid4().hex[:12]}"
        turns += [(sender, text) for text in conversations[index % len(conversations)]]
        index += 1
    return turns[:count]


async def _user(session: aiohttp.ClientSession, url: str, turns: List[tuple], body: Body, load: Load) -> None:
    for sender, text in turns:
        began = time.perf_counter()
        try:
            async with session.post(url, json=body(sender, text)) as response:
                answer = await response.json(content_type=None)
                ok = response.status == 200 and bool(answer)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
            ok = False
        if ok:
            load.latencies_ms.append((time.perf_counter() - began) * 1000)
        else:
            load.errors += 1
