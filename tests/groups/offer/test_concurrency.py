"""No overbooking, ever: many people take the last places at the same
moment. Real threads with their own database connections; on PostgreSQL the
group row is locked (SELECT ... FOR UPDATE), on SQLite the write lock is
taken at the start of each transaction."""

import threading

import pytest
from django.db import connection

from groups.models import Enrolment, EnrolmentStatus
from groups.offer import services as offer_services
from tests.factories import UserFactory
from tests.groups.factories import GroupPageFactory

PEOPLE = 24
CAPACITY = 5


@pytest.mark.django_db(transaction=True)
def test_concurrent_sign_ups_fill_exactly_the_capacity_in_arrival_order():
    group = GroupPageFactory(capacity=CAPACITY)
    people = [UserFactory() for _ in range(PEOPLE)]
    start = threading.Barrier(PEOPLE)
    errors = []

    def sign_up(person):
        try:
            start.wait()
            offer_services.enrolment_create(group=group, person=person)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    enrolments = list(Enrolment.objects.filter(group=group).order_by("created_at", "pk"))
    assert len(enrolments) == PEOPLE
    statuses = [e.status for e in enrolments]
    assert statuses.count(EnrolmentStatus.ENROLLED) == CAPACITY
    # Arrival order: whoever got the lock first got a place; the rest wait
    # in the order they arrived.
    assert statuses == [EnrolmentStatus.ENROLLED] * CAPACITY + [EnrolmentStatus.WAITING] * (
        PEOPLE - CAPACITY
    )
    positions = [e.waiting_position() for e in enrolments[CAPACITY:]]
    assert positions == list(range(1, PEOPLE - CAPACITY + 1))
