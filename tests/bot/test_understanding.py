"""bot/understanding.py: the precise thing asked, its subject, and what a message says beyond its intent."""

import pytest


@pytest.fixture(scope="module")
def read(assistant):
    return assistant.reader.read


@pytest.mark.parametrize(
    "text,attribute",
    [
        ("Qui préside Aéro Montréal en ce moment ?", "dirigeant"),
        ("c'est qui le PDG de CargoM", "dirigeant"),
        ("Quelle est l'adresse postale de mmode ?", "adresse"),
        ("Combien coûte une adhésion chez TechnoMontréal ?", "cotisation"),
        ("Quel est le budget annuel d'InVivo ?", "budget"),
        ("Combien d'employés chez Finance Montréal, au secrétariat ?", "effectif"),
        ("Quand a lieu le prochain colloque d'Écotech ?", "evenement"),
        ("Avez-vous le numéro de téléphone de TechnoMontréal ?", "telephone"),
        ("À quelle adresse courriel écrire à AluQuébec ?", "courriel"),
        ("Finance Montréal a-t-elle fusionné avec un autre organisme ?", "fusion"),
        ("CargoM compte combien de membres ?", "membres"),
        ("Qui étaient les membres fondateurs de Finance Montréal ?", "membres_fondateurs"),
        ("AluQuébec est la combientième grappe créée ?", "rang"),
        ("Écotech a-t-elle reçu une subvention de la CMM ?", "subvention"),
        ("Québec a octroyé combien à Propulsion Québec ?", "subvention"),
        ("Combien Ottawa a-t-il versé à CargoM ?", "subvention"),
        ("Par qui CargoM est-elle financée ?", "financement"),
        ("AluQuébec couvre tout le Québec ou juste Montréal ?", "portee"),
        ("Que prévoyait le PMDE 2015-2020 pour les grappes ?", "programme"),
        ("Combien de grappes la CMM avait-elle identifiées au départ ?", "nombre_grappes"),
        ("Quelles grappes ont participé à la table économique COVID-19 ?", "covid"),
    ],
)
def test_precise_attribute(read, text, attribute):
    assert read(text).attribute == attribute


@pytest.mark.parametrize(
    "text",
    [
        "Quel est le site d'AluQuébec ?",
        "Parle-moi de la mode",
        "Combien d'emplois dans l'aérospatiale ?",
        "Quelle est la mission de CargoM ?",
    ],
)
def test_plain_aspects_have_no_precise_attribute(read, text):
    assert read(text).attribute is None


@pytest.mark.parametrize(
    "text,measure",
    [
        ("combien de travailleurs dans l'alu ?", "emplois"),
        ("le nombre d'entreprises du secteur", "entreprises"),
        ("quel chiffre d'affaires pour la mode ?", "chiffre_affaires"),
        ("ça pèse combien dans le PIB ?", "pib"),
        ("combien de tournages étrangers ?", "tournages"),
    ],
)
def test_measure_of_a_figure_question(read, text, measure):
    assert read(text).measure == measure


@pytest.mark.parametrize(
    "text,clusters",
    [
        ("qui finance Aéro Montréal ?", ("aerospatiale",)),
        ("Aéro Montréal est financé par qui ?", ("aerospatiale",)),
        ("la grappe est-elle financée par le fédéral ?", ()),
        ("quel mode de paiement pour l'adhésion ?", ()),
        ("ont-ils leur propre site ?", ()),
        ("cest quoi le site dinvivo", ("sciences_vie",)),
        ("des infos sur laluminium", ("aluminium",)),
        ("c'est-ti vrai que la grappe existe ?", ()),
        ("la finance à Montréal", ("services_financiers",)),
    ],
)
def test_cluster_mentions_without_over_matching(read, text, clusters):
    assert read(text).clusters == clusters


@pytest.mark.parametrize(
    "text,sector",
    [
        ("J'ouvre une pizzeria-restaurant à Laval", "la restauration"),
        ("une grappe pour les agences de voyages ?", "le tourisme et l'hôtellerie"),
        ("on exploite une mine d'or en Abitibi", "les mines"),
        ("Is there a cluster for real estate?", "l'immobilier"),
    ],
)
def test_sector_without_a_cluster(read, text, sector):
    assert read(text).sector == sector


def test_a_cluster_named_wins_over_a_sector(read):
    question = read("un restaurant dans un hôpital, c'est les sciences de la vie ?")
    assert question.clusters == ("sciences_vie",) and question.sector is None


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Who is the secretariat of the aerospace cluster?", ("aerospatiale", "secretariat")),
        ("When was Montreal InVivo founded?", ("sciences_vie", "founding_year")),
        ("What is the website of the cleantech cluster?", ("technologies_propres", "website")),
    ],
)
def test_english_is_read_as_french(read, text, expected):
    question = read(text)
    assert question.english and (question.clusters[0], question.aspect) == expected


def test_french_is_not_taken_for_english(read):
    assert not read("Quel est le site de la grappe de la mode ?").english
    assert not read("Bonjour, c'est quoi une grappe ?").english


def test_premise_comparison_and_follow_up(read):
    assert read("AluQuébec date de 2010, n'est-ce pas ?").premise
    assert read("Laquelle a le plus d'entreprises, la mode ou l'alu ?").comparison
    assert not read("Quelle est la plus ancienne grappe ?").comparison
    assert read("pis pour la mode ?").follow_up
    assert read("même question pour CargoM").follow_up
    assert read("et en 2019 ?").years == (2019,)


@pytest.mark.parametrize(
    "text,points_back",
    [
        ("Le gouvernement y ajoutait combien ?", True),  # "y": what was just said
        ("qui y travaille ?", True),
        ("Y a-t-il une grappe du meuble ?", False),  # impersonal
        ("il y a combien de grappes ?", False),
        ("y en avait combien ?", False),  # counting, not pointing back
        ("Et Ottawa, il y a investi combien ?", True),  # "il y a" + a participle of giving: the grant just said
        ("Québec y a consacré quelle somme ?", True),
        ("y a combien de membres ?", False),  # colloquial "il y a"
    ],
)
def test_the_pronoun_y_points_back_unless_impersonal(read, text, points_back):
    assert read(text).refers_back is points_back


@pytest.mark.parametrize(
    "text,relative",
    [
        ("et l'année d'avant ?", -1),
        ("Et l’année précédente, combien ?", -1),
        ("un an plus tôt ?", -1),
        ("and the year before?", -1),
        ("et l'année suivante ?", 1),
        ("et l'an d'après ?", 1),
        ("combien d'emplois l'année passée ?", 0),  # the calendar's last year, not the one just answered
        ("et l'an prochain ?", 0),
    ],
)
def test_a_year_counted_from_the_one_just_answered(read, text, relative):
    assert read(text).relative_year == relative
