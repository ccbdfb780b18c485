"""Mignet: the working platform of a UN Network on Migration."""

from .celery import app as celery_app

__all__ = ["celery_app"]
