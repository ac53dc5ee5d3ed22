from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from website.demo import DEMO_PASSWORD, seed_demo


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
