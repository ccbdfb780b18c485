"""Pages of the network app: home with governance health, the directory and structure records."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from mignet.accounts.services import user_get_or_invite
from mignet.core import policy
from mignet.core.services import ConcurrentEditError
from mignet.core.views import NetworkMixin, RecordFormMixin, record_views
from mignet.meetings import selectors as meetings_selectors

from . import filters, forms, selectors, services, tables
from .models import (
    Body,
    ChairTerm,
    Membership,
    Network,
    Nomination,
    Organisation,
    Person,
    Representative,
    RoleAssignment,
    TermsOfReference,
    ThematicArea,
)


class NetworkHomeView(NetworkMixin, TemplateView):
    """Who coordinates, who the members are, the bodies and their chairs, and the governance-health panel."""

    template_name = "network/home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, network = self.request.user, self.network
        bodies = selectors.body_overview(user=user, network=network)
        plenary = next((b for b in bodies if b.kind == "plenary"), None)
        ctx.update(
            bodies=bodies,
            plenary=plenary,
            members=plenary.current_memberships if plenary else [],
            health=selectors.governance_health(user=user, network=network),
            terms=selectors.terms_current(user=user, network=network),
            can_change_network=policy.can(user, "change", network),
        )
        ctx.update(meetings_selectors.home_panels(user=user, network=network))
        if ctx["cadence_alert"]:
            ctx["health"]["count"] += 1
        return ctx


@method_decorator(login_not_required, name="dispatch")
class NetworkAboutView(NetworkMixin, TemplateView):
    """The public face of a network: its ToR in force, coordinator and public bodies. Open to anyone."""

    template_name = "network/about.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, network = self.request.user, self.network
        ctx.update(
            terms=selectors.terms_current(user=user, network=network),
            bodies=selectors.body_overview(user=user, network=network),
        )
        return ctx


class NetworkUpdateView(RecordFormMixin, View):
    """The secretariat changes the network's own settings (time zone, coordinator, two-factor rules…)."""

    model = Network
    form_class = forms.NetworkForm
    url_prefix = "network:network"

    def url(self, action, obj=None):
        return self.network.get_absolute_url()

    def check(self):
        policy.require(self.request.user, "change", self.network)

    def get(self, request, *args, **kwargs):
        self.check()
        return self.render_form(self.form_class(instance=self.network, **self.form_kwargs()))

    def post(self, request, *args, **kwargs):
        self.check()
        form = self.form_class(
            request.POST, instance=Network.objects.get(pk=self.network.pk), **self.form_kwargs()
        )
        if form.is_valid():
            data, m2m = form.service_data()
            try:
                services.network_update(
                    actor=request.user, instance=self.network, version=form.cleaned_data["version"], data=data
                )
            except ConcurrentEditError as exc:
                form.add_error(None, exc)
                return self.render_form(form, status=409)
            except ValidationError as exc:
                self.apply_errors(form, exc)
            else:
                messages.success(request, _("The network's settings were saved."))
                return HttpResponseRedirect(self.network.get_absolute_url())
        return self.render_form(form, status=400)


class NetworkHistoryView(NetworkMixin, TemplateView):
    template_name = "core/record_history.html"

    def get_context_data(self, **kwargs):
        from mignet.core.history import history_entries

        ctx = super().get_context_data(**kwargs)
        ctx.update(
            object=self.network,
            entries=history_entries(self.network),
            model_meta=Network._meta,
            list_url=self.network.get_absolute_url(),
        )
        return ctx


