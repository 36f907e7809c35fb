"""What a command quotes or pastes is data: it is set aside and never read as the request.

- Code (``` fences, `inline code`), block-quote lines ("> ...") and everything from a role marker
  ("SYSTEM:", "assistant:", "<|im_start|>", "[INST]", "시스템:") to the end are data. Code is kept as
  data without its marks: the backticks are markdown's, never a shell's command substitution, so a code
  span alone earns no refusal its words do not. A span holding a single name or word ("deploy X to
  `staging`"), or only kubectl's verb for an act ("X `rollout restart` 해줘": the tool's name for the act,
  kubectl.names_a_kubectl_act), is the user's own word written as code: it stays, without its marks.
- A thread's reply opening with "↪" ("↪ re: X 배포 건\n스테이징 먼저 해주세요") quotes on its first line the message
  it replies to, as "> " does: data, when the reply's own lines follow it (on one line, "↪ re: X 재시작 — 진행해
  주세요", the rest is read as "re:" is). The earlier message quoted asks nothing now; what it names is what the
  conversation is about, lent as a session's earlier command lends its target (`earlier_message`).
- Struck-through text (~~…~~) is withdrawn: data, never asked now ("- ~~X 재시작~~ 완료").
- Pasted machine output is data: a line that opens as a log line, an error, an event or a stack frame
  does ("Warning FailedScheduling …", "HTTP 502 Bad Gateway …", "error: …", "Readiness probe failed:
  …", "2026-12-01T03:10:00Z ERROR …", "at com.x.Y(Y.java:10)"), to its line's end or its first full
  stop, and so does a kubectl line the user tells as run ("kubectl rollout undo … 했다가 실패함"): a
  story, never a request. So is the header of a table kubectl prints ("NAME READY STATUS RESTARTS AGE");
  its rows stay, as what the user points at. Its words lend no name, act or namespace; it is set aside only when words
  of the user's own remain.
- A link given for reference is data, its label with it: an aside in brackets holding a URL ("(참고 대시보드:
  https://…)", "(see https://…)"), or a sentence or line after the request that is only a label and a URL
  ("… 알려 주세요. 참고 링크: https://…"). The page is where the reader may look, never what the request acts
  on, and its label's words ("dashboard", "대시보드") name no read. A GitHub URL is left to the references:
  the repository it names is what a command acts on.
- A quoted span ("…", '…', 「…」, 『…』, «…», 《…》) is data, except a single name ("web-app",
  `K-Le-PaaS/test01`): that is the user naming something, so it stays, without its quotes. So is any one
  word quoted before a kind word ("the 'deploy' app", "'status' 앱"): the user names the app so, even by a
  command's word.
- Markdown decoration (**bold**, __bold__, headings, a line that is only a label closed by a colon,
  bullets, [text](url)) is dropped; each
  item of a list of two or more ends as a sentence does ("- X 재시작\n- Y 로그 보여줘": two requests).
- Markup is data: an HTML or XML tag (`<img src=x onerror=…>`, closed or not), a comment, and the
  whole of a script or style element. Nothing inside a tag is something the user named.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from klepaas_nlp.rules.hangul import PAST
from klepaas_nlp.rules.kubectl import names_a_kubectl_act
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.names import KIND_WORDS
from klepaas_nlp.rules.vocabulary import is_stopword, is_topic_noun

_FENCE = LazyPattern(r"```(?P<inner>.*?)(?:```|\Z)", re.DOTALL, needs=("```",))
# A fence's info string: the language its code is in ("```bash", "```yaml"), a word alone on the opening line.
_INFO_STRING = LazyPattern(r"^[ \t]*[\w+.-]*[ \t]*\n")
_INLINE_CODE = LazyPattern(r"`(?P<inner>[^`\n]*)`", needs=("`",))
_BLOCK_QUOTE = LazyPattern(r"^[ \t]*>.*$", re.MULTILINE, needs=(">",))
_THREAD_REPLY = LazyPattern(r"^[ \t]*↪[^\n]*", re.MULTILINE, needs=("↪",))
# The marks that open a line quoted from an earlier message: "> " (nested or not), or a thread reply's "↪ re:".
_QUOTE_MARK = LazyPattern(r"^[ \t]*(?:>[ \t>]*|↪[ \t]*(?:re[ \t]*:)?)[ \t]*", re.IGNORECASE, needs=(">", "↪"))
# Struck through: "~~" opening after a space or a mark and closing before one ("해줘~~" stays as typed).
_STRUCK = LazyPattern(r"(?<![^\s(\[:;,.-])~~(?=\S)[^~\n]*?~~(?![^\s)\]:;,.!?])", needs=("~~",))
# How a pasted line of machine output opens (case kept: a log's level and an event's reason are capitalised).
_OUTPUT_OPENING = (
    # A Kubernetes event: its type, then its reason in CamelCase ("Warning FailedScheduling", "Normal Pulled").
    r"(?:Warning|Normal)\s+(?:[A-Z][a-z]+(?:[A-Z][a-z]+)+|Unhealthy|Evicted|Killing|Failed)\b"
    # An HTTP status line ("HTTP 502 Bad Gateway", "HTTP/1.1 503 Service Unavailable").
    r"|HTTP(?:/[\d.]+)?\s+[1-5]\d\d\b"
    # An error as programs print it: "error: …", "Error from server …", "fatal: …", "panic: …".
    r"|(?:[Ee]rror|ERROR|[Ff]atal|FATAL|[Pp]anic|[Ee]xception)(?:\s+from\s+server\b|\s*(?:\[[^\]\n]*\]\s*)?:\s)"
    # What failed, then why, after a colon ("Readiness probe failed: …", "Back-off pulling image failed: …").
    r"|[A-Z][\w-]*(?:\s+[\w-]+){0,3}\s+failed:\s"
    # A log line's level or its time stamp first ("[ERROR] …", "WARN …", "level=error", "2026-12-01T03:10 …").
    r"|\[?(?:ERROR|WARN(?:ING)?|INFO|DEBUG|CRITICAL)\]?[\s:]|level=\w+\s"
    # The stamp may be bracketed ("[2026-12-01T10:00:01Z] POST /api/… 200").
    r"|\[?\d{4}-\d\d-\d\d[T ]\d\d:\d\d|[EWIF]\d{4}\s+\d\d:\d\d:\d\d"
    # A date, then a level ("2026-12-01 ERROR …"); an access log's request line ("POST /api/scale?… 403").
    r"|\d{4}-\d\d-\d\d\s+\[?(?:ERROR|WARN(?:ING)?|INFO|DEBUG|CRITICAL|FATAL)\b"
    r"|(?:GET|POST|PUT|PATCH|DELETE|HEAD)\s+/\S*(?:\s+HTTP/[\d.]+)?\s+[1-5]\d\d\b"
    # An exception as a runtime prints it ("KeyError: 'x'", "Exception in thread \"main\" …").
    r"|(?:[\w.]+\.)?[A-Z][A-Za-z]*(?:Error|Exception):\s|Exception\s+in\s+thread\b"
    # The header of a table kubectl prints: its column names in capitals, NAME first ("NAME READY STATUS
    # RESTARTS AGE", "NAMESPACE NAME READY UP-TO-DATE AVAILABLE"); its rows after it stay, as what the user
    # points at ("이거").
    r"|(?:NAMESPACE[ \t]+)?NAME(?:[ \t]+[A-Z][A-Z0-9()/-]*)+[ \t]*$"
    # A stack trace's frames and headers.
    r"|at\s+[\w.$<>]+\([^)\n]*\)|File\s+\"[^\"\n]+\",\s+line\s+\d|Traceback\s+\(most|goroutine\s+\d+\s+\[|Caused\s+by:"
    # A kubectl command line told as run: its first Korean word is in the past ("했다가", "돌렸는데").
    rf"|(?:\$\s*)?kubectl\s+[^\n가-힣]*?\s[가-힣]*[{PAST}]"
)
# A Python traceback: its header, then its indented frames and code lines.
_TRACEBACK = LazyPattern(r"^[ \t]*Traceback\s+\(most\s+recent\s+call\s+last\):?[^\n]*(?:\n[ \t]+[^\n]*)*", re.MULTILINE)
# A shell prompt's command line followed by what it printed: a terminal session pasted.
_SESSION = LazyPattern(r"^[ \t]*\$[ \t]*\S[^\n]*(?=\n[ \t]*\S)", re.MULTILINE)
# The line, from its opening to its end or its first full stop (a URL's or a version's dots are no stop).
_PASTED_OUTPUT = LazyPattern(rf"^[ \t]*(?:{_OUTPUT_OPENING})[^\n]*?(?:[.!?](?=[ \t])|$)", re.MULTILINE)
_QUOTED = (
    LazyPattern(r'"(?P<inner>[^"]*)"', needs=('"',)),
    LazyPattern(r"(?<![A-Za-z0-9])'(?P<inner>[^'\n]*)'(?![A-Za-z0-9])", needs=("'",)),
    LazyPattern(
        r"「(?P<inner>[^」]*)」|『(?P<inner2>[^』]*)』|«(?P<inner3>[^»]*)»|《(?P<inner4>[^》]*)》",
        needs=("«", "《", "「", "『"),
    ),
)
_ROLE_MARKER = LazyPattern(
    r"(?<![A-Za-z0-9_-])(?:system|assistant|developer|시스템|어시스턴트)(?:\s*(?:prompt|message|프롬프트))?\s*:"
    r"|<\|[^|>\n]{0,20}\|>|\[/?(?:INST|SYS|SYSTEM)\]|<</?SYS>>|</?(?:system|assistant|instructions?)>"
    r"|^[ \t]*#+[ \t]*(?:system|assistant|instructions?|시스템)\b",
    re.IGNORECASE | re.MULTILINE,
    needs=("<<", "<|", "assistant", "developer", "inst]", "instruction", "sys]", "system", "시스"),
)
# A tag opens with "<" and a letter ("<3" or "< 5" is no tag); one left open runs to the end of its line.
_MARKUP = LazyPattern(
    r"<(?P<element>script|style)\b[^>]*>.*?(?:</(?P=element)\s*>|\Z)"
    r"|<!--.*?(?:-->|\Z)"
    r"|</?[A-Za-z][^<>\n]*(?:>|$)",
    re.IGNORECASE | re.DOTALL | re.MULTILINE,
    needs=("<",),
)
_MARKDOWN = (
    (LazyPattern(r"\[(?P<text>[^\]\n]*)\]\([^)\s]*\)", needs=("](",)), r"\g<text>"),
    (LazyPattern(r"\*\*|__|~~|(?<!\S)\*(?=\S)|(?<=\S)\*(?!\S)", needs=("__", "~~", "*")), " "),
    (LazyPattern(r"^[ \t]*(?:#+|[-*+]|\d+\.)[ \t]+", re.MULTILINE), ""),
    (LazyPattern(r"\(\s*\)|\[\s*\]", needs=("(", "[")), " "),  # brackets emptied by setting their data aside
    # A heading line of a few words closed by a colon ("Open items:", "Remaining:", "남은 일:") names what
    # follows, and nothing it follows names it: the lines after it are the request (a line naming an app,
    # "billing-api issues:", is kept).
    (LazyPattern(r"^[ \t]*[^\s:>\d_/.@-][^\n:\d_/.@-]{0,40}:[ \t]*$(?=\n)", re.MULTILINE), ""),
)
_NAME = LazyPattern(r"[A-Za-z0-9][A-Za-z0-9._/:@-]*")
# A URL of a page other than a GitHub repository's.
_PAGE_URL = r"(?!https?://(?:www\.)?github\.com[/:])https?://[^\s()<>]+"
_REFERENCE_LINK = LazyPattern(
    # An aside in brackets: a short label, maybe, then the link.
    rf"\(\s*(?:[^()\n]{{0,30}}?\s)?{_PAGE_URL}\s*\)"
    # After the request's sentence or line, a label of at most three plain words and a colon, then the link.
    rf"|(?<=[.!?\n])[ \t]*(?:[A-Za-z가-힣]+[ \t]+){{0,2}}[A-Za-z가-힣]+[ \t]*:[ \t]*{_PAGE_URL}[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
    needs=("http",),
)
# The kind word right after a quoted word: the thing the word names ("the 'deploy' app", "'status' 앱").
_KIND_AFTER = LazyPattern(rf"\s*(?:{KIND_WORDS})(?![A-Za-z])", re.IGNORECASE)
_WORD = LazyPattern(r"[A-Za-z가-힣]{2,}")
# An item of a list ("- X 재시작", "2. show Y logs"), its marker apart: the item ends at its line, as a
# sentence does, so two items are two clauses however the lines are joined later.
_LIST_ITEM = LazyPattern(r"^[ \t]*(?:[-*+•]|\d+\.)[ \t]+(?P<item>.*?[^\s.!?:;,])[ \t]*$", re.MULTILINE)


# A correction put in brackets after the request ("X 재시작 (staging 말고 prod)", "deploy X (not to dev,
# to qa)"): an afterthought, read as the clause it would be after a comma.
_BRACKETED_CORRECTION = LazyPattern(
    r"\s*\((?P<inner>[^()\n]{0,80}?(?:말고|아니고|아니라|대신|\bnot\b|\binstead\b|\brather\b)[^()\n]{0,80})\)"
    r"(?=[\s.!?]*$)",
    re.IGNORECASE | re.MULTILINE,
    needs=("(",),
)


def _items_closed(text: str) -> str:
    """`text` with each item of a list of two or more closed by a full stop."""
    if "\n" not in text or sum(1 for _ in itertools.islice(_LIST_ITEM.finditer(text), 2)) < 2:
        return text
    return _LIST_ITEM.sub(lambda found: f"{found.group(0).rstrip()}.", text)


@dataclass(frozen=True, slots=True)
class Command:
    """A command split in two: the user's own words, and the data they quoted or pasted."""

    text: str
    data: tuple[str, ...] = ()


