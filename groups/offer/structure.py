"""Each organisation has its own part of the offer: a page under "Aanbod"
that its group pages stand under, on which its coordinators' Wagtail group
holds the page permissions. Made with the organisation, and repaired after
every migrate (website.setup)."""

from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils.translation import gettext
from wagtail.models import GroupPagePermission

from people.models import Organisation
from people.services import organisation_admin_group_ensure

from .pages import GroupIndexPage, GroupPage, OrganisationOfferPage

# What coordinators may do with their organisation's pages. Deleting is not
# among them: meetings and sign-ups outlive a page (unpublish it instead).
COORDINATOR_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
]


@transaction.atomic
def organisation_offer_page_ensure(*, organisation, offer):
    """`organisation`'s page under `offer`, made (published) when missing,
    with its coordinators' rights on it."""
    page = OrganisationOfferPage.objects.filter(organisation=organisation).first()
    if page is None:
        page = offer.add_child(
            instance=OrganisationOfferPage(
                title=gettext("Offer of %(name)s") % {"name": organisation.name},
                slug=organisation.slug,
                organisation=organisation,
            )
        )
    group = organisation_admin_group_ensure(organisation=organisation)
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=COORDINATOR_PAGE_PERMISSIONS
    ):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
    return page


def offer_structure_ensure():
    """Every organisation's part of the offer exists, and a group page that
    still stands directly under "Aanbod" (before the parts existed) moves
    into its organisation's part; Wagtail leaves a redirect at its old address."""
    offer = GroupIndexPage.objects.first()
    if offer is None:
        return
    for organisation in Organisation.objects.all():
        organisation_offer_page_ensure(organisation=organisation, offer=offer)
    pages = {page.organisation_id: page for page in OrganisationOfferPage.objects.all()}
    for group in GroupPage.objects.child_of(offer):
        group.move(pages[group.organisation_id], pos="last-child")
