"""Template helpers: ask the policy, render safe Markdown, render form fields the same way everywhere."""

import markdown as md
import nh3
from django import template
from django.utils.safestring import mark_safe

from .. import policy

register = template.Library()

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "h5",
    "blockquote",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
}


@register.simple_tag(takes_context=True)
def can(context, action, obj=None, model=None):
    """{% can "change" object as can_edit %}: the policy's answer for the current user."""
    request = context.get("request")
    network = context.get("network")
    return policy.can(getattr(request, "user", None), action, obj, model=model, network=network)


@register.filter
def markdown(text):
    """Markdown to HTML, then sanitised by nh3 (no scripts, no styles, safe links)."""
    # "#" becomes <h3>: pages and exports keep h1/h2 for their own titles, and the writer's outline survives.
    html = md.markdown(
        text or "",
        extensions=["tables", "sane_lists", "toc"],
        extension_configs={"toc": {"baselevel": 3, "anchorlink": False, "permalink": False}},
    )
    return mark_safe(nh3.clean(html, tags=ALLOWED_TAGS, link_rel="noopener noreferrer nofollow"))  # noqa: S308


@register.inclusion_tag("core/partials/field.html")
def field(bound_field):
    """One form field the GOV.UK way: label, hint, the error in plain words beside it."""
    return {"field": bound_field}


@register.filter
def verbose(meta, which="name"):
    return meta.verbose_name_plural if which == "plural" else meta.verbose_name
