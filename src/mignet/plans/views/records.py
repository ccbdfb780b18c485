"""Pages of plans and their content: frameworks and each framework item's page, plans (with their steps and
approved versions), results, activities, indicators, targets and measurements. Views parse, call a
service or selector, and render."""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from mignet.core.views import NetworkMixin, RecordActionView, record_views

from ..filters import records as filters
from ..forms import records as forms
from ..models import Activity, FrameworkItem, Indicator, Measurement, Plan, Result, Target
from ..selectors import records as selectors
from ..services import plans as services
from ..tables import records as tables


def _views(model, prefix, name, *, detail=None):
    return record_views(
        model=model,
        url_prefix=f"plans:{model._meta.model_name}",
        selector_list=getattr(selectors, f"{name}_list"),
        selector_get=getattr(selectors, f"{name}_get"),
        form_class=getattr(forms, f"{model.__name__}Form"),
        filterset_class=getattr(filters, f"{model.__name__}Filter"),
        table_class=getattr(tables, f"{model.__name__}Table"),
        create=getattr(services, f"{prefix}_create"),
        update=getattr(services, f"{prefix}_update"),
        delete=getattr(services, f"{prefix}_delete"),
        restore=getattr(services, f"{prefix}_restore"),
        selector_detail=detail,
    )


framework_item = _views(
    FrameworkItem, "framework_item", "framework_item", detail=selectors.framework_item_detail
)
plan = _views(Plan, "plan", "plan", detail=selectors.plan_detail)
result = _views(Result, "result", "result", detail=selectors.result_detail)
activity = _views(Activity, "activity", "activity", detail=selectors.activity_detail)
indicator = _views(Indicator, "indicator", "indicator", detail=selectors.indicator_detail)
target = _views(Target, "target", "target")
measurement = _views(Measurement, "measurement", "measurement")


# --- Frameworks


class FrameworksView(NetworkMixin, TemplateView):
    """The frameworks activities are tied to: GCM objectives, guiding principles, SDG targets, the network's
    thematic areas, UNSDCF outcomes and Government priorities, each with its number of activities."""

    template_name = "plans/framework_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(selectors.frameworks_overview(user=self.request.user, network=self.network))
        return ctx


class FrameworkPageView(NetworkMixin, TemplateView):
    """One GCM objective, guiding principle, SDG target or thematic area: the activities, indicators and
    library resources tied to it."""

    template_name = "plans/framework_detail.html"
    selector = None
    key = "number"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            type(self).selector(
                user=self.request.user, network=self.network, **{self.key: self.kwargs[self.key]}
            )
        )
        return ctx


class GCMObjectivePageView(FrameworkPageView):
    selector = staticmethod(selectors.gcm_objective_page)


class GuidingPrinciplePageView(FrameworkPageView):
    selector = staticmethod(selectors.guiding_principle_page)


class SDGTargetPageView(FrameworkPageView):
    selector = staticmethod(selectors.sdg_target_page)
    key = "code"


class ThematicAreaPageView(FrameworkPageView):
    selector = staticmethod(selectors.thematic_area_page)
    key = "pk"


# --- Plan steps


class PlanStep(RecordActionView):
    model = Plan
    url_prefix = "plans:plan"
    selector_get = staticmethod(selectors.plan_get)


class PlanSubmitView(PlanStep):
    action_service = staticmethod(services.plan_submit)
    title = gettext_lazy("Submit for approval")
    explanation = gettext_lazy(
        "The plan is sent for approval by a decision of its body or of the Network plenary. While it is "
        "submitted, its results, activities and indicators cannot be changed; you can take it back to draft "
        "until a decision on it is open."
    )
    button = gettext_lazy("Submit for approval")
    done_message = gettext_lazy("The plan was submitted for approval.")


class PlanWithdrawView(PlanStep):
    action_service = staticmethod(services.plan_withdraw)
    title = gettext_lazy("Take back to draft")
    explanation = gettext_lazy("The plan goes back to draft so that it can be changed, then submitted again.")
    button = gettext_lazy("Take back to draft")
    button_class = "btn-warning"
    done_message = gettext_lazy("The plan is a draft again.")


class PlanReviseView(PlanStep):
    action_service = staticmethod(services.plan_revise)
    title = gettext_lazy("Start a revision")
    explanation = gettext_lazy(
        "The plan becomes a draft again so that it can be changed; the approved version stays readable, and "
        "the revision needs a new approval."
    )
    button = gettext_lazy("Start a revision")
    done_message = gettext_lazy("A revision was started. Submit it for approval once it is ready.")


class PlanCloseView(PlanStep):
    action_service = staticmethod(services.plan_close)
    title = gettext_lazy("Close the plan")
    explanation = gettext_lazy(
        "A closed plan is kept for the record; no more measurements are recorded against it."
    )
    button = gettext_lazy("Close the plan")
    button_class = "btn-danger"
    done_message = gettext_lazy("The plan was closed.")


class PlanVersionView(NetworkMixin, TemplateView):
    """An approved version of a plan, as it stood when the decision adopted it."""

    template_name = "plans/planversion_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        plan, version = selectors.plan_version_get(
            user=self.request.user, network=self.network, pk=self.kwargs["pk"], number=self.kwargs["number"]
        )
        ctx.update(
            plan=plan,
            version=version,
            snapshot=version.snapshot or {},
            outcomes=selectors.plan_version_tree(version),
            list_url=plan.get_absolute_url(),
        )
        return ctx
