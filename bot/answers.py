"""Every French sentence the assistant composes lives here, once; the facts come from knowledge/."""

import json
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

from bot.french import capitalised, in_words, of, ordinal, the, typeset
from bot.knowledge import Fact, Figure, Grappe, Knowledge
from bot.registry import ASPECT_INTENTS, ATTRIBUTE_BY_ID, INTENT_BY_NAME, MEASURE_LABELS

_ASPECT_BUTTONS = {
    "secretariat": "Son secrétariat",
    "website": "Son site web",
    "figures": "Ses chiffres clés",
    "mission": "Sa mission",
    "founding_year": "Sa date de fondation",
}
_START_BUTTONS = ("list_grappes", "define_grappe", "investor_fit")

# --- what the chat page says around the answers (scripts/web_server.py hands it to web/chat.js) -----------
PAGE_TEXTS = {
    "welcome": "Bonjour ! Je réponds à vos questions sur les grappes métropolitaines du Grand Montréal et leurs "
    "secrétariats. Écrivez votre question ou choisissez un sujet :",
    "suggestions": "Réponses suggérées",
    "feedback_question": "Cette réponse vous a-t-elle aidé ?",
    "feedback_positive": "Réponse utile",
    "feedback_negative": "Réponse pas utile",
    "your_feedback": "Votre avis : ",  # then the 👍 or 👎 given and its label
    "no_reply": "L'assistant ne répond pas pour le moment. Réessayez dans un instant.",
    "no_connection": "Connexion à l'assistant impossible pour le moment ; nouvelle tentative en cours…",
    # Before each message, for screen readers (a visitor who sees the page tells them apart by their place).
    "from_user": "Vous : ",
    "from_bot": "L'assistant : ",
}

# --- the chat page's own words in web/index.html, written there by scripts/web_server.py (escaped, typeset), so
# that the page reads the same without JavaScript; each {{key}} of the page is one entry here ----------------------
_PAGE_HEADING = "Les grappes métropolitaines du Grand Montréal"
PAGE_LABELS = {
    "title": f"{_PAGE_HEADING} — assistant",
    "description": "Posez vos questions sur les grappes métropolitaines du Grand Montréal et leurs secrétariats.",
    "skip_link": "Aller directement à la discussion",
    "heading": _PAGE_HEADING,
    "tagline": "Un assistant répond en français à vos questions sur les grappes et leurs secrétariats.",
    "summary_title": "En bref",
    "summary": "Une grappe métropolitaine, c'est une concentration, sur un même territoire, d'entreprises et "
    "d'institutions actives dans des secteurs d'activité connexes. Chaque grappe est soutenue par un secrétariat, qui "
    "l'anime et la coordonne.",
    "list_title": "Les grappes et leurs secrétariats",
    "examples": "Demandez par exemple : « Quel est le secrétariat de la grappe aérospatiale ? », « Combien y a-t-il de "
    "grappes ? » ou décrivez votre activité (« nous fabriquons des drones ») pour trouver votre grappe.",
    "chat_title": "Discuter avec l'assistant",
    "reset": "Nouvelle conversation",
    "log": "Conversation",
    "typing": "L'assistant écrit…",
    "input_label": "Votre question",
    "placeholder": "Posez votre question sur les grappes…",
    "send": "Envoyer",
    "footer": "Assistant automatique : ses réponses viennent de la page de la Communauté métropolitaine de Montréal "
    "(CMM) sur les grappes et des sites des secrétariats ; vérifiez les informations importantes auprès des "
    "secrétariats.",
}

# --- what a channel says instead of an answer (bot/guard.py, channels/) ----------------------------------
APOLOGY = (
    "Désolé, je rencontre un problème technique et ne peux pas répondre pour le moment. "
    "Réessayez dans quelques instants."
)


def too_long(limit: int) -> str:
    return (
        f"Votre message est trop long : je lis au plus {limit} caractères. Posez votre question en une ou deux "
        "phrases, par exemple « Quel est le site de la grappe mode ? »."
    )


