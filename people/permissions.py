"""Who may do what: the one place every view and admin screen asks.

The rules follow the matrix in DESIGN.md. Functions take the user and the
object the question is about. Higher apps pass their own objects: a group is
anything with an `organisation_id` and `is_led_by(user)`,
`is_co_trained_by(user)` and `is_bookkeeper(user)` methods, so this module
never imports them.

A co-trainer (meeloper: a volunteer learning beside a qualified trainer)
sees the group on Mijn Waakvlam and may register attendance, as the trainer
does; the participants page with contact details, sign-ups, deposits and
the books stay with the trainers and coordinators.
"""

from .models import Membership, Organisation, Role

EDITORS_GROUP = "Redacteuren"
COORDINATORS_GROUP = "Coordinatoren"


def roles_by_organisation(user):
    """{organisation_id: {role, ...}} for `user`, read once per user object."""
    if not user.is_authenticated:
        return {}
    cached = getattr(user, "_waakvlam_roles", None)
    if cached is None:
        cached = {}
        for organisation_id, role in Membership.objects.filter(user=user).values_list(
            "organisation_id", "role"
        ):
            cached.setdefault(organisation_id, set()).add(role)
        user._waakvlam_roles = cached
    return cached


def has_role(user, role, organisation=None):
    """Whether `user` holds `role` in `organisation` (or in any organisation)."""
    roles = roles_by_organisation(user)
    if organisation is None:
        return any(role in held for held in roles.values())
    organisation_id = getattr(organisation, "pk", organisation)
    return role in roles.get(organisation_id, set())


def organisations_with_role(user, *roles):
    """The organisations in which `user` holds any of `roles`."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.all()
    ids = [
        organisation_id
        for organisation_id, held in roles_by_organisation(user).items()
        if held.intersection(roles)
    ]
    return Organisation.objects.filter(pk__in=ids)


def is_coordinator(user, organisation):
    return user.is_authenticated and (
        user.is_superuser or has_role(user, Role.COORDINATOR, organisation)
    )


def may_manage_organisation(user, organisation):
    """Manage groups, meetings, trainers and reports of an organisation."""
    return is_coordinator(user, organisation)


def may_record_competencies(user, organisation):
    """Record competencies and see the qualification overview."""
    return is_coordinator(user, organisation)


def leads_or_coordinates(user, group):
    """A trainer of this group, or a coordinator of its organisation."""
    if not user.is_authenticated:
        return False
    return is_coordinator(user, group.organisation_id) or group.is_led_by(user)


def may_see_participants(user, group):
    return leads_or_coordinates(user, group)


def may_register_attendance(user, group):
    """Trainers and coordinators, and a co-trainer who helps while learning."""
    return leads_or_coordinates(user, group) or (
        user.is_authenticated and group.is_co_trained_by(user)
    )


def may_record_deposits(user, group):
    return leads_or_coordinates(user, group)


def may_enrol_others(user, group):
    return leads_or_coordinates(user, group)


def may_record_signal_outcome(user, group):
    """Record what happened after an attention signal of `group`: its
    trainers and the coordinators of its organisation."""
    return leads_or_coordinates(user, group)


def may_record_attention_outcome(user, signal):
    """Record what happened after any signal on the attention list: a
    group's signal as may_record_signal_outcome; a signal without a group
    (aftercare) only the coordinators of its organisation."""
    if signal.group_id is None:
        return is_coordinator(user, signal.organisation_id)
    return may_record_signal_outcome(user, signal.group)


def may_keep_books(user, group):
    """Record deposits and see the ledger of a savings circle: its trainers
    and coordinators, and the member chosen as bookkeeper while they are
    still signed up (`group.is_bookkeeper(user)`)."""
    return may_record_deposits(user, group) or group.is_bookkeeper(user)


def may_pause_group(user, group):
    """Pause a group until further notice, and resume it."""
    return leads_or_coordinates(user, group)


def may_enrol_self(user):
    """Everyone signed in except accounts that only edit pages."""
    if not user.is_authenticated:
        return False
    roles = set().union(*roles_by_organisation(user).values())
    return roles != {Role.EDITOR}


# The roles that come with a qualification of one's own.
QUALIFIED_ROLES = (Role.VOLUNTEER, Role.TRAINER, Role.COORDINATOR)


def may_join_training(user, training):
    """A training is for the volunteers, trainers and coordinators of its
    own organisation, unless its page opens it to those of others."""
    if not user.is_authenticated:
        return False
    if training.open_to_other_organisations:
        return may_see_own_competencies(user)
    return user.is_superuser or any(
        has_role(user, role, training.organisation_id) for role in QUALIFIED_ROLES
    )


def may_see_own_competencies(user):
    """Volunteers, trainers and coordinators have a qualification of their own."""
    return user.is_authenticated and any(has_role(user, role) for role in QUALIFIED_ROLES)


# Aftercare plans (DESIGN.md invariant 15): a plan is anything with
# `organisation_id`, `person_id` and `contact_id`. Only the person, the
# steady contact and the organisation's coordinators; never the trainers of
# the person's groups, other volunteers, editors or other organisations.


def may_see_plan(user, plan):
    if not user.is_authenticated:
        return False
    return (
        user.pk in (plan.person_id, plan.contact_id)
        and plan.person_id is not None
        or is_coordinator(user, plan.organisation_id)
    )


def may_record_contact(user, plan):
    """Record moments, referrals and successes: the steady contact and the
    organisation's coordinators."""
    if not user.is_authenticated:
        return False
    return user.pk == plan.contact_id or is_coordinator(user, plan.organisation_id)


def may_manage_aftercare(user, organisation):
    """Open plans, assign and change contacts, the aftercare reports."""
    return is_coordinator(user, organisation)


def may_change_own_plan(user, plan):
    """How and how often, pause or stop, the help card: the person only."""
    return user.is_authenticated and plan.person_id is not None and user.pk == plan.person_id


def may_edit_help_card(user, plan):
    """The services and people on the person's help card: the steady contact
    and the coordinators, as long as the plan has its person."""
    return plan.person_id is not None and may_record_contact(user, plan)


def may_edit_pages(user):
    return user.is_authenticated and (user.is_superuser or has_role(user, Role.EDITOR))


def roles_grantable_by(user):
    """The roles `user` may give (or take away) in their own organisations:
    a coordinator grants the matrix's coordinator, trainer and volunteer;
    only a superuser makes someone an editor."""
    if not user.is_authenticated:
        return []
    if user.is_superuser:
        return list(Role)
    if has_role(user, Role.COORDINATOR):
        return [Role.COORDINATOR, Role.TRAINER, Role.VOLUNTEER]
    return []


def admin_groups_for(user):
    """Names of the Wagtail admin groups that `user`'s roles bring with them."""
    names = set()
    if has_role(user, Role.EDITOR):
        names.add(EDITORS_GROUP)
    if has_role(user, Role.COORDINATOR):
        names.add(COORDINATORS_GROUP)
    return names


def must_use_second_factor(user):
    """Staff who see other people's personal data log in with a second
    factor (DESIGN.md invariant 13): superusers, staff, editors and
    coordinators of any organisation."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    return has_role(user, Role.COORDINATOR) or has_role(user, Role.EDITOR)
