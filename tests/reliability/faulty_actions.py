"""The real actions of actions/, except that a message with « panne » makes action_answer fail and one with
« lentement » makes it take SLOW_SECONDS: for test_actions_in_rasa.py, named as the actions module of its Rasa."""

import time

from actions.actions import ActionAnswer, ActionDefaultFallback  # noqa: F401 - registered as they are

SLOW_SECONDS = 2.0


class FaultyAnswer(ActionAnswer):
    """A plain function, not a coroutine: it may block, so Rasa runs it on a thread; rasa_sdk then awaits the
    coroutine of the real action that it returns."""

    def run(self, dispatcher, tracker, domain):
        text = (tracker.latest_message or {}).get("text") or ""
        if "panne" in text:
            raise RuntimeError("panne simulée")
        if "lentement" in text:
            time.sleep(SLOW_SECONDS)
        return super().run(dispatcher, tracker, domain)
