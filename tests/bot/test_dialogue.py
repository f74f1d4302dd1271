import pytest

from bot.dialogue import Turn
from bot.text import fold


def _text(reply):
    return fold("\n".join(a.text + " " + " ".join(b.title for b in a.buttons) for a in reply.answers))


@pytest.mark.parametrize(
    "intent,grappe_id,expected",
    [
        ("ask_secretariat", "aerospatiale", "aero montreal"),
        ("ask_secretariat", "cinema_television", "bureau du cinema et de la television du quebec (bctq)"),
        ("ask_founding_year", "aluminium", "2013"),
        ("ask_founding_year", "sciences_vie", "2002"),
        ("ask_website", "technologies_propres", "https://www.ecotechquebec.com"),
        ("ask_website", "logistique_transport", "https://www.cargo-montreal.ca"),
        ("ask_mission", "mode", "mmode"),
        ("grappe_overview", "services_financiers", "finance montreal"),
        ("investor_fit", "technologies_information", "technomontreal"),
    ],
)
def test_cluster_aspect_answers(assistant, intent, grappe_id, expected):
    reply = assistant.respond(Turn(intent, entity_values=[grappe_id]))
    assert expected in _text(reply)
    assert reply.grappe == grappe_id


def test_figures_give_year_scope_and_source(assistant):
    text = _text(assistant.respond(Turn("ask_figures", "chiffres de l'aérospatiale")))
    assert "en 2016, perimetre quebec" in text
    assert "perimetre grand montreal" in text
    assert "source : https://www.aeromontreal.ca/aerospatiale.html" in text


def test_follow_up_uses_the_cluster_in_discussion(assistant):
    first = assistant.respond(Turn("grappe_overview", "Parle-moi de l'aluminium"))
    second = assistant.respond(Turn("ask_website", "c'est quoi leur site ?", grappe=first.grappe, aspect=first.aspect))
    assert "https://aluquebec.com" in _text(second)
    third = assistant.respond(Turn("inform_grappe", "et pour la mode ?", grappe=second.grappe, aspect=second.aspect))
    assert "https://www.mmode.ca" in _text(third)
    assert (third.grappe, third.aspect) == ("mode", "website")


def test_text_beats_a_stale_slot(assistant):
    reply = assistant.respond(Turn("ask_secretariat", "et celui de l'aérospatiale ?", grappe="aluminium"))
    assert "aero montreal" in _text(reply)


def test_no_cluster_asks_which_one_with_buttons(assistant):
    reply = assistant.respond(Turn("ask_secretariat", "qui est le secrétariat ?"))
    assert "de quelle grappe" in _text(reply)
    assert len(reply.answers[0].buttons) == 9
    assert reply.answers[0].buttons[0].payload == '/ask_secretariat{"grappe": "aerospatiale"}'


def test_unknown_activity_is_not_guessed(assistant):
    text = _text(assistant.respond(Turn("investor_fit", "on vend des tondeuses à gazon")))
    assert "je prefere ne pas deviner" in text


def test_activity_over_several_clusters_lists_each(assistant):
    text = _text(assistant.respond(Turn("investor_fit", "une fintech qui fait du logiciel d'IA")))
    assert "plusieurs grappes" in text and "finance montreal" in text and "technomontreal" in text


def test_tenth_cluster_is_flagged(assistant):
    text = _text(assistant.respond(Turn("grappe_overview", "Propulsion Québec")))
    assert "propulsion quebec" in text and "dixieme" in text


@pytest.mark.parametrize(
    "intent,expected",
    [
        ("define_grappe", "concentration"),
        ("count_grappes", "neuf (9)"),
        ("first_grappe", "2002"),
        ("secretariat_role", "coordonne"),
        ("secretariat_members", "emploi-quebec"),
        ("chantiers", "chantiers"),
        ("benefits", "innovation"),
        ("about_cmm", "communaute metropolitaine"),
        ("history", "2003"),
        ("funding", "600 000 $"),
    ],
)
def test_general_answers_cite_their_source(assistant, intent, expected):
    text = _text(assistant.respond(Turn(intent, "question")))
    assert expected in text
    assert "source : http" in text


def test_list_names_all_nine_and_the_tenth(assistant, knowledge):
    reply = assistant.respond(Turn("list_grappes", "les grappes ?"))
    text = _text(reply)
    for grappe in knowledge.grappes:
        assert fold(grappe.nom) in text
    assert [b.title for b in reply.answers[0].buttons] == [g.nom for g in knowledge.official]


