"""What exactly a message asks: its subject (clusters, a sector without a cluster) and the precise thing asked.

The NLU's intent says roughly what kind of question it is; this module reads the words that decide the
precise attribute (a phone number, a member count, a merger...), a year, a false premise, a comparison or
an ellipsis ("et pour la mode ?"), so that the dialogue never answers a neighbouring question.
"""

import re
from dataclasses import dataclass
from typing import List, Optional, Tuple

from bot import english
from bot.registry import ATTRIBUTES, MEASURES
from bot.resolver import Mention, Resolver
from bot.text import fold

# Core aspects of a cluster, recognised in any message (the NLU may have taken it for a greeting or a fallback).
_ASPECT_CUES: Tuple[Tuple[str, str], ...] = (
    ("website", r"\b(sites?|web|url|internet|en ligne|page web|liens?)\b"),
    (
        "founding_year",
        r"\b(fonde|fondee|fondes|fondation|cree|creee|crees|creation|naissance|vu le jour|ne en|nee en|"
        r"lance|lancee|lancement|depuis quand|quelle annee|existe depuis|en quelle annee|date de)",
    ),
    (
        "secretariat",
        r"\b(secretariat|quel organisme|qui (gere|coordonne|chapeaute|anime|s'occupe|est derriere|"
        r"represente|porte|pilote|dirige) (la|le|les|cette|ce) (grappe|secteur|industrie|filiere)|"
        r"qui (gere|coordonne|chapeaute|s'occupe de) (ca|cela|la|les))",
    ),
    (
        "mission",
        r"\b(mission|mandat|but|buts|objectif|objectifs|raison d'etre|vocation|champ d'action|a quoi sert|"
        r"sert a quoi|(y|ils|elles|il|elle|on) (font|fait) quoi|qu'est-ce qu'(ils|elles|y) font|que fait|"
        r"que font|a quoi (ils|elles|y) servent|role de (la grappe|l'organisme|"
        r"cet organisme|ce secretariat))",
    ),
    (
        "domain",
        r"\b(quel (domaine|secteur)|quelle (industrie|filiere)|dans quel (domaine|secteur)|regroupe quel|"
        r"c'est quoi comme secteur|secteur d'activite|couvre quel|c'est dans quoi|dans quoi|ca touche quoi)",
    ),
    ("figures", r"\b(chiffres?|statistiques?|combien|nombre|taille|poids|ampleur|donnees|portrait|bilan)\b"),
)
# A measure word counts only in a question about a quantity ("une entreprise de paysagement" asks no figure).
_QUANTITY = re.compile(
    r"\b(combien|nombre|chiffres?|part|pourcentage|proportion|total|volume|montant|valeur|statistiques?|"
    r"genere|generent|represente|representent|comptait|comptaient|compte-t|emploie|employait|rapporte|pese|"
    r"quel(le)?s? (est|sont|etait|etaient|chiffre|valeur|part|volume|montant)|how many|how much|plus|moins|"
    r"croissance|employeur|biggest|largest|most|kosse|koi|c'est quoi|cest quoi|c quoi)\b"
)
_PERSON_VERBS = re.compile(r"\bqui (le |la |les )?(dirige|preside|mene|pilote|gere)\b|\bwho (leads|heads|runs)\b")
# "c'était en quelle année ?" asks the date of what was just said, not the founding of the cluster.
_ONLY_WHEN = re.compile(
    r"^(\W*(et|ok|pis|puis|alors|ca|c'etait|c'est|s'est fait|ca s'est fait|fait|adopte|adoptee|"
    r"c'etait quand|en|quelle|annee|quel|mois|jour|date|quand|when|which|what|year|was|it|that|"
    r"de|la|le|l'|ca|cela|a|eu|lieu|arrive|passe|donc|au juste|exactement)\b)+\W*$"
)
_WORD = re.compile(r"[a-z0-9'-]+")  # a word of a folded message; "?" and "!" are not words
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
# "et l'année d'avant ?": the year before (or after) the one just answered, not the calendar's.
_YEAR_BEFORE = re.compile(
    r"\bl'(annee|an) (d'avant|precedente|precedent|d'auparavant)\b|\bun an (plus tot|avant)\b|"
    r"\b(previous|prior) year\b|\byear before\b"
)
_YEAR_AFTER = re.compile(
    r"\bl'(annee|an) (d'apres|suivante|suivant|qui suit)\b|\bun an (plus tard|apres)\b|"
    r"\b(next|following) year\b|\byear after\b"
)
_PREMISE = re.compile(
    r"c'est (ca|bien ca|exact|juste|vrai)|si je (me souviens|ne me trompe|ne m'abuse|comprends bien)|n'est-ce pas|"
    r"\bbien (ete|en|\d)|\bright\b|\bcorrect\b|\bisn't it\b|\bwasn't it\b|\bconfirme|\bvrai que|"
    r"\bj'ai (lu|entendu)|on m'a dit|il parait|\bpuisque\b|\bcomme (elle|il) (a ete|est)|\bdepuis (19|20)\d\d"
)
_OLDEST_CLAIM = re.compile(
    r"\b(la plus ancienne|la plus vieille|la premiere|the oldest|the first|ouvert le bal|"
    r"lance le bal|en premier)\b"
)
_COMPARISON = re.compile(
    r"\b(le plus|la plus|les plus|le moins|la moins|plus (gros|grosse|grand|grande|important|importante|d')|"
    r"moins (de|d')|classe|classement|classer|compar|devant|versus|\bvs\b|the most|the largest|the biggest|rank|"
    r"top ?\d*|palmares|ordre de (taille|grandeur)|davantage|more than|bigger|larger)\b|"
    r"\b(plus|moins)\b.{0,40}\bque\b"
)
_AGE_WORDS = re.compile(r"\b(ancienne|vieille|jeune|recente|premiere|derniere|oldest|youngest|newest)\b")
_ASKS_FOR_GRAPPE = re.compile(
    r"\b(quelle grappe|quel secretariat|une grappe (pour|qui|a eux|a elles|a nous|dedie)|leur grappe|sa grappe|"
    r"leur propre grappe|sa propre grappe|(ont|a|avoir|possede) (une|leur|sa) grappe|"
    r"ont leur|a sa|relev|represente|representer|appartien|fait partie|couvre|couvert|existe|y a-t-il|y a t il|"
    r"il y a une|for us|which grappe|is there)"
)
_FOLLOW_UP = re.compile(
    r"^\s*(et|pis|puis|ok|okay|alors|pareil|meme|idem|aussi|what about|and|same)\b|"
    r"\b(pareil|meme (chose|question|situation|cas)|idem|de meme|aussi|egalement|"
    r"autres? (grappes?|secretariats?))\b"
)
# "et pour les boulangeries ?": a short follow-up that names a new subject.
_NEW_SUBJECT = re.compile(r"^\s*(et|pis|puis|and|ok) (pour|cote|dans|les|la|le|l'|du|des|what about|for)\b")
_GIVEN = "ajoute|verse|investi|mis|consacre|injecte|accorde|octroye|donne|alloue|apporte|contribue|depense"
_REFERS_BACK = re.compile(
    r"\b(il|elle|ils|elles|son|sa|ses|leur|leurs|lui|eux|cet organisme|cette grappe|"
    r"ce plan|ce programme|cette somme|ce montant|ce fonds|cette liste|cette etude|c'etait|"
    r"ce secretariat|celle-ci|celui-ci|la-bas|cette organisation|l'organisme|le secretariat|"
    r"ca|cela|la-dessus|dessus|they|their|it|its)\b|"
    # "le privé y ajoutait combien ?"; "il y a" and "y a-t-il" are impersonal (_IMPERSONAL), "y en a" counts,
    # but "Ottawa y a ajouté combien ?" points back: "y a" before the participle of giving
    r"\by (?!a\b|avait\b|en a\b|en avait\b)(?=[a-z])|"
    rf"\by a ({_GIVEN})\b"
)
_GENERAL = re.compile(
    r"\b(les grappes|des grappes|de grappes|chaque grappe|toutes les grappes|les secretariats|"
    r"des secretariats|chaque secretariat|en general|the clusters|grappes en tout)\b"
)
# "il" that stands for nothing: "y a-t-il", "il existe"...; it must not be read as a pronoun for the cluster.
_IMPERSONAL = re.compile(
    rf"\b(y a-t-il|y a t il|y avait-il|il y a(?! (?:{_GIVEN})\b)|il y avait|il existe|existe-t-il|il faut|faut-il|"
    r"s'agit-il|il s'agit|est-il possible|est-ce qu'il y a)\b"
)
_LISTS_GRAPPES = re.compile(
    r"\b(quelles|quels) (sont )?(les )?grappes\b|\bliste\b.{0,20}\bgrappes\b|\bwhich grappe (exist|are)|"
    r"\bwhat (are )?(the )?grappe|\bgrappes (existantes|qui existent)\b|\bnomme[rz]?(-moi)? les grappes\b"
)
_DEFINES_GRAPPE = re.compile(
    r"\b(c'est quoi|qu'est-ce qu'|qu'est ce qu'|definition d'|definis|definir|what is) ?"
    r"(une|un|the|a)? ?grappe\b|\bgrappe metropolitaine,? (c'est|ca veut dire)"
)
# "combien de conteneurs ?": what is counted, when it is none of the known measures.
_COUNTED = re.compile(
    r"\b(?:combien|nombre) (?:de |d')(?!(?:grappes?|membres|annees|ans|fois|temps|argent|dollars|"
    r"aide|fonds|quebecois|personnes|gens|monde|secretariats?|organismes?|subventions?)\b)"
    r"([a-z][a-z-]{3,}(?: [a-z]{4,})?)"
)
_COUNTS_GRAPPES = re.compile(
    r"\b(combien|nombre) (de |d')?(grappes|clusters)\b|\bcombien (\w+ )?grappes?\b|"
    r"\bcombien (y a-t-il|y a t il|y avait-il|y avait t il|existe-t-il|compte-t-on|en existe|il y a|y en a)\b"
    r".{0,30}\bgrappes\b|\bcombien\b.{0,15}\bgrappes (y a|existe|sont|compte|au total|en tout)|"
    r"\ben (?![0-9])\w+ combien\b(?! d)|\bcombien (en |y en )(compte|avait|a|existe)|"
    r"\by en (avait|a|aurait) combien\b|\bcombien\b.{0,30}\ben (compte|comptait|a|avait|reconnait)\b|"
    r"\b(compte|comptait|a|avait|possede|existe|there are)\b.{0,12}\b(\d+|deux|trois|quatre|cinq|six|sept|huit|onze|"
    r"douze|treize|quatorze|quinze|seize|vingt|neuf|dix) grappes\b"
)


