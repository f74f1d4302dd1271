"""Every French sentence the assistant composes from knowledge lives here, once."""
import json
from dataclasses import dataclass
from typing import Optional, Sequence, Tuple

from bot.knowledge import Figure, Grappe, Knowledge

# Which intent a button triggers for each aspect of a cluster (the contract with domain.yml).
ASPECT_INTENTS = {
    "overview": "grappe_overview",
    "secretariat": "ask_secretariat",
    "founding_year": "ask_founding_year",
    "website": "ask_website",
    "figures": "ask_figures",
    "mission": "ask_mission",
    "fit": "investor_fit",
}

_ASPECT_BUTTONS = {
    "secretariat": "Son secrétariat",
    "website": "Son site web",
    "figures": "Ses chiffres clés",
    "mission": "Sa mission",
    "founding_year": "Sa date de fondation",
}

# What each intent is about, to ask "did you mean ...?" when the model is unsure.
INTENT_LABELS = {
    "define_grappe": "ce qu'est une grappe métropolitaine",
    "list_grappes": "la liste des grappes",
    "count_grappes": "le nombre de grappes",
    "first_grappe": "la première grappe créée",
    "secretariat_role": "le rôle d'un secrétariat de grappe",
    "secretariat_members": "qui siège dans un secrétariat",
    "chantiers": "les chantiers des secrétariats",
    "benefits": "ce que les grappes apportent à la région",
    "about_cmm": "la Communauté métropolitaine de Montréal (CMM)",
    "history": "l'histoire des grappes",
    "funding": "le financement des grappes",
    "investor_fit": "la grappe qui correspond à votre activité",
    "capabilities": "ce que je sais faire",
}

OUT_OF_SCOPE_PAYLOAD = "/out_of_scope"


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


def _secretariat_name(grappe: Grappe) -> str:
    sec = grappe.secretariat
    return f"{sec.nom} ({sec.sigle})" if sec.sigle else sec.nom


def _figure_line(figure: Figure) -> str:
    if figure.annee is None:
        when = "Année non précisée par la source"
    elif figure.annee_deduite:
        when = f"Vers {figure.annee} (année déduite du contexte)"
    else:
        when = f"En {figure.annee}"
    return f"- {when}, périmètre {figure.perimetre} : {figure.valeur}. Source : {figure.source}"


def _status_note(grappe: Grappe) -> str:
    if grappe.liste_officielle:
        return ""
    return ("\nÀ noter : cette grappe ne fait pas partie des neuf grappes de la page de la CMM de 2017 ; "
            "la page actuelle de la CMM la compte comme dixième grappe.")


