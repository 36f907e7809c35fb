"""Nothing is public but the load balancer: no allUsers anywhere, run.invoker only for the
gateway, Eventarc and the functions that call each other, one forwarding rule (HTTPS), the one
service without an invoker check reachable only through the load balancer, and functions that
read the caller's token where the gateway puts it."""

from __future__ import annotations

import re

from klepaas_shared import entrypoints
from klepaas_shared.settings import CommonSettings

from .conftest import blocks, gateway_document, parsed, resources, root_locals, strings


def test_no_binding_anywhere_grants_the_public() -> None:
    for file, doc in parsed().items():
        for text in strings(doc):
            assert "allUsers" not in text and "allAuthenticatedUsers" not in text, file


def test_only_the_gateway_eventarc_and_calling_functions_may_invoke() -> None:
    local = root_locals()
    http = {name for name, ep in local["entry_points"].items() if not ep["topics"]}
    events = set(local["entry_points"]) - http
    assert http == {e.target for e in entrypoints.ENTRY_POINTS if e.kind == "http"}
    bindings = resources("google_cloud_run_service_iam_member")
    assert set(bindings) == {"gateway_invoker", "eventarc_invoker", "peer_invoker"}
    for binding in bindings.values():
        assert binding["role"] == "roles/run.invoker"
    assert bindings["gateway_invoker"]["for_each"] == "${local.http_entry_points}"
    assert bindings["gateway_invoker"]["member"] == "serviceAccount:${google_service_account.gateway.email}"
    assert "length(ep.topics) > 0" in bindings["eventarc_invoker"]["for_each"]
    assert bindings["eventarc_invoker"]["member"] == "serviceAccount:${google_service_account.eventarc.email}"
    assert "length(ep.topics) == 0" in local["http_entry_points"]
    assert events and all(local["entry_points"][name]["topics"] for name in events)
    # the gateway authenticates with that account
    config = resources("google_api_gateway_api_config")["front_door"]
    backend = config["gateway_config"][0]["backend_config"][0]
    assert backend["google_service_account"] == "${google_service_account.gateway.email}"


def test_the_only_service_without_an_invoker_check_is_the_realtime_one_behind_the_load_balancer() -> None:
    services = resources("google_cloud_run_v2_service")
    open_ones = {name for name, body in services.items() if body.get("invoker_iam_disabled")}
    assert open_ones == {"realtime"}
    assert services["realtime"]["ingress"] == "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER"
    assert all(body.get("ingress") != "INGRESS_TRAFFIC_ALL" for body in services.values())
    # no IAM on any Cloud Run service or function but the run.invoker bindings tested above
    for kind in ("google_cloud_run_v2_service_iam_member", "google_cloud_run_v2_service_iam_binding"):
        assert not resources(kind), kind


def test_the_gateway_answers_only_requests_the_load_balancer_forwarded() -> None:
    """API Gateway cannot close its *.gateway.dev hostname: every operation requires an API key
    that only the load balancer adds, so a request sent there directly is refused."""
    document = gateway_document()
    [(scheme, definition)] = document["securityDefinitions"].items()
    assert definition["type"] == "apiKey" and definition["in"] == "header"
    assert document["security"] == [{scheme: []}]
    assert not [op for methods in document["paths"].values() for op in methods.values() if "security" in op]
    backend = resources("google_compute_backend_service")["gateway"]
    assert backend["custom_request_headers"] == [f"{definition['name']}:${{google_apikeys_key.front_door.key_string}}"]
    key = resources("google_apikeys_key")["front_door"]
    assert key["restrictions"][0]["api_targets"][0]["service"] == (
        "${google_api_gateway_api.front_door.managed_service}"
    )
    # the realtime backend gets no key: its service checks none, and the gateway never sees it
    assert "custom_request_headers" not in resources("google_compute_backend_service")["realtime"]