@dataclass(frozen=True)
class Question:
    text: str
    folded: str  # folded, and rewritten in French when it was English
    english: bool
    mentions: Tuple[Mention, ...]
    clusters: Tuple[str, ...]  # clusters named, first mention first
    sector: Optional[str]  # a sector that has no cluster, when no cluster is named
    attribute: Optional[str]  # a precise attribute (registry ids), from cues
    aspect: Optional[str]  # a core aspect (website, founding_year...), from cues
    measure: Optional[str]  # what a figure question counts (emplois, entreprises...)
    years: Tuple[int, ...]
    premise: bool  # states something to confirm ("fondée en 2005, c'est ça ?")
    comparison: bool
    asks_for_grappe: bool  # "a-t-elle sa grappe ?", "quelle grappe pour ..."
    follow_up: bool  # "et pour la mode ?", "pareil pour ..."
    new_subject: bool  # "et pour les boulangeries ?": a short follow-up about something named
    refers_back: bool  # a pronoun that needs the cluster in discussion
    general: bool  # about the grappes in general
    counts_grappes: bool  # "combien de grappes ..."
    lists_grappes: bool  # "quelles sont les grappes ?"
    defines_grappe: bool  # "c'est quoi une grappe ?"
    counted: Optional[str]  # "combien de conteneurs ?" -> "conteneurs" (no known measure)
    only_when: bool  # "c'était en quelle année ?": the date of what was just said
    claims_oldest: bool  # "puisque X est la plus ancienne…": a claim to check
    relative_year: int = 0  # -1 for "l'année d'avant", +1 for "l'année suivante": from the year just answered

    @property
    def named_by_secretariat(self) -> bool:
        return any(m.kind == "secretariat" for m in self.mentions)

    @property
    def word_count(self) -> int:
        """Words of the message, not the « ? » French typography spaces off: how short a follow-up is."""
        return len(_WORD.findall(self.folded))