EMPTY = (
    "Je n'ai reçu aucun texte. Posez-moi une question sur les grappes métropolitaines, par exemple "
    "« Quelles sont les grappes ? »."
)


def request_error(problem: str, **details: object) -> str:
    """The French error a channel returns for a request it cannot read (channels/requests.py)."""
    return REQUEST_ERRORS[problem].format(**details)


REQUEST_ERRORS = {
    "sender": "« {field} » doit être un identifiant de 1 à {longest} caractères (lettres, chiffres, . _ - : @).",
    "message": "« message » doit être une chaîne de caractères.",
    "metadata": "« metadata » doit être un objet JSON.",
    "too_big": "Requête trop volumineuse (au plus {largest} octets).",
    "not_json": "Le corps de la requête n'est pas du JSON valide.",
    "rest_not_object": 'Le corps doit être un objet JSON : {{"sender": "...", "message": "..."}}.',
    "socket_not_object": 'Le message doit être un objet : {{"message": "..."}}.',
}

OUT_OF_SCOPE_PAYLOAD = "/out_of_scope"
ENGLISH_NOTICE = "(I answer in French only; here is the answer to your question.)"

SOCIAL = {
    "greet": "Bonjour ! Je suis l'assistant des grappes métropolitaines du Grand Montréal. Posez-moi vos questions "
    "sur les grappes et leurs secrétariats, ou décrivez votre activité pour savoir quelle grappe vous "
    "correspond.",
    "capabilities": "Je réponds en français aux questions sur les grappes métropolitaines du Grand Montréal et leurs "
    "secrétariats : ce qu'est une grappe, la liste et le nombre des grappes, la première grappe, le "
    "rôle, les membres et les chantiers des secrétariats, les retombées et le financement des "
    "grappes, la CMM. Pour chaque grappe : son secrétariat, son site web, sa date de fondation, sa "
    "mission, ses chiffres et d'autres faits sourcés (membres, fusions, subventions, portée…). "
    "Décrivez-moi aussi votre activité (par exemple « nous fabriquons des drones ») et je vous dirai "
    "quelle grappe vous correspond. Quand mes sources ne disent rien d'un sujet, je vous le dis.",
    "goodbye": "Au revoir et bonne journée ! Revenez quand vous voulez pour parler des grappes du Grand Montréal.",
    "thanks": "Avec plaisir ! Avez-vous une autre question sur les grappes ou leurs secrétariats ?",
    "affirm": "Parfait ! Que voulez-vous savoir d'autre sur les grappes métropolitaines ?",
    "deny": "D'accord. Dites-moi ce que vous cherchez sur les grappes métropolitaines : une grappe, son secrétariat, "
    "son site web, ses chiffres, ou la grappe qui correspond à votre activité.",
    "bot_challenge": "Je suis un assistant virtuel, pas une personne. Pour parler à quelqu'un, écrivez au secrétariat "
    "de la grappe qui vous intéresse : je peux vous donner son site web.",
    "feedback_positive": "Merci pour votre avis ! Avez-vous une autre question sur les grappes ?",
    "feedback_negative": "Merci de nous l'avoir signalé : votre avis nous aide à améliorer l'assistant. Vous pouvez "
    "reformuler votre question ou la poser autrement.",
}


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Answer:
    text: str
    buttons: Tuple[Button, ...] = ()


def payload(intent: str, grappe_id: Optional[str] = None) -> str:
    """A button payload that Rasa reads as an intent, with the cluster as entity."""
    if grappe_id is None:
        return f"/{intent}"
    return f"/{intent}{json.dumps({'grappe': grappe_id})}"


# What a visitor who was not understood can always do next.
_HELP_BUTTONS = (
    Button("Liste des grappes", payload("list_grappes")),
    Button("Ce que je sais faire", payload("capabilities")),
)


