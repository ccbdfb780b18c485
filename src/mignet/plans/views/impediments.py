"""Pages of impediments: the record pages, and the escalation step (GET shows the form with the steps the
user may take, POST takes one). Views parse, call a service or selector, and render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from mignet.core.services import ConcurrentEditError
from mignet.core.views import RecordFormMixin, record_views

from ..filters.impediments import ImpedimentFilter
from ..forms.impediments import EscalateForm, ImpedimentForm
from ..models import Impediment
from ..selectors import impediments as selectors
from ..services import impediments as services
from ..tables.impediments import ImpedimentTable

impediment = record_views(
    model=Impediment,
    url_prefix="plans:impediment",
    selector_list=selectors.impediment_list,
    selector_get=selectors.impediment_get,
    form_class=ImpedimentForm,
    filterset_class=ImpedimentFilter,
    table_class=ImpedimentTable,
    create=services.impediment_create,
    update=services.impediment_update,
    delete=services.impediment_delete,
    restore=services.impediment_restore,
    selector_detail=selectors.impediment_detail,
)


class ImpedimentListView(impediment["list"]):
    """Impediments; the secretariat's deleted ones with the same joins as the current ones."""

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.showing_deleted:
            return queryset.select_related(*selectors.JOINS)
        return queryset


impediment["list"] = ImpedimentListView


class ImpedimentEscalateView(RecordFormMixin, View):
    """Move an impediment on: to the Network, raised with the Government, or resolved — dated, with why.
    Offers only the steps the user may take from where it is (none: 403)."""

    model = Impediment
    url_prefix = "plans:impediment"
    selector_get = staticmethod(selectors.impediment_get)
    template_name = "core/record_action.html"

    def check(self):
        obj = self.get_object()
        choices = services.next_stages_for(self.request.user, obj)
        if not choices:
            raise PermissionDenied
        return obj, choices

    def make_form(self, choices, data=None):
        return EscalateForm(data, choices=choices, network=self.network)

    def page(self, obj, form, status=200):
        ctx = self.get_context_data(
            object=obj,
            form=form,
            action_title=_("Move the impediment on"),
            explanation=_(
                "Escalate it to the Network, raise it with the Government, or mark it resolved. "
                "The step is dated and signed with your name and your reason."
            ),
            button=_("Record the step"),
            button_class="btn-primary",
        )
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        obj, choices = self.check()
        return self.page(obj, self.make_form(choices))

    def post(self, request, *args, **kwargs):
        obj, choices = self.check()
        form = self.make_form(choices, request.POST)
        if form.is_valid():
            try:
                services.impediment_escalate(
                    actor=request.user,
                    instance=obj,
                    to_stage=form.cleaned_data["to_stage"],
                    note=form.cleaned_data["note"],
                    government_body=form.cleaned_data["government_body"],
                )
            except ConcurrentEditError as exc:
                form.add_error(None, exc)
                return self.page(obj, form, status=409)
            except ValidationError as exc:
                self.apply_errors(form, exc)
            else:
                messages.success(request, _("The impediment's step was recorded."))
                return HttpResponseRedirect(obj.get_absolute_url())
        return self.page(obj, form, status=400)

    def get_object(self, include_deleted: bool = False):
        obj = super().get_object(include_deleted=False)
        if obj.is_deleted:
            raise Http404
        return obj
