"""Concurrent conversations over REST (asyncio + aiohttp, localhost only): throughput, latency, errors, and
whether every user message reached the tracker store. test_load.py runs it; `make reliability` also writes
the figures into docs/reliability.md."""

import asyncio
import json
import os
import platform
import sqlite3
import statistics
import time
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Sequence, Tuple
from urllib.parse import urlparse

import aiohttp

from bot.answers import APOLOGY
from devstack.stats import percentile

# A visitor's plausible path: clusters, follow-ups without a name, general questions; all different, so that a
# message stored twice shows (`out_of_place`).
QUESTIONS = [
    "Bonjour",
    "Parle-moi de l'aérospatiale",
    "et son secrétariat ?",
    "c'est quoi leur site ?",
    "et pour la mode ?",
    "Quelles sont les grappes ?",
    "Quel est le secrétariat de la grappe de l'aluminium ?",
    "combien d'emplois dans ce secteur ?",
    "notre fonds vise les biotechs",
    "qui finance les grappes ?",
    "merci",
    "Que fait Finance Montréal ?",
    "et leur mission ?",
    "combien de membres ?",
    "et le cinéma ?",
    "c'est quoi une grappe métropolitaine ?",
    "je travaille dans le transport de marchandises",
    "quel est le site de CargoM ?",
    "Parle-moi des technologies propres",
    "depuis quand existe-t-elle ?",
    "Who runs the life sciences cluster?",
    "et les transports électriques ?",
    "leur courriel ?",
    "combien y a-t-il de grappes ?",
    "Technologies de l'information",
    "et son site web ?",
    "je cherche un contact pour l'aluminium",
    "c'est quoi TechnoMontréal ?",
    "au revoir",
    "Bonjour encore",
]
FIGURES_START, FIGURES_END = "<!-- chiffres: début (make reliability) -->", "<!-- chiffres: fin -->"


@dataclass
class Outcome:
    """One message: when it was sent and answered (`time.perf_counter()`), whether it got a real answer, and the
    index in `drive`'s `base_urls` of the server that took it (or last refused it)."""

    sent: float
    done: float
    error: str  # empty when answered: else the HTTP status and body (an apology is "200 [...]") or the exception
    server: int

    @property
    def answered(self) -> bool:
        return not self.error


@dataclass
class LoadResult:
    conversations: int
    turns: int
    seconds: float = 0.0
    latencies: List[float] = field(default_factory=list)
    errors: List[str] = field(default_factory=list)
    sent: Dict[str, List[str]] = field(default_factory=dict)
    answered: Dict[str, List[str]] = field(default_factory=dict)  # the messages acknowledged with a real answer
    outcomes: List[Outcome] = field(default_factory=list)
    servers: List[str] = field(default_factory=list)  # the webhooks of `drive`'s base_urls, in their order
    failover: bool = False  # a refused connection goes to the next server, as a reverse proxy would do

    @property
    def messages(self) -> int:
        return len(self.latencies)

    def percentile(self, share: float) -> float:
        """Of the latencies, in seconds; `share` from 0 to 1 (devstack.stats.percentile)."""
        return percentile(self.latencies, 100 * share)


async def _post(session: aiohttp.ClientSession, url: str, sender: str, text: str) -> str:
    """Send one message; an empty string when it got a real answer, else what went wrong."""
    async with session.post(url, json={"sender": sender, "message": text}) as response:
        messages = await response.json(content_type=None)
        if response.status != 200 or not messages or messages[0].get("text") == APOLOGY:
            return f"{response.status} {json.dumps(messages)[:200]}"
        return ""


async def _conversation(session: aiohttp.ClientSession, urls: List[str], sender: str, result: LoadResult) -> None:
    """Each turn to the next server of `urls`, so that with several servers a conversation goes through them all.
    With `result.failover`, a server that refuses the connection (it never saw the message) is skipped for the
    next one, as nginx's `proxy_next_upstream error` does; a message already sent is never sent again."""
    sent, answered = result.sent.setdefault(sender, []), result.answered.setdefault(sender, [])
    for turn in range(result.turns):
        text = QUESTIONS[turn % len(QUESTIONS)]
        sent.append(text)
        start, error = time.perf_counter(), ""
        tries = len(urls) if result.failover else 1
        for attempt in range(tries):
            server = urls[(turn + attempt) % len(urls)]
            try:
                error = await _post(session, server, sender, text)
                break
            except aiohttp.ClientConnectorError as refused:
                error = repr(refused)
            except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as failure:
                error = repr(failure)
                break
        end = time.perf_counter()
        if error:
            result.errors.append(f"{sender} #{turn}: {error}")
        else:
            answered.append(text)
        result.latencies.append(end - start)
        result.outcomes.append(Outcome(start, end, error, result.servers.index(server)))


async def drive(result: LoadResult, *base_urls: str, more: Callable[[], bool] = lambda: False) -> None:
    """`result.conversations` visitors at once, each sending `result.turns` messages one after the other, taking
    turns between the servers at `base_urls`; `result` fills up as answers come, for a test to watch. Each visitor
    then starts a new conversation as long as `more()` says so."""
    if any(urlparse(url).hostname not in ("localhost", "127.0.0.1") for url in base_urls):
        raise ValueError("Test de charge réservé à un serveur local.")
    run_id = os.urandom(4).hex()
    urls = result.servers = [f"{url}/webhooks/rest/webhook" for url in base_urls]

    async def visitor(session: aiohttp.ClientSession, number: int) -> None:
        rotated = urls[number % len(urls) :] + urls[: number % len(urls)]
        conversation = 0
        while conversation == 0 or more():
            await _conversation(session, rotated, f"load-{run_id}-{number:02d}-{conversation}", result)
            conversation += 1

    async with aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=result.conversations), timeout=aiohttp.ClientTimeout(total=120)
    ) as session:
        start = time.perf_counter()
        await asyncio.gather(*(visitor(session, number) for number in range(result.conversations)))
        result.seconds = time.perf_counter() - start


