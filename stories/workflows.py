"""What happens when a page's approval workflow finishes (WAGTAIL_FINISH_WORKFLOW_ACTION), and the
guard that keeps an approved page published."""

from django.db import transaction

# wagtail.models imports this module while it loads (WAGTAIL_FINISH_WORKFLOW_ACTION), so Page is
# imported inside the functions.

_PUBLISHED_STATE = ("live", "live_revision_id", "first_published_at", "last_published_at",
                    "has_unpublished_changes")


def publish_approved_page(workflow_state, user=None):
    """Publish the approved revision. Editors have no direct "publish" permission (so they cannot
    skip the review), so the approver's permission was already decided by the workflow's tasks:
    this runs only after every task approved. A go-live date still schedules the publication.

    The page row is read afresh and locked: `workflow_state.content_object` may be an object
    loaded earlier in the request, whose `latest_revision` is not the one just approved."""
    from wagtail.models import Page

    with transaction.atomic():
        page = Page.objects.select_for_update().get(pk=workflow_state.object_id)
        page.get_latest_revision().publish(user=user, skip_permission_checks=True)


def keep_first_publication(sender, instance, update_fields=None, **kwargs):
    """A page object loaded before its first publication must not take the page offline when it
    is saved afterwards. The page editor does exactly that: its autosave (and any save from a tab
    opened before the approval) writes the whole row from the draft it loaded (live=False), so an
    approval that had just published the page ended as a draft with the workflow "approved".
    An unpublish is unaffected: it works on a page loaded after publication, which has
    `first_published_at`."""
    from wagtail.models import Page

    if not isinstance(instance, Page) or instance.pk is None or update_fields is not None:
        return
    if instance.live or instance.first_published_at is not None:
        return
    stored = (Page.objects.filter(pk=instance.pk, live=True, first_published_at__isnull=False)
              .values(*_PUBLISHED_STATE).first())
    if stored:
        for field, value in stored.items():
            setattr(instance, field, value)
