"""channels/requests.py: a REST body or socket.io message the channel cannot read is Rejected with a status and a
French reason; a well-formed one is read."""

import json

import pytest

from bot.guard import MAX_BODY_BYTES
from channels.requests import Rejected, read_rest_body, read_socket_data


@pytest.mark.parametrize(
    "body,status",
    [
        (b"", 400),
        (b"not json", 400),
        (b"\xff\xfe", 400),
        (b"[1, 2]", 400),
        (b'"texte"', 400),
        (b"null", 400),
        (b"[" * 5000 + b"]" * 5000, 400),
        (b'{"message": "bonjour"}', 400),
        (b'{"sender": "", "message": "bonjour"}', 400),
        (b'{"sender": 12, "message": "bonjour"}', 400),
        (b'{"sender": "a\\nb", "message": "bonjour"}', 400),
        (json.dumps({"sender": "x" * 129, "message": "bonjour"}).encode(), 400),
        (b'{"sender": "a"}', 400),
        (b'{"sender": "a", "message": null}', 400),
        (b'{"sender": "a", "message": 5}', 400),
        (b'{"sender": "a", "message": ["bonjour"]}', 400),
        (b'{"sender": "a", "message": "x", "metadata": "y"}', 400),
        (b'{"sender": "a", "message": "' + b"x" * MAX_BODY_BYTES + b'"}', 413),
    ],
)
def test_malformed_rest_bodies_are_rejected_with_a_reason(body, status):
    with pytest.raises(Rejected) as rejected:
        read_rest_body(body)
    assert rejected.value.status == status and rejected.value.reason


def test_well_formed_rest_body_is_read():
    incoming = read_rest_body(json.dumps({"sender": "eval-d-greet-1a2b", "message": "allo", "metadata": {}}).encode())
    assert (incoming.sender, incoming.message) == ("eval-d-greet-1a2b", "allo")


@pytest.mark.parametrize("data", ["texte", None, [1], {"message": 5}, {"message": "x", "metadata": [1]}])
def test_malformed_socket_messages_are_rejected(data):
    with pytest.raises(Rejected):
        read_socket_data(data, "sid123", session_persistence=False)


def test_socket_sender_is_the_session_when_sessions_persist():
    assert read_socket_data({"message": "allo", "session_id": "abc"}, "sid", True).sender == "abc"
    assert read_socket_data({}, "sid", False).message == ""
    with pytest.raises(Rejected):
        read_socket_data({"message": "allo"}, "sid", True)


def test_reasons_are_french_and_name_the_field():
    with pytest.raises(Rejected) as rejected:
        read_rest_body(b'{"sender": "a b", "message": "allo"}')
    assert rejected.value.reason.startswith("« sender » doit être un identifiant de 1 à 128 caractères")
