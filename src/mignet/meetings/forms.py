"""Forms of the meetings app. Times are typed in the network's time zone (the pages activate it)."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mignet.core.forms import RecordForm
from mignet.core.policy import principal
from mignet.network import choices as nc
from mignet.network.models import Body, Membership, Organisation, Person, Representative

from . import choices as c
from .effects import available_subjects
from .models import ActionPoint, AgendaItem, Attendance, Decision, Meeting, Minutes

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _zone_hint(network) -> str:
    zone = getattr(network, "time_zone", "UTC")
    return _("Local time in %(zone)s.") % {"zone": zone}


def _recent_meetings(network, instance_meeting_id=None):
    """Meetings offered in a select: not cancelled, from the last year on (and the one already chosen)."""
    since = timezone.now() - timezone.timedelta(days=400)
    qs = Meeting.objects.filter(network=network).select_related("body")
    condition = Q(starts_at__gte=since, status=c.MeetingStatus.SCHEDULED)
    if instance_meeting_id:
        condition |= Q(pk=instance_meeting_id)
    return qs.filter(condition).order_by("-starts_at")


class MeetingForm(RecordForm):
    class Meta:
        model = Meeting
        fields = [
            "body",
            "kind",
            "title",
            "starts_at",
            "ends_at",
            "location",
            "online_link",
            "notes",
            "visibility",
        ]
        widgets = {"starts_at": DATETIME_WIDGET, "ends_at": DATETIME_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = (
            self.fields["body"].queryset.exclude(status=nc.BodyStatus.PROPOSED).filter(Body.active_q())
        )
        for name in ("starts_at", "ends_at"):
            self.fields[name].help_text = _zone_hint(self.network)
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        self.fields["online_link"].help_text = _("Teams, Zoom or Meet link, if people can join online.")


class AgendaItemForm(RecordForm):
    class Meta:
        model = AgendaItem
        fields = [
            "meeting",
            "position",
            "title",
            "presenter",
            "minutes_allotted",
            "description",
            "visibility",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = _recent_meetings(self.network, self.instance.meeting_id)
        self.fields["position"].required = False
        self.fields["position"].help_text = _("Leave empty to add the item at the end.")


class AttendanceForm(RecordForm):
    class Meta:
        model = Attendance
        fields = ["meeting", "person", "organisation", "status", "level", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = _recent_meetings(self.network, self.instance.meeting_id)
        self.fields["person"].queryset = Person.objects.filter(network=self.network).select_related(
            "organisation"
        )


class AttendanceRegisterForm(forms.Form):
    """One row of the register: a representative of the body, present, with apologies or absent."""

    person = forms.ModelChoiceField(queryset=Person.objects.none(), widget=forms.HiddenInput)
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label=_("Attendance"),
        choices=[("", _("Not recorded"))] + list(c.AttendanceStatus.choices),
        required=False,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    level = forms.ChoiceField(
        label=_("Level"),
        choices=[("", "—")] + list(nc.ParticipationLevel.choices),
        required=False,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )

    def __init__(self, *args, network=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(network=network)
        self.fields["organisation"].queryset = Organisation.objects.filter(network=network)


class MinutesForm(RecordForm):
    class Meta:
        model = Minutes
        fields = ["meeting", "text", "visibility"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = _recent_meetings(self.network, self.instance.meeting_id)
        self.fields["text"].widget.attrs["rows"] = 18
        if self.instance.pk:
            self.fields["meeting"].disabled = True


class ReasonForm(forms.Form):
    """A short reason that goes into history (cancel, withdraw, correct)."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    def __init__(self, *args, required=False, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = required
        if label:
            self.fields["reason"].label = label


CHAIR_ROWS = 3


