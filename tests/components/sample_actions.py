"""Actions for tests/components/test_actions_in_process.py: one slow, one that refuses to run, one that fails, and
one that says on which thread it ran, as a plain function and as a coroutine."""

import threading
import time

from rasa_sdk import Action
from rasa_sdk.interfaces import ActionExecutionRejection

SLOW_SECONDS = 0.3


class Slow(Action):
    def name(self):
        return "action_slow"

    def run(self, dispatcher, tracker, domain):
        time.sleep(SLOW_SECONDS)  # blocking, as a sync action doing I/O or heavy work would
        dispatcher.utter_message(text="enfin")
        return []


class Refusing(Action):
    def name(self):
        return "action_refusing"

    def run(self, dispatcher, tracker, domain):
        raise ActionExecutionRejection("action_refusing", "pas maintenant")


class Failing(Action):
    def name(self):
        return "action_failing"

    def run(self, dispatcher, tracker, domain):
        raise RuntimeError("boom")


class WhereSync(Action):
    def name(self):
        return "action_where_sync"

    def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(text=threading.current_thread().name)
        return []


class WhereAsync(Action):
    def name(self):
        return "action_where_async"

    async def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(text=threading.current_thread().name)
        return []
