"""The liaison's rules (issue 17): claims and notes belong to an organisation, a referral routes
the concern, resolving needs an official answer, a locked thread keeps the partners' answer form,
escalation sends one email per partner, the response target is at least one day."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from forums.concerns import actions, jobs, permissions
from forums.concerns.models import Concern, ConcernRoute, ConcernSettings, State
from portal.accounts.roles import Role
from portal.models import OutboxEmail, SiteSettings
from tests.factories import PartnerFactory, UserFactory, raised_concern, staff_user

pytestmark = pytest.mark.django_db


def test_each_routed_partner_claims_separately(concern, liaison, ngo_liaison, partner, ngo):
    actions.claim(concern, by=liaison)
    assert permissions.can_claim(ngo_liaison, concern)  # the NGO's claim is still free
    actions.claim(concern, by=ngo_liaison)
    claims = dict(ConcernRoute.objects.filter(concern=concern)
                  .values_list("partner_id", "claimed_by_id"))
    assert claims == {partner.pk: liaison.pk, ngo.pk: ngo_liaison.pk}


def test_assigning_changes_only_the_own_organisations_claim(concern, liaison, ngo_liaison, partner,
                                                            ngo):
    colleague = staff_user(Role.LIAISON, partner=partner)
    actions.claim(concern, by=ngo_liaison)
    actions.assign(concern, colleague, by=liaison)
    claims = dict(ConcernRoute.objects.filter(concern=concern)
                  .values_list("partner_id", "claimed_by_id"))
    assert claims == {partner.pk: colleague.pk, ngo.pk: ngo_liaison.pk}
    with pytest.raises(PermissionDenied):
        actions.assign(concern, ngo_liaison, by=liaison)  # not a colleague


@pytest.mark.parametrize("shared, ngo_sees", [(False, False), (True, True)])
def test_a_note_is_seen_by_its_organisation_unless_shared(concern, liaison, ngo_liaison,
                                                         other_liaison, moderator, shared,
                                                         ngo_sees):
    note = actions.add_note(concern, by=liaison, body="Spoke to the park keeper", share=shared)
    assert permissions.can_see_note(liaison, note, concern) is True
    assert permissions.can_see_note(ngo_liaison, note, concern) is ngo_sees
    assert permissions.can_see_note(moderator, note, concern) is True
    assert permissions.can_see_note(other_liaison, note, concern) is False  # not routed


def test_thread_page_shows_each_liaison_only_the_notes_they_may_see(client, concern, liaison,
                                                                    ngo_liaison, moderator):
    actions.add_note(concern, by=liaison, body="Police only: patrol booked")
    actions.add_note(concern, by=liaison, body="For everyone: sharps bin asked for", share=True)
    actions.add_note(concern, by=ngo_liaison, body="NGO only: outreach on Friday")
    url = concern.thread.get_absolute_url()
    seen = {}
    for name, user in [("police", liaison), ("ngo", ngo_liaison), ("moderator", moderator)]:
        client.force_login(user)
        page = client.get(url).content.decode()
        seen[name] = {text for text in ["patrol booked", "sharps bin asked for",
                                        "outreach on Friday"] if text in page}
    assert seen == {"police": {"patrol booked", "sharps bin asked for"},
                    "ngo": {"sharps bin asked for", "outreach on Friday"},
                    "moderator": {"patrol booked", "sharps bin asked for", "outreach on Friday"}}


def test_referral_routes_the_concern_emails_the_partner_and_keeps_it_open(
        concern, liaison, other_partner, other_liaison):
    actions.answer(concern, by=liaison, kind="referred", refer_to=other_partner,
                   body="The Elsewhere Trust runs the needle exchange and will follow this up.")
    concern.refresh_from_db()
    assert other_partner.pk in set(concern.routes.values_list("partner_id", flat=True))
    assert concern.state == State.OPEN and concern.first_response_at is None
    assert permissions.can_answer(other_liaison, concern)
    emails = OutboxEmail.objects.filter(key=f"concerns:routed:{concern.pk}:{other_partner.pk}")
    assert [e.to for e in emails] == [[other_liaison.email]]
    assert "Referred to Elsewhere Trust (test)" in concern.events.values_list("summary", flat=True)


def test_referral_needs_a_partner_not_already_routed(concern, liaison, ngo):
    with pytest.raises(ValidationError, match="Choose the partner"):
        actions.answer(concern, by=liaison, kind="referred", body="Passing this on.")
    with pytest.raises(ValidationError, match="already has this concern"):
        actions.answer(concern, by=liaison, kind="referred", body="Passing this on.", refer_to=ngo)
    assert concern.answers.count() == 0


def test_default_partner_passes_an_unmatched_concern_on(resident, concern_board, topic, area,
                                                        partner, liaison, other_partner,
                                                        other_liaison):
    site = Site.objects.get(is_default_site=True)
    ConcernSettings.objects.update_or_create(site=site, defaults={"default_partner": partner})
    concern = raised_concern(resident, concern_board, topic=topic, neighbourhood=area)
    assert concern.is_unmatched and concern.partner_ids() == {partner.pk}
    actions.refer(concern, by=liaison, partner=other_partner, body="Over to the Trust.")
    concern = Concern.objects.get(pk=concern.pk)
    assert concern.partner_ids() == {partner.pk, other_partner.pk}
    actions.answer(concern, by=other_liaison, kind="action_taken", body="We visited.")
    concern.refresh_from_db()
    assert concern.state == State.ANSWERED


def test_resolving_needs_an_official_answer_first(concern, liaison, moderator, resident):
    with pytest.raises(ValidationError, match="official answer first"):
        actions.resolve(concern, by=liaison)
    with pytest.raises(ValidationError, match="official answer first"):
        actions.resolve(concern, by=moderator)
    with pytest.raises(PermissionDenied):
        actions.resolve(concern, by=resident)
    actions.answer(concern, by=liaison, kind="not_actionable", reason="Private land",
                   body="This is private land; the owner has been told.")
    actions.resolve(concern, by=liaison)
    concern.refresh_from_db()
    assert concern.state == State.RESOLVED


@pytest.mark.parametrize("role, can", [("liaison", True), ("ngo_liaison", True),
                                       ("other_liaison", False), ("moderator", False),
                                       ("resident", False)])
def test_a_locked_concern_thread_keeps_the_partners_answer_form(concern, request, role, can):
    concern.thread.is_locked = True
    concern.thread.save(update_fields=["is_locked"])
    assert permissions.can_answer(request.getfixturevalue(role), concern) is can


def test_a_partner_answers_a_locked_concern_thread_in_public(client, concern, liaison):
    concern.thread.is_locked = True
    concern.thread.save(update_fields=["is_locked"])
    client.force_login(liaison)
    page = client.get(concern.thread.get_absolute_url()).content.decode()
    assert 'id="concern-answer"' in page
    actions.answer(concern, by=liaison, kind="information", body="We are looking into it.")
    assert concern.answers.count() == 1


def test_escalation_sends_one_email_per_partner_listing_its_concerns(
        resident, concern_board, topic, area, rules, liaison, ngo_liaison, ngo):
    concerns = [raised_concern(resident, concern_board, topic=topic, neighbourhood=area,
                               title=f"Needles by bench {n}") for n in (1, 2, 3)]
    Concern.objects.filter(pk__in=[c.pk for c in concerns]).update(
        published_at=timezone.now() - timedelta(days=6))
    assert jobs.run()["escalations"] == 1
    [email] = OutboxEmail.objects.filter(key__startswith="concerns:escalation:")
    assert email.to == ["lead@harbour.example"]
    assert all(f"Needles by bench {n}" in email.body for n in (1, 2, 3))
    assert jobs.run()["escalations"] == 0  # each concern is escalated once
    assert OutboxEmail.objects.filter(key__startswith="concerns:escalation:").count() == 1
    assert set(ConcernRoute.objects.filter(partner=ngo).values_list("escalated_at", flat=True)) \
        != {None}


def test_response_target_must_be_at_least_one_day():
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.response_target_days = 0
    with pytest.raises(ValidationError) as error:
        settings.full_clean()
    assert "response_target_days" in error.value.message_dict
    settings.response_target_days = 1
    settings.full_clean()


def test_claim_by_someone_else_is_refused(concern):
    with pytest.raises(PermissionDenied):
        actions.claim(concern, by=UserFactory())
    with pytest.raises(PermissionDenied):
        actions.claim(concern, by=staff_user(Role.LIAISON, partner=PartnerFactory()))


def test_templates_fill_placeholders_and_are_offered_by_kind_and_topic(client, concern, ngo,
                                                                       ngo_liaison, topic):
    from forums.concerns.models import ResponseTemplate
    from tests.factories import TopicFactory

    ResponseTemplate.objects.create(
        partner=ngo, topic=topic, kind="action_taken", title="Visit booked",
        body="{partner} will visit {neighbourhood} about “{title}” by {due_date}. {unknown}")
    ResponseTemplate.objects.create(partner=ngo, kind="referred", title="Passed on", body="x")
    ResponseTemplate.objects.create(partner=ngo, topic=TopicFactory(name="Other topic"),
                                    title="Another topic's", body="x")
    client.force_login(ngo_liaison)
    url = concern.thread.get_absolute_url()
    page = client.get(url).content.decode()
    assert "Action taken: <a" in page and "Referred to another partner: <a" in page
    assert "Another topic&#x27;s" not in page and "Another topic's" not in page
    template = ResponseTemplate.objects.get(title="Visit booked")
    page = client.get(url, {"template": template.pk}).content.decode()
    due = timezone.localtime(concern.published_at + timedelta(days=jobs.target_days()))
    assert (f"Harbour Lights (test) will visit Millbrook about “{concern.title}” by "
            f"{due.day} {due:%B %Y}. {{unknown}}") in page
    assert re.search(r'value="action_taken"[^>]*checked', page)


def test_an_answer_saved_as_draft_is_private_until_published(client, concern, ngo_liaison, ngo,
                                                             resident, liaison):
    colleague = staff_user(Role.LIAISON, partner=ngo)
    client.force_login(ngo_liaison)
    action = reverse("forums:concern_action", args=[concern.pk, "answer"])
    client.post(action, {"answer-kind": "information", "answer-body": "Drop-in open weekdays.",
                         "save_draft": "1"})
    assert concern.answers.count() == 0
    url = concern.thread.get_absolute_url()
    client.force_login(colleague)  # a colleague finds the draft in the answer form
    assert "Drop-in open weekdays." in client.get(url).content.decode()
    for other in (resident, liaison):  # the public and the other routed partner do not
        client.force_login(other)
        assert "Drop-in open weekdays." not in client.get(url).content.decode()
    client.force_login(colleague)
    client.post(action, {"answer-kind": "information", "answer-body": "Drop-in open weekdays."})
    assert concern.answers.count() == 1
    assert not concern.drafts.exists()
