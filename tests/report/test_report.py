"""`make report` on a tracker store filled here, shaped like the one Rasa's SQLTrackerStore writes.

The store holds real questions over three days in Montréal (one of them quiet), near-duplicates typed several
ways, junk and 👎 after answers. The test that writes the whole report also leaves it in reports/exemple/,
where docs/rapport-exemple.png is copied from (README.md, « Rapport pour l'équipe »).
"""

import csv
import json
import random
import shutil
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image

from bot.dialogue import Assistant
from scripts import report
from staff_report import french
from staff_report.grouping import group
from staff_report.junk import INJECTION, NO_LETTERS, ONE_CHARACTER, junk_reason

ROOT = Path(__file__).resolve().parents[2]

EXAMPLE = ROOT / "reports" / "exemple"
# The table as SQLTrackerStore (Rasa 3.6) creates it.
SCHEMA = """CREATE TABLE events (id INTEGER NOT NULL, sender_id VARCHAR(255) NOT NULL, type_name VARCHAR(255) NOT NULL,
timestamp FLOAT, intent_name VARCHAR(255), action_name VARCHAR(255), data TEXT, PRIMARY KEY (id))"""
NOT_SURE = "Je ne suis pas certain d'avoir compris. Pouvez-vous reformuler ?"
ONLY_CLUSTERS = "Je réponds aux questions sur les grappes métropolitaines du Grand Montréal."


class Conversation:
    """Appends a visitor's messages and the assistant's answers, as Rasa would store them, a minute apart."""

    def __init__(self, rows: list, sender: str, start: datetime) -> None:
        self.rows, self.sender, self.clock = rows, sender, start

    def _stamp(self) -> float:
        self.clock += timedelta(minutes=1)
        return self.clock.timestamp()

    def user(self, text: str, intent: str, grappes=(), message_id: str = "") -> "Conversation":
        entities = [{"entity": "grappe", "value": g, "extractor": "GrappeEntityExtractor"} for g in grappes]
        data = {
            "event": "user",
            "text": text,
            "message_id": message_id or f"m{len(self.rows)}",
            "parse_data": {"intent": {"name": intent}, "entities": entities, "text": text},
        }
        self.rows.append((self.sender, "user", self._stamp(), intent, None, json.dumps(data)))
        return self

    def bot(self, *texts: str) -> "Conversation":
        self.rows.append((self.sender, "action", self._stamp(), None, "action_answer", "{}"))
        for text in texts:
            data = json.dumps({"event": "bot", "text": text})
            self.rows.append((self.sender, "bot", self._stamp(), None, None, data))
        return self


def write_db(path: Path, rows: list) -> Path:
    with sqlite3.connect(path) as connection:
        connection.execute(SCHEMA)
        connection.executemany(
            "INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
    connection.close()
    return path


def at(day: int, month: int, hour: int) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=french.MONTREAL)


