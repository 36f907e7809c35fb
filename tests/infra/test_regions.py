"""Every regional service sits in a region where it is offered. The lists are Google's, copied
with their source; a region missing from a list here fails the check, never passes a wrong one."""

from __future__ import annotations

import re

import pytest

from .conftest import MODULE, all_resources, blocks, strings, tfvars

# https://cloud.google.com/api-gateway/docs/deployment-model
API_GATEWAY_REGIONS = {
    "asia-northeast1",
    "australia-southeast1",
    "europe-west1",
    "europe-west2",
    "us-east1",
    "us-east4",
    "us-central1",
    "us-west2",
    "us-west3",
    "us-west4",
}

# https://cloud.google.com/functions/docs/locations (Tier 1 and Tier 2 tables)
CLOUD_RUN_FUNCTIONS_REGIONS = {
    "asia-east1",
    "asia-northeast1",
    "asia-northeast2",
    "europe-north1",
    "europe-southwest1",
    "europe-west1",
    "europe-west4",
    "europe-west8",
    "europe-west9",
    "me-west1",
    "us-central1",
    "us-east1",
    "us-east4",
    "us-east5",
    "us-south1",
    "us-west1",
    "asia-east2",
    "asia-northeast3",
    "asia-southeast1",
    "asia-southeast2",
    "asia-south1",
    "asia-south2",
    "australia-southeast1",
    "australia-southeast2",
    "europe-central2",
    "europe-west2",
    "europe-west3",
    "europe-west6",
    "europe-west10",
    "europe-west12",
}

GATEWAY_RESOURCES = {"google_api_gateway_gateway.front_door", "google_compute_region_network_endpoint_group.gateway"}
LOCATION_ARGUMENTS = ("region", "location", "location_id")


def _regions(variable: str) -> set[str]:
    values = {blocks("variable")[variable]["default"]}
    for env in ("staging", "production"):
        values.add(tfvars(env).get(variable, blocks("variable")[variable]["default"]))
    return values


def test_the_gateway_region_is_one_api_gateway_is_offered_in() -> None:
    assert _regions("gateway_region") <= API_GATEWAY_REGIONS
    assert "asia-northeast3" not in API_GATEWAY_REGIONS  # why the gateway has a region of its own


def test_the_functions_region_is_one_cloud_run_functions_are_offered_in() -> None:
    assert _regions("region") <= CLOUD_RUN_FUNCTIONS_REGIONS


@pytest.mark.parametrize("scope", ["", MODULE])
def test_only_the_gateway_and_its_neg_use_the_gateway_region(scope: str) -> None:
    for address, body in all_resources(scope).items():
        for argument in LOCATION_ARGUMENTS:
            if argument not in body:
                continue
            expected = "${var.gateway_region}" if address in GATEWAY_RESOURCES else "${var.region}"
            assert body[argument] == expected, f"{address}.{argument} = {body[argument]}"
    for text in strings(blocks("module")):
        assert "gateway_region" not in text  # the functions never run in the gateway's region


def test_the_gateway_region_variable_says_where_its_list_comes_from() -> None:
    description = blocks("variable")["gateway_region"]["description"]
    assert re.search(r"https://cloud\.google\.com/api-gateway/docs/deployment-model", description)
