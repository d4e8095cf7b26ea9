"""What the stories app shows on the home page and on a partner's page (see portal/sections.py)."""

from .feeds import latest_stories
from .models import CaseStudyPage, ReportPage

SECTION_LENGTH = 3


def home_stories(request):
    return {"stories": latest_stories(limit=SECTION_LENGTH)}


def partner_stories(partner):
    def live(model):
        return list(model.objects.live().public().filter(partners=partner)
                    .order_by("-first_published_at")[:5])

    return {"reports": live(ReportPage), "case_studies": live(CaseStudyPage)}