class Writer:
    """Composes answers from a Knowledge; holds no state besides it."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge

    # --- one cluster -------------------------------------------------------------------------
    def about(self, grappe: Grappe, aspect: str) -> str:
        """The answer to one aspect (secretariat, website, ...) of one cluster."""
        sec, name = grappe.secretariat, _secretariat_name(grappe)
        if aspect == "secretariat":
            text = f"Le secrétariat de la grappe {grappe.de_la_grappe} est {name}."
            if sec.se_presente_comme:
                text += f" Il se présente comme « {sec.se_presente_comme} »."
            text += f"\nSite web : {sec.site_web}\nSource : {sec.source}"
        elif aspect == "founding_year":
            text = (f"Le secrétariat de la grappe {grappe.de_la_grappe}, {name}, a été créé en {sec.fondation}."
                    f"\nSite web : {sec.site_web}\nSource : {sec.source}")
        elif aspect == "website":
            text = f"Le site web de {name}, secrétariat de la grappe {grappe.de_la_grappe} : {sec.site_web}"
        elif aspect == "figures":
            figures = sorted(grappe.chiffres, key=lambda f: -(f.annee or 0))
            text = (f"Quelques chiffres sur la grappe {grappe.de_la_grappe} (périmètres et définitions "
                    f"varient d'une source à l'autre, à comparer avec prudence) :\n"
                    + "\n".join(_figure_line(f) for f in figures))
            if grappe.nuances:
                text += "\nÀ noter : " + " ".join(grappe.nuances)
        elif aspect == "mission":
            text = f"La mission de {name}, secrétariat de la grappe {grappe.de_la_grappe} : {grappe.mission}"
        elif aspect == "fit":
            text = (f"Votre activité relève de la grappe {grappe.nom}. Pour vous renseigner ou entrer en contact, "
                    f"adressez-vous à son secrétariat, {name} : {sec.site_web}")
        else:
            text = (f"Grappe {grappe.nom} : son secrétariat est {name}, créé en {sec.fondation}. "
                    f"Mission : {grappe.mission}\nSite web : {sec.site_web}\nSource : {sec.source}")
        return text + _status_note(grappe)

    def cluster_answer(self, grappes: Sequence[Grappe], aspect: str) -> Answer:
        """One answer for one or more clusters, with buttons for the other aspects of the first."""
        if aspect == "fit" and len(grappes) > 1:
            lines = [f"- {g.nom} : secrétariat {_secretariat_name(g)}, {g.secretariat.site_web}" for g in grappes]
            text = "Votre activité touche plusieurs grappes :\n" + "\n".join(lines)
        else:
            text = "\n\n".join(self.about(g, aspect) for g in grappes)
        first = grappes[0]
        buttons = tuple(Button(title, payload(ASPECT_INTENTS[other], first.id))
                        for other, title in _ASPECT_BUTTONS.items() if other != aspect)
        return Answer(text, buttons + (Button("Autres grappes", payload("list_grappes")),))

    def ask_which(self, aspect: str) -> Answer:
        """No cluster named and none in context: ask which one, with a button per cluster."""
        intent = ASPECT_INTENTS.get(aspect, "grappe_overview")
        return Answer("De quelle grappe parlez-vous ? Choisissez-en une :", self._cluster_buttons(intent))

    def no_fit(self) -> Answer:
        """An activity that no keyword ties to a cluster: say so rather than guess."""
        return Answer(
            "Je ne trouve pas de grappe qui corresponde clairement à cette activité, et je préfère ne pas deviner. "
            "Décrivez-la autrement (par exemple « nous fabriquons des pièces d'avion ») ou choisissez la grappe "
            "la plus proche :",
            self._cluster_buttons("grappe_overview"))

    def _cluster_buttons(self, intent: str) -> Tuple[Button, ...]:
        return tuple(Button(g.nom, payload(intent, g.id)) for g in self.knowledge.official)

    # --- general questions -------------------------------------------------------------------
    def topic(self, name: str) -> Answer:
        """A general answer from knowledge/general.yml, with its first source."""
        topic = self.knowledge.topics[name]
        return Answer(f"{topic.texte}\nSource : {topic.sources[0]}", self._suggestions(name))

    def grappe_list(self) -> Answer:
        official = self.knowledge.official
        lines = "\n".join(f"- {g.nom} (secrétariat : {_secretariat_name(g)})" for g in official)
        others = [g for g in self.knowledge.grappes if not g.liste_officielle]
        text = (f"Selon la page de la CMM (mise à jour le {self.knowledge.page_cmm_mise_a_jour}), le Grand Montréal "
                f"compte {len(official)} grappes métropolitaines :\n{lines}")
        for other in others:
            text += (f"\nLa page actuelle de la CMM en ajoute une autre : {other.nom} "
                     f"(secrétariat : {_secretariat_name(other)}).")
        text += f"\nSource : {self.knowledge.page_cmm_url}"
        return Answer(text, self._cluster_buttons("grappe_overview"))

    def count(self) -> Answer:
        names = ", ".join(g.nom for g in self.knowledge.official)
        answer = self.topic("nombre")
        return Answer(answer.text.replace("\nSource", f"\nLes neuf : {names}.\nSource", 1), answer.buttons)

    def english(self) -> Answer:
        listing = self.grappe_list()
        return Answer("Je réponds seulement en français (sorry, I only answer in French), mais je peux vous aider ! "
                      + listing.text, listing.buttons)

    def _suggestions(self, topic: str) -> Tuple[Button, ...]:
        follow_ups = {
            "definition": ["list_grappes", "secretariat_role"],
            "role_secretariat": ["secretariat_members", "chantiers"],
            "membres_secretariat": ["secretariat_role", "list_grappes"],
            "chantiers": ["secretariat_role", "benefits"],
            "retombees": ["list_grappes", "investor_fit"],
        }.get(topic, ["list_grappes", "define_grappe"])
        return tuple(Button(INTENT_LABELS[i][0].upper() + INTENT_LABELS[i][1:], payload(i)) for i in follow_ups)

    # --- not understood ----------------------------------------------------------------------
    def out_of_scope(self) -> Answer:
        return Answer("Désolé, je ne peux pas vous aider pour cela. Je réponds seulement aux questions sur les grappes "
                      "métropolitaines du Grand Montréal et leurs secrétariats : liste des grappes, secrétariats, "
                      "sites web, chiffres, ou quelle grappe correspond à votre activité.",
                      (Button("Liste des grappes", payload("list_grappes")),
                       Button("Ce que je sais faire", payload("capabilities"))))

    def rephrase(self) -> Answer:
        """Second stage of the fallback: the visitor said the guess was wrong."""
        return Answer("Pardon, je n'ai pas compris. Pouvez-vous reformuler ? Par exemple : « Quel est le "
                      "secrétariat de la grappe mode ? » ou « Quelle grappe pour une entreprise de logiciels ? »")

    def give_up(self) -> Answer:
        """Last resort: say what the assistant can do instead of staying silent."""
        return Answer("Désolé, je n'arrive pas à comprendre votre demande. Je peux vous renseigner sur les grappes "
                      "métropolitaines du Grand Montréal et leurs secrétariats ; essayez par exemple « Quelles sont "
                      "les grappes ? ».",
                      (Button("Liste des grappes", payload("list_grappes")),
                       Button("Ce que je sais faire", payload("capabilities"))))

    def clarify(self, named: Sequence[Grappe], ranked_intents: Sequence[str]) -> Answer:
        """Ask back, with buttons, when the model is unsure (first stage of the fallback)."""
        no = Button("Non, autre chose", OUT_OF_SCOPE_PAYLOAD)
        if named:
            grappe = named[0]
            buttons = [Button(f"Présentation de la grappe {grappe.nom}", payload("grappe_overview", grappe.id))]
            buttons += [Button(title, payload(ASPECT_INTENTS[aspect], grappe.id))
                        for aspect, title in _ASPECT_BUTTONS.items() if aspect in ("secretariat", "website", "figures")]
            return Answer(f"Je ne suis pas certain d'avoir compris. Votre question porte-t-elle sur la grappe "
                          f"{grappe.nom} (secrétariat : {_secretariat_name(grappe)}, {grappe.secretariat.site_web}) ?",
                          tuple(buttons) + (no,))
        guesses = [i for i in ranked_intents if i in INTENT_LABELS][:3]
        if not guesses:
            guesses = ["list_grappes", "define_grappe", "capabilities"]
        buttons = tuple(Button(INTENT_LABELS[i][0].upper() + INTENT_LABELS[i][1:], payload(i)) for i in guesses)
        return Answer("Je ne suis pas certain d'avoir compris. Vouliez-vous parler de l'un de ces sujets ?",
                      buttons + (no,))
