"""What the knowledge base adds to Wagtail: the social map in the admin,
guarded agreement documents and the "help nearby" part of group pages."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import DateColumn
from wagtail.models import ReferenceIndex
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from groups.hooks import GROUP_PAGE_SECTION
from people.admin_kit.columns import choice_column
from people.digest import WEEKLY_DIGEST
from people.sections import Section

from .agreements import AgreementPage
from .social_map import Service
from .tasks import review_digest_sections


@hooks.register("before_serve_document")
def hide_documents_of_unpublished_agreements(document, request):
    """A signed covenant uploaded for a draft agreement is not public yet.

    Documents are public by default in Wagtail, so a document that only
    unpublished or private agreements use answers 404 until one of them is
    published. A document used anywhere else (an article links to it) stays
    available."""
    agreements = AgreementPage.objects.filter(document=document)
    if not agreements.exists():
        return None
    if agreements.live().public().exists():
        return None
    agreement_type = ContentType.objects.get_for_model(AgreementPage)
    used_elsewhere = (
        ReferenceIndex.get_references_to(document).exclude(content_type=agreement_type).exists()
    )
    if used_elsewhere:
        return None
    # Staff preview the draft through the admin, where it is allowed.
    if request.user.is_authenticated and request.user.has_perm("wagtaildocs.change_document"):
        return None
    raise Http404


class ServiceViewSet(SnippetViewSet):
    model = Service
    icon = "site"
    menu_label = _("Social map")
    list_display = [
        "name",
        "place",
        choice_column(Service, "organisation_type"),
        DateColumn("last_checked_on", label=_("Last checked on"), sort_key="last_checked_on"),
    ]
    list_filter = ["organisation_type", "place"]
    # Longest unchecked first: the list is where editors keep the map right.
    ordering = [F("last_checked_on").asc(nulls_first=True), "name"]


register_snippet(ServiceViewSet)


@hooks.register(GROUP_PAGE_SECTION, order=60)
def nearby_services(request, page):
    """The services of the social map an editor linked to this group."""
    services = list(Service.objects.filter(relevant_groups=page))
    if not services:
        return None
    return Section("knowledge/social_map/group_page_section.html", {"services": services})


hooks.register(WEEKLY_DIGEST, review_digest_sections)
