"""Pages of the dashboards: the dashboard (filters, panels with charts and their tables), each chart as an
SVG file with the same filters, and the duplication view where a TWG chair reviews flagged pairs."""

from __future__ import annotations

import base64
import hashlib
import json

from django.contrib import messages
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from mignet.core.views import NetworkMixin

from .. import charts
from ..forms.dashboards import DashboardFilterForm, DuplicateFilterForm, DuplicateReviewForm
from ..selectors import dashboards as selectors
from ..services.duplicates import duplicate_review_record

CHARTS = ("coverage", "status", "budget")


def _filter_form(request, network, form_class=DashboardFilterForm, **extra):
    plans = selectors.dashboard_plans(user=request.user, network=network)
    bodies = selectors.dashboard_bodies(user=request.user, network=network)
    data = request.GET if any(k in request.GET for k in form_class.base_fields) else None
    form = form_class(data, plans=plans, bodies=bodies, **extra)
    if data is not None:
        form.is_valid()
    return form


def chart_svg(name: str, data: dict) -> str:
    """One of the dashboard's charts from the dashboard's data (see `selectors.dashboard`), drawn once per
    distinct data and language and then kept in the shared cache."""
    key = (
        "plans:chart:"
        + hashlib.sha256(
            json.dumps([name, get_language(), _chart_input(name, data)], default=str).encode()
        ).hexdigest()
    )
    cache = caches["shared"]
    svg = cache.get(key)
    if svg is None:
        svg = _draw(name, data)
        cache.set(key, svg, 24 * 3600)
    return svg


def _chart_input(name: str, data: dict):
    if name == "coverage":
        return data["coverage"]
    if name == "status":
        return data["progress"]["statuses"]
    return data["budget"]


def _draw(name: str, data: dict) -> str:
    if name == "coverage":
        cov = data["coverage"]
        budget = cov["measure"] == "budget"
        return charts.heatmap(
            rows=[f"{r['number']}. {r['title']}" for r in cov["rows"]],
            columns=[o["label"] for o in cov["organisations"]],
            values=[[cell["value"] for cell in r["cells"]] for r in cov["rows"]],
            title=_("GCM coverage by lead organisation"),
            value_label=_("Budget required (USD)") if budget else _("Number of activities"),
        )
    if name == "status":
        statuses = data["progress"]["statuses"]
        return charts.bars(
            labels=[str(s["label"]) for s in statuses],
            values=[s["count"] for s in statuses],
            title=_("Activities by status"),
            value_label=_("Number of activities"),
        )
    if name == "budget":
        budget = data["budget"]
        groups = [_("All")] + [b["name"] or "—" for b in budget["bodies"]]
        rows = [budget["totals"], *budget["bodies"]]
        return charts.grouped_bars(
            groups=groups,
            series=[
                (_("Required"), [r["required"] for r in rows]),
                (_("Available"), [r["available"] for r in rows]),
                (_("Spent"), [r["spent"] for r in rows]),
            ],
            title=_("Budget required, available and spent"),
            value_label=_("USD"),
        )
    raise Http404


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


class DashboardView(NetworkMixin, TemplateView):
    """The dashboard: coverage heatmap, gaps, progress, budget, districts and indicators, for one plan
    (or every approved plan), one body and one year."""

    template_name = "plans/dashboard.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = _filter_form(self.request, self.network)
        filters = form.filters()
        data = selectors.dashboard(user=self.request.user, network=self.network, filters=filters)
        params = filters.as_params()
        query = "&".join(f"{k}={v}" for k, v in params.items())
        measure_params = {k: v for k, v in params.items() if k != "measure"}
        ctx.update(
            data,
            form=form,
            query=query,
            count_query="&".join(f"{k}={v}" for k, v in measure_params.items()),
            budget_query="&".join(f"{k}={v}" for k, v in {**measure_params, "measure": "budget"}.items()),
            charts={name: _data_uri(chart_svg(name, data)) for name in CHARTS},
        )
        return ctx


class DashboardChartView(NetworkMixin, View):
    """One chart of the dashboard as an SVG file, with the dashboard's filters (for reports and download)."""

    def get(self, request, *args, **kwargs):
        name = kwargs["name"]
        if name not in CHARTS:
            raise Http404
        form = _filter_form(request, self.network)
        data = selectors.dashboard(user=request.user, network=self.network, filters=form.filters())
        response = HttpResponse(chart_svg(name, data), content_type="image/svg+xml; charset=utf-8")
        # A drawing, never a page: no script, its own inline styles only.
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
        response["Content-Disposition"] = f'inline; filename="{name}.svg"'
        return response


class DuplicatesView(NetworkMixin, View):
    """Pairs of activities flagged as similar; a TWG chair of either activity's body (or the secretariat)
    marks each complementary or duplicate."""

    template_name = "plans/duplicates.html"

    def page(self, request, *, review_form=None, review_pair=None, status=200):
        form = _filter_form(
            request, self.network, DuplicateFilterForm, default_threshold=selectors.default_threshold()
        )
        result = selectors.duplicate_candidates(
            user=request.user,
            network=self.network,
            filters=form.filters(),
            threshold=form.threshold_value(),
            unreviewed_only=form.unreviewed_only(),
        )
        for pair in result["pairs"]:
            key = (pair.first.pk, pair.second.pk)
            if review_form is not None and review_pair == key:
                pair.form = review_form
            else:
                initial = {"first": pair.first.pk, "second": pair.second.pk}
                if pair.review is not None:
                    initial.update(verdict=pair.review.verdict, note=pair.review.note)
                pair.form = DuplicateReviewForm(initial=initial, prefix=f"p{pair.first.pk}-{pair.second.pk}")
        ctx = {
            "network": self.network,
            "form": form,
            "dashboard_url": reverse("plans:dashboard", kwargs={"network": self.network.slug}),
            **result,
        }
        return render(request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        return self.page(request)

    def post(self, request, *args, **kwargs):
        prefix = request.POST.get("prefix", "")
        form = DuplicateReviewForm(request.POST, prefix=prefix or None)
        if form.is_valid():
            first = selectors.duplicate_pair_activity(
                user=request.user, network=self.network, pk=form.cleaned_data["first"]
            )
            second = selectors.duplicate_pair_activity(
                user=request.user, network=self.network, pk=form.cleaned_data["second"]
            )
            try:
                duplicate_review_record(
                    actor=request.user,
                    first=first,
                    second=second,
                    verdict=form.cleaned_data["verdict"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                for field, errors in getattr(exc, "error_dict", {None: exc.error_list}).items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
            else:
                messages.success(
                    request,
                    _("Your review of %(a)s and %(b)s was saved.") % {"a": first.code, "b": second.code},
                )
                url = request.path
                if request.META.get("QUERY_STRING"):
                    url += "?" + request.META["QUERY_STRING"]
                return HttpResponseRedirect(url)
        key = (
            (form.cleaned_data.get("first"), form.cleaned_data.get("second"))
            if hasattr(form, "cleaned_data")
            else None
        )
        if key and key[0] and key[1] and key[0] > key[1]:
            key = (key[1], key[0])
        return self.page(request, review_form=form, review_pair=key, status=400)
