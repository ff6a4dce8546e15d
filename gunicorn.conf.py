"""Gunicorn settings for bin/serve; gunicorn also reads this file when started in this folder."""

import os

wsgi_app = "config.wsgi:application"
bind = os.environ.get("BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"
# Sync workers, two per core: a letter render keeps one busy for about half a second.
workers = int(os.environ.get("DJANGO_WORKERS") or os.environ.get("WEB_CONCURRENCY") or 2 * os.cpu_count())
# Load Django and WeasyPrint once in the master (config.wsgi warms the renderer); workers fork from it.
preload_app = True
# A PDF render can take seconds on a busy machine.
timeout = 60
graceful_timeout = 30
# WeasyPrint keeps ~0.25 MB per render, so workers are replaced now and then (jitter: not all at once).
max_requests = 500
max_requests_jitter = 50
# Only the TLS proxy on this machine may say a request came over HTTPS (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# No gunicornc control socket: one fixed path per user would clash between instances (tests, benchmarks).
control_socket_disable = True
accesslog = "-"
errorlog = "-"
# The path only (%(U)s): no query string and no referrer, so nothing typed can reach the log.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'


def pre_fork(server, worker):
    """Close any database connection the master opened, so no worker inherits its socket."""
    from django.db import connections

    connections.close_all()
