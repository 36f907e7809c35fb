"""The API server's handlers: routes each request to a verb on the store, then lets the cluster react."""

from __future__ import annotations

from . import applying, defaults, subresources
from .auth import Attributes, Authorizer
from .cluster import Cluster
from .errors import ApiError, bad_request, conflict, not_found
from .http import Request, Response, json_response, success_status, text_response
from .listing import list_body, matcher
from .logs import LogStore
from .meta import Obj, clone, iso, name_of, namespace_of
from .resources import KINDS, NAMESPACES, PODS, SERVICES, Kind
from .routing import Route, discovery, not_found_path, parse
from .store import Store
from .validation import validate
from .watching import watch_response

_RETURNS_OBJECT = {PODS, SERVICES, NAMESPACES}


def verb_of(method: str, route: Route, request: Request) -> str:
    if method == "GET":
        if route.name:
            return "get"
        return "watch" if request.flag("watch") else "list"
    if method == "DELETE":
        return "delete" if route.name else "deletecollection"
    return {"POST": "create", "PUT": "update", "PATCH": "patch"}.get(method, method.lower())


class Api:
    def __init__(
        self, store: Store, cluster: Cluster, logs: LogStore, authz: Authorizer, alloc: defaults.Allocator
    ) -> None:
        self.store, self.cluster, self.logs, self.authz, self.alloc = store, cluster, logs, authz, alloc

    def handle(self, request: Request) -> Response:
        if request.method == "GET" and (doc := discovery(request.path)) is not None:
            return json_response(200, doc)
        route = parse(request.path)
        if route.subresource and route.subresource not in route.kind.subresources:
            raise not_found_path()
        verb = verb_of(request.method, route, request)
        self.authz.authorize(Attributes(verb, route.kind.group, route.resource, route.namespace, route.name))
        if route.subresource == "log" and verb == "get":
            return text_response(
                subresources.read_log(
                    self.store, self.logs, route.kind, route.namespace or "", route.name or "", request
                )
            )
        if verb == "list":
            return json_response(200, list_body(self.store, route.kind, route.namespace, request))
        if verb == "watch":
            return watch_response(self.store, route.kind, route.namespace, request)
        if verb == "get":
            obj = self.store.get(route.kind, route.namespace or "", route.name or "")
            return json_response(200, subresources.scale_of(obj) if route.subresource == "scale" else obj)
        with self.store.lock:
            status, body = self._write(verb, route, request)
            if not request.query.get("dryRun"):
                self.cluster.reconcile()
        return json_response(status, body)

    def _write(self, verb: str, route: Route, request: Request) -> tuple[int, Obj]:
        _check_options(verb, request)
        if verb == "patch" and _media(request) == applying.APPLY and route.subresource is None:
            return self._apply(route, request)
        if verb == "create" and route.subresource is None:
            return 201, self._save(route, self._incoming(route, request.json()), None, request)
        if verb == "deletecollection":
            return 200, self._delete_collection(route, request)
        old = self.store.get(route.kind, route.namespace or "", route.name or "")
        if verb == "delete":
            return 200, self._delete(route, old, request)
        current = subresources.scale_of(old) if route.subresource == "scale" else clone(old)
        if verb == "update":
            desired = request.json()
        elif verb == "patch":
            desired = subresources.apply_patch(request.content_type, current, request.json())
        else:
            raise ApiError(
                405,
                f"the server does not allow this method on the requested resource: {verb}",
                "MethodNotAllowed",
            )
        if route.subresource == "scale":
            new = subresources.scaled(route.kind, clone(old), desired)
        elif route.subresource == "status":
            new = {**clone(old), "status": (desired or {}).get("status")}
            new["metadata"]["resourceVersion"] = (desired or {}).get("metadata", {}).get("resourceVersion")
        else:
            new = self._incoming(route, desired)
            if "status" in route.kind.subresources:
                new["status"] = old.get("status")
            applying.record_update(route.kind, old, new, request.query.get("fieldManager") or "unknown")
        saved = self._save(route, new, old, request)
        return 200, subresources.scale_of(saved) if route.subresource == "scale" else saved

    def _apply(self, route: Route, request: Request) -> tuple[int, Obj]:
        config = self._incoming(route, applying.parse_config(request.body))
        for field in ("apiVersion", "kind"):
            if not config.get(field):
                raise bad_request(f"{field} must be set in an apply configuration")
        old = self.store.find(route.kind, route.namespace or "", route.name or "")
        manager = request.query["fieldManager"]
        new = applying.apply(route.kind, old, config, manager, force=request.flag("force"))
        if old is not None and "status" in route.kind.subresources:
            new["status"] = old.get("status")
        return (201 if old is None else 200), self._save(route, new, old, request)

    def _incoming(self, route: Route, body: object) -> Obj:
        kind = route.kind
        if not isinstance(body, dict):
            raise bad_request(f"the body of the request is not a {kind.kind} object")
        if body.get("apiVersion", kind.api_version) != kind.api_version or body.get("kind", kind.kind) != kind.kind:
            raise bad_request(
                f"the API version in the data ({body.get('apiVersion')}) does not match "
                f"the expected API version ({kind.api_version})"
            )
        meta = body.setdefault("metadata", {})
        if route.name and meta.get("name", route.name) != route.name:
            raise bad_request(
                f"the name of the object ({meta.get('name')}) does not match the name on the URL ({route.name})"
            )
        if route.name:
            meta.setdefault("name", route.name)
        if kind.namespaced:
            if meta.get("namespace", route.namespace) != route.namespace:
                raise bad_request(
                    "the namespace of the provided object does not match the namespace sent on the request"
                )
            meta["namespace"] = route.namespace
        return body

    def _save(self, route: Route, obj: Obj, old: Obj | None, request: Request) -> Obj:
        kind = route.kind
        if old is None:
            if kind.namespaced and self.store.find(NAMESPACES, "", route.namespace or "") is None:
                raise not_found(NAMESPACES, route.namespace or "")
            if "status" in kind.subresources:
                obj["status"] = defaults.initial_status(kind)
        if route.subresource is None:
            defaults.apply(kind, obj, old, self.alloc)
            validate(kind, obj, old)
        if request.query.get("dryRun"):
            return obj
        return self.store.create(kind, obj) if old is None else self.store.update(kind, obj)

    def _delete(self, route: Route, old: Obj, request: Request) -> Obj:
        options = request.json() or {}
        wanted = {**options.get("preconditions", {})} if isinstance(options, dict) else {}
        for field, actual in (
            ("uid", old["metadata"]["uid"]),
            ("resourceVersion", old["metadata"]["resourceVersion"]),
        ):
            if wanted.get(field) not in (None, actual):
                raise conflict(route.kind, name_of(old))
        policy = request.query.get("propagationPolicy") or (
            options.get("propagationPolicy") if isinstance(options, dict) else None
        )
        if request.query.get("dryRun"):
            return self._deleted_body(route.kind, old)
        if policy == "Orphan":
            self._orphan(old)
        gone = self.store.delete(route.kind, namespace_of(old), name_of(old))
        return self._deleted_body(route.kind, gone)

    def _orphan(self, owner: Obj) -> None:
        uid = owner["metadata"]["uid"]
        for kind in KINDS:
            for obj in self.store.scan(kind, namespace_of(owner) or None):
                refs = obj["metadata"].get("ownerReferences") or []
                if any(r.get("uid") == uid for r in refs):
                    obj["metadata"]["ownerReferences"] = [r for r in refs if r.get("uid") != uid]
                    self.store.update(kind, obj)

    def _deleted_body(self, kind: Kind, gone: Obj) -> Obj:
        if kind not in _RETURNS_OBJECT:
            details = {"name": name_of(gone), "kind": kind.plural, "uid": gone["metadata"]["uid"]}
            return success_status({**details, **({"group": kind.group} if kind.group else {})})
        if kind is NAMESPACES:
            gone["status"] = {"phase": "Terminating"}
        gone["metadata"]["deletionTimestamp"] = iso()
        gone["metadata"]["deletionGracePeriodSeconds"] = 0
        return gone

    def _delete_collection(self, route: Route, request: Request) -> Obj:
        match = matcher(route.kind, request)
        items = [obj for obj in self.store.scan(route.kind, route.namespace) if match(obj)]
        if not request.query.get("dryRun"):
            for obj in items:
                self.store.delete(route.kind, namespace_of(obj), name_of(obj))
        return {
            "kind": f"{route.kind.kind}List",
            "apiVersion": route.kind.api_version,
            "metadata": {"resourceVersion": str(self.store.resource_version)},
            "items": items,
        }


_OPTIONS = {"create": "CreateOptions", "update": "UpdateOptions", "patch": "PatchOptions", "delete": "DeleteOptions"}


def _media(request: Request) -> str:
    return (request.content_type or "").split(";")[0].strip()


def _invalid_options(verb: str, cause: str) -> ApiError:
    name = _OPTIONS.get(verb, "DeleteOptions")
    return ApiError(422, f'{name}.meta.k8s.io "" is invalid: {cause}', "Invalid")


def _check_options(verb: str, request: Request) -> None:
    """The option checks the API server makes before it touches an object."""
    dry_run = request.query.get("dryRun")
    if dry_run not in (None, "All"):
        raise _invalid_options(verb, f'dryRun: Unsupported value: "{dry_run}": supported values: "All"')
    apply = verb == "patch" and _media(request) == applying.APPLY
    if apply and not request.query.get("fieldManager"):
        raise _invalid_options(verb, "fieldManager: Required value: is required for apply patch")
    if "force" in request.query and not apply:
        raise _invalid_options(verb, "force: Forbidden: may not be specified for non-apply patch")
