"""Quote-marked passages in every house style, robust to unbalanced marks.

Double marks (straight ``"``, curly, ``„``/``«»``, and the typewriter pairs
````...''`` and ``''...''``) are paired line by line. Single marks (curly ``‘’``,
straight ``'``, and a backtick opening ```...'``) are paired separately, since
``’`` and ``'`` are mostly apostrophes. A passage nested in another (a quote
inside a quote, in either order) belongs to the outer one and is not reported.

An unbalanced line never discards the rest of the story: an opening mark with no
closing one ends its passage at the end of the line, marked ``continued`` when
the next paragraph opens with a mark (the convention for a quote running over
several paragraphs); a closing mark with nothing open starts its passage at the
beginning of the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from newsdigest.model import Span

_DOUBLE = re.compile(r"``|''|‘‘|’’|[\"“”„«»]")
_DOUBLE_OPEN = frozenset({"``", "“", "„", "«", "‘‘"})
_DOUBLE_CLOSE = frozenset({"”", "»", "’’"})
_SINGLE_OPEN = re.compile(r"(?<![\w`])`(?!`)|‘|(?<![\w'’])'(?=[^\W\d_])")
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?;:…)\]\"”-])['’](?=[\s.,;:!?)\]\"”—–-]|$)")
# Elisions that open with an apostrophe rather than a quote mark.
_ELISION = re.compile(r"['‘](?:em|n|cause|til|tis|twas|s|bout|round)\b", re.IGNORECASE)
_LINE = re.compile(r"[^\n]+")
_SPACE_BEFORE = " \t\xa0([{—–-/:\n"
_TRIM = " \t\xa0\r\n"


@dataclass(frozen=True, slots=True)
class Marked:
    """A quote-marked passage.

    outer (Span): from the opening mark to the closing mark, both included when present.
    inner (Span): the words between the marks, trimmed of white space and a final comma.
    opened (bool): whether an opening mark starts it (False: it runs from its line's start).
    closed (bool): whether a closing mark ends it (False: it runs to its line's end).
    continued (bool): unclosed, and the next paragraph opens with a quote mark.
    single (bool): marked with single marks.
    """

    outer: Span
    inner: Span
    opened: bool = True
    closed: bool = True
    continued: bool = False
    single: bool = False


def find_marked(text: str) -> list[Marked]:
    """Every outermost quote-marked passage of ``text``, in order.

    text (str): the story.
    RETURNS (list[Marked]): passages with at least one letter or digit between the marks.
    """
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text) if m.group().strip(_TRIM)]
    found: list[Marked] = []
    for i, (start, end) in enumerate(lines):
        next_opens = i + 1 < len(lines) and _opens_with_mark(text, lines[i + 1][0])
        found.extend(_double_in_line(text, start, end, next_opens))
    singles = [m for s, e in lines for m in _single_in_line(text, s, e)]
    return _outermost(found + singles)


def _opens_with_mark(text: str, start: int) -> bool:
    head = text[start : start + 4].lstrip(_TRIM)
    return head[:2] in ("``", "''") or head[:1] in "\"“„«‘'"


def _double_in_line(text: str, start: int, end: int, next_opens: bool) -> Iterator[Marked]:
    stack: list[tuple[int, str]] = []  # open marks, outermost first: (offset, mark)
    for match in _DOUBLE.finditer(text, start, end):
        mark, pos = match.group(), match.start()
        if _is_measure(text, pos):
            continue
        if _double_role(text, mark, pos, match.end(), bool(stack)) == "open":
            if stack and stack[-1][1] == mark:
                # The same mark opening again: the earlier passage was never closed.
                yield from _make(text, stack[0][0], len(stack[0][1]), pos, closed=False)
                stack.clear()
            stack.append((pos, mark))
        elif stack:
            outermost = stack[0]
            stack.pop()
            if not stack:
                yield from _make(
                    text,
                    outermost[0],
                    len(outermost[1]),
                    match.end(),
                    closed=True,
                    close_len=len(mark),
                )
        elif _starts_line_passage(text, start, pos):
            yield from _make(text, start, 0, match.end(), closed=True, close_len=len(mark))
    if stack:
        yield from _make(
            text, stack[0][0], len(stack[0][1]), end, closed=False, continued=next_opens
        )


def _double_role(text: str, mark: str, pos: int, after: int, is_open: bool) -> str:
    """Whether a double mark opens or closes, from its shape and its neighbours."""
    before = text[pos - 1] if pos > 0 else "\n"
    nxt = text[after] if after < len(text) else "\n"
    space_before = before in _SPACE_BEFORE or before.isspace()
    space_after = nxt.isspace() or nxt in ".,;:!?)]—–-"
    if mark in _DOUBLE_OPEN:
        # A curly mark typed the wrong way round still says where it stands.
        return "close" if space_after and not space_before and is_open else "open"
    if mark in _DOUBLE_CLOSE:
        return "open" if space_before and not space_after and not is_open else "close"
    if space_before and not space_after:
        return "open"
    if space_after and not space_before:
        return "close"
    return "close" if is_open else "open"


def _is_measure(text: str, pos: int) -> bool:
    """A mark after a digit is inches or seconds (6'2"), not a quote."""
    return pos > 0 and text[pos - 1].isdigit() and text[pos] in "\"'"


def _starts_line_passage(text: str, line_start: int, close_at: int) -> bool:
    """A closing mark with nothing open quotes the line up to it, when it ends a quoted
    sentence the usual way (``...," he said``) and the line says something before it."""
    ends_quote = close_at > line_start and text[close_at - 1] in ",.?!"
    return ends_quote and len(text[line_start:close_at].split()) >= 3


def _single_in_line(text: str, start: int, end: int) -> Iterator[Marked]:
    pos = start
    while pos < end:
        opening = _SINGLE_OPEN.search(text, pos, end)
        if opening is None:
            return
        if _ELISION.match(text, opening.start()):
            pos = opening.end()
            continue
        closing = _SINGLE_CLOSE.search(text, opening.end() + 1, end)
        if closing is None:
            return
        for passage in _make(text, opening.start(), 1, closing.end(), closed=True, close_len=1):
            yield replace(passage, single=True)
        pos = closing.end()


def _make(
    text: str,
    open_at: int,
    open_len: int,
    stop: int,
    *,
    closed: bool,
    close_len: int = 0,
    continued: bool = False,
) -> Iterator[Marked]:
    """The passage from a mark (or line start) to a mark (or ``stop``), if it holds words."""
    inner_start = open_at + open_len
    inner_end = stop - close_len if closed else stop
    while inner_start < inner_end and text[inner_start] in _TRIM:
        inner_start += 1
    while inner_end > inner_start and text[inner_end - 1] in _TRIM:
        inner_end -= 1
    if inner_end > inner_start and text[inner_end - 1] == ",":
        inner_end -= 1
    if not any(ch.isalnum() for ch in text[inner_start:inner_end]):
        return
    outer_end = stop if closed else inner_end
    yield Marked(
        outer=Span(open_at, outer_end),
        inner=Span(inner_start, inner_end),
        opened=open_len > 0,
        closed=closed,
        continued=continued,
    )


def _outermost(passages: list[Marked]) -> list[Marked]:
    """Drop passages nested in another; of two that cross, keep the double-marked one.

    Kept passages are disjoint and in order, so each new one is compared with the last.
    """
    ordered = sorted(passages, key=lambda m: (m.outer.start, -m.outer.end))
    kept: list[Marked] = []
    for passage in ordered:
        last = kept[-1] if kept else None
        if last is None or not last.outer.overlaps(passage.outer):
            kept.append(passage)
        elif last.outer.start <= passage.inner.start and passage.inner.end <= last.outer.end:
            continue
        elif last.single and not passage.single:
            kept[-1] = passage
    return kept
