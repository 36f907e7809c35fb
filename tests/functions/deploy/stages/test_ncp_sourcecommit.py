"""SourceCommit: a missing repository is created whatever plausible answer says it is missing
(the answer is undocumented), and a description is cut to the 500-byte limit."""

from __future__ import annotations

import pytest

from klepaas_deploy.pipeline.stages.ncp import NcpClient
from klepaas_deploy.pipeline.stages.ncp_http import NcpRefused
from klepaas_fakes.ncp import MISSING_ANSWERS, NcpFake


@pytest.mark.parametrize("answer", MISSING_ANSWERS)
def test_a_missing_repository_is_created_whichever_way_sourcecommit_says_it_is_missing(
    ncp: NcpFake, ncp_client: NcpClient, answer: str
) -> None:
    ncp.state.missing_repository_answer = answer
    repository = ncp_client.ensure_repository("owner-repo", "mirror")
    assert repository["git"]["https"].endswith("/owner-repo.git")
    assert [r[1] for r in ncp.state.requests if r[0] == "sourcecommit"] == ["GET", "POST", "GET"]


def test_a_refusal_that_is_not_about_a_missing_repository_is_raised(ncp: NcpFake, ncp_client: NcpClient) -> None:
    ncp.state.failures["GET /api/v1/repository/"] = 403
    with pytest.raises(NcpRefused) as refused:
        ncp_client.ensure_repository("owner-repo")
    assert refused.value.status == 403 and ncp.state.repositories == {}


def test_a_long_korean_description_is_cut_to_500_bytes_on_a_character(ncp: NcpFake, ncp_client: NcpClient) -> None:
    description = "저장소 미러 " * 100  # 17 bytes in 6 characters: 600 characters, 1700 bytes
    assert len(description[:500].encode()) > 500  # a cut by characters is still too long
    ncp_client.ensure_repository("owner-repo", description)
    kept = ncp.state.repositories["owner-repo"]["description"]
    assert len(kept.encode()) <= 500 and description.startswith(kept) and len(kept.encode()) > 490
