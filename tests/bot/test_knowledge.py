import shutil
from pathlib import Path

import pytest
import yaml

from bot.knowledge import DEFAULT_DIR, KnowledgeError, load_knowledge


def test_real_knowledge_has_nine_official_clusters_and_a_tenth(knowledge):
    assert len(knowledge.official) == 9
    assert [g.id for g in knowledge.grappes if not g.liste_officielle] == ["transports_electriques"]


def test_every_figure_has_year_scope_and_source(knowledge):
    for grappe in knowledge.grappes:
        assert grappe.sources
        for figure in grappe.chiffres:
            assert figure.perimetre in ("Québec", "Grand Montréal", "non précisé")
            assert figure.source.startswith("http")
            assert figure.annee is None or 1990 <= figure.annee <= 2026


def test_secretariats_match_the_reference(knowledge):
    expected = {
        "aerospatiale": ("Aéro Montréal", 2006, "aeromontreal.ca"),
        "aluminium": ("AluQuébec", 2013, "aluquebec.com"),
        "cinema_television": ("Bureau du cinéma et de la télévision du Québec", 2006, "bctq.ca"),
        "logistique_transport": ("CargoM", 2012, "cargo-montreal.ca"),
        "mode": ("mmode", 2015, "mmode.ca"),
        "sciences_vie": ("Montréal InVivo", 2002, "montreal-invivo.com"),
        "services_financiers": ("Finance Montréal", 2010, "finance-montreal.com"),
        "technologies_information": ("TechnoMontréal", 2007, "technomontreal.com"),
        "technologies_propres": ("Écotech Québec", 2009, "ecotechquebec.com"),
    }
    for grappe_id, (name, year, domain) in expected.items():
        sec = knowledge.get(grappe_id).secretariat
        assert (sec.nom, sec.fondation) == (name, year)
        assert sec.site_web.endswith(domain)


@pytest.fixture
def broken_dir(tmp_path):
    """A copy of knowledge/ to break one field at a time."""
    target = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_DIR, target)
    return target


def _edit(path: Path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


BROKEN_GRAPPES = [
    ("missing website", lambda d: d["grappes"][2]["secretariat"].pop("site_web"), "grappes[2].secretariat"),
    (
        "website not a url",
        lambda d: d["grappes"][0]["secretariat"].update(site_web="aeromontreal"),
        "grappes[0].secretariat.site_web",
    ),
    ("figure without year", lambda d: d["grappes"][1]["chiffres"][0].pop("annee"), "grappes[1].chiffres[0]"),
    (
        "figure with unknown scope",
        lambda d: d["grappes"][3]["chiffres"][0].update(perimetre="Canada"),
        "grappes[3].chiffres[0].perimetre",
    ),
    ("figure without source", lambda d: d["grappes"][4]["chiffres"][0].pop("source"), "grappes[4].chiffres[0]"),
    (
        "founding year as text",
        lambda d: d["grappes"][5]["secretariat"].update(fondation="deux mille deux"),
        "grappes[5].secretariat.fondation",
    ),
    ("unknown field", lambda d: d["grappes"][6].update(president="X"), "grappes[6]"),
    ("no sources", lambda d: d["grappes"][7].update(sources=[]), "grappes[7].sources"),
    ("duplicate id", lambda d: d["grappes"][8].update(id="aerospatiale"), "grappes[8].id"),
    (
        "keyword owned by two clusters",
        lambda d: d["grappes"][1]["mots_cles"]["activites"].append("Avions"),
        "grappes[1].mots_cles.activites",
    ),
]


@pytest.mark.parametrize("case,change,field", BROKEN_GRAPPES, ids=[c[0] for c in BROKEN_GRAPPES])
def test_malformed_grappes_file_names_file_and_field(broken_dir, case, change, field):
    _edit(broken_dir / "grappes.yml", change)
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(broken_dir)
    assert "grappes.yml" in str(error.value)
    assert field in str(error.value)


def test_missing_general_topic_names_file_and_field(broken_dir):
    _edit(broken_dir / "general.yml", lambda d: d["sujets"].pop("chantiers"))
    with pytest.raises(KnowledgeError, match=r"general\.yml.*sujets.*chantiers"):
        load_knowledge(broken_dir)


def test_yaml_syntax_error_names_file(broken_dir):
    (broken_dir / "grappes.yml").write_text("grappes: [\n  - id: x\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"grappes\.yml: YAML illisible"):
        load_knowledge(broken_dir)


def test_missing_file_is_reported(broken_dir):
    (broken_dir / "general.yml").unlink()
    with pytest.raises(KnowledgeError, match=r"general\.yml: fichier introuvable"):
        load_knowledge(broken_dir)


def test_new_alias_takes_effect_without_retraining(broken_dir):
    from bot.dialogue import Assistant

    _edit(broken_dir / "grappes.yml", lambda d: d["grappes"][4]["mots_cles"]["activites"].append("friperie"))
    assert Assistant(load_knowledge(broken_dir)).resolver.resolve("j'ouvre une friperie") == ["mode"]


def test_counts_and_ranks_of_the_grappes_come_from_knowledge(knowledge):
    """« neuf », « dixième », « 2017 » are read from knowledge/, not written in the answers."""
    from dataclasses import replace

    from bot.answers import Writer
    from bot.french import in_words, ordinal

    assert (in_words(9), ordinal(10), ordinal(1), ordinal(21)) == ("neuf", "dixième", "première", "21e")
    assert knowledge.page_cmm_year == 2017
    tenth = next(g for g in knowledge.grappes if not g.liste_officielle)
    eleven = replace(knowledge, grappes=(*knowledge.grappes, replace(tenth, id="onzieme", nom="Onzième")))
    note = Writer(eleven).page_list_note(eleven.grappes[-1])
    assert note == "(onzième grappe, absente de la page de la CMM de 2017)"
    later_page = Writer(replace(knowledge, page_cmm_mise_a_jour="1er mars 2019"))
    assert "des neuf grappes de la page de la CMM de 2019" in later_page.cluster_answer([tenth], "overview").text
