"""Views shared by every app: the generic record pages (list, detail, create, edit, delete, restore,
history), the home redirect and /healthz. App views subclass these and name their selector,
services, form, filter and table; they hold no business rule."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from . import policy
from .forms import DeleteForm
from .history import history_entries
from .services import ConcurrentEditError


@login_not_required
def healthz(request):
    """200 when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 — any failure to answer means unavailable
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


@method_decorator(login_not_required, name="dispatch")
class HomeView(TemplateView):
    """`/`: straight to the user's network when there is one; otherwise the list of networks."""

    template_name = "core/networks.html"

    def get(self, request, *args, **kwargs):
        from mignet.network.selectors import network_list

        networks = list(network_list(user=request.user))
        mine = [n for n in networks if n.pk in policy.principal(request.user).network_ids()]
        if len(mine) == 1:
            return redirect(mine[0].get_absolute_url())
        return render(request, self.template_name, {"networks": networks})


class NetworkMixin:
    """Resolves the `network` in the URL (404 when the user may not see it) and puts it on the request."""

    network = None

    def dispatch(self, request, *args, **kwargs):
        from mignet.network.selectors import network_get

        self.network = network_get(user=request.user, slug=kwargs["network"])
        request.network = self.network
        timezone.activate(self.network.time_zone)  # times on a network's pages are in its zone
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["network"] = self.network
        return ctx


