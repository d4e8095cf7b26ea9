"""Counts the database queries each request makes and reports them in a response header."""

from django.db import connections

HEADER = "X-Bench-Queries"


def count_queries(get_response):
    def middleware(request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connections["default"].execute_wrapper(counter):
            response = get_response(request)
        response[HEADER] = str(count)
        return response

    return middleware
