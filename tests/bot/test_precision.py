"""The precise answer or the honest one: never a neighbouring answer (issue 9), on plain objects."""

import pytest

from bot.dialogue import Turn
from bot.text import fold


def say(assistant, *turns):
    """Play (intent, text) turns as one conversation; the folded text of the last reply and the reply."""
    grappe = aspect = None
    for intent, text in turns:
        reply = assistant.respond(Turn(intent, text, grappe=grappe, aspect=aspect))
        grappe, aspect = reply.grappe, reply.aspect
    text = "\n".join(a.text + " " + " ".join(b.title for b in a.buttons) for a in reply.answers)
    return fold(text), reply


@pytest.mark.parametrize(
    "text,site",
    [
        ("Qui préside Montréal InVivo ?", "montreal-invivo.com"),
        ("Combien coûte l'adhésion à CargoM ?", "cargo-montreal.ca"),
        ("L'adresse des bureaux de mmode ?", "mmode.ca"),
        ("Le budget annuel d'Écotech Québec ?", "ecotechquebec.com"),
        ("Le numéro de téléphone d'Aéro Montréal ?", "aeromontreal.ca"),
    ],
)
def test_what_no_source_gives_is_said_plainly_with_the_site(assistant, text, site):
    answer, _ = say(assistant, ("grappe_overview", text))
    assert answer.startswith("mes sources ne donnent pas") and site in answer
    assert "mission :" not in answer and "chiffres sur" not in answer  # no neighbouring answer


def test_a_known_contact_is_given_with_its_source(assistant):
    answer, reply = say(assistant, ("ask_website", "Le téléphone de TechnoMontréal ?"))
    assert "514 309-1026" in answer and "source : https://fdocuments.fr" in answer
    assert reply.aspect == "telephone"


def test_a_dated_fact_about_a_person_is_given_with_its_year(assistant):
    answer, _ = say(assistant, ("grappe_overview", "Qui est la PDG d'AluQuébec ?"))
    assert "marie lapointe" in answer and "2018" in answer


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Finance Montréal a-t-elle déjà fusionné ?", "cfi montreal"),
        ("CargoM a combien de membres ?", "72"),
        ("AluQuébec, c'est la combientième grappe de la CMM ?", "huitieme"),
        ("Quelle aide la CMM a-t-elle versée à Écotech Québec ?", "500 000 $"),
    ],
)
def test_precise_facts_beyond_the_fixed_aspects(assistant, text, expected):
    answer, _ = say(assistant, ("grappe_overview", text))
    assert expected in answer and "source : http" in answer


def test_a_sector_without_grappe_as_a_follow_up_does_not_fall_back(assistant):
    answer, reply = say(
        assistant, ("ask_website", "le site de CargoM ?"), ("inform_grappe", "et pour les boulangeries ?")
    )
    assert "aucune grappe metropolitaine ne couvre" in answer and "cargo-montreal.ca" not in answer
    assert reply.grappe == "logistique_transport"  # kept for later


def test_an_unknown_activity_as_a_follow_up_is_not_answered_about_the_previous_cluster(assistant):
    answer, _ = say(
        assistant, ("ask_website", "le site de CargoM ?"), ("inform_grappe", "et pour les salons de quilles ?")
    )
    assert "aucune grappe" in answer and "cargo-montreal.ca" not in answer


def test_a_false_founding_year_is_corrected(assistant):
    answer, _ = say(assistant, ("ask_founding_year", "AluQuébec existe depuis 2001, n'est-ce pas ?"))
    assert answer.startswith("non :") and "2013" in answer and "pas en 2001" in answer


def test_a_false_claim_of_being_the_oldest_is_corrected(assistant):
    answer, _ = say(assistant, ("ask_founding_year", "Comme mmode est la plus ancienne grappe, elle date de quand ?"))
    assert "n'est pas la plus ancienne" in answer and "2002" in answer and "2015" in answer


def test_rankings_say_why_the_figures_do_not_compare(assistant):
    answer, _ = say(assistant, ("ask_figures", "Laquelle emploie le plus de monde, la mode ou l'aluminium ?"))
    assert "pas comparables" in answer and "perimetre" in answer and "mode :" in answer and "aluminium :" in answer


def test_a_future_year_is_a_forecast_the_sources_do_not_have(assistant):
    answer, _ = say(assistant, ("ask_figures", "Combien d'emplois dans l'aluminium en 2031 ?"))
    assert answer.startswith("mes sources ne donnent pas de previsions")


def test_a_year_only_follow_up_filters_the_figures_or_says_none(assistant):
    answer, _ = say(assistant, ("ask_figures", "combien d'emplois dans la mode ?"), ("inform_grappe", "et en 2016 ?"))
    assert "83 000" in answer and "77 505" not in answer
    answer, _ = say(assistant, ("ask_figures", "combien d'emplois dans la mode ?"), ("inform_grappe", "et en 2019 ?"))
    assert answer.startswith("mes sources ne donnent pas de chiffre d'emplois pour 2019")


