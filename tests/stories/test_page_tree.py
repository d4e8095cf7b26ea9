"""Page types can be created where they belong and nowhere else."""

from wagtail.test.utils import WagtailPageTestCase

from portal.models import HomePage, StandardPage
from stories.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    ReportIndexPage,
    ReportPage,
    ResourceIndexPage,
    ResourcePage,
    ServiceIndexPage,
    ServicePage,
)

PAIRS = [
    (ReportIndexPage, ReportPage),
    (CaseStudyIndexPage, CaseStudyPage),
    (ResourceIndexPage, ResourcePage),
    (ServiceIndexPage, ServicePage),
]


class StoryPageTreeTests(WagtailPageTestCase):
    def test_index_pages_live_under_the_home_page_only(self):
        for index_class, _child in PAIRS:
            with self.subTest(index_class.__name__):
                self.assertAllowedParentPageTypes(index_class, {HomePage})

    def test_story_pages_live_under_their_own_index_only(self):
        for index_class, child_class in PAIRS:
            with self.subTest(child_class.__name__):
                self.assertAllowedParentPageTypes(child_class, {index_class})
                self.assertAllowedSubpageTypes(index_class, {child_class})
                self.assertAllowedSubpageTypes(child_class, set())

    def test_story_pages_cannot_be_created_on_the_home_or_a_standard_page(self):
        for _index, child_class in PAIRS:
            with self.subTest(child_class.__name__):
                self.assertCanNotCreateAt(HomePage, child_class)
                self.assertCanNotCreateAt(StandardPage, child_class)

    def test_reports_cannot_go_under_another_index(self):
        self.assertCanNotCreateAt(CaseStudyIndexPage, ReportPage)
        self.assertCanNotCreateAt(ServiceIndexPage, ReportPage)
        self.assertCanCreateAt(ReportIndexPage, ReportPage)
