import pytest
from wagtail.models import Page

from portal.models import HomePage, StandardPage


@pytest.fixture
def home(db):
    return HomePage.objects.get()


@pytest.fixture
def publish(home, django_capture_on_commit_callbacks):
    """Publish a standard page the way an editor does (a revision, then publish), running the
    index update that is queued after the commit."""

    def publish(title, intro="", parent=None, **fields):
        parent = parent or home
        page = StandardPage(title=title, intro=intro, live=False, **fields)
        with django_capture_on_commit_callbacks(execute=True):
            parent.add_child(instance=page)
            page.save_revision().publish()
        return StandardPage.objects.get(pk=page.pk)

    return publish


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    """Run a change and the search updates it queues after the commit."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


def page_titles(response):
    return [hit.title for hit in response.context["results"].hits]


__all__ = ["Page", "page_titles"]
