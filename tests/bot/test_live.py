"""bot/live.py: an edit of knowledge/ answers from the next turn on; a broken edit is refused and logged, the
previous version answering until the files are fixed."""

import logging
import shutil

import pytest

from bot.dialogue import Turn
from bot.knowledge import DEFAULT_DIR, KnowledgeError
from bot.live import LiveAssistant

QUESTION = Turn(intent="ask_website", text="Quel est le site de mmode ?")


@pytest.fixture
def knowledge_copy(tmp_path):
    copy = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_DIR, copy)
    return copy


def answer(live: LiveAssistant) -> str:
    return "\n".join(a.text for a in live.current().respond(QUESTION).answers)


def replace_in(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_edit_answers_from_the_next_turn_without_a_restart(knowledge_copy):
    live = LiveAssistant(knowledge_copy)
    assert "mmode.ca" in answer(live)
    first = live.current()
    assert live.current() is first  # nothing changed: nothing reloaded
    replace_in(knowledge_copy / "grappes.yml", "https://www.mmode.ca", "https://www.mmode-quebec.ca")
    assert "mmode-quebec.ca" in answer(live)


def test_a_broken_edit_is_refused_logged_once_and_the_previous_version_answers(knowledge_copy, caplog):
    live = LiveAssistant(knowledge_copy)
    grappes = knowledge_copy / "grappes.yml"
    replace_in(grappes, "https://www.mmode.ca", "https://www.mmode-quebec.ca")
    assert "mmode-quebec.ca" in answer(live)

    with caplog.at_level(logging.ERROR, logger="bot.live"):
        replace_in(grappes, 'site_web: "https://www.mmode-quebec.ca"', 'site_web: "mmode sans adresse"')
        assert "mmode-quebec.ca" in answer(live)
        assert "mmode-quebec.ca" in answer(live)
    refused = [record.getMessage() for record in caplog.records]
    assert len(refused) == 1 and "grappes.yml" in refused[0] and "site_web" in refused[0], refused

    replace_in(grappes, 'site_web: "mmode sans adresse"', 'site_web: "https://www.mmode.ca"')
    assert "mmode.ca" in answer(live) and "mmode-quebec" not in answer(live)


def test_a_file_removed_while_saving_is_refused_then_picked_up_when_back(knowledge_copy):
    live = LiveAssistant(knowledge_copy)
    grappes = knowledge_copy / "grappes.yml"
    saved = grappes.read_text(encoding="utf-8")
    grappes.unlink()
    assert "mmode.ca" in answer(live)
    grappes.write_text(saved.replace("https://www.mmode.ca", "https://www.mmode-quebec.ca"), encoding="utf-8")
    assert "mmode-quebec.ca" in answer(live)


def test_broken_knowledge_at_start_still_refuses_to_start(knowledge_copy):
    (knowledge_copy / "general.yml").write_text("", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="general.yml"):
        LiveAssistant(knowledge_copy)


def test_a_new_alias_is_understood_from_the_next_turn(knowledge_copy):
    """docs/knowledge.md's worked example: « assurtech » added to the activities of the financial cluster."""
    live = LiveAssistant(knowledge_copy)
    question = Turn(intent="investor_fit", text="Je lance une assurtech : quelle grappe me convient ?")
    assert "Finance Montréal" not in "\n".join(a.text for a in live.current().respond(question).answers)
    replace_in(knowledge_copy / "grappes.yml", 'activites: ["banque", ', 'activites: ["assurtech", "banque", ')
    assert "Finance Montréal" in "\n".join(a.text for a in live.current().respond(question).answers)
