"""Writes with side effects: enrolment, waiting list, meetings.

Every function is atomic; the group's row is locked while places are
counted (SELECT ... FOR UPDATE on PostgreSQL; SQLite takes its write lock at
the start of the transaction), so two people never get the same last place.
E-mails are queued and leave only after the commit.
"""

import datetime
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import User
from people.permissions import may_record_deposits, may_see_own_competencies

from . import notifications
from .models import (
    HOLDING_PLACE,
    MAX_DEPOSIT,
    Attendance,
    AttendanceStatus,
    AttentionSignal,
    CalendarToken,
    Enrolment,
    EnrolmentStatus,
    EntryKind,
    GroupKind,
    GroupPage,
    Meeting,
    MeetingStatus,
    SavingsCircle,
    SavingsEntry,
    SavingsGoal,
)
from .signals import attendance_recorded


def _locked_group(group):
    return GroupPage.objects.select_for_update().get(pk=group.pk)


def _places_taken(group):
    return Enrolment.objects.filter(group=group, status__in=HOLDING_PLACE).count()


@transaction.atomic
def enrolment_create(*, group, person, by=None):
    """Enrol `person` in the whole group, or put them on the waiting list
    when it is full. Raises ValidationError with a Dutch message when it
    cannot be done."""
    enrolment = _enrol(group=group, person=person, by=by)
    _notify_enrolment(enrolment)
    return enrolment


def _notify_enrolment(enrolment):
    if enrolment.status == EnrolmentStatus.ENROLLED:
        notifications.enrolment_confirmed(enrolment)
    else:
        notifications.waiting_list_joined(enrolment)


def _enrol(*, group, person, by, window=True):
    group = _locked_group(group)
    if not group.live:
        raise ValidationError(_("This group is not open for sign-up."))
    if window and not group.enrolment_window_open():
        raise ValidationError(_("Signing up for this group is not possible now."))
    if group.kind == GroupKind.TRAINING and not may_see_own_competencies(person):
        raise ValidationError(_("This training is for volunteers only."))
    if Enrolment.objects.active().filter(group=group, person=person).exists():
        raise ValidationError(_("You are already signed up for this group."))

    now = timezone.now()
    has_place = _places_taken(group) < group.capacity
    enrolment = Enrolment(
        group=group,
        person=person,
        status=EnrolmentStatus.ENROLLED if has_place else EnrolmentStatus.WAITING,
        created_at=now,
        enrolled_at=now if has_place else None,
        enrolled_by=by if by and by != person else None,
    )
    enrolment.full_clean()
    enrolment.save()
    return enrolment


@transaction.atomic
def enrolment_cancel(*, enrolment, by=None):
    group = _locked_group(enrolment.group)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status not in (
        EnrolmentStatus.ENROLLED,
        EnrolmentStatus.WAITING,
        EnrolmentStatus.OFFERED,
    ):
        raise ValidationError(_("This sign-up was already cancelled."))
    held_place = enrolment.holds_place
    enrolment.status = EnrolmentStatus.CANCELLED
    enrolment.cancelled_at = timezone.now()
    enrolment.save()
    # Someone who left is no longer "slipping away" from this group.
    AttentionSignal.objects.filter(
        group=group, person=enrolment.person, resolved_at__isnull=True
    ).update(resolved_at=enrolment.cancelled_at)
    if by is not None and by != enrolment.person:
        notifications.enrolment_cancelled(enrolment, by=by)
    if held_place:
        _offer_free_places(group)
    return enrolment


def _offer_free_places(group):
    """Offer each free place to the first person waiting, exactly once."""
    free = group.capacity - _places_taken(group)
    if free <= 0:
        return []
    now = timezone.now()
    offered = []
    for enrolment in Enrolment.objects.waiting_list().filter(group=group)[:free]:
        enrolment.status = EnrolmentStatus.OFFERED
        enrolment.offered_at = now
        enrolment.offer_expires_at = now + timedelta(hours=settings.WAITING_LIST_OFFER_HOURS)
        enrolment.offer_token = Enrolment.new_offer_token()
        enrolment.save()
        notifications.place_offered(enrolment)
        offered.append(enrolment)
    return offered


