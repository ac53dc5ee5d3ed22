from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from website.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, seed_demo


class Command(BaseCommand):
    help = "Load the demo organisations, pages and accounts (only with DEBUG on)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo only runs with DEBUG on: it creates accounts with a known password."
            )
        with transaction.atomic():
            accounts = seed_demo()
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for email, description in accounts:
            self.stdout.write(f"  {email:<28} {description}")
        self.stdout.write(
            "Accounts 'with code' also ask for a code from an authenticator app (Google or\n"
            "Microsoft Authenticator, FreeOTP, ...). Add an account to the app by hand\n"
            f"(time-based, 6 digits) with this key: {DEMO_TOTP_SECRET}"
        )