def _intent_button(intent: str) -> Button:
    return Button(capitalised(INTENT_BY_NAME[intent].label or intent), payload(intent))


def _secretariat_name(grappe: Grappe) -> str:
    sec = grappe.secretariat
    return f"{sec.nom} ({sec.sigle})" if sec.sigle else sec.nom


def _when(year: Optional[int], deduced: bool) -> str:
    if year is None:
        return "Année non précisée par la source"
    if deduced:
        return f"Vers {year} (année déduite du contexte)"
    return f"En {year}"


def _figure_line(figure: Figure) -> str:
    return (
        f"- {_when(figure.annee, figure.annee_deduite)}, périmètre {figure.perimetre} : {figure.valeur}. "
        f"Source : {figure.source}"
    )


def _fact_line(fact: Fact) -> str:
    notes = []
    if fact.attribut == "mission":
        pass  # a mission is not dated by the sources, and need not be
    elif fact.annee is None:
        notes.append("année non précisée par la source")
    elif fact.annee_deduite:
        notes.append(f"vers {fact.annee}, année déduite du contexte")
    if fact.perimetre != "non précisé":
        notes.append(f"périmètre : {fact.perimetre}")
    suffix = f" ({' ; '.join(notes)})" if notes else ""
    return f"- {fact.texte.rstrip('.')}{suffix}. Source : {fact.source}"


def fact_or_figure_line(item: Union[Fact, Figure]) -> str:
    return _fact_line(item) if isinstance(item, Fact) else _figure_line(item)


