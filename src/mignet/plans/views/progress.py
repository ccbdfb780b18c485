"""Pages of quarterly progress reports: the one form per organisation per quarter, the secretariat's overview
with reminders, a report's page (with submit, reopen and history) and a focal point's "My reports"."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from mignet.core import policy
from mignet.core.choices import Role
from mignet.core.views import NetworkMixin, RecordActionView, RecordHistoryView, RecordMixin
from mignet.network.models import Organisation

from .. import choices as c
from ..forms.progress import OverviewForm, ProgressFormSet, ReopenForm, ReportSummaryForm, initial_rows
from ..models import ProgressReport, period_bounds
from ..selectors import progress as sel
from ..services import progress as services


def _period_or_404(plan, year: int, quarter: int) -> None:
    if quarter not in (1, 2, 3, 4) or (year, quarter) not in sel.plan_quarters(plan):
        raise Http404


class _ReportRecord(RecordMixin):
    model = ProgressReport
    url_prefix = "plans:progressreport"
    selector_list = staticmethod(sel.progress_report_list)
    selector_get = staticmethod(sel.progress_report_get)


# --- The secretariat's overview


class ProgressOverviewView(NetworkMixin, TemplateView):
    """Who has and has not reported for a quarter of a plan, with late flags and the reminders button."""

    template_name = "plans/progressreport_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, network = self.request.user, self.network
        today = timezone.localdate()
        plans = list(sel.reportable_plans(user=user, network=network))
        form = OverviewForm(self.request.GET or None, plans=plans)
        chosen = form.cleaned_data if form.is_bound and form.is_valid() else {}
        plan = next((p for p in plans if p.pk == chosen.get("plan")), plans[0] if plans else None)
        rows, periods, year, quarter = [], [], None, None
        if plan is not None:
            quarters = sel.plan_quarters(plan, until=today)
            periods = [f"{y}-Q{q}" for y, q in reversed(quarters)]
            wanted = chosen.get("period") or "{}-Q{}".format(*sel.latest_ended_quarter(today))
            if wanted not in periods and periods:
                wanted = periods[0]
            if periods:
                year, quarter = int(wanted[:4]), int(wanted[-1])
                rows = sel.progress_overview(
                    user=user, network=network, plan=plan, year=year, quarter=quarter
                )
            form = OverviewForm(
                initial={"plan": plan.pk, "period": wanted}, plans=plans, periods=periods or [wanted]
            )
        ctx.update(
            form=form,
            plan=plan,
            year=year,
            quarter=quarter,
            period=f"{year}-Q{quarter}" if year else "",
            due=sel.due_date(year, quarter) if year else None,
            rows=rows,
            reported=sum(1 for r in rows if r.state == c.ReportStatus.SUBMITTED),
            can_remind=policy.principal(user).is_secretariat(network.pk)
            and any(r.state != c.ReportStatus.SUBMITTED for r in rows),
            is_focal_point=bool(policy.principal(user).organisation_ids(network.pk, Role.MEMBER)),
        )
        return ctx


class ProgressRemindView(NetworkMixin, View):
    """Secretariat: e-mail every organisation that has not submitted (GET confirms, POST sends)."""

    template_name = "plans/progress_remind.html"

    def _plan(self):
        if not policy.principal(self.request.user).is_secretariat(self.network.pk):
            policy.deny(self.request.user, "change", None)
        plan = sel.visible_plan(user=self.request.user, network=self.network, pk=self.kwargs["plan_pk"])
        _period_or_404(plan, self.kwargs["year"], self.kwargs["quarter"])
        return plan

    def _back(self, plan):
        query = urlencode({"plan": plan.pk, "period": f"{self.kwargs['year']}-Q{self.kwargs['quarter']}"})
        return reverse("plans:progressreport-list", kwargs={"network": self.network.slug}) + "?" + query

    def get(self, request, *args, **kwargs):
        plan = self._plan()
        year, quarter = self.kwargs["year"], self.kwargs["quarter"]
        due = sel.report_organisations_due(plan=plan, year=year, quarter=quarter)
        return render(
            request,
            self.template_name,
            {
                "network": self.network,
                "plan": plan,
                "period": f"{year}-Q{quarter}",
                "due_organisations": due,
                "back_url": self._back(plan),
            },
        )

    def post(self, request, *args, **kwargs):
        plan = self._plan()
        try:
            sent = services.report_reminders_send(
                actor=request.user, plan=plan, year=self.kwargs["year"], quarter=self.kwargs["quarter"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            if sent:
                messages.success(request, _("Reminders sent to %(n)s organisations.") % {"n": sent})
            else:
                messages.info(
                    request,
                    _(
                        "No reminder sent: every organisation has reported, was reminded today, or has no focal point."
                    ),
                )
        return HttpResponseRedirect(self._back(plan))


# --- The report form


class ProgressReportFormView(NetworkMixin, View):
    """One form per organisation per quarter: a row per activity it leads in the plan, saved as a draft or
    submitted. Nothing is saved when a row is wrong; spending above the available budget is a warning."""

    template_name = "plans/progressreport_form.html"

    def _setup(self):
        user = self.request.user
        self.plan = sel.visible_plan(user=user, network=self.network, pk=self.kwargs["plan_pk"])
        self.year, self.quarter = self.kwargs["year"], self.kwargs["quarter"]
        _period_or_404(self.plan, self.year, self.quarter)
        p = policy.principal(user)
        own = p.organisation_ids(self.network.pk, Role.MEMBER)
        wanted = self.request.GET.get("organisation") or self.request.POST.get("organisation")
        choices = Organisation.objects.filter(network=self.network)
        if not p.is_secretariat(self.network.pk):
            choices = choices.filter(pk__in=own)
        organisation = None
        if wanted and str(wanted).isdigit():
            organisation = choices.filter(pk=int(wanted)).first()
        elif own:
            organisation = choices.filter(pk__in=own).order_by("name").first()
        if organisation is None:
            policy.deny(user, "add", ProgressReport)
        self.organisation = organisation
        self.own_organisations = list(choices.filter(pk__in=own).order_by("name")) if len(own) > 1 else []
        self.report, self.rows = sel.report_form(
            plan=self.plan, organisation_id=organisation.pk, year=self.year, quarter=self.quarter
        )
        if self.report is not None:
            policy.require(user, "change", self.report)
        else:
            policy.require(
                user, "add", ProgressReport(network=self.network, plan=self.plan, organisation=organisation)
            )

    @property
    def editable(self) -> bool:
        return (
            self.plan.approved_version > 0
            and self.plan.status != c.PlanStatus.CLOSED
            and (self.report is None or self.report.status == c.ReportStatus.DRAFT)
        )

    def _url(self) -> str:
        url = reverse(
            "plans:progressreport-form",
            kwargs={
                "network": self.network.slug,
                "plan_pk": self.plan.pk,
                "year": self.year,
                "quarter": self.quarter,
            },
        )
        return url + "?" + urlencode({"organisation": self.organisation.pk})

    def _render(self, formset, summary_form, status=200):
        start, end = period_bounds(f"{self.year}-Q{self.quarter}")
        due = sel.due_date(self.year, self.quarter)
        ctx = {
            "network": self.network,
            "plan": self.plan,
            "organisation": self.organisation,
            "own_organisations": self.own_organisations,
            "period": f"{self.year}-Q{self.quarter}",
            "start": start,
            "end": end,
            "due": due,
            "late": timezone.localdate() > due,
            "report": self.report,
            "formset": formset,
            "summary_form": summary_form,
            "pairs": list(zip(formset.forms, self.rows, strict=False)),
            "editable": self.editable,
            "approved": self.plan.approved_version > 0 and self.plan.status != c.PlanStatus.CLOSED,
            "warnings": sel.report_warnings(self.rows) if self.report is not None else [],
            "form_url": self._url(),
        }
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        self._setup()
        formset = ProgressFormSet(prefix="lines", rows=self.rows, initial=initial_rows(self.rows))
        summary = ReportSummaryForm(initial={"summary": self.report.summary if self.report else ""})
        return self._render(formset, summary)

    def post(self, request, *args, **kwargs):
        self._setup()
        formset = ProgressFormSet(request.POST, prefix="lines", rows=self.rows)
        summary = ReportSummaryForm(request.POST)
        if not self.editable:
            messages.error(request, _("This report can no longer be changed."))
            return HttpResponseRedirect(self._url())
        if not (formset.is_valid() and summary.is_valid()):
            return self._render(formset, summary, status=400)
        try:
            report = services.report_save(
                actor=request.user,
                plan=self.plan,
                organisation=self.organisation,
                year=self.year,
                quarter=self.quarter,
                lines=[form.line() for form in formset.forms],
                summary=summary.cleaned_data["summary"],
            )
        except services.ReportLineErrors as exc:
            for index, errors in exc.lines.items():
                form = formset.forms[index]
                for name, msgs in errors.items():
                    for msg in msgs:
                        form.add_error(name if name in form.fields else None, msg)
            return self._render(formset, summary, status=400)
        except ValidationError as exc:
            formset._non_form_errors = formset.error_class(exc.messages)
            return self._render(formset, summary, status=400)
        if "submit" in request.POST:
            try:
                services.report_submit(actor=request.user, instance=report)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                return HttpResponseRedirect(self._url())
            messages.success(
                request, _("Your report for %(period)s was submitted.") % {"period": report.period}
            )
            self._warn(report)
            return HttpResponseRedirect(report.get_absolute_url())
        messages.success(request, _("Your draft was saved. Submit it when it is complete."))
        self._warn(report)
        return HttpResponseRedirect(self._url())

    def _warn(self, report) -> None:
        _report, rows = sel.report_form(
            plan=self.plan, organisation_id=self.organisation.pk, year=self.year, quarter=self.quarter
        )
        for row in sel.report_warnings(rows):
            messages.warning(
                self.request,
                _(
                    "%(code)s: spent to date (%(spent)s USD) is more than the budget available (%(available)s USD)."
                )
                % {
                    "code": row.activity.code,
                    "spent": row.update.spent_to_date,
                    "available": row.activity.budget_available,
                },
            )


# --- A report


class ProgressReportDetailView(_ReportRecord, TemplateView):
    """A report as submitted (or its draft): lines, measurements, the late flag, who submitted when."""

    template_name = "plans/progressreport_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        obj = self.get_object(include_deleted=True)
        ctx.update(
            object=obj,
            history_url=self.url("history", obj),
            **sel.report_detail(user=self.request.user, obj=obj),
        )
        ctx["form_url"] = (
            reverse(
                "plans:progressreport-form",
                kwargs={
                    "network": self.network.slug,
                    "plan_pk": obj.plan_id,
                    "year": obj.year,
                    "quarter": obj.quarter,
                },
            )
            + "?"
            + urlencode({"organisation": obj.organisation_id})
        )
        return ctx


class ProgressReportSubmitView(_ReportRecord, RecordActionView):
    """Submit a draft report; each line then updates its activity."""

    action_service = staticmethod(services.report_submit)

    @property
    def title(self):
        return _("Submit the quarterly report")

    @property
    def explanation(self):
        return _(
            "Once submitted, each activity takes the status, percent complete and spending of its line, and "
            "only the secretariat can reopen the report."
        )

    @property
    def button(self):
        return _("Submit")

    @property
    def done_message(self):
        return _("The report was submitted.")


class ProgressReportReopenView(_ReportRecord, RecordActionView):
    """The secretariat takes a submitted report back to draft."""

    action_service = staticmethod(services.report_reopen)
    form_class = ReopenForm
    button_class = "btn-warning"

    def check(self):
        obj = self.get_object()
        if obj.is_deleted:
            raise Http404
        if not policy.principal(self.request.user).is_secretariat(obj.network_id):
            policy.deny(self.request.user, "change", obj)
        return obj

    @property
    def title(self):
        return _("Reopen the report")

    @property
    def explanation(self):
        return _("The organisation's focal points can then change it and submit it again.")

    @property
    def button(self):
        return _("Reopen")

    @property
    def done_message(self):
        return _("The report was reopened as a draft.")


class ProgressReportHistoryView(_ReportRecord, RecordHistoryView):
    """Who saved, submitted and reopened the report, and when."""


# --- My reports


class MyReportsView(NetworkMixin, TemplateView):
    """A focal point's quarters to report on, newest first, with each report's state and due date."""

    template_name = "plans/progress_mine.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["rows"] = sel.my_reports(user=self.request.user, network=self.network)
        ctx["is_focal_point"] = bool(
            policy.principal(self.request.user).organisation_ids(self.network.pk, Role.MEMBER)
        )
        return ctx
