"""Thread and board pages print times without the date filter (forums/presenters.py, for speed);
they must print exactly what the filter printed, in any time zone, across clock changes."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone

from forums.presenters import HUMAN_TIME, MACHINE_TIME, stamp

FILTERS = Template(f'{{{{ moment|date:"{MACHINE_TIME}" }}}}|{{{{ moment|date:"{HUMAN_TIME}" }}}}')


def moments():
    start = datetime.datetime(2026, 1, 1, 0, 7, 5, tzinfo=datetime.UTC)
    # Every month, both sides of the UK and US clock changes, single- and double-digit days.
    for hours in range(0, 24 * 366, 37):
        yield start + datetime.timedelta(hours=hours, minutes=hours % 60)
    yield from (datetime.datetime(2026, 3, 29, 0, 59, tzinfo=datetime.UTC),
                datetime.datetime(2026, 3, 29, 1, 0, tzinfo=datetime.UTC),
                datetime.datetime(2026, 10, 25, 0, 59, tzinfo=datetime.UTC),
                datetime.datetime(2026, 10, 25, 1, 0, tzinfo=datetime.UTC),
                datetime.datetime(999, 12, 31, 23, 59, tzinfo=datetime.UTC))


@pytest.mark.parametrize("zone", ["Europe/London", "America/New_York", "Asia/Kolkata", "UTC"])
def test_stamps_print_what_the_date_filter_printed(zone):
    with timezone.override(zone):
        for moment in moments():
            shown = stamp(moment)
            assert f"{shown.machine}|{shown.human}" == FILTERS.render(Context({"moment": moment}))
