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


def us_kinds(text):
    return [f.kind for f in detection.find_personal_data(text, country="US")]


@pytest.mark.parametrize("text, kind", [
    ("find her on insta as jess_r99", Kind.SOCIAL),
    ("his snap is dontcallme22", Kind.SOCIAL),
    ("follow @pillplug_chi", Kind.SOCIAL),
    ("he's on WhatsApp, ask for Lil T on telegram @plugnorth", Kind.MESSAGING),
    ("write to marcus (at) example (dot) com", Kind.EMAIL),
    ("maria arroba example punto com", Kind.EMAIL),
    ("his number is five five five, two oh one, seven seven eight eight", Kind.PHONE),
    ("Call 555-201-7788 ext 4", Kind.PHONE),
    ("dealer's burner: 555-0199", Kind.PHONE),
    ("plate ABC-1234 on a silver Honda", Kind.PLATE),
    ("Apartment 4C at 250 Northside Boulevard", Kind.ADDRESS),
    ("the house at 12 harbor rd", Kind.ADDRESS),
    ("en Calle Olmo 42, 3º B", Kind.ADDRESS),
    ("It's 77 Oak St, Springfield, IL 62704", Kind.ADDRESS),
])
def test_us_and_spanish_forms_are_found(text, kind):
    assert kind in us_kinds(text)


@pytest.mark.parametrize("text", [
    "I saw it on Instagram today", "we met at home", "Please respect the @ sign rule",
    "meet at noon. com", "The national helpline 1-800-662-4357 is free", "In an emergency call 911",
    "The crash on Highway 101 closed two lanes", "Overdoses went down 12% in District 9",
    "They spent $1,250,000 on the new center", "I counted 25 cars in 10 minutes on the road outside",
    "Hubo un choque en la carretera 101", "La avenida estaba llena a las 10", "Case number 24-118",
])
def test_harmless_us_and_spanish_text_is_not_personal_data(text):
    assert us_kinds(text) == []


@pytest.mark.parametrize("text", [
    "Suicide prevention week starts Monday", "A man overdosed last year behind the library",
    "We watched Suicide Squad at movie night", "I cut myself a slice of cake",
    "Naloxone training: check if the person is not breathing", "The van is for people who self-harm",
    "How to support someone who says they want to die", "The website was unresponsive all morning",
    "La página no responde desde la mañana", "Semana de prevención del suicidio",
])
def test_talk_about_crisis_is_not_crisis(text):
    assert detection.find_crisis(text) == []


@pytest.mark.parametrize("text, kind", [
    ("honestly I'm thinking about ending it all", Kind.SUICIDE),
    ("everyone would be better off without me", Kind.SUICIDE),
    ("he's barely breathing and gone grey", Kind.OVERDOSE),
    ("my friend is unresponsive", Kind.OVERDOSE),
    ("no quiero vivir", Kind.SUICIDE),
    ("mi hermano se está muriendo", Kind.OVERDOSE),
])
def test_indirect_crisis_language_is_found(text, kind):
    assert kind in [f.kind for f in detection.find_crisis(text)]


def test_findings_say_where_they_are_in_the_text():
    text = "Ring 07700 900123 now"
    (finding,) = detection.find_personal_data(text)
    assert text[finding.start:finding.end] == finding.text == "07700 900123"


@pytest.mark.parametrize("country, text", [
    ("GB", "she lives at 101 Kingsway with her brother"), ("GB", "the lad at 44 Queensway"),
    ("GB", "she lives at 7 westgate, above the bakery"),
    ("GB", "flat 4 above the chippy on Station Road"), ("GB", "Acacia Avenue, flat 6"),
    ("US", "the dealer is in apartment 4C on Northside Boulevard"), ("US", "Elm Street apt 3B"),
    ("US", "he lives on Lincoln Ave, unit 7"), ("ES", "vive en la calle Olmo, piso 3, puerta B"),
    ("ES", "el piso 2º B de la calle Mayor"), ("US", "Elm Street, apartamento 12"),
])
def test_one_word_streets_and_a_flat_with_its_street_are_addresses(country, text):
    assert [f.kind for f in detection.find_personal_data(text, country=country)] == [Kind.ADDRESS]


@pytest.mark.parametrize("country, text", [
    ("GB", "we walked 2 miles along the Ridgeway"), ("GB", "the 3 hallways in the centre"),
    ("GB", "the police said 5 tailgates were forced"), ("GB", "I'll be on the Kingsway bus at 7"),
    ("GB", "Unit 3 of the course covers Mill Lane's history"),
    ("US", "my apartment on the east side got new locks"), ("US", "the file is called report_v2"),
    ("ES", "vivo en un piso de la calle Mayor desde hace años"),
    ("ES", "el apartado 3 del informe habla de la calle Mayor"),
])
def test_streets_and_flats_that_name_no_home_are_not_addresses(country, text):
    assert detection.find_personal_data(text, country=country) == []


@pytest.mark.parametrize("text", [
    "she's jess_k99 on there", "he's dre2fly99 on there", "look up mike_t_44, he posts it all",
    "add tyler_b on snap", "búscala como jess_k99", "es jess_k99 en esa red", "su usuario es jess_k99",
    "sigue a dani_gt_91 en esa red",
])
def test_handles_written_bare_are_social_accounts(text):
    assert us_kinds(text) == [Kind.SOCIAL]


@pytest.mark.parametrize("text", [
    "follow covid19 guidance at the drop-in", "she's covid19 negative now",
    "the file report_v2 has the numbers", "version 2.1 of the app is out", "see www.example.org",
    "el archivo informe_v2 está en la carpeta",
])
def test_words_with_underscores_or_digits_are_not_handles_by_themselves(text):
    assert us_kinds(text) == []


@pytest.mark.parametrize("country, text, found", [
    ("CA", "she lives at 12 Maple Crescent, Ottawa K1A 0B1", ["12 Maple Crescent", "K1A 0B1"]),
    ("CA", "the postcode is K1A 0B1", ["K1A 0B1"]),
    ("IE", "the Eircode is D02 X285", ["D02 X285"]),
    ("IE", "he's at 14 Main Street, Ballina", ["14 Main Street"]),
    ("AU", "12 Smith Street, Fitzroy VIC 3065", ["12 Smith Street", "VIC 3065"]),
    ("AU", "the house at 7 Wattle Grove", ["7 Wattle Grove"]),
])
def test_canadian_irish_and_australian_addresses_and_postcodes(country, text, found):
    findings = detection.find_personal_data(text, country=country)
    assert [(f.kind, f.text) for f in findings] == [(Kind.ADDRESS, f) for f in found]


@pytest.mark.parametrize("country, text", [
    ("CA", "the 2024 budget had 3 lines for outreach"), ("IE", "we met at 10 in the community hall"),
    ("AU", "I drove 120 km on the highway"),
])
def test_harmless_canadian_irish_and_australian_text(country, text):
    assert detection.find_personal_data(text, country=country) == []


@pytest.mark.parametrize("text, kind", [
    ("her page is https://www.instagram.com/jess_k99", Kind.SOCIAL),
    ("[her page](https://instagram.com/jess_k99)", Kind.SOCIAL),
    ("see https://www.tiktok.com/@jessk99", Kind.SOCIAL),
    ("message me on wa.me/15552017788", Kind.MESSAGING),
])
def test_links_to_profiles_are_handles(text, kind):
    assert us_kinds(text) == [kind]


@pytest.mark.parametrize("text", [
    "read https://example.org/report_v2 first", "watch https://www.instagram.com/reel/Cx12ab/ it's funny",
])
def test_other_links_are_not_handles(text):
    assert us_kinds(text) == []
