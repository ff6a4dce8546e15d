"""Settings for bench/throughput_bench.py only: the app's settings with a urlconf that adds a bare view."""

from config.settings import *  # noqa: F403 (the bench measures the app's own configuration)

ROOT_URLCONF = "throughput_urls"
