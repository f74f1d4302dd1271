"""Actions run inside Rasa (`make serve`): an action that fails gets the visitor the same French apology as a failing
action server, the conversation goes on with its context, and a slow action holds up no other conversation."""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import yaml
from faulty_actions import SLOW_SECONDS

from bot.answers import APOLOGY
from bot.text import fold
from devstack.stack import Stack


@pytest.fixture(scope="module")
def faulty_stack(tmp_path_factory):
    stack = Stack(tmp_path_factory.mktemp("faulty-actions"))
    endpoints = yaml.safe_load(stack.endpoints.read_text())
    assert endpoints["action_endpoint"] == {"actions_module": "actions"}  # as endpoints.yml
    endpoints["action_endpoint"]["actions_module"] = "tests.reliability.faulty_actions"
    stack.endpoints.write_text(yaml.safe_dump(endpoints))
    yield stack.start()
    stack.stop()


def test_a_failing_action_gets_the_apology_and_the_conversation_goes_on(faulty_stack):
    chat = faulty_stack.chat()
    assert "aluquebec" in fold(chat.say("Quel est le secrétariat de la grappe de l'aluminium ?"))
    assert chat.say("son site, en panne ?") == APOLOGY
    assert "aluquebec.com" in fold(chat.say("et son site ?"))  # context kept, answers back at once
    log = faulty_stack.actions_log.read_text(encoding="utf-8")
    assert "panne simulée" in log  # the trace goes to the log, not to the visitor


def test_a_slow_action_holds_up_no_other_conversation(faulty_stack):
    slow, other = faulty_stack.chat(), faulty_stack.chat()
    with ThreadPoolExecutor(max_workers=1) as pool:
        began = time.perf_counter()
        slow_reply = pool.submit(slow.say, "Parle-moi de la mode, lentement")
        time.sleep(0.3)  # the slow action is running
        asked = time.perf_counter()
        other_reply = other.say("Quel est le site d'Aéro Montréal ?")
        other_took = time.perf_counter() - asked
        assert "aeromontreal" in fold(other_reply)
        assert "mmode" in fold(slow_reply.result())
        slow_took = time.perf_counter() - began
    print(
        f"\nAction lente ({SLOW_SECONDS:.0f} s) : {slow_took:.2f} s ; l'autre conversation, pendant ce temps : "
        f"{other_took:.2f} s"
    )
    assert slow_took >= SLOW_SECONDS and other_took < SLOW_SECONDS / 2
