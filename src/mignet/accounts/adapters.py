"""allauth adapter: accounts are created by the secretariat, never by self sign-up; mail goes through Celery."""

from allauth.account.adapter import DefaultAccountAdapter

from mignet.core.notify import email_enqueue


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        from allauth.core import context as allauth_context
        from django.contrib.sites.shortcuts import get_current_site

        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        email_enqueue(self.render_mail(template_prefix, email, ctx))
