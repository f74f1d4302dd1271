"""A fact edited in knowledge/ while the stack runs is answered without a restart; a broken edit is refused, named
in the action server's log, and the previous version keeps answering, in the same conversation."""

import shutil
import time

import pytest

from bot.knowledge import DEFAULT_DIR, DIR_VARIABLE
from bot.text import fold
from devstack.stack import Stack


@pytest.fixture(scope="module")
def knowledge(tmp_path_factory):
    copy = tmp_path_factory.mktemp("live-knowledge") / "knowledge"
    shutil.copytree(DEFAULT_DIR, copy)
    return copy


@pytest.fixture(scope="module")
def live_stack(knowledge, tmp_path_factory):
    stack = Stack(tmp_path_factory.mktemp("live-stack"), actions_env={DIR_VARIABLE: str(knowledge)}).start()
    yield stack
    stack.stop()


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_edit_is_live_and_a_broken_one_is_refused_while_the_previous_version_answers(live_stack, knowledge):
    grappes = knowledge / "grappes.yml"
    chat = live_stack.chat()
    assert "mmode.ca" in fold(chat.say("Parle-moi de la mode"))

    edit(grappes, '"https://www.mmode.ca"', '"https://www.mmode-quebec.ca"')
    assert "mmode-quebec.ca" in fold(chat.say("et son site ?"))  # same conversation, context kept

    edit(grappes, 'site_web: "https://www.mmode-quebec.ca"', 'site_web: "mmode, sans adresse"')
    assert "mmode-quebec.ca" in fold(chat.say("et son site ?"))
    log = live_stack.actions_log.read_text(encoding="utf-8")
    assert "refusées" in log and "grappes.yml" in log and "secretariat.site_web" in log, log[-2000:]

    start = time.perf_counter()
    edit(grappes, 'site_web: "mmode, sans adresse"', 'site_web: "https://www.mmode.ca"')
    answer = fold(chat.say("et son site ?"))
    assert "mmode.ca" in answer and "mmode-quebec" not in answer
    print(f"\nConnaissances corrigées : réponse à jour en {time.perf_counter() - start:.2f} s, sans redémarrage.")