@transaction.atomic
def offer_accept(*, enrolment):
    _locked_group(enrolment.group)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status != EnrolmentStatus.OFFERED:
        raise ValidationError(_("This offer is no longer valid."))
    if enrolment.offer_expires_at <= timezone.now():
        raise ValidationError(_("This offer has expired. The place went to the next person."))
    enrolment.status = EnrolmentStatus.ENROLLED
    enrolment.enrolled_at = timezone.now()
    enrolment.save()
    notifications.enrolment_confirmed(enrolment)
    return enrolment


def offers_expire():
    """Scheduled: offers not accepted in time pass to the next person."""
    expired = 0
    for enrolment_id, group_id in Enrolment.objects.offers_due().values_list("pk", "group_id"):
        with transaction.atomic():
            group = _locked_group(GroupPage(pk=group_id))
            enrolment = Enrolment.objects.select_for_update().get(pk=enrolment_id)
            if enrolment.status != EnrolmentStatus.OFFERED:
                continue
            enrolment.status = EnrolmentStatus.EXPIRED
            enrolment.save()
            notifications.offer_expired(enrolment)
            _offer_free_places(group)
            expired += 1
    return expired


@transaction.atomic
def enrolment_promote(*, enrolment, by):
    """A coordinator gives a free place to someone on the waiting list,
    whatever their position. Never beyond capacity."""
    group = _locked_group(enrolment.group)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status not in (EnrolmentStatus.WAITING, EnrolmentStatus.OFFERED):
        raise ValidationError(_("Only someone on the waiting list can be given a place."))
    if enrolment.status == EnrolmentStatus.WAITING and _places_taken(group) >= group.capacity:
        raise ValidationError(_("The group is full. Make a place free first, or add places."))
    enrolment.status = EnrolmentStatus.ENROLLED
    enrolment.enrolled_at = timezone.now()
    enrolment.enrolled_by = by
    enrolment.save()
    notifications.enrolment_confirmed(enrolment)
    return enrolment


@transaction.atomic
def assisted_enrolment_create(*, group, full_name, email="", phone="", by):
    """A trainer or coordinator signs up someone, who may have no account.
    With an e-mail address the person is invited to set a password."""
    email = User.objects.normalize_email(email).lower() if email else ""
    if not email and not phone:
        raise ValidationError(_("Fill in a phone number or an e-mail address."))
    person = User.objects.filter(email=email).first() if email else None
    invited = False
    if person is None:
        person = User(
            email=email or User.placeholder_email(),
            full_name=full_name.strip(),
            phone=phone.strip(),
        )
        person.set_unusable_password()
        person.full_clean()
        person.save()
        if email:
            EmailAddress.objects.create(user=person, email=email, primary=True, verified=False)
        invited = bool(email)
    # A trainer may add a walk-in to a running course after sign-up closed.
    enrolment = _enrol(group=group, person=person, by=by, window=False)
    # The invitation first: the confirmation points to "Mijn Waakvlam",
    # which needs the password the invitation lets them choose.
    if invited:
        notifications.account_invitation(person, enrolment)
    _notify_enrolment(enrolment)
    return enrolment


@transaction.atomic
def meeting_create(*, group, starts_at, ends_at, topic="", location=""):
    meeting = Meeting(
        group=group, starts_at=starts_at, ends_at=ends_at, topic=topic, location=location
    )
    meeting.full_clean()
    meeting.save()
    return meeting


FREQUENCIES = {"weekly": 1, "biweekly": 2}


def series_dates(*, first_date, frequency, count=None, until=None, skip=()):
    """Dates of a series on the weekday of `first_date`: every week, every
    two weeks, or monthly on the same weekday (the first Tuesday, ...)."""
    if not count and not until:
        raise ValidationError(_("Give a number of meetings or an end date."))
    if until and until < first_date:
        raise ValidationError(_("The series cannot end before it starts."))
    dates = []
    # Ten years of weekly meetings is more than any group plans.
    for index in range(520):
        if count and len(dates) >= count:
            break
        if frequency == "monthly":
            day = _nth_weekday_of_month(first_date, index)
        else:
            day = first_date + timedelta(weeks=FREQUENCIES[frequency] * index)
        if day is not None and until and day > until:
            break
        if day is not None and day not in skip:
            dates.append(day)
    return dates


