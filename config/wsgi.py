"""WSGI entry point; loads the app and warms the letter renderer before the first request.

bin/serve runs gunicorn with --preload, so this runs once in the master and every worker forks warm.
"""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# The first letter a process renders would otherwise pay for loading fonts and caches (~0.2 s).
from wizard.letter.render import warm_up  # noqa: E402

warm_up()

# What is loaded by now (Django, WeasyPrint and its fonts: some 160,000 objects) lives as long as the process.
# Frozen, the garbage collector never walks it again: a full collection had cost some request 0.1-0.3 s,
# and forked workers keep sharing those memory pages instead of copying them as the collector touches them.
gc.collect()
gc.freeze()
