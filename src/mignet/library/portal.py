"""The public portal of a network's library (no sign-in): its published public resources, browsable and
searchable, a stable page per resource that others can cite, an Atom feed of new publications and the
downloads of public files. Everything here reads through `selectors.portal_list`/`portal_get`, so anyone —
signed in or not, whatever their roles — sees exactly the same thing: published and public, nothing else."""

from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import feedgenerator, timezone
from django.utils.decorators import method_decorator
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views import View

from mignet.core.choices import Visibility
from mignet.network.models import Network, ThematicArea

from . import selectors
from .downloads import file_response, type_label
from .filters import ResourceFilter
from .models import Resource

PAGE_SIZE = 20
FEED_SIZE = 50
# Entry ids of the feed are derived from this, the resource's id and the moment it was created: neither a new
# title, a new address of the site nor a renamed network changes them, so readers never see an item twice.
FEED_NAMESPACE = uuid.UUID("7d0c6a52-3f6e-5b4e-9a63-2f1d8f0b6c11")


def portal_network(slug: str) -> Network:
    """The network at `slug`; anyone may see any network's portal. 404 when there is no such live network."""
    network = Network.objects.filter(slug=slug, deleted_at__isnull=True).first()
    if network is None:
        raise Http404
    return network


def _themes_on_portal(network):
    """Only the themes that tag something on the portal are offered: the others' names are not public."""
    through = Resource.thematic_areas.through.objects.filter(
        resource__in=selectors.portal_list(network=network).prefetch_related(None).values("pk")
    ).values("thematicarea_id")
    return ThematicArea.objects.filter(network=network, pk__in=through).order_by("name")


class PortalFilter(ResourceFilter):
    """The library's resource filter, with only what makes sense to the public: type, GCM objective,
    theme, language and year (search is the `q` box, by the ranked full-text search)."""

    q = None
    network = None
    visibility = None
    status = None
    body = None
    organisation = None

    class Meta(ResourceFilter.Meta):
        fields = ["kind", "gcm_objective", "thematic_area", "language", "year"]

    def __init__(self, *args, network=None, **kwargs):
        super().__init__(*args, **kwargs)
        if network is not None:
            self.filters["thematic_area"].queryset = _themes_on_portal(network)
        for name in ("kind", "language"):
            self.filters[name].extra["empty_label"] = _("Any")


def entry_id(resource: Resource) -> str:
    """The never-changing id of a resource in the feed."""
    return uuid.uuid5(FEED_NAMESPACE, f"library.resource:{resource.pk}:{resource.created_at.isoformat()}").urn


def feed_id(network: Network) -> str:
    """The never-changing id of a network's feed (its address may change; this does not)."""
    return uuid.uuid5(FEED_NAMESPACE, f"network.library:{network.pk}:{network.created_at.isoformat()}").urn


class PortalMixin:
    """Resolves the network of the portal (for anyone) and shows times in its zone."""

    network = None

    def dispatch(self, request, *args, **kwargs):
        self.network = portal_network(kwargs["network"])
        request.network = self.network
        timezone.activate(self.network.time_zone)
        return super().dispatch(request, *args, **kwargs)

    def context(self, **kwargs) -> dict:
        return {
            "network": self.network,
            "portal_url": reverse("portal:library", kwargs={"network": self.network.slug}),
            "feed_url": reverse("portal:feed", kwargs={"network": self.network.slug}),
            **kwargs,
        }


@method_decorator(login_not_required, name="dispatch")
class PortalLibraryView(PortalMixin, View):
    """Newest publications first, paged, with filters; with `q`, the best matches with their passage."""

    template_name = "library/portal/library.html"

    def get(self, request, *args, **kwargs):
        filterset = PortalFilter(
            request.GET or None,
            queryset=selectors.portal_list(network=self.network),
            request=request,
            network=self.network,
        )
        rows = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
        q = (request.GET.get("q") or "").strip()[:200]
        ctx = self.context(filter=filterset, q=q)
        if q:
            result = selectors.resource_search(user=AnonymousUser(), network=self.network, q=q, queryset=rows)
            hits = list(result.hits)
            prefetch_related_objects([r for r, _snippet in hits], "authors")
            ctx.update(hits=hits, total=result.total)
        else:
            page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
            prefetch_related_objects(page.object_list, "authors")
            query = request.GET.copy()
            query.pop("page", None)
            ctx.update(page=page, total=page.paginator.count, query=query.urlencode())
        ctx["filtered"] = bool(q) or any(
            v for k, v in request.GET.items() if k in PortalFilter.base_filters and v
        )
        return render(request, self.template_name, ctx)


