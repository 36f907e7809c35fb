"""Keyword patterns per intent: Korean ones read the text without spaces, English ones read it spaced."""

from __future__ import annotations

from dataclasses import dataclass

from klepaas_nlp.rules.hangul import PAST as _PAST_SYLLABLES
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.normalize import NormalisedText

# Who does an operation, compounded with its noun ("배포봇", "배포팀", "롤백 담당자", compact): the chat's bot, a
# team or a person, named after what they do; their name asks for no operation.
_AGENT = r"봇|팀|담당|당번"


@dataclass(frozen=True, slots=True)
class Keywords:
    korean: LazyPattern
    english: LazyPattern

    def found_in(self, norm: NormalisedText) -> bool:
        return self.korean.search(norm.words_compact) is not None or self.english.search(norm.words) is not None


def _keywords(
    korean: str, english: str, *, korean_needs: tuple[str, ...] = (), english_needs: tuple[str, ...] = ()
) -> Keywords:
    # Compiled by the first command that reads this family (most commands are decided earlier), and
    # only when the command holds one of the words every match of the pattern holds (the needs,
    # proven from each pattern's structure by tests/functions/nlp/test_rules_lazy_patterns.py).
    return Keywords(korean=LazyPattern(korean, needs=korean_needs), english=LazyPattern(english, needs=english_needs))


