"""The VOG as a process: requested on, received on, valid until, the free
VOG scheme. A VOG requested and not in yet shows as such to the volunteer,
in the coordinator's overview and on the volunteer's page, and is flagged
when it has been waiting more than VOG_REQUEST_OVERDUE_WEEKS."""

import datetime
import re

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.helpers import nl
from tests.volunteers.factories import VolunteerProfileFactory
from volunteers.models import VolunteerProfile, VolunteerRole
from volunteers.qualification import State, missing_for_role, vog_state

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


def profile(**vog):
    return VolunteerProfile(**vog)


@pytest.mark.parametrize(
    "vog, state",
    [
        ({}, State.MISSING),
        ({"vog_requested_on": days(-3)}, State.REQUESTED),
        ({"vog_received_on": days(-100), "vog_valid_until": days(900)}, State.VALID),
        ({"vog_received_on": days(-900), "vog_valid_until": days(20)}, State.EXPIRING),
        ({"vog_received_on": days(-1200), "vog_valid_until": days(-5)}, State.EXPIRED),
        # A renewal requested while the old VOG still counts: the old one decides.
        (
            {
                "vog_received_on": days(-900),
                "vog_valid_until": days(20),
                "vog_requested_on": days(-2),
            },
            State.EXPIRING,
        ),
        # The old one expired meanwhile: the request is what there is.
        (
            {
                "vog_received_on": days(-1200),
                "vog_valid_until": days(-5),
                "vog_requested_on": days(-30),
            },
            State.REQUESTED,
        ),
        # Requested before the one that came in: nothing waiting.
        (
            {
                "vog_requested_on": days(-130),
                "vog_received_on": days(-100),
                "vog_valid_until": days(900),
            },
            State.VALID,
        ),
    ],
)
def test_the_state_of_a_vog(vog, state):
    assert vog_state(profile(**vog), TODAY) == state


def test_a_request_is_overdue_after_the_weeks_of_the_setting(settings):
    settings.VOG_REQUEST_OVERDUE_WEEKS = 8
    assert not profile(vog_requested_on=days(-55)).vog_request_overdue(TODAY)
    assert profile(vog_requested_on=days(-56)).vog_request_overdue(TODAY)
    received = profile(vog_requested_on=days(-90), vog_received_on=days(-30))
    assert not received.vog_request_overdue(TODAY)


def test_valid_until_follows_from_the_date_received_unless_given(settings):
    settings.VOG_VALID_MONTHS = 36
    counted = VolunteerProfileFactory(vog_received_on=days(-10))
    assert counted.vog_valid_until == days(-10) + relativedelta(months=36)
    given = VolunteerProfileFactory(vog_received_on=days(-10), vog_valid_until=days(300))
    assert given.vog_valid_until == days(300)


@pytest.mark.parametrize(
    "vog, field",
    [
        ({"vog_requested_on": days(2)}, "vog_requested_on"),
        ({"vog_received_on": days(1)}, "vog_received_on"),
        ({"vog_valid_until": days(100)}, "vog_received_on"),
        ({"vog_received_on": days(-10), "vog_valid_until": days(-20)}, "vog_valid_until"),
    ],
)
def test_impossible_vog_dates_are_refused_with_a_message(vog, field):
    with pytest.raises(ValidationError) as error:
        VolunteerProfileFactory.build(**vog).clean()
    assert field in error.value.message_dict


def test_a_role_that_needs_a_vog_says_it_is_requested():
    requested = VolunteerProfileFactory(vog_requested_on=days(-3))
    role = VolunteerRole.objects.get(slug="nazorgvrijwilliger")
    assert nl("the VOG has been requested and is not in yet") in missing_for_role(
        requested.user, role, today=TODAY
    )


def test_mijn_waakvlam_says_the_vog_is_requested_and_not_in(client):
    requested = VolunteerProfileFactory(vog_requested_on=days(-3), vog_free=True)
    client.force_login(requested.user)
    html = client.get(reverse("people:my")).content.decode()
    section = re.search(r'<section aria-labelledby="competencies-heading".*?</section>', html, re.S)
    date = f"{days(-3).day} {nl_month(days(-3))} {days(-3).year}"
    assert f"VOG aangevraagd op {date}, nog niet binnen" in section.group(0)


def nl_month(day):
    return [
        "januari", "februari", "maart", "april", "mei", "juni", "juli",
        "augustus", "september", "oktober", "november", "december",
    ][day.month - 1]  # fmt: skip


def test_the_overview_and_the_volunteers_page_show_a_request_and_flag_an_old_one(
    client, organisations, settings
):
    settings.VOG_REQUEST_OVERDUE_WEEKS = 8
    own = organisations["own"]
    client.force_login(organisations["coordinator"])
    recent = VolunteerProfileFactory(
        organisation=own, user__full_name="Esra Kaya", vog_requested_on=days(-10)
    )
    old = VolunteerProfileFactory(
        organisation=own, user__full_name="Frank Peters", vog_requested_on=days(-70)
    )

    rows = {
        row.profile.user.full_name: row
        for row in client.get(reverse("qualification:index")).context["object_list"]
    }

    requested = nl("VOG requested on %(date)s, not in yet")
    assert rows["Esra Kaya"].vog.text == requested % {"date": f"{days(-10):%d-%m-%Y}"}
    assert rows["Esra Kaya"].vog.state == State.REQUESTED
    assert rows["Frank Peters"].vog.text.startswith(requested % {"date": f"{days(-70):%d-%m-%Y}"})
    assert nl("more than %(weeks)s weeks ago") % {"weeks": 8} in rows["Frank Peters"].vog.text
    page = client.get(reverse("volunteer_profiles:inspect", args=[old.pk])).content.decode()
    assert "meer dan 8 weken geleden" in page
    page = client.get(reverse("volunteer_profiles:inspect", args=[recent.pk])).content.decode()
    assert "nog niet binnen" in page and "weken geleden" not in page


def test_a_new_vog_received_in_the_form_is_valid_from_its_own_date(client, organisations):
    own = organisations["own"]
    client.force_login(organisations["coordinator"])
    volunteer = VolunteerProfileFactory(
        organisation=own, vog_date=days(-1000), vog_requested_on=days(-20)
    )
    data = {
        "status": "active",
        "start_date": "",
        "vog_requested_on": f"{days(-20):%Y-%m-%d}",
        "vog_free": "on",
        "vog_received_on": f"{days(-2):%Y-%m-%d}",
        "vog_valid_until": f"{volunteer.vog_valid_until:%Y-%m-%d}",
        "notes": "",
    }
    response = client.post(reverse("volunteer_profiles:edit", args=[volunteer.pk]), data)

    assert response.status_code == 302, response.context["form"].errors
    volunteer.refresh_from_db()
    assert volunteer.vog_free and not volunteer.vog_pending
    assert volunteer.vog_valid_until == days(-2) + relativedelta(months=36)


def test_the_free_vog_scheme_is_explained_in_the_form(client, organisations):
    client.force_login(organisations["coordinator"])
    volunteer = VolunteerProfileFactory(organisation=organisations["own"])
    page = client.get(reverse("volunteer_profiles:edit", args=[volunteer.pk])).content.decode()
    assert "Aangevraagd via de regeling Gratis VOG" in page
