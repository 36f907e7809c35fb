"""Every entry point of the table in klepaas_shared.entrypoints has one signature per kind
(issue 15): an event entry point is ``@functions_framework.cloud_event def name(event:
CloudEvent) -> None`` with cloudevents' own CloudEvent; an HTTP one takes the framework's
request. Read from each main.py with ``ast``, so nothing is imported."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from klepaas_shared.entrypoints import ENTRY_POINTS, EntryPoint

ROOT = Path(__file__).resolve().parents[2]
EVENT = ("functions_framework.cloud_event", "event", "CloudEvent", "None")
HTTP = {
    "functions_framework.http": ("request", "flask.Request", "flask.Response"),
    "aio.http": ("request", "Request", "Response"),  # mcp: functions-framework's ASGI mode
}


def _functions(source: str) -> dict[str, ast.FunctionDef | ast.AsyncFunctionDef]:
    tree = ast.parse(source)
    return {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}


def _imports_cloudevent(source: str) -> bool:
    imports = [n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.ImportFrom)]
    return any(n.module == "cloudevents.http" and any(a.name == "CloudEvent" for a in n.names) for n in imports)


def signature(node: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[list[str], list[tuple[str, str]], str]:
    """Its decorators, its parameters with their annotations, and its return annotation."""
    args = node.args
    params = [(a.arg, ast.unparse(a.annotation) if a.annotation else "") for a in args.posonlyargs + args.args]
    extra = args.vararg or args.kwarg or args.kwonlyargs
    if extra:
        params.append(("*", ""))
    returns = ast.unparse(node.returns) if node.returns else ""
    return [ast.unparse(d) for d in node.decorator_list], params, returns


def problems(entry: EntryPoint, source: str) -> list[str]:
    node = _functions(source).get(entry.target)
    if node is None:
        return [f"{entry.function}: no {entry.target} in main.py"]
    decorators, params, returns = signature(node)
    if entry.kind == "event":
        decorator, name, annotation, answer = EVENT
        found = (decorators, params, returns)
        wanted = ([decorator], [(name, annotation)], answer)
        if found != wanted or not _imports_cloudevent(source):
            return [f"{entry.function}.{entry.target}: {found} is not {wanted} with cloudevents.http.CloudEvent"]
        return []
    shapes = [(d, HTTP[d]) for d in decorators if d in HTTP]
    if len(decorators) != 1 or len(shapes) != 1:
        return [f"{entry.function}.{entry.target}: decorated {decorators}"]
    _, (name, annotation, answer) = shapes[0]
    if params != [(name, annotation)] or returns != answer:
        return [f"{entry.function}.{entry.target}: {params} -> {returns}"]
    return []


def test_every_entry_point_has_its_kinds_one_signature() -> None:
    found: list[str] = []
    for entry in ENTRY_POINTS:
        found += problems(entry, (ROOT / "functions" / entry.function / "main.py").read_text())
    assert found == []
    assert sum(e.kind == "event" for e in ENTRY_POINTS) >= 6


def test_another_signature_is_reported() -> None:
    event = EntryPoint("demo", "demo_events", "event")
    good = (
        "import functions_framework\nfrom cloudevents.http import CloudEvent\n"
        "@functions_framework.cloud_event\ndef demo_events(event: CloudEvent) -> None: ...\n"
    )
    assert problems(event, good) == []
    for bad in (
        good.replace("event: CloudEvent", "event: Any"),  # another annotation
        good.replace("event: CloudEvent", "event: CloudEventLike"),
        good.replace("(event: CloudEvent)", "(event: CloudEvent, context: Any)"),
        good.replace("-> None", ""),
        good.replace("from cloudevents.http import CloudEvent", "from .types import CloudEvent"),
        good.replace("@functions_framework.cloud_event\n", ""),
    ):
        assert len(problems(event, bad)) == 1, bad
    http = EntryPoint("demo", "demo_http", "http")
    served = "@functions_framework.http\ndef demo_http(request: flask.Request) -> flask.Response: ...\n"
    assert problems(http, served) == []
    assert problems(http, served.replace("flask.Request", "Any"))


# Issue 15: the frameworks' extension points only (functions_framework.http / cloud_event /
# errorhandler / aio, Flask's error handlers), no hook into functions-framework's internals.
PRIVATE = re.compile(r"appcontext_pushed|functions_framework(?:\.\w+)*\._\w+|from functions_framework(?:\.\w+)*\._")


def private_hooks(sources: dict[str, str]) -> list[str]:
    return [f"{name}: {m.group(0)}" for name, text in sorted(sources.items()) for m in PRIVATE.finditer(text)]


def test_no_module_hooks_into_functions_framework_internals() -> None:
    trees = (ROOT / "functions", ROOT / "shared" / "src", ROOT / "tools")
    sources = {str(p.relative_to(ROOT)): p.read_text() for tree in trees for p in tree.rglob("*.py")}
    assert len(sources) > 100
    assert private_hooks(sources) == []


def test_a_private_hook_is_reported() -> None:
    planted = {
        "a.py": "import flask\nflask.appcontext_pushed.connect(f)\n",
        "b.py": "from functions_framework._http import create_server\n",
        "c.py": "functions_framework._function_registry.get_user_function(s, m, t)\n",
        "d.py": "functions_framework.errorhandler(HTTPException)(framework_error)\n",  # public: fine
    }
    assert [p.split(":")[0] for p in private_hooks(planted)] == ["a.py", "b.py", "c.py"]
