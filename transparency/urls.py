"""Public figures and open data: the transparency dashboard's downloads and the Open311 read API."""

urlpatterns = []
