"""Reporting verbs, and the attributions and reported content the dependency parse gives them.

The word forms are listed rather than lemmatised because the pipeline runs
without spaCy's lemmatizer (see :mod:`newsdigest.nlp`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsdigest.model import Span

# Verbs by what they report. SPEECH verbs report a clause ("said (that) ..."); CLAUSE
# verbs only count with one ("believes that ..."); NAMING verbs give words for something
# ("called it a ..."); STANCE verbs report a position on their object ("criticized the
# plan"); INTENT verbs report a stated aim ("vowed to ..."); PREP verbs report through a
# preposition ("talked about ...", "called for ...").
SPEECH = """add admit acknowledge affirm allege announce answer argue ask assert assure boast
brag caution charge claim comment complain concede conclude confirm contend counter declare
demand deny disclose emphasize emphasise estimate explain hint indicate insist joke lament
maintain mention note observe predict proclaim promise quip recall recount remark repeat
reply report respond retort reveal say scoff shout sing chant state stress suggest tell
testify tweet warn whisper write yell read learn""".split()
CLAUSE = "believe think know hope fear expect show find feel worry".split()
NAMING = "call dub label liken term brand hail describe nickname deem refer".split()
STANCE = """cite mention attack endorse defend criticize criticise reject question support
blast mock praise condemn discuss propose detail reference deny dismiss blame accuse slam
tout highlight oppose dispute challenge recommend unveil welcome applaud back denounce""".split()
INTENT = """want plan vow promise pledge agree refuse decline urge threaten decide seek offer
persuade encourage ask""".split()
PREP_VERBS = "talk speak complain warn comment point call write joke testify rail argue ask".split()
# Nouns that report what their owner said: "the mayor's comments about ...", "her claim that ...".
NOUNS = frozenset(
    """claim claims comment comments remark remarks statement statements assertion argument
    warning warnings promise pledge criticism accusation accusations allegation allegations
    suggestion insistence denial vow proposal attack attacks praise references reference
    questions complaint complaints message announcement""".split()
)
# "continued:" reports only when a colon or comma introduces the words.
COLON_ONLY = frozenset({"continue", "continues", "continued", "continuing"})
_FINDING_FORMS = frozenset({"show", "shows", "showed", "shown", "find", "finds", "found"})
_SHORTEST_CLAUSE = 3
_PUT = frozenset({"put", "puts", "putting"})
REPORTED_PREPS = frozenset({"about", "on", "of", "against", "for", "to"})
_IRREGULAR = {
    "say": "says said saying",
    "tell": "tells told telling",
    "write": "writes wrote written writing",
    "think": "thinks thought thinking",
    "know": "knows knew known knowing",
    "show": "shows showed shown showing",
    "find": "finds found finding",
    "feel": "feels felt feeling",
    "speak": "speaks spoke spoken speaking",
    "seek": "seeks sought seeking",
    "sing": "sings sang sung singing",
    "read": "reads read reading",
    "learn": "learns learned learnt learning",
}
_DOUBLING = frozenset({"quip", "admit", "dub", "label", "refer"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
RELATIVE = frozenset({"who", "which", "that", "whom"})
# Dependencies through which a verb shares its head's subject ("..., adding", "before asking").
_NAME_STOPS = frozenset({",", "(", ";", ":", "—", "–", "--"})
_LONGEST_NAME = 8
_NAMING_POS = frozenset({"PROPN", "NOUN", "PRON"})
_PHRASE_POS = frozenset({"PROPN", "NOUN", "PRON", "ADJ", "DET", "NUM", "PART"})
_VERB_GROUP = frozenset({"AUX", "ADV", "PART"})
_SHARES_SUBJECT = frozenset({"conj", "advcl", "xcomp", "pcomp"})


def _inflect(verb: str) -> set[str]:
    """The forms of an English verb (regular unless listed)."""
    if verb in _IRREGULAR:
        return {verb, *_IRREGULAR[verb].split()}
    if verb.endswith("e"):
        return {verb, verb + "s", verb + "d", verb[:-1] + "ing"}
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return {verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    if verb.endswith(("sh", "ch", "ss", "x")):
        return {verb, verb + "es", verb + "ed", verb + "ing"}
    doubled = verb + verb[-1] if verb in _DOUBLING else verb
    return {verb, verb + "s", doubled + "ed", doubled + "ing"}


def _forms(verbs: list[str]) -> frozenset[str]:
    return frozenset(form for verb in verbs for form in _inflect(verb))


SPEECH_FORMS = _forms(SPEECH)
CLAUSE_FORMS = _forms(CLAUSE)
NAMING_FORMS = _forms(NAMING)
STANCE_FORMS = _forms(STANCE)
INTENT_FORMS = _forms(INTENT)
PREP_FORMS = _forms(PREP_VERBS)
CUE_FORMS = SPEECH_FORMS | CLAUSE_FORMS | NAMING_FORMS | STANCE_FORMS | INTENT_FORMS | PREP_FORMS


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


def is_cue(token: Any) -> bool:
    """Whether a token is a reporting verb (or the ``according`` of ``according to``)."""
    lower = token.lower_
    if lower == "according":
        return any(child.lower_ == "to" for child in token.children) or (
            token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to"
        )
    if lower in _PUT:
        # "As Ms. Ruiz put it, ..."
        return any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children)
    if lower in COLON_ONLY:
        return bool(token.i + 1 < len(token.doc) and token.doc[token.i + 1].text in (":", ","))
    if lower in NOUNS and token.pos_ == "NOUN":
        # Only with its owner named: "questions about flooding" reports no one.
        owned = any(child.dep_ == "poss" for child in token.children)
        return owned and reported_content(token) is not None
    if lower not in CUE_FORMS or token.pos_ not in ("VERB", "AUX"):
        return False
    if lower in CLAUSE_FORMS and lower not in SPEECH_FORMS:
        return any(child.dep_ == "ccomp" for child in token.children) or _findings(token)
    return True


def _findings(verb: Any) -> bool:
    """ "The poll shows the mayor ahead", "the study found 31 cases": a document's finding."""
    if verb.lower_ not in _FINDING_FORMS:
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    has_object = any(c.dep_ == "dobj" for c in verb.children)
    return has_object and subject is not None and subject.pos_ == "NOUN"


