"""Reporting cues: which tokens report what someone said, by the word lists of the lexicon.

The verbs are grouped by what they report (see the lists in :mod:`newsdigest.lexicon`):
speech verbs report a clause ("said (that) ..."); clause verbs only count with one
("believes that ..."); naming verbs give words for something ("called it a ..."); stance
verbs report a position on their object ("criticized the plan"); intent verbs report a
stated aim ("vowed to ..."); preposition verbs report through a preposition ("talked
about ...", "called for ..."). The pipeline runs without spaCy's lemmatizer, so every
inflected form is listed (:func:`newsdigest.lexicon.verb_forms`).
"""

from __future__ import annotations

from typing import Any

from newsdigest.lexicon import verb_forms, words

SPEECH_FORMS = verb_forms("speech_verbs")
CLAUSE_FORMS = verb_forms("clause_verbs")
NAMING_FORMS = verb_forms("naming_verbs")
STANCE_FORMS = verb_forms("stance_verbs")
INTENT_FORMS = verb_forms("intent_verbs")
PREP_FORMS = verb_forms("prep_verbs")
CUE_FORMS = SPEECH_FORMS | CLAUSE_FORMS | NAMING_FORMS | STANCE_FORMS | INTENT_FORMS | PREP_FORMS
# Nouns that report what their owner said: "the mayor's comments about ...".
REPORT_NOUNS = words("report_nouns")
# "continued:" reports only when a colon or comma introduces the words.
COLON_FORMS = verb_forms("colon_verbs")
FINDING_FORMS = verb_forms("finding_verbs")
# Speech verbs that report a request as whom and what ("urged police to ...").
DIRECTIVE_FORMS = verb_forms("directive_verbs")
# Speech cues whose subject says the words: not "learned that ...", "read that ...".
_SPEAKING_FORMS = (SPEECH_FORMS | DIRECTIVE_FORMS) - verb_forms("reception_verbs")
# "As Ms. Ruiz put it, ..."
_PUT = frozenset({"put", "puts", "putting"})
# Prepositions that introduce what a verb or noun reports ("talked about", "called for").
REPORTED_PREPS = frozenset({"about", "on", "of", "against", "for", "to"})


def is_cue(token: Any) -> bool:
    """Whether a token is a reporting verb (or the ``according`` of ``according to``)."""
    lower = token.lower_
    if lower == "according":
        return any(child.lower_ == "to" for child in token.children) or (
            token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to"
        )
    if lower in _PUT:
        return any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children)
    if lower in COLON_FORMS:
        return bool(token.i + 1 < len(token.doc) and token.doc[token.i + 1].text in (":", ","))
    if lower in REPORT_NOUNS and token.pos_ == "NOUN":
        # Only with its owner named: "questions about flooding" reports no one.
        owned = any(child.dep_ == "poss" for child in token.children)
        return owned and noun_content(token) is not None
    if lower not in CUE_FORMS or token.pos_ not in ("VERB", "AUX"):
        return False
    if lower in CLAUSE_FORMS and lower not in SPEECH_FORMS:
        return any(child.dep_ == "ccomp" for child in token.children) or is_finding(token)
    return True


def is_speech_cue(token: Any) -> bool:
    """Whether a token reports words someone said: a speech or directive verb ("said",
    "urged"), or ``according to``."""
    if token.lower_ == "according":
        return is_cue(token)
    return token.lower_ in _SPEAKING_FORMS and token.pos_ in ("VERB", "AUX")


def is_finding(verb: Any) -> bool:
    """ "The poll shows the mayor ahead", "the study found 31 cases": a document's finding."""
    if verb.lower_ not in FINDING_FORMS:
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    has_object = any(c.dep_ == "dobj" for c in verb.children)
    return has_object and subject is not None and subject.pos_ == "NOUN"


def noun_content(noun: Any) -> tuple[int, int] | None:
    """Token range ``[first, last]`` of what a reporting noun reports: its that-clause or its
    prepositional object ("her claim that ...", "his remarks about ...")."""
    children = list(noun.children)
    for child in children:
        if child.dep_ in ("acl", "ccomp") and any(c.lower_ == "that" for c in child.children):
            return child.left_edge.i, child.right_edge.i
    return prep_object(children)


def prep_object(children: list[Any]) -> tuple[int, int] | None:
    """Token range of the object of the first reporting preposition among ``children``."""
    for prep in children:
        if prep.dep_ == "prep" and prep.lower_ in REPORTED_PREPS:
            target = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
            if target is not None:
                return target.left_edge.i, target.right_edge.i
    return None