def test_event_functions_take_only_internal_traffic() -> None:
    ingress = blocks("module")["entry_point"]["ingress"]
    assert ingress == '${length(each.value.topics) == 0 ? "ALLOW_ALL" : "ALLOW_INTERNAL_ONLY"}'
    # no function URL is opened by a domain mapping or a public IAM member on the function itself
    for kind in ("google_cloud_run_domain_mapping", "google_cloudfunctions2_function_iam_member"):
        assert not resources(kind)


def test_the_load_balancer_is_the_only_public_address_and_speaks_only_https() -> None:
    assert set(resources("google_compute_global_forwarding_rule")) == {"front_door"}
    for kind in ("google_compute_forwarding_rule", "google_compute_address", "google_compute_target_http_proxy"):
        assert not resources(kind), kind
    rule = resources("google_compute_global_forwarding_rule")["front_door"]
    assert rule["port_range"] == "443"
    assert rule["target"] == "${google_compute_target_https_proxy.front_door.id}"
    proxy = resources("google_compute_target_https_proxy")["front_door"]
    assert proxy["ssl_certificates"] == ["${google_compute_managed_ssl_certificate.front_door.id}"]
    assert resources("google_compute_ssl_policy")["front_door"]["min_tls_version"] == "TLS_1_2"
    certificate = resources("google_compute_managed_ssl_certificate")["front_door"]
    assert certificate["managed"][0]["domains"] == ["${local.public_host}"]
    # its one backend is the gateway, through a serverless NEG in the gateway's region
    backend = resources("google_compute_backend_service")["gateway"]
    assert [b["group"] for b in backend["backend"]] == ["${google_compute_region_network_endpoint_group.gateway.id}"]
    neg = resources("google_compute_region_network_endpoint_group")["gateway"]
    assert neg["network_endpoint_type"] == "SERVERLESS"
    assert neg["region"] == resources("google_api_gateway_gateway")["front_door"]["region"] == "${var.gateway_region}"
    deployment = neg["serverless_deployment"][0]
    assert deployment["platform"] == "apigateway.googleapis.com"
    assert deployment["resource"] == "${google_api_gateway_gateway.front_door.gateway_id}"
    assert resources("google_compute_url_map")["front_door"]["default_service"] == (
        "${google_compute_backend_service.gateway.id}"
    )


def test_http_entry_points_read_the_callers_token_where_the_gateway_puts_it() -> None:
    local = root_locals()
    assert local["gateway_env"] == {"KLEPAAS_BEHIND_API_GATEWAY": "true"}
    assert "length(each.value.topics) == 0 ? local.gateway_env : {}" in blocks("module")["entry_point"]["env"]
    assert CommonSettings.model_fields["behind_api_gateway"].default is False  # off unless Terraform says
    assert "KLEPAAS_BEHIND_API_GATEWAY" not in local["common_env"]


def test_mcp_accepts_the_host_the_gateway_sends_and_names_its_public_resource() -> None:
    mcp = root_locals()["function_env"]["mcp"]
    assert mcp["KLEPAAS_MCP_ALLOWED_HOSTS"] == (
        '${join(",", [local.public_host, trimprefix(local.function_urls["mcp"], "https://")])}'
    )
    assert mcp["KLEPAAS_MCP_RESOURCE_URL"] == "${var.public_base_url}/mcp"


def test_the_login_counters_trust_the_hops_of_our_own_front_end() -> None:
    # Every function reads the client's address (auth's login counters, the host of refused-token
    # audit records in any function), so the hops are a common setting.
    common_env = root_locals()["common_env"]
    assert common_env["KLEPAAS_AUTH_TRUSTED_PROXY_HOPS"] == "${tostring(var.auth_trusted_proxy_hops)}"
    assert "KLEPAAS_AUTH_TRUSTED_PROXY_HOPS" not in root_locals()["function_env"]["auth"]
    variable = blocks("variable")["auth_trusted_proxy_hops"]
    # load balancer: client and itself (2); Cloud Run's front end: the gateway (1)
    assert variable["default"] == 3
    assert re.search(r"load balancer.*\(2\).*Cloud Run.*\(1\)", variable["description"])
