"""The role of an English clause: a request, or a change done, planned, withheld or weighed.

English marks these by the clause's frame rather than its ending: a first-person subject with a
past ("we already rolled back X") or a modal ("we might restart it"), a negative imperative or
"no need to", a change named and scheduled, reported or asked about ("would a rollback fix X?").
The frames are patterns over the whole clause, read once per segment.
"""

from __future__ import annotations

import re

from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.predicate import MUTATION_ACTS, Act, english_act, opens_with_question_word, predicate
from klepaas_nlp.rules.role import Role

# English clauses end at a comma, a semicolon, or a sentence mark.
EN_SEGMENTS = LazyPattern(r"\s*[,;]\s+|(?<=[.?!])\s+")
# A first-person subject telling what was done ("we already rolled back X", "I restarted it")
# or what may or will be done ("we might restart it", "we'll scale it next week").
_EN_SUBJECT = (
    r"\b(?:so\s+)?(?:i|we|they|he|she|the\s+team|our\s+team|someone|somebody)(?:\s+|(?=['’]))"
    r"(?:\w+ly\s+|already\s+|just\s+)*"
)
_EN_DONE = LazyPattern(
    _EN_SUBJECT + r"(?:(?:have|has|had)\s+)?(?:already\s+|just\s+)?"
    r"(?:rolled|reverted|restarted|rebooted|bounced|deployed|redeployed|promoted|shipped|released|scaled|pushed|bumped)\b",
    re.IGNORECASE,
)
# A change told done by whoever did it, or by the app it happened to, named by one word ("Jenkins deployed
# cart", "nginx restarted twice", "the pipeline rolled it back", "cart was restarted this morning"): the past of
# a change after its subject, active or passive.
_EN_DOER_DONE = LazyPattern(
    r"^\s*(?:the\s+)?[a-z][\w./-]*\s+(?:(?:has|had)\s+(?:been\s+)?|was\s+|were\s+|got\s+)?(?:already\s+|just\s+)?"
    r"(?:rolled|reverted|restarted|rebooted|bounced|deployed|redeployed|promoted|shipped|released|scaled)\b",
    re.IGNORECASE,
)
# A change told done with its subject left unsaid, as reports and notes are written ("scaled X to 6 an hour ago
# and now it's slow", "restarted X this morning, …"): a clause opening with a change's past form, which no
# imperative takes, reports the change; its count or time is no slot of what is asked.
_EN_UNSAID_SUBJECT_DONE = LazyPattern(
    r"^\s*(?:(?:so|and|but|ok|okay)[\s,]+)?(?:already\s+|just\s+|recently\s+)?"
    r"(?:rolled|reverted|restarted|rebooted|bounced|deployed|redeployed|promoted|shipped|released|scaled|bumped)\s+"
    r"(?!(?:by|to\s+be)\b)",
    re.IGNORECASE,
)
_EN_PLAN = LazyPattern(
    _EN_SUBJECT + r"(?:might|may|will|would|could|['’]ll|plan\s+to|are\s+planning\s+to|am\s+planning\s+to"
    r"|are\s+going\s+to|am\s+going\s+to|'re\s+going\s+to|gonna)\s+(?:\w+\s+)?"
    # "I might need to scale X later", "we may have to restart it": the modal's necessity is still a maybe.
    r"(?:(?:need|have|want|wanna|try)\s+(?:to\s+)?)?"
    r"(?:roll|revert|restart|reboot|bounce|deploy|redeploy|promote|ship|release|scale|push|bump)\b",
    re.IGNORECASE,
)
# "before anyone scales up, …", "until the rollback is done, …": what comes later, as -기 전에 is.
EN_CONDITION = LazyPattern(r"^(?:if|when|once|in\s+case|unless|before|until|till)\s+(?P<main>.+)$", re.IGNORECASE)
# The changes, by their English verbs and nouns, in any form ("rolled back", "the rollout", "scaling").
EN_OPERATION = (
    r"(?:roll(?:s|ed|ing)?[\s-]?backs?|rollouts?|revert\w*|re-?deploy\w*|deploy\w*|promot\w*|releas\w*|restart\w*"
    r"|reboot\w*|bounc\w*|scal(?:e|es|ed|ing)(?:[\s-]?(?:ups?|downs?|outs?|ins?))?)"
)
# An English clause that withholds the change it names, by its frame: a negative imperative ("don't
# restart X", "let's not …", "never mind the …"), "no need to V" / "you don't need to V", "hold off (on)
# N", "skip N"; or the change named and put off ("the restart can wait", "scaling is on hold").
EN_WITHHELD = LazyPattern(
    r"^(?:(?:please|pls|but|and|so|just|ok|okay|oh|no|nah)[\s,]+)*"
    r"(?:don['’]?t\s+(?!forget|hesitate)|do\s+not\s+(?!forget|hesitate)|never\s+|let['’]?s\s+not\b|not\s+now\b"
    r"|(?:there['’]?s\s+|there\s+is\s+)?no\s+need\s+(?:to|for)\b|(?:you|we|i)\s+(?:don['’]?t|do\s+not)\s+need\s+to\b"
    r"|(?:you|we)?\s*needn['’]?t\b|hold\s+off\b|(?:please\s+)?skip\b"
    # An opinion against the change or a denial that it was asked for: "I don't think we should …", "I'm
    # not sure we should …", "I wouldn't restart X now", "we shouldn't …", "nobody asked you to …", "I never
    # asked for …". The speaker's own negation is about the act, not the asking (unlike "can't you …?").
    r"|(?:i|we)\s+(?:don['’]?t|do\s+not|didn['’]?t|did\s+not|never)\s+(?:really\s+|even\s+)?"
    r"(?:think|believe|reckon|feel|want(?:ed)?|ask(?:ed)?|say|said|tell|told|request(?:ed)?)\b"
    r"|(?:i['’]?m|i\s+am|we['’]?re|we\s+are)\s+not\s+(?:sure|convinced|certain)\b"
    r"|(?:i|we|you)\s+(?:(?:would|should|must|will|could|ca)n['’]?t|(?:would|should|must|will|could)\s+not|won['’]?t"
    r"|cannot)\s+(?:\w+\s+)?" + EN_OPERATION + r"\b"
    r"|(?:nobody|no\s+one|no-one)\s+(?:\w+\s+)?(?:asked|told|wants?|wanted|needs?|needed|said|requested)\b"
    r"|forget\s+(?:about\s+)?(?:the\s+)?" + EN_OPERATION +
    # A count said not to be needed ("we don't need eight replicas of X anymore", "X no longer needs 6 pods"):
    # a count refused, never the one asked; the count wanted, if any, is said beside it.
    r"|(?:[\w-]+\s+)?(?:(?:don['’]?t|do\s+not|doesn['’]?t|does\s+not)\s+need|no\s+longer\s+needs?)"
    r"\s+(?:the\s+|all\s+|these\s+|those\s+)?\S+\s+(?:replicas?|instances?|pods?|copies)\b)"
    r"|\b(?:can\s+wait|(?:is|are|stays?|remains?)\s+on\s+hold|(?:for\s+)?another\s+time|not\s+(?:for\s+)?now)[.!]*$"
    # The change named, then judged not needed, not advised or not allowed ("X restart not required",
    # "scale to 5 is not needed", "rollback of X isn't recommended", "a redeploy is unnecessary").
    r"|(?:\b(?:is|are|was|were|seems?)\s+not|\b(?:is|are|was|were)n['’]t|\bnot)\s+(?:really\s+|strictly\s+|yet\s+)?"
    r"(?:required|needed|necessary|recommended|advised|advisable|warranted|allowed|permitted|approved)"
    r"(?:\s+(?:right\s+now|for\s+now|yet|today|here|anymore|at\s+this\s+point))?[.!]*$"
    r"|\b(?:(?:is|are|seems?)\s+)?(?:unnecessary|unneeded|prohibited|forbidden|off\s+the\s+table)"
    r"(?:\s+(?:right\s+now|for\s+now|today|here|anymore))?[.!]*$",
    re.IGNORECASE,
)
EN_OPERATION_WORD = LazyPattern(rf"\b{EN_OPERATION}\b", re.IGNORECASE)
# A change named and scheduled or planned by someone ("X restart is scheduled for tonight", "the deploy
# is planned for Monday", "rollback slated for 6pm"): spoken of, not asked for.
_EN_SCHEDULED = LazyPattern(
    r"\b(?:(?:is|are|was|has\s+been|have\s+been)\s+)?(?:scheduled|planned|slated|pencill?ed\s+in|booked|queued\s+up)"
    r"\s+(?:for|at|on|in|after|to\s+(?:run|happen|go))\b",
    re.IGNORECASE,
    needs=("scheduled", "planned", "slated", "pencil", "booked", "queued"),
)
# A change reported: done by someone ("the release team redeployed X", "ops rolled it back"), finished
# or received ("the rollout finished", "the deploy request has been received", "restart is done"), or
# the time after it ("after last night's rollback, …").
_EN_TOLD_DONE = LazyPattern(
    r"^(?:the|our|their|your|my)\s+(?:[\w-]+\s+){0,2}(?:team|crew|folks|engineers?|devs?|developers?|ops|sre|on-?call"
    r"|pipeline|bot|job|admins?|lead|manager)\s+(?:\w+ly\s+|already\s+|just\s+)*"
    r"(?:rolled|reverted|restarted|rebooted|bounced|deployed|redeployed|promoted|shipped|released|scaled|pushed)\b"
    r"|\b" + EN_OPERATION + r"\b.*\b(?:(?:has|have|had)\s+been\s+(?:\w+ed|done|\w+en)|(?:is|was|are|were|'s)\s+"
    r"(?:already\s+)?(?:done|finished|complete|completed|over|through|received|accepted|queued|in)"
    r"|finished|completed|succeeded|went\s+through|is\s+done)\b"
    r"|^after\s+(?:the|this|that|last|yesterday['’]?s?|today['’]?s|this\s+morning['’]?s|our|their|your|its|[\w-]+['’]s)\b"
    r".*\b" + EN_OPERATION + r"\b[.!]*$",
    re.IGNORECASE,
)
# A change told in a clause of time or cause opening the sentence: "since we scaled X to 5 …", "ever since
# the X deploy, …", "now that we rolled back …" (a subject with its past, or the change's noun after a
# determiner); "after restarting X, …", "after deploying X we …" (the gerund: done, unless a request stands
# beside it, when it may be the first of two acts: see english_roles).
_EN_SINCE = r"^(?:ever\s+since|since|after|now\s+that|because|as\s+soon\s+as|right\s+after|ever\s+after)\s+"
_EN_SINCE_DONE = LazyPattern(
    _EN_SINCE + r"(?:" + _EN_SUBJECT + r"(?:(?:have|has|had)\s+)?(?:already\s+|just\s+)?"
    r"(?:rolled|reverted|restarted|rebooted|bounced|deployed|redeployed|promoted|shipped|released|scaled|pushed|bumped)\b"
    r"|(?:the|this|that|our|their|your|its|last|[\w-]+['’]s)\s+(?:[\w-]+\s+){0,3}?" + EN_OPERATION + r"\b)",
    re.IGNORECASE,
    needs=("since", "after", "now", "because", "soon"),
)
_EN_SINCE_DOING = LazyPattern(
    _EN_SINCE + r"(?:rolling|reverting|restarting|rebooting|bouncing|deploying|redeploying|promoting|shipping|releasing"
    r"|scaling|pushing|bumping)\b",
    re.IGNORECASE,
    needs=("since", "after", "now", "because", "soon"),
)