organisation = record_views(
    model=Organisation,
    url_prefix="network:organisation",
    selector_list=selectors.organisation_list,
    selector_get=selectors.organisation_get,
    form_class=forms.OrganisationForm,
    filterset_class=filters.OrganisationFilter,
    table_class=tables.OrganisationTable,
    create=services.organisation_create,
    update=services.organisation_update,
    delete=services.organisation_delete,
    restore=services.organisation_restore,
    selector_detail=selectors.organisation_detail,
)
person = record_views(
    model=Person,
    url_prefix="network:person",
    selector_list=selectors.person_list,
    selector_get=selectors.person_get,
    form_class=forms.PersonForm,
    filterset_class=filters.PersonFilter,
    table_class=tables.PersonTable,
    create=services.person_create,
    update=services.person_update,
    delete=services.person_delete,
    restore=services.person_restore,
    selector_detail=selectors.person_detail,
)
body = record_views(
    model=Body,
    url_prefix="network:body",
    selector_list=selectors.body_list,
    selector_get=selectors.body_get,
    form_class=forms.BodyForm,
    filterset_class=filters.BodyFilter,
    table_class=tables.BodyTable,
    create=services.body_create,
    update=services.body_update,
    delete=services.body_delete,
    restore=services.body_restore,
    selector_detail=selectors.body_detail,
)
membership = record_views(
    model=Membership,
    url_prefix="network:membership",
    selector_list=selectors.membership_list,
    selector_get=selectors.membership_get,
    form_class=forms.MembershipForm,
    filterset_class=filters.MembershipFilter,
    table_class=tables.MembershipTable,
    create=services.membership_create,
    update=services.membership_update,
    delete=services.membership_delete,
    restore=services.membership_restore,
    selector_detail=selectors.membership_detail,
)
representative = record_views(
    model=Representative,
    url_prefix="network:representative",
    selector_list=selectors.representative_list,
    selector_get=selectors.representative_get,
    form_class=forms.RepresentativeForm,
    filterset_class=filters.RepresentativeFilter,
    table_class=tables.RepresentativeTable,
    create=services.representative_create,
    update=services.representative_update,
    delete=services.representative_delete,
    restore=services.representative_restore,
)
chair_term = record_views(
    model=ChairTerm,
    url_prefix="network:chairterm",
    selector_list=selectors.chair_term_list,
    selector_get=selectors.chair_term_get,
    form_class=forms.ChairTermForm,
    filterset_class=filters.ChairTermFilter,
    table_class=tables.ChairTermTable,
    create=services.chair_term_create,
    update=services.chair_term_update,
    delete=services.chair_term_delete,
    restore=services.chair_term_restore,
)
nomination = record_views(
    model=Nomination,
    url_prefix="network:nomination",
    selector_list=selectors.nomination_list,
    selector_get=selectors.nomination_get,
    form_class=forms.NominationForm,
    filterset_class=filters.NominationFilter,
    table_class=tables.NominationTable,
    create=services.nomination_create,
    update=services.nomination_update,
    delete=services.nomination_delete,
    restore=services.nomination_restore,
)
role_assignment = record_views(
    model=RoleAssignment,
    url_prefix="network:roleassignment",
    selector_list=selectors.role_assignment_list,
    selector_get=selectors.role_assignment_get,
    form_class=forms.RoleAssignmentForm,
    filterset_class=filters.RoleAssignmentFilter,
    table_class=tables.RoleAssignmentTable,
    create=services.role_assignment_create,
    update=services.role_assignment_update,
    delete=services.role_assignment_delete,
    restore=services.role_assignment_restore,
)
terms = record_views(
    model=TermsOfReference,
    url_prefix="network:terms",
    selector_list=selectors.terms_list,
    selector_get=selectors.terms_get,
    form_class=forms.TermsForm,
    filterset_class=filters.TermsFilter,
    table_class=tables.TermsTable,
    create=services.terms_create,
    update=services.terms_update,
    delete=services.terms_delete,
    restore=services.terms_restore,
)

thematic_area = record_views(
    model=ThematicArea,
    url_prefix="network:thematicarea",
    selector_list=selectors.thematic_area_list,
    selector_get=selectors.thematic_area_get,
    form_class=forms.ThematicAreaForm,
    filterset_class=filters.ThematicAreaFilter,
    table_class=tables.ThematicAreaTable,
    create=services.thematic_area_create,
    update=services.thematic_area_update,
    delete=services.thematic_area_delete,
    restore=services.thematic_area_restore,
    selector_detail=selectors.thematic_area_detail,
)


class RoleAssignmentCreateView(role_assignment["create"]):
    """Give someone a role by e-mail address; a new address gets an account and a set-your-password e-mail."""

    def post(self, request, *args, **kwargs):
        self.check()
        form = self.form_class(request.POST, **self.form_kwargs())
        if form.is_valid():
            data, _m2m = form.service_data()
            try:
                data["user"] = user_get_or_invite(
                    email=form.cleaned_data["email"],
                    request=request,
                    network=self.network,
                    invited_by=request.user,
                )
                obj = services.role_assignment_create(actor=request.user, network=self.network, data=data)
            except ValidationError as exc:
                self.apply_errors(form, exc)
            else:
                messages.success(request, _("%(name)s was added.") % {"name": obj})
                return HttpResponseRedirect(obj.get_absolute_url())
        return self.render_form(form, status=400)


role_assignment["create"] = RoleAssignmentCreateView


class DecideView(RecordFormMixin, View):
    """The secretariat accepts or declines (a nomination, a proposed membership)."""

    template_name = "network/decide.html"
    selector_get = None
    decide_service = None

    def get_object(self, include_deleted=False):
        return type(self).selector_get(user=self.request.user, network=self.network, pk=self.kwargs["pk"])

    def check(self):
        obj = self.get_object()
        if not policy.can(self.request.user, "change", obj):
            policy.deny(self.request.user, "decide", obj)
        return obj

    def get(self, request, *args, **kwargs):
        obj = self.check()
        return render(
            request, self.template_name, self.get_context_data(object=obj, form=forms.DecisionForm())
        )

    def post(self, request, *args, **kwargs):
        obj = self.check()
        form = forms.DecisionForm(request.POST)
        if form.is_valid():
            try:
                type(self).decide_service(
                    actor=request.user,
                    instance=obj,
                    accept=form.cleaned_data["accept"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The decision was recorded."))
                return HttpResponseRedirect(obj.get_absolute_url())
        return render(request, self.template_name, self.get_context_data(object=obj, form=form), status=400)


class NominationDecideView(DecideView):
    model = Nomination
    url_prefix = "network:nomination"
    selector_get = staticmethod(selectors.nomination_get)
    decide_service = staticmethod(services.nomination_decide)


class MembershipDecideView(DecideView):
    model = Membership
    url_prefix = "network:membership"
    selector_get = staticmethod(selectors.membership_get)
    decide_service = staticmethod(services.membership_decide)
