"""What happened after an attention signal (groups.attendance.outcomes):
the group's trainers and the organisation's coordinators write it down, on
Mijn Waakvlam or its own page; the signal closes, except after "niet
bereikt", which records the attempt and keeps it open."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from groups.attendance import services
from groups.attendance.outcomes import signal_outcome_record
from groups.attendance.privacy import erase_attention_notes, export_attention_signals
from groups.models import AttentionSignal, SignalOutcome
from groups.offer import services as offer_services
from people.models import Role
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.groups.factories import EnrolmentFactory, GroupPageFactory
from tests.helpers import nl

from .test_attendance import coordinator_of, meeting_on, trainer_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer():
    return trainer_of(user__full_name="Henk de Vries")


@pytest.fixture
def group(trainer):
    return GroupPageFactory(organisation=trainer.memberships.get().organisation, trainers=[trainer])


@pytest.fixture
def piet(group):
    return EnrolmentFactory(group=group, person=UserFactory(full_name="Piet Paulusma")).person


@pytest.fixture
def signal(group, piet):
    return AttentionSignal.objects.create(group=group, person=piet, missed=2)


def outcome_url(signal):
    return reverse("groups:signal_outcome", args=[signal.pk])


def fields(signal, outcome, note=""):
    prefix = f"signal-{signal.pk}"
    return {f"{prefix}-outcome": outcome, f"{prefix}-note": note}


def test_a_trainer_writes_down_an_outcome_on_my_waakvlam_and_the_signal_closes(
    client, trainer, signal
):
    client.force_login(trainer)
    html = client.get(reverse("people:my")).content.decode()
    assert f'action="{outcome_url(signal)}"' in html
    assert f'name="signal-{signal.pk}-outcome" value="fine"' in html

    response = client.post(outcome_url(signal), fields(signal, "concerns", "  Afspraak dinsdag "))
    assert response.status_code == 302
    signal.refresh_from_db()
    assert (signal.outcome, signal.note, signal.closed_by) == (
        "concerns",
        "Afspraak dinsdag",
        trainer,
    )
    assert signal.closed_at is not None
    page = client.get(response.url).content.decode()
    assert "Written down for Piet Paulusma: concerns – appointment made." in page
    assert f'action="{outcome_url(signal)}"' not in page
    # A closed signal has nothing left to write down.
    assert client.get(outcome_url(signal)).status_code == 404


def test_not_reached_records_the_attempt_and_keeps_the_signal_open(client, trainer, signal):
    client.force_login(trainer)
    response = client.post(outcome_url(signal), fields(signal, "not_reached", "Voicemail"))
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.is_open and signal.outcome == ""
    assert (signal.unreached_by, signal.note) == (trainer, "Voicemail")
    html = client.get(reverse("people:my")).content.decode()
    assert "Not reached on" in html and "(Henk)" in html
    assert f'action="{outcome_url(signal)}"' in html  # someone tries again


def test_the_organisations_coordinator_may_write_it_down_too(signal):
    coordinator = coordinator_of(signal.group.organisation)
    saved = signal_outcome_record(signal=signal, outcome="stopped", note="", by=coordinator)
    assert (saved.outcome, saved.closed_by) == (SignalOutcome.STOPPED, coordinator)


@pytest.mark.parametrize("who", ["participant", "other_trainer", "other_coordinator", "volunteer"])
def test_nobody_else_may_write_it_down(client, signal, who):
    organisation = signal.group.organisation
    user = {
        "participant": lambda: signal.person,
        "other_trainer": lambda: trainer_of(organisation),
        "other_coordinator": lambda: coordinator_of(OrganisationFactory()),
        "volunteer": lambda: MembershipFactory(organisation=organisation, role=Role.VOLUNTEER).user,
    }[who]()
    client.force_login(user)
    assert client.get(outcome_url(signal)).status_code == 404
    assert client.post(outcome_url(signal), fields(signal, "fine")).status_code == 404
    with pytest.raises(PermissionDenied):
        signal_outcome_record(signal=signal, outcome="fine", note="", by=user)
    signal.refresh_from_db()
    assert signal.is_open and not signal.note


def test_bad_input_keeps_the_typed_note_with_a_dutch_message(client, group, signal):
    dutch = MembershipFactory(
        organisation=group.organisation, role=Role.TRAINER, user__preferred_language="nl"
    ).user
    group.trainers.add(dutch)
    group.save()
    client.force_login(dutch)
    response = client.post(outcome_url(signal), fields(signal, "", "Voicemail ingesproken"))
    html = response.content.decode()
    assert response.status_code == 200
    assert nl("Choose what happened.") in html and "Voicemail ingesproken" in html

    too_long = "x" * 501
    html = client.post(outcome_url(signal), fields(signal, "fine", too_long)).content.decode()
    assert too_long in html and "500" in html
    for outcome in ("returned", "left", "weg"):
        response = client.post(outcome_url(signal), fields(signal, outcome, "Mijn notitie"))
        assert response.status_code == 200 and "Mijn notitie" in response.content.decode()
    signal.refresh_from_db()
    assert signal.is_open and signal.note == ""


def test_the_service_refuses_an_unknown_outcome_and_a_closed_signal(trainer, signal):
    with pytest.raises(ValidationError):
        signal_outcome_record(signal=signal, outcome="returned", note="", by=trainer)
    with pytest.raises(ValidationError):
        signal_outcome_record(signal=signal, outcome="fine", note="x" * 501, by=trainer)
    signal_outcome_record(signal=signal, outcome="fine", note="", by=trainer)
    with pytest.raises(ValidationError) as refused:
        signal_outcome_record(signal=signal, outcome="stopped", note="", by=trainer)
    assert refused.value.messages == [nl("Someone already closed this signal.")]
    signal.refresh_from_db()
    assert signal.outcome == "fine"


def test_after_an_outcome_the_same_streak_raises_no_new_signal(settings, trainer, group, piet):
    settings.ATTENTION_MISSED_IN_A_ROW = 2

    def absent(days):
        services.attendance_record(
            meeting=meeting_on(group, days), statuses={piet.pk: "absent"}, by=trainer
        )

    absent(-21)
    absent(-14)
    signal = AttentionSignal.objects.open().get()
    signal_outcome_record(signal=signal, outcome="fine", note="", by=trainer)
    # The call was made between the second and the third meeting.
    AttentionSignal.objects.filter(pk=signal.pk).update(
        closed_at=timezone.now() - timedelta(days=10)
    )
    absent(-7)
    assert not AttentionSignal.objects.open().exists()
    # Counting starts again after the outcome: two more, a new signal.
    absent(0)
    assert AttentionSignal.objects.open().get().missed == 2


def test_coming_again_and_signing_off_close_with_their_own_outcome(
    settings, django_capture_on_commit_callbacks, trainer, group, piet
):
    settings.ATTENTION_MISSED_IN_A_ROW = 2
    for days in (-14, -7):
        services.attendance_record(
            meeting=meeting_on(group, days), statuses={piet.pk: "absent"}, by=trainer
        )
    services.attendance_record(
        meeting=meeting_on(group, 0), statuses={piet.pk: "present"}, by=trainer
    )
    assert AttentionSignal.objects.get().outcome == SignalOutcome.RETURNED

    signal = AttentionSignal.objects.create(group=group, person=piet, missed=2)
    enrolment = piet.enrolments.get(group=group)
    with django_capture_on_commit_callbacks(execute=True):
        offer_services.enrolment_cancel(enrolment=enrolment, by=piet)
    signal.refresh_from_db()
    assert signal.outcome == SignalOutcome.LEFT and signal.closed_at is not None


def test_the_note_is_in_the_data_download_and_erased_with_the_person(trainer, signal):
    signal_outcome_record(
        signal=signal, outcome="concerns", note="Schulden bij de huur", by=trainer
    )
    (row,) = export_attention_signals(signal.person)["attention_signals"]
    assert (row["outcome"], row["note"]) == ("concerns", "Schulden bij de huur")
    erase_attention_notes(signal.person)
    signal.refresh_from_db()
    assert signal.note == "" and signal.outcome == "concerns"
