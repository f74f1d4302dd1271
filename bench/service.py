"""The real stack over REST (Rasa running the actions, as `make serve`; two Rasa servers and an action server, as
`make serve-scale`; started with devstack/servers.py): conversation scores, latency, throughput, a long
conversation, CPU and memory, with the trivial bot measured the same way as the floor."""

import json
import statistics
import subprocess
import sys
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List

import yaml

from bench.common import (
    COMMANDS,
    LOGS,
    PROJECT_MODEL,
    RASA,
    ROOT,
    SHARED_EVAL,
    WORK,
    BenchError,
    Settings,
    run,
    say,
    shown,
    step,
)
from bench.resources import cpu_seconds, peak_rss_mb
from devstack import servers  # as the e2e tests start the stack
from devstack.load import Load, parse_body, play

CONVERSATIONS = {
    "../shared/eval/dev_conversations.yml": SHARED_EVAL / "dev_conversations.yml",
    "tests/e2e/conversations.yml": ROOT / "tests" / "e2e" / "conversations.yml",
}
WARM_UP_TURNS = 5  # the first answers build TensorFlow's graphs: not part of any figure
LONG_TURNS, LONG_SLICE = 200, 50  # the long conversation, and the slices whose medians are compared
THROUGHPUT_ROUNDS = 3  # windows of concurrent load per stack, taken in turn


@dataclass
class Stack:
    ports: List[int]  # of the Rasa servers
    processes: Dict[str, subprocess.Popen]  # "rasa" (and "rasa-2"...), and "actions" when the bot has custom actions

    @property
    def urls(self) -> List[str]:
        return [f"http://127.0.0.1:{port}/webhooks/rest/webhook" for port in self.ports]

    @property
    def url(self) -> str:
        return self.urls[0]

    @property
    def parse_url(self) -> str:
        return f"http://127.0.0.1:{self.ports[0]}/model/parse"


def rasa_options(model: Path) -> List[str]:
    """start_rasa's own --model comes first: this later one wins. Localhost only, since the API is enabled
    (for /model/parse)."""
    return ["--model", str(model), "--interface", "127.0.0.1", "--enable-api"]


def start_rasa(name: str, port: int, endpoints: Path, model: Path) -> subprocess.Popen:
    COMMANDS.setdefault(
        "rasa run",
        shown(
            [
                RASA,
                "run",
                "--port",
                port,
                "--endpoints",
                endpoints,
                "--credentials",
                "credentials.yml",
                *rasa_options(model),
            ]
        ),
    )
    return servers.start_rasa(port, endpoints, LOGS / f"{name}-rasa.log", *rasa_options(model))


@contextmanager
def running(work: Path, name: str, model: Path, with_actions: bool) -> Iterator[Stack]:
    """Rasa on a free port (never that of make serve, the tests or a colleague's servers), a fresh SQLite tracker
    store, as endpoints.yml has it: with the actions inside Rasa, as `make serve` runs them, or with no action
    endpoint at all (the floor bot has no custom action); stopped after."""
    endpoints_file = servers.write_endpoints(work / f"{name}-endpoints.yml", None, work / f"{name}.db")
    if not with_actions:
        endpoints = yaml.safe_load(endpoints_file.read_text())
        del endpoints["action_endpoint"]
        endpoints_file.write_text(yaml.safe_dump(endpoints))
    port, processes = servers.free_port(), {}
    try:
        processes["rasa"] = start_rasa(name, port, endpoints_file, model)
        yield Stack([port], processes)
    except servers.StackError as failure:
        raise BenchError(str(failure)) from None
    finally:
        for process in reversed(list(processes.values())):
            servers.stop(process)