@dataclass
class Window:
    """When a fault began and ended (`time.perf_counter()`)."""

    start: float
    end: float


def fault_under_load(
    result: LoadResult,
    base_urls: Sequence[str],
    after: int,
    fault: Callable[[], object],
    tail: float = 5,
    seconds: float = 120,
) -> Window:
    """Drive the load on `base_urls`; once `after` messages are done, run `fault` (blocking: it stops or restarts a
    process) in a thread while the load goes on, visitors starting new conversations until `tail` seconds after
    the fault; return when the load is over. Fails if the load does not reach `after` messages within `seconds`."""
    ended: List[float] = []

    def more() -> bool:
        return not ended or time.perf_counter() < ended[0] + tail

    async def main() -> Window:
        load = asyncio.ensure_future(drive(result, *base_urls, more=more))
        deadline = time.perf_counter() + seconds
        while len(result.outcomes) < after:
            if load.done() or time.perf_counter() > deadline:
                load.cancel()
                raise AssertionError(f"{len(result.outcomes)} messages en {seconds:.0f} s, il en fallait {after}")
            await asyncio.sleep(0.05)
        start = time.perf_counter()
        await asyncio.get_running_loop().run_in_executor(None, fault)
        window = Window(start, time.perf_counter())
        ended.append(window.end)
        await load
        return window

    return asyncio.run(main())


async def run(base_url: str, conversations: int = 20, turns: int = 50) -> LoadResult:
    """`conversations` visitors at once on one server, each sending `turns` messages one after the other."""
    result = LoadResult(conversations, turns)
    await drive(result, base_url)
    return result


def _in_order(texts: List[str], among: List[str]) -> bool:
    """Every text of `texts` found in `among`, in the same order (a subsequence)."""
    remaining = iter(among)
    return all(any(text == candidate for candidate in remaining) for text in texts)


def stored_texts(user_events: Iterable[Tuple[str, str]]) -> Dict[str, List[str]]:
    """The text of each stored (sender_id, data) user event, per conversation, in the order stored."""
    stored: Dict[str, List[str]] = {}
    for sender, data in user_events:
        stored.setdefault(sender, []).append(json.loads(data).get("text"))
    return stored


def sqlite_user_events(db: Path) -> List[Tuple[str, str]]:
    """(sender_id, data) of every user message in the SQLite tracker store, in the order they were stored."""
    with closing(sqlite3.connect(db)) as connection:
        return connection.execute("SELECT sender_id, data FROM events WHERE type_name = 'user' ORDER BY id").fetchall()


def missing_from_tracker_store(db: Path, sent: Dict[str, List[str]]) -> List[str]:
    """Conversations of which some user message is not in the SQLite tracker store."""
    return missing(sqlite_user_events(db), sent)


def missing(user_events: Iterable[Tuple[str, str]], sent: Dict[str, List[str]]) -> List[str]:
    """Conversations of which some message of `sent` is not among the stored (sender_id, data) user events."""
    stored = stored_texts(user_events)
    return [sender for sender, texts in sent.items() if not _in_order(texts, stored.get(sender, []))]


def out_of_place(user_events: Iterable[Tuple[str, str]], result: LoadResult) -> List[str]:
    """Conversations whose store lacks an answered message, or holds a message twice, out of order or never sent:
    each conversation's stored messages must run in the order sent, and include every answered one."""
    if any(len(set(sent)) < len(sent) for sent in result.sent.values()):
        raise ValueError(f"Au plus {len(QUESTIONS)} messages par conversation : au-delà, un doublon ne se voit pas.")
    stored = stored_texts(user_events)
    return [
        sender
        for sender, sent in result.sent.items()
        if not _in_order(result.answered[sender], stored.get(sender, [])) or not _in_order(stored.get(sender, []), sent)
    ]


def figures(result: LoadResult, missing: List[str]) -> str:
    """The Markdown table for docs/reliability.md."""
    return "\n".join(
        [
            f"Mesuré le {date.today().isoformat()} : {result.conversations} conversations simultanées × {result.turns} "
            f"messages sur REST, un serveur Rasa et un serveur d'actions sur la même machine "
            f"({os.cpu_count()} cœurs, Python {platform.python_version()}), suivi des conversations en SQLite.",
            "",
            "| mesure | valeur |",
            "| --- | --- |",
            f"| messages envoyés | {result.messages} |",
            f"| durée | {result.seconds:.1f} s |",
            f"| débit | {result.messages / result.seconds:.1f} messages/s |",
            f"| latence p50 | {result.percentile(0.50) * 1000:.0f} ms |",
            f"| latence p95 | {result.percentile(0.95) * 1000:.0f} ms |",
            f"| latence max | {max(result.latencies) * 1000:.0f} ms |",
            f"| moyenne | {statistics.mean(result.latencies) * 1000:.0f} ms |",
            f"| erreurs (HTTP, réseau, excuses) | {len(result.errors)} |",
            f"| conversations incomplètes dans le suivi | {len(missing)} |",
        ]
    )


def write_figures(path: Path, table: str, markers: Tuple[str, str] = (FIGURES_START, FIGURES_END)) -> None:
    """Replace the text between the two markers of `path`, leaving the prose around them."""
    text = path.read_text(encoding="utf-8")
    start, end = markers
    before, rest = text.split(start, 1)
    _, after = rest.split(end, 1)
    path.write_text(f"{before}{start}\n{table}\n{end}{after}", encoding="utf-8")
