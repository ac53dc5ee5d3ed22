import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail import hooks
from wagtail.models import Page

from groups.hooks import GROUP_PAGE_SECTION
from knowledge.models import AgreementPage, Service, SocialMapPage
from knowledge.wagtail_hooks import nearby_services
from people.models import Role
from tests.factories import MembershipFactory
from tests.groups.factories import GroupPageFactory
from website.demo.knowledge import seed_knowledge_extras
from website.setup import ensure_admin_groups

from .test_agreements import make_index

pytestmark = pytest.mark.django_db


def test_social_map_filters_by_need_and_group_pages_show_help_nearby(client):
    index = make_index()
    social_map = SocialMapPage(title="Sociale kaart", slug="sociale-kaart")
    index.get_parent().add_child(instance=social_map)
    housing = Service.objects.create(
        name="Huurteam",
        helps_with="Huur",
        place="Utrecht",
        organisation_type="welzijn",
        needs=["wonen"],
    )
    Service.objects.create(
        name="Taalcafé",
        helps_with="Taal",
        place="Utrecht",
        organisation_type="welzijn",
        needs=["taal", "sociaal"],
    )
    names = lambda response: [s.name for s in response.context["services"]]  # noqa: E731
    assert names(client.get(social_map.url, {"need": "wonen"})) == ["Huurteam"]
    assert names(client.get(social_map.url, {"need": "sociaal"})) == ["Taalcafé"]
    assert len(names(client.get(social_map.url, {"need": "onbekend"}))) == 2

    group = GroupPageFactory()
    housing.relevant_groups.set([group])
    housing.save()  # a parental relation is written on save
    html = client.get(group.url).content.decode()
    assert "Huurteam" in html and "Taalcafé" not in html


def test_demo_extras_are_idempotent():
    knowledge = make_index().get_parent()
    seed_knowledge_extras(knowledge)
    seed_knowledge_extras(knowledge)
    titles = list(AgreementPage.objects.live().values_list("title", flat=True))
    assert len(titles) == 3 and all(t.startswith("Voorbeeld") for t in titles)
    assert Service.objects.count() >= 6
    assert Service.objects.for_need("geld").exists()


def test_the_group_page_section_shows_the_services_of_a_group_and_nothing_without(rf):
    assert nearby_services in hooks.get_hooks(GROUP_PAGE_SECTION)
    helped, alone = GroupPageFactory(), GroupPageFactory()
    huurteam = Service.objects.create(
        name="Huurteam", helps_with="Huur", place="Utrecht", organisation_type="welzijn"
    )
    huurteam.relevant_groups.set([helped])
    huurteam.save()
    Service.objects.create(
        name="Taalcafé", helps_with="Taal", place="Utrecht", organisation_type="welzijn"
    )
    request = rf.get("/")

    section = nearby_services(request, helped)
    assert section.template == "knowledge/social_map/group_page_section.html"
    assert section.context["services"] == [huurteam]
    html = render_to_string(section.template, {"section": section.context})
    assert html.startswith('<section aria-labelledby="nearby-heading">')
    assert 'id="nearby-heading"' in html and "Huurteam" in html and "Taalcafé" not in html

    assert nearby_services(request, alone) is None


def test_editors_keep_the_social_map_in_the_admin_and_coordinators_do_not(client):
    ensure_admin_groups(Page.get_first_root_node())
    service = Service.objects.create(
        name="Voedselbank", helps_with="Eten", organisation_type="welzijn", place="Utrecht"
    )
    edit = reverse("wagtailsnippets_knowledge_service:edit", args=[service.pk])
    client.force_login(MembershipFactory(role=Role.EDITOR).user)
    assert client.get(reverse("wagtailsnippets_knowledge_service:list")).status_code == 200
    assert client.get(edit).status_code == 200
    client.force_login(MembershipFactory(role=Role.COORDINATOR).user)
    assert client.get(edit).status_code in (302, 403)
