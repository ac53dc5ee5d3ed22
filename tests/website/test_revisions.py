"""Every page type renders from a revision, as the admin's "view this
revision" and preview do: the page then lives in memory, not in the
database."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from knowledge.whitepaper import import_whitepaper
from people.models import Role
from tests.factories import MembershipFactory, UserFactory
from tests.groups.factories import GroupPageFactory, group_index
from website.demo.knowledge import seed_knowledge_extras
from website.setup import ensure_admin_groups

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages():
    """One live page of every page type of the project."""
    trainer = MembershipFactory(role=Role.TRAINER).user
    GroupPageFactory(organisation=trainer.memberships.get().organisation, trainers=[trainer])
    import_whitepaper()
    seed_knowledge_extras()
    ensure_admin_groups(group_index().get_root())
    found = {}
    for page in Page.objects.live().exclude(depth=1).specific():
        found.setdefault(type(page), page)
    return found


def test_every_page_type_renders_from_a_revision(client, pages):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    rendered = []
    for page in pages.values():
        revision = page.save_revision()
        url = reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk])
        assert client.get(url).status_code == 200, type(page).__name__
        rendered.append(type(page).__name__)
    assert {
        "HomePage",
        "StandardPage",
        "GroupIndexPage",
        "OrganisationOfferPage",
        "GroupPage",
    } <= set(rendered)
    assert {
        "ArticlePage",
        "AgreementPage",
        "SocialMapPage",
        "KnowledgeIndexPage",
        "PublicationPage",
    } <= set(rendered)


def test_a_coordinator_views_a_revision_of_their_group_page_with_trainers(client, pages):
    group = next(page for kind, page in pages.items() if kind.__name__ == "GroupPage")
    revision = group.save_revision()
    coordinator = MembershipFactory(role=Role.COORDINATOR, organisation=group.organisation)
    client.force_login(coordinator.user)
    url = reverse("wagtailadmin_pages:revisions_view", args=[group.pk, revision.pk])
    assert client.get(url).status_code == 200