def attribution_of(cue: Any, quoted: Sequence[bool] = ()) -> Attribution:
    """The attribution a reporting verb makes: the verb and its subject.

    cue (spacy.tokens.Token): a token for which :func:`is_cue` holds.
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
    if _is_passive(children):
        agent = next(c for c in children if c.dep_ == "agent")
        return _attribution(cue_span, next((c for c in agent.children if c.dep_ == "pobj"), None))
    source = subject_of(cue)
    if source is not None and ((quoted and quoted[source.i]) or _line_between(cue, source)):
        source = None
    if source is None:
        return _attribution_before(cue, cue_span, quoted)
    return _attribution(cue_span, source)


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
        if verb.dep_ not in _SHARES_SUBJECT or verb.head is verb:
            break
        verb = verb.head
        if verb.pos_ == "ADP" and verb.head is not verb:
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
    if head.pos_ not in _NAMING_POS or doc[first].pos_ not in _PHRASE_POS:
        return None
    return Attribution(
        cue=Span(cue.idx, cue.idx + len(cue)),
        speaker=Span(doc[first].idx, head.idx + len(head)),
        head=head.i,
    )


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
        if verb.dep_ in _SHARES_SUBJECT and verb.head is not verb:
            verb = verb.head
            if verb.pos_ == "ADP" and verb.head is not verb:
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


def reported_content(cue: Any) -> tuple[int, int] | None:
    """Token range ``[first, last]`` of what a cue reports, if the parse shows it.

    cue (spacy.tokens.Token): a token for which :func:`is_cue` holds.
    RETURNS (tuple[int, int] | None): a clause, an aim, an object or a prepositional object.
    """
    lower = cue.lower_
    if lower == "according":
        return _according_clause(cue)
    children = list(cue.children)
    if cue.pos_ == "NOUN":
        return _noun_content(children)
    for child in children:
        if child.dep_ == "ccomp":
            return child.left_edge.i, child.right_edge.i
    if cue.dep_ == "parataxis" and lower in SPEECH_FORMS:
        return _parataxis_clause(cue)
    if lower in SPEECH_FORMS:
        # "said after the convention he would not ...", parsed as an adverbial clause.
        for child in children:
            if (
                child.dep_ == "advcl"
                and child.i > cue.i
                and any(c.dep_ in SUBJECT_DEPS for c in child.children)
                and not any(c.dep_ == "mark" for c in child.children)
            ):
                return child.left_edge.i, child.right_edge.i
        inserted = _inserted_clause(cue)
        if inserted is not None:
            return inserted
    aim = next((c for c in children if c.dep_ == "xcomp"), None)
    if aim is not None and (lower in INTENT_FORMS or lower in SPEECH_FORMS):
        # "told his advisers to ...": whom they told, and what.
        told = next((c for c in children if c.dep_ == "dobj" and c.i < aim.i), None)
        return (told.left_edge.i if told is not None else aim.left_edge.i), aim.right_edge.i
    if lower in STANCE_FORMS or lower in NAMING_FORMS or _findings(cue):
        thing = next((c for c in children if c.dep_ == "dobj"), None)
        if thing is None and _is_passive(children):
            # "The plan is supported by the mayor": the subject is what is reported.
            thing = next((c for c in children if c.dep_ == "nsubjpass"), None)
        if thing is not None:
            # "called it a disgrace", "likened the plan to a tax", "described it as ...".
            finding = _findings(cue)
            tail = [
                c.right_edge.i
                for c in children
                if c.i > thing.i
                and (
                    c.dep_ == "oprd" or (c.dep_ == "prep" and (finding or c.lower_ in ("as", "to")))
                )
            ]
            return thing.left_edge.i, max([thing.right_edge.i, *tail])
    if lower in PREP_FORMS or lower in NAMING_FORMS:
        for prep in children:
            if prep.dep_ == "prep" and prep.lower_ in REPORTED_PREPS:
                target = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
                if target is not None:
                    return target.left_edge.i, target.right_edge.i
    return None


def _is_passive(children: list[Any]) -> bool:
    return any(c.dep_ == "auxpass" for c in children) and any(c.dep_ == "agent" for c in children)


def _noun_content(children: list[Any]) -> tuple[int, int] | None:
    """What a reporting noun reports: its that-clause or its prepositional object."""
    for child in children:
        if child.dep_ in ("acl", "ccomp") and any(c.lower_ == "that" for c in child.children):
            return child.left_edge.i, child.right_edge.i
    for prep in children:
        if prep.dep_ == "prep" and prep.lower_ in REPORTED_PREPS:
            target = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
            if target is not None:
                return target.left_edge.i, target.right_edge.i
    return None


def _according_clause(cue: Any) -> tuple[int, int] | None:
    """What ``according to X`` qualifies: its clause, on the other side of the phrase."""
    head = cue.head
    if head is cue:
        return None
    if cue.i < head.i:
        clause = [t.i for t in head.subtree if t.i > cue.right_edge.i]
    else:
        clause = [t.i for t in head.subtree if t.i < cue.left_edge.i]
    return (min(clause), max(clause)) if clause else None


def _inserted_clause(cue: Any) -> tuple[int, int] | None:
    """``The mill was a giant, Mr. Berg said, until ...``: the sentence around an
    attribution inserted after its first words."""
    doc = cue.doc
    subject = subject_of(cue)
    after = doc[cue.i + 1] if cue.i + 1 < len(doc) else None
    if subject is None or subject.i > cue.i or after is None or after.text not in (",", "."):
        return None
    comma = subject.left_edge.i - 1
    if comma < 1 or doc[comma].text != ",":
        return None
    first = comma - 1
    while first > 0 and not _ends_sentence(doc[first - 1]):
        first -= 1
    last = cue.i
    while last + 1 < len(doc) and not _ends_sentence(doc[last + 1]):
        last += 1
    return (first, last) if comma - first >= _SHORTEST_CLAUSE else None


def _ends_sentence(token: Any) -> bool:
    return token.is_space or "\n" in token.text or token.text in (".", "!", "?", ":")


def _parataxis_clause(cue: Any) -> tuple[int, int] | None:
    """``The plan, he said, is ...``: the whole clause around the inserted reporting verb."""
    head = cue.head
    if head is cue:
        return None
    before = [t.i for t in head.subtree if t.i < cue.left_edge.i]
    after = [t.i for t in head.subtree if t.i > cue.right_edge.i]
    # The report runs on both sides of an inserted "he said" and takes it in, as the
    # words of a sentence would be quoted.
    side = before + after
    return (min(side), max(side)) if len(side) >= _SHORTEST_CLAUSE else None
