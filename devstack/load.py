"""The one load client, over REST (asyncio + aiohttp, localhost only): visitors at once, each waiting for its
answer before the next message, every message's outcome timed the same way.

For the reliability runs (`drive`, `fault_under_load`, `run`; tests/reliability/, `make reliability` and
`make soak` write their figures into docs/reliability.md): fixed conversations, faults during the load, and whether
every user message reached the tracker store. For the bench (`play`; bench/service.py, bench/profile.py): the
closed loop whose latency and throughput docs/benchmarks.md reports."""

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
from typing import Any, Awaitable, Callable, Dict, Iterable, List, Sequence, Tuple, Union
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


Body = Callable[[str, str], Dict[str, Any]]  # (sender, text) -> the JSON body posted


def rest_body(sender: str, text: str) -> Dict[str, Any]:
    """A visitor's message to Rasa's REST channel."""
    return {"sender": sender, "message": text}


def parse_body(_sender: str, text: str) -> Dict[str, Any]:
    """The text alone, for Rasa's /model/parse: the bench times the NLU without the dialogue."""
    return {"text": text}


@dataclass
class Outcome:
    """One message: when it was sent and answered (`time.perf_counter()`), whether it got a real answer, and the
    index among the run's URLs of the server that took it (or last refused it)."""

    sent: float
    done: float
    error: str  # empty when answered: else the HTTP status and body (an apology is "200 [...]") or the exception
    server: int

    @property
    def answered(self) -> bool:
        return not self.error

    @property
    def latency(self) -> float:
        """In seconds."""
        return self.done - self.sent


async def _post(session: aiohttp.ClientSession, url: str, body: Dict[str, Any], apology_is_error: bool) -> str:
    """Post one message; an empty string when it got an answer (status 200, a body that is not empty and, with
    `apology_is_error`, not the channel's apology), else what went wrong."""
    async with session.post(url, json=body) as response:
        answer = await response.json(content_type=None)
        answered = response.status == 200 and bool(answer)
        if answered and apology_is_error and isinstance(answer, list):
            answered = answer[0].get("text") != APOLOGY
        return "" if answered else f"{response.status} {json.dumps(answer)[:200]}"


async def _send(
    session: aiohttp.ClientSession,
    urls: Sequence[str],
    first: int,
    sender: str,
    text: str,
    body: Body = rest_body,
    failover: bool = False,
    apology_is_error: bool = True,
) -> Outcome:
    """Send one message to `urls[first % len(urls)]` and time it; a transport failure or a timeout is an error too.
    With `failover`, a server that refuses the connection (it never saw the message) is skipped for the next one, as
    nginx's `proxy_next_upstream error` does; a message already sent is never sent again."""
    start = time.perf_counter()
    for attempt in range(len(urls) if failover else 1):
        server = (first + attempt) % len(urls)
        try:
            error = await _post(session, urls[server], body(sender, text), apology_is_error)
            break
        except aiohttp.ClientConnectorError as refused:
            error = repr(refused)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as failure:
            error = repr(failure)
            break
    return Outcome(start, time.perf_counter(), error, server)


def _local_only(urls: Iterable[str]) -> None:
    """Never aim a load at someone else's server."""
    if any(urlparse(url).hostname not in ("localhost", "127.0.0.1") for url in urls):
        raise ValueError("Test de charge réservé à un serveur local.")


def _sender(run_id: str, visitor: int, conversation: int) -> str:
    """A new sender id for each conversation of each visitor, never one of an earlier run on the same store."""
    return f"load-{run_id}-{visitor:02d}-{conversation}"


async def _at_once(
    visitors: int, timeout: float, visit: Callable[[aiohttp.ClientSession, int], Awaitable[None]]
) -> float:
    """`visit(session, number)` for every visitor at once, each on its own connection; the wall time in seconds."""
    connector = aiohttp.TCPConnector(limit=visitors)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=timeout)) as session:
        start = time.perf_counter()
        await asyncio.gather(*(visit(session, number) for number in range(visitors)))
        return time.perf_counter() - start


# --- the reliability runs: fixed conversations, faults, and what reached the tracker store ------------------


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


