"""The user's own pages: profile, language, API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.i18n import set_language

from mignet.core.policy import principal
from mignet.network.models import RoleAssignment

from . import services
from .forms import ProfileForm, TokenForm
from .models import ApiToken, ApiTokenKind


class ProfileView(View):
    """Profile, roles and API tokens of the signed-in user."""

    template_name = "accounts/profile.html"

    def context(self, form=None, token_form=None, new_key=None, new_feed=None):
        user = self.request.user
        return {
            "form": form or ProfileForm(instance=user),
            "token_form": token_form or TokenForm(),
            "tokens": ApiToken.objects.filter(user=user, kind=ApiTokenKind.API),
            "calendar_tokens": ApiToken.objects.filter(user=user, kind=ApiTokenKind.CALENDAR),
            "new_key": new_key,
            "new_feed": new_feed,
            "roles": RoleAssignment.objects.filter(user=user).select_related(
                "network", "organisation", "body"
            ),
            "principal": principal(user),
        }

    def get(self, request):
        return render(request, self.template_name, self.context())

    def post(self, request):
        form = ProfileForm(request.POST, instance=request.user)
        if form.is_valid():
            services.profile_update(actor=request.user, **form.cleaned_data)
            messages.success(request, _("Your profile was saved."))
            response = HttpResponseRedirect(reverse("accounts:profile"))
            response.set_cookie("django_language", request.user.language, samesite="Lax")
            return response
        return render(request, self.template_name, self.context(form=form), status=400)


class TokenCreateView(View):
    """Create an API token, or a calendar-feed token (`kind=calendar`); its key or address is shown once."""

    def post(self, request):
        profile = ProfileView()
        profile.request = request
        if request.POST.get("kind") == ApiTokenKind.CALENDAR:
            return self.calendar(request, profile)
        form = TokenForm(request.POST)
        if form.is_valid():
            try:
                _token, key = services.token_create(actor=request.user, name=form.cleaned_data["name"])
            except ValidationError as exc:
                form.add_error("name", exc)
            else:
                messages.success(request, _("Token created. Copy it now: it will not be shown again."))
                return render(request, ProfileView.template_name, profile.context(new_key=key))
        return render(request, ProfileView.template_name, profile.context(token_form=form), status=400)

    def calendar(self, request, profile):
        """A calendar-feed token: its private address, and a body's feed address when `body` is given."""
        from mignet.meetings.feeds import feed_url, feed_url_for_body
        from mignet.network.selectors import body_list

        body = None
        if (request.POST.get("body") or "").isdigit():
            body = body_list(user=request.user).filter(pk=int(request.POST["body"])).first()
            if body is None:
                raise Http404
        name = (request.POST.get("name") or "").strip() or (
            _("Calendar: %(body)s") % {"body": body} if body else _("Calendar feed")
        )
        _token, key = services.token_create(actor=request.user, name=name, kind=ApiTokenKind.CALENDAR)
        new_feed = {
            "url": feed_url(key, request),
            "body": body,
            "body_url": feed_url_for_body(key, body, request) if body else None,
        }
        messages.success(request, _("Calendar address created. Copy it now: it will not be shown again."))
        return render(request, ProfileView.template_name, profile.context(new_feed=new_feed))


class TokenRevokeView(View):
    """Revoke one of the user's tokens."""

    def post(self, request, pk):
        token = ApiToken.objects.filter(user=request.user, pk=pk).first()
        if token is None:
            raise Http404
        services.token_revoke(actor=request.user, token=token)
        messages.success(request, _("The token %(name)s was revoked.") % {"name": token.name})
        return HttpResponseRedirect(reverse("accounts:profile"))


@login_not_required
def language_set(request):
    """Switch the interface language (and remember it on the profile of a signed-in user)."""
    if request.method == "POST" and request.user.is_authenticated:
        language = request.POST.get("language")
        if language in {"en", "bn"} and request.user.language != language:
            request.user.language = language
            request.user.save(update_fields=["language"])
    return set_language(request)
