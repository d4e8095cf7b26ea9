"""Translating a report with wagtail-localize (issue 19): an editor asks for the Spanish
translation in the admin, the translation is a draft page in the Spanish tree, and the editors'
two-person workflow publishes it as it publishes any page."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Workflow

from portal.accounts.roles import Role
from stories.models import ReportPage
from tests.factories import report_page, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(editor):
    return report_page(title="Quarterly report", summary="Treatment and outreach this quarter.")


def test_an_editor_translates_a_report_and_a_second_editor_publishes_it(client, editor, report):
    spanish = Locale.objects.get(language_code="es")
    client.force_login(editor)

    # When an editor asks wagtail-localize for the Spanish translation, with the pages above it
    response = client.post(reverse("wagtail_localize:submit_page_translation", args=[report.pk]),
                           {"locales": [spanish.pk]})

    # Then a Spanish draft of the report exists, not yet public
    assert response.status_code == 302
    translation = ReportPage.objects.get(translation_key=report.translation_key, locale=spanish)
    assert not translation.live

    # And the editor cannot publish it alone: it goes to the second-editor workflow
    assert not translation.permissions_for_user(editor).can_publish()
    translation.title = "Informe trimestral"
    translation.save_revision(user=editor)
    workflow_state = Workflow.objects.get(name="Editors' approval").start(translation, editor)
    task_state = workflow_state.current_task_state.specific
    assert task_state.task.specific.get_actions(translation, editor) == []

    task_state.task.specific.on_action(task_state, staff_user(Role.EDITOR), "approve")

    translation.refresh_from_db()
    assert translation.live
    client.logout()
    page = client.get(translation.url)
    assert page.status_code == 200 and "Informe trimestral" in page.text
    assert translation.url.startswith("/es/")
