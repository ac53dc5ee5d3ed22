"""Registrations only: the personal data hooks, the sections of Mijn
Waakvlam, the admin's "Nazorg" menu and its permission policies, the weekly
digest, who counts as known to an organisation, and the link from the
attention list to a plan."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from groups.hooks import ATTENTION_SOURCE_URL
from people.digest import WEEKLY_DIGEST
from people.privacy import ERASE_PERSONAL_DATA, EXPORT_PERSONAL_DATA
from people.sections import MY_WAAKVLAM_SECTION
from people.selectors import ORGANISATION_PEOPLE

from .admin.policies import moment_policy, plan_policy, settings_policy
from .admin.viewsets import AftercareViewSetGroup
from .attention import plan_admin_urls
from .contacts.sections import my_aftercare_contacts
from .digest import digest_sections
from .mine.section import my_aftercare
from .models import AftercarePlan, AftercareSettings, ContactMoment
from .privacy import erase_aftercare_data, export_aftercare_data

hooks.register(EXPORT_PERSONAL_DATA, export_aftercare_data)
hooks.register(ERASE_PERSONAL_DATA, erase_aftercare_data)
hooks.register(MY_WAAKVLAM_SECTION, my_aftercare_contacts, order=8)
hooks.register(MY_WAAKVLAM_SECTION, my_aftercare, order=12)

register_permission_policy(AftercarePlan, plan_policy)
register_permission_policy(ContactMoment, moment_policy)
register_permission_policy(AftercareSettings, settings_policy)

hooks.register(WEEKLY_DIGEST, digest_sections)


@hooks.register("register_admin_viewset")
def register_aftercare_viewsets():
    return AftercareViewSetGroup()


@hooks.register(ORGANISATION_PEOPLE)
def people_with_a_plan(organisations):
    """Whoever has (had) an aftercare plan with these organisations."""
    return AftercarePlan.objects.filter(organisation__in=organisations).values("person")


hooks.register(ATTENTION_SOURCE_URL, plan_admin_urls)
