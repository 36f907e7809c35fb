"""The `list_commands` result: what the assistant understands, grouped for the help card."""

from __future__ import annotations

from typing import Any

from klepaas_nlp.formatting.envelope import envelope

_CATEGORIES: list[tuple[str, str, list[tuple[str, str, str, str]]]] = [
    (
        "배포 관리",
        "rocket",
        [
            ("deploy", "배포", "저장소를 배포합니다", "K-Le-PaaS/test01 배포해줘"),
            ("scale", "스케일링", "레플리카 수를 조정합니다", "K-Le-PaaS/test01 3개로 늘려줘"),
            ("restart", "재시작", "롤링 재시작합니다", "K-Le-PaaS/test01 재시작해줘"),
            ("rollback", "롤백", "이전 커밋으로 되돌립니다", "K-Le-PaaS/test01 롤백 목록"),
        ],
    ),
    (
        "리소스 조회",
        "list",
        [
            ("list_pods", "파드 목록", "파드를 나열합니다", "파드 목록 보여줘"),
            ("list_deployments", "디플로이먼트 목록", "디플로이먼트를 나열합니다", "디플로이먼트 목록 보여줘"),
            ("list_services", "서비스 목록", "서비스를 나열합니다", "service 목록 보여줘"),
            ("list_ingresses", "접속 주소 목록", "인그레스와 접속 주소를 나열합니다", "접속 주소 목록 보여줘"),
            ("list_endpoints", "엔드포인트 목록", "엔드포인트를 나열합니다", "엔드포인트 목록 보여줘"),
            ("list_namespaces", "네임스페이스 목록", "네임스페이스를 나열합니다", "네임스페이스 목록"),
        ],
    ),
    (
        "상태와 로그",
        "activity",
        [
            ("status", "상태 확인", "파드·서비스·디플로이먼트 상태", "nginx pod 상태 확인해줘"),
            ("logs", "로그", "파드 로그를 봅니다", "frontend-app pod 로그 50줄 보여줘"),
            ("overview", "전체 상황", "클러스터 전체 상황", "전체적인 상황 보여줘"),
            ("cost_analysis", "비용 분석", "예상 비용과 절감안", "비용 분석해줘"),
        ],
    ),
]


def list_commands() -> dict[str, Any]:
    categories = [
        {
            "category": name,
            "icon": icon,
            "commands": [{"name": n, "name_ko": ko, "desc": desc, "example": ex} for n, ko, desc, ex in commands],
        }
        for name, icon, commands in _CATEGORIES
    ]
    total = sum(len(c["commands"]) for c in categories)
    formatted = {
        "categories": categories,
        "total_commands": total,
        "help_text": ["자연어로 명령하세요.", "변경 작업(배포·스케일·재시작·롤백)은 확인 후 실행됩니다."],
    }
    return envelope(
        "list_commands",
        f"사용 가능한 명령어 {total}개",
        formatted,
        {"total_commands": total, "category_count": len(categories)},
    )
