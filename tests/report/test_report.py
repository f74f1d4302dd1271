"""scripts/report.py on a small tracker store written here, shaped like the one Rasa's SQLTrackerStore writes."""
import json
import sqlite3
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import report  # noqa: E402

# The table as SQLTrackerStore (Rasa 3.6) creates it.
SCHEMA = """CREATE TABLE events (id INTEGER NOT NULL, sender_id VARCHAR(255) NOT NULL, type_name VARCHAR(255) NOT NULL,
timestamp FLOAT, intent_name VARCHAR(255), action_name VARCHAR(255), data TEXT, PRIMARY KEY (id))"""


class Conversation:
    """Appends a visitor's messages and the assistant's answers, as Rasa would store them."""

    def __init__(self, rows: list, sender: str) -> None:
        self.rows, self.sender = rows, sender

    def user(self, text: str, intent: str, grappes=(), message_id: str = "") -> "Conversation":
        entities = [{"entity": "grappe", "value": g, "extractor": "GrappeEntityExtractor"} for g in grappes]
        data = {"event": "user", "text": text, "message_id": message_id or f"m{len(self.rows)}",
                "parse_data": {"intent": {"name": intent}, "entities": entities, "text": text}}
        self.rows.append((self.sender, "user", 1700000000.0 + len(self.rows), intent, None, json.dumps(data)))
        return self

    def bot(self, text: str) -> "Conversation":
        self.rows.append((self.sender, "action", None, None, "action_answer", "{}"))
        self.rows.append((self.sender, "bot", 1700000000.0 + len(self.rows), None, None,
                          json.dumps({"event": "bot", "text": text})))
        return self


def write_db(path: Path, rows: list) -> Path:
    with sqlite3.connect(path) as connection:
        connection.execute(SCHEMA)
        connection.executemany("INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data) "
                               "VALUES (?, ?, ?, ?, ?, ?)", rows)
    return path


@pytest.fixture
def tracker_db(tmp_path):
    rows = []
    (Conversation(rows, "visiteur-1")
     .user("Quel est le secrétariat de la grappe aérospatiale ?", "ask_secretariat", ["aerospatiale"])
     .bot("Le secrétariat de la grappe de l'aérospatiale est Aéro Montréal.")
     .user("/feedback_positive", "feedback_positive").bot("Merci pour votre avis !")
     .user("et la mode ?", "inform_grappe", ["mode"]).bot("mmode, https://www.mmode.ca")
     .user("blorp zzz", "nlu_fallback", message_id="flou").bot("Je ne suis pas certain d'avoir compris.")
     .user("/out_of_scope", "out_of_scope").bot("Je réponds sur les grappes."))
    (Conversation(rows, "visiteur-2")
     .user("quelle météo demain ?", "out_of_scope").bot("Je réponds sur les grappes.")
     .user("c'est quoi le site de Aéro Montréal", "ask_website", ["aerospatiale"])
     .bot("Site : https://www.aeromontreal.ca").bot("Autre partie de la réponse.")
     .user("/feedback_negative", "feedback_negative", message_id="avis")
     .bot("Merci de nous l'avoir signalé.")
     # The two-stage fallback replays a clarified message with the same id: not a second 👎.
     .user("/feedback_negative", "feedback_negative", message_id="avis")
     .bot("Merci de nous l'avoir signalé."))
    return write_db(tmp_path / "tracker.db", rows)


def test_counts_conversations_messages_and_opinions(tracker_db):
    summary = report.summarize(report.read_events(tracker_db))
    assert summary.conversations == 2
    assert summary.visitor_messages == 6
    assert summary.bot_messages == 10
    assert summary.liked == 1


def test_lists_typed_questions_that_fell_back_or_went_out_of_scope(tracker_db):
    summary = report.summarize(report.read_events(tracker_db))
    assert dict(summary.fallbacks) == {"blorp zzz": 1}
    assert dict(summary.out_of_scope) == {"quelle météo demain ?": 1}


def test_a_thumbs_down_comes_with_the_question_and_the_whole_answer(tracker_db):
    summary = report.summarize(report.read_events(tracker_db))
    assert summary.disliked == [("c'est quoi le site de Aéro Montréal",
                                 "Site : https://www.aeromontreal.ca\nAutre partie de la réponse.")]


def test_most_asked_clusters_by_name(tracker_db, capsys):
    report.main(["--db", str(tracker_db)])
    printed = capsys.readouterr().out
    assert "Aérospatiale : 2" in printed
    assert printed.index("Aérospatiale : 2") < printed.index("Mode : 1")


def test_prints_a_french_report_and_writes_escaped_html(tracker_db, tmp_path, capsys):
    page = tmp_path / "rapport" / "rapport.html"
    report.main(["--db", str(tracker_db), "--html", str(page)])
    printed = capsys.readouterr().out
    for expected in ("Conversations : 2", "Avis : 1 👍, 1 👎", "« blorp zzz »", "« quelle météo demain ? »",
                     "Question : « c'est quoi le site de Aéro Montréal »"):
        assert expected in printed
    assert "/out_of_scope" not in printed
    assert "c&#x27;est quoi le site de Aéro Montréal" in page.read_text(encoding="utf-8")


def test_html_escapes_what_visitors_typed(tmp_path):
    rows = []
    Conversation(rows, "x").user("<script>alert(1)</script>", "nlu_fallback").bot("?")
    db = write_db(tmp_path / "tracker.db", rows)
    page = report.as_html(report.summarize(report.read_events(db)), db, {})
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_missing_or_foreign_database_is_explained(tmp_path):
    with pytest.raises(SystemExit, match="introuvable"):
        report.read_events(tmp_path / "absent.db")
    other = tmp_path / "autre.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(SystemExit, match="n'est pas une base de conversations"):
        report.read_events(other)


def test_empty_store_says_so(tmp_path, capsys):
    report.main(["--db", str(write_db(tmp_path / "vide.db", []))])
    assert "Aucune conversation enregistrée" in capsys.readouterr().out
