"""The savings-circle ledger. Money is Decimal, never float; a recorded line
is never changed: a mistake gets a correction entry."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MoneyKeeping(models.TextChoices):
    SHARED_BOX = "shared_box", _("in a shared box")
    PERSONAL_TINS = "personal_tins", _("in personal tins")


class SavingsCircle(models.Model):
    """The ledger settings of a savings circle (spaarkring) group."""

    group = models.OneToOneField(
        "groups.GroupPage",
        on_delete=models.PROTECT,
        related_name="savings_circle",
        verbose_name=_("group"),
    )
    money_kept = models.CharField(
        _("money is kept"),
        max_length=20,
        choices=MoneyKeeping.choices,
        default=MoneyKeeping.SHARED_BOX,
    )
    # The dates of the first cycle (round); later ones are SavingsCycle rows.
    cycle_start = models.DateField(
        _("cycle starts"), help_text=_("The day the first round starts.")
    )
    cycle_end = models.DateField(
        _("cycle ends"), help_text=_("The planned pay-out day of the first round.")
    )
    bookkeeper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bookkeeper"),
        help_text=_("A member who records the deposits, besides the trainers."),
    )
    fines_enabled = models.BooleanField(_("fine for a missed deposit"), default=False)
    fine_amount = models.DecimalField(
        _("fine amount"), max_digits=6, decimal_places=2, default=Decimal("0.00")
    )

    class Meta:
        verbose_name = _("savings circle")
        verbose_name_plural = _("savings circles")
        constraints = [
            models.CheckConstraint(
                condition=Q(cycle_end__gt=models.F("cycle_start")),
                name="savings_cycle_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(fine_amount__gte=0), name="savings_fine_not_negative"
            ),
        ]

    def __str__(self):
        return self.group.title

    def clean(self):
        super().clean()
        if self.cycle_start and self.cycle_end and self.cycle_end <= self.cycle_start:
            raise ValidationError({"cycle_end": _("The cycle must end after it starts.")})


class SavingsCycle(models.Model):
    """One round of a circle: members save from the start until the pay-out,
    then the round is closed and the next one starts with the same members.
    Every entry belongs to a round; exactly one round of a circle is open."""

    circle = models.ForeignKey(SavingsCircle, on_delete=models.PROTECT, related_name="cycles")
    number = models.PositiveSmallIntegerField(_("round"))
    starts_on = models.DateField(_("starts on"))
    payout_planned_on = models.DateField(_("pay-out planned on"))
    closed_at = models.DateTimeField(_("closed on"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )

    class Meta:
        verbose_name = _("savings round")
        verbose_name_plural = _("savings rounds")
        ordering = ["circle", "number"]
        constraints = [
            models.UniqueConstraint(fields=["circle", "number"], name="savings_cycle_number_once"),
            models.UniqueConstraint(
                fields=["circle"],
                condition=Q(closed_at__isnull=True),
                name="savings_one_open_cycle",
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="savings_cycle_number_positive"
            ),
            models.CheckConstraint(
                condition=Q(payout_planned_on__gt=models.F("starts_on")),
                name="savings_cycle_payout_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.circle} {self.number}"

    @property
    def is_open(self):
        return self.closed_at is None

    def clean(self):
        super().clean()
        if self.starts_on and self.payout_planned_on and self.payout_planned_on <= self.starts_on:
            raise ValidationError(
                {"payout_planned_on": _("The pay-out must be after the round starts.")}
            )


class SavingsGoal(models.Model):
    """What a member saves for, set at the start of the cycle."""

    circle = models.ForeignKey(SavingsCircle, on_delete=models.PROTECT, related_name="goals")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="savings_goals"
    )
    purpose = models.CharField(_("saving for"), max_length=200)
    target_amount = models.DecimalField(
        _("target amount"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("1.00")), MaxValueValidator(Decimal("100000.00"))],
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("savings goal")
        verbose_name_plural = _("savings goals")
        constraints = [
            models.UniqueConstraint(fields=["circle", "person"], name="savings_goal_once"),
            models.CheckConstraint(condition=Q(target_amount__gt=0), name="savings_goal_positive"),
        ]

    def __str__(self):
        return f"{self.person}: {self.purpose}"


class EntryKind(models.TextChoices):
    DEPOSIT = "deposit", _("deposit")
    CORRECTION = "correction", _("correction")
    FINE = "fine", _("fine")
    PAYOUT = "payout", _("pay-out")


# The most one deposit can be; bigger amounts are typing errors.
MAX_DEPOSIT = Decimal("1000.00")


class LedgerSummary:
    """The sums of one person's (or one circle's) entries. A correction
    cancels the entry it points to, so it counts against that entry's kind:
    a corrected fine gives nothing back from the savings."""

    __slots__ = (
        "deposits",
        "deposit_corrections",
        "fines",
        "fine_corrections",
        "payouts",
        "payout_corrections",
    )

    def __init__(
        self,
        deposits,
        deposit_corrections,
        fines,
        fine_corrections,
        payouts=Decimal("0.00"),
        payout_corrections=Decimal("0.00"),
    ):
        self.deposits = deposits
        self.deposit_corrections = deposit_corrections
        self.fines = fines
        self.fine_corrections = fine_corrections
        self.payouts = payouts
        self.payout_corrections = payout_corrections

    @property
    def saved(self):
        return self.deposits - self.deposit_corrections

    @property
    def fines_due(self):
        return self.fines - self.fine_corrections

    @property
    def corrections(self):
        return self.deposit_corrections + self.fine_corrections + self.payout_corrections

    @property
    def paid_out(self):
        """The pay-outs that stand (a corrected pay-out gives it back)."""
        return self.payouts - self.payout_corrections

    @property
    def payout(self):
        """What the member gets at the end: savings less the fines that stand,
        never below zero (a member is never paid a negative amount)."""
        return max(self.saved - self.fines_due, Decimal("0.00"))

    @property
    def to_pay(self):
        """What is still to be paid out; 0 once the pay-out is booked."""
        return self.payout - self.paid_out

    @property
    def fines_owed(self):
        """Fines larger than the savings: still to be paid by the member."""
        return max(self.fines_due - self.saved, Decimal("0.00"))

    @classmethod
    def empty(cls):
        zero = Decimal("0.00")
        return cls(zero, zero, zero, zero, zero, zero)

    def __add__(self, other):
        return LedgerSummary(
            *(getattr(self, name) + getattr(other, name) for name in self.__slots__)
        )


def _kind_sum(kind, corrected_kind=None):
    condition = Q(kind=kind)
    if corrected_kind:
        condition &= Q(corrects__kind=corrected_kind)
    return Sum("amount", filter=condition, default=Decimal("0.00"))


class SavingsEntryQuerySet(models.QuerySet):
    def summary_by(self, field):
        """{value of `field`: LedgerSummary}, in one query; `field` is
        "person_id", "circle_id" or "cycle_id"."""
        rows = (
            self.order_by()
            .values(field)
            .annotate(
                deposits=_kind_sum(EntryKind.DEPOSIT),
                deposit_corrections=_kind_sum(EntryKind.CORRECTION, EntryKind.DEPOSIT),
                fines=_kind_sum(EntryKind.FINE),
                fine_corrections=_kind_sum(EntryKind.CORRECTION, EntryKind.FINE),
                payouts=_kind_sum(EntryKind.PAYOUT),
                payout_corrections=_kind_sum(EntryKind.CORRECTION, EntryKind.PAYOUT),
            )
        )
        return {
            row[field]: LedgerSummary(*(row[name] for name in LedgerSummary.__slots__))
            for row in rows
        }

    def totals_by_person(self):
        """{person_id: saved}: deposits minus the corrections of deposits, in
        one query."""
        return {person: summary.saved for person, summary in self.summary_by("person_id").items()}


class SavingsEntry(models.Model):
    """One line of the ledger. Never edited: a mistake gets a correction
    entry that cancels it, and the right amount is entered again."""

    circle = models.ForeignKey(SavingsCircle, on_delete=models.PROTECT, related_name="entries")
    cycle = models.ForeignKey(
        SavingsCycle, on_delete=models.PROTECT, related_name="entries", verbose_name=_("round")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="savings_entries"
    )
    meeting = models.ForeignKey(
        "groups.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="savings_entries",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=EntryKind.choices)
    amount = models.DecimalField(_("amount"), max_digits=8, decimal_places=2)
    corrects = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrected_by",
        verbose_name=_("corrects"),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = SavingsEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("savings entry")
        verbose_name_plural = _("savings entries")
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="savings_amount_not_negative"),
            models.CheckConstraint(
                condition=Q(kind__in=EntryKind.values), name="savings_entry_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind=EntryKind.CORRECTION, corrects__isnull=False)
                | (~Q(kind=EntryKind.CORRECTION) & Q(corrects__isnull=True)),
                name="savings_correction_points_to_entry",
            ),
        ]

    def __str__(self):
        return f"{self.person} {self.get_kind_display()} € {self.amount}"

    def save(self, *args, **kwargs):
        # The ledger only grows: a recorded line is never changed (a mistake
        # gets a correction entry), so there is no update path at all.
        if not self._state.adding:
            raise ValidationError(_("A savings entry cannot be changed; correct it instead."))
        super().save(*args, **kwargs)

    @property
    def booked_on(self):
        """The day it belongs to: its meeting's, else the day it was recorded."""
        moment = self.meeting.starts_at if self.meeting_id else self.recorded_at
        return timezone.localtime(moment).date()

    @property
    def effect(self):
        """What this line does to the amount paid out: + or − its amount.
        Needs `corrects` loaded for corrections (select_related)."""
        if self.kind == EntryKind.DEPOSIT:
            return self.amount
        if self.kind in (EntryKind.FINE, EntryKind.PAYOUT):
            return -self.amount
        # Cancelling a fine or a pay-out gives the amount back.
        corrected = self.corrects.kind
        return self.amount if corrected in (EntryKind.FINE, EntryKind.PAYOUT) else -self.amount


class SavingsSuccess(models.Model):
    """A member's success in one round: the goal reached, the pay-out booked,
    and in their own words what they saved for, shared with the group only
    when they choose so. The dates also make sure each is announced once."""

    cycle = models.ForeignKey(SavingsCycle, on_delete=models.PROTECT, related_name="successes")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="savings_successes"
    )
    goal_reached_at = models.DateTimeField(_("goal reached on"), null=True, blank=True)
    paid_out_at = models.DateTimeField(_("paid out on"), null=True, blank=True)
    story = models.CharField(_("what I saved for"), max_length=200, blank=True)
    story_shared = models.BooleanField(_("shared with the group"), default=False)

    class Meta:
        verbose_name = _("savings success")
        verbose_name_plural = _("savings successes")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "person"], name="savings_success_once"),
            models.CheckConstraint(
                condition=Q(goal_reached_at__isnull=False) | Q(paid_out_at__isnull=False),
                name="savings_success_has_a_reason",
            ),
        ]

    def __str__(self):
        return f"{self.person}: {self.cycle}"
