"""Near-duplicates: copies and trimmed copies are found, other stories are not."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from newsdigest.corpus.dedup import Signature, band_keys, is_copy, signature
from test_links.stories import QUAKE_A, QUAKE_A2, QUAKE_B


def test_a_copy_with_a_changed_word_is_a_copy() -> None:
    copy = QUAKE_A.replace("thousands", "tens of thousands")
    assert is_copy(signature(QUAKE_A), signature(copy))


def test_a_copy_trimmed_to_its_first_half_is_a_copy() -> None:
    longer = QUAKE_A + " " + QUAKE_B
    assert is_copy(signature(QUAKE_A), signature(longer))


def test_two_stories_of_one_event_are_not_copies() -> None:
    assert not is_copy(signature(QUAKE_A), signature(QUAKE_A2))


def test_a_copy_shares_a_band_bucket() -> None:
    copy = QUAKE_A.replace("Monday", "Tuesday")
    assert set(band_keys(signature(QUAKE_A))) & set(band_keys(signature(copy)))


def test_a_headline_is_too_short_to_be_a_copy() -> None:
    assert band_keys(signature("Quake hits Norland")) == []
    assert not is_copy(signature("Quake hits Norland"), signature("Quake hits Norland"))


def test_a_signature_survives_its_stored_form() -> None:
    sig = signature(QUAKE_B)
    back = Signature.from_bytes(sig.to_bytes())
    assert back.size == sig.size
    assert (back.mins == sig.mins).all()


def test_an_empty_text_has_a_signature_and_no_bands() -> None:
    assert band_keys(signature("")) == []


@given(st.text(max_size=400))
@example("")
@example("one two three four")
def test_any_text_has_a_signature_equal_to_its_own(text: str) -> None:
    sig = signature(text)
    assert sig.to_bytes() == signature(text).to_bytes()
    assert is_copy(sig, sig) == (sig.size >= 20)