_ATTRIBUTE_CUES = tuple((a.id, re.compile("|".join(f"(?:{cue})" for cue in a.cues))) for a in ATTRIBUTES if a.cues)
_ANY_ATTRIBUTE_CUE = re.compile("|".join(f"(?:{cues.pattern})" for _, cues in _ATTRIBUTE_CUES))  # one search, mostly


def _attribute(folded: str, mentions: Tuple[Mention, ...]) -> Optional[str]:
    if _ANY_ATTRIBUTE_CUE.search(folded):
        for attribute_id, cues in _ATTRIBUTE_CUES:  # the first attribute in the registry's order
            if cues.search(folded):
                return attribute_id
    # "Qui dirige Écotech Québec ?": a person, when the organisation (not the sector) is named or pointed at.
    if (
        _PERSON_VERBS.search(folded)
        and (any(m.kind == "secretariat" for m in mentions) or not mentions)
        and not re.search(r"\b(grappe|secteur|industrie|filiere)\b", folded)
    ):
        return "dirigeant"
    return None


def _spaced(text: str) -> str:
    """Words between single spaces, elisions and punctuation removed: " chiffre affaires "."""
    return " " + " ".join(re.sub(r"\b[dlj]'|[?!.,;:()]", " ", text).split()) + " "


def _measure_word(word: str) -> Tuple[str, Optional[str], Optional[Tuple[str, str]]]:
    """A measure word as _measure looks for it: spaced; without its last letter when long (a plural may follow);
    after "d"/"l" when it starts with a vowel ("demplois": the elision typed without apostrophe)."""
    spaced = _spaced(word)
    shortened = spaced[:-1] if len(word) >= 5 else None
    elided = (" d" + spaced[1:], " l" + spaced[1:]) if fold(word[:1]) in "aeiouy" else None
    return spaced, shortened, elided


