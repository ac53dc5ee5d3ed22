"""The offer's pages: the overview ("Aanbod"), one part per organisation,
and one page per group below it. A page holds what coordinators describe;
meetings and sign-ups are records of their own (groups.offer.models).

An organisation's part of the offer is walled (people.admin_kit.page_permissions):
only its own coordinators' page permissions reach it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from people.admin_kit.page_permissions import WalledPagePermissionTester
from people.models import Organisation
from people.permissions import QUALIFIED_ROLES, may_see_own_competencies, organisations_with_role
from people.sections import sections

from ..hooks import GROUP_PAGE_SECTION
from . import counts
from .admin.page_form import GroupPageForm
from .closures.models import GroupPause
from .forms import OfferFilterForm
from .kinds import PUBLIC_KINDS, GroupKind
from .listing import card_listing
from .models import HOLDING_PLACE, EnrolmentStatus, Meeting


def default_costs():
    """What a new group costs until an editor says otherwise, in the
    editor's language."""
    return gettext("Free")


class GroupIndexPage(Page):
    """The offer ("Aanbod"): every group below it, filterable."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["website.HomePage"]
    subpage_types = ["groups.OrganisationOfferPage"]

    class Meta:
        verbose_name = _("offer overview")

    @staticmethod
    def filtered(groups, filters):
        """`groups` narrowed by the chosen filters."""
        if "kind" in filters:
            groups = groups.filter(kind=filters["kind"])
        if "place" in filters:
            groups = groups.filter(place=filters["place"])
        if "weekday" in filters:
            on_that_day = (
                Meeting.objects.planned()
                .upcoming()
                .filter(starts_at__iso_week_day=int(filters["weekday"]))
                .values("group_id")
            )
            groups = groups.filter(pk__in=on_that_day)
        return groups

    @staticmethod
    def listed(groups):
        """`groups` with their counts, open ones first (pages split the list
        in this order): a fixed number of queries whatever their number."""
        return (
            groups.with_counts()
            .select_related("organisation")
            .order_by("has_finished", "title", "pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        user = request.user
        visible = GroupPage.objects.descendant_of(self).visible_to(user)
        places = sorted(set(visible.values_list("place", flat=True)))
        form = OfferFilterForm(
            request.GET or None,
            places=places,
            show_trainings=user.is_authenticated
            and (user.is_staff or may_see_own_competencies(user)),
        )
        filters = form.filters() if request.GET else {}
        groups = self.filtered(visible, filters)
        path = self.get_url(request)
        context.update(
            card_listing(request, self.listed(groups), counted=groups, path=path, filters=filters),
            filter_form=form,
            filtered=bool(filters),
        )
        return context


class OrganisationOfferPage(Page):
    """One organisation's part of the offer: its groups and how to reach it.
    Made with the organisation (groups.offer.structure), never by hand; its
    coordinators hold their page permissions here."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="offer_pages",
        verbose_name=_("organisation"),
    )
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["groups.GroupIndexPage"]
    subpage_types = ["groups.GroupPage"]
    is_creatable = False

    class Meta:
        verbose_name = _("offer of an organisation")
        verbose_name_plural = _("offers of organisations")
        constraints = [
            models.UniqueConstraint(fields=["organisation"], name="one_offer_page_per_organisation")
        ]

    def permissions_for_user(self, user):
        return WalledPagePermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        groups = GroupPage.objects.child_of(self).visible_to(request.user)
        listed = GroupIndexPage.listed(groups)
        context.update(card_listing(request, listed, counted=groups, path=self.get_url(request)))
        return context


def finished_condition(group_ref="pk", now=None):
    """The one definition of a finished group: it had planned meetings and
    the last one has ended. A group without meetings is not finished, only
    not planned yet; a paused one is not finished either. `group_ref` names
    the group's id in the outer query."""
    planned = Meeting.objects.planned().filter(group_id=OuterRef(group_ref))
    coming = planned.filter(ends_at__gte=now or timezone.now())
    return Q(Exists(planned)) & ~Q(Exists(coming)) & ~Q(Exists(open_pauses(group_ref)))


