"""Filling the help card: services of the social map with what the person
goes there for, and people of their own network. What the person said (the
"for what" in their words, the people) is kept only with their consent."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import HelpCardPerson, HelpCardService

NO_CONSENT = _("Ask for consent first: without it nothing the person said is kept.")
ALREADY_ON_CARD = _("This service is already on the help card.")
GONE = _("This is no longer on the help card.")


@transaction.atomic
def card_service_add(*, plan, service, for_what=""):
    for_what = for_what.strip()
    if for_what and not plan.has_consent:
        raise ValidationError({"for_what": NO_CONSENT})
    if plan.card_services.filter(service=service).exists():
        raise ValidationError({"service": ALREADY_ON_CARD})
    item = HelpCardService(plan=plan, service=service, for_what=for_what)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def card_service_remove(*, plan, item_id):
    deleted, _rows = plan.card_services.filter(pk=item_id).delete()
    if not deleted:
        raise ValidationError(GONE)


@transaction.atomic
def card_person_add(*, plan, name, helps_with="", phone=""):
    if not plan.has_consent:
        raise ValidationError(NO_CONSENT)
    item = HelpCardPerson(
        plan=plan, name=name.strip(), helps_with=helps_with.strip(), phone=phone.strip()
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def card_person_remove(*, plan, item_id):
    deleted, _rows = plan.card_people.filter(pk=item_id).delete()
    if not deleted:
        raise ValidationError(GONE)
