"""Pages of joint-programming priorities: the record pages, and their steps — support or withdraw
support, promote into a draft plan, drop with a reason (GET shows the form, POST takes the step)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext_lazy
from django.views import View

from mignet.core import policy
from mignet.core.views import RecordFormMixin, record_views

from .. import choices as c
from ..filters.priorities import JointPriorityFilter
from ..forms.priorities import DropForm, JointPriorityForm, PromoteForm, SupportForm
from ..models import JointPriority
from ..selectors import priorities as selectors
from ..services import priorities as services
from ..tables.priorities import JointPriorityTable

joint_priority = record_views(
    model=JointPriority,
    url_prefix="plans:jointpriority",
    selector_list=selectors.priority_list,
    selector_get=selectors.priority_get,
    form_class=JointPriorityForm,
    filterset_class=JointPriorityFilter,
    table_class=JointPriorityTable,
    create=services.priority_create,
    update=services.priority_update,
    delete=services.priority_delete,
    restore=services.priority_restore,
    selector_detail=selectors.priority_detail,
)


class JointPriorityListView(joint_priority["list"]):
    """Joint priorities; the secretariat's deleted ones with the same joins as the current ones."""

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.showing_deleted:
            return queryset.select_related(*selectors.JOINS)
        return queryset


joint_priority["list"] = JointPriorityListView


class PriorityStepView(RecordFormMixin, View):
    """One step on a priority: `allowed` says whether the user may take it (else 403), `make_form` builds
    the form, `run` calls the service."""

    model = JointPriority
    url_prefix = "plans:jointpriority"
    selector_get = staticmethod(selectors.priority_get)
    template_name = "core/record_action.html"
    title = ""
    explanation = ""
    button = ""
    done = ""
    button_class = "btn-primary"

    def check(self):
        obj = self.get_object()
        if obj.is_deleted:
            raise Http404
        if not self.allowed(obj):
            raise PermissionDenied
        return obj

    def allowed(self, obj) -> bool:
        raise NotImplementedError

    def make_form(self, obj, data=None):
        raise NotImplementedError

    def run(self, obj, cleaned):
        raise NotImplementedError

    def page(self, obj, form, status=200):
        ctx = self.get_context_data(
            object=obj,
            form=form,
            action_title=self.title,
            explanation=self.explanation,
            button=self.button,
            button_class=self.button_class,
        )
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        obj = self.check()
        return self.page(obj, self.make_form(obj))

    def post(self, request, *args, **kwargs):
        obj = self.check()
        form = self.make_form(obj, request.POST)
        if form.is_valid():
            try:
                result = self.run(obj, form.cleaned_data)
            except ValidationError as exc:
                self.apply_errors(form, exc)
            else:
                messages.success(request, str(self.done))
                return HttpResponseRedirect(result.get_absolute_url())
        return self.page(obj, form, status=400)


class SupportView(PriorityStepView):
    title = gettext_lazy("Support this priority")
    explanation = gettext_lazy("Your organisation joins the organisations ready to take it forward together.")
    button = gettext_lazy("Support")
    done = gettext_lazy("Your organisation's support was recorded.")
    support = True

    def choices(self, obj):
        can_add, can_withdraw = selectors.support_choices(user=self.request.user, obj=obj)
        return can_add if self.support else can_withdraw

    def allowed(self, obj) -> bool:
        return self.choices(obj).exists()

    def make_form(self, obj, data=None):
        return SupportForm(data, organisations=self.choices(obj))

    def run(self, obj, cleaned):
        return services.priority_support(
            actor=self.request.user, instance=obj, organisation=cleaned["organisation"], support=self.support
        )


class UnsupportView(SupportView):
    title = gettext_lazy("Withdraw support")
    explanation = gettext_lazy("Your organisation no longer supports this priority.")
    button = gettext_lazy("Withdraw support")
    done = gettext_lazy("The support was withdrawn.")
    button_class = "btn-outline-danger"
    support = False


class PromoteView(PriorityStepView):
    title = gettext_lazy("Promote into a plan")
    explanation = gettext_lazy(
        "An activity is added to the draft plan under the output you choose, with this priority's title, "
        "description and GCM objectives and the plan's dates, led by one supporting organisation."
    )
    button = gettext_lazy("Add the activity")
    done = gettext_lazy("The activity was added to the plan; it keeps the link to this priority.")

    def allowed(self, obj) -> bool:
        return obj.status != c.PriorityStatus.DROPPED and policy.can(self.request.user, "promote", obj)

    def make_form(self, obj, data=None):
        plans, outputs = selectors.promotion_targets(user=self.request.user, obj=obj)
        return PromoteForm(data, plans=plans, outputs=outputs, supporters=obj.supporters.order_by("name"))

    def run(self, obj, cleaned):
        return services.priority_promote(actor=self.request.user, instance=obj, **cleaned)


class DropView(PriorityStepView):
    title = gettext_lazy("Drop this priority")
    explanation = gettext_lazy("It stays on record as dropped, with your reason.")
    button = gettext_lazy("Drop it")
    done = gettext_lazy("The priority was dropped.")
    button_class = "btn-danger"

    def allowed(self, obj) -> bool:
        return obj.status == c.PriorityStatus.PROPOSED and policy.can(self.request.user, "drop", obj)

    def make_form(self, obj, data=None):
        return DropForm(data)

    def run(self, obj, cleaned):
        return services.priority_drop(actor=self.request.user, instance=obj, reason=cleaned["reason"])