def fill(rows: list) -> list:
    # 29 November: two visitors.
    (
        Conversation(rows, "visiteur-1", at(29, 11, 9))
        .user("Quel est le secrétariat de la grappe aérospatiale ?", "ask_secretariat", ["aerospatiale"])
        .bot("Le secrétariat de la grappe de l'aérospatiale est Aéro Montréal.")
        .user("/feedback_positive", "feedback_positive")
        .bot("Merci pour votre avis !")
        .user("et la mode ?", "inform_grappe", ["mode"])
        .bot("mmode, https://www.mmode.ca")
        .user("quel est le téléphone de mmode", "nlu_fallback", ["mode"])
        .bot(NOT_SURE)
        .user("<script>alert(1)</script>", "nlu_fallback")
        .bot(NOT_SURE)
    )
    (
        Conversation(rows, "visiteur-2", at(29, 11, 14))
        .user("quelle météo demain ?", "out_of_scope")
        .bot(ONLY_CLUSTERS)
        .user("c'est quoi le site de Aéro Montréal", "ask_website", ["aerospatiale"])
        .bot("Site : https://www.aeromontreal.ca", "Autre partie de la réponse.")
        .user("/feedback_negative", "feedback_negative", message_id="avis")
        .bot("Merci de nous l'avoir signalé.")
        # The two-stage fallback replays a clarified message with the same id: not a second 👎.
        .user("/feedback_negative", "feedback_negative", message_id="avis")
        .bot("Merci de nous l'avoir signalé.")
    )
    # 30 November: nobody. 1st December: three visitors.
    (
        Conversation(rows, "visiteur-3", at(1, 12, 8))
        .user("numéro de téléphone de mmode ?", "nlu_fallback", ["mode"])
        .bot(NOT_SURE)
        .user("tel mmode", "nlu_fallback", ["mode"])
        .bot(NOT_SURE)
        .user("quel est le téléphone de mmode", "nlu_fallback", ["mode"])
        .bot(NOT_SURE)
        .user("?", "nlu_fallback")
        .bot(NOT_SURE)
        .user("le courriel de Finance Montréal", "nlu_fallback", ["services_financiers"])
        .bot(NOT_SURE)
        .user("'; DROP TABLE events; --", "nlu_fallback")
        .bot(NOT_SURE)
    )
    (
        Conversation(rows, "visiteur-4", at(1, 12, 9))
        .user('/ask_website{"grappe": "mode"}', "ask_website", ["mode"])
        .bot("Site de mmode : https://www.mmode.ca")
        .user("/feedback_negative", "feedback_negative")
        .bot("Merci de nous l'avoir signalé.")
        .user("Tel MMODE", "nlu_fallback", ["mode"])
        .bot(NOT_SURE)
        .user("courriel finance montréal ?", "nlu_fallback", ["services_financiers"])
        .bot(NOT_SURE)
        .user("blorp zzz", "nlu_fallback")
        .bot(NOT_SURE)
        .user("你好，集群是什么？", "nlu_fallback")
        .bot(NOT_SURE)
        .user("météo de demain", "out_of_scope")
        .bot(ONLY_CLUSTERS)
        .user("restaurants à Montréal", "out_of_scope")
        .bot(ONLY_CLUSTERS)
    )
    (
        Conversation(rows, "visiteur-5", at(1, 12, 21))
        .user("Qui est le président d'Aéro Montréal ?", "ask_secretariat", ["aerospatiale"])
        .bot("Mes sources ne donnent pas le nom de ses dirigeants actuels.")
        .user("Où sont les bureaux de Montréal InVivo ?", "ask_secretariat", ["sciences_vie"])
        .bot("Mes sources ne donnent pas l'adresse de ses bureaux.")
        .user("a", "nlu_fallback")
        .bot(NOT_SURE)
        .user("???", "nlu_fallback")
        .bot(NOT_SURE)
    )
    return rows


@pytest.fixture(scope="module")
def tracker_db(tmp_path_factory):
    return write_db(tmp_path_factory.mktemp("store") / "tracker.db", fill([]))


@pytest.fixture(scope="module")
def summary(tracker_db):
    return report.build(tracker_db)


@pytest.fixture(scope="module")
def written(summary, tracker_db):
    """The whole report, left in reports/exemple/ to look at (and to refresh docs/rapport-exemple.png from)."""
    shutil.rmtree(EXAMPLE, ignore_errors=True)
    files = report.write_files(summary, tracker_db, EXAMPLE / "rapport.html")
    return {path.name: path for path in files}


def texts(groups):
    return [dict(g.formulations) for g in groups]


def test_summary_counts(summary):
    assert summary.conversations == 5
    assert summary.visitor_messages == 23  # every message but the three 👍/👎 (the replayed one once)
    assert summary.buttons == 1
    assert summary.questions == 17  # typed, junk left out
    assert summary.understood == 17 - 9
    assert (summary.liked, len(summary.disliked)) == (1, 2)
    assert summary.bot_messages == 28


def test_a_thumbs_down_comes_with_its_question_its_whole_answer_and_its_date(summary):
    first, second = summary.disliked
    assert (first.question, first.answer) == (
        "c'est quoi le site de Aéro Montréal",
        "Site : https://www.aeromontreal.ca\nAutre partie de la réponse.",
    )
    assert french.moment(first.when) == "29 novembre 2026 à 14 h 08"
    assert second.question == '(bouton) /ask_website{"grappe": "mode"}'
    assert second.answer == "Site de mmode : https://www.mmode.ca"


def test_near_duplicates_make_one_group_and_unrelated_questions_stay_apart(summary):
    phone, email, *others = summary.groups["nlu_fallback"]
    assert phone.count == 5
    assert phone.representative == "quel est le téléphone de mmode"
    assert dict(phone.formulations) == {
        "quel est le téléphone de mmode": 2,
        "Tel MMODE": 2,  # "tel mmode" too
        "numéro de téléphone de mmode ?": 1,
    }
    assert (phone.clusters, phone.attribute) == (("mode",), "telephone")
    assert dict(email.formulations) == {"courriel finance montréal ?": 1, "le courriel de Finance Montréal": 1}
    assert email.attribute == "courriel"
    assert texts(others) == [{"blorp zzz": 1}, {"你好，集群是什么？": 1}]
    weather, restaurants = summary.groups["out_of_scope"]
    assert dict(weather.formulations) == {"quelle météo demain ?": 1, "météo de demain": 1}
    assert dict(restaurants.formulations) == {"restaurants à Montréal": 1}


