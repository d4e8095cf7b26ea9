"""A liaison's day, through the UI only: a resident raises a concern about drinking by the
river (the demo's rules send it to Harbour Lights); the NGO's liaison finds it in the inbox,
claims it, writes an internal note, starts the answer from a template (placeholders filled),
posts it, refers the concern on to the police, and marks it resolved. Page loads are counted."""


from playwright.sync_api import expect

from .conftest import sign_in, unique_word
from .pages import RESIDENT

CONCERNS_BOARD = "/forum/neighbourhood-concerns/"
LIAISON = "ngo.liaison@riverton.example"
POLICE = "Riverton Police Service (demo)"
# inbox, concern, claim, note, template, answer, second template, refer, resolve
MAX_PAGE_LOADS = 9


def raise_concern(page, title):
    sign_in(page, RESIDENT)
    page.goto(CONCERNS_BOARD)
    page.locator("#main").get_by_role("link", name="Raise a concern").click()
    page.get_by_label("Title").fill(title)
    page.get_by_label("Your post").fill("Every evening people drink on the river steps and leave "
                                        "bottles behind. (Liaison day test.)")
    page.get_by_label("Topic").select_option(label="Alcohol")
    page.get_by_label("Neighbourhood").select_option(label="Riverside")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_a_liaisons_day_claim_note_template_answer_refer_resolve(new_page):
    title = f"Drinking on the river steps ({unique_word(6)})"
    raise_concern(new_page(), title)

    page = new_page()
    sign_in(page, LIAISON)
    loads = []
    page.on("load", lambda _: loads.append(page.url))

    # The inbox opens on open concerns that are mine or unclaimed, so the new one is there
    page.goto("/admin/concerns/")
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)

    page.get_by_role("button", name="Claim it").click()
    expect(page.get_by_role("status")).to_contain_text("You claimed this concern.")
    expect(page.locator(".concern-tools")).to_contain_text("claimed by Outreach Lead")

    note = page.locator("#concern-note")
    note.get_by_label("Internal note").fill("Outreach team on the steps Friday evening.")
    note.get_by_role("button", name="Save the note").click()
    expect(page.get_by_role("status")).to_contain_text("Your note is saved.")
    expect(page.locator(".concern-tools")).to_contain_text("only Harbour Lights")

    page.get_by_role("link", name="Outreach visit").click()
    answer = page.locator("#concern-answer")
    body = answer.get_by_label("Official answer (public)")
    expect(body).to_have_value(f"Thank you for raising “{title}”. Outreach workers from Harbour "
                               "Lights Recovery Trust (demo) will visit Riverside and offer "
                               "support to anyone who wants it. (Demo template.)")
    expect(answer.get_by_label("Action taken", exact=True)).to_be_checked()
    answer.get_by_role("button", name="Post the official answer").click()
    expect(page.get_by_role("status")).to_contain_text("Your official answer is posted.")

    page.get_by_role("link", name="Passed to the police").click()
    answer = page.locator("#concern-answer")
    expect(answer.get_by_label("Referred to another partner", exact=True)).to_be_checked()
    answer.get_by_label("Refer to (for “referred to another partner”)").select_option(label=POLICE)
    answer.get_by_role("button", name="Post the official answer").click()
    expect(page.get_by_role("status")).to_contain_text("Your official answer is posted.")
    expect(page.locator("#concern")).to_contain_text(f"Referred to {POLICE}")

    resolve = page.locator("#concern-resolve")
    resolve.get_by_label("Reason (optional)").fill("Outreach visits under way")
    resolve.get_by_role("button", name="Mark resolved").click()
    expect(page.get_by_role("status")).to_contain_text("The concern is marked resolved.")

    journey = loads[next(i for i, url in enumerate(loads) if url.endswith("/admin/concerns/")):]
    assert len(journey) <= MAX_PAGE_LOADS, journey

    # The resolved tab lists it (it is claimed, so the default "mine and unclaimed" of the open
    # concerns must not hide it)
    page.goto("/admin/concerns/")
    page.get_by_role("navigation", name="Concerns by state").get_by_role(
        "link", name="Resolved").click()
    expect(page.get_by_role("row").filter(has_text=title)).to_have_count(1)


def test_a_liaison_claims_several_concerns_at_once(new_page):
    """Bulk claim: tick two new concerns in the inbox and claim them in one request."""
    titles = [f"Bottles on the river steps {n} ({unique_word(6)})" for n in (1, 2)]
    resident = new_page()
    sign_in(resident, RESIDENT)
    for title in titles:
        _raise(resident, title)

    page = new_page()
    sign_in(page, LIAISON)
    page.goto("/admin/concerns/")
    loads = []
    page.on("load", lambda _: loads.append(page.url))
    for title in titles:
        page.get_by_label(f"Select “{title}”").check()
    page.get_by_role("button", name="Claim for my organisation").click()
    expect(page.locator(".messages")).to_contain_text("Claimed 2 concerns for your organisation.")
    for title in titles:
        expect(page.get_by_role("row").filter(has_text=title)).to_contain_text("Outreach Lead")
    assert len(loads) == 1, loads  # the claim and the inbox it comes back to: one page load


def _raise(page, title):
    page.goto(CONCERNS_BOARD)
    page.locator("#main").get_by_role("link", name="Raise a concern").click()
    page.get_by_label("Title").fill(title)
    page.get_by_label("Your post").fill("Bottles again on the steps this morning. (Bulk test.)")
    page.get_by_label("Topic").select_option(label="Alcohol")
    page.get_by_label("Neighbourhood").select_option(label="Riverside")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
