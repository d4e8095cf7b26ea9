"""A Spanish-speaking visitor's journey on /es/ (issue 19), through the UI only: the home page and the
crisis banner in Spanish, the help page from the menu, a report, a search that finds "tratamiento"
for "tratamientos", signing up on allauth's Spanish pages (with a form error in Spanish), the
confirmation email in Spanish, a reply on a Spanish forum thread, a concern raised, held for a new
account, approved by a moderator and routed, and the email the resident gets about it, in
Spanish. And the language switcher, which keeps the page.

Every assertion reads the Spanish a visitor reads: the same journey in English fails. The pages of
the journey with a fixed address are in pages.py (axe on desktop and phone, reflow, the Nu HTML
Checker); the confirmation page, whose address holds a key, is checked by axe here."""

import random
import re
import string

from playwright.sync_api import expect

from .checks import axe_violations
from .test_account_journeys import CONFIRM_LINK
from .test_concern_journeys import approve_in_review_queue

PARTNER = "Harbour Lights Recovery Trust (demo)"  # the demo routes "Alcohol" concerns there
REPORT = "Informe de la colaboración: abril a junio de 2026 (demo)"
SPANISH_THREAD = "¿Hay grupos de apoyo en español para familias?"
EMERGENCY = "Emergencias (policía, ambulancia): 999 (A cualquier hora)"


def letters(count=6):
    """A tag of letters only: digits in a display name may read as a number plate."""
    return "".join(random.choices(string.ascii_lowercase, k=count))


def main_menu(page):
    return page.get_by_role("navigation", name="Principal")