def open_pauses(group_ref="pk"):
    return GroupPause.objects.filter(group_id=OuterRef(group_ref), resumed_at__isnull=True)


def finished_flag(group_ref="pk", now=None):
    """finished_condition() as a value to annotate."""
    return ExpressionWrapper(finished_condition(group_ref, now), output_field=BooleanField())


class GroupPageQuerySet(PageQuerySet):
    def finished(self, now=None):
        return self.filter(finished_condition(now=now))

    def not_finished(self, now=None):
        return self.exclude(finished_condition(now=now))

    def visible_to(self, user):
        """Trainings only for staff, and for volunteers, trainers and
        coordinators of the training's organisation (or of any, when the
        training is open to others)."""
        queryset = self.live().public()
        if user.is_authenticated and user.is_staff:
            return queryset
        if not may_see_own_competencies(user):
            return queryset.filter(kind__in=PUBLIC_KINDS)
        own = organisations_with_role(user, *QUALIFIED_ROLES)
        return queryset.filter(
            Q(kind__in=PUBLIC_KINDS) | Q(open_to_other_organisations=True) | Q(organisation__in=own)
        )

    def with_counts(self):
        """Annotate places taken and the next planned meeting, in one query
        (subqueries per group, never a join that multiplies the rows)."""
        now = timezone.now()
        return self.annotate(
            places_taken=counts.places_taken(),
            next_meeting_at=counts.next_meeting_at(now),
            has_finished=finished_flag(now=now),
            paused=Exists(open_pauses()),
        )

    def open_for_enrolment(self, today=None):
        today = today or timezone.localdate()
        return self.live().filter(
            Q(enrolment_opens__isnull=True) | Q(enrolment_opens__lte=today),
            Q(enrolment_closes__isnull=True) | Q(enrolment_closes__gte=today),
        )


GroupPageManager = PageManager.from_queryset(GroupPageQuerySet)


