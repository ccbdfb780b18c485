"""Pages of the meetings app: meetings with agenda, attendance and minutes; decisions with positions;
action points and "My actions". Views parse, call a service or selector, and render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from mignet.core import policy
from mignet.core.views import NetworkMixin, RecordActionView, RecordFormMixin, record_views
from mignet.network.models import Organisation, Representative

from . import choices as c
from . import filters, forms, selectors, services, tables
from .models import ActionPoint, AgendaItem, Attendance, Decision, Meeting, Minutes, Position

meeting = record_views(
    model=Meeting,
    url_prefix="meetings:meeting",
    selector_list=selectors.meeting_list,
    selector_get=selectors.meeting_get,
    form_class=forms.MeetingForm,
    filterset_class=filters.MeetingFilter,
    table_class=tables.MeetingTable,
    create=services.meeting_schedule,
    update=services.meeting_update,
    delete=services.meeting_delete,
    restore=services.meeting_restore,
    selector_detail=selectors.meeting_detail,
)
agenda_item = record_views(
    model=AgendaItem,
    url_prefix="meetings:agendaitem",
    selector_list=selectors.agenda_item_list,
    selector_get=selectors.agenda_item_get,
    form_class=forms.AgendaItemForm,
    filterset_class=filters.AgendaItemFilter,
    table_class=tables.AgendaItemTable,
    create=services.agenda_item_create,
    update=services.agenda_item_update,
    delete=services.agenda_item_delete,
    restore=services.agenda_item_restore,
)
attendance = record_views(
    model=Attendance,
    url_prefix="meetings:attendance",
    selector_list=selectors.attendance_list,
    selector_get=selectors.attendance_get,
    form_class=forms.AttendanceForm,
    filterset_class=filters.AttendanceFilter,
    table_class=tables.AttendanceTable,
    create=services.attendance_create,
    update=services.attendance_update,
    delete=services.attendance_delete,
    restore=services.attendance_restore,
)
minutes = record_views(
    model=Minutes,
    url_prefix="meetings:minutes",
    selector_list=selectors.minutes_list,
    selector_get=selectors.minutes_get,
    form_class=forms.MinutesForm,
    filterset_class=filters.MinutesFilter,
    table_class=tables.MinutesTable,
    create=services.minutes_create,
    update=services.minutes_update,
    delete=services.minutes_delete,
    restore=services.minutes_restore,
    selector_detail=selectors.minutes_detail,
)
decision = record_views(
    model=Decision,
    url_prefix="meetings:decision",
    selector_list=selectors.decision_list,
    selector_get=selectors.decision_get,
    form_class=forms.DecisionForm,
    filterset_class=filters.DecisionFilter,
    table_class=tables.DecisionTable,
    create=services.decision_propose,
    update=services.decision_update,
    delete=services.decision_delete,
    restore=services.decision_restore,
    selector_detail=selectors.decision_detail,
)
action_point = record_views(
    model=ActionPoint,
    url_prefix="meetings:actionpoint",
    selector_list=selectors.action_point_list,
    selector_get=selectors.action_point_get,
    form_class=forms.ActionPointForm,
    filterset_class=filters.ActionPointFilter,
    table_class=tables.ActionPointTable,
    create=services.action_point_create,
    update=services.action_point_update,
    delete=services.action_point_delete,
    restore=services.action_point_restore,
)


class DecisionProposeView(decision["create"]):
    """Propose a decision; a chair selection names its organisations in the same form."""

    template_name = "meetings/decision_form.html"

    def post(self, request, *args, **kwargs):
        self.check()
        form = self.form_class(request.POST, **self.form_kwargs())
        if form.is_valid():
            data, m2m = form.service_data()
            try:
                obj = services.decision_propose(
                    actor=request.user, network=self.network, data=data, m2m=m2m, chairs=form.chairs()
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict") and "chairs" in exc.error_dict:
                    for error in exc.error_dict.pop("chairs"):
                        form.add_error("chair_1_organisation", error)
                self.apply_errors(form, exc)
            else:
                messages.success(request, _("The decision was put to the members."))
                return HttpResponseRedirect(obj.get_absolute_url())
        return self.render_form(form, status=400)


decision["create"] = DecisionProposeView


# --- Steps on one record


class MeetingStep(RecordActionView):
    model = Meeting
    url_prefix = "meetings:meeting"
    selector_get = staticmethod(selectors.meeting_get)


class MeetingCancelView(MeetingStep):
    action_service = staticmethod(services.meeting_cancel)
    form_class = forms.ReasonForm
    title = gettext_lazy("Cancel this meeting")
    explanation = gettext_lazy(
        "Everyone invited receives the cancellation, which removes it from their calendar."
    )
    button = gettext_lazy("Cancel the meeting")
    button_class = "btn-danger"
    done_message = gettext_lazy("The meeting was cancelled and the cancellation sent.")


class MeetingInviteView(MeetingStep):
    action_service = staticmethod(services.meeting_invite)
    title = gettext_lazy("Send the invitations")
    explanation = gettext_lazy(
        "The body's representatives receive an e-mail with a calendar invitation (ICS) they can accept in Outlook."
    )
    button = gettext_lazy("Send invitations")
    done_message = gettext_lazy("The invitations are on their way.")


class AgendaCirculateView(MeetingStep):
    action_service = staticmethod(services.agenda_circulate)
    title = gettext_lazy("Circulate the agenda")
    explanation = gettext_lazy(
        "The agenda, with matters arising, goes by e-mail to the body's representatives."
    )
    button = gettext_lazy("Circulate the agenda")
    done_message = gettext_lazy("The agenda was circulated.")


class MinutesStep(RecordActionView):
    model = Minutes
    url_prefix = "meetings:minutes"
    selector_get = staticmethod(selectors.minutes_get)


class MinutesCirculateView(MinutesStep):
    action_service = staticmethod(services.minutes_circulate)
    title = gettext_lazy("Circulate the minutes")
    explanation = gettext_lazy(
        "The draft minutes go to the body for comment. They are approved at the next meeting or by silence procedure."
    )
    button = gettext_lazy("Circulate the minutes")
    done_message = gettext_lazy("The minutes were circulated.")


class MinutesCorrectView(MinutesStep):
    action_service = staticmethod(services.minutes_correct)
    form_class = forms.ReasonForm
    form_kwargs_extra = {"required": True, "label": gettext_lazy("What needs correcting")}
    title = gettext_lazy("Correct approved minutes")
    explanation = gettext_lazy(
        "Approved minutes stay as they were approved. A correction is a new revision, approved in its turn."
    )
    button = gettext_lazy("Start a correction")
    done_message = gettext_lazy("A new revision was started from the approved text.")

    def post(self, request, *args, **kwargs):
        obj = self.check()
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                new = services.minutes_correct(
                    actor=request.user, instance=obj, reason=form.cleaned_data["reason"]
                )
            except ValidationError as exc:
                self.apply_errors(form, exc)
            else:
                messages.success(request, self.done_message)
                return HttpResponseRedirect(new.get_absolute_url())
        return self.page(obj, form, status=400)


class DecisionStep(RecordActionView):
    model = Decision
    url_prefix = "meetings:decision"
    selector_get = staticmethod(selectors.decision_get)


class DecisionCloseView(DecisionStep):
    action_service = staticmethod(services.decision_close)
    title = gettext_lazy("Close and record the outcome")
    explanation = gettext_lazy(
        "The outcome follows the decision's rule from the positions recorded now. An adopted decision takes effect at once."
    )
    button = gettext_lazy("Close the decision")
    done_message = gettext_lazy("The decision was closed; its outcome is recorded.")


class DecisionWithdrawView(DecisionStep):
    action_service = staticmethod(services.decision_withdraw)
    form_class = forms.ReasonForm
    title = gettext_lazy("Withdraw this decision")
    explanation = gettext_lazy("The positions recorded stay on record. Nothing takes effect.")
    button = gettext_lazy("Withdraw")
    button_class = "btn-danger"
    done_message = gettext_lazy("The decision was withdrawn.")


class PositionRecordView(RecordFormMixin, View):
    """Record an organisation's position on a decision (replacing its earlier one)."""

    model = Decision
    url_prefix = "meetings:decision"
    selector_get = staticmethod(selectors.decision_get)
    template_name = "meetings/position_form.html"

    def organisations(self, obj):
        p = policy.principal(self.request.user)
        members = selectors.body_member_ids(obj.body)
        if p.is_secretariat(obj.network_id) or obj.body_id in p.chaired_body_ids(obj.network_id):
            ids = members
        else:
            ids = members & p.organisation_ids(obj.network_id, "member", "partner")
        return Organisation.objects.filter(pk__in=ids).order_by("name")

    def check(self):
        obj = self.get_object()
        if not policy.can(self.request.user, "add", model=Position, network=self.network):
            policy.deny(self.request.user, "position", obj)
        return obj

    def render_page(self, obj, form, status=200):
        ctx = self.get_context_data(object=obj, form=form)
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        obj = self.check()
        orgs = self.organisations(obj)
        initial = {"organisation": request.GET.get("organisation")} if request.GET.get("organisation") else {}
        return self.render_page(obj, forms.PositionForm(organisations=orgs, initial=initial))

    def post(self, request, *args, **kwargs):
        obj = self.check()
        form = forms.PositionForm(request.POST, organisations=self.organisations(obj))
        if form.is_valid():
            try:
                services.position_record(
                    actor=request.user,
                    decision=obj,
                    organisation=form.cleaned_data["organisation"],
                    value=form.cleaned_data["value"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                self.apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("The position of %(org)s was recorded.") % {"org": form.cleaned_data["organisation"]},
                )
                return HttpResponseRedirect(obj.get_absolute_url())
        return self.render_page(obj, form, status=400)


class AttendanceRegisterView(RecordFormMixin, View):
    """The register: the body's representatives in one list, each present, with apologies or absent."""

    model = Meeting
    url_prefix = "meetings:meeting"
    selector_get = staticmethod(selectors.meeting_get)
    template_name = "meetings/attendance_register.html"

    def check(self):
        obj = self.get_object()
        if obj.is_cancelled or obj.is_deleted:
            raise Http404
        policy.require(self.request.user, "change", obj)
        return obj

    def rows(self, obj):
        """Current representatives of the body, then anyone else already recorded."""
        from django.utils import timezone

        day = timezone.localdate(obj.starts_at)
        reps = (
            Representative.objects.filter(
                membership__body=obj.body, start_date__lte=day, deleted_at__isnull=True
            )
            .exclude(end_date__lt=day)
            .select_related("person", "membership__organisation")
            .order_by("membership__organisation__name", "role", "person__full_name")
        )
        recorded = {
            a.person_id: a
            for a in obj.attendances.filter(deleted_at__isnull=True).select_related("person", "organisation")
        }
        rows, seen = [], set()
        for rep in reps:
            if rep.person_id in seen:
                continue
            seen.add(rep.person_id)
            current = recorded.get(rep.person_id)
            rows.append(
                {
                    "person": rep.person,
                    "organisation": rep.membership.organisation,
                    "status": current.status if current else "",
                    "level": current.level if current and current.level else rep.level,
                    "role": rep.get_role_display(),
                }
            )
        for person_id, current in recorded.items():
            if person_id not in seen:
                rows.append(
                    {
                        "person": current.person,
                        "organisation": current.organisation,
                        "status": current.status,
                        "level": current.level,
                        "role": _("Guest"),
                    }
                )
        return rows

    def formset(self, obj, rows, data=None):
        forms_ = []
        for i, row in enumerate(rows):
            forms_.append(
                forms.AttendanceRegisterForm(
                    data,
                    prefix=f"r{i}",
                    network=self.network,
                    initial={
                        "person": row["person"].pk,
                        "organisation": row["organisation"].pk,
                        "status": row["status"],
                        "level": row["level"],
                    },
                )
            )
        return list(zip(rows, forms_, strict=True))

    def render_page(self, obj, pairs, status=200, error=None):
        ctx = self.get_context_data(object=obj, pairs=pairs, error=error)
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        obj = self.check()
        return self.render_page(obj, self.formset(obj, self.rows(obj)))

    def post(self, request, *args, **kwargs):
        obj = self.check()
        pairs = self.formset(obj, self.rows(obj), request.POST)
        if all(f.is_valid() for _row, f in pairs):
            wanted = [
                {
                    "person": f.cleaned_data["person"],
                    "organisation": f.cleaned_data["organisation"],
                    "status": f.cleaned_data["status"],
                    "level": f.cleaned_data["level"],
                }
                for _row, f in pairs
                if f.cleaned_data.get("status")
            ]
            try:
                services.attendance_record(actor=request.user, meeting=obj, rows=wanted)
            except ValidationError as exc:
                return self.render_page(obj, pairs, status=400, error=" ".join(exc.messages))
            messages.success(request, _("The attendance was saved."))
            return HttpResponseRedirect(obj.get_absolute_url())
        return self.render_page(
            obj, pairs, status=400, error=_("Some rows could not be read; check them below.")
        )


class MyActionsView(NetworkMixin, TemplateView):
    """The action points the signed-in person, or their organisation, owns."""

    template_name = "meetings/my_actions.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(selectors.action_points_mine(user=self.request.user, network=self.network))
        ctx["statuses"] = c.ActionStatus
        return ctx
