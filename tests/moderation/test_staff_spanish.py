"""The moderation admin in Spanish for a staff member whose language is Spanish (issue 19): the
messages after an action, the queue's filters and columns and the reasons' labels, while the
reasons' published names (the open data's columns) stay English."""

import pytest
from django.urls import reverse
from django.utils import translation

from forums.moderation.figures import monthly_figures
from forums.moderation.models import ReviewReason
from portal.accounts import actions as account_actions
from tests.factories import UserFactory, established_resident, forum_thread, held_reply

pytestmark = pytest.mark.django_db

QUEUE_URL = "/admin/moderation/queue/"


@pytest.fixture
def thread(board):
    return forum_thread(established_resident(), board, title="Farolas rotas en la calle Mayor")


@pytest.fixture
def spanish_moderator(moderator):
    account_actions.update_profile(moderator, display_name=moderator.display_name, neighbourhood=None,
                                   preferred_language="es")
    return moderator


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_a_spanish_moderator_is_told_in_spanish_what_an_action_did(client, spanish_moderator, thread):
    post, _item = held_reply(UserFactory(), thread)
    client.force_login(spanish_moderator)

    response = client.post(reverse("moderation_post", args=[post.pk]), {"action": "approve"}, follow=True)

    assert messages_of(response) == ["Aprobada: la publicación es pública."]
    assert "Aprobada: la publicación es pública." in response.content.decode()


def test_a_spanish_moderator_is_told_in_spanish_from_the_queues_row(client, spanish_moderator, thread):
    _post, item = held_reply(UserFactory(), thread)
    client.force_login(spanish_moderator)

    response = client.post(reverse("moderation_queue_act", args=[item.pk]), {"action": "approve"},
                           follow=True)

    assert messages_of(response) == ["Se aprobó “Farolas rotas en la calle Mayor”."]


def test_an_english_moderator_still_reads_english(client, moderator, thread):
    post, _item = held_reply(UserFactory(), thread)
    client.force_login(moderator)

    response = client.post(reverse("moderation_post", args=[post.pk]), {"action": "approve"}, follow=True)

    assert messages_of(response) == ["Approved: the post is public."]


def test_the_queues_filters_are_in_spanish(client, spanish_moderator, thread):
    held_reply(UserFactory(), thread)
    client.force_login(spanish_moderator)

    html = client.get(QUEUE_URL).content.decode()

    assert "Solo urgentes" in html  # the "Urgent only" filter
    assert "Menos de una semana" in html  # a choice of the "Waiting" filter
    assert "Cuenta nueva" in html  # the reason filter's choice, and the row's reason
    assert "Urgent only" not in html and "Less than a week" not in html


def test_the_reasons_labels_are_translated_and_their_published_names_are_not(thread):
    post, item = held_reply(UserFactory(), thread)

    with translation.override("es"):
        assert str(ReviewReason.CRISIS.label) == "Lenguaje de crisis"
        assert str(ReviewReason.FLAGGED.label) == "Reportada por vecinos"
        assert item.summary.startswith("Cuenta nueva")
        figures = monthly_figures(item.created_at.year, item.created_at.month)
    assert str(ReviewReason.CRISIS.label) == "Crisis language"
    assert "Cuenta nueva" not in item.summary
    assert figures["flagged"] == 0 and figures["hidden_by_reason"] == {}
