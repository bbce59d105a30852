"""The task queue: after-commit work stored as jobs in Marquee's database (docs/tasks.md).

Tasks are declared with Django's Tasks API (``django_tasks.task``, ``django.tasks`` from Django
6) and enqueued through :class:`marquee.tasks.backend.DatabaseBackend`, which writes each job in
the caller's transaction. ``marquee worker`` runs them; in ``inline`` mode the process that
committed the change runs them itself, right after the commit.
"""
