"""Alembic migrations, applied by :func:`stridelift.store.db.migrate` (no alembic.ini needed).

To change a table: add a revision next to ``versions/initial_0001.py`` (``script.py.mako`` is
its template) whose ``down_revision`` is the current head, and update ``store/models.py`` to match.
"""
