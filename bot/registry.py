"""The one table of what the assistant can be asked: intents, aspects of a cluster, and attributes.

Everything else reads these names from here: the dialogue (how to answer each intent), the answers (labels
and buttons), the knowledge schema (which attributes a fact may carry), the channel guard (which button
payloads are ours) and the tests that tie this table to domain.yml and data/rules.yml.

An *attribute* is one precise thing a visitor can ask about a cluster or its secretariat. Those we
`known` are answered from knowledge/; the others are things the sources never give (a head's name, a
budget, a fee...): the assistant says so plainly instead of answering a neighbouring question.
Cues are regular expressions over folded text (lower case, no accents, straight apostrophes).
"""

from dataclasses import dataclass
from typing import Dict, Optional, Tuple


@dataclass(frozen=True)
class Intent:
    name: str
    handling: str  # "cluster" (an aspect of a cluster), "topic", "list", "count", "social", "fallback"
    aspect: Optional[str] = None  # for "cluster" intents
    topic: Optional[str] = None  # for "topic" intents: the key in knowledge/general.yml
    label: Optional[str] = None  # "vouliez-vous parler de …" button text
    button: bool = False  # a button of ours may send it as "/name"


INTENTS: Tuple[Intent, ...] = (
    Intent("greet", "social"),
    Intent("goodbye", "social"),
    Intent("thanks", "social"),
    Intent("affirm", "social"),
    Intent("deny", "social"),
    Intent("bot_challenge", "social"),
    Intent("capabilities", "social", label="ce que je sais faire", button=True),
    Intent("feedback_positive", "social", button=True),
    Intent("feedback_negative", "social", button=True),
    Intent("out_of_scope", "fallback", button=True),
    Intent("nlu_fallback", "fallback"),
    Intent("english", "fallback"),
    Intent("define_grappe", "topic", topic="definition", label="ce qu'est une grappe métropolitaine", button=True),
    Intent("list_grappes", "list", label="la liste des grappes", button=True),
    Intent("count_grappes", "count", topic="nombre", label="le nombre de grappes", button=True),
    Intent("first_grappe", "topic", topic="premiere", label="la première grappe créée", button=True),
    Intent(
        "secretariat_role", "topic", topic="role_secretariat", label="le rôle d'un secrétariat de grappe", button=True
    ),
    Intent(
        "secretariat_members", "topic", topic="membres_secretariat", label="qui siège dans un secrétariat", button=True
    ),
    Intent("chantiers", "topic", topic="chantiers", label="les chantiers des secrétariats", button=True),
    Intent("benefits", "topic", topic="retombees", label="ce que les grappes apportent à la région", button=True),
    Intent("about_cmm", "topic", topic="cmm", label="la Communauté métropolitaine de Montréal (CMM)", button=True),
    Intent("history", "topic", topic="historique", label="l'histoire des grappes", button=True),
    Intent("funding", "topic", topic="financement", label="le financement des grappes", button=True),
    Intent("grappe_overview", "cluster", aspect="overview", button=True),
    Intent("ask_secretariat", "cluster", aspect="secretariat", button=True),
    Intent("ask_founding_year", "cluster", aspect="founding_year", button=True),
    Intent("ask_website", "cluster", aspect="website", button=True),
    Intent("ask_figures", "cluster", aspect="figures", button=True),
    Intent("ask_mission", "cluster", aspect="mission", button=True),
    Intent("investor_fit", "cluster", aspect="fit", label="la grappe qui correspond à votre activité", button=True),
    Intent("inform_grappe", "cluster"),
)
INTENT_BY_NAME: Dict[str, Intent] = {intent.name: intent for intent in INTENTS}
# Rasa's own names: the fallback classifier's intent is not declared in domain.yml.
RASA_BUILT_IN = frozenset({"nlu_fallback"})
# The intent a button sends to ask one aspect of one cluster.
ASPECT_INTENTS: Dict[str, str] = {i.aspect: i.name for i in INTENTS if i.handling == "cluster" and i.aspect}
BUTTON_INTENTS = frozenset(i.name for i in INTENTS if i.button)
# Names the staff report reads in the tracker store.
FEEDBACK_POSITIVE, FEEDBACK_NEGATIVE = "feedback_positive", "feedback_negative"
NOT_UNDERSTOOD, OUT_OF_SCOPE = "nlu_fallback", "out_of_scope"
TOPICS = tuple(i.topic for i in INTENTS if i.topic)


