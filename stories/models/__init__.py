"""Pages editors publish: partnership reports, case studies, resources and support services.

One module per content type; this package re-exports them so `stories.models.X` (imports,
migrations, Wagtail's content types) keeps working."""

from .approval import SecondEditorApprovalTask
from .base import PAGE_SIZE, SocialImageMixin, StoryIndexMixin
from .case_studies import (
    CaseStudyFilter,
    CaseStudyIndexPage,
    CaseStudyPage,
    CaseStudyRelatedLink,
    OutcomeType,
)
from .reports import ReportDocument, ReportFilter, ReportIndexPage, ReportPage
from .resources import Audience, ResourceFilter, ResourceFormat, ResourceIndexPage, ResourcePage
from .services import (
    STALE_AFTER_DAYS,
    OpeningHours,
    ServiceFilter,
    ServiceIndexPage,
    ServicePage,
    ServiceType,
    Weekday,
    site_now,
    stale_before,
)

__all__ = [
    "PAGE_SIZE", "STALE_AFTER_DAYS", "Audience", "CaseStudyFilter", "CaseStudyIndexPage", "CaseStudyPage",
    "CaseStudyRelatedLink", "OpeningHours", "OutcomeType", "ReportDocument", "ReportFilter",
    "ReportIndexPage", "ReportPage", "ResourceFilter", "ResourceFormat", "ResourceIndexPage", "ResourcePage",
    "SecondEditorApprovalTask", "ServiceFilter", "ServiceIndexPage", "ServicePage", "ServiceType",
    "SocialImageMixin", "StoryIndexMixin", "Weekday", "site_now", "stale_before",
]