# A question weighing a change whose subject is the change itself ("would a rollback fix X?", "will
# restarting it help?"): what is asked about, not for.
_EN_WEIGHED = LazyPattern(
    r"^(?:would|will|could|can|might|does|do|did|should)\s+(?:a|an|the|another|one\s+more|just\s+a)?\s*"
    r"(?:(?:quick|simple|full|fresh|clean)\s+)?" + EN_OPERATION + r"\b"
    # "does the rollback list …?": the operation's noun there heads nothing; it modifies a read's noun.
    r"(?!\s+(?:list|history|versions?|candidates|options|status|logs?|records?|count|targets?)\b).*\?\s*$",
    re.IGNORECASE,
)


# "don't restart it and just deploy X", "skip the tests but roll X back": a verb after "and" / "but"
# opens the request that follows what was withheld.
_EN_BUT = LazyPattern(r"\s+(?:and|but)\s+(?:(?:just|instead|only|then|rather)\s+)?(?=\w)", re.IGNORECASE)


# "… but don't touch Y", "… and never restart Y": a negative imperative joined after a clause opens a clause.
_EN_BUT_NOT = LazyPattern(
    r"(?<=\S)\s+(?:and|but)\s+(?=(?:don['’]?t|do\s+not|never)\s)", re.IGNORECASE, needs=("do", "never")
)


