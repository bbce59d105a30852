"""WSGI entry point: ``granian --interface wsgi marquee.config.wsgi:application`` (what
``marquee serve`` runs in production), or any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marquee.config.settings")
application = get_wsgi_application()
