"""Mijn Waakvlam → "Mijn nazorg": for each of the person's plans who their
contact is, when they talk next, and what went well. Two queries however
many plans, moments and successes there are."""

from django.db.models import OuterRef, Prefetch, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from people.sections import Section

from ..models import ContactMoment, Success, Way
from ..selectors import plans_of_person

# "We spreken elkaar weer rond 3 maart, <way>."
WAY_PHRASES = {
    Way.PHONE: gettext_lazy("by phone"),
    Way.WHATSAPP: gettext_lazy("by WhatsApp"),
    Way.VISIT: gettext_lazy("at your home"),
    Way.EMAIL: gettext_lazy("by e-mail"),
    Way.GROUP: gettext_lazy("in a group"),
}
SUCCESSES_SHOWN = 5


def my_plans(user):
    """The person's plans, running ones first, each with `next_due_on` and
    `next_way` (its first open moment) and `success_list`."""
    first_open = ContactMoment.objects.open().filter(plan=OuterRef("pk")).order_by("due_on", "pk")
    plans = (
        plans_of_person(user)
        .annotate(
            next_due_on=Subquery(first_open.values("due_on")[:1]),
            next_way=Subquery(first_open.values("way")[:1]),
        )
        .prefetch_related(
            Prefetch("successes", queryset=Success.objects.all(), to_attr="success_list")
        )
    )
    return sorted(plans, key=lambda plan: plan.is_closed)


def day_text(day, today):
    return date_format(day, "j F" if day.year == today.year else "j F Y")


def next_moment_sentence(plan, due_on, way, today=None):
    """What the person reads about the next moment, in one sentence."""
    today = today or timezone.localdate()
    if plan.is_closed or plan.is_paused:
        return ""
    if plan.wants_no_contact:
        return _("You chose to have no contact for now. That is fine: we plan no talks.")
    if due_on is None:
        return _("No new talk is planned.")
    if due_on < today:
        return _("Your contact will get in touch with you soon.")
    phrase = WAY_PHRASES.get(way)
    if phrase:
        return _("We will talk again around %(day)s, %(way)s.") % {
            "day": day_text(due_on, today),
            "way": phrase,
        }
    return _("We will talk again around %(day)s.") % {"day": day_text(due_on, today)}


def my_aftercare(request):
    plans = my_plans(request.user)
    if not plans:
        return None
    today = timezone.localdate()
    for plan in plans:
        plan.next_sentence = next_moment_sentence(plan, plan.next_due_on, plan.next_way, today)
        plan.successes_shown = plan.success_list[:SUCCESSES_SHOWN]
    return Section("aftercare/mine/section.html", {"plans": plans})
