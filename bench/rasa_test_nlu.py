"""`rasa test nlu`, except for one copy: `python -m bench.rasa_test_nlu --model ... --nlu ...`.

To score the intent under the fallback threshold, Rasa 3.6 deep-copies the whole parse result, spaCy documents
included: seconds per low-confidence sentence, minutes per test file. A shallow copy gives the same scores.
"""
import sys
from typing import Any, Dict

from rasa.__main__ import main
from rasa.nlu.classifiers import fallback_classifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY


def undo_fallback_prediction(prediction: Dict[str, Any]) -> Dict[str, Any]:
    """The prediction as if FallbackClassifier were not in the pipeline, the input left untouched."""
    ranking = prediction.get(INTENT_RANKING_KEY, [])
    if len(ranking) < 2:
        return prediction
    return {**prediction, INTENT: ranking[1], INTENT_RANKING_KEY: ranking[1:]}


if __name__ == "__main__":
    fallback_classifier.undo_fallback_prediction = undo_fallback_prediction
    sys.argv = ["rasa", "test", "nlu", *sys.argv[1:]]
    main()
