"""The figures of the aftercare report for one organisation and period:
counts only, never a name. A fixed number of queries whatever the size."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ..models import (
    AftercarePlan,
    ContactMoment,
    Outcome,
    Phase,
    Referral,
    Success,
    SuccessKind,
)

# A moment done up to a week after its day still counts as on time: a call
# on the Monday after a planned Friday is what "on time" means here.
GRACE_DAYS = 7


def percentage(part, whole):
    """A whole percentage, rounded half up; None when there is nothing."""
    return (200 * part + whole) // (2 * whole) if whole else None


@dataclass
class Figure:
    section: str
    label: str
    count: int
    total: int | None = None

    @property
    def rate(self):
        return percentage(self.count, self.total) if self.total is not None else None

    @property
    def rate_display(self):
        rate = self.rate
        return "" if self.total is None else ("–" if rate is None else f"{rate}%")


def _plans_per_phase(organisation, start, end):
    """Plans that ran in the period, by the phase they are in now."""
    plans = AftercarePlan.objects.filter(organisation=organisation, opened_on__lte=end).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=start)
    )
    counts = dict(plans.order_by().values_list("phase").annotate(n=Count("pk")))
    section = _("Plans per phase")
    return [
        Figure(section, capfirst(label), counts.get(value, 0)) for value, label in Phase.choices
    ]


def _moments(organisation, start, end, today):
    moments = ContactMoment.objects.filter(plan__organisation=organisation)
    due = moments.filter(due_on__gte=start, due_on__lte=min(end, today))
    on_time = due.aggregate(
        total=Count("pk"),
        on_time=Count(
            "pk",
            filter=Q(done_on__isnull=False)
            & Q(done_on__lte=F("due_on") + datetime.timedelta(days=GRACE_DAYS)),
        ),
    )
    done = moments.filter(done_on__gte=start, done_on__lte=end).aggregate(
        total=Count("pk"), reached=Count("pk", filter=~Q(outcome=Outcome.UNREACHED))
    )
    section = _("Contact moments")
    return [
        Figure(section, _("Due in the period"), on_time["total"]),
        Figure(section, _("Done on time"), on_time["on_time"], on_time["total"]),
        Figure(section, _("Done in the period"), done["total"]),
        Figure(section, _("Reached"), done["reached"], done["total"]),
    ]


def _referrals(organisation, start, end):
    totals = Referral.objects.filter(
        plan__organisation=organisation, referred_on__gte=start, referred_on__lte=end
    ).aggregate(total=Count("pk"), accompanied=Count("pk", filter=Q(accompanied=True)))
    section = _("Referrals")
    return [
        Figure(section, _("Referred"), totals["total"]),
        Figure(section, _("Taken along"), totals["accompanied"], totals["total"]),
    ]


def _successes(organisation, start, end):
    counts = dict(
        Success.objects.filter(
            plan__organisation=organisation, happened_on__gte=start, happened_on__lte=end
        )
        .order_by()
        .values_list("kind")
        .annotate(n=Count("pk"))
    )
    section = _("Successes")
    return [
        Figure(section, capfirst(label), counts.get(value, 0))
        for value, label in SuccessKind.choices
    ]


@dataclass
class AftercareFigures:
    phases: list
    moments: list
    referrals: list
    successes: list

    @property
    def rows(self):
        return [*self.phases, *self.moments, *self.referrals, *self.successes]


def aftercare_figures(organisation, start, end, today=None):
    today = today or timezone.localdate()
    return AftercareFigures(
        phases=_plans_per_phase(organisation, start, end),
        moments=_moments(organisation, start, end, today),
        referrals=_referrals(organisation, start, end),
        successes=_successes(organisation, start, end),
    )


# The charts' drawing area, in SVG user units: one horizontal bar per row.
CHART_WIDTH, LABEL_WIDTH, BAR_HEIGHT, GAP = 640, 200, 22, 10


def bar_chart(figures, *, by_rate=False):
    """Positions for a server-drawn horizontal bar chart (no JavaScript):
    counts against the largest, or rates against 100 %."""
    values = [(figure.rate or 0) if by_rate else figure.count for figure in figures]
    top = 100 if by_rate else max(values, default=0) or 1
    room = CHART_WIDTH - LABEL_WIDTH - 60
    bars = []
    for index, (figure, value) in enumerate(zip(figures, values, strict=True)):
        y = GAP + index * (BAR_HEIGHT + GAP)
        width = round(room * value / top, 1)
        bars.append(
            {
                "label": figure.label,
                "value": figure.rate_display if by_rate else figure.count,
                "y": y,
                "text_y": y + BAR_HEIGHT * 0.7,
                "width": width,
                "value_x": LABEL_WIDTH + width + 6,
            }
        )
    return {
        "width": CHART_WIDTH,
        "height": GAP + len(figures) * (BAR_HEIGHT + GAP),
        "label_x": LABEL_WIDTH - 8,
        "left": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
        "bars": bars,
    }
