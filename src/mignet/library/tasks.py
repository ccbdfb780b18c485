"""Background work of the library: text extraction. Tasks take ids and call services."""

from celery import shared_task


@shared_task(acks_late=True, max_retries=3, default_retry_delay=30)
def version_extract(version_id: int) -> None:
    """Extract the text of an uploaded version and index its resource."""
    from .services import version_extract as extract

    extract(version_id=version_id)