HELP = _keywords(
    # 커맨드 (and its misspelling 커멘드) is "command" written in Hangul: 명령어 as much as "commands" is.
    r"명령어|커맨드|커멘드|명령목록|도움말|사용법|헬프|뭘할수있|뭐할수있|무엇을할수있|뭐가가능|(?<!롤백)(?<!배포)(?<!시작)할수있는(?:게|것|거|일)"
    # "배포할 수 있는 명령": the commands themselves are asked about, whichever act is named before them.
    r"|할수있는명령"
    r"|기능(?:목록|리스트|들)|(?:어떤|무슨)기능|사용가능한(?:명령|기능|command)|어떻게(?:써|사용)|어떤명령"
    r"|할줄(?:아는|알|앎)|명령(?:어)?(?:목록|리스트)|지원(?:하는|되는)(?:명령|기능|command)|(?:쓸|사용할|이용할)수있는(?:기능|명령|command)"
    r"|commands?(?:뭐|목록|리스트|어떤)|(?:어떤|무슨)commands?"
    # "여기서 뭘 시킬 수 있지?", "어떤 작업들을 시킬 수 있어?": what the user may have it do.
    # 걸/건/게 are 것 with its particle fused ("어떤 걸 시킬 수 있는지").
    r"|(?:뭘|뭐|무엇을|(?:어떤|무슨)(?:작업|일|것|거|걸|건|게)[가-힣]{0,2})(?:시킬|맡길|부탁할|요청할)수있"
    # "시킬 수 있는 거 뭐 있어?": the same asked with the relative clause first.
    r"|(?:시킬|맡길|부탁할|요청할)수있는(?:게|것|거|일|작업)"
    # "뭐라고 말하면 돼?", "뭐라고 입력해야 해?": how to phrase a request is what the help lists.
    r"|뭐라고(?:말|입력|쳐|치|써|요청|물어|명령)[가-힣]{0,3}(?:돼|되|될|해야|하나|하지)"
    # "어떤 작업까지 가능한지", "무슨 일을 할 수 있는지": which kinds of work it can do.
    # A command is given (내리다, 주다), typed (입력하다) or used (쓰다): "무슨 명령을 내릴 수 있는지".
    r"|(?:어떤|무슨)(?:작업|일|기능|요청|명령)[가-힣]{0,3}(?:가능|(?:할|내릴|줄|쓸|입력할)수있|되는지|돼)"
    # "무슨 명령 알아듣는지", "뭘 알아들어?": which requests it understands.
    r"|(?:어떤|무슨|뭘|뭐|무엇을)(?:말|명령|요청|작업|기능)?[가-힣]{0,2}알아(?:듣|들)",
    r"^\W*help\W*$|\b(?:list(?:ing)?|show(?:ing)?|available|all|supported)\s+(?:me\s+)?(?:of\s+)?(?:the\s+)?(?:your\s+)?commands\b"
    # "what can you actually do here?": an adverb or two may stand before the verb.
    r"|\bcommands?\s+(?:list|available)\b"
    # "what can this bot do", "what can it do": the bot named by a noun phrase or a pronoun.
    r"|\bwhat can (?:you|u|i|it|this|(?:this|the|your|ur) (?:bot|assistant|thing|tool))"
    r"(?:\s+[a-z]+ly|\s+even|\s+really)?\s+do\b"
    r"|\b(?:what|which) commands\b"
    # "what commands u got", "which commands do you have": the commands it has.
    r"|\bcommands (?:do |have )?(?:you|u) (?:got|have|know|support)\b"
    # "u" is the texting spelling of "you" ("what can u do").
    r"|\bwhat (?:this bot|the bot|you|u) can do\b"
    # "the things you can do for me": what it can do, named as a noun phrase.
    r"|\b(?:things|stuff|tasks) (?:that )?(?:you|u) can do\b"
    r"|\bhow (?:do i|to) use (?:this|you|it)\b|\bwhat (?:should|do|can) i (?:say|type|ask)\b"
    # "what this bot understands", "what you support": the requests it reads, not what it knows of an app.
    r"|\bwhat (?:this bot|the bot|you|u|it) (?:understands?|supports?|can (?:understand|handle))\b(?!\s+(?:about|of)\b)"
    # "what kinds of things can I ask you to do", "which tasks can I get you to do": the acts it takes.
    r"|\b(?:what|which)\b[^.?!]{0,40}\b(?:ask|tell|get|have) (?:you|u|this bot|the bot|it) to do\b",
    korean_needs=(
        "command",
        "커맨드",
        "커멘드",
        "기능",
        "도움말",
        "명령",
        "뭐가가능",
        "사용법",
        "수있",
        "어떻",
        "할줄",
        "헬프",
        "뭐라고",
        "어떤",
        "무슨",
        "알아",
    ),
    english_needs=(
        "understand",
        "support",
        "can handle",
        "to do",
        "how do i use this",
        "how do i use you",
        "how do i use it",
        "how to use this",
        "what can",
        "what can you",
        "what can u",
        "what u can",
        "how to use you",
        "how to use it",
        "what can i",
        "i say",
        "i type",
        "i ask",
        "can do",
        "command",
        "help",
    ),
)
# Another tool's commands ("리눅스에서 포트 확인하는 명령어", "git 명령어 뭐였지"): a question about that
# tool, not about what this assistant can do.
OTHER_TOOL = _keywords(
    # Korean names read compact; Latin ones read spaced, as whole words ("pip" is not "pipeline").
    r"리눅스|유닉스|우분투|윈도우|맥북|터미널|쉘|셸|파워셸|도스|깃(?:허브)?|도커|엑셀",
    r"\b(?:linux|unix|ubuntu|windows|macos|terminal|shell|bash|zsh|powershell|cmd|vim|git|docker|sql|excel|npm|pip"
    # The user's own machine and editor, as 맥북 is: "restart my laptop", "how do I restart vscode".
    r"|laptop|macbook|vscode|vs\s+code|intellij|ide|browser|chrome)\b",
    korean_needs=("리눅스", "유닉스", "우분투", "윈도우", "맥북", "터미널", "쉘", "셸", "도스", "깃", "도커", "엑셀"),
    english_needs=(
        *("linux", "unix", "ubuntu", "windows", "macos", "terminal", "shell", "bash", "zsh", "powershell"),
        *("cmd", "vim", "git", "docker", "sql", "excel", "npm", "pip"),
        *("laptop", "macbook", "vscode", "vs", "intellij", "ide", "browser", "chrome"),
    ),
)
# "thanks for your help", "appreciate the help": help thanked for is no help asked for.
HELP_ANYWHERE = _keywords(r"(?!)", r"(?<!\byour )(?<!\bfor the )(?<!\bthe )\bhelp\b", english_needs=("help",))
LIST_ROLLBACK = _keywords(
    # "롤백했던 거 목록", "롤백한 기록": the rollbacks done, said with a relative clause; "롤백 되는 버전", "롤백될
    # 버전": what a rollback goes (or would go) back to, said with 되다's present or prospective one.
    r"(?:롤백|rollback)(?:가능(?:한)?|할수있는|(?:했|됐|된|한|되는|될)(?:었)?(?:던)?(?:거|것|적)?(?:의)?)?(?:목록|리스트|이력|내역|기록|히스토리|후보|버전|가능(?:한)?버전|대상|시점|지점"
    r"|version|revision|리비전|history|list|options|candidates)"
    # "롤백 가능한 커밋", "롤백 되는 커밋": the commits one may go back to ("롤백 커밋 c0ffee1" names one to go to).
    r"|(?:롤백|rollback)(?:가능한|할수있는|되는|될)(?:커밋|commits?)"
    # "어느 버전까지 되돌아갈 수 있어?", "어떤 버전으로 롤백 가능한지": which versions there are to go back to.
    # "어느 버전으로 돌아가는지", "어떤 커밋으로 돌아가?": which one there is to go back to, asked.
    # Any verb of going back, or 가다 after its goal ("어떤 버전으로 돌릴 수 있는지", "어느 버전으로 가는지").
    r"|(?:어느|어떤|무슨)(?:버전|커밋|리비전|시점|릴리[즈스])(?:(?:까지|으로|로)?(?:되돌|돌아|돌리|돌릴|돌려|롤백)"
    r"|(?:까지|으로|로)가)[가-힣]{0,4}(?:수있|가능|지|나|니|냐|까|\?)"
    # "어디로 롤백할 수 있는지", "어디까지 되돌릴 수 있어?": where there is to go back to, asked.
    r"|어디(?:로|까지)(?:되돌|롤백|rollback)[가-힣]{0,4}(?:수있|가능|지|나|니|냐|까)|어디(?:로|까지)(?:돌릴|돌아갈)수있"
    # "롤백하기 전에 어떤 버전 있는지": which versions there are, asked around the rollback; "롤백하면 어느 버전
    # 되는지", "롤백하면 어떤 커밋으로 가나": which one the rollback supposed would land on. The goal may be asked
    # by the pronoun alone ("롤백하면 뭐로 돌아가?", "어디까지 되돌아가?"): what it goes back to is a version.
    r"|(?:롤백|되돌)[가-힣]{0,6}(?:(?:어느|어떤|무슨)(?:버전|커밋|리비전|시점|릴리[즈스])"
    r"(?:[가-힣]{0,3}(?:있|가능)|(?:이|가|으로|로)?(?:되|돼|가)[가-힣]{0,3}(?:지|나|니|냐|까|\?))"
    r"|(?:뭐|무엇|어디)(?:으로|로|까지)(?:되돌아|돌아|되|돼|가)[가-힣]{0,3}(?:지|나|니|냐|까|\?))"
    r"|(?:되돌릴|롤백할|돌아갈)(?:수있는|만한)[가-힣]{0,3}(?:버전|커밋|목록|시점|지점|리비전|이력|기록|내역|히스토리|거|것|게)"
    r"|(?:배포|릴리즈|릴리스)(?:이력|기록|내역|히스토리)"
    # "revision 목록", "리비전 이력": a deployment's revisions listed are what one can go back to.
    r"|(?:리비전|revisions?)(?:들)?(?:목록|리스트|이력|내역|기록|히스토리|list|history)"
    # The versions deployed before ("예전에 배포된 버전들", "지금까지 배포했던 버전"): what one can go back to;
    # "배포된 버전" alone is the one running now, and "…버전으로" the one to go back to.
    r"|(?:예전|이전|과거|지난|그동안|여태|지금까지)[가-힣]{0,3}(?:배포|릴리[즈스])(?:됐|된|했|한)(?:었)?(?:던)?(?:버전|리비전|릴리[즈스]|커밋)(?!으로|로)"
    r"|(?:배포|릴리[즈스])(?:됐|된|했|한)(?:었)?(?:던)?(?:버전|리비전|릴리[즈스]|커밋)들(?!으로|로)"
    # The version's noun in English too ("revision 목록", "versions 리스트").
    r"|(?:버전|리비전|revision|version)s?(?:이력|기록|내역|히스토리|목록|리스트)"
    # The earlier versions as many ("예전 버전들") or asked which there were ("이전 버전 뭐 있었는지"):
    # what one can go back to; "이전 버전(들)로" is the one to go back to. The operation's noun may
    # stand between ("이전 배포 버전들").
    r"|(?:예전|이전|과거|지난|옛날?)(?:의)?(?:배포)?(?:버전|리비전|릴리[즈스])"
    r"(?:들(?!으로|로)|[가-힣]{0,3}(?:뭐|무엇|어떤|무슨)[가-힣]{0,4}(?:있|가능))"
    # "롤백 뭐 있는지 봐봐": asking which rollbacks there are lists them.
    # "롤백 가능한 거 뭐 있어": what is possible to go back to, asked the same way.
    r"|(?:롤백|rollback|되돌릴)(?:가능한|할수있는|되는|될)?[가-힣]{0,3}(?:뭐|무엇|어떤|무슨)[가-힣]{0,4}(?:있|가능)",
    r"\brollback\s+(?:list|history|options|candidates|targets|versions|points)\b"
    r"|\b(?:list|show|get|see|view)\b(?:\s+\S+){0,4}\s+(?:rollback|revisions|versions)\b(?!\s+(?:to|of)\b)"
    r"|\b(?:which|what|available) (?:versions|revisions|releases)\b"
    r"|\brevisions?\s+list\b"
    # "the earlier releases of web", "older versions": the releases before, as many, are the list.
    r"|\b(?:earlier|previous|prior|older|past|old)\s+(?:versions|revisions|releases|deploys|deployments)\b"
    r"(?!\s+(?:to|of\s+\S+\s+to)\b)"
    r"|\b(?:that|which) (?:i|we) (?:can|could) (?:roll ?back|revert|go back) to\b"
    # "If I roll back, which version will it go to?": which one a rollback supposed would land on.
    # The supposition may be put in the past ("if I rolled back X, which version would it land on?").
    r"|\b(?:if|when|once)\s+(?:i|we|you|u)\s+(?:roll(?:ed)?\s+(?:\S+\s+)?back|rollback|revert(?:ed)?)\b[^?.!]{0,60}?"
    r"\b(?:which|what)\s+(?:version|revision|release|commit|build)s?\b"
    r"|\b(?:deploy(?:ment)?|release|version|revision|rollout)\s+history\b"
    # "what version can I roll web back to?": the question asks which there are, the noun said or not.
    r"|\b(?:what|which)(?: (?:versions?|revisions?|releases?|commits?|builds?))? can (?:i|we|you) "
    r"(?:roll ?back|revert|go back|roll \S+ back)(?: \S+)? to\b"
    r"|\b(?:can|could) (?:i|we) (?:roll ?back|revert|go back) to\b"
    # "what would a rollback of X go back to?", "what can X roll back to?": the "to" left at the end asks
    # which point there is to go back to.
    # The passive and the past ask the same ("what can web be rolled back to?"), and the app may close the
    # question after "to" ("what would I roll back to for web?").
    r"|\b(?:what|which)\b[^?.!]{0,60}?\b(?:roll(?:ed)? ?back|revert(?:ed)?|go(?:ne)? back|goes back|return(?:ed)?)"
    r"\s+to(?:\s+(?:for|with|in|on)\s+[^\s?.!]+)?\s*(?:[?.!]|$)",
    korean_needs=(
        *("rollback", "되돌", "롤백", "릴리", "배포", "버전", "리비전", "revision", "수있", "가능", "만한", "돌아"),
        *("커밋", "시점", "version"),
    ),
    english_needs=(
        *("available", "revision", "rollback", "versions", "history", "which", "what", " to", "releases"),
        "deploys",
        "deployments",
    ),
)
ROLLBACK = _keywords(
    # "롤백했던 이유", "롤백한 버전": the operation as it happened, described, is no request for one.
    rf"롤백(?!했|됐|되었|한(?!번)|{_AGENT})"
    r"|되돌려|되돌리|되돌아|되감[아기]|원복|원상복구|(?:이전|예전|전|옛날|저번|지난)버전으로|(?:previous|prior|earlier|older)(?:version|release)으?로|(?:이전|직전|전|지난|저번)(?:커밋|배포|리비전)으로|돌려(?:놔|놓)|복구해",
    r"\broll\s*back\b|\brollback(?:ing)?\b|\broll\s+(?:\S+\s+){1,3}?back\b|\brevert(?:ing)?\b"
    r"|\bundo\b.*\b(?:deploy|release|change)|\b(?:rollout|deploy(?:ment)?|release)\s+undo\b|\bgo back to\b"
    r"|\brestore (?:the )?previous\b"
    # "web 2 versions back": so many versions back, the direction said with no verb.
    r"|\b(?:\d+|one|two|three|four|five)\s+(?:steps?|versions?|revisions?|releases?)\s+back\b"
    # "take web back 3 releases", "put web back the way it was": a verb of moving, its object, "back",
    # then how far (a count of releases) or to what (the state it was in).
    r"|\b(?:take|put|set|move|bring)\s+(?:\S+\s+){1,3}?back\s+(?:(?:\d+|one|two|three|four|five)\s+"
    r"(?:steps?|versions?|revisions?|releases?|deploys?|deployments?)\b|(?:to\s+)?(?:the\s+way|how)\s+it\s+was\b)",
    korean_needs=("돌려", "되돌", "되감", "롤백", "복구", "원복", "으로", "로"),
    english_needs=("go back to", "restore ", "revert", "roll", "undo", "back"),
)
COST = _keywords(
    # A household bill ("전기요금", "통신 요금") is not the cluster's cost, nor is a place's fee (주차장,
    # 수영장, 공연장: a noun ending in 장), a plan one buys ("요금제") or a price list ("요금표").
    # 절감 is money saved, as "savings" is in English ("절감 포인트", "절감할 데").
    r"비용|절감|(?<!전기|가스|수도|통신|난방|교통|택시|버스|주차)(?<!휴대폰|핸드폰)(?<!장)요금(?![제표])|코스트|과금|청구|예산"
    r"|얼마(?:나)?(?:들|나와|나왔|나오|나올(?:지|까|거)|써|썼|쓰|내|냈)|돈(?:이|을)?얼마"
    # A fee named by what it pays for: "클라우드비", "서버비", "인프라 비용", "호스팅료", before a particle
    # or what is said of money (cut, saved, too much, where it goes): never 비밀, 비교, 비상 or 비서.
    r"|(?:클라우드|서버|인프라|호스팅|운영|유지|사용|이용)(?:비|료)(?:가|는|를|도|이|좀|얼마|예측|분석|$"
    r"|줄|아끼|아낄|아껴|절감|절약|최적화|낮추|낮출|낮춰|감축|나가|나간|나오|나온|나왔|많이|너무|내역|추이)"
    # Money spent or saved: "돈 너무 많이 나가", "돈 줄일 데", "돈 아낄 방법".
    # The place before it may keep its particle ("prod에서 돈 아낄 방법"): compact text joins them.
    r"|(?:(?<![가-힣])|(?<=에서)|(?<=에))돈(?:이|을|은|도)?[가-힣]{0,5}(?:나가|나간|들어|드는|줄일|줄이|아낄|아끼|새|쓰|써)",
    # A place's name is no topic: "endpoints in billing", "the billing namespace" name a namespace.
    # Nor is the domain people work on ("the billing team", "on call for billing"): after "for" the word says whose
    # the thing before is, and before a noun of people it names them.
    r"\bcost(?:s|ing)?\b|(?<!\bin )(?<!\bin the )(?<!\bfrom )(?<!\bwithin )(?<!\bacross )(?<!\bfor )\bbilling\b"
    r"(?!\s+(?:namespace|ns|team|teams|squad|crew|folks|people|guys|department|dept|org|group|engineers?|devs?"
    r"|developers?|lead|leads|manager|managers|owners?|on-?call)\b)|\bbill\b|\bspend(?:s|ing)?\b|\bexpenses?\b|\bpricing\b"
    # Money asked after by the verb that spends it, the question word right before its auxiliary ("how much are we
    # burning on the cluster", "what will we be paying next month"): "how much memory is X using" asks no money.
    r"|\b(?:how much|what) (?:do|does|did|am|are|will|would|is|have|has)\b.*"
    r"\b(?:pay|paid|paying|cost|spend|spent|spending|charge|charged|burn|burning|burned|burnt)\b"
    # "how much money is the cluster burning": money asked after is the bill.
    r"|\bhow much (?:money|cash|dollars|\$)"
    # Money saved or cut: "where could we save money", "ways to cut spending".
    r"|\b(?:save|saving|cut|reduce)\s+(?:us\s+)?(?:some\s+|any\s+|more\s+)?(?:money|cash|dollars)\b"
    # Money saved is money not spent: "any savings in prod?", "how to make it cheaper".
    r"|\bsavings\b|\bcheaper\b"
    # The only forecast the platform makes is of its bill ("any forecast for retail?").
    r"|\bforecasts?\b",
    korean_needs=("코스트", "과금", "비용", "절감", "얼마", "예산", "요금", "청구", "돈", "비", "료"),
    english_needs=(
        "expense",
        "pricing",
        "charge",
        "spend",
        "spent",
        "bill",
        "cost",
        "pay",
        "paid",
        "burn",
        "saving",
        "cheaper",
        "forecast",
        "money",
        "cash",
        "dollars",
        "$",
    ),
)
LOGS = _keywords(
    # What a pod writes out: its output (출력 as the noun asked for, not the verb 출력해 nor the printing
    # of another read's noun, "목록 출력") and what gets printed (찍히다).
    r"(?<!프)로그(?!인|아웃|램)|로깅|stdout|(?<!목록|상태|현황|정보|결과|내용|요약)(?<!리스트)출력(?![해하했할])|찍[히힌혀혔]"
    # What it prints, asked ("뭐라고 출력하는지", "뭘 찍고 있는지"): its output, whatever the verb's ending.
    r"|(?:뭐라고|무엇을|뭘|뭐)(?:출력|찍)"
    # The messages an app writes when it fails ("에러 메시지 뽑아줘") are what its log holds; so is its record
    # counted in lines ("기록 25줄만"), as an English count of lines is.
    r"|(?:에러|오류|error)(?:메시지|메세지|message)|기록(?:을|를)?(?:최근|마지막)?[0-9]+줄",
    # "log in", "logs out" are sessions; the logs in a named place (§, a name) are logs ("logs in shop-dev").
    # What pods "have been printing", "printed": their output (the verb "print" alone reads anything);
    # what an app is "logging", "spitting out", "spewing", "outputting": the same output, as a verb.
    r"\blogs?\b(?!\s*(?:in|out)\b(?!\s+§))|\btail\b|\bstdout\b|\bstderr\b|\boutput(?:ting)?\b|\bprint(?:ing|ed)\b"
    r"|\blogg(?:ing|ed)\b|\bspit(?:ting)?\s+out\b|\bspew(?:ing|ed)?\b"
    # "the last 40 lines from the X pod": lines counted from an end are a pod's output.
    r"|\b(?:last|first|latest|final|recent|top|bottom)\s+\d+\s+lines\b"
    # "the error messages from X": what the app wrote when it failed.
    r"|\berror\s+messages?\b",
    korean_needs=("stdout", "로그", "로깅", "출력", "찍", "메시지", "메세지", "message", "줄"),
    english_needs=("stderr", "stdout", "output", "tail", "log", "print", "spit", "spew", "lines", "message"),
)
RESTART = _keywords(
    # "재시작 횟수" and "restart count" ask about restarts; they do not ask for one.
    rf"재시작(?!횟수|카운트|된|됐|했|한(?!번)|이력|기록|{_AGENT})|재가동|재기동|(?:다시|새로)(?:시작|기동|가동)|다시띄워|다시올려|재부팅|리스타트|리부(?:트|팅)"
    r"|껐다(?:가)?켜|재실행|롤링재시작|rolloutrestart"
    # "다시 켜" asks to switch it on again; "다시 켜졌어" says it is.
    r"|다시켜(?![져졌진지])",
    r"\brestart(?:ing)?\b(?!\s+count)|\breboot\b|\bbounce\b|\brolling restart\b|\bre-start\b"
    r"|\bcycle (?:the )?pods\b|\ba fresh start\b"
    # "kick the worker": a kick starts a stuck thing again; "kick off" begins something new.
    r"|\bkick\b(?!\s+off\b)",
    korean_needs=(
        "rolloutrestart",
        "껐다",
        "다시",
        "새로",
        "리부",
        "리스타트",
        "재가동",
        "재기동",
        "재부팅",
        "재시작",
        "재실행",
    ),
    english_needs=("re-start", "restart", "bounce", "reboot", "pods", "a fresh start", "kick"),
)
OVERVIEW = _keywords(
    r"전체적인?(?:상황|현황|상태)|전반(?:적인?)?(?:상황|현황|상태)|전체(?:상황|현황|요약|개요)"
    # The adverb asking how things stand as a whole: "전반적으로 어떰", "전체적으로 괜찮아?".
    r"|(?:전반적|전체적)으로(?:좀|다|한번|쭉|싹)*(?:어때|어떰|어떻|어떤|괜찮|문제|정상|봐|보여|알려|요약)"
    # ns abbreviates namespace ("telco-core ns 요약 좀").
    # A word of time may stand between ("클러스터 요즘 상태 괜찮나?").
    r"|(?:클러스터|cluster|시스템|인프라|네임스페이스|namespace|(?<![a-z])ns)(?:의|는|은|가)?(?:요즘|지금|현재|오늘|최근)?(?:전체)?"
    r"(?:상태|status|현황|상황|개요|요약|전체|어때|어떰|괜찮)|개요|오버뷰|대시보드|한눈에"
    # A summary of the cluster's state, not of any text ("회의록 요약해줘" is out of scope).
    r"|(?:상황|현황|상태|클러스터|전체|전반|시스템|네임스페이스|(?<![a-z])ns)[가-힣]{0,8}요약|^(?:지금|현재)?요약"
    r"|^(?:지금|현재)?(?:상황|현황)(?:좀)?(?:보여|알려|어때|은|요약)"
    # A command opened by a name and 현황, no kind word between ("retail 현황 좀"): how that place
    # stands as a whole.
    r"|^(?:§|[a-z0-9][a-z0-9._-]*)(?:의|쪽)?현황"
    # The same with 요약 (a summary), with at most words of degree or a question of how it is between
    # ("edu-prod 쪽 대충 어때 요약해봐"): a summary of that place, not of some text.
    r"|^(?:§|[a-z0-9][a-z0-9._-]*)(?:의|쪽)?(?:좀|대충|간단히|간략히|짧게|전체|전반|어때|어떤지|어떰|상황|상태)*요약",
    # A summary by its other nouns: a rundown, a recap, a roundup, the lay of the land.
    r"\boverview\b|\bsummary\b|\bsummari[sz]e\b|\bbig picture\b|\b(?:rundown|run-down|recap|roundup|round-up)s?\b"
    r"|\blay of the land\b"
    r"|\bcluster\s+(?:status|health|state|overview|summary)\b|\bhow(?:'s| is) (?:the|my|our) cluster\b"
    r"|\bns\s?(?:의|는|은)?\s?(?:요약|개요|현황|상황|상태|전체)"
    r"|\bstate of (?:the|my|our) cluster\b|\bat a glance\b|\bdashboard\b"
    # "what's going on" asks about everything; "what's going on with X" about X (WEAK_STATUS).
    r"|\bwhat(?:'?s| is) (?:going on|happening)\b(?!\s+with\b)",
    korean_needs=(
        "namespace",
        "cluster",
        "네임스페이스",
        "대시보드",
        "클러스터",
        "시스템",
        "오버뷰",
        "인프라",
        "ns",
        "전반",
        "전체적",
        "한눈에",
        "개요",
        "상황",
        "요약",
        "현황",
    ),
    english_needs=(
        "at a glance",
        "big picture",
        "rundown",
        "run-down",
        "lay of the land",
        "dashboard",
        "overview",
        "cluster",
        "summari",
        "summary",
        "what",
        "ns",
        "recap",
        "roundup",
        "round-up",
    ),
)
DEPLOY = _keywords(
    # An operation's noun compounded with who does it ("배포봇", "배포팀", "배포 담당자") names that agent (_AGENT).
    r"배포(?!목록|리스트|현황|상황|상태|결과|여부|이력|기록|내역|히스토리|된|중|한(?!번)|했|됐|되|로그|ログ|버전|변경사항|변경내역|변경점|커밋"
    rf"|{_AGENT})"
    # 디플로이 before a noun that describes a deployment ("디플로이 상세") names the object, not the act.
    r"|디플로이(?!먼트|목록|리스트|현황|설정|정보|내용|상세|스펙|구성|yaml|매니페스트|manifest)"
    # -아/어 버리다 after the verb says it is done with, nothing more ("올려버려").
    r"|릴리[즈스]해|출시|올려(?:줘|주세요|봐|줄래|버려|버리자)|띄워(?:줘|주세요|봐|줄래|버려)|깔아(?:줘|주|봐|줄|버려)",
    r"(?<!\blast\s)(?<!\blatest\s)(?<!\bprevious\s)(?<!\brecent\s)\b(?:re)?deploy(?:ing)?\b|\bpromote\b|\bship\b|\brelease\b(?!\s+history)|\blaunch\b"
    r"|\broll\s*out\b(?!\s+(?:restart|history))"
    r"|\bpush\b.*\bto (?:prod|production|staging|dev)\b",
    korean_needs=("디플로이", "띄워", "릴리", "배포", "올려", "출시", "깔아"),
    english_needs=("release", "deploy", "promote", "launch", "push", "ship", "out"),
)
SCALE = _keywords(
    # "개수 바꿔줘": the count as the object of a change verb, with or without its particle.
    r"스케일|늘려|늘리|늘여|키워|키우|줄여|줄이|낮춰|낮추|높여|높이|증설|축소|확장|내려|레플리카|복제본|인스턴스"
    # "파드 수 좀 바꿔줘": the number of pods is the replica count, as 개수 is.
    r"|(?:개수|(?:파드|팟|pod)(?:의)?수)(?:를|도|좀)*(?:변경|바[꾸꿔꿀]|수정|조정)"
    # A count with a past verb of its own ("3개로 줄었어", "5대로 늘었네") says what happened.
    r"|(?:\d+|한|하나|두|둘|세|셋|네|넷|다섯|여섯|일곱|여덟|아홉|열)(?:개|대)로"
    rf"(?![가-힣]{{0,2}}[{_PAST_SYLLABLES}])",
    r"\bscal(?:e|ed|ing)\b|\breplicas?\b|\binstances?\b|\bincrease\b|\bdecrease\b|\bbump\b"
    r"|\bspin\s+(?:up|down)\b|(?<![a-z0-9])x\s?\d+\b"
    # "on 5 copies": a count of copies is the number of replicas.
    r"|\b\d+\s+copies\b",
    korean_needs=(
        "개수",
        "파드",
        "팟",
        "pod",
        "내려",
        "늘려",
        "늘리",
        "늘여",
        "키워",
        "키우",
        "낮춰",
        "낮추",
        "높여",
        "높이",
        "레플리카",
        "로",
        "복제본",
        "스케일",
        "인스턴스",
        "줄여",
        "줄이",
        "증설",
        "축소",
        "확장",
    ),
    english_needs=("decrease", "increase", "instance", "replica", "scaling", "scale", "bump", "spin", "x", "copies"),
)
LIST_INGRESSES = _keywords(
    r"인그레스|(?<!내부)접속주소(?:목록|리스트|들|전부|전체|모두)|(?<!내부)(?:도메인|url|주소|링크)(?:목록|리스트|들|전부|전체|모두)"
    r"|(?:모든|전체)(?:접속주소|도메인|url)",
    r"\bingress(?:es)?\b|\b(?:list|all|show)\b.*\b(?:urls|domains|addresses|links)\b",
    korean_needs=("인그레스", "url", "도메인", "링크", "주소"),
    english_needs=("ingress", "list", "show", "all"),
)
LIST_ENDPOINTS = _keywords(
    # "엔드포인트 다 뽑아봐": 다/싹 (all of them) before the verb that hands them over.
    r"(?:엔드포인트|endpoints?|내부(?:접속)?(?:주소|ip|url))(?:목록|리스트|들|전부|전체|모두|(?:다|싹|쭉)(?=보|뽑|알|줘|가져|출력|불러))"
    r"|(?:모든|전체)(?:엔드포인트|endpoints?)"
    # Addresses used inside the cluster ("클러스터 안에서 쓰는 서비스 주소들") are internal ones.
    r"|(?:클러스터|cluster)(?:의)?(?:안|내부|내)[가-힣]{0,8}(?:주소|ip|url)(?:목록|리스트|들|전부|전체|모두"
    r"|(?:다|싹|쭉)(?=보|뽑|알|줘|가져|출력|불러))",
    r"\bendpoints\b|\b(?:list|all)\b.*\bendpoint\b"
    r"|\b(?:in-cluster|internal)\s+(?:service\s+)?(?:addresses|urls|ips)\b",
    korean_needs=("endpoint", "엔드포인트", "내부", "모든", "전체", "클러스터", "cluster"),
    english_needs=("endpoint", "in-cluster", "internal"),
)
# Inside the cluster: what is used there is reached by its internal address (an endpoint).
INSIDE_CLUSTER = _keywords(
    r"(?:클러스터|cluster)(?:의)?(?:안|내부|내)(?:에서|에|의|에서만)?(?![가-힣]{0,1}(?:용|역))",
    r"\bin-cluster\b|\b(?:inside|within)\s+the\s+cluster\b|\binternal\s+(?:service\s+)?(?:addresses|urls|ips)\b",
    korean_needs=("클러스터", "cluster"),
    english_needs=("cluster", "internal"),
)
ENDPOINT = _keywords(
    r"엔드포인트|접속주소|접속url|접속링크|접속경로|접속방법|접속정보|(?:어디로|어디서|어떻게)(?:접속|붙[어는나니냐음을으]|연결[해하되돼]|access)|주소(?!록)|url|링크|도메인|외부ip|외부주소",
    r"\bendpoint\b|\burl\b|\baddress\b|\blink\b|\bdomain\b|\bexternal ip\b"
    r"|\bwhere can i (?:access|reach|find)\b|\bhow (?:do|can) i (?:access|reach|hit)\b"
    # "where is X reachable", "how is X accessible from my laptop": where or how it can be reached is its address.
    r"|\b(?:where|how)\b(?:\s+\S+){1,4}?\s+(?:reachable|accessible)\b"
    # Reached "from outside": what is asked for is the address the world reaches it at.
    r"|\bfrom (?:the )?outside\b",
    korean_needs=("url", "도메인", "링크", "엔드포인트", "외부ip", "접속", "주소", "어디", "어떻게"),
    english_needs=(
        "where can i access",
        "where can i reach",
        "how can i access",
        "where can i find",
        "how can i reach",
        "how do i access",
        "how do i reach",
        "how can i hit",
        "how do i hit",
        "outside",
        "external ip",
        "reachable",
        "accessible",
        "endpoint",
        "address",
        "domain",
        "link",
        "url",
    ),
)
# 팟캐스트 (podcast) begins with 팟 but holds no pod.
POD = _keywords(
    r"파드|팟(?!캐스트)|포드|pod", r"\bpods?\b", korean_needs=("pod", "파드", "포드", "팟"), english_needs=("pod",)
)
# "배포한 거" (the deploy done, an act's past adnominal before the bound noun 거 / 것) is the event, not the
# things deployed ("배포된 것들 목록"): "X 재배포한 거 상태 어때" asks after X.
DEPLOYMENT = _keywords(
    r"디플로이먼트|(?:디플로이|deploy)(?:목록|리스트|들)|deployment|배포(?:된|중인|한(?!거|것(?!들)|건|걸)|되어있는|돼있는)|(?:배포|디플로이|deploy)(?:목록|리스트|현황|설정|정보|내용|상세|스펙|구성|yaml|매니페스트|manifest)|앱(?:목록|리스트|들)|애플리케이션(?:목록|리스트|들)|어플(?:목록|리스트|들)"
    # Deploys counted as things ("배포들이 떠있어") are the deployments; so is the short noun asked
    # which ones there are ("디플로이 뭐 올라가 있어?", "디플로이 어떤 거 돌아?").
    # Deploys counted with a verb of being there ("배포 몇 개 떠 있어?") are the deployments too.
    r"|배포들|디플로이(?:뭐|무엇|어떤|몇개)|(?:배포가|배포는|배포)몇개(?:나|정도|쯤)?(?:있|떠|돌[아고]|올라)"
    # Its settings named in English after the Korean noun ("배포 config 보여줘").
    r"|(?:배포|디플로이|deploy)(?:config|settings?|spec)",
    r"\bdeployments?\b|\bdeploy\s+(?:config(?:uration)?|settings|spec|yaml|manifest|info|details)\b|\b(?:what|which|whats)\b.*\bdeployed\b|\bdeployed\s+(?:apps?|applications?|services?|stuff|things)\b"
    # Things described by a relative clause in the perfect of deploying ("everything that's been deployed", "every
    # app we've deployed") are the deployments; the event itself ("I deployed X") names none.
    r"|\b(?:that['’]?s|that\s+(?:has|have)|which\s+(?:has|have)|we['’]?ve|we\s+have|you['’]?ve|you\s+have)\s+"
    r"(?:been\s+|already\s+|ever\s+)*deployed\b|\b(?:list|all|show)\b.*\bapps\b|\bapplications\b",
    korean_needs=("deploy", "디플", "리스", "목록", "배포", "애플리케이션들", "앱들", "어플들"),
    english_needs=("applications", "deploy", "apps"),
)
SERVICE = _keywords(
    r"서비스|svc", r"\bservices?\b|\bsvc\b", korean_needs=("svc", "서비스"), english_needs=("service", "svc")
)
NAMESPACE = _keywords(
    r"네임스페이스", r"\bnamespaces?\b|\bns\b", korean_needs=("네임스페이스",), english_needs=("namespace", "ns")
)
DETAIL = _keywords(
    r"상세|자세히|자세한|세부|정보|설명|스펙|yaml|describe|디스크라이브|설정",
    r"\bdetails?\b|\bdescribe\b|\binfo(?:rmation)?\b|\bspec\b|\byaml\b|\bconfig(?:uration)?\b|\binspect\b",
    korean_needs=("describe", "yaml", "디스크라이브", "상세", "설명", "설정", "세부", "스펙", "자세", "정보"),
    english_needs=("describe", "config", "detail", "info", "spec", "yaml"),
)
LISTING = _keywords(
    # 나열 (enumerate) lists, whatever else the clause says of the things ("돌아가는 파드 나열해줘").
    # Plural markers list too: 들 on a kind word ("파드들"), 뭐뭐 (which ones), 싹 (every last one).
    # Which ones there are, with any verb of being there ("뭐 있어", "뭐 떠 있어", "뭐 돌아가", "뭐 올라가").
    r"목록|리스트|전부|전체|모두|모든|다보여|뭐(?:가)?(?:있|떠|돌[아고]|올라)|어떤.*있|몇개|나열|뭐뭐|싹"
    r"|(?:파드|팟|포드|서비스|디플로이먼트|엔드포인트|앱|pod|service|deployment|endpoint)s?들"
    # "파드 단위로", "서비스별로": one line for each of that kind is a list of them.
    r"|(?:파드|팟|포드|서비스|디플로이먼트|엔드포인트|앱|pod|service|deployment|endpoint)s?(?:단위|별)로",
    # "enumerate the pods": the English 나열.
    r"\blist\b|\benumerate\b|\ball\b|\bwhich\b|\bwhat\b.*\bare\b|\bevery\b",
    korean_needs=(
        *("나열", "다보여", "리스트", "몇개", "모두", "모든", "목록", "어떤", "전부", "전체", "뭐", "싹", "들"),
        *("단위로", "별로"),
    ),
    english_needs=("every", "which", "list", "enumerate", "all", "are"),
)
STRONG_STATUS = _keywords(
    # 헬스장, 헬스클럽: the gym, not the app's health.
    r"상태|헬스(?!장|클럽)",
    r"\bstatus\b|\bhealth(?:y)?\b|\bstate\b",
    english_needs=("health", "status", "state"),
)
WEAK_STATUS = _keywords(
    r"몇(?:개|대)|다운(?:됐|되었|된|돼)|죽었|멈췄|안돼|안되|에러|오류|장애|건강|정상|괜찮|잘돌아|돌아가(?:고|는|나|니)"
    # Being up, said of a running app: "떠 있어?", "올라와 있나", as 살아 있 is; "떠 있는 파드들" describes
    # the pods listed, and "뭐 이상한 거 떠 있나" asks which things run.
    r"|살아있|^(?:(?!뭐|무엇|무슨|어떤|어느)[^\n])*(?:떠|올라와)있(?!는(?!지))|문제(?:없|있)|어때|확인|체크|어떻게되|상황|결과|여부"
    # Watching it is checking it, over time ("X 좀 모니터링해줘", "X 지켜봐줘").
    r"|모니터링|모니터해|지켜봐|지켜보",
    r"\bhow many\b|\bwrong\b|\bbroken\b|\bfailing\b|\bcrash(?:ing|ed)?\b|\bhow(?:'s| is| are)\b"
    r"|\bis\b.*\b(?:up|running|ok|alive|healthy|down|deployed)\b|\bcheck\b|\bdoing\b|\bworking\b"
    # The question cut to its name and state: "billing up?", "cart still alive?".
    r"|^\s*(?:§|[a-z0-9][\w.-]*)\s+(?:still\s+)?(?:up|running|alive|down)\s*\?"
    r"|\bwhat(?:'?s| is) (?:going on|happening|up) with\b|\bmonitor(?:ing)?\b",
    korean_needs=(
        "건강",
        "결과",
        "괜찮",
        "다운",
        "돌아",
        "멈췄",
        "몇",
        "문제",
        "살아있",
        "떠있",
        "올라와있",
        "상황",
        "안돼",
        "안되",
        "어때",
        "어떻게되",
        "모니터",
        "지켜",
        "에러",
        "여부",
        "오류",
        "장애",
        "정상",
        "죽었",
        "체크",
        "확인",
    ),
    english_needs=(
        "how many",
        "failing",
        "how are",
        "working",
        "broken",
        "check",
        "crash",
        "doing",
        "how's",
        "wrong",
        "is",
        "what",
        "up",
        "running",
        "alive",
        "down",
        "monitor",
    ),
)
SCALE_VERB = _keywords(
    r"스케일|늘려|늘리|늘여|줄여|줄이|낮춰|낮추|높여|높이|증설|축소|확장|내려|맞춰|바꿔|변경|조정|설정|만들",
    r"\bscal(?:e|ed|ing)\b|\bincrease\b|\bdecrease\b|\bbump\b|\bspin\b|\bset\b|\bchange\b|\bmake\b",
    korean_needs=(
        "스케일",
        "내려",
        "늘려",
        "늘리",
        "늘여",
        "낮춰",
        "낮추",
        "높여",
        "높이",
        "만들",
        "맞춰",
        "바꿔",
        "변경",
        "설정",
        "조정",
        "줄여",
        "줄이",
        "증설",
        "축소",
        "확장",
    ),
    english_needs=("decrease", "increase", "scaling", "change", "scale", "bump", "make", "spin", "set"),
)
COUNT_QUESTION = _keywords(r"몇(?:개|대)", r"\bhow many\b", korean_needs=("몇",), english_needs=("how many",))