def test_a_measure_follow_up_keeps_the_cluster(assistant):
    answer, _ = say(
        assistant, ("ask_figures", "combien d'entreprises en aérospatiale ?"), ("inform_grappe", "et de PME ?")
    )
    assert "188 pme" in answer


def test_a_greeting_that_names_a_secretariat_sets_the_context(assistant):
    answer, _ = say(
        assistant, ("greet", "Salut, j'ai une question sur Écotech Québec"), ("nlu_fallback", "fondé quand ?")
    )
    assert "2009" in answer


def test_the_cluster_an_answer_names_becomes_the_one_in_discussion(assistant):
    answer, _ = say(
        assistant, ("first_grappe", "c'était quoi la toute première grappe ?"), ("ask_website", "et son site ?")
    )
    assert "montreal-invivo.com" in answer
    answer, _ = say(
        assistant, ("grappe_overview", "et la dixième grappe, c'est laquelle ?"), ("ask_website", "son site ?")
    )
    assert "propulsionquebec.com" in answer


def test_english_gets_the_substance_in_french_with_a_notice(assistant):
    answer, reply = say(assistant, ("english", "When was the aluminium cluster's secretariat founded?"))
    assert reply.answers[0].text.startswith("(I answer in French only")
    assert "2013" in answer and "secretariat" in answer


def test_one_word_in_common_is_not_a_retrieved_answer(assistant):
    answer, _ = say(assistant, ("grappe_overview", "Parle-moi de l'aluminium"))
    assert answer.startswith("grappe aluminium : son secretariat est aluquebec")
    answer, _ = say(assistant, ("ask_website", "et son site ?"))
    assert answer.startswith("de quelle grappe parlez-vous")


def test_the_year_before_or_after_is_counted_from_the_year_just_given(assistant):
    asked_2015 = ("ask_figures", "combien d'emplois dans la mode en 2015 ?")
    answer, reply = say(assistant, asked_2015, ("ask_founding_year", "et l'année suivante ?"))
    assert "83 000" in answer and "30 000" not in answer and "fondee" not in answer
    assert reply.aspect == "figures:emplois@2016"
    answer, _ = say(
        assistant, ("ask_figures", "combien d'emplois dans la mode en 2023 ?"), ("nlu_fallback", "et l'année d'avant ?")
    )
    assert answer.startswith("mes sources ne donnent pas de chiffre d'emplois pour 2022")


def test_the_year_before_with_no_year_just_given_is_asked(assistant):
    answer, reply = say(assistant, ("ask_website", "le site de mmode ?"), ("nlu_fallback", "et l'année d'avant ?"))
    assert answer.startswith("par rapport a quelle annee") and reply.grappe == "mode"


def test_the_youngest_of_all_clusters_is_not_read_as_the_one_in_discussion(assistant):
    answer, reply = say(
        assistant,
        ("ask_founding_year", "CargoM a été fondée quand ?"),
        ("nlu_fallback", "ok, et la cadette de toutes les grappes, c'est laquelle ?"),
    )
    assert reply.grappe == "transports_electriques" and "propulsion" in answer


def test_a_share_the_sources_do_not_give_comes_with_the_figures_of_the_year_asked(assistant):
    share = [
        ("ask_figures", "Combien d'emplois compte la mode en 2023 ?"),
        ("ask_figures", "ça représente quel pourcentage dans la région métropolitaine ?"),
    ]
    answer, reply = say(assistant, *share, ("inform_grappe", "Et les services financiers, en 2010 ?"))
    assert answer.startswith("mes sources ne donnent pas de part des emplois")
    assert "pour 2010, elles donnent" in answer and "145 000 emplois" in answer
    assert reply.grappe == "services_financiers" and reply.aspect == "part_emplois"
    answer, _ = say(assistant, *share, ("inform_grappe", "Et les services financiers ?"))
    assert answer.startswith("mes sources ne donnent pas de part des emplois") and "emplois et" not in answer


def test_a_general_fact_that_answers_more_exactly_than_the_topic_answer_is_given_instead(assistant):
    question = "D'après la CMM, quelles sont les étapes pour structurer une nouvelle grappe ?"
    for intent in ("secretariat_role", "history"):
        answer, _ = say(assistant, (intent, question))
        assert "predemarrage" in answer and "mise sur pied" in answer
        assert not answer.startswith("chaque grappe est soutenue")
    answer, reply = say(assistant, ("secretariat_role", "À quoi sert un secrétariat de grappe ?"))
    assert answer.startswith("chaque grappe est soutenue par un secretariat")  # the topic's own answer
