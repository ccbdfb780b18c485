"""Log formatting: timestamps in UTC, whatever the server's zone."""

import logging
import time


class UTCFormatter(logging.Formatter):
    converter = time.gmtime

    def formatTime(self, record, datefmt=None):  # noqa: N802 (logging's API)
        return super().formatTime(record, datefmt or "%Y-%m-%dT%H:%M:%SZ")
