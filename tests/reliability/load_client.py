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
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Dict, Iterable, List, Tuple
from urllib.parse import urlparse

import aiohttp

from bot.guard import APOLOGY

# A visitor's plausible path: clusters, follow-ups without a name, general questions.
QUESTIONS = [
    "Bonjour", "Parle-moi de l'aérospatiale", "et son secrétariat ?", "c'est quoi leur site ?", "et pour la mode ?",
    "Quelles sont les grappes ?", "Quel est le secrétariat de la grappe de l'aluminium ?",
    "combien d'emplois dans ce secteur ?", "notre fonds vise les biotechs", "qui finance les grappes ?",
]
FIGURES_START, FIGURES_END = "<!-- chiffres: début (make reliability) -->", "<!-- chiffres: fin -->"


@dataclass
class Outcome:
    """One message: when it was sent and answered (`time.perf_counter()`), and whether it got a real answer."""
    sent: float
    done: float
    answered: bool


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

    @property
    def messages(self) -> int:
        return len(self.latencies)

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def _conversation(session: aiohttp.ClientSession, urls: List[str], sender: str, result: LoadResult) -> None:
    """Each turn to the next server of `urls`, so that with several servers a conversation goes through them all."""
    sent, answered = result.sent.setdefault(sender, []), result.answered.setdefault(sender, [])
    for turn in range(result.turns):
        text = QUESTIONS[turn % len(QUESTIONS)]
        sent.append(text)
        start, error = time.perf_counter(), ""
        try:
            async with session.post(urls[turn % len(urls)], json={"sender": sender, "message": text}) as response:
                messages = await response.json(content_type=None)
                if response.status != 200 or not messages or messages[0].get("text") == APOLOGY:
                    error = f"{response.status} {json.dumps(messages)[:200]}"
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as failure:
            error = repr(failure)
        end = time.perf_counter()
        if error:
            result.errors.append(f"{sender} #{turn}: {error}")
        else:
            answered.append(text)
        result.latencies.append(end - start)
        result.outcomes.append(Outcome(start, end, not error))


async def drive(result: LoadResult, *base_urls: str) -> None:
    """`result.conversations` visitors at once, each sending `result.turns` messages one after the other, taking
    turns between the servers at `base_urls`; `result` fills up as answers come, for a test to watch."""
    if any(urlparse(url).hostname not in ("localhost", "127.0.0.1") for url in base_urls):
        raise ValueError("Test de charge réservé à un serveur local.")
    run_id = os.urandom(4).hex()
    urls = [f"{url}/webhooks/rest/webhook" for url in base_urls]
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=result.conversations),
                                     timeout=aiohttp.ClientTimeout(total=120)) as session:
        start = time.perf_counter()
        await asyncio.gather(*(_conversation(session, urls[n % len(urls):] + urls[:n % len(urls)],
                                             f"load-{run_id}-{n:02d}", result)
                               for n in range(result.conversations)))
        result.seconds = time.perf_counter() - start


async def run(base_url: str, conversations: int = 20, turns: int = 50) -> LoadResult:
    """`conversations` visitors at once on one server, each sending `turns` messages one after the other."""
    result = LoadResult(conversations, turns)
    await drive(result, base_url)
    return result


def _in_order(sent: List[str], stored: List[str]) -> bool:
    """Every sent text stored, in order; the two-stage fallback stores a rephrased message a second time."""
    remaining = iter(stored)
    return all(any(text == candidate for candidate in remaining) for text in sent)


def missing_from_tracker_store(db: Path, sent: Dict[str, List[str]]) -> List[str]:
    """Conversations of which some user message is not in the SQLite tracker store."""
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT sender_id, data FROM events WHERE type_name = 'user' ORDER BY id").fetchall()
    return missing(rows, sent)


def missing(user_events: Iterable[Tuple[str, str]], sent: Dict[str, List[str]]) -> List[str]:
    """Conversations of which some message of `sent` is not among the stored (sender_id, data) user events."""
    stored: Dict[str, List[str]] = {}
    for sender, data in user_events:
        stored.setdefault(sender, []).append(json.loads(data).get("text"))
    return [sender for sender, texts in sent.items() if not _in_order(texts, stored.get(sender, []))]


def figures(result: LoadResult, missing: List[str]) -> str:
    """The Markdown table for docs/reliability.md."""
    return "\n".join([
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
    ])


def write_figures(path: Path, table: str) -> None:
    """Replace the text between the two markers of `path`, leaving the prose around them."""
    text = path.read_text(encoding="utf-8")
    before, rest = text.split(FIGURES_START, 1)
    _, after = rest.split(FIGURES_END, 1)
    path.write_text(f"{before}{FIGURES_START}\n{table}\n{FIGURES_END}{after}", encoding="utf-8")
