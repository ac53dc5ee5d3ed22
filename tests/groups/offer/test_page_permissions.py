"""Each organisation's part of the offer is walled: its coordinators act on
its pages through Wagtail's own page permissions, nobody else's rights reach
into it (invariant 7), and the public reads every page."""

import pytest
from wagtail.models import Page, PageViewRestriction

from groups.models import GroupKind, GroupPage, OrganisationOfferPage
from groups.offer.structure import offer_structure_ensure
from people.models import Role
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.groups.factories import GroupPageFactory, group_index
from website.models import StandardPage
from website.setup import ensure_admin_groups

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer():
    offer = group_index()
    ensure_admin_groups(offer.get_root())
    coordinator = MembershipFactory(role=Role.COORDINATOR)
    return {
        "coordinator": coordinator.user,
        "own": GroupPageFactory(organisation=coordinator.organisation, title="Eigen cursus"),
        "other": GroupPageFactory(title="Cursus van een ander"),
    }


def is_refused(response):
    """Wagtail answers a page action without permission with a redirect to
    the dashboard ("no permission") or with 403/404."""
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response.url.rstrip("/") == "/admin"
    )


def test_a_coordinator_edits_and_unpublishes_own_group_pages(client, offer):
    client.force_login(offer["coordinator"])
    own = offer["own"]
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    client.post(f"/admin/pages/{own.pk}/unpublish/")
    own.refresh_from_db()
    assert not own.live


@pytest.mark.parametrize(
    "action", ["edit", "delete", "unpublish", "move", "copy", "history", "privacy", "edit/preview"]
)
def test_no_action_screen_opens_on_another_organisations_page(client, offer, action):
    client.force_login(offer["coordinator"])
    assert is_refused(client.get(f"/admin/pages/{offer['other'].pk}/{action}/"))


def test_another_organisations_revisions_stay_closed(client, offer):
    other = offer["other"]
    other.save_revision()
    client.force_login(offer["coordinator"])
    url = f"/admin/pages/{other.pk}/revisions/{other.latest_revision_id}/view/"
    assert is_refused(client.get(url))


def test_another_organisations_page_stays_published_and_unrestricted(client, offer):
    other = offer["other"]
    client.force_login(offer["coordinator"])
    client.post(f"/admin/pages/{other.pk}/unpublish/")
    client.post(
        f"/admin/bulk/wagtailcore/page/unpublish/?id={other.pk}", {"include_descendants": ""}
    )
    client.post(
        f"/admin/pages/{other.pk}/privacy/", {"restriction_type": "password", "password": "geheim"}
    )
    other.refresh_from_db()
    assert other.live
    assert not PageViewRestriction.objects.filter(page=other).exists()


def test_a_coordinator_copies_or_moves_nothing_into_another_organisation(client, offer):
    own, other = offer["own"], offer["other"]
    other_part = other.get_parent()
    client.force_login(offer["coordinator"])
    pages_before = Page.objects.count()
    client.post(
        f"/admin/pages/{own.pk}/copy/",
        {"new_title": "Kopie", "new_slug": "kopie", "new_parent_page": other_part.pk},
    )
    client.post(f"/admin/pages/{other.pk}/copy/", {"new_title": "Kopie", "new_slug": "kopie"})
    client.post(f"/admin/pages/{own.pk}/move/{other_part.pk}/confirm/")
    assert Page.objects.count() == pages_before
    assert own.get_parent().specific.organisation == own.organisation


def test_the_move_confirmation_opens_only_for_a_move_the_coordinator_may_make(client, offer):
    own, other = offer["own"], offer["other"]
    client.force_login(offer["coordinator"])
    assert is_refused(client.get(f"/admin/pages/{other.pk}/move/{own.get_parent().pk}/confirm/"))
    assert is_refused(client.get(f"/admin/pages/{own.pk}/move/{other.get_parent().pk}/confirm/"))
    # Within the own part (the only parent a group page may have).
    assert (
        client.get(f"/admin/pages/{own.pk}/move/{own.get_parent().pk}/confirm/").status_code == 200
    )


def test_the_explorer_shows_a_coordinator_only_their_own_part(client, offer):
    client.force_login(offer["coordinator"])
    offer_page = group_index()
    own_part = offer["own"].get_parent()
    listings = [
        client.get("/admin/pages/").content.decode(),
        client.get(f"/admin/pages/{offer_page.pk}/").content.decode(),
        client.get(f"/admin/pages/{own_part.pk}/").content.decode(),
        client.get("/admin/pages/search/", {"q": "cursus"}).content.decode(),
    ]
    assert "Eigen cursus" in listings[2]
    assert not any("Cursus van een ander" in html for html in listings)


