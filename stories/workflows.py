"""What happens when a page's approval workflow finishes (WAGTAIL_FINISH_WORKFLOW_ACTION)."""


def publish_approved_page(workflow_state, user=None):
    """Publish the approved revision. Editors have no direct "publish" permission (so they cannot
    skip the review), so the approver's permission was already decided by the workflow's tasks:
    this runs only after every task approved. A go-live date still schedules the publication."""
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
