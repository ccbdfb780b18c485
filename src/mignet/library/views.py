"""Pages of the library: resources with versions, review and full-text search; file downloads checked on
every request; capacity-building requests. Views parse, call a service or selector, and render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from mignet.core import policy
from mignet.core.views import NetworkMixin, RecordActionView, RecordFormMixin, record_views

from . import filters, forms, selectors, services, tables
from .models import CapacityRequest, Resource

resource = record_views(
    model=Resource,
    url_prefix="library:resource",
    selector_list=selectors.resource_list,
    selector_get=selectors.resource_get,
    form_class=forms.ResourceForm,
    filterset_class=filters.ResourceFilter,
    table_class=tables.ResourceTable,
    create=services.resource_create,
    update=services.resource_update,
    delete=services.resource_delete,
    restore=services.resource_restore,
    selector_detail=selectors.resource_detail,
)
capacity_request = record_views(
    model=CapacityRequest,
    url_prefix="library:capacityrequest",
    selector_list=selectors.capacity_request_list,
    selector_get=selectors.capacity_request_get,
    form_class=forms.CapacityRequestForm,
    filterset_class=filters.CapacityRequestFilter,
    table_class=tables.CapacityRequestTable,
    create=services.capacity_request_create,
    update=services.capacity_request_update,
    delete=services.capacity_request_delete,
    restore=services.capacity_request_restore,
    selector_detail=selectors.capacity_request_detail,
)


class ResourceListView(resource["list"]):
    """The library: filters narrow the list; words in the search box search titles, abstracts and the text
    inside the files, ranked, with the matching passage shown."""

    template_name = "library/resource_list.html"
    search_page_size = 20

    @property
    def words(self) -> str:
        return (self.request.GET.get("q") or "").strip()

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        if kwargs.get("data") is not None and self.words:
            data = kwargs["data"].copy()
            data.pop("q", None)  # the words go to the full-text search, not to the list's plain filter
            kwargs["data"] = data
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["words"] = self.words
        if self.words:
            page_number = self.request.GET.get("page") or 1
            try:
                page_number = max(1, int(page_number))
            except ValueError:
                page_number = 1
            result = selectors.resource_search(
                user=self.request.user,
                network=self.network,
                q=self.words,
                queryset=self.filterset.qs,
                limit=self.search_page_size,
                offset=(page_number - 1) * self.search_page_size,
            )
            paginator = Paginator(range(result.total), self.search_page_size)
            ctx["search"] = result
            ctx["search_page"] = paginator.get_page(page_number)
        ctx["review_queue"] = selectors.review_queue(user=self.request.user, network=self.network)
        return ctx

    def get_queryset(self):
        queryset = super().get_queryset()
        # The deleted records (?deleted=1) come from all_objects without the selector's joins; each row
        # links to its page (its network) and shows its body.
        return queryset.select_related("network", "body") if self.showing_deleted else queryset

    def get_template_names(self):
        if getattr(self.request, "htmx", False) and not self.request.htmx.boosted:
            return ["library/partials/resource_results.html"]
        return [self.template_name]


class ResourceCreateView(resource["create"]):
    """Add a resource with its first file or link (the file is checked by its content)."""

    template_name = "library/resource_form.html"

    def post(self, request, *args, **kwargs):
        self.check()
        form = self.form_class(request.POST, request.FILES, **self.form_kwargs())
        if form.is_valid():
            data, m2m = form.service_data()
            try:
                obj = services.resource_create(
                    actor=request.user,
                    network=self.network,
                    data=data,
                    m2m=m2m,
                    upload=form.cleaned_data.get("upload"),
                    link=form.cleaned_data.get("link") or "",
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict") and "file" in exc.error_dict:
                    exc.error_dict["upload"] = exc.error_dict.pop("file")
                self.apply_errors(form, exc)
            else:
                messages.success(request, _("%(name)s was added as a draft.") % {"name": obj})
                return HttpResponseRedirect(obj.get_absolute_url())
        return self.render_form(form, status=400)


class CapacityRequestListView(capacity_request["list"]):
    """Capacity-building requests; the secretariat's deleted ones with the same joins as the current ones."""

    def get_queryset(self):
        queryset = super().get_queryset()
        # As for resources: the deleted records come without the selector's joins.
        if self.showing_deleted:
            return queryset.select_related("network", "requester", "government_body")
        return queryset


resource["list"] = ResourceListView
resource["create"] = ResourceCreateView
capacity_request["list"] = CapacityRequestListView


class ResourceStep(RecordActionView):
    model = Resource
    url_prefix = "library:resource"
    selector_get = staticmethod(selectors.resource_get)


class ResourceSubmitView(ResourceStep):
    action_service = staticmethod(services.resource_submit)
    title = gettext_lazy("Send for review")
    explanation = gettext_lazy(
        "The secretariat (or the chair of the body that produced it) reviews it and publishes it or returns it "
        "with comments. Until it is published, only its authors and the secretariat see it."
    )
    button = gettext_lazy("Send for review")
    done_message = gettext_lazy("Sent for review.")


