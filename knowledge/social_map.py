"""The social map (sociale kaart): services in the neighbourhood that help
with the rest of life when money is tight, so a volunteer can refer someone."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

__all__ = ["LifeArea", "Service", "SocialMapPage"]


class LifeArea(models.TextChoices):
    MONEY = "geld", _("money")
    HOUSING = "wonen", _("housing")
    HEALTH = "gezondheid", _("health")
    WORK = "werk", _("work")
    LANGUAGE = "taal", _("language")
    SOCIAL = "sociaal", _("social contact")


class ChoiceListField(models.CharField):
    """A few choices stored as ",geld,wonen," in one text column.

    A JSON list would be tidier, but `contains` on JSON does not work on
    SQLite; with delimiters on both ends `needs__contains=",geld,"` is exact
    on SQLite and PostgreSQL alike."""

    def __init__(self, *args, item_choices=(), **kwargs):
        self.item_choices = list(item_choices)
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["item_choices"] = self.item_choices
        return name, path, args, kwargs

    @staticmethod
    def _to_list(value):
        if value is None or value == "":
            return []
        if isinstance(value, list | tuple):
            return [str(v) for v in value]
        return [part for part in str(value).split(",") if part]

    def from_db_value(self, value, expression, connection):
        return self._to_list(value)

    def to_python(self, value):
        return self._to_list(value)

    def get_prep_value(self, value):
        items = self._to_list(value)
        return f",{','.join(items)}," if items else ""

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        allowed = {code for code, _label in self.item_choices}
        unknown = [v for v in self._to_list(value) if v not in allowed]
        if unknown:
            raise ValidationError(_("Unknown choice: %(value)s"), params={"value": unknown[0]})
        if not self.blank and not value:
            raise ValidationError(self.error_messages["blank"], code="blank")

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.item_choices,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )


class OrganisationType(models.TextChoices):
    MUNICIPALITY = "gemeente", _("municipality")
    SOCIAL_TEAM = "wijkteam", _("neighbourhood team")
    VOLUNTEERS = "vrijwilligers", _("volunteer organisation")
    WELFARE = "welzijn", _("welfare organisation")
    HEALTH = "zorg", _("health care")
    OTHER = "anders", _("other")


class ServiceQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def for_need(self, need):
        return self.filter(needs__contains=f",{need},")


class Service(index.Indexed, ClusterableModel):
    name = models.CharField(_("name"), max_length=200)
    helps_with = models.TextField(_("what they help with"))
    audience = models.CharField(_("for whom"), max_length=300, blank=True)
    organisation_type = models.CharField(
        _("type of organisation"), max_length=20, choices=OrganisationType.choices
    )
    needs = ChoiceListField(_("life areas"), item_choices=LifeArea.choices, blank=False)
    address = models.CharField(_("address"), max_length=200, blank=True)
    place = models.CharField(_("place"), max_length=100)
    opening_hours = models.TextField(_("opening hours or walk-in times"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    # Group pages show these as "help nearby" through the group page section
    # hook in knowledge.wagtail_hooks: the groups app does not import this one.
    last_checked_on = models.DateField(
        _("last checked on"),
        null=True,
        blank=True,
        default=timezone.localdate,
        help_text=_(
            "When someone last checked that the address, times and phone number are right. "
            "Editors get a reminder when this is a year ago."
        ),
    )
    relevant_groups = ParentalManyToManyField(
        "groups.GroupPage",
        verbose_name=_("relevant groups"),
        blank=True,
        related_name="nearby_services",
    )

    objects = ServiceQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("organisation_type"),
        FieldPanel("helps_with"),
        FieldPanel("audience"),
        FieldPanel("needs"),
        FieldPanel("address"),
        FieldPanel("place"),
        FieldPanel("opening_hours"),
        FieldPanel("phone"),
        FieldPanel("website"),
        FieldPanel("last_checked_on"),
        FieldPanel("relevant_groups"),
    ]

    search_fields = [
        index.SearchField("name", boost=2),
        index.SearchField("helps_with"),
        index.SearchField("audience"),
        index.SearchField("place"),
        index.AutocompleteField("name"),
        index.FilterField("place"),
    ]

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_needs_display(self):
        labels = dict(LifeArea.choices)
        return [labels[code] for code in self.needs if code in labels]


class SocialMapPage(Page):
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types = []

    max_count = 1
    template = "knowledge/social_map/social_map_page.html"

    class Meta:
        verbose_name = _("social map")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        services = Service.objects.all()
        need = request.GET.get("need", "")
        # An unknown need shows everything instead of an error.
        if need in LifeArea.values:
            services = services.for_need(need)
        else:
            need = ""
        context.update(services=list(services), needs=LifeArea.choices, chosen_need=need)
        return context
