"""The public, read-only JSON API at ``/api/v1/`` (django-ninja); see docs/api.md."""
