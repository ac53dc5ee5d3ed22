"""The aftercare part of a person's data download (the whole plan) and of
erasure (the plan goes; a contact's plans wait for a new contact)."""

from .models import AftercarePlan


def _iso(day):
    return day.isoformat() if day else None


def _name(user):
    return user.full_name if user else None


def _moment(moment):
    return {
        "due_on": _iso(moment.due_on),
        "why": moment.purpose,
        "way": moment.way,
        "done_on": _iso(moment.done_on),
        "done_by": _name(moment.done_by),
        "outcome": moment.outcome,
        "note": moment.note,
        "next_step": moment.next_step,
        "life_event": moment.life_event,
        "first_planned_on": _iso(moment.moved_from),
    }


def _plan(plan):
    return {
        "organisation": plan.organisation.name,
        "steady_contact": _name(plan.contact),
        "phase": plan.phase,
        "debt_assistance_ended_on": _iso(plan.debt_ended_on),
        "aftercare_until": _iso(plan.aftercare_until),
        "opened_on": _iso(plan.opened_on),
        "reopened_on": _iso(plan.restarted_on),
        "paused_since": _iso(plan.paused_on),
        "closed_on": _iso(plan.closed_on),
        "how_to_keep_in_touch": plan.preferred_way,
        "how_often": plan.rhythm,
        "every_weeks": plan.interval_weeks,
        "wants_to_prevent": plan.wants_to_prevent,
        "watch_out_for": plan.watch_out_for,
        "consent_given_on": _iso(plan.consent_on),
        "consent_given": plan.consent_way,
        "consent_recorded_by": _name(plan.consent_recorded_by),
        "contact_moments": [_moment(moment) for moment in plan.moments.all()],
        "history": [
            {
                "what": entry.kind,
                "before": entry.old_value,
                "after": entry.new_value,
                "reason": entry.reason,
                "at": entry.at.isoformat(),
            }
            for entry in plan.history.all()
        ],
        "referrals": [
            {
                "service": referral.service.name,
                "referred_on": _iso(referral.referred_on),
                "taken_along": referral.accompanied,
                "outcome": referral.outcome,
                "note": referral.note,
            }
            for referral in plan.referrals.all()
        ],
        "successes": [
            {"what": success.title, "kind": success.kind, "on": _iso(success.happened_on)}
            for success in plan.successes.all()
        ],
        "help_card": {
            "services": [
                {"service": item.service.name, "for": item.for_what}
                for item in plan.card_services.all()
            ],
            "people": [
                {"name": item.name, "helps_with": item.helps_with, "phone": item.phone}
                for item in plan.card_people.all()
            ],
        },
    }


def export_aftercare_data(user):
    plans = (
        AftercarePlan.objects.filter(person=user)
        .select_related("organisation", "contact", "consent_recorded_by")
        .prefetch_related(
            "moments__done_by",
            "history",
            "referrals__service",
            "successes",
            "card_services__service",
            "card_people",
        )
    )
    # As someone's steady contact: that the person has a contact is their
    # data; that one is a contact, and where, is one's own.
    kept = AftercarePlan.objects.filter(contact=user).select_related("organisation")
    return {
        "aftercare_plans": [_plan(plan) for plan in plans],
        "aftercare_contact_of": [
            {"organisation": plan.organisation.name, "phase": plan.phase} for plan in kept
        ],
    }


def erase_aftercare_data(user):
    AftercarePlan.objects.filter(person=user).delete()
    # The coordinators give these people a new contact.
    AftercarePlan.objects.filter(contact=user).update(contact=None)
