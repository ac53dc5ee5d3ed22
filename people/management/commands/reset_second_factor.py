import logging

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from people.models import User
from people.second_factor import reset_second_factor

logger = logging.getLogger("waakvlam.security")


class Command(BaseCommand):
    help = (
        "Remove someone's second factor (authenticator app and recovery codes) and end "
        "their sessions, when they lost both. Check who is asking first."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="e-mail address of the account")

    def handle(self, *args, email, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account with the e-mail address {email}.")
        removed, ended = reset_second_factor(user)
        if not removed:
            raise CommandError(f"{user.email} has no second factor; nothing was changed.")
        # The audit line: who, what, when; in the output and the log.
        message = (
            f"{timezone.now():%Y-%m-%d %H:%M:%S %Z}: removed the second factor of "
            f"{user.email} (user {user.pk}): {', '.join(removed)}; ended {ended} session(s)."
        )
        logger.warning("reset_second_factor: %s", message)
        self.stdout.write(self.style.SUCCESS(message))
        self.stdout.write("At their next log-in they set up a new authenticator app.")
