"""`rasa test nlu` scores the intent under the fallback threshold with `undo_fallback_prediction`, which in Rasa
3.6 deep-copies the whole parse result, spaCy documents included: seconds per low-confidence sentence, minutes
per test file (`make test` runs it on tests/nlu_holdout.yml). The same result without the copy: the input is
left untouched either way. ORIGINAL is Rasa's, for tests/components/ to compare against.
"""

from typing import Any, Dict

from rasa.nlu.classifiers import fallback_classifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY

ORIGINAL = fallback_classifier.undo_fallback_prediction


def undo_fallback_prediction(prediction: Dict[str, Any]) -> Dict[str, Any]:
    """The prediction as if FallbackClassifier were not in the pipeline, the input left untouched."""
    ranking = prediction.get(INTENT_RANKING_KEY, [])
    if len(ranking) < 2:
        return prediction
    return {**prediction, INTENT: ranking[1], INTENT_RANKING_KEY: ranking[1:]}


def install() -> None:
    fallback_classifier.undo_fallback_prediction = undo_fallback_prediction  # rasa.nlu.test looks it up at each call
