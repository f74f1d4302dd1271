"""The classical intent baseline: TF-IDF on word and character n-grams, then logistic regression."""

from typing import List, Tuple

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline, make_union


def predict(train: List[Tuple[str, str]], texts: List[str]) -> List[str]:
    """Fit on (text, intent) pairs, return the intents predicted for `texts`."""
    classifier = make_pipeline(
        make_union(
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
        ),
        LogisticRegression(C=10, max_iter=3000),
    )
    classifier.fit([text for text, _ in train], [intent for _, intent in train])
    return list(classifier.predict(texts))
