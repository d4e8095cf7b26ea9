"""Background work: telling an author why their post was rejected, with their own text."""

from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string

from portal import absolute

from .models import ReviewItem, ReviewStatus


@task()
def send_rejection_email(item_id):
    """Email the author of a rejected post. Idempotent enough: a retry sends the same email."""
    item = ReviewItem.objects.select_related("post__author", "post__thread__board").filter(
        pk=item_id, status=ReviewStatus.REJECTED).first()
    if item is None or not item.post.author.is_active or item.post.author.is_anonymised:
        return
    context = {
        "item": item, "post": item.post, "author": item.post.author,
        "thread_title": item.post.thread.title,
        "rules_url": absolute.base_url() + "/community-rules/",
    }
    EmailMessage(
        subject="[Common Ground] Your post was not published",
        body=render_to_string("moderation/email/rejected.txt", context),
        to=[item.post.author.email],
    ).send()
