import pytest
from django.db import connection
from django.urls import reverse
from wagtail.models import Page, Site

from people.models import Role
from tests.factories import MembershipFactory, UserFactory
from website.models import FooterSettings, HomePage, StandardPage
from website.setup import ensure_site_structure

pytestmark = pytest.mark.django_db


def test_a_fresh_database_has_a_dutch_home_page_and_both_statements(client):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert 'href="#main"' in html and 'id="main"' in html
    assert 'href="/privacy/"' in html and 'href="/toegankelijkheid/"' in html
    assert 'href="/account/login/"' in html


@pytest.mark.parametrize("path", ["/privacy/", "/toegankelijkheid/"])
def test_the_statements_are_wagtail_pages(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert isinstance(response.context["page"], StandardPage)


def test_privacy_statement_says_what_why_how_long_and_rights(client):
    html = client.get("/privacy/").content.decode()
    for heading in ("Welke gegevens", "Waarom", "Hoe lang", "Uw rechten"):
        assert heading in html


def test_site_structure_is_created_once(django_assert_max_num_queries):
    pages = Page.objects.count()
    ensure_site_structure()
    ensure_site_structure()
    assert Page.objects.count() == pages
    footer = FooterSettings.for_site(Site.objects.get(is_default_site=True))
    assert footer.accessibility_page.url_path.endswith("/toegankelijkheid/")


def test_header_shows_my_waakvlam_and_log_out_only_when_signed_in(client):
    html = client.get("/").content.decode()
    assert reverse("people:my") not in html
    client.force_login(UserFactory())
    html = client.get("/").content.decode()
    assert f'href="{reverse("people:my")}"' in html
    assert f'action="{reverse("account_logout")}"' in html


def test_menu_lists_pages_marked_show_in_menus(client):
    home = HomePage.objects.get()
    home.add_child(instance=StandardPage(title="Over ons", slug="over-ons", show_in_menus=True))
    html = client.get("/").content.decode()
    assert 'href="/over-ons/"' in html


# One of them: the roles of whoever is logged in, for the second-factor check;
# three: the offer page (and its view restrictions) and the organisations.
HOME_QUERIES = 15


def test_home_page_query_count_does_not_grow_with_the_page_tree(client, assert_page_queries):
    home = HomePage.objects.get()
    client.force_login(UserFactory())
    for pages in (3, 30):
        for number in range(home.get_children().count(), pages):
            home.add_child(
                instance=StandardPage(
                    title=f"Pagina {number}", slug=f"p{number}", show_in_menus=True
                )
            )
        assert_page_queries("/", HOME_QUERIES)


def test_unknown_address_gives_a_dutch_404(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_my_waakvlam_needs_a_login(client):
    response = client.get(reverse("people:my"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_profile_change_keeps_input_on_error_and_saves_when_valid(client):
    user = UserFactory(full_name="Jan Smit")
    client.force_login(user)
    response = client.post(
        reverse("people:profile"),
        {"full_name": "", "phone": "06 1234 5678", "preferred_language": "nl"},
    )
    assert response.status_code == 200
    assert 'value="06 1234 5678"' in response.content.decode()
    response = client.post(
        reverse("people:profile"),
        {"full_name": "Jan de Smit", "phone": "06 1234 5678", "preferred_language": "nl"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.full_name == "Jan de Smit"


def test_admin_is_in_dutch_for_an_editor_who_may_publish(client):
    editor = MembershipFactory(role=Role.EDITOR).user
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert "Pagina's" in response.content.decode()
    home = HomePage.objects.get()
    permissions = home.permissions_for_user(editor)
    assert permissions.can_edit() and permissions.can_publish() and permissions.can_add_subpage()


def test_participants_have_no_admin(client):
    client.force_login(UserFactory())
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302


def test_admin_login_goes_through_the_site_login(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.url.startswith(reverse("account_login"))


def test_neither_public_pages_nor_the_admin_allow_inline_script(client):
    public = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in public
    assert "unsafe-inline" not in public.split("script-src")[1].split(";")[0]
    client.force_login(MembershipFactory(role=Role.EDITOR).user)
    admin = client.get(reverse("wagtailadmin_home"))["Content-Security-Policy"]
    assert "unsafe-inline" not in admin.split("script-src")[1].split(";")[0]


def test_pages_are_dutch_even_for_an_english_browser_unless_the_person_chose_english(client):
    html = client.get("/account/signup/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Wachtwoord" in html
    user = UserFactory(preferred_language="en")
    client.force_login(user)
    response = client.get(reverse("people:my"), HTTP_ACCEPT_LANGUAGE="nl")
    assert response["Content-Language"] == "en"
    assert "My Waakvlam" in response.content.decode()


def test_favicon_points_to_the_flame(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response.url.endswith("img/waakvlam.svg")


def test_the_site_structure_step_makes_the_shared_cache_table(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "waakvlam_test_cache",
        }
    }
    ensure_site_structure()
    assert "waakvlam_test_cache" in connection.introspection.table_names()
