"""The person stops their aftercare themselves."""

from django.db import transaction
from django.utils.translation import gettext as _

from .. import mail
from ..plans.services import plan_close


@transaction.atomic
def plan_stop(*, plan, by):
    """Close the plan at the person's own request; the steady contact hears
    that, and nothing more. The person keeps the help card."""
    plan_close(plan=plan, by=by, reason=_("at own request"))
    if plan.contact_id is not None:
        mail.plan_stopped(plan)
    return plan
