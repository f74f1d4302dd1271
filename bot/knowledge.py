"""Load and validate knowledge/*.yml into plain objects, once, at action-server start."""

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Set, Tuple

import yaml

from bot.schema import FACTS_FILE, GENERAL_FILE, GRAPPES_FILE, schema_errors
from bot.text import tokens

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "knowledge"
# Points both servers at another copy of the facts (tests start them on deliberately broken copies).
DIR_VARIABLE = "GRAPPES_KNOWLEDGE_DIR"


class KnowledgeError(Exception):
    """A knowledge file is missing or malformed; the message names the file and the field."""


@dataclass(frozen=True)
class Figure:
    valeur: str
    annee: Optional[int]
    perimetre: str
    source: str
    extrait: str
    annee_deduite: bool = False


@dataclass(frozen=True)
class Fact:
    """One precise fact (a merger, a member count, a phone number...), typed by a registry attribute."""

    attribut: str
    texte: str
    annee: Optional[int]
    perimetre: str
    source: str
    extrait: str
    grappe: Optional[str] = None  # None: about the grappes in general
    annee_deduite: bool = False
    mots_cles: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Secretariat:
    nom: str
    site_web: str
    fondation: int
    source: str
    sigle: Optional[str] = None
    se_presente_comme: Optional[str] = None


@dataclass(frozen=True)
class Grappe:
    id: str
    nom: str
    de_la_grappe: str
    liste_officielle: bool
    secretariat: Secretariat
    mission: str
    chiffres: Tuple[Figure, ...]
    nuances: Tuple[str, ...]
    sources: Tuple[str, ...]
    mots_cles: Dict[str, Tuple[str, ...]]


@dataclass(frozen=True)
class Topic:
    texte: str
    sources: Tuple[str, ...]


@dataclass(frozen=True)
class Knowledge:
    grappes: Tuple[Grappe, ...]
    topics: Dict[str, Topic]
    page_cmm_url: str
    page_cmm_mise_a_jour: str
    facts: Tuple[Fact, ...] = ()
    sectors_without_grappe: Dict[str, Tuple[str, ...]] = field(default_factory=dict)

    @property
    def page_cmm_year(self) -> int:
        """The year of the CMM page's last update (« 30 janvier 2017 »)."""
        return int(self.page_cmm_mise_a_jour.split()[-1])

    @property
    def official(self) -> Tuple[Grappe, ...]:
        """The nine clusters of the CMM page, in its order."""
        return tuple(g for g in self.grappes if g.liste_officielle)

    def get(self, grappe_id: str) -> Optional[Grappe]:
        """The cluster of an id that may be stale or typed (a slot, an entity): None when unknown."""
        return next((g for g in self.grappes if g.id == grappe_id), None)

    def grappe(self, grappe_id: str) -> Grappe:
        """The cluster of an id this knowledge gave (the resolver, a fact, a checked slot): never unknown."""
        found = self.get(grappe_id)
        if found is None:
            raise KeyError(f"grappe inconnue : {grappe_id}")
        return found

    def facts_about(self, grappe_id: Optional[str], attribute: str) -> List[Fact]:
        """The facts of one attribute for one cluster (None: the general facts), oldest first."""
        return sorted(
            (f for f in self.facts if f.grappe == grappe_id and f.attribut == attribute), key=lambda f: f.annee or 0
        )


def _read(path: Path, schema: Dict[str, Any]) -> Dict[str, Any]:
    if not path.is_file():
        raise KnowledgeError(f"{path}: fichier introuvable")
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise KnowledgeError(f"{path}: YAML illisible: {error}") from error
    problems = schema_errors(document, schema)
    if len(problems) == 1:
        raise KnowledgeError(f"{path}: {problems[0]}")
    if problems:
        raise KnowledgeError(f"{path}: {len(problems)} problèmes\n" + "\n".join(f"  - {p}" for p in problems))
    checked: Dict[str, Any] = document  # an object with the schema's fields, as just checked
    return checked


def _grappe(raw: Dict[str, Any]) -> Grappe:
    return Grappe(
        id=raw["id"],
        nom=raw["nom"],
        de_la_grappe=raw["de_la_grappe"],
        liste_officielle=raw["liste_officielle"],
        secretariat=Secretariat(**raw["secretariat"]),
        mission=raw["mission"].strip(),
        chiffres=tuple(Figure(**f) for f in raw["chiffres"]),
        nuances=tuple(raw.get("nuances", ())),
        sources=tuple(raw["sources"]),
        mots_cles={kind: tuple(words) for kind, words in raw["mots_cles"].items()},
    )


def _check_unique(path: Path, grappes: Sequence[Grappe]) -> None:
    """Two clusters sharing an id or a keyword would make answers depend on file order."""
    seen_ids: Set[str] = set()
    owner: Dict[Tuple[str, ...], str] = {}
    for index, grappe in enumerate(grappes):
        if grappe.id in seen_ids:
            raise KnowledgeError(f"{path}: grappes[{index}].id: '{grappe.id}' apparaît deux fois")
        seen_ids.add(grappe.id)
        for kind, words in grappe.mots_cles.items():
            for word in words:
                key = tuple(tokens(word))
                if not key:
                    raise KnowledgeError(f"{path}: grappes[{index}].mots_cles.{kind}: '{word}' ne contient aucun mot")
                if owner.get(key, grappe.id) != grappe.id:
                    raise KnowledgeError(
                        f"{path}: grappes[{index}].mots_cles.{kind}: '{word}' désigne déjà la grappe '{owner[key]}'"
                    )
                owner[key] = grappe.id


def knowledge_dir() -> Path:
    return Path(os.environ.get(DIR_VARIABLE) or DEFAULT_DIR)


def _facts(path: Path, grappe_ids: Set[str]) -> Tuple[Fact, ...]:
    facts = []
    for index, raw in enumerate(_read(path, FACTS_FILE)["faits"]):
        if raw.get("grappe") is not None and raw["grappe"] not in grappe_ids:
            raise KnowledgeError(
                f"{path}: faits[{index}].grappe: '{raw['grappe']}' n'est pas une grappe de grappes.yml"
            )
        facts.append(Fact(**{**raw, "texte": raw["texte"].strip(), "mots_cles": tuple(raw.get("mots_cles", ()))}))
    return tuple(facts)


def load_knowledge(directory: Optional[Path] = None) -> Knowledge:
    """Read grappes.yml, faits.yml and general.yml; raise KnowledgeError naming the file and field at the first
    problem."""
    directory = Path(directory or knowledge_dir())
    grappes_path, general_path = directory / "grappes.yml", directory / "general.yml"
    grappes = tuple(_grappe(raw) for raw in _read(grappes_path, GRAPPES_FILE)["grappes"])
    _check_unique(grappes_path, grappes)
    facts = _facts(directory / "faits.yml", {g.id for g in grappes})
    general = _read(general_path, GENERAL_FILE)
    topics = {name: Topic(t["texte"].strip(), tuple(t["sources"])) for name, t in general["sujets"].items()}
    sectors = {label: tuple(words) for label, words in general["secteurs_sans_grappe"].items()}
    return Knowledge(grappes, topics, general["page_cmm"]["url"], general["page_cmm"]["mise_a_jour"], facts, sectors)
