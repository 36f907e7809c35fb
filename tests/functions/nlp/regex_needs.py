"""What a regular expression's every match must contain, read from its parse tree.

The rules name, for some patterns, the words every match holds (``LazyPattern(needs=...)``), so
a text without them is answered "no match" without compiling the pattern. ``covers`` proves such a
list from the pattern's structure: every way through the pattern passes a literal run holding one
of the words (or a class all of whose letters are words). ``derive`` proposes a list the same way;
the lists in the source were written from it and are checked by ``covers``, not trusted."""

from __future__ import annotations

import dataclasses
import random
from re import _constants as c
from re import _parser
from typing import Any

from klepaas_nlp.rules.lazy import LazyAlternation, LazyPattern, fold

# A class is read letter by letter only when it is this small ("[벡빽뺵뱩]", a slipped final consonant).
_SMALL_CLASS = 64
# Letters and short alternations in a row are read as one word ("재(?:시작|기동)" as 재시작, 재기동)
# while that spells at most this many.
_SHORT_PRODUCT = 8


def _class_letters(items: list[tuple[Any, Any]]) -> set[str] | None:
    letters: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            letters.add(fold(chr(av)))
        elif op is c.RANGE and av[1] - av[0] < _SMALL_CLASS:
            letters.update(fold(chr(code)) for code in range(av[0], av[1] + 1))
        else:  # a negation, a category (\d, \s) or a large range: no letter is certain
            return None
    return letters if len(letters) <= _SMALL_CLASS else None


def _literal_words(op: Any, av: Any) -> frozenset[str] | None:
    """The texts an element spells when it is a letter or an alternation of letters only."""
    if op is c.LITERAL:
        return frozenset({fold(chr(av))})
    if op is c.SUBPATTERN:
        items = list(av[-1])
        return _literal_words(*items[0]) if len(items) == 1 else _spelled(items)
    if op is c.BRANCH:
        found: set[str] = set()
        for branch in av[1]:
            words = _spelled(list(branch))
            if words is None:
                return None
            found |= words
        return frozenset(found)
    return None


def _spelled(items: list[Any]) -> frozenset[str] | None:
    words: frozenset[str] | None = frozenset({""})
    for op, av in items:
        part = _literal_words(op, av)
        if part is None or words is None or len(words) * len(part) > _SMALL_CLASS:
            return None
        words = frozenset(a + b for a in words for b in part)
    return words


def _unfactored(items: Any) -> list[Any]:
    """The sequence with the letters the parser moved out of an alternation put back into each
    branch ("\\bns\\b|\\bnamespaces?\\b" is parsed as n followed by s|amespaces?)."""
    out: list[Any] = []
    for op, av in items:
        if op is c.BRANCH:
            start = len(out)
            while start and out[start - 1][0] is c.LITERAL:
                start -= 1
            prefix, out[start:] = out[start:], []
            out.append((op, (av[0], [prefix + list(branch) for branch in av[1]])))
        else:
            out.append((op, av))
    return out


def _runs(items: Any) -> tuple[list[frozenset[str]], list[Any]]:
    """The maximal runs of literal text in a sequence (each the set of texts it may spell, when
    it holds short alternations of letters: "재(?:시작|기동)"), and its other elements."""
    runs: list[frozenset[str]] = []
    others: list[Any] = []
    run: frozenset[str] | None = None
    for op, av in _unfactored(items):
        part = _literal_words(op, av)
        if part is not None and (run is None or len(run) * len(part) <= _SHORT_PRODUCT):
            run = part if run is None else frozenset(a + b for a in run for b in part)
            continue
        if run is not None:
            runs.append(run)
        run = None
        if part is not None:  # too many texts to spell in a row: the alternation starts a new run
            run = part
            continue
        others.append((op, av))
    if run is not None:
        runs.append(run)
    return runs, others


def _element_covered(op: Any, av: Any, needs: tuple[str, ...]) -> bool:
    if op is c.SUBPATTERN:
        return _covered(av[-1], needs)
    if op is c.BRANCH:
        return all(_covered(branch, needs) for branch in av[1])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        return av[0] >= 1 and _covered(av[2], needs)
    if op is c.ASSERT:  # a lookahead or lookbehind that must hold reads letters of the same text
        return _covered(av[1], needs)
    if op is c.ATOMIC_GROUP:
        return _covered(av, needs)
    if op is c.IN:
        letters = _class_letters(av)
        return letters is not None and all(letter in needs for letter in letters)
    return False


def _covered(items: Any, needs: tuple[str, ...]) -> bool:
    runs, others = _runs(items)
    if any(all(any(word in text for word in needs) for text in run) for run in runs):
        return True
    return any(_element_covered(op, av, needs) for op, av in others)


def covers(pattern: str, flags: int, needs: tuple[str, ...]) -> bool:
    """Every match of ``pattern`` holds one of ``needs`` (folded), as far as its structure shows."""
    return bool(needs) and _covered(_parser.parse(pattern, flags), needs)


def _element_words(op: Any, av: Any) -> frozenset[str] | None:
    if op is c.SUBPATTERN:
        return _words(av[-1])
    if op is c.BRANCH:
        found: set[str] = set()
        for branch in av[1]:
            words = _words(branch)
            if words is None:
                return None
            found |= words
        return frozenset(found)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        return _words(av[2]) if av[0] >= 1 else None
    if op is c.ASSERT:
        return _words(av[1])
    if op is c.ATOMIC_GROUP:
        return _words(av)
    if op is c.IN:
        letters = _class_letters(av)
        return frozenset(letters) if letters else None
    return None


