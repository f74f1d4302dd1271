"""The staff report of `make report`: what visitors ask, what the assistant misses, and what to train it on.

`store` reads Rasa's tracker store, `summary` walks the conversations, `junk` and `grouping` sort the questions
the assistant did not answer, `charts`, `text`, `page` and `export` write the report; scripts/report.py runs it.
"""
