"""Topics, articles and publications whose sections are articles (such as
the LSTA white paper on aftercare), and the Kennisbank page that lists them."""

import math

from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from .blocks import ArticleBodyBlock, heading_anchor

__all__ = ["ArticlePage", "KnowledgeIndexPage", "PublicationPage", "Topic"]

WORDS_PER_MINUTE = 200
# Below this many headings a table of contents only repeats what is on screen.
TOC_MIN_HEADINGS = 3
RECENT_ARTICLES = 10
TOPIC_ARTICLES = 50


@register_snippet
class Topic(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=False)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name


class KnowledgeIndexPage(Page):
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["website.HomePage"]
    subpage_types = [
        "knowledge.PublicationPage",
        "knowledge.ArticlePage",
        "knowledge.AgreementIndexPage",
        "knowledge.SocialMapPage",
    ]

    template = "knowledge/knowledge_index_page.html"

    max_count = 1

    class Meta:
        verbose_name = _("knowledge base")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A fixed number of queries however many articles there are: the lists
        # are sliced and the topics of the recent articles are prefetched.
        context["topics"] = list(Topic.objects.all())
        # Local agreements, the social map: whatever else lives here.
        context["more_sections"] = list(
            self.get_children().live().public().not_type(PublicationPage, ArticlePage)
        )
        context["publications"] = list(
            PublicationPage.objects.child_of(self).live().public().order_by("title")
        )
        context["recent_articles"] = list(
            ArticlePage.objects.child_of(self)
            .live()
            .public()
            .order_by("-first_published_at", "-pk")
            .prefetch_related("topics")[:RECENT_ARTICLES]
        )
        # ?onderwerp=<slug> narrows the page to one topic, sections of
        # publications included; an unknown slug simply shows everything.
        slug = request.GET.get("onderwerp", "")
        topic = next((t for t in context["topics"] if t.slug == slug), None)
        context["topic"] = topic
        if topic is not None:
            context["topic_articles"] = list(
                ArticlePage.objects.descendant_of(self)
                .live()
                .public()
                .filter(topics=topic)
                .order_by("path")[:TOPIC_ARTICLES]
            )
        return context


class PublicationPage(Page):
    """A longer text, such as a white paper, whose child pages are its
    sections in order."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link", "ul"], blank=True)
    author_name = models.CharField(
        _("author organisation"), max_length=255, help_text=_("Who wrote or compiled it.")
    )
    author_url = models.URLField(_("author website"), blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    topics = ParentalManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="+")

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("author_name"), FieldPanel("author_url"), FieldPanel("year")],
            heading=_("Attribution"),
        ),
        FieldPanel("topics"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("author_name"),
    ]

    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types = ["knowledge.ArticlePage"]

    template = "knowledge/publication_page.html"

    class Meta:
        verbose_name = _("publication")

    def sections(self):
        """The published sections in the order editors put them in the tree."""
        return ArticlePage.objects.child_of(self).live().public().order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = list(self.sections())
        return context


class ArticlePage(Page):
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences shown in lists.")
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    topics = ParentalManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="articles"
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("topics"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.FilterField("first_published_at"),
    ]

    parent_page_types = ["knowledge.KnowledgeIndexPage", "knowledge.PublicationPage"]
    subpage_types = []

    template = "knowledge/article_page.html"

    class Meta:
        verbose_name = _("article")

    def word_count(self):
        words = len(self.summary.split())
        for block in self.body:
            for text in block.block.get_searchable_content(block.value):
                words += len(strip_tags(str(text)).split())
        return words

    def reading_time(self):
        """Minutes at a calm reading pace, never less than one."""
        return max(1, math.ceil(self.word_count() / WORDS_PER_MINUTE))

    def table_of_contents(self):
        """(anchor, text) of each heading block, in order."""
        return [
            (heading_anchor(block.value), block.value)
            for block in self.body
            if block.block_type == "heading"
        ]

    def show_table_of_contents(self):
        return len(self.table_of_contents()) >= TOC_MIN_HEADINGS

    def publication(self):
        parent = self.get_parent()
        return parent.specific if parent.specific_class is PublicationPage else None

    def section_neighbours(self):
        """The previous and next published section of the same publication."""
        siblings = ArticlePage.objects.sibling_of(self, inclusive=False).live().public()
        previous = siblings.filter(path__lt=self.path).order_by("-path").first()
        following = siblings.filter(path__gt=self.path).order_by("path").first()
        return previous, following

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        publication = self.publication()
        context["publication"] = publication
        if publication is not None:
            context["previous_section"], context["next_section"] = self.section_neighbours()
        return context
