"""Detection: positive and negative examples for each kind of personal data and crisis language."""

import pytest

from forums.moderation import detection
from forums.moderation.detection import Kind


def kinds(text):
    return [f.kind for f in detection.find_personal_data(text)]


@pytest.mark.parametrize("text", [
    "Call him on 07700 900123 after six",
    "his number is 07700900123",
    "ring 0161 496 0000",
    "ring (0161) 496-0000 any time",
    "text +44 7700 900123",
    "0044 20 7946 0000 is the flat's landline",
])
def test_phone_numbers_are_found(text):
    assert kinds(text) == [Kind.PHONE]


@pytest.mark.parametrize("text", [
    "Call 999 if someone is not safe", "Ring 101 for the police, 111 for advice",
    "Meeting at 10am on 12/03/2026", "It cost £1500 in 2024", "Open 9-5, 7 days a week",
    "Reference 12345678",
])
def test_other_numbers_are_not_phone_numbers(text):
    assert Kind.PHONE not in kinds(text)


@pytest.mark.parametrize("text", [
    "email jo.bloggs+news@mail.example.co.uk", "Write to someone@example.org please",
])
def test_email_addresses_are_found(text):
    assert kinds(text) == [Kind.EMAIL]


@pytest.mark.parametrize("text", ["Reply @ the meeting", "see you at the park", "a @ b"])
def test_at_signs_alone_are_not_emails(text):
    assert kinds(text) == []


@pytest.mark.parametrize("text", [
    "They deal from 12 Acacia Avenue", "the house at 14b Mill Lane", "Flat 3, 21 High Street",
    "outside 7 Station Rd. most nights", "number 5 Upper Canal Walk",
])
def test_addresses_with_house_numbers_are_found(text):
    assert kinds(text) == [Kind.ADDRESS]


@pytest.mark.parametrize("text", [
    "Something happens on Mill Lane every night", "3 people were on the road",
    "10 minutes from Station Road", "the flat above the Co-op", "2 of them walked up the hill",
])
def test_streets_without_house_numbers_are_not_addresses(text):
    assert kinds(text) == []


@pytest.mark.parametrize("text", [
    "a silver car, AB12 CDE, parks there", "plate was ab12cde", "old van A123 BCD",
    "old van a123 bcd", "black BMW AB 12CDE",
])
def test_vehicle_plates_are_found(text):
    assert kinds(text) == [Kind.PLATE]


@pytest.mark.parametrize("text", [
    "the A12 road", "Covid19 rules", "we met at 10 am", "I'm in year 11", "a1 and b2 the",
])
def test_other_codes_are_not_plates(text):
    assert kinds(text) == []


@pytest.mark.parametrize("text, kind", [
    ("My friend is overdosing in the park, what do I do", Kind.OVERDOSE),
    ("he's just OD'd and he's not breathing", Kind.OVERDOSE),
    ("I feel suicidal tonight", Kind.SUICIDE),
    ("I want to kill myself", Kind.SUICIDE),
    ("some days I want to die", Kind.SUICIDE),
    ("I keep cutting myself", Kind.SELF_HARM),
    ("my daughter self-harms? she talks about self harm", Kind.SELF_HARM),
])
def test_crisis_language_is_found(text, kind):
    assert kind in [f.kind for f in detection.find_crisis(text)]


@pytest.mark.parametrize("text", [
    "The suicide prevention helpline trained us", "Naloxone reverses an opioid overdose",
    "Overdose awareness day is in August", "He cut the hedge himself", "die-hard fans",
])
def test_everyday_words_are_not_crisis(text):
    assert detection.find_crisis(text) == []


def test_describe_names_each_kind_once():
    findings = detection.find_personal_data("07700 900123 or 07700 900124, or jo@example.org")
    assert detection.describe(findings) == "an email address and a phone number"