@contextmanager
def running_on_both_cores(work: Path, model: Path) -> Iterator[Stack]:
    """`make serve-scale`'s deployment: two Rasa servers sharing PostgreSQL and Redis (endpoints.scale.yml), one
    action server, all on free ports."""
    COMMANDS.setdefault("datastores.sh", "scripts/datastores.sh start $TMP $PORT $PORT")
    try:
        with servers.datastores(LOGS / "deux-coeurs-datastores.log") as (database, redis_port):
            actions_port, *rasa_ports = servers.spare_ports(3)
            endpoints = servers.write_scale_endpoints(
                work / "deux-coeurs-endpoints.yml", actions_port, database, redis_port
            )
            processes: Dict[str, subprocess.Popen] = {}
            try:
                processes["actions"] = servers.start_actions(actions_port, LOGS / "deux-coeurs-actions.log")
                for number, port in enumerate(rasa_ports, start=1):
                    processes[f"rasa-{number}"] = start_rasa(f"deux-coeurs-{number}", port, endpoints, model)
                yield Stack(rasa_ports, processes)
            finally:
                for process in reversed(list(processes.values())):
                    servers.stop(process)
    except (servers.StackError, subprocess.CalledProcessError) as failure:
        raise BenchError(f"{failure} (journaux dans {LOGS})") from None


def conversations() -> List[List[str]]:
    """The texts of both conversation files, one list per conversation: the load test's script."""
    return [
        [turn["say"] for turn in conversation["turns"]]
        for path in CONVERSATIONS.values()
        for conversation in yaml.safe_load(path.read_text(encoding="utf-8"))
    ]


def score_conversations(stack: Stack) -> Dict[str, dict]:
    """../shared/eval/run_eval.py on each conversation file, as a separate process, exactly as graders run it."""
    scores = {}
    for label, path in CONVERSATIONS.items():
        report = WORK / f"eval-{path.stem}.json"
        run(
            "run_eval.py",
            [sys.executable, SHARED_EVAL / "run_eval.py", path, "--url", stack.url, "--report", report],
            LOGS / f"eval-{path.stem}.log",
        )
        results = json.loads(report.read_text(encoding="utf-8"))["results"]
        by_conversation: Dict[str, bool] = {}
        for turn in results:
            by_conversation[turn["conversation"]] = by_conversation.get(turn["conversation"], True) and turn["ok"]
        scores[label] = {
            "turns_ok": sum(t["ok"] for t in results),
            "turns": len(results),
            "conversations_ok": sum(by_conversation.values()),
            "conversations": len(by_conversation),
            "failed": [f"{t['conversation']}#{t['turn']}" for t in results if not t["ok"]],
        }
        say(f"  {label} : {scores[label]['turns_ok']}/{scores[label]['turns']} tours réussis")
    return scores


def exercise(stack: Stack, settings: Settings, script: List[List[str]]) -> dict:
    """NLU parse cost, then 1 user, then one long conversation."""
    play(stack.url, script, 1, WARM_UP_TURNS)
    parse = play(stack.parse_url, script, 1, settings.single_user_turns, parse_body)
    single = play(stack.url, script, 1, settings.single_user_turns)
    return {
        "parse": parse.summary(),
        "single": single.summary(),
        "single_ms": single.latencies_ms,
        "long": long_conversation(stack, script),
    }


