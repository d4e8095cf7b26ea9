"""The portal's URLs plus the baseline: the smallest Django view, on the same server and stack."""

from django.http import HttpResponse
from django.urls import path

from portal.urls import handler403, handler404, handler500  # noqa: F401 - Django looks them up here
from portal.urls import urlpatterns as portal_urlpatterns


def baseline(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/baseline/", baseline), *portal_urlpatterns]
