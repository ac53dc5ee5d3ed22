from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Replace
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, PageLogEntry

from .audit.services import audit_subject_forget
from .models import ANONYMISED_DOMAIN, Membership, Organisation
from .permissions import COORDINATORS_GROUP, is_coordinator, roles_grantable_by
from .privacy import erase_personal_data

ANONYMOUS_NAME = "Verwijderde gebruiker"


@transaction.atomic
def user_anonymise(*, user):
    """Remove everything that identifies `user`, keeping the row so that
    attendance and other records stay countable (they hold no names)."""
    erase_personal_data(user)
    _forget_in_logs(user)
    audit_subject_forget(user=user, replacement=ANONYMOUS_NAME)
    user.memberships.all().delete()
    user.groups.set(Group.objects.none())
    EmailAddress.objects.filter(user=user).delete()
    user.email = f"verwijderd-{user.pk}@{ANONYMISED_DOMAIN}"
    user.full_name = ANONYMOUS_NAME
    user.phone = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.full_clean()
    user.save()
    return user


def _forget_in_logs(user):
    """Wagtail's history keeps the label a record had when it was logged,
    such as "Anna de Vries – Budgetcursus": the name goes from it."""
    name = user.full_name.strip()
    if len(name) < 3:  # too short to tell a name from other words
        return
    for model in (ModelLogEntry, PageLogEntry):
        model.objects.filter(label__contains=name).update(
            label=Replace("label", Value(name), Value(ANONYMOUS_NAME))
        )


def organisation_admin_group_ensure(*, organisation):
    """The Wagtail group of `organisation`'s coordinators, made when missing
    and named after the organisation (group names must be unique)."""
    name = f"{COORDINATORS_GROUP} {organisation.slug}"
    group = organisation.admin_group
    if group is None:
        group, _ = Group.objects.get_or_create(name=name)
        Organisation.objects.filter(pk=organisation.pk).update(admin_group=group)
        organisation.admin_group = group
    elif group.name != name:
        group.name = name
        group.save(update_fields=["name"])
    return group


@transaction.atomic
def role_grant(*, user, organisation, role, by):
    """Give `user` a role in `organisation`, as `by` (a coordinator of it)
    may; nothing changes when they hold it already."""
    if role not in roles_grantable_by(by) or not is_coordinator(by, organisation):
        raise ValidationError(_("You may not give this role in this organisation."))
    membership = Membership.objects.filter(user=user, organisation=organisation, role=role).first()
    if membership is not None:
        return membership
    membership = Membership(user=user, organisation=organisation, role=role)
    membership.full_clean()
    membership.save()
    log(membership, "wagtail.create", user=by)
    return membership
