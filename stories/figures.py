"""Public story figures (the transparency dashboard shows them).

- reports_published: partnership reports that are live and were first published in
  [since, until); with `partner`, only reports naming that partner.
"""


from portal.translations import once_per_translation

from .models import ReportPage


def reports_published(since, until, *, partner=None, topic=None):
    reports = once_per_translation(ReportPage.objects.live().public()).filter(first_published_at__gte=since,
                                                         first_published_at__lt=until)
    if partner is not None:
        reports = reports.filter(partners=partner)
    if topic is not None:
        reports = reports.filter(topics=topic)
    return reports.count()
