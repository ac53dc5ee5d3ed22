"""Local agreements (lokale afspraken) such as covenants and policy plans,
with their parties, validity and the signed document."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from people.permissions import may_edit_pages

__all__ = [
    "AgreementIndexPage",
    "AgreementKind",
    "AgreementPage",
    "AgreementParty",
    "AgreementStatus",
]


class AgreementKind(models.TextChoices):
    COVENANT = "convenant", _("covenant")
    WORKING_AGREEMENTS = "werkafspraken", _("working agreements")
    POLICY_PLAN = "beleidsplan", _("policy plan")
    COOPERATION = "samenwerkingsafspraak", _("cooperation agreement")
    MODULE = "module", _("module")


class AgreementStatus(models.TextChoices):
    DRAFT = "concept", _("draft")
    FINAL = "definitief", _("final")
    IN_FORCE = "geldend", _("in force")
    EXPIRED = "vervallen", _("expired")


class AgreementIndexPage(Page):
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types = ["knowledge.AgreementPage"]

    template = "knowledge/agreements/agreement_index_page.html"

    class Meta:
        verbose_name = _("local agreements overview")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        agreements = (
            AgreementPage.objects.child_of(self).live().public().order_by("municipality", "title")
        )
        # Unknown values in the address bar are ignored rather than answered
        # with an error or an empty list: links get shared and mangled.
        kinds = dict(AgreementKind.choices)
        statuses = dict(AgreementStatus.choices)
        municipalities = sorted(set(agreements.values_list("municipality", flat=True)))
        chosen_kind = request.GET.get("type", "")
        chosen_status = request.GET.get("status", "")
        chosen_municipality = request.GET.get("municipality", "")
        if chosen_kind in kinds:
            agreements = agreements.filter(kind=chosen_kind)
        else:
            chosen_kind = ""
        if chosen_municipality in municipalities:
            agreements = agreements.filter(municipality=chosen_municipality)
        else:
            chosen_municipality = ""
        # The status depends on today's date, so it is filtered in Python; an
        # overview holds tens of agreements, not thousands.
        agreements = list(agreements)
        if chosen_status in statuses:
            agreements = [a for a in agreements if a.status == chosen_status]
        else:
            chosen_status = ""
        for_editors = may_edit_pages(request.user)
        if for_editors:
            # Editors keep the list up to date: what waits for them comes first.
            agreements.sort(key=lambda agreement: not agreement.due_for_review)
        context.update(
            agreements=agreements,
            kinds=AgreementKind.choices,
            statuses=AgreementStatus.choices,
            municipalities=municipalities,
            chosen_kind=chosen_kind,
            chosen_status=chosen_status,
            chosen_municipality=chosen_municipality,
            for_editors=for_editors,
        )
        return context


class AgreementPage(Page):
    kind = models.CharField(_("type"), max_length=30, choices=AgreementKind.choices)
    intro = models.TextField(_("summary"), max_length=600, blank=True)
    body = RichTextField(
        _("explanation"), features=["h3", "bold", "italic", "link", "ol", "ul"], blank=True
    )
    municipality = models.CharField(_("municipality or region"), max_length=150)
    adopted_by = models.CharField(_("adopted by"), max_length=200, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    # Only the stages before signing are chosen by hand; "in force" and
    # "expired" follow from the dates, so they can never be out of date.
    status_override = models.CharField(
        _("stage before it takes effect"),
        max_length=20,
        choices=[(AgreementStatus.DRAFT, _("draft")), (AgreementStatus.FINAL, _("final"))],
        blank=True,
        help_text=_(
            "Leave empty once the agreement is signed: the status then follows from the dates."
        ),
    )
    version = models.CharField(_("version"), max_length=30, blank=True)
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=300,
        blank=True,
        help_text=_("For example: Wet gemeentelijke schuldhulpverlening, article 2."),
    )
    review_date = models.DateField(
        _("review date"),
        null=True,
        blank=True,
        help_text=_("Municipal debt policy is renewed at least every four years."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    related_agreements = ParentalManyToManyField(
        "self", verbose_name=_("related agreements"), blank=True, symmetrical=False
    )
    # Besides those whose region is the agreement's municipality, by name.
    regional_organisations = ParentalManyToManyField(
        "people.Organisation",
        verbose_name=_("organisations in this region"),
        blank=True,
        related_name="+",
        help_text=_(
            "Their coordinators are told when the review date comes. Organisations whose "
            "region is exactly this municipality are told anyway."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("municipality"),
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel("parties", heading=_("Parties"), label=_("party")),
        MultiFieldPanel(
            [
                FieldPanel("adopted_by"),
                FieldPanel("adopted_on"),
                FieldPanel("valid_from"),
                FieldPanel("valid_until"),
                FieldPanel("status_override"),
                FieldPanel("review_date"),
                FieldPanel("regional_organisations"),
                FieldPanel("version"),
                FieldPanel("legal_basis"),
            ],
            heading=_("Validity"),
        ),
        FieldPanel("document"),
        FieldPanel("related_agreements"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("municipality"),
        index.SearchField("legal_basis"),
        index.AutocompleteField("municipality"),
        index.FilterField("kind"),
        index.RelatedFields("parties", [index.SearchField("name")]),
    ]

    parent_page_types = ["knowledge.AgreementIndexPage"]
    subpage_types = []

    template = "knowledge/agreements/agreement_page.html"

    class Meta:
        verbose_name = _("local agreement")
        verbose_name_plural = _("local agreements")

    def get_status(self, today=None):
        today = today or timezone.localdate()
        if self.valid_until and self.valid_until < today:
            return AgreementStatus.EXPIRED
        if self.status_override:
            return AgreementStatus(self.status_override)
        if self.valid_from and self.valid_from <= today:
            return AgreementStatus.IN_FORCE
        # Signed but not yet in force, or no dates known: the text is final.
        return AgreementStatus.FINAL

    @property
    def status(self):
        return self.get_status()

    def get_status_display(self):
        return self.status.label

    def is_past_review(self, today=None):
        today = today or timezone.localdate()
        return self.is_due_for_review(today) and today > self.review_date

    @property
    def past_review(self):
        return self.is_past_review()

    def is_due_for_review(self, today=None):
        """From the review date on; the public page says "past" a day later."""
        today = today or timezone.localdate()
        # An expired agreement needs no review; it needs a successor.
        if self.get_status(today) == AgreementStatus.EXPIRED:
            return False
        return self.review_date is not None and today >= self.review_date

    @property
    def due_for_review(self):
        return self.is_due_for_review()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["parties"] = list(self.parties.all())
        # Through the ids: on a preview or a revision the relation is an
        # in-memory list without live() or public().
        related = [agreement.pk for agreement in self.related_agreements.all()]
        context["related"] = list(
            AgreementPage.objects.filter(pk__in=related).live().public().order_by("path")
        )
        return context


class AgreementParty(Orderable):
    """One party to an agreement. Parties change over time (a new alderman,
    an organisation that joins), so they are rows, not a text field."""

    page = ParentalKey(AgreementPage, on_delete=models.CASCADE, related_name="parties")
    name = models.CharField(_("name"), max_length=200)
    place = models.CharField(_("place"), max_length=100, blank=True)
    signatory = models.CharField(_("signed by"), max_length=150, blank=True)
    capacity = models.CharField(_("in the capacity of"), max_length=150, blank=True)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("place"),
        FieldPanel("signatory"),
        FieldPanel("capacity"),
        FieldPanel("joined_on"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    def __str__(self):
        return self.name