class Writer:
    """Composes answers from a Knowledge; holds no state besides it."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge

    # --- one cluster -------------------------------------------------------------------------
    def about(self, grappe: Grappe, aspect: str) -> str:
        """The answer to one aspect (secretariat, website, ...) of one cluster."""
        sec, name = grappe.secretariat, _secretariat_name(grappe)
        if aspect == "secretariat":
            text = f"Le secrétariat de la grappe {grappe.de_la_grappe} est {the(name)}."
            if sec.se_presente_comme:
                text += f" Il se présente comme « {sec.se_presente_comme} »."
            text += f"\nSite web : {sec.site_web}\nSource : {sec.source}"
        elif aspect == "founding_year":
            text = (
                f"Le secrétariat de la grappe {grappe.de_la_grappe}, {the(name)}, a été créé en {sec.fondation}."
                f"\nSite web : {sec.site_web}\nSource : {sec.source}"
            )
            dates = self.knowledge.facts_about(grappe.id, "date_creation")
            if dates:
                text += "\nPrécisions :\n" + "\n".join(_fact_line(f) for f in dates)
        elif aspect == "website":
            text = f"Le site web {of(name)}, secrétariat de la grappe {grappe.de_la_grappe} : {sec.site_web}"
        elif aspect == "figures":
            text = self.figures_text(grappe, list(grappe.chiffres))
        elif aspect == "mission":
            text = f"La mission {of(name)}, secrétariat de la grappe {grappe.de_la_grappe} : {grappe.mission}"
        elif aspect == "fit":
            text = (
                f"Votre activité relève de la grappe {grappe.nom}. Pour vous renseigner ou entrer en contact, "
                f"adressez-vous à son secrétariat, {the(name)} : {sec.site_web}"
            )
        else:
            text = (
                f"Grappe {grappe.nom} : son secrétariat est {the(name)}, créé en {sec.fondation}. "
                f"Mission : {grappe.mission}\nSite web : {sec.site_web}\nSource : {sec.source}"
            )
        return text + self._status_note(grappe)

    def _rank_after_the_page(self, grappe: Grappe) -> str:
        """« dixième »: where the current CMM page counts a grappe its dated page does not list."""
        added = [g for g in self.knowledge.grappes if not g.liste_officielle]
        return ordinal(len(self.knowledge.official) + added.index(grappe) + 1)

    def page_list_note(self, grappe: Grappe) -> str:
        """The note beside a grappe the CMM page of its year does not list, in the web page's list."""
        rank, year = self._rank_after_the_page(grappe), self.knowledge.page_cmm_year
        return f"({rank} grappe, absente de la page de la CMM de {year})"

    def _status_note(self, grappe: Grappe) -> str:
        if grappe.liste_officielle:
            return ""
        return (
            f"\nÀ noter : cette grappe ne fait pas partie des {in_words(len(self.knowledge.official))} grappes de la "
            f"page de la CMM de {self.knowledge.page_cmm_year} ; la page actuelle de la CMM la compte comme "
            f"{self._rank_after_the_page(grappe)} grappe."
        )

    def figures_text(self, grappe: Grappe, figures: Sequence[Figure]) -> str:
        ordered = sorted(figures, key=lambda f: -(f.annee or 0))
        text = (
            f"Chiffres sur la grappe {grappe.de_la_grappe} (périmètres et définitions varient d'une source à "
            f"l'autre, à comparer avec prudence) :\n" + "\n".join(_figure_line(f) for f in ordered)
        )
        if len(figures) == len(grappe.chiffres) and grappe.nuances:
            text += "\nÀ noter : " + " ".join(grappe.nuances)
        return text

    def with_buttons(self, grappe: Grappe, text: str, aspect: str = "") -> Answer:
        buttons = tuple(
            Button(title, payload(ASPECT_INTENTS[other], grappe.id))
            for other, title in _ASPECT_BUTTONS.items()
            if other != aspect
        )
        return Answer(text, buttons + (Button("Autres grappes", payload("list_grappes")),))

    def cluster_answer(self, grappes: Sequence[Grappe], aspect: str) -> Answer:
        """One answer for one or more clusters, with buttons for the other aspects of the first."""
        if aspect == "fit" and len(grappes) > 1:
            lines = [f"- {g.nom} : secrétariat {_secretariat_name(g)}, {g.secretariat.site_web}" for g in grappes]
            text = "Votre activité touche plusieurs grappes :\n" + "\n".join(lines)
        else:
            text = "\n\n".join(self.about(g, aspect) for g in grappes)
        return self.with_buttons(grappes[0], text, aspect)

    def facts(self, grappe: Optional[Grappe], items: Sequence[Union[Fact, Figure]], attribute: str) -> Answer:
        """Facts of one attribute: each with its year, scope and source."""
        lines = "\n".join(fact_or_figure_line(item) for item in items)
        if grappe is None:
            return Answer(f"Voici ce que disent mes sources :\n{lines}", self._start_buttons())
        subject = f"{the(_secretariat_name(grappe))} (grappe {grappe.de_la_grappe})"
        text = f"Voici ce que disent mes sources sur {subject} :\n{lines}"
        if attribute in ("telephone", "courriel"):
            text += f"\nSite web : {grappe.secretariat.site_web}"
        return self.with_buttons(grappe, text, attribute)

    def names(self, grappe: Grappe, facts: Sequence[Fact]) -> Answer:
        """The other names of a cluster or secretariat: how it presents itself, then the sourced names."""
        sec = grappe.secretariat
        lines = (
            [f"- {the(_secretariat_name(grappe))} se présente comme « {sec.se_presente_comme} ». Source : {sec.source}"]
            if sec.se_presente_comme
            else []
        )
        lines += [_fact_line(f) for f in facts]
        if not lines:
            return self.not_in_sources(grappe, "appellation")
        return self.with_buttons(
            grappe,
            f"Les noms de la grappe {grappe.de_la_grappe} et de son secrétariat "
            f"selon mes sources :\n" + "\n".join(lines),
        )

    def not_in_sources(
        self, grappe: Optional[Grappe], attribute: str, general: Sequence[Fact] = (), figures: Sequence[Figure] = ()
    ) -> Answer:
        """The honest answer: the sources do not give this; what they give that comes closest (general facts, the
        cluster's figures of the year asked); where to look instead."""
        label = ATTRIBUTE_BY_ID[attribute].label
        if grappe is None:
            text = f"Mes sources ne donnent pas {label}."
            if general:
                text += " De façon générale :\n" + "\n".join(_fact_line(f) for f in general)
            return Answer(text + " Je peux vous donner le site de chaque secrétariat.", self._start_buttons())
        sec = grappe.secretariat
        text = f"Mes sources ne donnent pas {label}, pour {the(_secretariat_name(grappe))}."
        if general:
            text += " De façon générale :\n" + "\n".join(_fact_line(f) for f in general) + "\n"
        if figures:
            years = ", ".join(str(year) for year in sorted({f.annee for f in figures if f.annee}))
            text += (
                f" Pour {years}, elles donnent ces chiffres sur la grappe {grappe.de_la_grappe} :\n"
                + "\n".join(_figure_line(f) for f in figures)
                + "\n"
            )
        text += f" Pour cette information, le mieux est de consulter son site : {sec.site_web}"
        return self.with_buttons(grappe, text)

    def figure_not_in_sources(
        self,
        grappe: Grappe,
        measure: Optional[str],
        years: Sequence[int],
        nearest: Sequence[Figure],
        notes: Sequence[Fact] = (),
    ) -> Answer:
        """No figure of this measure (or not for this year): say so, and show what is known for other years."""
        what = f"de chiffre {MEASURE_LABELS[measure]}" if measure else "de chiffre"
        when = f" pour {', '.join(str(y) for y in years)}" if years else ""
        text = f"Mes sources ne donnent pas {what}{when} pour la grappe {grappe.de_la_grappe}."
        if nearest:
            text += (
                " Les chiffres qu'elles donnent, avec leur année (ce ne sont ni des prévisions ni des "
                "estimations pour une autre année) :\n" + "\n".join(_figure_line(f) for f in nearest)
            )
        if notes:
            text += "\nÀ noter :\n" + "\n".join(_fact_line(f) for f in notes)
        text += f"\nPour des chiffres à jour : {grappe.secretariat.site_web}"
        return self.with_buttons(grappe, text, "figures")

    def not_counted(self, grappe: Grappe, counted: str) -> Answer:
        text = (
            f"Mes sources ne donnent pas de chiffre sur les « {counted} » pour la grappe {grappe.de_la_grappe}. "
            f"Elles donnent d'autres chiffres (emplois, entreprises, chiffre d'affaires…), chacun avec son "
            f"année ; pour le reste : {grappe.secretariat.site_web}"
        )
        return self.with_buttons(grappe, text)

    def forecast(self, grappe: Optional[Grappe], years: Sequence[int]) -> Answer:
        when = ", ".join(str(y) for y in years) if years else "les années à venir"
        subject = f" pour la grappe {grappe.de_la_grappe}" if grappe else ""
        text = (
            f"Mes sources ne donnent pas de prévisions{subject} pour {when} : elles ne contiennent que des "
            f"chiffres passés, chacun avec son année."
        )
        if grappe:
            text += f" Je peux vous les donner, ou consultez {grappe.secretariat.site_web}"
            return self.with_buttons(grappe, text)
        return Answer(text, self._start_buttons())

    def premise_founding(self, grappe: Grappe, year: int) -> str:
        sec = grappe.secretariat
        name = the(_secretariat_name(grappe))
        if year == sec.fondation:
            return f"Oui : {name}, secrétariat de la grappe {grappe.de_la_grappe}, a bien été créé en {sec.fondation}."
        return (
            f"Non : {name}, secrétariat de la grappe {grappe.de_la_grappe}, a été créé en {sec.fondation}, "
            f"pas en {year}."
        )

    def premise_oldest(self, grappe: Grappe, first: Grappe) -> str:
        return (
            f"Précision : la grappe {grappe.de_la_grappe} n'est pas la plus ancienne. La première grappe est "
            f"celle {first.de_la_grappe} (secrétariat : {first.secretariat.nom}), "
            f"créée en {first.secretariat.fondation}."
        )

    def premise_secretariat(self, grappe: Grappe, claimed: Grappe) -> str:
        return (
            f"Non : {the(_secretariat_name(claimed))} est le secrétariat de la grappe {claimed.de_la_grappe}, "
            f"pas de la grappe {grappe.de_la_grappe}."
        )

    def founding_order(self, grappes: Sequence[Grappe], highlight: Optional[str] = None) -> Answer:
        """The clusters by the founding year of their secretariat."""
        ordered = sorted(grappes, key=lambda g: g.secretariat.fondation)
        lines = "\n".join(f"- {g.secretariat.fondation} : {g.nom} ({_secretariat_name(g)})" for g in ordered)
        official = [g for g in ordered if g.liste_officielle]
        first, youngest = official[0], official[-1]
        later = (g for g in ordered if not g.liste_officielle)
        added = "".join(
            f" ; la {ordinal(len(official) + number)}, celle {g.de_la_grappe}, date de {g.secretariat.fondation}"
            for number, g in enumerate(later, start=1)
        )
        text = (
            "Les grappes, de la plus ancienne à la plus récente, selon l'année de création de leur secrétariat :\n"
            + lines
            + f"\nLa première est celle {first.de_la_grappe} ({first.secretariat.fondation}) ; la plus "
            f"jeune des {in_words(len(official))} de la page de la CMM est celle {youngest.de_la_grappe} "
            f"({youngest.secretariat.fondation}){added}."
        )
        return Answer(text, self._cluster_buttons("grappe_overview"))

    def comparison(
        self, grappes: Sequence[Grappe], latest: Sequence[Tuple[Grappe, Optional[Figure]]], measure: Optional[str]
    ) -> Answer:
        """Rankings the figures cannot support: say why, and give each cluster's latest figure."""
        lines = []
        for grappe, figure in latest:
            if figure is None:
                lines.append(f"- {grappe.nom} : mes sources ne donnent pas ce chiffre.")
            else:
                lines.append(
                    f"- {grappe.nom} : {_when(figure.annee, figure.annee_deduite).lower()}, périmètre "
                    f"{figure.perimetre} : {figure.valeur}. Source : {figure.source}"
                )
        text = (
            "Je ne peux pas établir de classement fiable de ces grappes : leurs chiffres ne sont pas comparables "
            "tels quels (années, périmètres et définitions différents : Québec ou Grand Montréal, emplois "
            "directs ou indirects, secteur ou membres). Voici le chiffre le plus récent de chacune, à lire "
            "avec prudence :\n" + "\n".join(lines)
        )
        return Answer(text, self._cluster_buttons("ask_figures"))

    def compare_facts(self, rows: Sequence[Tuple[Grappe, Sequence[Fact]]], attribute: str) -> Answer:
        lines = []
        for grappe, facts in rows:
            if facts:
                lines += [
                    f"- {grappe.nom} : {f.texte.rstrip('.')} ({_when(f.annee, f.annee_deduite).lower()}). "
                    f"Source : {f.source}"
                    for f in facts
                ]
            else:
                lines.append(f"- {grappe.nom} : mes sources ne donnent pas ce chiffre.")
        text = (
            "Je ne peux pas établir de classement fiable : les chiffres de mes sources ne sont pas comparables "
            "tels quels (années et définitions différentes) et manquent pour plusieurs secrétariats. Voici ce "
            "qu'elles disent, à lire avec prudence :\n" + "\n".join(lines)
        )
        return Answer(text, self._cluster_buttons("grappe_overview"))

    def no_cluster(self, sector: str) -> Answer:
        """A sector that no grappe covers: say so and show the grappes."""
        text = (
            f"Aucune grappe métropolitaine ne couvre {sector}. Les grappes du Grand Montréal sont : "
            + ", ".join(g.nom.lower() for g in self.knowledge.official[:-1])
            + f" et {self.knowledge.official[-1].nom.lower()} ; la page actuelle de la CMM y ajoute "
            "les transports électriques et intelligents. Si votre activité touche l'un de ces secteurs, "
            "choisissez-le :"
        )
        return Answer(text, self._cluster_buttons("grappe_overview", every=True))

    def which_year(self) -> Answer:
        """« et l'année d'avant ? » when no year was just given: ask it rather than guess."""
        return Answer(
            "Par rapport à quelle année ? Ma dernière réponse ne portait pas sur une année précise : "
            "dites-la-moi, par exemple « et en 2018 ? »."
        )

    def ask_which(self, aspect: str) -> Answer:
        """No cluster named and none in context: ask which one, with a button per cluster."""
        intent = ASPECT_INTENTS.get(aspect, "grappe_overview")
        return Answer("De quelle grappe parlez-vous ? Choisissez-en une :", self._cluster_buttons(intent))

    def no_fit(self) -> Answer:
        """An activity that no keyword ties to a cluster: say so rather than guess."""
        return Answer(
            "Aucune grappe ne couvre clairement cette activité d'après mes sources, et je préfère ne pas deviner. "
            "Décrivez-la autrement (par exemple « nous fabriquons des pièces d'avion ») ou choisissez la grappe "
            "la plus proche :",
            self._cluster_buttons("grappe_overview", every=True),
        )

    def _cluster_buttons(self, intent: str, every: bool = False) -> Tuple[Button, ...]:
        grappes = self.knowledge.grappes if every else self.knowledge.official
        return tuple(Button(g.nom, payload(intent, g.id)) for g in grappes)

    def _start_buttons(self) -> Tuple[Button, ...]:
        return tuple(_intent_button(i) for i in _START_BUTTONS)

    def page_settings(self) -> Dict[str, Any]:
        """What web/chat.js shows by itself: its sentences, and the welcome with the assistant's own start
        buttons (shown by the page, so that a visit without a question opens no conversation). Typeset here, as the
        page's labels are (scripts/web_server.py): the widget shows them as they come."""
        texts = {key: typeset(text) for key, text in PAGE_TEXTS.items()}
        buttons = [{"title": typeset(b.title), "payload": b.payload} for b in self._start_buttons()]
        return {"texts": texts, "welcome": {"from": "bot", "text": texts["welcome"], "buttons": buttons}}

    # --- general questions -------------------------------------------------------------------
    def topic(self, name: str) -> Answer:
        """A general answer from knowledge/general.yml, with its first source."""
        topic = self.knowledge.topics[name]
        return Answer(f"{topic.texte}\nSource : {topic.sources[0]}", self._suggestions(name))

    def grappe_list(self) -> Answer:
        official = self.knowledge.official
        lines = "\n".join(f"- {g.nom} (secrétariat : {_secretariat_name(g)})" for g in official)
        others = [g for g in self.knowledge.grappes if not g.liste_officielle]
        text = (
            f"Selon la page de la CMM (mise à jour le {self.knowledge.page_cmm_mise_a_jour}), le Grand Montréal "
            f"compte {len(official)} grappes métropolitaines :\n{lines}"
        )
        for other in others:
            text += (
                f"\nLa page actuelle de la CMM en ajoute une autre : {other.nom} "
                f"(secrétariat : {_secretariat_name(other)})."
            )
        text += f"\nSource : {self.knowledge.page_cmm_url}"
        return Answer(text, self._cluster_buttons("grappe_overview"))

    def count(self) -> Answer:
        names = ", ".join(g.nom for g in self.knowledge.official)
        answer = self.topic("nombre")
        count = capitalised(in_words(len(self.knowledge.official)))
        return Answer(answer.text.replace("\nSource", f"\nLes {count.lower()} : {names}.\nSource", 1), answer.buttons)

    def social(self, intent: str) -> Answer:
        buttons = self._start_buttons() if intent in ("greet", "capabilities", "affirm") else ()
        return Answer(SOCIAL[intent], buttons)

    def greeting_about(self, grappe: Grappe) -> Answer:
        """A greeting that names a cluster: welcome, then what the assistant knows of it."""
        text = (
            f"Bonjour ! Volontiers, parlons de la grappe {grappe.de_la_grappe}.\n"
            + self.about(grappe, "overview")
            + "\nQue voulez-vous savoir ? Ses chiffres, sa mission, son site, sa date de fondation…"
        )
        return self.with_buttons(grappe, text, "overview")

    def _suggestions(self, topic: str) -> Tuple[Button, ...]:
        follow_ups = {
            "definition": ["list_grappes", "secretariat_role"],
            "role_secretariat": ["secretariat_members", "chantiers"],
            "membres_secretariat": ["secretariat_role", "list_grappes"],
            "chantiers": ["secretariat_role", "benefits"],
            "retombees": ["list_grappes", "investor_fit"],
        }.get(topic, ["list_grappes", "define_grappe"])
        return tuple(_intent_button(i) for i in follow_ups)

    # --- not understood ----------------------------------------------------------------------
    def out_of_scope(self) -> Answer:
        return Answer(
            "Désolé, je ne peux pas vous aider pour cela. Je réponds seulement aux questions sur les grappes "
            "métropolitaines du Grand Montréal et leurs secrétariats : liste des grappes, secrétariats, "
            "sites web, chiffres, ou quelle grappe correspond à votre activité.",
            _HELP_BUTTONS,
        )

    def rephrase(self) -> Answer:
        """Second message not understood in a row: ask to rephrase, with examples."""
        return Answer(
            "Pardon, je n'ai pas compris. Pouvez-vous reformuler ? Par exemple : « Quel est le "
            "secrétariat de la grappe mode ? » ou « Quelle grappe pour une entreprise de logiciels ? »",
            _HELP_BUTTONS,
        )

    def clarify(self, named: Sequence[Grappe], ranked_intents: Sequence[str]) -> Answer:
        """Ask back, with buttons, when the model is unsure."""
        no = Button("Non, autre chose", OUT_OF_SCOPE_PAYLOAD)
        if named:
            grappe = named[0]
            buttons: List[Button] = [
                Button(f"Présentation de la grappe {grappe.nom}", payload("grappe_overview", grappe.id))
            ]
            buttons += [
                Button(title, payload(ASPECT_INTENTS[aspect], grappe.id))
                for aspect, title in _ASPECT_BUTTONS.items()
                if aspect in ("secretariat", "website", "figures")
            ]
            return Answer(
                f"Je ne suis pas certain d'avoir compris. Votre question porte-t-elle sur la grappe "
                f"{grappe.nom} (secrétariat : {_secretariat_name(grappe)}, {grappe.secretariat.site_web}) ?",
                tuple(buttons) + (no,),
            )
        guesses = [i for i in ranked_intents if i in INTENT_BY_NAME and INTENT_BY_NAME[i].label][:3]
        if not guesses:
            guesses = ["list_grappes", "define_grappe", "capabilities"]
        buttons_ = tuple(_intent_button(i) for i in guesses)
        return Answer(
            "Je ne suis pas certain d'avoir compris. Vouliez-vous parler de l'un de ces sujets ?", buttons_ + (no,)
        )

    def in_english(self, answer: Answer) -> Answer:
        return Answer(f"{ENGLISH_NOTICE}\n{answer.text}", answer.buttons)

    def give_up(self) -> Answer:
        """Last resort of Rasa's core fallback: say what the assistant can do instead of staying silent."""
        return Answer(
            "Désolé, je n'arrive pas à comprendre votre demande. Je peux vous renseigner sur les grappes "
            "métropolitaines du Grand Montréal et leurs secrétariats ; essayez par exemple « Quelles sont "
            "les grappes ? ».",
            _HELP_BUTTONS,
        )

    def english(self) -> Answer:
        """An English message nothing in it could be understood: the notice, then the list of the grappes."""
        return self.in_english(self.grappe_list())
