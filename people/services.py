from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction

from .models import ANONYMISED_DOMAIN
from .privacy import erase_personal_data

ANONYMOUS_NAME = "Verwijderde gebruiker"


@transaction.atomic
def user_anonymise(*, user):
    """Remove everything that identifies `user`, keeping the row so that
    attendance and other records stay countable (they hold no names)."""
    erase_personal_data(user)
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