@dataclass(frozen=True)
class Attribute:
    id: str
    label: str  # "le numéro de téléphone", used in "mes sources ne donnent pas {label}"
    cues: Tuple[str, ...]  # regular expressions over folded text
    known: bool  # facts of this attribute may exist in knowledge/faits.yml
    general: bool = False  # a fact about the grappes in general, not about one cluster
    share_of_figures: bool = False  # a share of a cluster's figures: where none is given, its figures may help


# Things people ask, the ones no source gives first (known=False). Order matters: the first whose cue matches wins.
_ASKED = (
    Attribute(
        "dirigeant",
        "le nom de ses dirigeants actuels",
        (
            r"\b(president|presidente|pdg|p\.d\.g|directeur|directrice|dirigeant|dirigeante|chef de la direction)",
            r"\b(a sa tete|a leur tete|a la tete|a la barre|aux commandes|mene la barque|tient la barre|en charge|"
            r"le boss|la boss|big boss|chief executive)\b",
            r"\bqui (le |la |les )?(dirige|preside|mene|pilote) (l'organisme|le secretariat|cet organisme)",
            r"\bqui (est|sont) (le|la|les) (responsable|patron|boss)",
            r"\b(ceo|president|head of|who (runs|leads|heads|is in charge of) (it|the secretariat|the organi))",
        ),
        known=True,
    ),
    Attribute(
        "effectif",
        "le nombre de personnes qui travaillent au secrétariat lui-même",
        (
            r"\b(personnel|permanents|staff|taille de (l'|leur |son )?equipe)\b",
            r"\b(employes|personnes|salaries|gens|employees|people)\b.{0,40}\b(organisme|secretariat|l'equipe|leur "
            r"equipe|"
            r"bureaux?|meme)\b",
            r"\b(organisme|secretariat)\b.{0,40}\b(emploie|employes|salaries|personnes a l'emploi)",
            r"\bcombien (d'employes|de personnes|de salaries) (chez|au secretariat|a l'organisme|dans l'organisme|"
            r"dans l'equipe)\b",
        ),
        known=False,
    ),
    Attribute(
        "salaires",
        "les salaires versés",
        (
            r"\b(salaire|remuneration|combien gagne|salary|salaries paid|wage)",
            r"\b(combien|comment) (ils |elles |on )?(paie|paient|paye|payent|gagne|gagnent)\b|\bpaient leurs\b",
        ),
        known=False,
    ),
    Attribute(
        "cotisation",
        "le coût de l'adhésion ni les conditions pour devenir membre",
        (
            r"\b(cotisation|adhesion|adherer|devenir membre|frais|tarif|membership|become a member|join (us|as)\b)",
            r"\b(combien )?(ca |cela )?coute|\bprix\b|\bcost",
        ),
        known=False,
    ),
    Attribute(
        "budget",
        "le budget de fonctionnement de l'organisme",
        (
            r"\bbudget (de fonctionnement|annuel|d'exploitation)",
            r"\b(son|leur|le) budget\b(?!.{0,30}(pmde|plan|programme|2015|2010|quebec))",
            r"\bdispose.{0,25}\b(combien|argent|fonds|moyens)|\bcombien.{0,40}pour fonctionner\b",
            r"\b(operating )?budget of\b|\bmoyens financiers\b",
        ),
        known=False,
    ),
    Attribute(
        "evenement",
        "les événements à venir",
        (
            r"\b(prochain|prochaine|prochains|prochaines) (forum|evenement|congres|conference|assemblee|colloque|gala|"
            r"salon|activite|rencontre|edition|journee)",
            r"\b(evenements?|activites) a venir\b|\bcalendrier\b|\bnext (event|forum|conference|meeting)",
        ),
        known=False,
    ),
    Attribute(
        "adresse",
        "l'adresse de ses bureaux",
        (
            r"\badresse\b(?! (web|internet|du site|url|courriel|electronique|e-?mail|de (son|leur) site))",
            r"\b(ou (sont|se trouvent|se situent|est|se trouve|se situe) (leurs|ses|les|leur|son|le) (bureaux|bureau|"
            r"locaux|siege))",
            r"\bsiege social\b|\bcode postal\b|\bstreet address\b|\bwhere (is|are) (it|they|their office)",
        ),
        known=False,
    ),
    Attribute(
        "liste_membres",
        "la liste nominative de ses membres",
        (
            r"\b(quels sont|qui sont|liste|nommer?|nomme[- ]moi) (les |la liste des |ses |leurs )?(entreprises "
            r")?membres\b",
            r"\bquelles entreprises (en )?(sont|font partie)",
            r"\bliste\b.{0,30}\bmembres\b",
            r"\b(quels|quelles) (sont )?(les )?(entreprises|compagnies|organisations) (membres|qui en font partie)",
        ),
        known=False,
    ),
    Attribute(
        "offres_emploi",
        "ses offres d'emploi",
        (r"\b(offres? d'emploi|postes? (ouverts?|a combler|disponibles?)|embauche(nt)?|recrute(nt)?|job openings?)",),
        known=False,
    ),
    Attribute(
        "gouvernance",
        "la composition de son conseil d'administration",
        (r"\b(conseil d'administration|c\.a\.|administrateurs|board of directors|board members)",),
        known=False,
    ),
    Attribute(
        "reseaux_sociaux",
        "ses comptes sur les réseaux sociaux",
        (r"\b(instagram|facebook|linkedin|twitter|youtube|tiktok|reseaux sociaux|medias sociaux|social media)",),
        known=False,
    ),
    Attribute(
        "horaires",
        "ses heures d'ouverture",
        (
            r"\b(heures? d'ouverture|horaires?|a quelle heure|ouverts? (le |les )?(lundi|mardi|mercredi|jeudi|vendredi|"
            r"samedi|dimanche|fin de semaine|soir)|opening hours)",
        ),
        known=False,
    ),
    Attribute(
        "repartition",
        "la répartition de cette somme entre les grappes",
        (
            r"\b(part|repartition|portion|quote-part)\b.{0,30}\b(somme|montant|enveloppe|budget|financement)\b",
            r"\b(cette somme|ce montant|cette enveloppe)\b.{0,30}\brevient\b",
        ),
        known=False,
    ),
    Attribute(
        "prevision",
        "de prévisions",
        (
            r"\b(prevision|previsions|projection|projections|perspectives|forecast|d'ici (20\d\d|\d+ ans|la fin))",
            r"\b(dans \d+ ans|l'an prochain|l'annee prochaine|l'avenir|futur|will be|in the future)\b",
        ),
        known=False,
    ),
)

