"""Attribution: the source a reporting cue names, read off the dependency parse.

The source is the cue's subject (the one nearest the verb; through conjoined and
participle verbs, "..., adding"), the agent of a passive ("is supported by X"), the object
of ``according to``, the owner of a reporting noun ("the mayor's remarks"), or the words
beside the cue (``"...," Okafor said``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsdigest.model import Span

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
RELATIVE = frozenset({"who", "which", "that", "whom"})
_NAME_STOPS = frozenset({",", "(", ";", ":", "—", "–", "--"})
_LONGEST_NAME = 8
# How the parse attaches a source written after its verb ("said the mayor").
_POSTPOSED = frozenset({"nsubj", "dobj", "attr", "npadvmod", "nsubjpass"})
_NAMING_POS = frozenset({"PROPN", "NOUN", "PRON"})
_PHRASE_POS = frozenset({"PROPN", "NOUN", "PRON", "ADJ", "DET", "NUM", "PART"})
_VERB_GROUP = frozenset({"AUX", "ADV", "PART"})
# Dependencies through which a verb shares its head's subject ("..., adding", "before asking").
SHARES_SUBJECT = frozenset({"conj", "advcl", "xcomp", "pcomp"})


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who is reported, by which verb.

    cue (Span): the reporting verb (or ``according to``).
    speaker (Span | None): the words naming the source, as written.
    head (int | None): token index of the source's head word, for resolving it.
    alias (Span | None): a name in apposition to a description ("Its president, Tom Lindqvist").
    """

    cue: Span
    speaker: Span | None
    head: int | None
    alias: Span | None = None


def attribution_of(cue: Any, quoted: Sequence[bool] = ()) -> Attribution:
    """The attribution a reporting verb makes: the verb and its subject.

    cue (spacy.tokens.Token): a token for which :func:`~newsdigest.quotes.cues.is_cue` holds.
    quoted (Sequence[bool]): per token, whether it is inside quote marks (never a subject).
    RETURNS (Attribution): the source is None when the parse names none.
    """
    doc = cue.doc
    if cue.lower_ == "according":
        to = doc[cue.i + 1] if cue.i + 1 < len(doc) else None
        source = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        end = to.idx + len(to) if to is not None else cue.idx + len(cue)
        return _attribution(Span(cue.idx, end), source)
    cue_span = Span(cue.idx, cue.idx + len(cue))
    if cue.pos_ == "NOUN":
        owner = next((c for c in cue.children if c.dep_ == "poss"), None)
        return _attribution(cue_span, owner)
    children = list(cue.children)
    if is_passive(children):
        agent = next(c for c in children if c.dep_ == "agent")
        return _attribution(cue_span, next((c for c in agent.children if c.dep_ == "pobj"), None))
    source = subject_of(cue)
    if source is not None and ((quoted and quoted[source.i]) or _line_between(cue, source)):
        source = None
    if source is None:
        return _attribution_before(cue, cue_span, quoted)
    return _attribution(cue_span, source)


def is_passive(children: list[Any]) -> bool:
    """Whether a verb with these children is a passive with an agent ("is backed by X")."""
    return any(c.dep_ == "auxpass" for c in children) and any(c.dep_ == "agent" for c in children)


def _attribution_before(cue: Any, cue_span: Span, quoted: Sequence[bool]) -> Attribution:
    """Where the parse gives no subject, the noun phrase opening the sentence right before the verb.

    The parse loses subjects after a heading line ("10:30 a.m.") or in long sentences;
    "The governor's doctor is calling ..." still names its source right before the verb.
    """
    doc = cue.doc
    verb = _subject_verb(cue)
    i = verb.i - 1
    while i >= 0 and doc[i].pos_ in _VERB_GROUP and not doc[i].is_space:
        i -= 1
    last = i
    while i >= 0 and not doc[i].is_space and "\n" not in doc[i].text and not quoted_at(quoted, i):
        if doc[i].pos_ not in _PHRASE_POS and doc[i].text not in ("'s", "’s", "-"):
            break
        i -= 1
    first = i + 1
    starts_sentence = first == 0 or doc[first - 1].is_space or doc[first - 1].text in ".!?"
    if last < first or doc[last].pos_ not in _NAMING_POS or not starts_sentence:
        return Attribution(cue=cue_span, speaker=None, head=None)
    return Attribution(
        cue=cue_span,
        speaker=Span(doc[first].idx, doc[last].idx + len(doc[last])),
        head=last,
    )


def quoted_at(quoted: Sequence[bool], i: int) -> bool:
    """Whether token ``i`` is inside quote marks (False when nothing is known)."""
    return bool(quoted) and quoted[i]


