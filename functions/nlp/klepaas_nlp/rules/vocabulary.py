"""Words that are never names: command vocabulary and everyday English around it."""

from __future__ import annotations

import re

from klepaas_nlp.rules.lazy import LazyPattern

ENVIRONMENT_TOKEN = LazyPattern(
    r"(?<![A-Za-z0-9_.-])(?P<word>staging|stage|stg|production|prod|prd|development|dev)(?![A-Za-z0-9_-])"
    # 운영 and 개발 are places only as nouns: "운영해줘" (run it), "개발자", "운영팀" (the people) are not
    # environments.
    r"|(?P<korean>스테이징|스테이지|프로드|데브(?!옵스)|운영(?!팀|진|자|담당|\s*(?:해|하|할|합|중|되|돼))|프로덕션|상용"
    r"|개발(?!자|팀|진|담당|\s*(?:해|하|할|합|중))"
    # Japanese and Chinese: the place, not its people (開発者, 开发者, 开发人员) nor the act (開発する).
    r"|本番|プロダクション|ステージング|生产|生產|開発(?!者|チーム|し|す)|开发(?!者|人员|团队))",
    re.IGNORECASE,
    needs=(
        "staging",
        "stage",
        "prod",
        "스테이징",
        "스테이지",
        "프로드",
        "데브",
        "프로덕션",
        "dev",
        "prd",
        "stg",
        "개발",
        "상용",
        "운영",
        "本番",
        "プロダクション",
        "ステージング",
        "生产",
        "生產",
        "開発",
        "开发",
    ),
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ENVIRONMENT_KEYS = frozenset({"staging", "stage", "stg", "production", "prod", "prd", "development", "dev"})

WELL_KNOWN_NAMESPACES = frozenset({"default", "kube-system", "kube-public", "kube-node-lease"})

_COMMAND_WORDS = _words(
    """
app apps application applications service services svc pod pods po deployment deployments deploy
deploying redeploy namespace namespaces ns ingress ingresses endpoint endpoints url urls address
addresses link links domain domains log logs status health healthy state restart restarted reboot
bounce bring pull rollback roll rolling rollout back revert undo scale scaled scaling replica replicas instance
instances copies copy container containers version versions release releases previous prior last
latest recent line lines tail commit commits build builds revision revisions sha hash branch image
tag tags digest digests
cost costs price pricing billing cloud hosting infrastructure cut trim save slash shave dashboard dashboards
spend spending analysis analyze analyse usage optimization optimisation optimize optimise forecast
predict prediction overview summary cluster clusters help command commands menu k8s kubernetes kube
running run current currently detail details describe description info information spec yaml list
show get give display tell check see view find fetch print look watch monitor report enumerate
kick kicked start fresh refresh whole entire newest code live
history options option available candidates candidate points point targets target exist exists
steps step ago before earlier older more fewer less increase
decrease reduce raise lower set change bump up down out in add make deployed restarted scaled
update updated adjust adjusted modify modified
ship launch push access reach hit open rolled reverted have has had got many much wrong
promote promoted promoting promotion
restore restored config configuration settings setting count verify confirm environment environments env
kick restarting rebooting bouncing reverting redeploying showing listing checking getting fetching describing
put take spin cycle recycle nudge grow shrink resize dial ramp crank publish trigger initiate provision inspect
drop dropped dropping knock pare rollbacking
costing costed billed charging charged
"""
)

_ENGLISH_WORDS = _words(
    """
a an the me my our your us i you we it its this that these those they them their there here what whats which who
whichever whoever wherever
how is are was were be been being am do does did done can could would will should shall may might
must ought please pls plz kindly for of to at on from with by and or but then now right just all any
every each some everything anything something let lets go going want wanted need needs like
hey hi hello ok okay thanks thank thx quickly again also too very so as if about into onto over along across around
regarding concerning calling writing emailing reaching
plus additionally moreover furthermore besides
well likewise similarly
under after while when where why named called using use via per new old same other another
one two three four five six seven eight nine ten zero twice times time s t d m ll re ve
asap now today yes no not yet dont don doesnt isnt aren whether doing work working works
both either neither kubectl k
crash crashed crashing failing failed broken error errors hang hangs hanging hung stuck frozen freeze freezing
mind yo cpu memory ram first
cancel abort stop pause explain mean means meaning define definition
tomorrow tonight later yesterday morning afternoon evening noon midnight week weekend minutes hours
day days weeks month months monthly quarter year years hour minute seconds next coming past anyway anyhow
several bunch few lot lots plenty nothing else real quick perform thing things thingy thingie stuff
couple dozen dozens hundreds thousands tons loads handful ish
bit little tad slightly somewhat notch lil abit touch
extra additional enough capacity headroom
maybe perhaps possibly probably kinda sorta
happen happens happened happening
first firstly second secondly third thirdly lastly finally request requests requested ask asked asking
only instead rather alone solely merely simply even still already actually really
anymore longer
anyone anybody someone somebody everyone everybody nobody
single particular specific certain given individual
since until till because cause though although unless during throughout around especially particularly
mainly mostly specifically esp
ticket tickets issue issues incident incidents jira
"""
)

# How an act is done, said before or after its verb ("emergency rollback", "hard restart", "restart
# immediately", "clean deploy"): a closed class of manner words, like 긴급/빨리, never the app. What kind
# of change is shipped ("deploy the hotfix", "a patch") names no app either. Beside a kind word ("the
# hotfix app") they may still be a name, as command words are.
_MANNER_WORDS = _words(
    """
emergency urgent urgently immediate immediately instant instantly quick fast swift prompt promptly
final full fully complete completely total hard hardly soft gentle gently graceful gracefully clean cleanly
fresh forced force forcibly safe safely careful carefully proper properly quiet quietly silent silently
manual manually automatic automatically rapid rapidly speedy straight directly direct
hotfix hotfixes patch patches fix fixes fixed
"""
)

# What went wrong and how it was noticed ("found a bug in X", "a memory leak in X", "the regression", "saw an
# alert, X 상태 어때?"): faults, like crash and error, and the alarms that tell of them, are never the app.
_FAULT_WORDS = _words(
    """
bug bugs buggy leak leaks leaking leaked regression regressions defect defects glitch glitches outage outages
problem problems found noticed spotted saw seen
alert alerts alerting alerted alarm alarms warning warnings message messages
resolved unresolved mitigated acknowledged acked escalated ongoing investigating postmortem
"""
)

# What a resource's spec holds ("the selectors", "limit이 2Gi인지", "ports especially"): a field read
# about a resource, never the resource's name.
_FIELD_WORDS = _words(
    """
selector selectors label labels annotation annotations port ports targetport nodeport limit limits
probe probes liveness readiness volume volumes mount mounts toleration tolerations affinity taint taints
quota quotas
"""
)

# How loaded things are ("traffic 많으니까", "latency 튐", "load is high"): a condition told, never the app.
# Unlike a grammar word it may still name a namespace where one is named ("list pods in traffic",
# "traffic 네임스페이스"): namespaces are often named after what they serve.
_LOAD_WORDS = _words("traffic latency throughput qps rps tps load high higher low heavy spike spikes spiking")

# A count said relative to itself or to how it usually is ("double X", "halve it", "back to normal"): a
# factor or a level, which the rules do not compute; never the app.
_LEVEL_WORDS = _words("double doubled triple tripled quadruple halve halved half normal usual")
# How a thing is reached ("internal service addresses", "external urls", "public endpoints"): an adjective
# before a kind of resource, never the name of one.
_REACH_WORDS = _words("internal external public private")

# The frame a request or an opinion is put in ("make sure to …", "don't forget to …", "I'd appreciate it
# if …", "it would be great if …", "no rush", "I don't think we should …", "it wouldn't hurt to …", "turn X
# off and on", "try restarting …") and the pieces a contraction leaves ("didn", "wouldn", "couldn"): they
# say how the act is asked or judged, never what it is done to.
_FRAME_WORDS = _words(
    """
sure certain make forget forgot remember appreciate appreciated
hurt harm rush hurry think thinks thought believe reckon suppose guess feel opinion
wonder wonders wondering wondered curious
didn doesn isn wouldn couldn shouldn won wasn weren hasn haven hadn mustn mightn shan ain cannot
turn switch flip power off try trying tried
"""
)

# Fillers, hesitations and chat particles ("um", "uh", "yeah", "lol", "the api thing"): how the message is
# said, never what it asks for nor what it acts on.
_FILLER_WORDS = _words(
    """
um umm ummm uh uhh uhhh er erm hm hmm hmmm ah ahh eh meh huh welp
omg omfg ugh argh oof oops yikes jeez geez gosh wow whoa sheesh phew sigh ffs wtf smh
yeah yea yep yup ya yah nah nope okie okey alright aight k kk
lol lmao lmfao rofl haha hahaha hehe heh xd brb jk idk tbh imo imho btw fyi ngl
thing things thingy thingie stuff whatever whatchamacallit
"""
)

STOPWORDS = (
    _FILLER_WORDS
    | _LEVEL_WORDS
    | _REACH_WORDS
    | _FRAME_WORDS
    | _COMMAND_WORDS
    | _ENGLISH_WORDS
    | _FIELD_WORDS
    | _MANNER_WORDS
    | _FAULT_WORDS
    | ENVIRONMENT_KEYS
)


def is_stopword(token: str) -> bool:
    return token.lower() in STOPWORDS


# A verb of checking compounded with how it checks ("double-check", "re-verify", "cross-check", "recheck"):
# a verb of reading, as "check" is, never the name of what it reads.
_COMPOUND_CHECK = LazyPattern(
    r"(?:double|triple|cross|re)-?(?:check|verify|confirm)(?:s|ed|ing)?",
    re.IGNORECASE,
    needs=("check", "verif", "confirm"),
)


# An operation's noun written as a compound ("the scale-out on X", "a roll-back", "the re-deploy"): the operation,
# as "scale" or "rollback" is, never the name of what it is done to ("scale-out-planner" stays a name).
_COMPOUND_OPERATION = LazyPattern(
    r"(?:scale-(?:out|up|down|in)|roll-back|re-(?:deploy|start|boot)(?:ed|ing)?)s?",
    re.IGNORECASE,
    needs=("scale-", "roll-back", "re-"),
)


# The branches every repository has: beside "from" or 에서 they are where a deploy takes its code from.
SHARED_BRANCHES = ("main", "master", "trunk", "develop")
# When something happens (days, months, parts of a day) and the branches every repository has: a statement
# told of them ("monday is busy, scale it to 5", "main is broken, roll it back") names no app to carry.
_TIME_AND_BRANCH_WORDS = _words(
    "monday tuesday wednesday thursday friday saturday sunday weekend weekday today tonight tomorrow yesterday"
    " morning afternoon evening night midnight noon january february march april june july august september"
    " october november december " + " ".join(SHARED_BRANCHES)
)

# A time written as a compound ("month-end", "year-end", "end-of-day", "mid-quarter", "start-of-week"):
# a time, like "tonight", never an app, though hyphenated as names are.
_COMPOUND_TIME = LazyPattern(
    r"(?:(?:day|week|month|quarter|year|fiscal-year)-(?:end|start|close|open)"
    r"|(?:end|start|beginning|close)-of-(?:the-)?(?:day|week|month|quarter|year|business|shift)"
    r"|mid-(?:day|week|month|quarter|year|morning|afternoon))s?",
    re.IGNORECASE,
    needs=("-",),
)


# A number in groups ("6029-1184-3357", "010-1234-5678"): a tracking, phone or order number, no app's name.
# A date ("2024-05-01") is read as a time elsewhere, not here.
_GROUPED_NUMBER = re.compile(r"(?!\d{4}-\d{2}-\d{2}$)\d+(?:-\d+)+")


# What an app holds to prove who it is ("auth 앱이 secret 못 읽는대", "the token expired"): a secret, never the app
# that holds it. Beside the namespace word one may still name a namespace ("secrets 네임스페이스").
_HELD_WORDS = _words("secret secrets token tokens password passwords passwd credential credentials creds")


def never_an_app(token: str) -> bool:
    """A word no app is named by: a stopword, a word of load, a secret held, a time or a branch every
    repository has, a compound verb of checking, or an operation's compound noun."""
    lowered = token.lower()
    return (
        is_stopword(token)
        or lowered in _LOAD_WORDS
        or lowered in _HELD_WORDS
        or lowered in _TIME_AND_BRANCH_WORDS
        or _COMPOUND_CHECK.fullmatch(token) is not None
        or _COMPOUND_OPERATION.fullmatch(token) is not None
        or _COMPOUND_TIME.fullmatch(token) is not None
        or _GROUPED_NUMBER.fullmatch(token) is not None
    )


# Beside the word that says what it is ("billing 네임스페이스", "branch release") a command word is a
# name; only grammar and kind words still are not.
_NEVER_NAMED = _ENGLISH_WORDS | _words(
    "app apps service services svc pod pods po deployment deployments namespace namespaces ns branch branches"
    " list show get give display tell check see view find fetch print look pull status state logs log info details"
    " deploy redeploy restart rollback revert scale in inside across"
)

# The nouns of a read and of an act. Labelled by an app's kind word ("the logs app", "status 앱", "the
# deploy service") one is the app's name: the kind word says what it is, and the clause's own predicate
# asks the read or the act. (A namespace's label still refuses them: "deploy 네임스페이스 있어?" asks
# about deploying, as a place is rarely named after an act.)
_ACT_NOUNS = _words("status state logs log info details deploy redeploy restart rollback revert scale")


def is_grammar_word(token: str) -> bool:
    """A word that names nothing even beside an app's kind word: grammar, a kind word, a verb of reading."""
    lowered = token.lower()
    return lowered in _NEVER_NAMED and lowered not in _ACT_NOUNS


# Nouns that name what a read is about. As the object of a change they can only be an app's name.
_TOPIC_NOUNS = _words("billing pricing price prices cost costs spend spending usage analysis forecast report monitor")


def is_topic_noun(token: str) -> bool:
    return token.lower() in _TOPIC_NOUNS


# Of those, the nouns of a business domain (not of a quantity like cost or spend): services are named
# after their domain ("billing", "pricing", "price", "usage" metering), so beside another read's noun
# they name the app.
_DOMAIN_NOUNS = _words("billing pricing price prices usage monitor")


def is_domain_noun(token: str) -> bool:
    return token.lower() in _DOMAIN_NOUNS


def is_function_word(token: str) -> bool:
    return token.lower() in _NEVER_NAMED


# The parts every system has, a tier or a component's job ("the backend", "our database", "the workers"):
# after an article, which app plays one is the user's to say.
_ROLE_WORDS = _words(
    """
frontend frontends front-end backend backends back-end front back api apis web website site server servers
database databases db cache caches ui client clients worker workers gateway proxy balancer loadbalancer queue
queues broker brokers consumer consumers producer producers scheduler schedulers cron crons job jobs batch
monolith microservice microservices system systems platform stack node nodes container containers bot bots
thing things stuff one ones whole rest
"""
)


def is_role_word(token: str) -> bool:
    return token.lower() in _ROLE_WORDS


# The English adverbs made of "in" and a bare noun or adjective ("in advance", "in parallel", "in progress", "in
# turn", "in full", "in bulk"): a closed class of fixed phrases saying when, how or in what order something is
# done, never where. After "in" such a word names no namespace ("restart X in parallel").
_IN_ADVERB_WORDS = _words(
    """
advance parallel progress sequence series succession tandem unison turn full total part whole general particular
short brief fact effect case detail bulk place person private earnest practice theory principle hindsight
retrospect vain time
"""
)


# The states a workload is reported in, a closed vocabulary its tools document: a pod's phases and the
# reasons kubectl shows in its STATUS column (Kubernetes' "Pod Lifecycle": Pending ... Unknown; the
# container states Waiting, Running, Terminated and their reasons; Evicted, NodeLost, Terminating), the
# conditions of a pod and a Deployment and a probe's result (Ready, Available, Progressing, Healthy), and a
# process's states as ps(1) names them (running, sleeping, idle, stopped, dead, defunct or "zombie").
# Before a kind word ("pending 파드", "evicted pods", "zombie 파드") one says which of them are meant.
_WORKLOAD_STATES = _words(
    """
pending running succeeded failed unknown waiting terminated terminating completed error ready notready
crashloopbackoff imagepullbackoff errimagepull errimageneverpull invalidimagename containercreating
podinitializing createcontainerconfigerror createcontainererror runcontainererror containercannotrun
oomkilled oom evicted nodelost unschedulable deadlineexceeded backoff
available progressing healthy degraded
sleeping idle stopped dead defunct zombie
"""
)


def makes_an_adverb_with_in(token: str) -> bool:
    return token.lower() in _IN_ADVERB_WORDS


def is_workload_state(token: str) -> bool:
    return token.lower() in _WORKLOAD_STATES
