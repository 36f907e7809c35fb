"""klepaas_shared.text: user text made safe to echo, and Korean particles after a word."""

from __future__ import annotations

import pytest

from klepaas_shared.text import displayable, particle


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("nginx\x00 재시작\x07해줘\x1b[31m\r\n\u202e\ufeff\x7f", "nginx 재시작해줘"),
        ("\x1b]0;title\x07web 로그\x1b[0m 보여줘", "web 로그 보여줘"),
        ("a\u202db\u2066c\u2069\u200fd", "abcd"),
        ("줄\n바꿈\t탭", "줄 바꿈 탭"),
        ("\x9b31m색", "색"),
        ("K-Le-PaaS/sample-app 배포해줘 😀", "K-Le-PaaS/sample-app 배포해줘 😀"),
    ],
)
def test_displayable_drops_escapes_controls_and_bidi_overrides_and_keeps_what_was_meant(typed: str, shown: str) -> None:
    assert displayable(typed) == shown


@pytest.mark.parametrize(
    ("word", "which", "said"),
    [
        ("배포", "은", "배포는"),
        ("재시작", "는", "재시작은"),
        ("롤백", "을", "롤백을"),
        ("스케일 조정", "을", "스케일 조정을"),
        ("K-Le-PaaS/sample-app", "를", "K-Le-PaaS/sample-app을"),
        ("nginx", "을", "nginx를"),
        ("payments", "을", "payments를"),
        ("portal", "으로", "portal로"),
        ("서울", "으로", "서울로"),
        ("집", "로", "집으로"),
        ("v3", "이", "v3이"),
        ("v2", "이", "v2가"),
        ("API", "을", "API를"),
        ("URL", "은", "URL은"),
        # one letter standing alone is read by its name: 팀비, 앱엘
        ("team-b", "이", "team-b가"),
        ("app-l", "으로", "app-l로"),
        ("kube-system", "은", "kube-system은"),
        # a silent e leaves the consonant before it last: 네임, 파이프라인, 스케일
        ("pod_name", "은", "pod_name은"),
        ("pipeline", "이", "pipeline이"),
        ("autoscale", "으로", "autoscale로"),
        ("service", "은", "service는"),
        ("acme", "이", "acme가"),
    ],
)
def test_particle_follows_the_last_sound_of_the_word(word: str, which: str, said: str) -> None:
    assert particle(word, which) == said
