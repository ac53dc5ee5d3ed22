"""The Dutch public holidays of a year, and adding them without doubles."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from groups.models import Closure, ClosureKind
from groups.offer.closures.holidays import dutch_public_holidays, kings_day
from groups.offer.closures.services import closure_add_public_holidays
from tests.factories import OrganisationFactory

D = datetime.date


@pytest.mark.parametrize(
    ("year", "good_friday", "easter", "ascension", "whit_monday"),
    [
        (2025, D(2025, 4, 18), D(2025, 4, 20), D(2025, 5, 29), D(2025, 6, 9)),
        (2026, D(2026, 4, 3), D(2026, 4, 5), D(2026, 5, 14), D(2026, 5, 25)),
        (2027, D(2027, 3, 26), D(2027, 3, 28), D(2027, 5, 6), D(2027, 5, 17)),
        (2028, D(2028, 4, 14), D(2028, 4, 16), D(2028, 5, 25), D(2028, 6, 5)),
    ],
)
def test_the_moving_holidays_follow_easter(year, good_friday, easter, ascension, whit_monday):
    days = [day for _name, day in dutch_public_holidays(year)]
    assert len(days) == 11 == len(set(days))
    for day in (good_friday, easter, easter + datetime.timedelta(days=1), ascension, whit_monday):
        assert day in days
    for fixed in (D(year, 1, 1), D(year, 5, 5), D(year, 12, 25), D(year, 12, 26)):
        assert fixed in days
    assert days == sorted(days)


@pytest.mark.parametrize(
    ("year", "day"),
    [
        (2025, D(2025, 4, 26)),
        (2026, D(2026, 4, 27)),
        (2031, D(2031, 4, 26)),
        (2027, D(2027, 4, 27)),
    ],
)
def test_kings_day_is_the_26th_when_the_27th_is_a_sunday(year, day):
    assert kings_day(year) == day
    assert day in [holiday for _name, holiday in dutch_public_holidays(year)]


@pytest.mark.django_db
def test_adding_a_years_holidays_twice_makes_no_doubles():
    organisation = OrganisationFactory()
    first = closure_add_public_holidays(organisation=organisation, year=2026)
    again = closure_add_public_holidays(organisation=organisation, year=2026)
    assert len(first) == 11 and again == []
    closures = Closure.objects.filter(organisation=organisation)
    assert closures.count() == 11
    assert {c.kind for c in closures} == {ClosureKind.PUBLIC_HOLIDAY}
    assert closures.get(first_day=D(2026, 4, 27)).name == "Koningsdag"
    assert closures.get(first_day=D(2026, 5, 14)).name == "Hemelvaartsdag"


@pytest.mark.django_db
def test_a_holiday_typed_by_hand_on_the_same_day_is_kept_and_not_doubled():
    organisation = OrganisationFactory()
    Closure.objects.create(
        organisation=organisation,
        name="Kerst",
        first_day=D(2027, 12, 25),
        last_day=D(2027, 12, 25),
        kind=ClosureKind.PUBLIC_HOLIDAY,
    )
    added = closure_add_public_holidays(organisation=organisation, year=2027)
    assert len(added) == 10
    assert Closure.objects.filter(organisation=organisation, first_day=D(2027, 12, 25)).count() == 1


@pytest.mark.django_db
def test_holidays_of_one_organisation_do_not_stop_anothers():
    one, other = OrganisationFactory(), OrganisationFactory()
    closure_add_public_holidays(organisation=one, year=2026)
    assert len(closure_add_public_holidays(organisation=other, year=2026)) == 11


@pytest.mark.django_db
def test_the_database_refuses_a_second_public_holiday_on_one_day():
    organisation = OrganisationFactory()
    closure_add_public_holidays(organisation=organisation, year=2026)
    with pytest.raises(IntegrityError):
        Closure.objects.create(
            organisation=organisation,
            name="Nog eens",
            first_day=D(2026, 1, 1),
            last_day=D(2026, 1, 1),
            kind=ClosureKind.PUBLIC_HOLIDAY,
        )


@pytest.mark.django_db
def test_a_closure_cannot_end_before_it_starts():
    closure = Closure(
        organisation=OrganisationFactory(),
        name="Verkeerd",
        first_day=D(2026, 7, 10),
        last_day=D(2026, 7, 1),
    )
    with pytest.raises(ValidationError) as error:
        closure.full_clean()
    assert "last_day" in error.value.error_dict
    with pytest.raises(IntegrityError):
        closure.save()


@pytest.mark.django_db
def test_a_year_far_away_is_refused_with_a_dutch_message():
    with pytest.raises(ValidationError, match="Kies een jaar"):
        closure_add_public_holidays(organisation=OrganisationFactory(), year=1800)