def test_groups_do_not_depend_on_the_order_of_the_store(summary):
    reader = Assistant.from_directory().reader
    questions = [text for g in summary.groups["nlu_fallback"] for text, n in g.formulations for _ in range(n)]
    shuffled = random.Random(7).sample(questions, len(questions))
    assert group((t, reader.read(t)) for t in shuffled) == group((t, reader.read(t)) for t in questions)


def test_junk_is_counted_apart_by_reason(summary):
    assert {reason: sorted(found) for reason, found in summary.junk.items()} == {
        INJECTION: ["'; DROP TABLE events; --", "<script>alert(1)</script>"],
        ONE_CHARACTER: ["?", "a"],
        NO_LETTERS: ["???"],
    }
    grouped = {text for groups in summary.groups.values() for g in groups for text, _ in g.formulations}
    assert not grouped & {"?", "a", "???", "<script>alert(1)</script>"}


@pytest.mark.parametrize(
    "text, reason",
    [
        ("<img src=x onerror=alert(1)>", INJECTION),
        ("{{ 7*7 }}", INJECTION),
        ("${jndi:ldap://x/a}", INJECTION),
        ("../../../../etc/passwd", INJECTION),
        ("1' OR '1'='1", INJECTION),
        ("%s%s%s%n", INJECTION),
        ("🙂🙂🙂", NO_LETTERS),
        ("1234", NO_LETTERS),
        ("!", ONE_CHARACTER),
        ("Quelle grappe pour <nom de mon entreprise> ?", None),
        ("combien de PME ? 5 % ?", None),
        ("你好", None),
        ("مرحبا، ما هي المجموعات؟", None),
    ],
)
def test_junk_rules(text, reason):
    assert junk_reason(text) == reason


def test_most_asked_clusters_and_attributes_come_from_understanding(summary):
    assert summary.clusters.most_common(3) == [("mode", 7), ("aerospatiale", 3), ("services_financiers", 2)]
    assert summary.attributes == {"telephone": 5, "courriel": 2, "dirigeant": 1, "adresse": 1}


def test_french_dates():
    assert french.long_date(date(2026, 12, 1)) == "1er décembre 2026"
    assert french.long_date(date(2026, 8, 15)) == "15 août 2026"
    assert french.short_date(date(2026, 2, 1)) == "1er févr."
    assert french.period(date(2026, 11, 29), date(2026, 12, 1)) == "du 29 novembre 2026 au 1er décembre 2026"
    assert french.moment(at(1, 12, 9).replace(minute=5)) == "1er décembre 2026 à 9 h 05"


def test_text_report_in_order(tracker_db, capsys):
    report.main(["--db", str(tracker_db)])
    printed = capsys.readouterr().out
    sections = [
        "Résumé",
        "Réponses jugées inutiles 👎 : 2",
        "Questions non comprises (repli) : 9 questions en 4 groupes",
        "Questions hors sujet : 3 questions en 2 groupes",
        "Messages parasites, comptés à part : 5",
        "Grappes les plus demandées :",
        "Attributs précis les plus demandés :",
    ]
    assert [printed.index(s) for s in sections] == sorted(printed.index(s) for s in sections)
    for expected in (
        "Période : du 29 novembre 2026 au 1er décembre 2026 (heure de Montréal)",
        "Conversations : 5",
        "Questions comprises : 47 % (8 sur 17 questions tapées",
        "Avis : 1 👍, 2 👎",
        "Question : « c'est quoi le site de Aéro Montréal »",
        "NC1. « quel est le téléphone de mmode » : 5 questions — grappe : Mode ; attribut : numéro de téléphone",
        "aussi : « Tel MMODE » (×2), « numéro de téléphone de mmode ? »",
        "HS1. « quelle météo demain ? » : 2 questions",
        "ressemble à une injection : 2",
        "un seul caractère : 2",
        "sans aucune lettre : 1",
        "  - Mode : 7",
        "  - numéro de téléphone : 5",
    ):
        assert expected in printed
    assert "/feedback" not in printed


def test_csv_of_groups_ready_for_training(written):
    with written["rapport-groupes.csv"].open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["groupe"], r["intention_du_modele"], r["nombre"]) for r in rows] == [
        ("NC1", "nlu_fallback", "5"),
        ("NC2", "nlu_fallback", "2"),
        ("NC3", "nlu_fallback", "1"),
        ("NC4", "nlu_fallback", "1"),
        ("HS1", "out_of_scope", "2"),
        ("HS2", "out_of_scope", "1"),
    ]
    phone = rows[0]
    assert phone["representant"] == "quel est le téléphone de mmode"
    assert phone["exemples"].split("\n") == [
        "quel est le téléphone de mmode",
        "Tel MMODE",
        "numéro de téléphone de mmode ?",
    ]
    assert (phone["grappes"], phone["attribut"], phone["intention_suggeree"]) == ("Mode", "numéro de téléphone", "")


