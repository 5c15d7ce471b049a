"""
WSGI config for redress project.

It exposes the WSGI callable as a module-level variable named ``application``.

For more information on this file, see
https://docs.djangoproject.com/en/5.2/howto/deployment/wsgi/
"""

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redress.settings")

application = get_wsgi_application()
# Django reads the URLs, and so imports every view and the PDF, chart and spreadsheet libraries
# behind them, on a worker's first request: seconds. Done here, as the worker starts, instead.
get_resolver().url_patterns  # noqa: B018
