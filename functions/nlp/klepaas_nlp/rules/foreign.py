"""Command words written in Chinese, read as their Korean words (issue 24).

Teams that work with Chinese colleagues drop the closed set's words in hanzi into a Korean or English
command ("fraud-scorer를 staging에 部署 해주세요", "web 重启 한번", "ledger 日志 보여줘", "有哪些 commands
있어요?"), as they already name the places in them ("生产", "本番": see vocabulary.ENVIRONMENT_TOKEN).
Each word of the closed set is read as its Korean word, in its simplified and its traditional
spelling; a count with a Chinese numeral and counter ("两个", "到五个") as the Korean count ("2개",
"5개로"). Only the closed set's own words are read: any other hanzi (a thanks, "确认一下") is left as
typed and names nothing. Japanese commands other than their places stay unread, as the development
sets record them ("배포ログ確認" asks nothing the rules know).
"""

from __future__ import annotations

import re

from klepaas_nlp.rules.lazy import LazyPattern

# What each act, read and kind of the closed set is called, simplified and traditional.
_WORDS: dict[str, str] = {
    # Deploy: to deploy, to release, to go live; deploy again.
    **dict.fromkeys(("部署", "发布", "發布", "發佈", "上线", "上線"), "배포"),
    **dict.fromkeys(("重新部署", "重新发布", "重新發布"), "재배포"),
    # Restart: to start again, to reboot.
    **dict.fromkeys(("重启", "重啟", "重新启动", "重新啟動", "再启动", "再啟動"), "재시작"),
    # Roll back: to roll back, to fall back to a version.
    **dict.fromkeys(("回滚", "回滾", "回退"), "롤백"),
    # Scale: out (expand capacity), in (shrink it), or either.
    **dict.fromkeys(("扩容", "擴容"), "스케일 아웃"),
    **dict.fromkeys(("缩容", "縮容"), "스케일 인"),
    **dict.fromkeys(("扩缩容", "擴縮容", "伸缩", "伸縮"), "스케일"),
    **dict.fromkeys(("副本",), "레플리카"),
    # Reads: logs, status, a list, a look.
    **dict.fromkeys(("日志", "日誌"), "로그"),
    **dict.fromkeys(("状态", "狀態"), "상태"),
    **dict.fromkeys(("列表", "一览", "一覽"), "목록"),
    **dict.fromkeys(("查看", "查询", "查詢"), "확인"),
    # Kinds and nouns of the closed set.
    **dict.fromkeys(("服务", "服務"), "서비스"),
    **dict.fromkeys(("命令", "指令"), "명령어"),
    **dict.fromkeys(("端点", "端點"), "엔드포인트"),
    **dict.fromkeys(("命名空间", "命名空間"), "네임스페이스"),
    **dict.fromkeys(("成本", "费用", "費用"), "비용"),
    # Which ones there are, what: the question words of a list asked for ("有哪些 commands").
    **dict.fromkeys(("有哪些", "哪些"), "어떤"),
    **dict.fromkeys(("有什么", "有什麼", "什么", "什麼"), "무슨"),
}

# Hanzi (and kana, which part them from a word): a text holding none of them is read as typed.
_CJK = LazyPattern(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
_WORD = LazyPattern("|".join(sorted(map(re.escape, _WORDS), key=len, reverse=True)))

_DIGITS = {"一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUMERAL = r"(?:[一二三四五六七八九]?十[一二三四五六七八九]?|[一二两兩三四五六七八九]|\d{1,3})"
# A count: a numeral and its counter (个/個 for things, 台 for machines); "到"/"至" before it is its goal.
_COUNT = LazyPattern(rf"(?P<goal>[到至]\s?)?(?P<number>{_NUMERAL})\s?[个個台]")


def _value(numeral: str) -> int:
    if numeral.isdigit():
        return int(numeral)
    if "十" not in numeral:
        return _DIGITS[numeral]
    tens, _, units = numeral.partition("十")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[units] if units else 0)


def _is_cjk(character: str) -> bool:
    return "\u3040" <= character <= "\u30ff" or "\u3400" <= character <= "\u9fff"


def _spaced(match: re.Match[str], korean: str) -> str:
    """`korean` in the place of the match, parted by a space from hanzi or kana still beside it."""
    text, start, end = match.string, match.start(), match.end()
    before = " " if start > 0 and _is_cjk(text[start - 1]) else ""
    after = " " if end < len(text) and _is_cjk(text[end]) else ""
    return f"{before}{korean}{after}"


# A request made in Chinese or Japanese itself: a please, "a little", "help me", a question, a command form.
_ASKS_IN_CJK = LazyPattern(r"[请請吧吗嗎？?]|一下|帮我|幫我|帮忙|幫忙|ください|下さい|して|てくれ|お願い|ますか")
_LATIN_OR_HANGUL = LazyPattern(r"[A-Za-z가-힣]")


def in_korean(text: str) -> str:
    """`text` with the closed set's Chinese and Japanese words and counts read as Korean ones.

    A foreign word is a command word only inside a command: a message wholly in Chinese or Japanese that
    asks nothing in its own language ("私の部署は開発です", my department is development; "工作日志 写完了", the
    work log is written) tells something, and its words are left as typed."""
    if _CJK.search(text) is None:
        return text
    if _LATIN_OR_HANGUL.search(text) is None and _ASKS_IN_CJK.search(text) is None:
        return text
    text = _COUNT.sub(
        lambda match: _spaced(match, f"{_value(match['number'])}개" + ("로" if match["goal"] else "")), text
    )
    return _WORD.sub(lambda match: _spaced(match, _WORDS[match.group(0)]), text)
