"""The web application (FastAPI + Jinja2 + HTMX). Routers parse, call a service and render."""

from stridelift.web.app import create_app

__all__ = ["create_app"]
