"""The benchmark's own parts: wrk output parsing, the query counter, and that the baseline view
exists only in the benchmark's URL conf."""

import pytest
from django.test import override_settings

from bench.run import milliseconds, parse_wrk

WRK_OUTPUT = """Running 3s test @ http://127.0.0.1:40000/
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   155.10ms   20.01ms 214.15ms   70.00%
  Latency Distribution
     50%  154.77ms
     75%  170.00ms
     90%  198.89ms
     99%     1.21s
  74 requests in 3.01s, 1.30MB read
  Non-2xx or 3xx responses: 2
Requests/sec:     24.60
Transfer/sec:    441.25KB
"""


def test_wrk_output_is_read_as_milliseconds_and_requests_per_second():
    result = parse_wrk(WRK_OUTPUT)

    assert result == {"p50": 154.77, "p90": 198.89, "p99": 1210.0, "rps": 24.6, "errors": 2}


@pytest.mark.parametrize(("text", "expected"), [("850us", 0.85), ("2.5ms", 2.5), ("1.5s", 1500.0)])
def test_wrk_durations_are_converted_to_milliseconds(text, expected):
    assert milliseconds(text) == pytest.approx(expected)


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="bench.urls", MIDDLEWARE=["bench.middleware.count_queries"])
def test_the_query_counter_reports_each_request_in_a_header(client):
    baseline = client.get("/bench/baseline/")
    partners = client.get("/partners/")

    assert baseline.content == b"ok"
    assert baseline["X-Bench-Queries"] == "0"
    assert int(partners["X-Bench-Queries"]) > 0


@pytest.mark.django_db
def test_the_baseline_view_is_not_in_the_production_urls(client):
    response = client.get("/bench/baseline/")

    assert response.status_code == 404