async def _conversation(session: aiohttp.ClientSession, first: int, sender: str, result: LoadResult) -> None:
    """Each turn to the next server of `result.servers` from `first` on, so that with several servers a
    conversation goes through them all."""
    sent, answered = result.sent.setdefault(sender, []), result.answered.setdefault(sender, [])
    for turn in range(result.turns):
        text = QUESTIONS[turn % len(QUESTIONS)]
        sent.append(text)
        outcome = await _send(session, result.servers, first + turn, sender, text, failover=result.failover)
        if outcome.answered:
            answered.append(text)
        else:
            result.errors.append(f"{sender} #{turn}: {outcome.error}")
        result.latencies.append(outcome.latency)
        result.outcomes.append(outcome)


async def drive(result: LoadResult, *base_urls: str, more: Callable[[], bool] = lambda: False) -> None:
    """`result.conversations` visitors at once, each sending `result.turns` messages one after the other, taking
    turns between the servers at `base_urls`; `result` fills up as answers come, for a test to watch. Each visitor
    then starts a new conversation as long as `more()` says so."""
    _local_only(base_urls)
    run_id = os.urandom(4).hex()
    result.servers = [f"{url}/webhooks/rest/webhook" for url in base_urls]

    async def visitor(session: aiohttp.ClientSession, number: int) -> None:
        conversation = 0
        while conversation == 0 or more():
            await _conversation(session, number, _sender(run_id, number, conversation), result)
            conversation += 1

    result.seconds = await _at_once(result.conversations, 120, visitor)


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
            f"messages sur REST, un serveur Rasa qui exécute lui-même les actions (`make serve`, {os.cpu_count()} "
            f"cœurs, Python {platform.python_version()}), suivi des conversations en SQLite.",
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


# --- the bench's closed loop: given conversations, latencies of the answered messages only -------------------


@dataclass
class Load:
    """A closed-loop run as docs/benchmarks.md reports it: a message that fails (transport failure, timeout, status
    other than 200, empty answer) is an error and has no latency, so that failures cannot pass for fast answers."""

    users: int
    outcomes: List[Outcome] = field(default_factory=list)  # in the order the answers came
    wall_s: float = 0.0

    @property
    def latencies_ms(self) -> List[float]:
        return [outcome.latency * 1000 for outcome in self.outcomes if outcome.answered]

    @property
    def errors(self) -> int:
        return sum(not outcome.answered for outcome in self.outcomes)

    def summary(self) -> Dict[str, float]:
        sent, latencies = len(self.outcomes), self.latencies_ms
        return {
            "users": self.users,
            "messages": sent,
            "errors": self.errors,
            "wall_s": self.wall_s,
            "msg_per_s": sent / self.wall_s if self.wall_s else 0.0,
            **{f"p{q}_ms": percentile(latencies, q) for q in (50, 95, 99)},
        }


def play(
    urls: Union[str, List[str]], conversations: List[List[str]], users: int, turns_per_user: int, body: Body = rest_body
) -> Load:
    """`users` at once, each sending `turns_per_user` messages one after the other (closed loop: the next once the
    answer is in) and staying on one server, users dealt out among `urls` in turn. Each user walks through the
    conversations from its own starting point, one sender id per conversation, so that follow-up turns keep their
    context. The channel's apology counts as an answer here: the bench measures time, the reliability runs count
    apologies. `body=parse_body` for /model/parse."""
    urls = [urls] if isinstance(urls, str) else urls
    _local_only(urls)
    load, run_id = Load(users), os.urandom(4).hex()

    async def user(session: aiohttp.ClientSession, number: int) -> None:
        for sender, text in _turns(conversations, run_id, number, users, turns_per_user):
            outcome = await _send(session, urls, number, sender, text, body, apology_is_error=False)
            load.outcomes.append(outcome)

    load.wall_s = asyncio.run(_at_once(users, 60, user))
    return load


def _turns(conversations: List[List[str]], run_id: str, user: int, users: int, count: int) -> List[Tuple[str, str]]:
    """`count` (sender, text) pairs for one user, from its share of the conversations on."""
    turns: List[Tuple[str, str]] = []
    start, walked = user * len(conversations) // users, 0
    while len(turns) < count:
        sender = _sender(run_id, user, walked)
        turns += [(sender, text) for text in conversations[(start + walked) % len(conversations)]]
        walked += 1
    return turns[:count]
