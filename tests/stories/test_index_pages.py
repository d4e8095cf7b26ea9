"""Index pages: filters, newest first, pagination, and a query count that does not grow."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stories.models import Audience, OutcomeType, ResourceFormat, ServiceType
from tests.factories import (
    NeighbourhoodFactory,
    PartnerFactory,
    TopicFactory,
    case_study_page,
    report_page,
    resource_page,
    service_page,
)

pytestmark = pytest.mark.django_db


def titles(response, names):
    """Which of `names` appear on the page, in the order they appear."""
    found = [(response.text.find(f">{name}</a>"), name) for name in names]
    return [name for position, name in sorted(found) if position >= 0]


# Reports -------------------------------------------------------------------------------------


@pytest.fixture
def reports():
    police = PartnerFactory(name="Test Police", kind="police")
    charity = PartnerFactory(name="Test Charity", kind="ngo")
    litter = TopicFactory(name="Litter")
    return {
        "old": report_page(title="Old report", period_start=datetime.date(2025, 1, 1),
                           period_end=datetime.date(2025, 3, 31), partners=[police]),
        "new": report_page(title="New report", period_start=datetime.date(2026, 4, 1),
                           period_end=datetime.date(2026, 6, 30), partners=[police, charity],
                           topics=[litter]),
        "middle": report_page(title="Middle report", period_start=datetime.date(2026, 1, 1),
                              period_end=datetime.date(2026, 3, 31), partners=[charity]),
    }


ALL_REPORTS = ["Old report", "New report", "Middle report"]


def test_reports_are_listed_newest_period_first(client, reports):
    response = client.get("/reports/")

    assert response.status_code == 200
    assert titles(response, ALL_REPORTS) == ["New report", "Middle report", "Old report"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"partner": "test-police"}, ["New report", "Old report"]),
        ({"partner": "test-charity"}, ["New report", "Middle report"]),
        ({"year": "2026"}, ["New report", "Middle report"]),
        ({"year": "2025"}, ["Old report"]),
        ({"topic": "litter"}, ["New report"]),
        ({"partner": "test-police", "year": "2025"}, ["Old report"]),
        ({"year": "not-a-year"}, ["New report", "Middle report", "Old report"]),
        ({"partner": "nobody"}, []),
    ],
)
def test_report_filters(client, reports, query, expected):
    response = client.get("/reports/", query)

    assert response.status_code == 200
    assert titles(response, ALL_REPORTS) == expected


def test_report_filters_keep_the_choice_and_say_when_nothing_matches(client, reports):
    response = client.get("/reports/", {"partner": "test-police", "topic": "litter", "year": "2025"})

    assert '<option value="test-police" selected>Test Police</option>' in response.text
    assert '<option value="2025" selected>2025</option>' in response.text
    assert "No reports match these filters." in response.text


def test_report_index_paginates_and_keeps_filters_in_page_links(client):
    for number in range(12):
        report_page(title=f"Report number {number}")

    first = client.get("/reports/", {"topic": ""})
    second = client.get("/reports/", {"topic": "", "page": "2"})
    beyond = client.get("/reports/", {"page": "99"})

    assert "Page 1 of 2" in first.text
    assert 'href="?topic=&amp;page=2"' in first.text
    assert "Page 2 of 2" in second.text
    assert beyond.status_code == 200 and "Page 2 of 2" in beyond.text


def test_report_page_shows_figures_table_and_change(client):
    report = report_page(title="Figures report", key_figures=[("figures", {
        "caption": "Key figures", "figures": [{
            "label": "Concerns answered in time", "value": "80", "unit": "%", "target": "90",
            "previous_value": "70", "source": "Portal records"}]})])

    response = client.get(report.url)

    assert '<caption>Key figures</caption>' in response.text
    assert '<th scope="row">Concerns answered in time</th>' in response.text
    assert "Up 10 %" in response.text
    assert "Portal records" in response.text
    assert 'style="width: 89%"' in response.text  # 80 of a 90 target


# Case studies --------------------------------------------------------------------------------


@pytest.fixture
def case_studies():
    police = PartnerFactory(name="Case Police", kind="police")
    health = PartnerFactory(name="Case Health", kind="health")
    harm = TopicFactory(name="Harm")
    case_study_page(title="Overdose study", partners=[police], topics=[harm],
                    outcome_type=OutcomeType.OVERDOSES)
    case_study_page(title="Treatment study", partners=[health],
                    outcome_type=OutcomeType.TREATMENT)


ALL_STUDIES = ["Overdose study", "Treatment study"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["Treatment study", "Overdose study"]),
        ({"outcome": "overdoses"}, ["Overdose study"]),
        ({"partner_kind": "health"}, ["Treatment study"]),
        ({"topic": "harm"}, ["Overdose study"]),
        ({"topic": "harm", "outcome": "treatment"}, []),
    ],
)
def test_case_study_filters(client, case_studies, query, expected):
    response = client.get("/case-studies/", query)

    assert response.status_code == 200
    assert titles(response, ALL_STUDIES) == expected


# Resources -----------------------------------------------------------------------------------


@pytest.fixture
def resources():
    training = TopicFactory(name="Training")
    resource_page(title="For everyone", audience=Audience.EVERYONE)
    resource_page(title="For police", audience=Audience.POLICE, topics=[training])
    resource_page(title="Video for residents", audience=Audience.RESIDENTS,
                  resource_format=ResourceFormat.VIDEO)


ALL_RESOURCES = ["For everyone", "For police", "Video for residents"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["For everyone", "For police", "Video for residents"]),
        ({"audience": "police"}, ["For everyone", "For police"]),
        ({"audience": "residents"}, ["For everyone", "Video for residents"]),
        ({"format": "video"}, ["Video for residents"]),
        ({"topic": "training"}, ["For police"]),
        ({"format": "nonsense"}, ["For everyone", "For police", "Video for residents"]),
    ],
)
def test_resource_filters(client, resources, query, expected):
    response = client.get("/resources/", query)

    assert response.status_code == 200
    assert titles(response, ALL_RESOURCES) == expected


# Support services ----------------------------------------------------------------------------


@pytest.fixture
def services():
    north = NeighbourhoodFactory(name="North")
    service_page(title="Night van", service_type=ServiceType.HARM_REDUCTION, neighbourhood=north,
                 hours=[(day, "20:00", "02:00") for day in range(7)])
    service_page(title="Day clinic", service_type=ServiceType.TREATMENT, is_free=False,
                 cost="£10", hours=[(day, "09:00", "17:00") for day in range(7)])


ALL_SERVICES = ["Night van", "Day clinic"]


def freeze_site_time(monkeypatch, moment):
    monkeypatch.setattr("django.utils.timezone.now", lambda: moment)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["Day clinic", "Night van"]),
        ({"type": "harm_reduction"}, ["Night van"]),
        ({"neighbourhood": "north"}, ["Night van"]),
        ({"free": "1"}, ["Night van"]),
    ],
)
def test_service_filters(client, services, query, expected):
    response = client.get("/get-help/", query)

    assert response.status_code == 200
    assert titles(response, ALL_SERVICES) == expected


@pytest.mark.parametrize(
    ("utc_hour", "expected"),
    [(1, ["Night van"]), (12, ["Day clinic"]), (18, [])],
)
def test_open_now_filter_uses_the_site_clock(client, settings, monkeypatch, services, utc_hour,
                                             expected):
    # Given a site in London in winter (UTC+0)
    settings.TIME_ZONE = "Europe/London"
    freeze_site_time(monkeypatch, datetime.datetime(2026, 11, 25, utc_hour, tzinfo=datetime.UTC))

    response = client.get("/get-help/", {"open_now": "1"})

    assert titles(response, ALL_SERVICES) == expected
    assert 'id="filter-open_now" name="open_now" value="1" checked' in response.text


def test_service_page_shows_hours_and_open_badge(client, settings, monkeypatch):
    settings.TIME_ZONE = "Europe/London"
    freeze_site_time(monkeypatch, datetime.datetime(2026, 11, 25, 23, tzinfo=datetime.UTC))
    van = service_page(title="Van", phone="0100 000 0002", hours=[(2, "20:00", "02:00")])

    response = client.get(van.url)

    assert "Open now" in response.text
    assert '<th scope="row">Wednesday</th><td>20:00</td><td>02:00 (next day)</td>' in response.text
    assert 'href="tel:01000000002"' in response.text
    assert "These details have not been checked yet." in response.text


# Query counts --------------------------------------------------------------------------------


def query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("url", "make"),
    [
        ("/reports/", lambda n: report_page(title=f"R{n}", partners=[PartnerFactory()],
                                            topics=[TopicFactory()])),
        ("/case-studies/", lambda n: case_study_page(title=f"C{n}", partners=[PartnerFactory()],
                                                     neighbourhood=NeighbourhoodFactory())),
        ("/resources/", lambda n: resource_page(title=f"D{n}", topics=[TopicFactory()])),
        ("/get-help/?open_now=", lambda n: service_page(
            title=f"S{n}", neighbourhood=NeighbourhoodFactory(), provider_partner=PartnerFactory(),
            hours=[(0, "09:00", "17:00"), (1, "20:00", "02:00")])),
    ],
)
def test_index_pages_use_a_fixed_number_of_queries(client, django_assert_max_num_queries, url,
                                                   make):
    for n in range(2):
        make(n)
    with_two = query_count(client, url)
    for n in range(2, 10):
        make(n)

    with django_assert_max_num_queries(with_two):
        client.get(url)
    with django_assert_max_num_queries(30):
        client.get(url)
