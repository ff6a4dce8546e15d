"""URLs for bench/throughput_bench.py only: the app's URLs and a bare view to compare each step with."""

from django.http import HttpResponse
from django.urls import path

from config.urls import handler500  # noqa: F401 (handler500 is read by name)
from config.urls import urlpatterns as app_urlpatterns


def bare(request):
    """Answer "ok" through the same middleware, with no database work of its own."""
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *app_urlpatterns]
