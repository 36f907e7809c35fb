"""A test client for any function's HTTP entry point, as functions-framework builds its app.

``create_app`` answers a Flask app for a plain ``@functions_framework.http`` function and a
Starlette (ASGI) app for one in the aio mode (mcp). Both get werkzeug's test client, the ASGI one
through a2wsgi, so a test drives every function with the same calls and answers.
"""

from __future__ import annotations

from typing import Any

import flask
import functions_framework
from werkzeug.test import Client, TestResponse


def function_client(target: str, source: str) -> Any:
    app = functions_framework.create_app(target=target, source=source)
    if isinstance(app, flask.Flask):
        return app.test_client()
    return asgi_test_client(app)


def asgi_test_client(app: Any) -> Client:
    from a2wsgi import ASGIMiddleware

    return Client(ASGIMiddleware(app), response_wrapper=TestResponse)
