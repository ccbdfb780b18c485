"""Forms of the library. A resource is added with its first file or link in one form."""

from __future__ import annotations

import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mignet.core.forms import RecordForm
from mignet.core.policy import principal
from mignet.network.forms import SecretariatFieldsMixin
from mignet.network.models import Organisation

from . import choices as c
from .models import CapacityRequest, Resource

ACCEPT = ".pdf,.docx,.xlsx,.csv,.pptx,.png,.jpg,.jpeg"


class ResourceForm(SecretariatFieldsMixin, RecordForm):
    """Describe a resource; on adding it, give its first file or a link."""

    upload = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, Word, Excel, CSV, PowerPoint, PNG or JPEG, up to 25 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    link = forms.URLField(
        label=_("Or a link"),
        required=False,
        help_text=_("Where the resource is published, instead of a file."),
    )

    class Meta:
        model = Resource
        fields = [
            "kind",
            "title",
            "abstract",
            "language",
            "published_on",
            "authors",
            "body",
            "gcm_objectives",
            "guiding_principles",
            "sdg_targets",
            "thematic_areas",
            "visibility",
        ]
        widgets = {
            "authors": forms.SelectMultiple(attrs={"size": 6}),
            "gcm_objectives": forms.SelectMultiple(attrs={"size": 6}),
            "guiding_principles": forms.SelectMultiple(attrs={"size": 5}),
            "sdg_targets": forms.SelectMultiple(attrs={"size": 5}),
            "thematic_areas": forms.SelectMultiple(attrs={"size": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authors"].queryset = Organisation.objects.filter(network=self.network).order_by("name")
        self.fields["visibility"].help_text = _(
            "Who may read it once published. Public resources also appear on the Network's public portal."
        )
        for name in ("upload", "link"):
            self._style(self.fields[name])
        self.limit_for_role()  # the visibility is the secretariat's to choose
        if self.instance.pk:  # later files are new versions, uploaded on the resource's page
            self.fields.pop("upload")
            self.fields.pop("link")


class VersionForm(forms.Form):
    """A new version: a file or a link, and what changed."""

    upload = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, Word, Excel, CSV, PowerPoint, PNG or JPEG, up to 25 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT, "class": "form-control"}),
    )
    link = forms.URLField(
        label=_("Or a link"), required=False, widget=forms.URLInput(attrs={"class": "form-control"})
    )
    note = forms.CharField(
        label=_("What changed"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
        help_text=_("E.g. “Figures updated with the 2026 BMET data”."),
    )

    def clean(self):
        data = super().clean()
        if not data.get("upload") and not data.get("link"):
            self.add_error("upload", _("Choose a file to upload, or give a link."))
        return data


class ReviewForm(forms.Form):
    """The reviewer publishes, or returns with comments."""

    decision = forms.ChoiceField(
        label=_("Your review"),
        choices=[("publish", _("Publish")), ("return", _("Return to the authors with comments"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comments"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
        help_text=_("Needed when you return it: say what should change."),
    )


class CapacityRequestForm(SecretariatFieldsMixin, RecordForm):
    class Meta:
        model = CapacityRequest
        fields = [
            "title",
            "description",
            "requester",
            "government_body",
            "contact",
            "contact_email",
            "gcm_objectives",
            "urgency",
            "received_on",
            "needed_by",
            "supporting_organisations",
            "resources",
            "visibility",
        ]
        widgets = {
            "gcm_objectives": forms.SelectMultiple(attrs={"size": 6}),
            "supporting_organisations": forms.SelectMultiple(attrs={"size": 6}),
            "resources": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Results of support are recent: offer the last two years' publications (and those already linked).
        since = timezone.now() - datetime.timedelta(days=730)
        linked = list(self.instance.resources.values_list("pk", flat=True)) if self.instance.pk else []
        self.fields["resources"].queryset = (
            Resource.objects.filter(network=self.network, status=c.ReviewStatus.PUBLISHED)
            .filter(Q(published_at__gte=since) | Q(pk__in=linked))
            .order_by("-published_at")
        )
        self.fields["resources"].help_text = _("Published resources that came out of this support.")
        self.limit_for_role()  # the visibility is the secretariat's to choose
        if not principal(self.user).is_secretariat(getattr(self.network, "pk", None)):
            for name in ("supporting_organisations", "resources"):  # the secretariat matches and links
                self.fields.pop(name)


class AdvanceForm(forms.Form):
    """The next step of a capacity-building request."""

    status = forms.ChoiceField(label=_("Next step"), widget=forms.RadioSelect)
    on = forms.DateField(
        label=_("On"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"})
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s.value, s.label) for s in choices]
