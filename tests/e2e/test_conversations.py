"""Play our own conversations, then hostile inputs, against the running stack over REST."""

from pathlib import Path

import pytest
import yaml
from scoring import problems

from bot.text import fold

CONVERSATIONS = yaml.safe_load((Path(__file__).parent / "conversations.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("conversation", CONVERSATIONS, ids=[c["id"] for c in CONVERSATIONS])
def test_conversation(chat, conversation):
    for turn in conversation["turns"]:
        reply = chat.say(turn["say"])
        assert not problems(turn, reply), f"{turn['say']!r} -> {reply!r}"


HOSTILE = [
    "",
    "   ",
    "?!?!",
    "🙂🙂🙂",
    "<img src=x onerror=alert(1)>",
    "'; DROP TABLE events; --",
    "a" * 5000,
    "{{ 7*7 }} ${jndi:ldap://x}",
    "\u202eenilno\u200b\u200b",
    "你好，集群是什么？",
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_bad_input_gets_a_reply_and_the_next_answer_is_intact(chat, text):
    reply = chat.say(text)
    assert len(reply.strip()) >= 5
    assert "Traceback" not in reply
    assert "aluquebec" in fold(chat.say("Quel est le secrétariat de la grappe de l'aluminium ?"))