def _is_a_name(span: str, pasted: bool) -> bool:
    """One name-like word; not a word of grammar or command, save a topic's noun: quoted alone
    ("`billing`", "\"pricing\"") the user names the app called so, as the quotes around "web-app" do.
    In pasted machine output (`pasted`) a quoted noun is the machine's string, never the user's naming."""
    stripped = span.strip()
    if _NAME.fullmatch(stripped) is None:
        return False
    return not is_stopword(stripped) or (is_topic_noun(stripped) and not pasted)


def _a_term(span: str) -> bool:
    """A code span holding one word ("`staging`", "`restart`", "`5`") or kubectl's verb for an act ("`rollout
    restart`"): a term the user marks as code in their own sentence, no command or text quoted."""
    words = span.split()
    return (len(words) == 1 and _WORD.fullmatch(words[0]) is not None) or names_a_kubectl_act(span)


def _output_apart(text: str) -> tuple[list[str], str]:
    """The pasted machine output in `text`, and what remains of it without."""
    output: list[str] = []
    rest = text
    for pattern in (_TRACEBACK, _SESSION, _PASTED_OUTPUT):
        output.extend(found.group(0) for found in pattern.finditer(rest))
        rest = pattern.sub(" ", rest)
    return output, rest


def _set_aside_output(text: str, data: list[str]) -> str:
    """`text` without its pasted machine output (appended to `data`), when words of its own remain."""
    output, rest = _output_apart(text)
    if not output or _WORD.search(rest) is None:
        return text
    data.extend(output)
    return rest