def test_csv_suggests_the_intent_of_an_aspect_and_no_cell_starts_like_a_formula(tmp_path):
    rows = []
    (
        Conversation(rows, "x", at(1, 12, 8))
        .user('=HYPERLINK("http://x") cliquez', "nlu_fallback")
        .bot(NOT_SURE)
        .user("le site internet de mmode ?", "nlu_fallback")
        .bot(NOT_SURE)
        .user("site web mmode", "nlu_fallback")
        .bot(NOT_SURE)
    )
    db = write_db(tmp_path / "tracker.db", rows)
    written = report.write_files(report.build(db), db, tmp_path / "rapport.html")
    content = written[1].read_text(encoding="utf-8")
    assert "'=HYPERLINK" in content and ",=HYPERLINK" not in content
    with written[1].open(encoding="utf-8", newline="") as handle:
        suggested = {row["representant"]: row["intention_suggeree"] for row in csv.DictReader(handle)}
    assert suggested == {"le site internet de mmode ?": "ask_website", '\'=HYPERLINK("http://x") cliquez': ""}


def test_charts_are_png_images_embedded_in_the_page(written):
    charts = {name: path for name, path in written.items() if name.endswith(".png")}
    assert sorted(charts) == [
        "rapport-attributs.png",
        "rapport-grappes.png",
        "rapport-messages-par-jour.png",
        "rapport-non-compris-par-jour.png",
    ]
    for path in charts.values():
        with Image.open(path) as image:
            assert (image.format, image.size) == ("PNG", (800, 360))
            assert len(image.convert("RGB").getcolors(maxcolors=1 << 16)) > 20  # drawn, not blank
    page = written["rapport.html"].read_text(encoding="utf-8")
    assert page.count('<img src="data:image/png;base64,') == 4


def test_html_page_is_french_escaped_and_names_fonts_for_every_script(written):
    page = written["rapport.html"].read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "du 29\u00a0novembre" not in page and "du 29 novembre 2026 au 1er décembre 2026" in page
    assert "Conversations\u00a0: 5" in page and "«\u00a0<bdi>quel est le téléphone de mmode</bdi>\u00a0»" in page
    assert "47\u00a0%" in page
    assert "你好，集群是什么？" in page
    for font in ('"Noto Sans"', '"Noto Sans Arabic"', '"Noto Sans CJK SC"', '"Noto Color Emoji"'):
        assert font in page


def test_setup_installs_the_fonts_in_one_apt_line():
    installs = [
        line
        for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
        if line.strip().startswith("$(SUDO) apt-get install")
    ]
    assert len(installs) == 1
    for package in ("chromium", "fonts-noto-core", "fonts-noto-cjk", "fonts-noto-color-emoji"):
        assert package in installs[0].split()


def test_missing_or_foreign_database_is_explained(tmp_path):
    with pytest.raises(SystemExit, match="introuvable"):
        report.main(["--db", str(tmp_path / "absent.db")])
    other = tmp_path / "autre.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(SystemExit, match="n'est pas une base de conversations"):
        report.main(["--db", str(other)])


def test_empty_store_says_so_and_leaves_no_chart_of_another_store(tmp_path, capsys):
    page = tmp_path / "rapport.html"
    (tmp_path / "rapport-grappes.png").write_bytes(b"an earlier report")
    report.main(["--db", str(write_db(tmp_path / "vide.db", [])), "--html", str(page)])
    assert "Aucune conversation enregistrée" in capsys.readouterr().out
    assert "Aucune conversation enregistrée" in page.read_text(encoding="utf-8")
    assert not list(tmp_path.glob("*.png"))


def test_the_same_need_about_another_cluster_joins_its_group_and_another_need_does_not():
    reader = Assistant.from_directory().reader
    asked = [
        "quel est le téléphone de mmode",
        "tel mmode",
        "téléphone d'Aéro Montréal",
        "site web de mmode",
        "quand a été fondée mmode ?",
    ]
    phone, *others = group((text, reader.read(text)) for text in asked)
    assert dict(phone.formulations) == {
        "quel est le téléphone de mmode": 1,
        "téléphone d'Aéro Montréal": 1,
        "tel mmode": 1,
    }
    assert phone.clusters == ("mode", "aerospatiale")  # most named first
    assert sorted(g.representative for g in others) == ["quand a été fondée mmode ?", "site web de mmode"]


def test_attribute_names_come_from_the_registry_labels():
    from bot.registry import ATTRIBUTES
    from staff_report.summary import attribute_name

    for attribute in ATTRIBUTES:
        name = attribute_name(attribute.id)
        assert name and not name.startswith(("de ", "d'", "le ", "l'")) and name.split()[-1] in attribute.label
    assert attribute_name("telephone") == "numéro de téléphone"