# Facts that knowledge/faits.yml may hold, most specific first.
_KNOWN = (
    Attribute(
        "telephone",
        "de numéro de téléphone",
        (r"\b(telephone|numero|appeler|tel\b|phone|call them|coordonnees)",),
        known=True,
    ),
    Attribute(
        "courriel",
        "d'adresse courriel",
        (
            r"\b(courriel|e-?mail|mail|adresse electronique|ecrire|leur ecris|leur ecrire|je leur ecris|contacter|"
            r"joindre|rejoindre|contact|coordonnees|write to|reach them|get in touch)",
        ),
        known=True,
    ),
    Attribute(
        "membres_fondateurs",
        "d'information sur ses membres fondateurs",
        (r"\b(membres? fondateurs?|fondateurs|founding members?)",),
        known=True,
    ),
    Attribute(
        "rang",
        "son rang de création parmi les grappes",
        (
            r"\b(rang|quantieme|combientieme|combien-?i?e?me|cmb-?i?e?me|position|ordre de creation|dans quel ordre|se "
            r"classe|(premiere|deuxieme|troisieme|quatrieme|cinquieme|sixieme|septieme|huitieme|neuvieme|dixieme) "
            r"(grappe|a voir|a etre)|\d+e grappe)",
        ),
        known=True,
    ),
    Attribute(
        "origine",
        "d'information sur l'origine de sa création",
        (
            r"\b(a l'origine|initiative|qui a (cree|fonde|lance|mis sur pied|eu l'idee)|(cree|creee|fonde|fondee|lance|"
            r"lancee|mis sur pied|mise sur pied) (par|a l'initiative)|who (founded|created|started|set up)|"
            r"role dans (sa |leur |la |son )?(naissance|creation|fondation|mise sur pied|lancement))",
        ),
        known=True,
    ),
    Attribute(
        "fusion",
        "d'information sur une fusion ou un regroupement",
        (
            r"\b(fusion|fusionn|regroup\w* (avec|en \d)|regroupement|absorb|merge|merger|s'est (joint|uni)e?|"
            r"separe\w*|deux (organismes|affaires|entites)|une seule (entite|organisation))",
        ),
        known=True,
    ),
    Attribute(
        "subvention",
        "de subvention reçue",
        (
            r"\b(subvention|octroi|octroye|contribution (financiere|additionnelle)|aide financiere|grant|appui "
            r"financier|"
            r"(a recu|recu|recoit|verse|versee|accorde|accordee)\b.{0,30}(\$|dollars|argent|montant|somme|financ|aide)|"
            r"(verse|versee|versait|accorde|accordee|octroye|octroyee) combien|"
            r"combien\b.{0,30}\b(verse|versee|versait|accorde|accordee|octroye|octroyee)\b|"
            r"donne\w* (de l'|des |un |une )?(argent|montant|somme|fonds)|argent (en plus|supplementaire|additionnel)|"
            r"montant (verse|accorde|octroye)|montant\b.{0,40}\brecu|combien d'aide|aide (obtenue|recue)|"
            r"obtenu\w* (de|du) (dec|la cmm|cmm|federal|gouvernement|quebec)|recu\w* du (federal|gouvernement|"
            r"provincial|"
            r"quebec|canada)|aide (du|de l'etat|du gouvernement) (federal|quebecois|du quebec|du canada))",
        ),
        known=True,
    ),
    Attribute(
        "financement",
        "de détail sur qui le finance",
        (
            r"\b(qui (le |la |les )?(finance|financent|paie|paye|subventionne)|soutien\w* financ|"
            r"(toucher|recevoir|obtenir) (combien|jusqu'a)|combien .{0,25}(toucher|recevoir|obtenir)|"
            r"pouvait (toucher|recevoir|obtenir)|(toucher|recevoir) .{0,20}(\$|dollars|millions?)|"
            r"finance(e|es|s)? par|par qui .{0,30}financ|financement|bailleurs?|who (funds|finances|pays)|funded by)",
        ),
        known=True,
    ),
    Attribute(
        "membres",
        "de nombre de membres",
        (
            r"\b((combien|nombre) (de |d')?(membres|adherents)|membres? (compte|regroupe)|how many members|"
            r"members does|compte.{0,20}membres|\d+ membres|membres (au depart|en \d{4}))",
        ),
        known=True,
    ),
    Attribute(
        "portee",
        "de précision sur sa portée géographique",
        (
            r"\b(portee|provincial|provinciale|tout le quebec|ensemble du quebec|(seulement|juste|uniquement|only)\b"
            r".{0,20}\b(metropole|montreal|region|ile)|se limite|limitee? a|"
            r"territoire|\bprovince\b|rayon d'action|a l'echelle (du quebec|provinciale|de la province)|au complet|"
            r"scope|province-wide|whole province|only montreal)",
        ),
        known=True,
    ),
    Attribute(
        "covid", "d'autre mesure liée à la COVID-19", (r"\b(covid|pandemie|coronavirus)",), known=True, general=True
    ),
    Attribute(
        "programme",
        "de programme de financement",
        (
            r"\b(pmde|pde|plan (metropolitain )?de developpement|plan d'action|plan (economique|metropolitain|20\d\d)|"
            r"fonds\b.{0,15}competitivite|programme|"
            r"fonds (des grappes|de 2007))",
        ),
        known=True,
        general=True,
    ),
    Attribute(
        "organismes_lies",
        "d'organisme partenaire ou lié",
        (
            r"\b(montreal international|partenaires?|collabor|travaill(e|ent) avec|en lien avec|lien avec|"
            r"organismes? (lies|associes|partenaires)|avec l'aide (de|d')|de concert avec|avec quel organisme)",
        ),
        known=True,
    ),
    Attribute(
        "appellation",
        "d'autre nom",
        (
            r"\b(autre nom|autres noms|ancien nom|nom (officiel|complet|anglais)|connue? sous|aussi appel|sigle|"
            r"acronyme|signifie|veut dire|other name|also called|stands for|se (decri|present|defini)\w*|"
            r"(nom|appel\w*) avant|anciennement|appellation|denomination|sous quel nom|portait (quel|le|un) nom|"
            r"s'appelait|changer? de nom|change de nom|"
            r"comment (se |s')(decri|present|defini)\w*)",
        ),
        known=True,
    ),
    Attribute(
        "statut",
        "de statut juridique",
        (
            r"\b(statut (juridique|legal)|obnl|but non lucratif|sans but lucratif|forme juridique|legal status|"
            r"non-profit|nonprofit)",
        ),
        known=True,
    ),
    Attribute(
        "date_creation",
        "de date plus précise que l'année",
        (
            r"\b(date (precise|exacte)|quel jour|quelle journee|quel mois|quelle date|incorpor|lancement officiel|"
            r"annonce|inaugur|"
            r"locaux|bureaux ont ouvert|ouverture des bureaux|constitu|anniversaire|premiere assemblee|assemblee "
            r"generale|premier forum|which day|what date|which month)",
        ),
        known=True,
    ),
    Attribute(
        "nombre_grappes",
        "de décompte des grappes",
        (r"\b(grappes? identifiees?|identifie|identification|repere\w*|repera\w*|ciblee?s)",),
        known=True,
        general=True,
    ),
    Attribute(
        "historique", "d'étape historique", (r"\b(genese|histoire|historique|chronologie)\b",), known=True, general=True
    ),
    Attribute(
        "part_emplois",
        "de part des emplois ou des établissements dans la région",
        (
            r"\b(part|pourcentage|proportion|pour cent|%|share)\b.{0,40}\b(emploi|etablissement|region|montreal|canad|"
            r"metropol|jobs)",
            r"\b(region|metropol|montreal|canad)\w*\b.{0,40}\b(pourcentage|proportion|quelle part|share)\b",
        ),
        known=True,
        share_of_figures=True,
    ),
    Attribute("nuance", "de nuance entre les sources", (), known=True),
)

