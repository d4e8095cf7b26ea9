"""How the kind of a result weighs in its relevance: for the same words, a support service or a
guide from the resource library answers a resident better than forum chatter about it. Every engine
multiplies its text score by these weights (PostgreSQL and SQLite in search/engines.py and
search/postgres.py, Elasticsearch as a function_score in search/elastic.py)."""

from django.db.models import Case, FloatField, Value, When

KIND_WEIGHTS = {
    "service": 3.0,
    "resource": 3.0,
    "case_study": 2.0,
    "report": 2.0,
    "partner": 2.0,
    "event": 1.5,
    "page": 1.5,
}
DEFAULT_WEIGHT = 1.0  # forum threads, and any kind not listed


def kind_weight():
    """The weight of each row's `kind`, as a database expression."""
    return Case(
        *[When(kind=kind, then=Value(weight)) for kind, weight in KIND_WEIGHTS.items()],
        default=Value(DEFAULT_WEIGHT),
        output_field=FloatField(),
    )
