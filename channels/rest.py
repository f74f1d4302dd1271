"""`channels.rest.SafeRestInput`: Rasa's REST channel, same URL (/webhooks/rest/webhook), hardened.

A body that is not a JSON object with a valid sender and a string message gets a 4xx with a
French JSON error instead of Rasa's 500, and every turn goes through channels.answering.
"""

from typing import Optional

from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.answering import Handler, guarded
from channels.requests import Rejected, read_rest_body


class SafeRestInput(RestInput):
    """name() stays "rest", so Rasa mounts it where its REST channel was."""

    def _extract_input_channel(self, request: Request) -> str:
        return self.name()  # the tracker says where a message came from, not what the client claims

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        webhook = super().blueprint(guarded(on_new_message))

        @webhook.middleware("request")
        async def reject_malformed(request: Request) -> Optional[HTTPResponse]:
            if request.method != "POST":
                return None
            try:
                read_rest_body(request.body)
            except Rejected as rejected:
                return response.json({"error": rejected.reason}, status=rejected.status)
            return None

        return webhook
