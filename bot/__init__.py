"""Plain-Python core of the assistant: knowledge loading, cluster resolution and French answers.

Nothing here imports Rasa, so it can be tested and reused without a trained model.
"""
