"""Opening a plan from the coordinator's form: the person (someone known,
or someone without e-mail made here), the plan and the person's choices in
one transaction, so a refused choice leaves nothing half made."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from people.models import User

from ..plans.services import plan_choices_record, plan_open


def person_without_email_create(*, full_name, phone):
    """Someone known by a name and a phone number only (as an assisted
    sign-up, groups.offer.services): no e-mail, no password."""
    if not phone.strip():
        raise ValidationError({"new_phone": _("Fill in a phone number, so the contact can call.")})
    person = User(email=User.placeholder_email(), full_name=full_name.strip(), phone=phone.strip())
    person.set_unusable_password()
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def plan_open_with_choices(
    *,
    organisation,
    contact,
    by,
    choices,
    person=None,
    new_name="",
    new_phone="",
    debt_ended_on=None,
    phase,
    consent_on=None,
    consent_way="",
):
    if person is None:
        person = person_without_email_create(full_name=new_name, phone=new_phone)
    plan = plan_open(
        organisation=organisation,
        person=person,
        contact=contact,
        by=by,
        debt_ended_on=debt_ended_on,
        phase=phase,
    )
    return plan_choices_record(
        plan=plan, by=by, consent_on=consent_on, consent_way=consent_way, **choices
    )