def test_english_answers_in_french_with_an_english_notice(assistant):
    reply = assistant.respond(Turn("english", "what are the clusters?"))
    assert reply.answers[0].text.startswith("(I answer in French only")
    assert "grappes metropolitaines" in _text(reply) and "aerospatiale" in _text(reply)


def test_general_question_keeps_the_cluster_in_discussion(assistant):
    reply = assistant.respond(Turn("funding", "qui finance les grappes ?", grappe="mode"))
    assert reply.grappe == "mode"


def test_secretariat_question_naming_a_cluster_adds_its_secretariat(assistant):
    reply = assistant.respond(Turn("secretariat_members", "qui siège au secrétariat de la logistique ?"))
    assert len(reply.answers) == 2 and "cargom" in _text(reply)


def test_definition_of_a_named_cluster_presents_it(assistant):
    assert "aluquebec" in _text(assistant.respond(Turn("define_grappe", "c'est quoi la grappe alu")))


def test_clarify_proposes_the_named_cluster(assistant):
    answer = assistant.clarify("grape cinema", ["nlu_fallback", "grappe_overview"])
    assert "Cinéma et télévision" in answer.text
    assert answer.buttons[-1].payload == "/out_of_scope"


def test_clarify_without_cluster_offers_topics(assistant):
    answer = assistant.clarify("?!?!", ["nlu_fallback", "list_grappes", "greet", "count_grappes"])
    assert [b.payload for b in answer.buttons] == ["/list_grappes", "/count_grappes", "/out_of_scope"]


def test_out_of_scope_redirects_to_what_it_knows(assistant):
    text = _text(assistant.respond(Turn("out_of_scope", "quelle météo fera-t-il demain ?")))
    assert "grappes" in text and "secretariats" in text


def test_out_of_scope_naming_a_cluster_presents_it(assistant):
    text = _text(assistant.respond(Turn("out_of_scope", "grape cinema")))
    assert "bureau du cinema et de la television du quebec" in text


def test_founding_year_cites_its_source(assistant):
    text = _text(assistant.respond(Turn("ask_founding_year", "AluQuébec date de quand ?")))
    assert "2013" in text and "source : https://informeaffaires.com/node/13967" in text


def _next(assistant, previous, intent, text):
    """The next turn of a conversation, with the context the previous reply left in the slots."""
    return assistant.respond(
        Turn(intent, text, grappe=previous.grappe, aspect=previous.aspect, group=tuple(previous.group))
    )


def test_each_of_the_clusters_discussed_together(assistant):
    first = assistant.respond(Turn("ask_secretariat", "Qui sont les secrétariats du cinéma et de la logistique ?"))
    assert first.group == ["cinema_television", "logistique_transport"]
    both = _text(_next(assistant, first, "ask_website", "et leurs sites web respectifs ?"))
    assert "bctq.ca" in both and "cargo-montreal.ca" in both
    each = _text(_next(assistant, first, "ask_founding_year", "fondés en quelle année, chacun ?"))
    assert "cargom" in each and "bctq" in each


def test_the_other_of_two_clusters(assistant):
    first = assistant.respond(Turn("ask_founding_year", "Finance Montréal et Écotech Québec ont été fondés quand ?"))
    narrowed = _next(assistant, first, "ask_website", "ok, et le site d'Écotech ?")
    assert narrowed.grappe == "technologies_propres" and narrowed.group == first.group
    other = _next(assistant, narrowed, "ask_website", "et celui de l'autre ?")
    assert "finance-montreal.com" in _text(other) and "ecotechquebec" not in _text(other)
    assert other.grappe == "services_financiers"


def test_the_other_of_three_clusters_is_asked_not_guessed(assistant):
    first = assistant.respond(Turn("ask_website", "les sites de mmode, CargoM et AluQuébec ?"))
    assert len(first.group) == 3
    reply = _text(_next(assistant, first, "ask_website", "et l'autre ?"))
    assert "de quelle grappe parlez-vous" in reply


def test_a_cluster_outside_the_group_ends_it(assistant):
    first = assistant.respond(Turn("ask_website", "les sites de mmode et de CargoM ?"))
    moved = _next(assistant, first, "ask_website", "et pour l'aérospatiale ?")
    assert moved.grappe == "aerospatiale" and moved.group == []
    alone = _text(_next(assistant, moved, "ask_website", "et leurs sites respectifs ?"))
    assert "aeromontreal.ca" in alone and "mmode.ca" not in alone