ATTRIBUTES: Tuple[Attribute, ...] = _ASKED + _KNOWN
ATTRIBUTE_BY_ID: Dict[str, Attribute] = {a.id: a for a in ATTRIBUTES}
FACT_ATTRIBUTES = tuple(a.id for a in ATTRIBUTES if a.known)

# Measures inside the figures: a question about "travailleurs" wants the lines about jobs, whatever the word.
MEASURES: Dict[str, Tuple[str, ...]] = {
    "emplois": (
        "emploi",
        "emplois",
        "travailleur",
        "travailleurs",
        "employe",
        "employes",
        "job",
        "jobs",
        "salarie",
        "salaries",
        "main-d'oeuvre",
        "monde",
        "workers",
        "employment",
        "personnes",
        "gens",
        "travailler",
        "travaillent",
        "travaille",
        "emploient",
        "emploie",
        "employeur",
        "employer",
    ),
    "entreprises": (
        "entreprise",
        "entreprises",
        "compagnie",
        "compagnies",
        "firme",
        "firmes",
        "societes",
        "etablissements",
        "companies",
        "firms",
        "businesses",
        "organisations",
        "transformateurs",
    ),
    "chiffre_affaires": (
        "chiffre d'affaires",
        "chiffre d'affaire",
        "chifre",
        "daffaire",
        "daffaires",
        "ventes",
        "revenus",
        "revenue",
        "sales",
        "turnover",
        "milliards",
        "retombees",
        "poids economique",
    ),
    "pme": ("pme", "sme", "smes", "petites entreprises"),
    "pib": ("pib", "gdp", "produit interieur brut"),
    "valeur_ajoutee": ("valeur ajoutee", "added value", "value added"),
    "tournages": ("tournage", "tournages", "shoots", "productions etrangeres"),
    "depenses": ("depenses", "spending", "injecte", "injectes"),
    "centres_recherche": ("centre de recherche", "centres de recherche", "research centres", "research centers"),
    "filiales": ("filiale", "filiales", "subsidiaries"),
    "maitres_oeuvre": ("maitre d'oeuvre", "maitres d'oeuvre", "maitres d'œuvre", "prime contractors"),
    "equipementiers": ("equipementier", "equipementiers"),
    "fournisseurs": ("fournisseur", "fournisseurs", "suppliers"),
    "exportateurs": ("exportent", "exportateurs", "export", "exportatrices", "exporters"),
    "production": ("tonnes", "production annuelle", "volume de production", "volume annuel", "volume"),
}
# The words of each measure as they appear inside a figure's text.
MEASURE_WORDS_IN_FIGURES: Dict[str, Tuple[str, ...]] = {
    "emplois": ("emploi", "travailleur", "job"),
    "entreprises": ("entreprise", "etablissement", "compagnie", "organisation", "transformateur"),
    "chiffre_affaires": ("chiffre d'affaires", "ventes", "revenus", "g$", "retombees"),
    "pme": ("pme",),
    "pib": ("pib",),
    "valeur_ajoutee": ("valeur ajoutee",),
    "tournages": ("tournage",),
    "depenses": ("depenses", "injecte"),
    "centres_recherche": ("centres de recherche", "centre de recherche"),
    "filiales": ("filiale",),
    "maitres_oeuvre": ("maitre", "maitres d'oeuvre"),
    "equipementiers": ("equipementier",),
    "fournisseurs": ("fournisseur",),
    "exportateurs": ("export",),
    "production": ("tonnes", "production"),
}
MEASURE_LABELS: Dict[str, str] = {
    "emplois": "d'emplois",
    "entreprises": "d'entreprises",
    "chiffre_affaires": "de chiffre d'affaires",
    "pme": "de PME",
    "pib": "de part du PIB",
    "valeur_ajoutee": "de valeur ajoutée",
    "tournages": "de tournages",
    "depenses": "de dépenses",
    "centres_recherche": "de centres de recherche",
    "filiales": "de filiales",
    "maitres_oeuvre": "de maîtres d'œuvre",
    "equipementiers": "d'équipementiers",
    "fournisseurs": "de fournisseurs",
    "exportateurs": "d'entreprises exportatrices",
    "production": "de production",
}