class RecordMixin(NetworkMixin):
    """What every record page knows: the model, how to read one, and what the user may do with it."""

    model = None
    selector_list = None  # callable(*, user, network) -> QuerySet
    selector_get = None  # callable(*, user, network, pk, include_deleted=False) -> instance (Http404)
    url_prefix = ""  # e.g. "network:organisation"

    def get_object(self, include_deleted: bool = False):
        if not hasattr(self, "_object"):
            self._object = type(self).selector_get(
                user=self.request.user,
                network=self.network,
                pk=self.kwargs["pk"],
                include_deleted=include_deleted,
            )
        return self._object

    def url(self, action: str, obj=None) -> str:
        kwargs = {"network": self.network.slug}
        if obj is not None:
            kwargs["pk"] = obj.pk
        return reverse(f"{self.url_prefix}-{action}", kwargs=kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["model_meta"] = self.model._meta
        ctx["list_url"] = self.url("list")
        ctx["url_prefix"] = self.url_prefix
        return ctx


class RecordListView(RecordMixin, SingleTableMixin, FilterView):
    """A searchable, filterable, paginated table. With htmx, only the table fragment is sent."""

    template_name = "core/record_list.html"
    table_pagination = {"per_page": 50}  # the table paginates (one COUNT); the view itself does not

    @property
    def showing_deleted(self) -> bool:
        """`?deleted=1`: the secretariat's view of deleted records, to open and restore them."""
        return self.request.GET.get("deleted") == "1" and policy.can(
            self.request.user, "restore", model=self.model, network=self.network
        )

    def get_queryset(self):
        if self.showing_deleted:
            deleted = self.model.all_objects.filter(network=self.network, deleted_at__isnull=False)
            # The table links each row and its related records: join them (and their networks) at once.
            joins = ["network"]
            for f in self.model._meta.concrete_fields:
                if f.many_to_one and f.name != "network":
                    joins.append(f.name)
                    if any(g.name == "network" for g in f.related_model._meta.concrete_fields):
                        joins.append(f"{f.name}__network")
            deleted = deleted.select_related(*joins)
            return policy.restrict(deleted, self.request.user).order_by("-deleted_at")
        return type(self).selector_list(user=self.request.user, network=self.network)

    def get_template_names(self):
        if getattr(self.request, "htmx", False) and not self.request.htmx.boosted:
            return ["core/partials/record_table.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_add"] = policy.can(self.request.user, "add", model=self.model, network=self.network)
        ctx["add_url"] = self.url("create")
        ctx["showing_deleted"] = self.showing_deleted
        ctx["can_see_deleted"] = policy.can(
            self.request.user, "restore", model=self.model, network=self.network
        )
        return ctx


class RecordDetailView(RecordMixin, TemplateView):
    """One record, with links to edit, delete and its history when the user may."""

    selector_detail = None  # callable(*, user, obj) -> dict of what the page shows beside the record

    def get_template_names(self):
        return [f"{self.model._meta.app_label}/{self.model._meta.model_name}_detail.html"]

    def get_object(self, include_deleted: bool = True):
        return super().get_object(include_deleted=include_deleted)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        obj = self.get_object()
        user = self.request.user
        ctx.update(
            object=obj,
            can_change=policy.can(user, "change", obj) and not obj.is_deleted,
            can_delete=policy.can(user, "delete", obj) and not obj.is_deleted,
            can_restore=policy.can(user, "restore", obj) and obj.is_deleted,
            edit_url=self.url("update", obj),
            delete_url=self.url("delete", obj),
            restore_url=self.url("restore", obj),
            history_url=self.url("history", obj),
        )
        if type(self).selector_detail is not None:
            ctx.update(type(self).selector_detail(user=user, obj=obj))
        return ctx


class RecordFormMixin(RecordMixin):
    form_class = None
    template_name = "core/record_form.html"

    def form_kwargs(self, **kwargs):
        return {"network": self.network, "user": self.request.user, **kwargs}

    def render_form(self, form, status=200):
        ctx = self.get_context_data(form=form)
        return render(self.request, self.template_name, ctx, status=status)

    def get_context_data(self, **kwargs):
        ctx = {"network": self.network, "model_meta": self.model._meta, "list_url": self.url("list")}
        ctx.update(kwargs)
        return ctx

    def apply_errors(self, form, exc: ValidationError) -> None:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            form.add_error(None, exc)


class RecordCreateView(RecordFormMixin, View):
    """A form to add one record; the app's create service does the writing."""

    create_service = None  # callable(*, actor, network, data, m2m) -> instance

    def initial(self) -> dict:
        return {key: value for key, value in self.request.GET.items() if key in self.form_class.base_fields}

    def check(self):
        policy.require(self.request.user, "add", model=self.model, network=self.network)

    def get(self, request, *args, **kwargs):
        self.check()
        return self.render_form(self.form_class(**self.form_kwargs(initial=self.initial())))

    def post(self, request, *args, **kwargs):
        self.check()
        form = self.form_class(request.POST, **self.form_kwargs())
        if form.is_valid():
            data, m2m = form.service_data()
            try:
                obj = type(self).create_service(actor=request.user, network=self.network, data=data, m2m=m2m)
            except ValidationError as exc:
                self.apply_errors(form, exc)
            else:
                messages.success(request, _("%(name)s was added.") % {"name": obj})
                return HttpResponseRedirect(obj.get_absolute_url())
        return self.render_form(form, status=400)


class RecordUpdateView(RecordFormMixin, View):
    """A form to change one record; a save over someone else's newer change is refused."""

    update_service = None  # callable(*, actor, instance, version, data, m2m) -> instance

    def check(self):
        obj = self.get_object()
        if obj.is_deleted:
            raise Http404
        policy.require(self.request.user, "change", obj)
        return obj

    def get(self, request, *args, **kwargs):
        obj = self.check()
        return self.render_form(self.form_class(instance=obj, **self.form_kwargs()))

    def post(self, request, *args, **kwargs):
        obj = self.check()
        form = self.form_class(request.POST, instance=obj, **self.form_kwargs())
        if form.is_valid():
            data, m2m = form.service_data()
            try:
                obj = type(self).update_service(
                    actor=request.user,
                    instance=obj,
                    version=form.cleaned_data.get("version"),
                    data=data,
                    m2m=m2m,
                )
            except ConcurrentEditError as exc:
                form.add_error(None, exc)
                return self.render_form(form, status=409)
            except ValidationError as exc:
                self.apply_errors(form, exc)
            else:
                messages.success(request, _("Your changes to %(name)s were saved.") % {"name": obj})
                return HttpResponseRedirect(obj.get_absolute_url())
        return self.render_form(form, status=400)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["object"] = self.get_object()
        return ctx


class RecordDeleteView(RecordFormMixin, View):
    """Confirm, then soft-delete: the record disappears from lists and stays restorable with its history."""

    template_name = "core/record_delete.html"
    delete_service = None  # callable(*, actor, instance, reason) -> instance

    def check(self):
        obj = self.get_object()
        if obj.is_deleted:
            raise Http404
        policy.require(self.request.user, "delete", obj)
        return obj

    def get(self, request, *args, **kwargs):
        obj = self.check()
        return render(request, self.template_name, self.get_context_data(object=obj, form=DeleteForm()))

    def post(self, request, *args, **kwargs):
        obj = self.check()
        form = DeleteForm(request.POST)
        if form.is_valid():
            try:
                type(self).delete_service(
                    actor=request.user, instance=obj, reason=form.cleaned_data["reason"]
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request, _("%(name)s was deleted. The secretariat can restore it.") % {"name": obj}
                )
                return HttpResponseRedirect(self.url("list"))
        return render(request, self.template_name, self.get_context_data(object=obj, form=form), status=400)


class RecordRestoreView(RecordMixin, View):
    """POST: bring a deleted record back."""

    restore_service = None  # callable(*, actor, instance) -> instance
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        obj = self.get_object(include_deleted=True)
        if not obj.is_deleted:
            raise Http404
        if not policy.can(request.user, "restore", obj):
            policy.deny(request.user, "restore", obj)
        type(self).restore_service(actor=request.user, instance=obj)
        messages.success(request, _("%(name)s was restored.") % {"name": obj})
        return HttpResponseRedirect(obj.get_absolute_url())


class RecordHistoryView(RecordMixin, TemplateView):
    """Who changed what and when, with before and after values."""

    template_name = "core/record_history.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        obj = self.get_object(include_deleted=True)
        ctx.update(object=obj, entries=history_entries(obj))
        return ctx


class RecordActionView(RecordFormMixin, View):
    """One step on one record (cancel, circulate, close, withdraw…): GET asks to confirm, POST calls the service.

    The service decides (and the policy inside it); the view only parses, calls and reports."""

    template_name = "core/record_action.html"
    action_service = None  # callable(*, actor, instance, **form.cleaned_data) -> instance
    form_class = None  # optional form whose cleaned data goes to the service (e.g. a reason)
    form_kwargs_extra: dict = {}
    title = ""
    explanation = ""
    button = ""
    done_message = ""
    button_class = "btn-primary"

    def check(self):
        obj = self.get_object()
        if obj.is_deleted:
            raise Http404
        policy.require(self.request.user, "change", obj)
        return obj

    def make_form(self, data=None):
        if self.form_class is None:
            return None
        return self.form_class(data, **self.form_kwargs_extra)

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
        return self.page(obj, self.make_form())

    def post(self, request, *args, **kwargs):
        obj = self.check()
        form = self.make_form(request.POST)
        if form is None or form.is_valid():
            try:
                type(self).action_service(
                    actor=request.user, instance=obj, **(form.cleaned_data if form is not None else {})
                )
            except ValidationError as exc:
                if form is None:
                    messages.error(request, " ".join(exc.messages))
                    return HttpResponseRedirect(obj.get_absolute_url())
                self.apply_errors(form, exc)
            else:
                messages.success(request, self.done_message or _("Done."))
                return HttpResponseRedirect(obj.get_absolute_url())
        return self.page(obj, form, status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def record_views(
    *,
    model,
    url_prefix,
    selector_list,
    selector_get,
    form_class,
    filterset_class,
    table_class,
    create,
    update,
    delete,
    restore,
    selector_detail=None,
):
    """The seven record pages of one model, wired to its selectors and services."""
    common = {
        "model": model,
        "url_prefix": url_prefix,
        "selector_list": staticmethod(selector_list),
        "selector_get": staticmethod(selector_get),
    }
    name = model.__name__
    return {
        "list": type(
            f"{name}ListView",
            (RecordListView,),
            {**common, "filterset_class": filterset_class, "table_class": table_class},
        ),
        "detail": type(
            f"{name}DetailView",
            (RecordDetailView,),
            {**common, "selector_detail": staticmethod(selector_detail) if selector_detail else None},
        ),
        "create": type(
            f"{name}CreateView",
            (RecordCreateView,),
            {**common, "form_class": form_class, "create_service": staticmethod(create)},
        ),
        "update": type(
            f"{name}UpdateView",
            (RecordUpdateView,),
            {**common, "form_class": form_class, "update_service": staticmethod(update)},
        ),
        "delete": type(
            f"{name}DeleteView", (RecordDeleteView,), {**common, "delete_service": staticmethod(delete)}
        ),
        "restore": type(
            f"{name}RestoreView", (RecordRestoreView,), {**common, "restore_service": staticmethod(restore)}
        ),
        "history": type(f"{name}HistoryView", (RecordHistoryView,), common),
    }


def record_urls(segment: str, name: str, views: dict) -> list:
    """URL patterns for the seven record pages: /<segment>/, /<segment>/new/, /<segment>/<pk>/…"""
    from django.urls import path

    return [
        path(f"{segment}/", views["list"].as_view(), name=f"{name}-list"),
        path(f"{segment}/new/", views["create"].as_view(), name=f"{name}-create"),
        path(f"{segment}/<int:pk>/", views["detail"].as_view(), name=f"{name}-detail"),
        path(f"{segment}/<int:pk>/edit/", views["update"].as_view(), name=f"{name}-update"),
        path(f"{segment}/<int:pk>/delete/", views["delete"].as_view(), name=f"{name}-delete"),
        path(f"{segment}/<int:pk>/restore/", views["restore"].as_view(), name=f"{name}-restore"),
        path(f"{segment}/<int:pk>/history/", views["history"].as_view(), name=f"{name}-history"),
    ]
