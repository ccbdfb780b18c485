"""Forms of the Excel round-trip: the upload (checked by content: it must really be an XLSX workbook) and
the apply step, which carries a signed reference to the file kept between preview and apply."""

from __future__ import annotations

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mignet.library import files

TOKEN_SALT = "mignet.plans.import"  # noqa: S105 — a signing salt, not a secret
TOKEN_MAX_AGE = 24 * 3600


def not_xlsx_message() -> str:
    return str(
        _(
            "This is not an Excel workbook (XLSX). Export the plan to Excel, edit that file, save it as .xlsx and upload it."
        )
    )


class ImportUploadForm(forms.Form):
    """The edited workbook."""

    upload = forms.FileField(
        label=_("Edited workbook (XLSX)"),
        help_text=_(
            "The file exported from this plan, edited. Nothing is saved until you check the preview and apply it."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx", "class": "form-control"}),
    )

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        head = upload.read(4)
        upload.seek(0)
        try:
            facts = files.inspect_upload(upload)
        except ValidationError as exc:
            messages = (
                exc.message_dict.get("file", exc.messages) if hasattr(exc, "error_dict") else exc.messages
            )
            # A too-large file, or a ZIP refused as unsafe, gets the library's reason; anything else is
            # simply not a workbook.
            too_big = upload.size > files.max_upload_bytes()
            raise ValidationError(
                messages if too_big or head == b"PK\x03\x04" else [not_xlsx_message()]
            ) from None
        if facts.content_type != files.XLSX:
            raise ValidationError(not_xlsx_message())
        upload.seek(0)
        return upload


class ImportApplyForm(forms.Form):
    """Apply the previewed import: the token names the stored file, the plan, the person and the changes."""

    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, plan=None, user=None, **kwargs):
        self.plan, self.user = plan, user
        super().__init__(*args, **kwargs)

    def clean_token(self):
        try:
            data = signing.loads(self.cleaned_data["token"], salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
        except signing.BadSignature:
            raise ValidationError(_("This preview has expired. Upload the file again.")) from None
        if data.get("plan") != self.plan.pk or data.get("user") != self.user.pk:
            raise ValidationError(_("This preview has expired. Upload the file again."))
        return data


def make_token(*, name: str, plan, user, digest: str) -> str:
    """The signed reference the preview page posts back."""
    return signing.dumps({"name": name, "plan": plan.pk, "user": user.pk, "digest": digest}, salt=TOKEN_SALT)
