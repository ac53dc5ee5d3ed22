from allauth.account.models import EmailAddress
from allauth.account.signals import password_reset
from django.contrib.auth.models import Group
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Membership, Organisation, Role
from .permissions import COORDINATORS_GROUP, EDITORS_GROUP, admin_groups_for
from .services import organisation_admin_group_ensure


@receiver(post_save, sender=Membership)
@receiver(post_delete, sender=Membership)
def sync_admin_groups(sender, instance, **kwargs):
    """Keep a user's Wagtail admin groups in line with their roles, so that a
    coordinator or editor never needs a second, hand-kept setting."""
    user = instance.user
    user.__dict__.pop("_waakvlam_roles", None)
    wanted = admin_groups_for(user)
    for name in (EDITORS_GROUP, COORDINATORS_GROUP):
        group, _ = Group.objects.get_or_create(name=name)
        if name in wanted:
            user.groups.add(group)
        else:
            user.groups.remove(group)
    # Page permissions come per organisation: each has a group of its own.
    coordinated = Organisation.objects.filter(
        memberships__user=user, memberships__role=Role.COORDINATOR
    ).distinct()
    wanted = {organisation_admin_group_ensure(organisation=o).pk for o in coordinated}
    held = set(user.groups.filter(organisation__isnull=False).values_list("pk", flat=True))
    user.groups.remove(*(held - wanted))
    user.groups.add(*(wanted - held))


@receiver(post_save, sender=Organisation)
def keep_admin_group(sender, instance, raw=False, **kwargs):
    if not raw:
        organisation_admin_group_ensure(organisation=instance)


@receiver(password_reset)
def verify_email_on_password_reset(sender, request, user, **kwargs):
    """The reset link was mailed to the account's address, so using it proves
    the address: a person invited by a volunteer (who chooses a password with
    that link) can log in straight away."""
    EmailAddress.objects.filter(user=user, email__iexact=user.email).update(verified=True)
