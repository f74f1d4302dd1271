"""Conversations live in the SQL tracker store: a restarted Rasa server still knows what was being discussed."""

import yaml

from bot.text import fold
from devstack.servers import ROOT


def test_the_default_tracker_store_is_a_file_git_ignores():
    store = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))["tracker_store"]
    assert (store["type"], store["dialect"], store["db"]) == (
        "components.tracker_store.ReconnectingSQLTrackerStore",
        "sqlite",
        "var/tracker.db",
    )


def test_context_survives_a_restart_of_the_rasa_server(stack):
    before = stack.chat()
    assert "aluquebec" in fold(before.say("Parle-moi de l'aluminium"))
    stack.restart_rasa()
    after = stack.chat(before.sender)
    assert "aluquebec.com" in fold(after.say("et son site ?"))
