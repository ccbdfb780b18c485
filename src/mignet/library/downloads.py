"""How a library file leaves the server: always with the type its content was found to be (never the one the
browser sent), as an attachment unless it is a picture or a PDF that may be shown, and with headers that keep
a hostile file inert (no sniffing, no scripts, no framing, no caching of non-public files)."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, urlsplit

from django.http import FileResponse, Http404, HttpResponseRedirect

from mignet.core.choices import Visibility

# Only these may be shown in the browser (and only when the caller allows it); everything else is saved.
INLINE_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg"})

# The extension a saved file gets comes from the type its content was found to be, so a file sent as
# "report.html" but found to be a PDF is saved as a PDF, never as a page the browser would run.
EXTENSIONS = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ".pptx",
    "text/csv": ".csv",
    "image/png": ".png",
    "image/jpeg": ".jpg",
}

# What a person is told a file is, beside its size.
TYPE_LABELS = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word (DOCX)",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel (XLSX)",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint (PPTX)",
    "text/csv": "CSV",
    "image/png": "PNG",
    "image/jpeg": "JPEG",
}

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Referrer-Policy": "no-referrer",
}
PUBLIC_CACHE = "public, max-age=3600"
PRIVATE_CACHE = "private, no-store"

_UNSAFE = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|;%]+')
_NOT_ASCII_SAFE = re.compile(r"[^A-Za-z0-9._ ()+-]+")


def file_response(version, *, inline_ok: bool = False):
    """The response that serves one version: its file, or a redirect to its link when that is http(s).

    The caller has already checked that the requester may read the version (on every request)."""
    public = is_public(version)
    if not version.file:
        response = _link_redirect(version.link)
    else:
        content_type = (version.content_type or "").strip().lower() or "application/octet-stream"
        inline = inline_ok and content_type in INLINE_TYPES
        try:
            handle = version.file.open("rb")
        except (FileNotFoundError, OSError) as exc:  # the row outlived its file: nothing to serve
            raise Http404 from exc
        response = FileResponse(handle, as_attachment=not inline, content_type=content_type)
        response["Content-Disposition"] = content_disposition(
            _display_name(version), content_type, inline=inline, fallback=f"resource-{version.pk}"
        )
    for header, value in SECURITY_HEADERS.items():
        response[header] = value
    response["Cache-Control"] = PUBLIC_CACHE if public else PRIVATE_CACHE
    return response


def type_label(content_type: str) -> str:
    """A short name of a file's type for people (PDF, Word…), or the type itself when it is not a usual one."""
    return TYPE_LABELS.get((content_type or "").lower(), content_type or "")


def is_public(version) -> bool:
    """A version anyone may fetch: live, public, of a live resource that is published and public."""
    resource = version.resource
    return (
        version.deleted_at is None
        and version.visibility == Visibility.PUBLIC
        and resource.deleted_at is None
        and resource.is_on_portal
    )


def content_disposition(name: str, content_type: str, *, inline: bool = False, fallback: str = "file") -> str:
    """`attachment` (or `inline`) with a plain ASCII `filename` every browser understands and, when the
    name has other letters (a Bangla title), the exact name as RFC 5987 `filename*`."""
    stem = _clean(name.rsplit(".", 1)[0] if "." in name.strip(".") else name)
    # Never an extension guessed from an unexpected type: "text/html" must not come back as ".html".
    extension = EXTENSIONS.get(content_type, ".bin")
    ascii_stem = _NOT_ASCII_SAFE.sub(
        "_", unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    )
    ascii_stem = re.sub(r"_+", "_", ascii_stem).strip(" ._") or fallback
    disposition = "inline" if inline else "attachment"
    header = f'{disposition}; filename="{ascii_stem[:100]}{extension}"'
    if not stem.isascii():
        header += f"; filename*=UTF-8''{quote(stem[:150] + extension, safe='')}"
    return header


def _display_name(version) -> str:
    name = version.original_name or (version.file.name.rsplit("/", 1)[-1] if version.file else "")
    return name.replace("\\", "/").rsplit("/", 1)[-1]


def _clean(text: str) -> str:
    """Letters of any script kept; control characters, quotes, slashes and the like dropped."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    return re.sub(r"\s+", " ", _UNSAFE.sub("_", text)).strip(" ._")


def _link_redirect(link: str):
    """Follow a version that is a link only to an ordinary web address (no javascript:, data:, file:…)."""
    link = (link or "").strip()
    parts = urlsplit(link)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise Http404
    return HttpResponseRedirect(link)
