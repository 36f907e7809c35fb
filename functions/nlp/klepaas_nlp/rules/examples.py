"""Worked examples for the models' prompt, one per class of command the rules once misread.

Each is read by the rules exactly as written here (a test checks it), so the models are shown
the same conventions the rules follow: the act is the predicate, nouns are objects, two acts
are `ambiguous`, typed slots never swap, unsupported requests are `unknown`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

Example = tuple[str, str, Mapping[str, object]]

FEW_SHOT: tuple[Example, ...] = (
    ("payments 배포 설정 좀 보여줄래?", "get_deployment", {"deployment_name": "payments"}),
    ("billing-deploy 지금 상태 어때?", "status", {"app_name": "billing-deploy"}),
    ("orders 지난 배포로 복원해줘", "rollback", {"app_name": "orders"}),
    ("restore orders to the previous release", "rollback", {"app_name": "orders"}),
    ("checkout을 5개로 늘리고 로그도 보여줘", "ambiguous", {}),
    ("deploy api then restart worker", "ambiguous", {}),
    ("shop을 shop:1.4.2 이미지로 3개 배포해줘", "deploy", {"app_name": "shop", "image": "shop:1.4.2", "replicas": 3}),
    ("커밋 9f3e2로 되돌려", "rollback", {}),
    ("dev 네임스페이스 redis 로그 보여줘", "logs", {"app_name": "redis", "namespace": "dev"}),
    (
        "scale web-app to 3 in namespace kube-public",
        "scale",
        {"app_name": "web-app", "replicas": 3, "namespace": "kube-public"},
    ),
    ("서비스 내부 주소 목록", "list_endpoints", {}),
    ("어떤 기능이 있어?", "list_commands", {}),
    ("mysql deployment 만들어줘", "unknown", {}),
    # One act on two targets, two reads, and a second target with its own count are two acts.
    ("inventory-api랑 audit-log 재시작해줘", "ambiguous", {}),
    ("show status and logs for ledger-web", "ambiguous", {}),
    ("scale notes-api to 2 and mailer-api to 4", "ambiguous", {}),
    # What the user sets aside is not asked for; a commit id that is none is a question.
    ("notes-api 비용 말고 엔드포인트만 알려줘", "endpoint", {"app_name": "notes-api"}),
    ("reports-web을 q9z 커밋으로 롤백해", "rollback", {"app_name": "reports-web"}),
    # The namespace word labels where; a misspelt command word is still that word.
    ("qa 네임스페이스의 mailer 상태 확인해줘", "status", {"app_name": "mailer", "namespace": "qa"}),
    ("mailer-api 엔드포인드 뭐야", "endpoint", {"app_name": "mailer-api"}),
    ("새 persistent volume 만들어 줄래?", "unknown", {}),
    # One act on two targets never keeps one of them; a -되 clause adds a slot to the main act; an
    # image alone names no target (its name is offered, never assumed).
    ("restart web as well as api", "ambiguous", {}),
    ("web을 배포하되 3개로", "deploy", {"app_name": "web", "replicas": 3}),
    ("payments:v2 배포해줘", "deploy", {"image": "payments:v2"}),
)


def few_shot_block() -> str:
    """The examples as prompt lines: `command => {"intent", "args"}`."""
    lines = [
        f"{text} => {json.dumps({'intent': intent, 'args': dict(args)}, ensure_ascii=False)}"
        for text, intent, args in FEW_SHOT
    ]
    return "\n".join(lines)