def _nth_weekday_of_month(first_date, months_later):
    """The same weekday, in the same week of the month, `months_later` on."""
    month_index = first_date.month - 1 + months_later
    year, month = first_date.year + month_index // 12, month_index % 12 + 1
    nth = (first_date.day - 1) // 7
    first_of_month = datetime.date(year, month, 1)
    offset = (first_date.weekday() - first_of_month.weekday()) % 7
    day = first_of_month + timedelta(days=offset + 7 * nth)
    return day if day.month == month else None


@transaction.atomic
def meeting_series_create(
    *, group, first_date, start_time, end_time, frequency, count=None, until=None, skip=(), topic=""
):
    if end_time <= start_time:
        raise ValidationError(_("A meeting must end after it starts."))
    zone = timezone.get_default_timezone()
    meetings = []
    for day in series_dates(
        first_date=first_date, frequency=frequency, count=count, until=until, skip=set(skip)
    ):
        meetings.append(
            meeting_create(
                group=group,
                starts_at=datetime.datetime.combine(day, start_time, tzinfo=zone),
                ends_at=datetime.datetime.combine(day, end_time, tzinfo=zone),
                topic=topic,
            )
        )
    return meetings


@transaction.atomic
def meeting_move(*, meeting, starts_at, ends_at, location=None, topic=None):
    """Change a meeting's time, place or topic; whoever has a place hears it
    when anything changed."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_cancelled:
        raise ValidationError(_("A cancelled meeting cannot be moved."))
    changed = (
        (meeting.starts_at, meeting.ends_at) != (starts_at, ends_at)
        or (location is not None and location != meeting.location)
        or (topic is not None and topic != meeting.topic)
    )
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    if location is not None:
        meeting.location = location
    if topic is not None:
        meeting.topic = topic
    meeting.full_clean()
    if changed:
        meeting.sequence += 1
        # A reminder for the old date says nothing about the new one.
        meeting.reminders.all().delete()
    meeting.save()
    if changed:
        notifications.meeting_changed(meeting)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting):
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_cancelled:
        return meeting
    meeting.status = MeetingStatus.CANCELLED
    meeting.sequence += 1
    meeting.save()
    notifications.meeting_changed(meeting)
    return meeting


def calendar_token_for(*, user):
    token = CalendarToken.objects.filter(user=user, revoked_at__isnull=True).first()
    if token:
        return token
    try:
        with transaction.atomic():
            return CalendarToken.objects.create(user=user)
    except IntegrityError:
        # Opened twice at once: the other request made the token.
        return CalendarToken.objects.get(user=user, revoked_at__isnull=True)


@transaction.atomic
def calendar_token_renew(*, user):
    """Revoke the calendar link (it was shared by mistake) and make a new one."""
    CalendarToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    return CalendarToken.objects.create(user=user)


@transaction.atomic
def attendance_record(*, meeting, statuses, by):
    """Save attendance for a meeting: `statuses` maps person id to a status.

    One row per person and meeting, however often or by how many trainers
    at once it is saved (an upsert on the unique constraint). Refuses the
    whole save, changing nothing, when a status or person is not valid."""
    if meeting.is_cancelled:
        raise ValidationError(_("This meeting was cancelled."))
    if timezone.localtime(meeting.starts_at).date() > timezone.localdate():
        raise ValidationError(_("Attendance can be registered from the day of the meeting."))
    # Two trainers saving at once: the second waits, so attention signals
    # are raised once.
    _locked_group(meeting.group)
    valid_people = _enrolled_ids(meeting.group)
    rows = []
    now = timezone.now()
    for person_id, status in statuses.items():
        if status not in AttendanceStatus.values:
            raise ValidationError(_("Choose present, late, excused or absent."))
        if person_id not in valid_people:
            raise ValidationError(_("This person is not signed up for this group."))
        rows.append(
            Attendance(
                meeting=meeting, person_id=person_id, status=status, recorded_by=by, recorded_at=now
            )
        )
    Attendance.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["meeting", "person"],
        update_fields=["status", "recorded_by", "recorded_at"],
    )
    signals_update(group=meeting.group)
    transaction.on_commit(
        lambda: attendance_recorded.send(sender=Attendance, meeting=meeting, by=by)
    )
    return rows


def missed_in_a_row(*, group):
    """{person_id: number of most recent registered meetings missed in a row}."""
    meetings = list(
        group.meetings.planned()
        .filter(attendance__isnull=False)
        .distinct()
        .order_by("-starts_at")
        .values_list("pk", flat=True)[:20]
    )
    by_person = {}
    for person_id, meeting_id, status in Attendance.objects.filter(
        meeting_id__in=meetings
    ).values_list("person_id", "meeting_id", "status"):
        by_person.setdefault(person_id, {})[meeting_id] = status
    streaks = {}
    for person_id, statuses in by_person.items():
        streak = 0
        for meeting_id in meetings:
            status = statuses.get(meeting_id)
            if status is None:
                continue  # not registered for this person (joined later)
            if status != AttendanceStatus.ABSENT:
                break
            streak += 1
        streaks[person_id] = streak
    return streaks


def signals_update(*, group):
    """Open an attention signal (and mail the trainers once) for everyone
    enrolled who missed ATTENTION_MISSED_IN_A_ROW meetings in a row; close it
    when they come again. A fixed number of queries, however many people."""
    threshold = settings.ATTENTION_MISSED_IN_A_ROW
    streaks = missed_in_a_row(group=group)
    enrolled = _enrolled_ids(group)
    open_signals = {
        signal.person_id: signal
        for signal in AttentionSignal.objects.filter(group=group, resolved_at__isnull=True)
    }
    raised, changed, resolved = [], [], []
    for person_id, streak in streaks.items():
        signal = open_signals.get(person_id)
        if streak >= threshold and person_id in enrolled:
            if signal is None:
                raised.append(AttentionSignal(group=group, person_id=person_id, missed=streak))
            elif signal.missed != streak:
                signal.missed = streak
                changed.append(signal)
        elif signal is not None and streak < threshold:
            resolved.append(signal.pk)
    if resolved:
        AttentionSignal.objects.filter(pk__in=resolved).update(resolved_at=timezone.now())
    if changed:
        AttentionSignal.objects.bulk_update(changed, ["missed"])
    if raised:
        AttentionSignal.objects.bulk_create(raised)
        # The mails need each person and the trainers: one query each.
        people = User.objects.in_bulk([signal.person_id for signal in raised])
        prefetch_related_objects([group], "trainers")
        for signal in raised:
            signal.person = people[signal.person_id]
            notifications.attention_needed(signal)


def _enrolled_ids(group):
    return set(
        Enrolment.objects.filter(group=group, status=EnrolmentStatus.ENROLLED).values_list(
            "person_id", flat=True
        )
    )


def savings_circle_for(*, group):
    """The ledger of a savings-circle group, created with a nine-month cycle
    from its first meeting. Other kinds of group have no ledger."""
    if group.kind != GroupKind.SAVINGS_CIRCLE:
        raise ValidationError(_("Only a savings circle keeps savings."))
    circle = SavingsCircle.objects.filter(group=group).first()
    if circle is not None:
        return circle
    first = group.meetings.order_by("starts_at").first()
    start = timezone.localtime(first.starts_at).date() if first else timezone.localdate()
    circle = SavingsCircle(group=group, cycle_start=start, cycle_end=start + timedelta(days=273))
    circle.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            circle.save()
    except IntegrityError:
        # Opened twice at once: the other request made the ledger.
        return SavingsCircle.objects.get(group=group)
    return circle


def may_keep_books(user, group):
    """Trainers and coordinators, and the member chosen as bookkeeper while
    they are still signed up."""
    if may_record_deposits(user, group):
        return True
    if not user.is_authenticated:
        return False
    return SavingsCircle.objects.filter(
        group=group,
        bookkeeper=user,
        group__enrolments__person=user,
        group__enrolments__status=EnrolmentStatus.ENROLLED,
    ).exists()


@transaction.atomic
def savings_goal_set(*, circle, person, purpose, target_amount):
    if person.pk not in _enrolled_ids(circle.group):
        raise ValidationError(_("This person is not signed up for this group."))
    goal = SavingsGoal.objects.filter(circle=circle, person=person).first() or SavingsGoal(
        circle=circle, person=person
    )
    goal.purpose, goal.target_amount = purpose, target_amount
    goal.full_clean()
    goal.save()
    return goal


def deposits_refusal(meeting):
    """Why deposits cannot be recorded for `meeting`, or None when they can:
    not for a cancelled meeting, nor before the day of the meeting."""
    if meeting.is_cancelled:
        return _("This meeting was cancelled.")
    if timezone.localtime(meeting.starts_at).date() > timezone.localdate():
        return _("Deposits can be recorded from the day of the meeting.")
    return None


def last_entry_id(*, circle, meeting):
    """The newest entry of this meeting, so a form can tell whether someone
    else saved in the meantime."""
    last = (
        SavingsEntry.objects.filter(circle=circle, meeting=meeting)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )
    return last or 0


@transaction.atomic
def deposits_record(*, circle, meeting, amounts, by, seen_up_to=None):
    """Record each member's deposit at a meeting: `amounts` maps person id to
    a Decimal (0 or empty means no deposit). All or nothing.

    `seen_up_to` is the newest entry the person saw when they opened the
    form; when there are newer ones (a second tab, a double submit, two
    bookkeepers at once), nothing is saved, so nothing is counted twice."""
    # Lock the ledger: deposits of one circle are saved one after the other.
    circle = SavingsCircle.objects.select_for_update().get(pk=circle.pk)
    if meeting.group_id != circle.group_id:
        raise ValidationError(_("This meeting belongs to another group."))
    refusal = deposits_refusal(meeting)
    if refusal:
        raise ValidationError(refusal)
    if seen_up_to is not None and last_entry_id(circle=circle, meeting=meeting) > seen_up_to:
        raise ValidationError(
            _("Someone saved deposits for this meeting in the meantime. Check the amounts.")
        )
    members = _enrolled_ids(circle.group_id)
    entries = []
    now = timezone.now()
    for person_id, amount in amounts.items():
        if person_id not in members:
            raise ValidationError(_("This person is not signed up for this group."))
        if amount is None or amount == 0:
            continue
        if amount < 0:
            raise ValidationError(_("An amount cannot be negative."))
        if amount > MAX_DEPOSIT:
            raise ValidationError(_("An amount can be at most € %(max)s.") % {"max": MAX_DEPOSIT})
        entry = SavingsEntry(
            circle=circle,
            person_id=person_id,
            meeting=meeting,
            kind=EntryKind.DEPOSIT,
            amount=amount,
            recorded_by=by,
            recorded_at=now,
        )
        # Only the amount and kind: validating the relations and constraints
        # would cost queries per member, and they were checked above (and
        # the database enforces the constraints).
        entry.clean_fields(exclude=["circle", "person", "meeting", "corrects", "recorded_by"])
        entries.append(entry)
    if circle.fines_enabled and circle.fine_amount > 0:
        already_fined = set(
            SavingsEntry.objects.filter(
                circle=circle, meeting=meeting, kind=EntryKind.FINE
            ).values_list("person_id", flat=True)
        )
        deposited = {entry.person_id for entry in entries} | set(
            SavingsEntry.objects.filter(
                circle=circle, meeting=meeting, kind=EntryKind.DEPOSIT
            ).values_list("person_id", flat=True)
        )
        for person_id in sorted(set(amounts) - deposited - already_fined):
            entries.append(
                SavingsEntry(
                    circle=circle,
                    person_id=person_id,
                    meeting=meeting,
                    kind=EntryKind.FINE,
                    amount=circle.fine_amount,
                    recorded_by=by,
                    recorded_at=now,
                )
            )
    return SavingsEntry.objects.bulk_create(entries)


@transaction.atomic
def entry_correct(*, entry, by, note=""):
    """Cancel a wrong entry with a correction of the same amount; the right
    amount is then recorded as a new deposit."""
    entry = SavingsEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.kind == EntryKind.CORRECTION:
        raise ValidationError(_("A correction cannot be corrected; record the amount again."))
    if SavingsEntry.objects.filter(corrects=entry).exists():
        raise ValidationError(_("This entry was already corrected."))
    correction = SavingsEntry(
        circle=entry.circle,
        person=entry.person,
        meeting=entry.meeting,
        kind=EntryKind.CORRECTION,
        amount=entry.amount,
        corrects=entry,
        note=note,
        recorded_by=by,
    )
    correction.full_clean()
    try:
        with transaction.atomic():
            correction.save()
    except IntegrityError:
        # Corrected by someone else at the same moment (SQLite takes no row
        # lock): the unique `corrects` lets only one through.
        raise ValidationError(_("This entry was already corrected.")) from None
    return correction