def test_editors_edit_site_pages_but_not_group_pages(client, offer):
    editor = MembershipFactory(role=Role.EDITOR).user
    client.force_login(editor)
    standard = StandardPage.objects.first()
    assert client.get(f"/admin/pages/{standard.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{group_index().pk}/edit/").status_code == 200
    for page in (offer["own"], offer["own"].get_parent()):
        assert is_refused(client.get(f"/admin/pages/{page.pk}/edit/"))
    assert not offer["own"].permissions_for_user(editor).can_publish()


def test_an_editors_explorer_lists_no_group_pages(client, offer):
    client.force_login(MembershipFactory(role=Role.EDITOR).user)
    part = offer["own"].get_parent()
    for url in (f"/admin/pages/{group_index().pk}/", f"/admin/pages/{part.pk}/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "Eigen cursus" not in response.content.decode()


def test_a_superuser_still_acts_everywhere(client, offer):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    for page in (offer["own"], offer["other"]):
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200


def test_every_group_page_stays_public_under_its_organisation(client, offer):
    other = offer["other"]
    url = f"/aanbod/{other.organisation.slug}/{other.slug}/"
    assert other.url == url
    assert client.get(url).status_code == 200
    part = client.get(f"/aanbod/{other.organisation.slug}/")
    assert part.status_code == 200
    assert "Cursus van een ander" in part.content.decode()
    assert "Eigen cursus" not in part.content.decode()
    assert "Cursus van een ander" in client.get("/aanbod/").content.decode()


def test_a_new_organisation_gets_its_part_and_its_coordinators_the_rights(offer):
    organisation = OrganisationFactory()
    part = OrganisationOfferPage.objects.get(organisation=organisation)
    coordinator = MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user
    assert part.permissions_for_user(coordinator).can_add_subpage()
    assert not part.permissions_for_user(offer["coordinator"]).can_add_subpage()
    coordinator.memberships.get().delete()
    coordinator = type(coordinator).objects.get(pk=coordinator.pk)
    assert not part.permissions_for_user(coordinator).can_edit()


def test_a_group_page_from_before_the_parts_moves_in_and_its_old_address_redirects(client):
    organisation = OrganisationFactory()
    stray = group_index().add_child(
        instance=GroupPage(
            title="Oude plek",
            slug="oude-plek",
            organisation=organisation,
            kind=GroupKind.BUDGET_COURSE,
            intro="Een cursus.",
            place="Utrecht",
        )
    )
    offer_structure_ensure()
    stray.refresh_from_db()
    assert stray.get_parent().specific.organisation == organisation
    response = client.get("/aanbod/oude-plek/")
    assert response.status_code == 301
    assert response.url.endswith(f"/aanbod/{organisation.slug}/oude-plek/")


def test_a_group_page_moved_into_another_part_belongs_to_that_organisation(offer):
    own, other = offer["own"], offer["other"]
    own.move(other.get_parent(), pos="last-child")
    own.refresh_from_db()
    assert own.organisation == other.organisation


def test_the_page_form_offers_only_the_organisations_own_trainers(client, offer):
    own_trainer = MembershipFactory(role=Role.TRAINER, organisation=offer["own"].organisation)
    other_trainer = MembershipFactory(role=Role.TRAINER)
    client.force_login(offer["coordinator"])
    html = client.get(f"/admin/pages/{offer['own'].pk}/edit/").content.decode()
    assert own_trainer.user.full_name in html
    assert other_trainer.user.full_name not in html
    assert other_trainer.organisation.name not in html


def test_a_coordinator_adds_a_group_in_their_part_and_it_belongs_to_their_organisation(
    client, offer
):
    own_part = offer["own"].get_parent()
    other_part = offer["other"].get_parent()
    client.force_login(offer["coordinator"])
    assert is_refused(client.get(f"/admin/pages/add/groups/grouppage/{other_part.pk}/"))
    response = client.post(
        f"/admin/pages/add/groups/grouppage/{own_part.pk}/",
        {
            "title": "Nieuwe spaarkring",
            "slug": "nieuwe-spaarkring",
            "kind": GroupKind.SAVINGS_CIRCLE,
            "intro": "Samen sparen.",
            "place": "Utrecht",
            "capacity": "10",
            "costs": "Gratis",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    created = GroupPage.objects.get(slug="nieuwe-spaarkring")
    assert created.organisation == offer["own"].organisation
    assert created.live
