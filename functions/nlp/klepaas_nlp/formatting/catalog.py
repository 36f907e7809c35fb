"""The help catalogue that `list_commands` shows: every command, grouped, with a Korean example."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from klepaas_nlp.intents import Intent


class CommandHelp(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    name_ko: str
    desc: str
    example: str


class CommandCategory(BaseModel):
    model_config = ConfigDict(frozen=True)

    category: str
    icon: str
    commands: tuple[CommandHelp, ...]


def _command(intent: Intent, name_ko: str, desc: str, example: str) -> CommandHelp:
    return CommandHelp(name=intent.value, name_ko=name_ko, desc=desc, example=example)


CATEGORIES: tuple[CommandCategory, ...] = (
    CommandCategory(
        category="배포 관리",
        icon="🚀",
        commands=(
            _command(
                Intent.DEPLOY,
                "배포",
                "저장소나 앱을 지정한 환경에 배포합니다. 브랜치·복제본 수·이미지를 함께 줄 수 있습니다.",
                "K-Le-PaaS/test01 배포해줘",
            ),
            _command(
                Intent.SCALE,
                "스케일링",
                "앱의 복제본(replica) 수를 정한 개수로 바꿉니다. 정책상 최대 개수가 있습니다.",
                "K-Le-PaaS/test01 3개로 늘려줘",
            ),
            _command(
                Intent.RESTART,
                "재시작",
                "앱을 중단 없이 순차적으로 다시 시작합니다 (rolling restart).",
                "K-Le-PaaS/test01 재시작해줘",
            ),
            _command(
                Intent.ROLLBACK,
                "롤백",
                "이전 버전이나 지정한 커밋으로 되돌립니다. 실행 전에 반드시 확인을 받습니다.",
                "K-Le-PaaS/test01 a1b2c3d로 롤백해줘",
            ),
            _command(
                Intent.LIST_ROLLBACK,
                "롤백 목록",
                "되돌릴 수 있는 버전과 지금까지의 롤백 이력을 보여줍니다.",
                "K-Le-PaaS/test01 롤백 목록 보여줘",
            ),
        ),
    ),
    CommandCategory(
        category="상태 확인",
        icon="📊",
        commands=(
            _command(
                Intent.OVERVIEW,
                "전체 현황",
                "노드, 문제 있는 워크로드, 외부 서비스 등 클러스터 전체 상황을 요약합니다.",
                "전체적인 상황 보여줘",
            ),
            _command(
                Intent.STATUS,
                "상태 조회",
                "앱이나 파드·서비스·디플로이먼트 하나의 상태를 확인합니다.",
                "nginx pod 상태 확인해줘",
            ),
            _command(
                Intent.LOGS,
                "로그 조회",
                "파드나 앱의 최근 로그를 보여줍니다 (기본 30줄, 최대 100줄).",
                "frontend-app pod 로그 50줄 보여줘",
            ),
            _command(
                Intent.ENDPOINT,
                "접속 주소",
                "앱이나 서비스에 접속할 수 있는 주소를 알려줍니다.",
                "web-app 접속 주소 알려줘",
            ),
        ),
    ),
    CommandCategory(
        category="리소스 목록",
        icon="📋",
        commands=(
            _command(Intent.LIST_PODS, "파드 목록", "파드와 상태를 나열합니다.", "파드 목록 보여줘"),
            _command(
                Intent.LIST_DEPLOYMENTS,
                "디플로이먼트 목록",
                "배포된 앱(디플로이먼트)과 준비된 복제본 수를 나열합니다.",
                "디플로이먼트 목록 보여줘",
            ),
            _command(
                Intent.LIST_SERVICES,
                "서비스 목록",
                "서비스와 종류, 내부·외부 IP를 나열합니다.",
                "show me the services in kube-system",
            ),
            _command(
                Intent.LIST_ENDPOINTS,
                "엔드포인트 목록",
                "서비스별 포트와 접속 경로를 나열합니다.",
                "엔드포인트 목록 보여줘",
            ),
            _command(
                Intent.LIST_INGRESSES,
                "접속 주소 목록",
                "인그레스로 공개된 도메인과 URL을 나열합니다.",
                "접속 주소 목록 보여줘",
            ),
            _command(
                Intent.LIST_NAMESPACES,
                "네임스페이스 목록",
                "클러스터의 네임스페이스를 나열합니다.",
                "네임스페이스 목록 보여줘",
            ),
        ),
    ),
    CommandCategory(
        category="상세 정보",
        icon="🔍",
        commands=(
            _command(
                Intent.GET_SERVICE,
                "서비스 상세",
                "서비스 하나의 포트, 셀렉터, 엔드포인트를 자세히 보여줍니다.",
                "nginx 서비스 상세 정보 보여줘",
            ),
            _command(
                Intent.GET_DEPLOYMENT,
                "디플로이먼트 상세",
                "디플로이먼트 하나의 복제본, 컨테이너, 이벤트를 자세히 보여줍니다.",
                "web-app 디플로이먼트 상세 정보 보여줘",
            ),
        ),
    ),
    CommandCategory(
        category="비용",
        icon="💰",
        commands=(
            _command(
                Intent.COST_ANALYSIS,
                "비용 분석",
                "사용량 기준 비용, 절감 방안, 다음 달 예측을 보여줍니다.",
                "비용 최적화 방법 알려줘",
            ),
        ),
    ),
    CommandCategory(
        category="도움말",
        icon="💡",
        commands=(
            _command(
                Intent.LIST_COMMANDS,
                "명령어 목록",
                "지금 보고 있는 명령어 안내를 보여줍니다.",
                "명령어 목록 보여줘",
            ),
        ),
    ),
)

HELP_TEXT: tuple[str, ...] = (
    "한국어나 영어로 편하게 말하면 됩니다. 예: '파드 목록 보여줘', 'show me the pods'.",
    "대상은 저장소(K-Le-PaaS/test01)나 앱 이름(web-app)으로, 환경은 스테이징·운영·개발로 지정하세요.",
    "한 번 말한 대상은 기억합니다. 이어서 '3개로 늘려줘'라고만 해도 같은 앱에 적용됩니다.",
    "배포·스케일링·재시작·롤백은 실행 전에 확인 버튼을 눌러야 진행됩니다.",
    "삭제, 셸 접속, 시크릿 조회는 안전을 위해 채팅으로 할 수 없습니다.",
)


def total_commands() -> int:
    return sum(len(category.commands) for category in CATEGORIES)


def list_commands_payload() -> dict[str, object]:
    """The `data.formatted` object of a `list_commands` result, as the console's renderer reads it."""
    return {
        "categories": [category.model_dump(mode="json") for category in CATEGORIES],
        "total_commands": total_commands(),
        "help_text": list(HELP_TEXT),
    }