def _score(words: frozenset[str]) -> tuple[bool, bool, int, int]:
    """Words of two letters or more (a lone Latin letter or mark is in most texts), then fewer and
    shorter words, which read best."""
    shortest = min(len(word.strip()) for word in words)
    useful = all(len(word.strip()) > 1 or not word.isascii() for word in words)
    return (useful, shortest > 1, -len(words), -max(len(word) for word in words))


def _words(items: Any) -> frozenset[str] | None:
    runs, others = _runs(items)
    candidates = [run for run in runs if "" not in run]
    candidates += [words for op, av in others if (words := _element_words(op, av))]
    return max(candidates, key=_score) if candidates else None


def derive(pattern: str, flags: int = 0) -> tuple[str, ...]:
    """Words of which every match holds one (a short list of long words preferred); () when the
    structure shows none. Dropping a word that contains another one keeps the list as sure."""
    words = _words(_parser.parse(pattern, flags)) or frozenset()
    kept = {word for word in words if not any(other != word and other in word for other in words)}
    return tuple(sorted(kept, key=lambda word: (-len(word), word)))


def _lazy_patterns_in(where: str, value: object, depth: int = 0) -> list[tuple[str, LazyPattern]]:
    """The lazy patterns a module-level value holds: itself, or inside tuples, dicts and dataclasses
    (a keyword family's two patterns, a count's pattern, a typo's pattern and its repair)."""
    if isinstance(value, LazyPattern):
        return [(where, value)]
    if isinstance(value, LazyAlternation):
        value = value.branches
    if depth > 3:
        return []
    if isinstance(value, tuple | list):
        return [found for i, item in enumerate(value) for found in _lazy_patterns_in(f"{where}[{i}]", item, depth + 1)]
    if isinstance(value, dict):
        return [found for k, item in value.items() for found in _lazy_patterns_in(f"{where}[{k!r}]", item, depth + 1)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [
            found
            for field in dataclasses.fields(value)
            for found in _lazy_patterns_in(f"{where}.{field.name}", getattr(value, field.name), depth + 1)
        ]
    return []


def all_patterns() -> list[tuple[str, LazyPattern]]:
    """Every lazy pattern of the rules, once, with where it is defined."""
    import importlib
    import pkgutil

    import klepaas_nlp.rules

    found: dict[int, tuple[str, LazyPattern]] = {}
    for info in pkgutil.iter_modules(klepaas_nlp.rules.__path__):
        module = importlib.import_module(f"klepaas_nlp.rules.{info.name}")
        for name, value in vars(module).items():
            for where, pattern in _lazy_patterns_in(f"{info.name}.{name}", value):
                found.setdefault(id(pattern), (where, pattern))
    return list(found.values())


# What a category or a negated class yields when a sample is drawn: a letter it may well match.
_CATEGORY_SAMPLES = {
    c.CATEGORY_DIGIT: "0123456789",
    c.CATEGORY_SPACE: " \t\n",
    c.CATEGORY_WORD: "aZ_9가",
    c.CATEGORY_NOT_DIGIT: "a가 -",
    c.CATEGORY_NOT_SPACE: "a가9-",
    c.CATEGORY_NOT_WORD: " -/.",
}


def _sample_class(items: list[tuple[Any, Any]], rng: random.Random) -> str:
    if items and items[0][0] is c.NEGATE:
        return rng.choice(" a가-9")  # most texts hold letters the class leaves out
    op, av = rng.choice(items)
    if op is c.LITERAL:
        return chr(av)
    if op is c.RANGE:
        return chr(rng.randint(av[0], av[1]))
    if op is c.CATEGORY:
        return rng.choice(_CATEGORY_SAMPLES.get(av, "a"))
    return "a"


def _sample(items: Any, rng: random.Random, groups: dict[int, str]) -> str:
    out = []
    for op, av in items:
        if op is c.LITERAL:
            out.append(chr(av))
        elif op is c.NOT_LITERAL:
            out.append("가" if av != ord("가") else "a")
        elif op is c.ANY:
            out.append(rng.choice("a가 -"))
        elif op is c.IN:
            out.append(_sample_class(list(av), rng))
        elif op is c.BRANCH:
            out.append(_sample(rng.choice(av[1]), rng, groups))
        elif op is c.SUBPATTERN:
            text = _sample(av[-1], rng, groups)
            if av[0] is not None:
                groups[av[0]] = text
            out.append(text)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, high = av[0], min(av[1], av[0] + 2)
            out.extend(_sample(av[2], rng, groups) for _ in range(rng.randint(low, high)))
        elif op is c.ATOMIC_GROUP:
            out.append(_sample(av, rng, groups))
        elif op is c.GROUPREF:
            out.append(groups.get(av, ""))
        # an anchor, a boundary or a lookaround spells nothing
    return "".join(out)


def samples(pattern: str, flags: int, rng: random.Random, count: int) -> list[str]:
    """Texts drawn from the pattern's structure, most of them matches (lookarounds and anchors
    are not checked), so every alternative is reached however long its words."""
    tree = _parser.parse(pattern, flags)
    return [_sample(tree, rng, {}) for _ in range(count)]


def min_width(pattern: str, flags: int = 0) -> int:
    """The fewest letters a match of ``pattern`` may span."""
    return int(_parser.parse(pattern, flags).getwidth()[0])