class DecisionForm(RecordForm):
    """Propose a decision. For a chair selection, name up to three organisations (and their people)."""

    class Meta:
        model = Decision
        fields = [
            "title",
            "text",
            "body",
            "method",
            "meeting",
            "deadline",
            "subject",
            "target_body",
            "minutes",
            "plan",
            "override_reason",
            "visibility",
        ]
        widgets = {"deadline": DATETIME_WIDGET, "method": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = self.fields["body"].queryset.filter(Body.active_q())
        self.fields["target_body"].queryset = self.fields["target_body"].queryset.exclude(
            kind=nc.BodyKind.PLENARY
        )
        self.fields["meeting"].queryset = _recent_meetings(self.network, self.instance.meeting_id)
        self.fields["minutes"].queryset = Minutes.objects.filter(
            network=self.network, status=c.MinutesStatus.CIRCULATED
        ).select_related("meeting__body")
        if "plan" in self.fields:  # "approve a plan": one of the network's plans submitted for approval
            from mignet.plans.choices import PlanStatus

            self.fields["plan"].queryset = (
                self.fields["plan"]
                .queryset.filter(network=self.network, status=PlanStatus.SUBMITTED)
                .select_related("body")
            )
            self.fields["plan"].help_text = _(
                "For “approve a plan”: the submitted plan the decision approves."
            )
        allowed = set(available_subjects())
        self.fields["subject"].choices = [
            (v, label) for v, label in c.DecisionSubject.choices if v in allowed
        ]
        self.fields["deadline"].help_text = _(
            "Silence procedure and written consultation: positions are accepted until this time (%(zone)s)."
        ) % {"zone": getattr(self.network, "time_zone", "UTC")}
        self.fields["deadline"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        self.fields["method"].widget.attrs.pop("class", None)
        self.fields["method"].choices = c.DecisionMethod.choices
        self.fields["override_reason"].widget.attrs["rows"] = 3
        if self.instance.pk:
            return
        # Chairs come from the members of a body: offer organisations with a current membership and the
        # people who represent them (not the whole directory, which is thousands at national scale).
        today = timezone.localdate()
        current = Q(deleted_at__isnull=True, start_date__lte=today) & (
            Q(end_date__isnull=True) | Q(end_date__gte=today)
        )
        organisations = (
            Organisation.objects.filter(network=self.network)
            .filter(
                pk__in=Membership.objects.filter(current, status=nc.MembershipStatus.ACTIVE).values(
                    "organisation_id"
                )
            )
            .order_by("name")
        )
        people = (
            Person.objects.filter(network=self.network)
            .filter(pk__in=Representative.objects.filter(current).values("person_id"))
            .select_related("organisation")
            .order_by("full_name")
        )
        for i in range(1, CHAIR_ROWS + 1):
            self.fields[f"chair_{i}_organisation"] = forms.ModelChoiceField(
                queryset=organisations, required=False, label=_("Chair %(n)d: organisation") % {"n": i}
            )
            self.fields[f"chair_{i}_person"] = forms.ModelChoiceField(
                queryset=people, required=False, label=_("Chair %(n)d: person") % {"n": i}
            )
            self.fields[f"chair_{i}_role"] = forms.ChoiceField(
                choices=nc.ChairRole.choices,
                initial=nc.ChairRole.CO_CHAIR,
                label=_("Chair %(n)d: role") % {"n": i},
            )
            for name in ("organisation", "person", "role"):
                self._style(self.fields[f"chair_{i}_{name}"])

    def chairs(self) -> list[dict]:
        rows = []
        for i in range(1, CHAIR_ROWS + 1):
            org = self.cleaned_data.get(f"chair_{i}_organisation")
            if org is not None:
                rows.append(
                    {
                        "organisation": org,
                        "person": self.cleaned_data.get(f"chair_{i}_person"),
                        "role": self.cleaned_data.get(f"chair_{i}_role") or nc.ChairRole.CO_CHAIR,
                    }
                )
        return rows

    def chair_field_names(self) -> list[str]:
        return [n for n in self.fields if n.startswith("chair_")]


class PositionForm(forms.Form):
    """An organisation's position on a decision; the organisations offered are those the user speaks for."""

    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("For"))
    value = forms.ChoiceField(
        label=pgettext_lazy("decision", "Position"), choices=c.PositionValue.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        help_text=_("Needed for an objection: say what would make it acceptable."),
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            organisations if organisations is not None else Organisation.objects.none()
        )
        self.fields["organisation"].widget.attrs["class"] = "form-select"
        if self.fields["organisation"].queryset.count() == 1:
            # A focal point speaks for one organisation: it is chosen already, not a list of one to pick from.
            self.fields["organisation"].empty_label = None

    def clean(self):
        data = super().clean()
        if data.get("value") == c.PositionValue.OBJECT and not (data.get("reason") or "").strip():
            self.add_error("reason", _("An objection needs a reason, so the others can address it."))
        return data


class ActionPointForm(RecordForm):
    class Meta:
        model = ActionPoint
        fields = [
            "meeting",
            "decision",
            "title",
            "description",
            "owner_organisation",
            "owner_person",
            "due_date",
            "status",
            "visibility",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = _recent_meetings(self.network, self.instance.meeting_id)
        since = timezone.now() - timezone.timedelta(days=730)
        self.fields["decision"].queryset = (
            Decision.objects.filter(network=self.network)
            .filter(Q(created_at__gte=since) | Q(pk=self.instance.decision_id or 0))
            .order_by("-created_at")
        )
        self.fields["owner_person"].queryset = Person.objects.filter(network=self.network).select_related(
            "organisation"
        )
        self.fields["owner_person"].help_text = _("Someone from the owner organisation.")
        if self.instance.pk and not self._runs_body():
            for name in list(self.fields):
                if name not in ("status", "description", "version"):
                    self.fields.pop(name)

    def _runs_body(self) -> bool:
        p = principal(self.user)
        network_id = getattr(self.network, "pk", None)
        return p.is_secretariat(network_id) or self.instance.body_id in p.chaired_body_ids(network_id)
