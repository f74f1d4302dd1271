"""`make profile`'s reading of py-spy's raw stacks: inclusive share per function, outer loop left out."""

from bench.profile import hottest

STACKS = """\
main (rasa/__main__.py:10);serve (sanic/app.py:5);parse (rasa/core/processor.py:40);run (spacy/language.py:7) 6
main (rasa/__main__.py:10);serve (sanic/app.py:5);parse (rasa/core/processor.py:41) 2
main (rasa/__main__.py:10);serve (sanic/app.py:5);save (rasa/core/tracker_store.py:90);commit (session.py:3) 2
"""


def test_functions_are_counted_once_per_sample_whatever_the_line(tmp_path):
    stacks = tmp_path / "stacks.txt"
    stacks.write_text(STACKS, encoding="utf-8")
    total, functions = hottest(stacks)
    assert total == 10
    assert functions[0] == ("parse (rasa/core/processor.py)", 8)
    assert dict(functions) == {
        "parse (rasa/core/processor.py)": 8,
        "run (spacy/language.py)": 6,
        "save (rasa/core/tracker_store.py)": 2,
        "commit (session.py)": 2,
    }