# A sentence's label ("FYI: we rolled back X", "Update: the team restarted Y"): one or two plain words and
# a colon. The role is judged on what the label introduces.
_EN_LABEL = LazyPattern(r"^[A-Za-z]+(?:\s+[A-Za-z]+)?\s*:\s+(?=\S)", needs=(":",))


def english_roles(text: str) -> list[tuple[str, Role]]:
    roles: list[tuple[str, Role]] = []
    for segment in EN_SEGMENTS.split(text):
        part = segment.strip()
        if not part:
            continue
        unlabelled = _EN_LABEL.sub("", part)
        if unlabelled != part and _english_role(unlabelled) in (Role.DONE, Role.PLAN):
            roles.append((part, _english_role(unlabelled)))
            continue
        negated = _EN_BUT_NOT.search(part)
        if negated is not None and _english_role(part[negated.end() :]) is Role.WITHHELD:
            # "restart X but don't touch Y", "scale X to 3 and never restart Y": the request, then what is
            # withheld beside it, each a clause of its own.
            roles += [
                (part[: negated.start()], _english_role(part[: negated.start()])),
                (part[negated.end() :], Role.WITHHELD),
            ]
            continue
        if _english_role(part) is Role.WITHHELD:
            for joint in _EN_BUT.finditer(part):
                if english_act(part[joint.end() :]) is not Act.NONE:
                    roles += [(part[: joint.start()], Role.WITHHELD), (part[joint.end() :], Role.REQUEST)]
                    break
            else:
                roles.append((part, Role.WITHHELD))
            continue
        roles.append((part, _english_role(part)))
    if len(roles) > 1 and any(role is Role.REQUEST and english_act(part) is not Act.NONE for part, role in roles):
        # "after restarting X, show me its logs": beside a request the gerund may be the first of two acts.
        roles = [(part, Role.REQUEST if _EN_SINCE_DOING.match(part) else role) for part, role in roles]
    return _framed_by_a_supposition(roles)


