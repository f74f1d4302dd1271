"""channels/answering.py: a turn's answers reach the visitor only once Rasa has finished (and stored) the turn; any
failure, or a turn that runs too long, ends with the French apology instead of nothing."""

import asyncio

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

import channels.answering as answering
from bot.answers import APOLOGY


def turn(handler, text: str = "Parle-moi de la mode") -> list:
    """Play one message through `guarded(handler)`; the texts the visitor received."""
    visitor = CollectingOutputChannel()
    asyncio.run(answering.guarded(handler)(UserMessage(text, visitor, "visitor")))
    return [message.get("text") for message in visitor.messages]


def test_answers_are_held_until_the_turn_is_over():
    visitor = CollectingOutputChannel()
    received_during_the_turn: list = []

    async def rasa(message: UserMessage) -> None:
        await message.output_channel.send_response(message.sender_id, {"text": "réponse"})  # as Rasa does
        received_during_the_turn.extend(visitor.messages)

    asyncio.run(answering.guarded(rasa)(UserMessage("Parle-moi de la mode", visitor, "visitor")))
    assert received_during_the_turn == []
    assert [message["text"] for message in visitor.messages] == ["réponse"]


def test_a_failed_turn_sends_the_apology_and_not_its_partial_answers():
    async def rasa(message: UserMessage) -> None:
        await message.output_channel.send_response(message.sender_id, {"text": "réponse jamais enregistrée"})
        raise ConnectionError("tracker store down")

    assert turn(rasa) == [APOLOGY]


def test_a_turn_that_lasts_too_long_is_ended_with_the_apology(monkeypatch):
    monkeypatch.setattr(answering, "TURN_SECONDS", 0.2)

    async def rasa(message: UserMessage) -> None:
        await asyncio.sleep(5)  # waiting for a conversation lock that never comes
        await message.output_channel.send_response(message.sender_id, {"text": "trop tard"})  # as Rasa does

    assert turn(rasa) == [APOLOGY]


def test_a_turn_without_any_answer_still_gets_one():
    async def rasa(message: UserMessage) -> None:
        return None

    assert turn(rasa) == [APOLOGY]


def test_the_channel_is_told_once_a_turn_is_complete():
    events: list = []
    visitor = CollectingOutputChannel()

    async def rasa(message: UserMessage) -> None:
        await message.output_channel.send_response(message.sender_id, {"text": "un"})
        await message.output_channel.send_response(message.sender_id, {"text": "deux"})

    async def turn_done(channel, recipient: str) -> None:
        events.append((recipient, [m["text"] for m in visitor.messages]))

    handle = answering.guarded(rasa, turn_done)
    asyncio.run(handle(UserMessage("Parle-moi de la mode", visitor, "visiteur")))
    asyncio.run(handle(UserMessage("", visitor, "visiteur")))  # screened: the guard's own reply, then done too
    assert events[0] == ("visiteur", ["un", "deux"])
    assert len(events) == 2 and len(events[1][1]) == 3
