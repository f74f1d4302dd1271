import pytest

# (what a visitor types, the cluster it names): names, secretariats, activities, typos, no accents.
MENTIONS = [
    ("aérospatiale", "aerospatiale"),
    ("AEROSPATIALE", "aerospatiale"),
    ("aerospacial", "aerospatiale"),
    ("l'aéronautique", "aerospatiale"),
    ("grappe aéro", "aerospatiale"),
    ("Aero Montreal", "aerospatiale"),
    ("aéro montréal", "aerospatiale"),
    ("on fabrique des trains d'atterrissage", "aerospatiale"),
    ("pièces d'avions", "aerospatiale"),
    ("des drones", "aerospatiale"),
    ("satellites", "aerospatiale"),
    ("aluminium", "aluminium"),
    ("alu", "aluminium"),
    ("AluQuebec", "aluminium"),
    ("alumimium", "aluminium"),
    ("une aluminerie", "aluminium"),
    ("extrusion", "aluminium"),
    ("cinéma", "cinema_television"),
    ("cinema", "cinema_television"),
    ("cinma", "cinema_television"),
    ("la télé", "cinema_television"),
    ("le BCTQ", "cinema_television"),
    ("bctq", "cinema_television"),
    ("tournage de films", "cinema_television"),
    ("effets visuels", "cinema_television"),
    ("logistique", "logistique_transport"),
    ("CargoM", "logistique_transport"),
    ("cargom", "logistique_transport"),
    ("des entrepôts", "logistique_transport"),
    ("le port", "logistique_transport"),
    ("camionnage", "logistique_transport"),
    ("transport de marchandises", "logistique_transport"),
    ("la mode", "mode"),
    ("mmode", "mode"),
    ("vêtements", "mode"),
    ("chaussures", "mode"),
    ("bijoux", "mode"),
    ("sciences de la vie", "sciences_vie"),
    ("Montreal InVivo", "sciences_vie"),
    ("invivo", "sciences_vie"),
    ("médicaments", "sciences_vie"),
    ("dispositifs médicaux", "sciences_vie"),
    ("biotechs", "sciences_vie"),
    ("pharmaceutique", "sciences_vie"),
    ("hôpitaux", "sciences_vie"),
    ("services financiers", "services_financiers"),
    ("Finance Montréal", "services_financiers"),
    ("finance montreal", "services_financiers"),
    ("banques", "services_financiers"),
    ("assurances", "services_financiers"),
    ("fintech", "services_financiers"),
    ("technologies de l'information", "technologies_information"),
    ("TI", "technologies_information"),
    ("TechnoMontréal", "technologies_information"),
    ("technomontrel", "technologies_information"),
    ("logiciels", "technologies_information"),
    ("jeux vidéo", "technologies_information"),
    ("l'IA", "technologies_information"),
    ("intelligence artificielle", "technologies_information"),
    ("informatique", "technologies_information"),
    ("technologies propres", "technologies_propres"),
    ("Écotech Québec", "technologies_propres"),
    ("ecotech", "technologies_propres"),
    ("recyclage", "technologies_propres"),
    ("eaux usées", "technologies_propres"),
    ("environnement", "technologies_propres"),
    ("Propulsion Québec", "transports_electriques"),
    ("véhicules électriques", "transports_electriques"),
]


@pytest.mark.parametrize("text,expected", MENTIONS)
def test_mention_resolves_to_its_cluster(assistant, text, expected):
    assert assistant.resolver.resolve(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "c koi une grappe",
        "combien y a-t-il de grappes",
        "il manque une réponse",
        "bonjour",
        "Montréal",
        "quel est le rôle d'un secrétariat",
        "on développe des projets",
        "",
        "?!?!",
        "🙂🙂",
        "<b>x</b>",
        "la cadette des grappes",  # one letter from "canette", an aluminium keyword
    ],
)
def test_no_cluster_is_invented(assistant, text):
    assert assistant.resolver.resolve(text) == []


def test_longest_phrase_wins(assistant):
    assert assistant.resolver.resolve("transport électrique") == ["transports_electriques"]
    assert assistant.resolver.resolve("transport") == ["logistique_transport"]


def test_several_clusters_in_order_of_mention(assistant):
    assert assistant.resolver.resolve("la mode ou l'aluminium ?") == ["mode", "aluminium"]


def test_very_long_text_is_bounded(assistant):
    assert assistant.resolver.resolve("bla " * 50_000 + "aluminium") == []
