import contextlib
import dataclasses
import logging
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from website.scale import Sizes, already_seeded, seed_scale
from website.scale.people import DOMAIN, MARKER_SLUG, PASSWORD


@contextlib.contextmanager
def quiet_page_log():
    """Wagtail logs a line for every page created: hundreds here."""
    logger = logging.getLogger("wagtail")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


class Command(BaseCommand):
    help = (
        "Fill the database with a network-sized data set for benchmarks: the same data "
        "on every run with the same seed (only with DEBUG on)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=14, help="random seed (default 14)")
        parser.add_argument(
            "--scale", type=float, default=1.0, help="multiply every size, e.g. 0.01 for tests"
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="run even with DEBUG off: it creates accounts with a known password",
        )
        for field in dataclasses.fields(Sizes):
            parser.add_argument(
                f"--{field.name.replace('_', '-')}",
                type=int,
                help=f"number of {field.name.replace('_', ' ')} (default {field.default})",
            )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "seed_scale only runs with DEBUG on: it creates thousands of accounts with a "
                "known password. Add --allow-production to run it anyway."
            )
        if options["scale"] <= 0:
            raise CommandError("--scale must be more than 0.")
        if already_seeded():
            raise CommandError(
                f"The scale data set is already here (organisation '{MARKER_SLUG}'). "
                "Use a fresh database."
            )
        sizes = self.sizes(options)
        started = time.monotonic()
        try:
            with transaction.atomic(), quiet_page_log():
                made = seed_scale(sizes, options["seed"])
        except ValueError as error:
            raise CommandError(f"These sizes do not fit together: {error}") from error
        # Rows from bulk inserts have no planner statistics until autovacuum
        # gets to them: PostgreSQL would guess one row where there are
        # thousands, and the benchmark would measure bad plans.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        for name, count in made.items():
            self.stdout.write(f"  {name:<20} {count:>8,}")
        self.stdout.write(
            self.style.SUCCESS(f"Scale data is ready in {time.monotonic() - started:.0f} s.")
        )
        self.stdout.write(
            f"Accounts deelnemerN@, vrijwilligerN@, coordinatorN@{DOMAIN}, password {PASSWORD}."
        )
        self.stdout.write("Pages are in the search index; `manage.py update_index` rebuilds it.")

    def sizes(self, options):
        sizes = Sizes().scaled(options["scale"])
        chosen = {
            field.name: options[field.name]
            for field in dataclasses.fields(Sizes)
            if options[field.name] is not None
        }
        if any(count < 0 for count in chosen.values()):
            raise CommandError("Sizes cannot be negative.")
        return dataclasses.replace(sizes, **chosen)
