import datetime

import factory

from groups.models import Closure, ClosureKind
from tests.factories import OrganisationFactory


class ClosureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Closure

    organisation = factory.SubFactory(OrganisationFactory)
    name = "Kerstvakantie"
    first_day = datetime.date(2026, 12, 19)
    last_day = datetime.date(2027, 1, 3)
    kind = ClosureKind.SCHOOL_HOLIDAY
