"""Custom actions inside the Rasa server, when the action endpoint names their module (issue 13).

Rasa 3.6 runs every custom action on the action server: the whole tracker goes out as JSON over HTTP and the events
come back the same way, a round trip that docs/benchmarks.md found to be most of our cost above the floor bot, and
one that grows with the conversation. Rasa Pro 3.10 added an `actions_module` to the action endpoint for this; this
is the same setting for Rasa 3.6 (endpoints.yml):

    action_endpoint:
      actions_module: actions

With it, the action endpoint's `request` hands the very call Rasa would have posted to rasa_sdk's own executor in
this process, and answers as the action server would (its JSON, or the same HTTP errors): the rest of Rasa's
RemoteAction (checks, messages, events, the apology when an action fails) is untouched. Without it (a `url`, as in
endpoints.scale.yml), Rasa's original HTTP request. Where an action runs follows asyncio's contract: a coroutine
action (`async def run`) is awaited on Rasa's event loop, since a coroutine must never block its loop (actions/'s
are coroutines: they answer in well under a millisecond); a plain function may block (input, output, a long
computation), so it runs on one of THREADS threads of their own, each with its own event loop, and Rasa's loop only
waits for the result: a slow action delays its own conversation and, up to THREADS slow ones at once, no other.
The thread has a price that the loop does not: handing a call over and back, and the two threads taking Python's
lock in turn, cost the assistant more than its answer (bench: 0.89 against 0.96 × the floor bot's throughput).
The result crosses a JSON round trip, as from the action server: a value JSON cannot carry fails the action (the
apology), not the saving of the turn. The tracker and domain the actions get
are Rasa's own dictionaries, to read only (actions/ only reads them).
The module is imported when Rasa loads the model, so knowledge that does not load stops Rasa at start, as it
stops the action server. ORIGINALS are Rasa's, for tests/components/ to compare against.
"""

import asyncio
import inspect
import json
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, Optional, Text

from rasa.core.processor import MessageProcessor
from rasa.utils.endpoints import ClientResponseError, EndpointConfig
from rasa_sdk.executor import ActionExecutor
from rasa_sdk.interfaces import ActionExecutionRejection, ActionNotFoundException

logger = logging.getLogger(__name__)
MODULE_KEY = "actions_module"  # Rasa Pro's name for it
THREADS = 4  # actions running at once; Python runs one at a time, but one waiting (I/O, sleep) holds up no other
ORIGINALS = (EndpointConfig.request, MessageProcessor.__init__)


class InProcessActions:
    """rasa_sdk's executor with one module's actions: coroutines on Rasa's event loop, plain functions on threads
    of their own, each with its own event loop."""

    def __init__(self, module: Text) -> None:
        self.executor = ActionExecutor()
        self.executor.register_package(module)
        self.threads = ThreadPoolExecutor(max_workers=THREADS, thread_name_prefix=f"actions-{module}")
        self.loops = threading.local()

    async def answer(self, action_call: Dict[Text, Any]) -> Optional[Dict[Text, Any]]:
        """What the action server's webhook answers to `action_call`, its errors as the same HTTP statuses."""
        try:
            if inspect.iscoroutinefunction(self.executor.actions.get(action_call.get("next_action"))):
                return as_json(await self.executor.run(action_call))
            return await asyncio.get_running_loop().run_in_executor(self.threads, self.run, action_call)
        except ActionExecutionRejection as rejection:
            raise failure(400, {"error": rejection.message, "action_name": rejection.action_name}) from None
        except ActionNotFoundException as missing:
            raise failure(404, {"error": missing.message, "action_name": missing.action_name}) from None
        except Exception as error:
            logger.exception("L'action %s a échoué.", action_call.get("next_action"))
            raise failure(500, {"error": str(error)}) from error

    def run(self, action_call: Dict[Text, Any]) -> Optional[Dict[Text, Any]]:
        """On one of self.threads: rasa_sdk's executor is a coroutine, run on this thread's own loop."""
        if not hasattr(self.loops, "loop"):
            self.loops.loop = asyncio.new_event_loop()
        return as_json(self.loops.loop.run_until_complete(self.executor.run(action_call)))


def as_json(result: Optional[Dict[Text, Any]]) -> Optional[Dict[Text, Any]]:
    """The result as the action server would send it: what JSON cannot carry fails here."""
    return json.loads(json.dumps(result))


def failure(status: int, body: Dict[Text, Any]) -> ClientResponseError:
    """The error Rasa's EndpointConfig.request raises for that HTTP status and body."""
    return ClientResponseError(status, "", json.dumps(body))


_by_module: Dict[Text, InProcessActions] = {}


def actions_for(module: Text) -> InProcessActions:
    if module not in _by_module:
        _by_module[module] = InProcessActions(module)
    return _by_module[module]


async def request(
    endpoint: EndpointConfig,
    method: Text = "post",
    subpath: Optional[Text] = None,
    content_type: Optional[Text] = "application/json",
    compress: bool = False,
    **kwargs: Any,
) -> Optional[Any]:
    """Stands for EndpointConfig.request: an endpoint with an actions module runs the call posted to it here."""
    module = endpoint.kwargs.get(MODULE_KEY)
    if not module:
        return await ORIGINALS[0](endpoint, method, subpath, content_type, compress, **kwargs)
    return await actions_for(module).answer(kwargs["json"])


def processor_init(processor: MessageProcessor, *args: Any, **kwargs: Any) -> None:
    """Stands for MessageProcessor.__init__: imports the actions module as the model loads, before any message."""
    ORIGINALS[1](processor, *args, **kwargs)
    module = processor.action_endpoint.kwargs.get(MODULE_KEY) if processor.action_endpoint else None
    if module:
        actions_for(module)


def install() -> None:
    EndpointConfig.request = request  # type: ignore[method-assign]
    MessageProcessor.__init__ = processor_init  # type: ignore[method-assign]
