"""Rasa NLU component: SpacyNLP that loads the spaCy model once per process, without the pipes nobody reads.

Rasa 3.6 builds two graph nodes from SpacyNLP (`provide_…`, which hands the model to the others, and `run_…`,
which turns messages into spaCy docs), and each node loads its own copy of the model: twice the start-up time
and about 700 MB more memory. Here both nodes share one loaded copy.

Rasa already leaves out spaCy's parser; this also leaves out its named-entity recogniser, which nothing in
config.yml reads (the `grappe` entity comes from GrappeEntityExtractor). The tokenizer, lemmas and word vectors
the featurizers use are unchanged, and one doc costs about half as much.
"""

import logging
from typing import Dict, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.model import InvalidModelError
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP

UNUSED_PIPES = ("parser", "senter", "ner")
LOADING = "Loading spaCy model"  # logged once per real load (bench/startup.py counts them)
logger = logging.getLogger(__name__)


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MODEL_LOADER, DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER],
    is_trainable=False,
    model_from="SharedSpacyNLP",
)
class SharedSpacyNLP(SpacyNLP):
    _loaded: Dict[Text, SpacyModel] = {}  # by model name: one copy per process

    @staticmethod
    def load_model(spacy_model_name: Text) -> SpacyModel:
        import spacy

        if spacy_model_name not in SharedSpacyNLP._loaded:
            logger.info(f"{LOADING} '{spacy_model_name}' without {', '.join(UNUSED_PIPES)}.")
            try:
                language = spacy.load(spacy_model_name, exclude=list(UNUSED_PIPES))
            except OSError as error:
                raise InvalidModelError(
                    f"Modèle spaCy « {spacy_model_name} » introuvable : lancez `make setup`, "
                    f"qui l'installe depuis requirements.lock ({error})."
                ) from error
            SharedSpacyNLP._loaded[spacy_model_name] = SpacyModel(model=language, model_name=spacy_model_name)
        return SharedSpacyNLP._loaded[spacy_model_name]
