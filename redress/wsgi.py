"""
WSGI config for redress project.

It exposes the WSGI callable as a module-level variable named ``application``.

For more information on this file, see
https://docs.djangoproject.com/en/5.2/howto/deployment/wsgi/
"""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redress.settings")

application = get_wsgi_application()
# Django reads the URLs, and so imports every view and the PDF, chart and spreadsheet libraries
# behind them, on a worker's first request: seconds. Done here, as the worker starts, instead.
get_resolver().url_patterns  # noqa: B018
# Python's full garbage collection walks every object the worker holds, and after start-up that
# is some 170,000 modules, classes and URL patterns that live as long as the worker: each full
# collection took about 150 ms, landing on whichever request happened to trigger it (often a
# spreadsheet download, which makes many objects). Frozen, they are left out of every collection.
gc.collect()
gc.freeze()