def test_a_spanish_speaking_visitor_reads_searches_signs_up_replies_and_raises_a_concern(
        new_page, live_site):
    page = new_page(bypass_csp=True)  # axe is injected on the confirmation page
    tag = letters()
    email, display_name = f"vecina-{tag}@example.org", f"Vecina {tag}"
    title = f"Botellas rotas en la rampa del embarcadero ({tag})"

    # Given a visitor who opens the Spanish home page
    page.goto("/es/")

    # Then the page is in Spanish, and so is the crisis banner with the help numbers
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", name="¿Algo anda mal en tu barrio?")).to_be_visible()
    banner = page.get_by_role("complementary", name="Ayuda en crisis")
    expect(banner).to_contain_text(
        "¿En peligro ahora, o alguien ha tenido una sobredosis? Llama al 999.")
    expect(banner).to_contain_text(EMERGENCY)
    expect(banner).to_contain_text(
        "Línea de ayuda sobre drogas y alcohol de Riverton (demo): 0800 000 0000 (24 horas, gratuita)")
    expect(page.get_by_role("main")).to_contain_text(
        "Si alguien está en peligro ahora, llama al 999 (Emergencias (policía, ambulancia)).")

    # When they open the help page from the menu
    main_menu(page).get_by_role("link", name="Pedir ayuda").click()

    # Then it lists the help numbers in Spanish, and the menu marks where they are
    expect(page).to_have_url(re.compile(r"/es/get-help/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Pedir ayuda")
    expect(page.locator(".help-now")).to_contain_text("Ayuda ahora")
    expect(page.locator(".help-now")).to_contain_text(EMERGENCY)
    expect(main_menu(page).get_by_role("link", name="Pedir ayuda")).to_have_attribute(
        "aria-current", "page")

    # When they open the latest partnership report from the home page
    page.goto("/es/")
    page.get_by_role("link", name=REPORT).click()

    # Then they read it in Spanish
    expect(page).to_have_url(re.compile(r"/es/reports/2026-q2/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(REPORT)
    expect(page.get_by_role("main")).to_contain_text(
        "Período del informe: 1 de abril de 2026 al 30 de junio de 2026")

    # When they search for "tratamientos" from the header
    page.get_by_label("Buscar en el portal").fill("tratamientos")
    page.get_by_label("Buscar en el portal").press("Enter")

    # Then Spanish stemming finds the report, which says "tratamiento"
    expect(page.get_by_role("main")).to_contain_text(re.compile(r"\d+ resultados? para “tratamientos”"))
    result = page.get_by_role("main").get_by_role("listitem").filter(
        has=page.get_by_role("link", name=REPORT))
    expect(result).to_contain_text("empezaron un tratamiento")
    expect(page.locator(".search-facets")).to_contain_text("Tratamiento y recuperación")

    # When they sign up, with an email address in their display name
    page.get_by_role("navigation", name="Tu cuenta").get_by_role("link", name="Registrarse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registrarse")
    page.get_by_label("Correo electrónico").fill(email)
    page.get_by_label("Nombre visible").fill(f"Vecina ({email})")
    page.get_by_label("Barrio").select_option(label="Riverside")
    page.locator("#id_password1").fill("una-contrasena-larga-de-riverton")
    page.get_by_label("Contraseña (otra vez)").fill("una-contrasena-larga-de-riverton")
    page.get_by_role("button", name="Registrarse").click()

    # Then they are told, in Spanish, what to change
    expect(page.locator(".field--error")).to_contain_text(
        "El nombre visible parece contener una dirección de correo electrónico. Se muestra en "
        "público: no incluyas datos personales de nadie.")

    # When they choose another name and sign up
    page.get_by_label("Nombre visible").fill(display_name)
    page.locator("#id_password1").fill("una-contrasena-larga-de-riverton")
    page.get_by_label("Contraseña (otra vez)").fill("una-contrasena-larga-de-riverton")
    page.get_by_role("button", name="Registrarse").click()

    # Then they are asked to confirm their address, and the email they get is in Spanish
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirma tu correo electrónico")
    message = live_site.last_mail_to(email)
    text = message.get_body(("plain",)).get_content()
    assert "Confirma tu correo electrónico" in message["Subject"]
    assert "Para confirmar que es correcto, abre" in text
    link = CONFIRM_LINK.search(text).group(0)
    assert "/es/accounts/confirm-email/" in link

    # When they open the link and confirm
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirmar correo electrónico")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Confirmar").click()

    # Then they are signed in, on the Spanish home page
    expect(page).to_have_url(f"{live_site.url}/es/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("navigation", name="Tu cuenta")).to_contain_text(display_name)

    # When they reply on a Spanish thread
    page.goto("/es/forum/treatment-and-recovery/")
    page.get_by_role("link", name=SPANISH_THREAD).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SPANISH_THREAD)
    expect(page.get_by_role("article").filter(has_text="voluntarias que hablan español")).to_contain_text(
        f"Enlace, {PARTNER}")
    reply = "Gracias, iré el jueves con mi hermana. ¿Hay que apuntarse antes o basta con llegar?"
    page.get_by_label("Tu respuesta").fill(reply)
    page.get_by_role("button", name="Publicar respuesta").click()

    # Then, being new, their reply waits for a moderator, and they are told so in Spanish
    expect(page.get_by_role("status")).to_contain_text(
        "Gracias por publicar. Un moderador revisa tus primeras publicaciones antes de que aparezcan")
    expect(page.get_by_role("article").filter(has_text=reply)).to_contain_text(
        "En espera de revisión: solo tú puedes ver esta publicación hasta que un moderador la apruebe")

    # When they raise a concern from the menu
    main_menu(page).get_by_role("link", name="Plantear una inquietud").click()
    page.get_by_label("Título").fill(title)
    page.get_by_label("Tu publicación").fill(
        "Cada tarde un grupo bebe en la rampa del embarcadero y deja botellas rotas donde los niños "
        "sacan las canoas. (Prueba del recorrido.)")
    page.get_by_label("Tema").select_option(label="Alcohol")
    page.get_by_label("Barrio").select_option(label="Riverside")
    page.get_by_role("button", name="Publicar", exact=True).click()

    # Then it is held for a moderator, and its timeline says so in Spanish
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    concern = page.locator("#concern")
    expect(concern).to_contain_text("En espera de que un moderador la revise.")
    expect(concern).to_contain_text("El vecino: Enviada")

    # When a moderator approves it in the review queue
    approve_in_review_queue(new_page(), title, row_text="botellas rotas")

    # Then the email telling the resident where it was sent is in Spanish, with the Spanish page
    message = live_site.last_mail_to(email)
    text = message.get_body(("plain",)).get_content()
    assert f"Tu inquietud: Publicada y enviada a {PARTNER}" in message["Subject"]
    assert f"Tu inquietud “{title}” ahora está en estado: abierta." in text
    assert f"Common Ground: Publicada y enviada a {PARTNER}" in text
    assert "/es/forum/neighbourhood-concerns/" in text
    assert "Recibes estos correos porque sigues este tema" in text

    # And the concern's page says so in Spanish
    page.reload()
    expect(concern).to_contain_text(f"Enviada a {PARTNER}.")
    expect(concern).to_contain_text(f"Common Ground: Publicada y enviada a {PARTNER}")


def test_the_language_switcher_keeps_the_page(page):
    # Given a visitor on an English report
    page.goto("/reports/2026-q2/")
    expect(page.locator("html")).to_have_attribute("lang", "en-GB")

    # When they choose Español
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Español").click()

    # Then they read the same report in Spanish
    expect(page).to_have_url(re.compile(r"/es/reports/2026-q2/$"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text(REPORT)
    switcher = page.get_by_role("navigation", name="Idioma")
    expect(switcher.get_by_role("link", name="Español")).to_have_attribute("aria-current", "true")

    # When they choose English again
    switcher.get_by_role("link", name="English").click()

    # Then they are back on the English report
    expect(page).to_have_url(re.compile(r"/reports/2026-q2/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en-GB")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Partnership report: April to June 2026 (demo)")


def test_the_language_switcher_keeps_the_filters_of_the_help_page(page):
    # Given a visitor who narrowed the English help page to counselling in Westfield
    page.goto("/get-help/?type=counselling&neighbourhood=westfield")

    # When they choose Español
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Español").click()

    # Then the Spanish page keeps the same filters
    expect(page).to_have_url(re.compile(r"/es/get-help/\?type=counselling&neighbourhood=westfield$"))
    expect(page.get_by_label("Tipo de ayuda")).to_have_value("counselling")
    expect(page.get_by_role("main")).to_contain_text("Westfield counselling service (demo)")
    expect(page.get_by_role("main")).to_contain_text("1 resultado coincide con tus filtros.")
