"""Demo data for `manage.py seed_demo`, a module per app; idempotent, so
running it again changes nothing. It sends no e-mail: its addresses are not
real."""

from wagtail.models import Page

from knowledge.whitepaper import import_whitepaper
from people.mail import mail_suppressed
from website.setup import ensure_admin_groups, ensure_site_structure

from .aftercare import seed_aftercare
from .courses import seed_finished_course
from .groups import seed_attendance, seed_closures, seed_offer, seed_pause, seed_savings
from .knowledge import seed_knowledge_extras
from .people import DEMO_PASSWORD, DEMO_TOTP_SECRET, seed_people
from .volunteers import seed_trainers, seed_volunteers

__all__ = ["DEMO_PASSWORD", "DEMO_TOTP_SECRET", "seed_demo"]


def seed_demo():
    """Returns the demo accounts as [(e-mail, description)]."""
    with mail_suppressed():
        ensure_site_structure()
        organisations, users, accounts = seed_people()
        seed_closures(organisations)
        seed_offer(organisations, users)
        ensure_admin_groups(Page.get_first_root_node())  # rights on the new offer page
        seed_finished_course(organisations, users)
        seed_attendance(users)
        seed_savings(users)
        seed_pause()
        seed_volunteers(organisations, users)
        seed_trainers(organisations, users)
        # Creates the Kennisbank (in the menu) when missing and fills it.
        import_whitepaper()
        seed_knowledge_extras()
        # Needs the contacts' competencies and the social map's services.
        seed_aftercare(organisations, users)
    return accounts