@method_decorator(login_not_required, name="dispatch")
class PortalResourceView(PortalMixin, View):
    """The stable, citable page of one resource. The id in the address never changes; when the words after
    it are out of date (the title changed), the page moves permanently to the current address."""

    template_name = "library/portal/resource.html"

    def get(self, request, *args, **kwargs):
        resource = selectors.portal_get(network=self.network, pk=kwargs["pk"])
        url = resource.get_public_url()
        if kwargs.get("slug") != (resource.slug or "resource"):
            return HttpResponsePermanentRedirect(url)
        prefetch_related_objects(
            [resource], "authors", "gcm_objectives", "guiding_principles", "sdg_targets", "thematic_areas"
        )
        body = resource.body
        versions = list(resource.versions.all())  # public, live, newest first (prefetched by the selector)
        for v in versions:
            v.type_label = type_label(v.content_type)
        authors = sorted(resource.authors.all(), key=lambda o: o.name)
        ctx = self.context(
            resource=resource,
            versions=versions,
            current_version=versions[0] if versions else None,
            authors=authors,
            # A body's name is shown only when the body itself is public.
            body=body if body and body.deleted_at is None and body.visibility == Visibility.PUBLIC else None,
            permanent_url=request.build_absolute_uri(url),
            citation_year=(resource.published_on or timezone.localtime(resource.published_at)).year,
        )
        return render(request, self.template_name, ctx)


@login_not_required
def portal_download(request, network, version_pk):
    """A file of a published public resource (a link: only to an http(s) address). Anything else: 404."""
    network_obj = portal_network(network)
    resource = selectors.portal_list(network=network_obj).filter(versions__pk=version_pk).order_by().first()
    version = next((v for v in resource.versions.all() if v.pk == version_pk), None) if resource else None
    if version is None:
        raise Http404
    version.resource = resource
    return file_response(version)


class PortalAtomFeed(feedgenerator.Atom1Feed):
    """Atom with every authoring organisation of an entry as its own <author>."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name in item.get("author_names") or ():
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.endElement("author")


class PortalFeed(Feed):
    """The 50 latest publications of a network's portal, newest first."""

    feed_type = PortalAtomFeed

    def get_object(self, request, network):
        network = portal_network(network)
        timezone.activate(network.time_zone)
        return network

    def title(self, network):
        return _("%(network)s — library") % {"network": network.name}

    def subtitle(self, network):
        return _("New publications of %(network)s.") % {"network": network.name}

    def link(self, network):
        return reverse("portal:library", kwargs={"network": network.slug})

    def feed_guid(self, network):
        return feed_id(network)

    def feed_url(self, network):
        return reverse("portal:feed", kwargs={"network": network.slug})

    def author_name(self, network):
        return network.name

    def items(self, network):
        rows = list(selectors.portal_list(network=network)[:FEED_SIZE])
        prefetch_related_objects(rows, "authors")
        return rows

    def item_title(self, item):
        return item.title  # Atom titles are text: the XML writer escapes them, no markup is read

    def item_description(self, item):
        return escape(item.abstract)  # the summary is declared HTML: escape it so it stays text

    def item_link(self, item):
        return item.get_public_url()

    def item_guid(self, item):
        return entry_id(item)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(filter(None, (item.published_at, item.updated_at)))

    def item_categories(self, item):
        return [item.get_kind_display()]

    def item_extra_kwargs(self, item):
        return {"author_names": sorted(o.name for o in item.authors.all())}


portal_feed = login_not_required(PortalFeed())
