"""SharedSpacyNLP: one spaCy model per process, without the pipes nothing reads, lemmas and vectors kept."""

from unittest.mock import Mock

import pytest
from rasa.nlu.model import InvalidModelError

from components.spacy_nlp import UNUSED_PIPES, SharedSpacyNLP

CONFIG = {"model": "fr_core_news_md"}


def create() -> SharedSpacyNLP:
    return SharedSpacyNLP.create(CONFIG, Mock(), Mock(), Mock())


def test_both_graph_nodes_share_one_model():
    assert create().provide().model is create().provide().model


def test_unused_pipes_are_not_loaded_but_lemmas_and_vectors_are():
    language = create().provide().model
    assert not set(UNUSED_PIPES) & set(language.component_names)
    doc = language("les grappes aérospatiales")
    assert [token.lemma_ for token in doc] == ["le", "grappe", "aérospatial"]
    assert doc.vector.any()


def test_a_missing_model_says_how_to_install_it():
    with pytest.raises(InvalidModelError, match="make setup"):
        SharedSpacyNLP.load_model("fr_modele_absent")
