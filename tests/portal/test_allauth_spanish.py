"""django-allauth's own pages, messages and emails speak to residents in tú at /es/ (issue 19).

allauth ships a Spanish catalogue in the formal usted ("¿Ya tiene una cuenta?"); the portal's
catalogue (LOCALE_PATHS) comes first for the same msgid, so our entries replace its text. Each
test pins one tú phrase a resident meets and the usted phrase allauth would have shown there."""

import gettext as gettext_module
import re
from pathlib import Path

import allauth
import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.utils import translation

from portal.accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ALREADY = "Already have an account? Then please %(link)ssign in%(end_link)s."


def allauths_own_spanish(msgid):
    catalogue = gettext_module.translation(
        "django", Path(allauth.__file__).parent / "locale", languages=["es"])
    return catalogue.gettext(msgid)


def test_our_catalogue_comes_before_allauths():
    assert settings.LOCALE_PATHS == [settings.BASE_DIR / "locale"]
    assert allauths_own_spanish(ALREADY) == (
        "¿Ya tiene una cuenta? Por favor %(link)sinicie sesión%(end_link)s.")

    with translation.override("es"):
        assert translation.gettext(ALREADY) == (
            "¿Ya tienes una cuenta? Entonces %(link)sinicia sesión%(end_link)s.")


def test_spanish_sign_up_page_says_tu(client):
    page = client.get("/es/accounts/signup/").text

    assert "¿Ya tienes una cuenta? Entonces" in page
    assert "¿Ya tiene una cuenta?" not in page


def test_spanish_sign_in_page_and_its_error_say_tu(client, resident):
    page = client.get("/es/accounts/login/").text

    assert "Si todavía no tienes una cuenta, primero" in page
    assert "¿Olvidaste tu contraseña?" in page
    assert "Si aún no ha creado una cuenta" not in page
    assert "¿Ha olvidado su contraseña?" not in page

    failed = client.post("/es/accounts/login/", {"login": resident.email, "password": "wrong"}).text

    assert "El correo electrónico o la contraseña que escribiste no son correctos." in failed
    assert "que ha indicado" not in failed


def test_spanish_sign_out_says_tu(client, resident):
    client.force_login(resident)

    page = client.get("/es/accounts/logout/").text
    assert "¿Seguro que quieres cerrar sesión?" in page
    assert "¿Seguro que desea cerrar sesión?" not in page

    after = client.post("/es/accounts/logout/", follow=True).text
    assert "Cerraste sesión." in after
    assert "Ha cerrado sesión." not in after


def test_spanish_password_reset_pages_and_email_say_tu(client):
    resident = UserFactory(preferred_language="es")

    page = client.get("/es/accounts/password/reset/").text
    assert "¿Olvidaste tu contraseña? Escribe tu correo electrónico" in page
    assert "¿Ha olvidado su contraseña?" not in page

    done = client.post("/es/accounts/password/reset/", {"email": resident.email}, follow=True).text
    assert "Te enviamos un correo. Si no lo ves, revisa tu carpeta de correo no deseado." in done
    assert "Le hemos enviado un correo electrónico" not in done

    (email,) = mail.outbox
    assert "Restablecer tu contraseña" in email.subject
    assert "Recibes este correo porque alguien (tú u otra persona) pidió restablecer" in email.body
    assert "Está recibiendo este correo electrónico porque usted" not in email.body

    link = re.search(r"http\S+/accounts/password/reset/key/\S+", email.body).group()
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    new = "another long passphrase 7"
    changed = client.post(form_url, {"password1": new, "password2": new}, follow=True).text
    assert "Tu contraseña ya cambió." in changed
    assert "Su contraseña ha cambiado." not in changed


def test_a_used_password_reset_link_says_tu(client):
    page = client.get("/es/accounts/password/reset/key/1-set-password/", follow=True).text

    assert "quizás ya lo usaste" in page
    assert "Por favor solicite" not in page


def test_spanish_confirmation_email_and_page_say_tu(client):
    client.post("/es/accounts/signup/", {
        "email": "lucia@example.org", "display_name": "Lucía del barrio",
        "password1": "a long passphrase 4 lucia", "password2": "a long passphrase 4 lucia"})

    (email,) = mail.outbox
    assert "Confirma tu correo electrónico" in email.subject
    assert "Para confirmar que es correcto, abre http" in email.body
    assert "vete a" not in email.body
    assert "confirme su dirección" not in email.subject

    link = re.search(r"http\S+/accounts/confirm-email/\S+", email.body).group()
    assert "/es/accounts/confirm-email/" in link
    page = client.get(link).text
    assert "es un correo electrónico de Lucía del barrio" in page
    assert "Por favor, confirme que" not in page

    confirmed = client.post(link, follow=True).text
    assert "Confirmaste lucia@example.org." in confirmed
    assert "Ha confirmado" not in confirmed
    assert EmailAddress.objects.get(email="lucia@example.org").verified
    assert User.objects.get(email="lucia@example.org").preferred_language == "es"


def test_spanish_email_and_password_management_say_tu(client, resident):
    client.force_login(resident)

    emails = client.post("/es/accounts/email/", {"action_add": "", "email": "nuevo@example.org"},
                         follow=True).text
    assert "Te enviamos un correo de confirmación a nuevo@example.org." in emails
    assert "Tu correo electrónico todavía no está confirmado." in emails
    assert "Su dirección de correo electrónico sigue pendiente" not in emails

    changed = client.post("/es/accounts/password/change/", {
        "oldpassword": PASSWORD, "password1": "a new long passphrase 9",
        "password2": "a new long passphrase 9"}, follow=True).text
    assert "Cambiaste tu contraseña." in changed
    assert "Contraseña cambiada con éxito." not in changed


def test_spanish_two_factor_pages_say_tu(client):
    user = UserFactory(mfa=True)

    client.post("/es/accounts/login/", {"login": user.email, "password": PASSWORD})
    page = client.get("/es/accounts/2fa/authenticate/").text

    assert "Tu cuenta está protegida con autenticación de dos factores." in page
    assert "Su cuenta está protegida" not in page