def long_conversation(stack: Stack, script: List[List[str]]) -> dict:
    """One visitor's conversation of LONG_TURNS turns, the script's sentences one after the other under one sender
    id: the median latency of each slice of LONG_SLICE turns, to see whether a turn costs more as it goes on."""
    texts = [text for conversation in script for text in conversation]
    one_conversation = [(texts * (LONG_TURNS // len(texts) + 1))[:LONG_TURNS]]
    load = play(stack.url, one_conversation, 1, LONG_TURNS)
    latencies = load.latencies_ms
    return {
        "turns": LONG_TURNS,
        "errors": load.errors,
        "slice_medians_ms": [
            statistics.median(latencies[i : i + LONG_SLICE]) for i in range(0, LONG_TURNS, LONG_SLICE)
        ],
    }


def exercise_concurrent(stacks: Dict[str, Stack], settings: Settings, script: List[List[str]]) -> Dict[str, dict]:
    """N concurrent users on each stack (dealt out among its Rasa servers), in THROUGHPUT_ROUNDS windows per stack
    taken in turn, the order reversed every other round: the machine's drift over the minutes of the run falls on
    every stack alike, where measuring one stack after the other put it all on their ratio. Per stack, over its
    windows: messages per second of window, latencies, CPU share of each process; peak RSS at the end."""
    loads = {name: Load(settings.concurrent_users) for name in stacks}
    cpu = {name: dict.fromkeys(stack.processes, 0.0) for name, stack in stacks.items()}
    for round_number in range(THROUGHPUT_ROUNDS):
        for name in list(stacks) if round_number % 2 == 0 else list(stacks)[::-1]:
            stack = stacks[name]
            before = {process: cpu_seconds(p.pid) for process, p in stack.processes.items()}
            window = play(stack.urls, script, settings.concurrent_users, settings.turns_per_user)
            loads[name].outcomes.extend(window.outcomes)
            loads[name].wall_s += window.wall_s
            for process, p in stack.processes.items():
                cpu[name][process] += cpu_seconds(p.pid) - before[process]
    return {
        name: {
            "concurrent": load.summary(),
            "concurrent_ms": load.latencies_ms,
            "cpu_cores": {process: seconds / load.wall_s for process, seconds in cpu[name].items()},
            "rss_mb": {process: peak_rss_mb(p.pid) for process, p in stacks[name].processes.items()},
        }
        for name, load in loads.items()
    }


def describe(label: str, figures: dict) -> None:
    single, concurrent = figures["single"], figures["concurrent"]
    say(
        f"  {label} : 1 utilisateur p50 {single['p50_ms']:.0f} ms, p95 {single['p95_ms']:.0f} ms ; "
        f"{concurrent['users']} simultanés {concurrent['msg_per_s']:.1f} msg/s, {concurrent['errors']} erreurs"
    )


def measure(settings: Settings, work: Path, floor_model: Path, sans_spacy_model: Path) -> dict:
    script, results = conversations(), {}
    with ExitStack() as started:
        with step("Démarrage : bot trivial (plancher), assistant (`make serve`), assistant sur deux serveurs"):
            stacks = {
                "floor": started.enter_context(running(work, "plancher", floor_model, with_actions=False)),
                "ours": started.enter_context(running(work, "assistant", PROJECT_MODEL, with_actions=True)),
                "ours_both_cores": started.enter_context(running_on_both_cores(work, PROJECT_MODEL)),
            }
        with step("Assistant (Rasa, actions dans le processus, comme `make serve`) : conversations"):
            results["conversations"] = score_conversations(stacks["ours"])
        with step("Bot trivial (plancher), puis assistant : analyse, un utilisateur, longue conversation"):
            results["floor"] = exercise(stacks["floor"], settings, script)
            results["ours"] = exercise(stacks["ours"], settings, script)
        both = stacks["ours_both_cores"]
        play(both.urls, script, len(both.urls), WARM_UP_TURNS)
        with step(
            f"Débit, {settings.concurrent_users} simultanés : plancher, assistant, assistant sur deux serveurs "
            "(`make serve-scale` : PostgreSQL, Redis), fenêtres alternées"
        ):
            for name, figures in exercise_concurrent(stacks, settings, script).items():
                results.setdefault(name, {}).update(figures)
        describe("plancher", results["floor"])
        describe("assistant", results["ours"])
        concurrent = results["ours_both_cores"]["concurrent"]
        say(
            f"  deux serveurs : {concurrent['users']} simultanés {concurrent['msg_per_s']:.1f} msg/s, "
            f"{concurrent['errors']} erreurs"
        )
    with (
        step("NLU sans spaCy servie seule : coût d'analyse par message et mémoire"),
        running(work, "sans-spacy", sans_spacy_model, with_actions=False) as stack,
    ):
        play(stack.parse_url, script, 1, WARM_UP_TURNS, parse_body)
        results["sans_spacy"] = {
            "parse": play(stack.parse_url, script, 1, settings.single_user_turns, parse_body).summary(),
            "rss_mb": {"rasa": peak_rss_mb(stack.processes["rasa"].pid)},
        }
    return results