# The pronoun of what the supposed change is done to, as the question's subject ("which version will it go to?").
_POINTS_BACK = LazyPattern(r"\b(?:it|they|that)\b", re.IGNORECASE, needs=("it", "they", "that"))


def _framed_by_a_supposition(roles: list[tuple[str, Role]]) -> list[tuple[str, Role]]:
    """ "If I roll back, which version will it go to?": a condition supposing a change, then the last clause a
    question about what it would come to (opening with a question word, its subject a pronoun pointing back, no
    change of its own): the supposition is the frame of what is asked, as "X 롤백하면 어느 버전으로 돌아가?" is
    (clauses.py), and the two are one question, read whole."""
    if len(roles) < 2:
        return roles
    (condition, first), (question, last) = roles[-2], roles[-1]
    if (
        first is Role.CONDITION
        and EN_CONDITION.match(condition) is not None
        and supposes(condition)
        and last is Role.REQUEST
        and question.rstrip().endswith("?")
        and opens_with_question_word(question)
        and _POINTS_BACK.search(question) is not None
        and english_act(question) not in MUTATION_ACTS
    ):
        return [*roles[:-2], (f"{condition}, {question}", Role.REQUEST)]
    return roles


def _english_role(segment: str) -> Role:
    if EN_WITHHELD.search(segment) is not None:
        return Role.WITHHELD
    if _EN_WEIGHED.match(segment) is not None:
        return Role.CONDITION
    if _EN_SCHEDULED.search(segment) is not None and EN_OPERATION_WORD.search(segment) is not None:
        return Role.PLAN
    if english_act(segment) is not Act.NONE:
        return Role.REQUEST
    if _EN_SINCE_DONE.match(segment) is not None or _EN_SINCE_DOING.match(segment) is not None:
        return Role.DONE  # "since we scaled X to 5 it's slow", "after deploying X we see 500s": what was done
    if _EN_TOLD_DONE.search(segment) is not None and not segment.rstrip().endswith("?"):
        return Role.DONE  # "is the rollback done?" asks whether it is
    condition = EN_CONDITION.match(segment)
    if condition is not None:
        # "if X crashes tonight we might restart it": the main clause after the condition says what
        # may be done, not what to do now.
        return Role.PLAN if _EN_PLAN.search(condition["main"]) is not None else Role.CONDITION
    if any(done.match(segment) is not None for done in (_EN_DONE, _EN_DOER_DONE, _EN_UNSAID_SUBJECT_DONE)):
        return Role.DONE
    if _EN_PLAN.match(segment) is not None:
        return Role.PLAN
    return Role.REQUEST


def supposes(part: str) -> bool:
    """A condition or question that supposes a change: its predicate is one, or it names one in English
    ("if we scaled everything down", "would a rollback fix X?")."""
    return predicate(part).act in MUTATION_ACTS or EN_OPERATION_WORD.search(part) is not None