_MEASURE_WORDS = tuple((measure, _measure_word(word)) for measure, words in MEASURES.items() for word in words)
# Each form of a measure word holds the word itself: a question with none of them names no measure (one search).
_ANY_MEASURE_WORD = re.compile("|".join(re.escape(spaced.strip()) for _, (spaced, _, _) in _MEASURE_WORDS))


def _measure(folded: str) -> Optional[str]:
    """The first measure the question names ("combien de travailleurs" -> emplois); long words may be plural."""
    padded = _spaced(folded)
    if not _ANY_MEASURE_WORD.search(padded):
        return None
    best = None
    for measure, (spaced, shortened, elided) in _MEASURE_WORDS:
        position = padded.find(spaced)
        if position < 0 and shortened:
            position = padded.find(shortened)
        if position < 0 and elided:
            position = max(padded.find(elided[0]), padded.find(elided[1]))
        if position >= 0 and (best is None or position < best[0]):
            best = (position, measure)
    return best[1] if best else None


_COMPILED_ASPECT_CUES = tuple((aspect, re.compile(cue)) for aspect, cue in _ASPECT_CUES)


def _counted(folded: str) -> Optional[str]:
    match = _COUNTED.search(folded)
    return match.group(1) if match else None


def _aspect(folded: str) -> Optional[str]:
    for aspect, cue in _COMPILED_ASPECT_CUES:
        if cue.search(folded):
            return aspect
    return None


class Reader:
    """Reads messages with the cluster resolver and the resolver of sectors that have no cluster."""

    def __init__(self, clusters: Resolver, sectors: Resolver) -> None:
        self.clusters = clusters
        self.sectors = sectors

    def read(self, text: str) -> Question:
        is_english = english.is_english(text)
        folded = fold(text).replace("\u00a0", " ")
        if is_english:
            folded = english.to_french(folded)
        sector_mentions = self.sectors.mentions(folded)
        # "courtage immobilier" is real estate, not the "courtage" of finance: a longer sector phrase wins.
        mentions = tuple(
            m
            for m in self.clusters.mentions(folded)
            if not any(
                s.char_start <= m.char_start and m.char_end <= s.char_end and s.length > m.length
                for s in sector_mentions
            )
        )
        clusters: List[str] = []
        for mention in mentions:
            if mention.grappe_id not in clusters:
                clusters.append(mention.grappe_id)
        sectors = [] if clusters else [m.grappe_id for m in sector_mentions]
        years = tuple(int(y) for y in _YEAR.findall(folded))
        attribute = _attribute(folded, mentions)
        measure = _measure(folded)
        if measure and not _QUANTITY.search(folded) and len(folded.split()) > 6 and not _FOLLOW_UP.search(folded):
            measure = None
        if attribute in ("portee", "dirigeant") and measure and re.search(r"\b(combien|nombre|how many)\b", folded):
            attribute = None  # "combien d'emplois à l'échelle du Québec ?", "sa PDG parlait de combien d'emplois ?"
        comparison = bool(_COMPARISON.search(folded)) and (not _AGE_WORDS.search(folded) or bool(measure))
        return Question(
            text=text,
            folded=folded,
            english=is_english,
            mentions=mentions,
            clusters=tuple(clusters),
            sector=sectors[0] if sectors else None,
            attribute=attribute,
            aspect=_aspect(folded),
            measure=measure,
            years=years,
            premise=bool(_PREMISE.search(folded)) or bool(_OLDEST_CLAIM.search(folded) and clusters),
            comparison=comparison,
            asks_for_grappe=bool(_ASKS_FOR_GRAPPE.search(folded)),
            follow_up=bool(_FOLLOW_UP.search(folded)),
            new_subject=bool(_NEW_SUBJECT.search(folded)) and len(folded.split()) <= 7,
            refers_back=bool(_REFERS_BACK.search(_IMPERSONAL.sub(" ", folded))),
            general=bool(_GENERAL.search(folded)),
            counts_grappes=bool(_COUNTS_GRAPPES.search(folded)),
            lists_grappes=bool(_LISTS_GRAPPES.search(folded)),
            defines_grappe=bool(_DEFINES_GRAPPE.search(folded)) and not clusters,
            counted=None if measure or attribute else _counted(folded),
            claims_oldest=bool(_OLDEST_CLAIM.search(folded)),
            only_when=bool(_ONLY_WHEN.match(folded))
            and bool(re.search(r"quand|annee|mois|jour|date|when|year", folded)),
            relative_year=-1 if _YEAR_BEFORE.search(folded) else 1 if _YEAR_AFTER.search(folded) else 0,
        )
