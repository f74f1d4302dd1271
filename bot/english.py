"""Questions typed in English: recognise them and rewrite their key words in French.

The assistant answers in French; an English question is understood by turning the words that carry its
meaning (cluster, aspect, activity) into the French words the rest of bot/ already knows. Everything else
is left alone, so a cluster's own name (AluQuébec, CargoM) still resolves.
"""

import re
from typing import Tuple

from bot.text import fold

ENGLISH_WORDS = frozenset(
    "the what which who whom whose is are was were does do did of for how many much when where why there "
    "their its it this that with and or to from in on by get got has have year years cluster clusters "
    "website address founded established created started launched secretariat body organization "
    "organisation should we our us you your can could would please tell me about any".split()
)
_FRENCH_WORDS = frozenset(
    "le la les un une des du de est sont quel quelle quels quelles qui que quoi combien pour avec dans sur "
    "et ou au aux ce cette ces son sa ses leur leurs nous vous je tu il elle ils elles on pas ne y a en "
    "bonjour salut merci c'est grappe grappes".split()
)

# (English pattern over folded text, French replacement), most specific first.
_GLOSSARY: Tuple[Tuple[str, str], ...] = (
    (r"\bweb ?site\b|\bweb address\b|\bhomepage\b|\burl\b|\bweb page\b", " site web "),
    (r"\b(what|which) year\b|\bwhen\b|\bsince when\b", " en quelle annee "),
    (
        r"\b(get|got|getting) started\b|\bfounded\b|\bestablished\b|\bcreated\b|\bstarted\b|\blaunched\b|"
        r"\bset up\b|\bbegan\b|\bformed\b",
        " fondee ",
    ),
    (
        r"\bwho (runs|manages|coordinates|is behind|oversees|handles)\b|\bsecretariats?\b|\b(body|organi[sz]ation|"
        r"group) (that|which) (runs|manages|coordinates|serves)|\bwhich (body|organi[sz]ation)\b",
        " secretariat ",
    ),
    (r"\bmission\b|\bpurpose\b|\bgoal\b|\baim\b|\bmandate\b|\bwhat does (it|they) do\b", " mission "),
    (r"\bhow many\b|\bhow much\b|\bnumber of\b", " combien "),
    (r"\bphone( number)?\b|\btelephone\b", " telephone "),
    (r"\be-?mail( address)?\b", " courriel "),
    (r"\bcontact\b", " contacter "),
    (r"\bfounding members?\b", " membres fondateurs "),
    (r"\bmembers?\b", " membres "),
    (r"\bmerge[drs]?\b|\bmerger\b|\bjoin(ed)? forces\b|\bcombined with\b", " fusion "),
    (r"\bgrants?\b", " subvention "),
    (r"\b(got|received|was given|were given)\b", " a recu "),
    (r"\beconomic (development )?plan\b", " plan de developpement economique "),
    (r"\b(who )?(funds|finances|pays for)\b|\bfunded by\b", " qui finance "),
    (
        r"\b(very )?(first|oldest)( \w+)? clusters?\b|\b(the )?(very )?first one\b|"
        r"\b(recogni[sz]ed|created|founded|set up|established|launched) first\b",
        " premiere grappe ",
    ),
    (
        r"\bwho('s| is) in charge\b|\bchief executive\b|\bceo\b|\bhead of\b|\bdirector\b|\bpresident\b|"
        r"\bwho (leads|heads|directs)\b",
        " dirigeant ",
    ),
    (
        r"\bonly (about |in |for )?montr[eé]al\b|\bjust montr[eé]al\b|\bor wider\b|\bwhole (of )?quebec\b|"
        r"\bprovince-wide\b",
        " seulement montreal portee ",
    ),
    (r"\b(yearly |annual )?(operating )?budget\b", " budget de fonctionnement "),
    (r"\bclusters\b", " grappes "),
    (r"\bcluster\b", " grappe "),
    (
        r"\bfashion\b|\bclothing\b|\bclothes\b|\bapparel\b|\b(wo)?menswear\b|\bgarments?\b|\bfootwear\b|"
        r"\bshoes\b|\bjewel(le)?ry\b|\btextiles?\b",
        " mode ",
    ),
    (r"\bfilm( and| &)? (tv|television)\b|\bmovies?\b|\bfilms?\b|\btv\b|\btelevision\b|\baudiovisual\b", " cinema "),
    (
        r"\bclean ?tech\w*\b|\bclean technolog\w*\b|\bgreen tech\w*\b|\bwater[- ]treatment\b|\bwastewater\b|"
        r"\brecycling\b|\brenewable energ\w*\b|\bsolar\b|\bwind (power|energy|turbines?)\b|\bcarbon capture\b|"
        r"\bcircular economy\b|\bwaste management\b",
        " technologies propres ",
    ),
    (r"\baerospace\b|\baviation\b|\baircraft\b|\bdrones?\b", " aerospatiale "),
    (r"\blogistics\b|\bfreight\b|\bshipping\b|\btransportation and logistics\b|\bwarehous\w*\b", " logistique "),
    (
        r"\blife sciences?\b|\bbiotech\w*\b|\bpharma\w*\b|\bhealth tech\w*\b|\bmedical devices?\b",
        " sciences de la vie ",
    ),
    (r"\bfinancial services\b|\bbank(ing|s)?\b|\binsurance\b", " services financiers "),
    (
        r"\binformation (and communications? )?technolog\w*\b|\bsoftware\b|\bvideo games?\b|\bartificial "
        r"intelligence\b|"
        r"\b(the )?tech sector\b",
        " technologies de l'information ",
    ),
    (
        r"\belectric (vehicles?|transport\w*|mobility|bus(es)?|cars?|trucks?)\b|\bbatter(y|ies)( packs?)?\b|"
        r"\bsmart (transport\w*|mobility)\b|\bcharging stations?\b",
        " transports electriques ",
    ),
    (r"\bjobs\b|\bworkers\b|\bemployees\b|\bemployment\b", " emplois "),
    (r"\bcompanies\b|\bfirms\b|\bbusinesses\b", " entreprises "),
    (r"\brevenues?\b|\bsales\b|\bturnover\b", " chiffre d'affaires "),
    (
        r"\bwe (make|build|manufacture|produce|develop|design|run|operate)\b|\bour (company|firm|startup|fund)\b",
        " nous fabriquons ",
    ),
)


def is_english(text: str) -> bool:
    """More English function words than French ones, and at least two of them."""
    words = re.findall(r"[a-z']+", fold(text))
    english = sum(word in ENGLISH_WORDS for word in words)
    french = sum(word in _FRENCH_WORDS for word in words)
    return english >= 2 and english > french


def to_french(folded: str) -> str:
    """The folded English text with its meaningful words rewritten in French."""
    for pattern, replacement in _GLOSSARY:
        folded = re.sub(pattern, replacement, folded)
    return " ".join(folded.split())
