"""The email telling an author why their post was rejected, with their own text."""

from portal.emails import absolute_url, queue_email


def queue_rejection_email(item):
    """Queue (in the caller's transaction) the email to the author of the rejected post."""
    author = item.post.author
    if not author.is_active or author.is_anonymised:
        return
    queue_email(
        to=author.email, template="moderation/email/rejected", key=f"moderation:rejected:{item.pk}",
        context={"item": item, "post": item.post, "author": author,
                 "thread_title": item.post.thread.title,
                 "rules_url": absolute_url("/community-rules/")},
        about=f"post:{item.post.pk}",
    )
