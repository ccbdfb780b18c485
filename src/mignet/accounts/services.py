"""Writes on accounts: tokens, profile."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ApiToken, ApiTokenKind, User


def token_create(*, actor: User, name: str, kind: str = ApiTokenKind.API) -> tuple[ApiToken, str]:
    """Create a token for `actor`; returns it and the key, which is shown once and never stored."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name so you can recognise it later.")})
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=actor, name=name[:100], kind=kind, prefix=key[:8], digest=ApiToken.hash(key)
    )
    return token, key


def token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    """Revoke one of the actor's own tokens; any later request with it is refused."""
    if token.user_id != actor.pk:
        raise ValidationError(_("You can only revoke your own tokens."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_authenticate(key: str, *, kind: str = ApiTokenKind.API) -> User | None:
    """The active user behind an unrevoked token, or None."""
    if not key:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=ApiToken.hash(key), kind=kind, revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 300:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def profile_update(
    *, actor: User, full_name: str, language: str, time_zone: str, notify_by_email: bool
) -> User:
    """Change the actor's own profile."""
    actor.full_name = full_name
    actor.language = language
    actor.time_zone = time_zone
    actor.notify_by_email = notify_by_email
    actor.full_clean(exclude=["password"])
    actor.save(update_fields=["full_name", "language", "time_zone", "notify_by_email"])
    return actor


def user_get_or_invite(
    *, email: str, request=None, full_name: str = "", network=None, invited_by=None
) -> User:
    """The user with this e-mail; if there is none, create the account and e-mail an invitation to set a password."""
    email = (email or "").strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user
    user = User.objects.create_user(email=email, password=None, full_name=full_name)
    if request is not None:
        invitation_send(user=user, request=request, network=network, invited_by=invited_by)
    return user


def invitation_send(*, user: User, request, network=None, invited_by=None) -> None:
    """E-mail a new user a link to choose their password (allauth's set-password-from-key page)."""
    from allauth.account import app_settings as allauth_settings
    from allauth.account.adapter import get_adapter
    from allauth.account.utils import user_pk_to_url_str
    from django.core.mail import EmailMultiAlternatives
    from django.template.loader import render_to_string

    from mignet.core.notify import email_enqueue

    key = f"{user_pk_to_url_str(user)}-{allauth_settings.PASSWORD_RESET_TOKEN_GENERATOR().make_token(user)}"
    context = {
        "user": user,
        "network": network,
        "invited_by": invited_by,
        "set_password_url": get_adapter(request).get_reset_password_from_key_url(key),
        "sign_in_url": request.build_absolute_uri("/accounts/login/"),
    }
    subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
    body = render_to_string("accounts/email/invitation_message.txt", context)
    email_enqueue(EmailMultiAlternatives(subject=subject, body=body, to=[user.email]))
