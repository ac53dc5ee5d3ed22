import hashlib
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F, Q

from aftercare.models import AftercarePlan, ContactMoment
from aftercare.selectors import eligible_contacts
from groups.models import (
    HOLDING_PLACE,
    Attendance,
    Enrolment,
    EnrolmentStatus,
    GroupPage,
    Meeting,
    SavingsEntry,
)
from knowledge.models import ArticlePage
from people.models import Organisation, User
from people.outbox.models import OutboxMessage
from volunteers.models import CompetencyRecord, VolunteerProfile
from website.scale import Sizes
from website.scale.people import DOMAIN

pytestmark = pytest.mark.django_db

TINY = 0.01


def seed(*args, **options):
    call_command("seed_scale", "--scale", str(TINY), *args, stdout=io.StringIO(), **options)


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def digest():
    """What must come out the same every time: who, in which group, when, how."""
    lines = [
        *User.objects.filter(email__endswith=DOMAIN).values_list("email", "full_name"),
        *Enrolment.objects.values_list("group__slug", "person__email", "status"),
        *Attendance.objects.values_list(
            "meeting__group__slug", "meeting__starts_at", "person__email", "status"
        ),
        *Meeting.objects.values_list("uid", "group__slug"),
        *CompetencyRecord.objects.values_list("volunteer__email", "competency__slug", "expires_on"),
        *AftercarePlan.objects.values_list("person__email", "contact__email", "phase"),
        *SavingsEntry.objects.values_list("person__email", "meeting__uid", "amount"),
        *ArticlePage.objects.values_list("slug", "title", "summary"),
    ]
    return hashlib.sha256(repr(sorted(map(repr, lines))).encode()).hexdigest()


def digest_of_a_run(*args):
    """Seed, take the digest and undo it all, as a fresh database again."""
    with transaction.atomic():
        seed(*args)
        value = digest()
        transaction.set_rollback(True)
    return value


def test_every_model_holds_the_sizes_asked_for(debug):
    seed("--plans", "30")
    sizes = Sizes().scaled(TINY)
    assert Organisation.objects.filter(slug__startswith="schaal-").count() == sizes.organisations
    assert User.objects.filter(email__endswith=DOMAIN).count() == sizes.people
    assert GroupPage.objects.live().count() == sizes.groups
    assert Meeting.objects.count() == sizes.meetings
    assert Enrolment.objects.count() == sizes.enrolments
    assert Attendance.objects.count() == sizes.attendance
    assert VolunteerProfile.objects.count() == sizes.volunteers
    assert CompetencyRecord.objects.count() == sizes.competency_records
    assert ArticlePage.objects.live().count() == sizes.articles
    assert AftercarePlan.objects.count() == 30
    assert ContactMoment.objects.count() == sizes.moments
    assert SavingsEntry.objects.count() == sizes.deposits


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(debug):
    first = digest_of_a_run()
    assert digest_of_a_run() == first
    assert digest_of_a_run("--seed", "15") != first


def test_it_refuses_with_debug_off_unless_told_explicitly(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only runs with DEBUG on"):
        seed()
    assert not Organisation.objects.filter(slug__startswith="schaal-").exists()
    seed("--allow-production")
    assert Organisation.objects.filter(slug="schaal-01").exists()


def test_a_second_run_is_refused_and_changes_nothing(debug):
    seed()
    people = User.objects.count()
    with pytest.raises(CommandError, match="already here"):
        seed()
    assert User.objects.count() == people


def test_sizes_that_do_not_fit_are_refused_with_the_reason(debug):
    with pytest.raises(CommandError, match="attendance rows asked for"):
        seed("--attendance", "1000000")
    assert not Organisation.objects.filter(slug__startswith="schaal-").exists()


def test_nothing_is_mailed(debug):
    seed()
    assert not OutboxMessage.objects.exists()


def test_no_group_takes_more_people_than_its_places(debug):
    seed()
    over = GroupPage.objects.annotate(
        taken=Count("enrolments", filter=Q(enrolments__status__in=HOLDING_PLACE))
    ).filter(taken__gt=F("capacity"))
    assert not over.exists()
    # The data has the full groups and waiting lists the pages show at scale.
    assert Enrolment.objects.filter(status=EnrolmentStatus.WAITING).exists()


def test_attendance_and_deposits_belong_to_past_meetings_of_the_persons_group(debug):
    seed()
    attended = Attendance.objects.select_related("meeting")
    assert all(row.meeting.starts_at < row.recorded_at for row in attended)
    outsiders = Attendance.objects.exclude(
        person__enrolments__group=F("meeting__group"),
        person__enrolments__status__in=[EnrolmentStatus.ENROLLED, EnrolmentStatus.CANCELLED],
    )
    assert not outsiders.exists()
    assert not SavingsEntry.objects.exclude(
        person__enrolments__group=F("circle__group"),
        person__enrolments__status=EnrolmentStatus.ENROLLED,
    ).exists()


def test_every_steady_contact_may_be_one(debug):
    seed()
    plans = AftercarePlan.objects.exclude(contact=None).select_related("organisation")
    assert plans.exists()
    for plan in plans:
        assert eligible_contacts(plan.organisation).filter(pk=plan.contact_id).exists()