def earlier_message(data: tuple[str, ...]) -> str | None:
    """The earlier message `data` quotes ("> …" lines, the thread a "↪ re: …" line replies to), its lines without
    their marks; None when it quotes none."""
    lines = [_QUOTE_MARK.sub("", span, count=1) for span in data if _QUOTE_MARK.match(span) is not None]
    quoted = "\n".join(line for line in lines if line.strip())
    return quoted or None


def only_pasted(text: str) -> bool:
    """`text` is machine output pasted alone (a log line, an event, a traceback, a kubectl line told as
    run): a record, with no words of the user's own to ask for anything."""
    output, rest = _output_apart(text.strip())
    return bool(output) and _WORD.search(rest) is None


def set_aside_data(text: str) -> Command:
    """Split `text` (characters already cleaned, lines kept) into the user's words and the data."""
    data: list[str] = []

    def to_data(match: re.Match[str]) -> str:
        data.append(match.group(0))
        return " "

    pasted = _PASTED_OUTPUT.search(text) is not None

    def quoted(match: re.Match[str], code: bool = False) -> str:
        inner = next((group for group in match.groups() if group is not None), "")
        named = _NAME.fullmatch(inner.strip()) is not None and _KIND_AFTER.match(match.string, match.end()) is not None
        if named or _is_a_name(inner, pasted) or (code and _a_term(inner)):
            return f" {inner.strip()} "
        # Code goes to the data without its marks (see the module's docstring); a quotation keeps its own.
        data.append(inner if code else match.group(0))
        return " "

    def fenced(match: re.Match[str]) -> str:
        data.append(_INFO_STRING.sub("", match["inner"], count=1))
        return " "

    text = _FENCE.sub(fenced, text)
    text = _STRUCK.sub(to_data, text)
    text = _INLINE_CODE.sub(lambda found: quoted(found, code=True), text)
    text = _BLOCK_QUOTE.sub(to_data, text)
    text = _THREAD_REPLY.sub(lambda found: to_data(found) if found.string[found.end() :].strip() else found[0], text)
    text = _REFERENCE_LINK.sub(to_data, text)
    text = _set_aside_output(text, data)
    for pattern in _QUOTED:
        text = pattern.sub(quoted, text)
    marker = _ROLE_MARKER.search(text)
    if marker is not None:
        data.append(text[marker.start() :])
        text = text[: marker.start()]
    text = _items_closed(_MARKUP.sub(to_data, text))
    text = _BRACKETED_CORRECTION.sub(lambda found: f", {found['inner'].strip()}", text)
    for pattern, replacement in _MARKDOWN:
        text = pattern.sub(replacement, text)
    return Command(text=text, data=tuple(span.strip() for span in data if span.strip()))
