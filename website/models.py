from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from groups.models import GroupIndexPage
from people.models import Organisation

from .blocks import BodyBlock
from .forms import NearbyFilterForm


class HomePage(Page):
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "website.StandardPage",
        "groups.GroupIndexPage",
        "knowledge.KnowledgeIndexPage",
    ]

    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["offer"] = GroupIndexPage.objects.child_of(self).live().public().first()
        context.update(self.organisations_near(request.GET))
        return context

    @staticmethod
    def organisations_near(data):
        """The organisations people can call, in the region chosen in
        `data` (or all), grouped by region in the template."""
        # A few dozen at most: one query, regions and filter in Python.
        organisations = list(Organisation.objects.order_by("region", "name"))
        regions = list(dict.fromkeys(o.region for o in organisations))
        form = NearbyFilterForm(data or None, regions=regions)
        region = form.chosen_region() if data else ""
        if region:
            organisations = [o for o in organisations if o.region == region]
        return {"nearby_form": form, "nearby": organisations, "nearby_region": region}


class StandardPage(Page):
    """A page of plain content, such as the privacy and accessibility
    statements."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("When the content was last checked to be correct."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["website.HomePage", "website.StandardPage"]
    subpage_types = ["website.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="link")
class FooterSettings(BaseSiteSetting):
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_text = models.CharField(
        _("contact line"),
        max_length=255,
        blank=True,
        help_text=_("A short line in the footer, for example a phone number for questions."),
    )

    # Read with the setting: the footer on every page needs no query per link.
    select_related = ["privacy_page", "accessibility_page"]

    panels = [
        PageChooserPanel("privacy_page"),
        PageChooserPanel("accessibility_page"),
        FieldPanel("contact_text"),
    ]

    class Meta:
        verbose_name = _("footer")