class ResourceUnpublishView(ResourceStep):
    action_service = staticmethod(services.resource_unpublish)
    title = gettext_lazy("Withdraw from publication")
    explanation = gettext_lazy("It goes back to draft: members and the public portal no longer see it.")
    button = gettext_lazy("Withdraw from publication")
    button_class = "btn-danger"
    done_message = gettext_lazy("The resource is no longer published.")

    def check(self):
        obj = self.get_object()
        policy.require(self.request.user, "restore", obj)
        return obj


class ResourceReviewView(RecordFormMixin, View):
    """The reviewer (never the author) publishes the resource or returns it with comments."""

    model = Resource
    url_prefix = "library:resource"
    selector_get = staticmethod(selectors.resource_get)
    template_name = "library/resource_review.html"

    def check(self):
        obj = self.get_object()
        if not policy.can(self.request.user, "review", obj):
            policy.deny(self.request.user, "review", obj)
        return obj

    def page(self, obj, form, status=200):
        ctx = self.get_context_data(
            object=obj, form=form, **selectors.resource_detail(user=self.request.user, obj=obj)
        )
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        obj = self.check()
        return self.page(obj, forms.ReviewForm())

    def post(self, request, *args, **kwargs):
        obj = self.check()
        form = forms.ReviewForm(request.POST)
        if form.is_valid():
            try:
                if form.cleaned_data["decision"] == "publish":
                    services.resource_publish(
                        actor=request.user, instance=obj, comment=form.cleaned_data["comment"]
                    )
                    messages.success(request, _("Published."))
                else:
                    services.resource_return(
                        actor=request.user, instance=obj, comment=form.cleaned_data["comment"]
                    )
                    messages.success(request, _("Returned to the authors with your comments."))
            except ValidationError as exc:
                self.apply_errors(form, exc)
            else:
                return HttpResponseRedirect(obj.get_absolute_url())
        return self.page(obj, form, status=400)


class VersionUploadView(RecordFormMixin, View):
    """Upload a new version (file or link); earlier versions stay downloadable."""

    model = Resource
    url_prefix = "library:resource"
    selector_get = staticmethod(selectors.resource_get)
    template_name = "library/version_form.html"

    def check(self):
        obj = self.get_object()
        if obj.is_deleted:
            raise Http404
        if not (
            policy.can(self.request.user, "change", obj)
            or policy.principal(self.request.user).is_secretariat(obj.network_id)
        ):
            policy.deny(self.request.user, "upload", obj)
        return obj

    def page(self, obj, form, status=200):
        return render(
            self.request, self.template_name, self.get_context_data(object=obj, form=form), status=status
        )

    def get(self, request, *args, **kwargs):
        return self.page(self.check(), forms.VersionForm())

    def post(self, request, *args, **kwargs):
        obj = self.check()
        form = forms.VersionForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                version = services.version_upload(
                    actor=request.user,
                    resource=obj,
                    upload=form.cleaned_data.get("upload"),
                    link=form.cleaned_data.get("link") or "",
                    note=form.cleaned_data.get("note") or "",
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict") and "file" in exc.error_dict:
                    exc.error_dict["upload"] = exc.error_dict.pop("file")
                self.apply_errors(form, exc)
            else:
                messages.success(request, _("Version %(n)d was added.") % {"n": version.number})
                return HttpResponseRedirect(obj.get_absolute_url())
        return self.page(obj, form, status=400)


class VersionDownloadView(NetworkMixin, View):
    """A version's file, after checking on this request that the user may read its resource."""

    def get(self, request, *args, **kwargs):
        from .downloads import file_response

        version = selectors.version_get(user=request.user, network=self.network, pk=kwargs["pk"])
        return file_response(version)


class CapacityRequestAdvanceView(RecordFormMixin, View):
    """The secretariat moves a request one step towards delivery, dated, with a note."""

    model = CapacityRequest
    url_prefix = "library:capacityrequest"
    selector_get = staticmethod(selectors.capacity_request_get)
    template_name = "core/record_action.html"

    def check(self):
        obj = self.get_object()
        policy.require(self.request.user, "change", obj)
        return obj

    def make_form(self, obj, data=None):
        from django.utils import timezone

        detail = selectors.capacity_request_detail(user=self.request.user, obj=obj)
        return forms.AdvanceForm(data, choices=detail["next_statuses"], initial={"on": timezone.localdate()})

    def page(self, obj, form, status=200):
        ctx = self.get_context_data(
            object=obj,
            form=form,
            action_title=_("Next step"),
            explanation=_("Record where the request stands, with the date and a note for the record."),
            button=_("Save the step"),
            button_class="btn-primary",
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
                services.capacity_request_advance(
                    actor=request.user,
                    instance=obj,
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                    on=form.cleaned_data["on"],
                )
            except ValidationError as exc:
                self.apply_errors(form, exc)
            else:
                messages.success(request, _("The request's new step was recorded."))
                return HttpResponseRedirect(obj.get_absolute_url())
        return self.page(obj, form, status=400)