def _subject_verb(verb: Any) -> Any:
    """The verb whose subject a verb shares ("..., encouraging" shares "is questioning"'s)."""
    for _ in range(4):
        if verb.dep_ not in SHARES_SUBJECT or verb.head.i == verb.i:
            break
        verb = verb.head
        if verb.pos_ == "ADP" and verb.head.i != verb.i:
            verb = verb.head
    return verb


def attribution_between(doc: Any, cue: Any, first: int, last: int) -> Attribution | None:
    """The source named by the words ``doc[first:last]`` beside a cue: ``"...," Okafor said``.

    The words are cut at the first comma or bracket, so "Ruiz, a union leader," names Ruiz.
    RETURNS (Attribution | None): None when no word is left.
    """
    end = first
    while end < last and doc[end].text not in _NAME_STOPS and "\n" not in doc[end].text:
        end += 1
    while first < end and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while end > first and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if end <= first or end - first > _LONGEST_NAME:
        return None
    head = doc[end - 1]
    if not _is_nominal(head) or not (doc[first].pos_ in _PHRASE_POS or _is_nominal(doc[first])):
        return None
    return Attribution(
        cue=Span(cue.idx, cue.idx + len(cue)),
        speaker=Span(doc[first].idx, head.idx + len(head)),
        head=head.i,
    )


def postposed_source(cue: Any) -> Attribution | None:
    """The source after its verb, as the parse gives it when the words are too many for
    :func:`attribution_between`: ``"...," says the 39-year-old founder of the press``."""
    for child in cue.rights:
        if child.dep_ in _POSTPOSED and _is_nominal(child) and "\n" not in child.text:
            return Attribution(
                cue=Span(cue.idx, cue.idx + len(cue)), speaker=name_span(child), head=child.i
            )
    return None


def _is_nominal(token: Any) -> bool:
    """A noun or pronoun, by its coarse or its fine tag (the two disagree at times: a name
    right before "said" may be tagged a proper noun yet parsed as an auxiliary)."""
    return token.pos_ in _NAMING_POS or token.tag_ in ("NN", "NNS", "NNP", "NNPS", "PRP")


def _line_between(a: Any, b: Any) -> bool:
    """Whether a line break separates two tokens (the parse joined a heading to a sentence)."""
    doc = a.doc
    first, last = sorted((a.i, b.i))
    return any("\n" in doc[i].text for i in range(first, last))


def _attribution(cue: Span, source: Any) -> Attribution:
    if source is None:
        return Attribution(cue=cue, speaker=None, head=None)
    alias = None
    if source.pos_ == "NOUN":
        name = next((t for t in source.subtree if t.dep_ == "appos" and t.pos_ == "PROPN"), None)
        alias = name_span(name) if name is not None else None
    return Attribution(cue=cue, speaker=name_span(source), head=source.i, alias=alias)


def subject_of(verb: Any) -> Any:
    """The subject of a verb, following conjoined and participle verbs to their head's."""
    seen = 0
    while verb is not None and seen < 4:
        seen += 1
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        # When the parse gives two, the one nearer the verb is its subject.
        subject = min(subjects, key=lambda c: abs(c.i - verb.i), default=None)
        if subject is not None:
            if subject.lower_ in RELATIVE and verb.dep_ == "relcl":
                return verb.head
            return subject
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in _NAMING_POS:
            # "footage of the mayor asking, ...": the participle's subject is the noun it follows
            # (not so a past participle: in "the timetable, branded as ..." it is the object).
            return verb.head
        if verb.dep_ in SHARES_SUBJECT and verb.head.i != verb.i:
            verb = verb.head
            if verb.pos_ == "ADP" and verb.head.i != verb.i:
                verb = verb.head
            continue
        return None
    return None


def name_span(head: Any) -> Span:
    """The words that name a noun phrase's referent: its head and what stands before it.

    Appositions and relative clauses after the head are left out ("Okafor, who ..."), and
    the span never reaches back over a line break (a dateline or a time stamp).
    """
    doc = head.doc
    left = head.i
    for token in head.subtree:
        if token.i < head.i and token.dep_ not in ("punct", "cc"):
            left = token.i
            break
    for i in range(head.i - 1, left - 1, -1):
        if "\n" in doc[i].text or doc[i].text in _NAME_STOPS:
            left = i + 1
            break
    right = head.i
    if head.ent_iob_ in ("B", "I"):
        while right + 1 < len(doc) and doc[right + 1].ent_iob_ == "I":
            right += 1
    first, last = doc[left], doc[right]
    return Span(first.idx, last.idx + len(last))
