"""`mignet token EMAIL`: create and print an API token for that user."""

from django.core.management.base import BaseCommand, CommandError

from mignet.accounts.models import User
from mignet.accounts.services import token_create


class Command(BaseCommand):
    help = "Create an API token for the user with this e-mail address and print it."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", default="Command line")

    def handle(self, *args, email, name, **options):
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user with the e-mail address {email}.")
        _token, key = token_create(actor=user, name=name)
        self.stdout.write(key)
