"""Demo course results: a budget course that ended last week, everyone
registered, most with a certificate."""

import datetime

from django.utils import timezone

from groups.attendance import services as attendance_services
from groups.models import GroupIndexPage, GroupKind, GroupPage
from groups.offer import services as offer_services
from groups.offer.structure import organisation_offer_page_ensure

from .groups import VENUES, at, enrol_all
from .people import demo_members

COURSE_PEOPLE = ["Fatima de Vries", "Ruud Hendriks", "Sevda Aydin", "Marco Visser", "Ellen Bos"]


def seed_finished_course(organisations, users):
    trainer = users["trainer@example.org"]
    participant = users["deelnemer@example.org"]
    organisation = organisations["op-koers-utrecht"]
    part = organisation_offer_page_ensure(
        organisation=organisation, offer=GroupIndexPage.objects.get()
    )
    course = GroupPage.objects.filter(slug="budgetcursus-najaar").first()
    if course is None:
        course = part.add_child(
            instance=GroupPage(
                title="Budgetcursus najaar",
                slug="budgetcursus-najaar",
                organisation=organisation,
                kind=GroupKind.BUDGET_COURSE,
                intro="Zes avonden over post, budget en vaste lasten. Deze cursus is afgelopen.",
                place="Utrecht",
                **VENUES["Utrecht"],
                capacity=10,
                enrolment_closes=timezone.localdate() - datetime.timedelta(days=50),
            )
        )
        course.trainers.add(trainer)
        course.save_revision().publish()
        people = [participant] + demo_members(10, COURSE_PEOPLE[1:])
        # Sign-up was open then, before the course ran (a finished group
        # takes no sign-ups): enrol first, then the meetings.
        GroupPage.objects.filter(pk=course.pk).update(enrolment_closes=None)
        course.refresh_from_db()
        enrol_all(course, people)
        meetings = offer_services.meeting_series_create(
            group=course,
            first_date=at(-42, 19).date(),
            start_time=datetime.time(19),
            end_time=datetime.time(21),
            frequency="weekly",
            count=6,
        )
        GroupPage.objects.filter(pk=course.pk).update(
            enrolment_closes=timezone.localdate() - datetime.timedelta(days=50)
        )
        for index, meeting in enumerate(meetings):
            statuses = {}
            for number, person in enumerate(people):
                # Marco missed the first meeting; Ellen came twice only.
                if (number == 3 and index == 0) or (number == 4 and index > 1):
                    statuses[person.pk] = "absent"
                elif number == 2 and index == 3:
                    statuses[person.pk] = "late"
                else:
                    statuses[person.pk] = "present"
            attendance_services.attendance_record(meeting=meeting, statuses=statuses, by=trainer)
