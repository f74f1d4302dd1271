"""Schemas of the knowledge files: a malformed fact must stop the action server, not reach a visitor."""

from typing import Any, Dict, List

from jsonschema import Draft7Validator, ValidationError

from bot.registry import FACT_ATTRIBUTES, TOPICS

_TEXT = {"type": "string", "minLength": 1}
_URL = {"type": "string", "pattern": r"^https?://[^\s]+$"}
_TEXTS = {"type": "array", "items": _TEXT}
_URLS = {"type": "array", "items": _URL, "minItems": 1}
_YEAR = {"type": ["integer", "null"], "minimum": 1900, "maximum": 2100}
_SCOPE = {"enum": ["Québec", "Grand Montréal", "non précisé"]}

FIGURE = {
    "type": "object",
    "required": ["valeur", "annee", "perimetre", "source", "extrait"],
    "additionalProperties": False,
    "properties": {
        "valeur": _TEXT,
        "annee": _YEAR,
        "annee_deduite": {"type": "boolean"},
        "perimetre": _SCOPE,
        "source": _URL,
        "extrait": _TEXT,
    },
}

SECRETARIAT = {
    "type": "object",
    "required": ["nom", "site_web", "fondation", "source"],
    "additionalProperties": False,
    "properties": {
        "nom": _TEXT,
        "sigle": _TEXT,
        "site_web": {"type": "string", "pattern": r"^https://[a-z0-9.-]+\.[a-z]{2,}/?$"},
        "fondation": {"type": "integer", "minimum": 1900, "maximum": 2100},
        "source": _URL,
        "se_presente_comme": _TEXT,
    },
}

GRAPPE = {
    "type": "object",
    "required": [
        "id",
        "nom",
        "de_la_grappe",
        "liste_officielle",
        "secretariat",
        "mission",
        "chiffres",
        "sources",
        "mots_cles",
    ],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": r"^[a-z][a-z_]*$"},
        "nom": _TEXT,
        "de_la_grappe": {"type": "string", "pattern": r"^(de |du |des |d')"},
        "liste_officielle": {"type": "boolean"},
        "secretariat": SECRETARIAT,
        "mission": _TEXT,
        "chiffres": {"type": "array", "items": FIGURE, "minItems": 1},
        "nuances": _TEXTS,
        "sources": _URLS,
        "mots_cles": {
            "type": "object",
            "required": ["nom", "secretariat", "activites"],
            "additionalProperties": False,
            "properties": {"nom": _TEXTS, "secretariat": _TEXTS, "activites": _TEXTS},
        },
    },
}

GRAPPES_FILE = {
    "type": "object",
    "required": ["grappes"],
    "additionalProperties": False,
    "properties": {"grappes": {"type": "array", "items": GRAPPE, "minItems": 1}},
}

FACT = {
    "type": "object",
    "required": ["attribut", "texte", "annee", "perimetre", "source", "extrait"],
    "additionalProperties": False,
    "properties": {
        "grappe": {"type": "string", "pattern": r"^[a-z][a-z_]*$"},
        "attribut": {"enum": list(FACT_ATTRIBUTES)},
        "texte": _TEXT,
        "annee": _YEAR,
        "annee_deduite": {"type": "boolean"},
        "perimetre": _SCOPE,
        "source": _URL,
        "extrait": _TEXT,
        "mots_cles": _TEXTS,
    },
}

FACTS_FILE = {
    "type": "object",
    "required": ["faits"],
    "additionalProperties": False,
    "properties": {"faits": {"type": "array", "items": FACT, "minItems": 1}},
}

GENERAL_FILE = {
    "type": "object",
    "required": ["page_cmm", "sujets", "secteurs_sans_grappe"],
    "additionalProperties": False,
    "properties": {
        "sources": {"type": "object", "additionalProperties": _URL},
        "page_cmm": {
            "type": "object",
            "required": ["url", "mise_a_jour"],
            "additionalProperties": False,
            "properties": {"url": _URL, "mise_a_jour": {"type": "string", "pattern": r"^(1er|\d{1,2}) \w+ \d{4}$"}},
        },
        "sujets": {
            "type": "object",
            "required": list(TOPICS),
            "additionalProperties": False,
            "properties": {
                topic: {
                    "type": "object",
                    "required": ["texte", "sources"],
                    "additionalProperties": False,
                    "properties": {"texte": _TEXT, "sources": _URLS},
                }
                for topic in TOPICS
            },
        },
        "secteurs_sans_grappe": {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": {"type": "array", "items": _TEXT, "minItems": 1},
        },
    },
}


_TYPES = {
    "string": "un texte",
    "integer": "un nombre entier",
    "null": "null",
    "array": "une liste",
    "object": "un ensemble de champs",
    "boolean": "true ou false",
}
_PATTERNS = {
    r"^https://[a-z0-9.-]+\.[a-z]{2,}/?$": "une adresse de site en https:// (ex. https://www.mmode.ca)",
    r"^https?://[^\s]+$": "une adresse web complète (http:// ou https://)",
    r"^[a-z][a-z_]*$": "un identifiant en minuscules sans accent (ex. technologies_propres)",
    r"^(de |du |des |d')": "un complément qui commence par « de », « du », « des » ou « d' »",
}


def _problem(error: ValidationError) -> str:
    """What is wrong, in French, for the staff who edit knowledge/ (jsonschema's own messages are in English)."""
    kind, value = error.validator, error.instance
    expected: Any = error.validator_value
    if kind == "required":
        return f"champ obligatoire absent : {error.message.split(' is a required')[0]}"
    if kind == "additionalProperties":
        return f"champ inconnu ({error.message.split('(')[-1].rstrip(')')})"
    if kind == "type":
        wanted = " ou ".join(_TYPES.get(name, name) for name in ([expected] if isinstance(expected, str) else expected))
        return f"{value!r} devrait être {wanted}"
    if kind == "pattern":
        return f"{value!r} devrait être {_PATTERNS.get(expected, f'de la forme {expected}')}"
    if kind == "enum":
        return f"{value!r} n'est pas permis (valeurs permises : {', '.join(map(str, expected))})"
    if kind in ("minLength", "minItems"):
        return "ne doit pas être vide"
    if kind in ("minimum", "maximum"):
        return f"{value!r} est hors des limites ({kind} {expected})"
    return str(error.message)


def schema_errors(document: object, schema: Dict[str, Any]) -> List[str]:
    """Readable "field: problem" lines, the field written as a path such as grappes[2].secretariat.site_web, in
    the order of the file."""
    lines = []
    ordered = sorted(
        Draft7Validator(schema).iter_errors(document),
        key=lambda e: [(0, part, "") if isinstance(part, int) else (1, 0, str(part)) for part in e.path],
    )
    for error in ordered:
        path = ""
        for part in error.path:
            path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
        lines.append(f"{path or '(racine)'}: {_problem(error)}")
    return lines