class GroupPage(Page):
    """A budget course, savings circle, peer-support group or training.

    The page holds what editors describe; meetings and enrolments are their
    own records, so editing or publishing the page never touches them."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="group_pages",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=GroupKind.choices)
    intro = models.TextField(_("short introduction"), max_length=400)
    body = RichTextField(
        _("description"), features=["h3", "bold", "italic", "link", "ol", "ul"], blank=True
    )
    audience = models.TextField(_("for whom"), blank=True)
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    place = models.CharField(_("place"), max_length=100)
    directions = models.TextField(_("how to get there"), blank=True)
    venue_accessibility = models.TextField(_("accessibility of the venue"), blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("places"), validators=[MinValueValidator(1)], default=12
    )
    enrolment_opens = models.DateField(_("enrolment opens"), null=True, blank=True)
    enrolment_closes = models.DateField(_("enrolment closes"), null=True, blank=True)
    open_to_other_organisations = models.BooleanField(
        _("open to volunteers of other organisations"),
        default=False,
        help_text=_("Only for trainings. Otherwise only your own volunteers can sign up."),
    )
    trainers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="led_groups",
        verbose_name=_("trainers"),
    )
    # Learning by doing: volunteers not yet qualified who join a qualified
    # trainer, never alone (groups.offer.admin.page_form).
    co_trainers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="co_trained_groups",
        verbose_name=_("co-trainers"),
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    costs = models.CharField(_("costs"), max_length=200, default=default_costs)

    objects = GroupPageManager()

    base_form_class = GroupPageForm

    # The organisation follows from where the page stands in the tree.
    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("audience"),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("address"),
                FieldPanel("postcode"),
                FieldPanel("place"),
                FieldPanel("directions"),
                FieldPanel("venue_accessibility"),
            ],
            heading=_("Location"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldPanel("enrolment_opens"),
                FieldPanel("enrolment_closes"),
                FieldPanel("costs"),
                FieldPanel("open_to_other_organisations"),
            ],
            heading=_("Enrolment"),
        ),
        FieldPanel("trainers"),
        FieldPanel("co_trainers"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_phone"), FieldPanel("contact_email")],
            heading=_("Contact"),
        ),
    ]

    # The site search (knowledge.views) finds groups by these words and
    # filters them as GroupPageQuerySet.visible_to() does.
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("audience"),
        index.SearchField("place"),
        index.SearchField("venue_name"),
        index.SearchField("get_kind_display"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.FilterField("kind"),
        index.FilterField("organisation"),
        index.FilterField("open_to_other_organisations"),
    ]

    parent_page_types = ["groups.OrganisationOfferPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    def save(self, *args, **kwargs):
        self.organisation_id = self.organisation_in_tree() or self.organisation_id
        return super().save(*args, **kwargs)

    def organisation_in_tree(self):
        """The organisation of the part of the offer this page stands in."""
        if not self.path or self.depth < 2:
            return None
        return (
            OrganisationOfferPage.objects.filter(path=self.path[: -self.steplen])
            .values_list("organisation_id", flat=True)
            .first()
        )

    def permissions_for_user(self, user):
        return WalledPagePermissionTester(user, self)

    def clean(self):
        super().clean()
        if (
            self.enrolment_opens
            and self.enrolment_closes
            and self.enrolment_closes < self.enrolment_opens
        ):
            raise ValidationError(
                {"enrolment_closes": _("Enrolment cannot close before it opens.")}
            )

    def is_led_by(self, user):
        if not user.is_authenticated:
            return False
        cached = getattr(self, "_trainer_ids", None)
        if cached is None:
            # Objects, not values_list(): on a preview or a revision the
            # relation lives in memory, where values_list() fails.
            cached = {trainer.pk for trainer in self.trainers.all()}
            self._trainer_ids = cached
        return user.pk in cached

    def is_co_trained_by(self, user):
        """A co-trainer (meeloper) of this group: learning beside a trainer."""
        return user.is_authenticated and any(
            person.pk == user.pk for person in self.co_trainers.all()
        )

    def enrolment_window_open(self, today=None):
        today = today or timezone.localdate()
        if self.enrolment_opens and today < self.enrolment_opens:
            return False
        return not (self.enrolment_closes and today > self.enrolment_closes)

    def is_finished(self, now=None):
        """Whether the last meeting has passed (finished_condition), from
        the with_counts() annotation when there is one."""
        cached = getattr(self, "has_finished", None)
        if cached is None:
            cached = GroupPage.objects.filter(pk=self.pk).finished(now).exists()
            self.has_finished = cached
        return cached

    def open_pause(self):
        """The pause the group is in now, or None."""
        if not hasattr(self, "_open_pause"):
            self._open_pause = self.pauses.filter(resumed_at__isnull=True).first()
            self.paused = self._open_pause is not None
        return self._open_pause

    def is_paused(self):
        """Paused until further notice; from the with_counts() annotation
        when there is one."""
        cached = getattr(self, "paused", None)
        if cached is None:
            return self.open_pause() is not None
        return cached

    def enrolment_of(self, user):
        """`user`'s sign-up that is still in play, or None."""
        if not user.is_authenticated:
            return None
        return self.enrolments.active().filter(person=user).first()

    def is_bookkeeper(self, user):
        """Whether `user` keeps this savings circle's books as a member who
        is still signed up (see people.permissions.may_keep_books)."""
        return (
            user.is_authenticated
            and GroupPage.objects.filter(
                pk=self.pk,
                savings_circle__bookkeeper=user,
                enrolments__person=user,
                enrolments__status=EnrolmentStatus.ENROLLED,
            ).exists()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Each part of the page is a section: the groups app's own (sign-up,
        # meetings, description, practical facts) and those of higher apps.
        context["sections"] = sections(GROUP_PAGE_SECTION, request, self)
        return context

    def places_left(self):
        """Free places, never below zero. Counts the sign-ups that hold a
        place, unless with_counts() annotated them."""
        taken = getattr(self, "places_taken", None)
        if taken is None:
            taken = self.enrolments.filter(status__in=HOLDING_PLACE).count()
        return max(self.capacity - taken, 0)

    @property
    def full_address(self):
        return ", ".join(filter(None, [self.address, f"{self.postcode} {self.place}".strip()]))
