"""Mijn Waakvlam → "Mijn nazorgcontacten": the steady contact's moments,
overdue, this week and the next few later, with the way each person chose."""

import pytest

from aftercare.models import NO_CONTACT, Rhythm
from aftercare.moments.services import moment_add
from aftercare.plans.services import plan_pause
from tests.aftercare.factories import plan_for

from .helpers import contact_with_plans, in_days

pytestmark = pytest.mark.django_db

MY = "/mijn/"
# However many plans the contact keeps: the section reads them in two
# queries; one more for the person's own plans ("Mijn nazorg").
MY_QUERIES = 27


def section_of(response):
    (section,) = [
        s for s in response.context["sections"] if s.template.startswith("aftercare/contacts/")
    ]
    return section.context["overview"]


def test_overdue_this_week_and_later_with_a_call_link(client):
    contact, (plan,) = contact_with_plans()
    client.force_login(contact)

    response = client.get(MY)

    overview = section_of(response)
    assert [m.due_on for m in overview.overdue] == [in_days(-3)]
    assert [m.due_on for m in overview.this_week] == [in_days(2)]
    # Of the rhythm's moments (3, 6 and 12 months) only the next one.
    assert len(overview.later) == 1
    html = response.content.decode()
    assert "Te laat" in html and "Deze week" in html and "Later" in html
    assert 'href="tel:0612345670"' in html
    assert "Anna Jansen 0" in html
    assert f"/nazorg/moment/{overview.overdue[0].pk}/" in html


def test_whatsapp_gets_a_wa_me_link_with_the_international_number(client):
    contact, (plan,) = contact_with_plans(preferred_way="whatsapp")
    client.force_login(contact)

    html = client.get(MY).content.decode()

    assert 'href="https://wa.me/31612345670"' in html
    assert "tel:" not in html


def test_paused_and_rather_no_contact_are_listed_without_moments(client):
    contact, (paused,) = contact_with_plans()
    plan_pause(plan=paused, by=contact)
    quiet = plan_for(organisation=paused.organisation, contact=contact, preferred_way=NO_CONTACT)
    client.force_login(contact)

    response = client.get(MY)

    overview = section_of(response)
    assert overview.overdue == overview.this_week == overview.later == []
    assert {plan.pk for plan in overview.quiet} == {paused.pk, quiet.pk}
    html = response.content.decode()
    assert "gepauzeerd sinds" in html and "liever geen contact" in html


def test_later_shows_only_the_next_few(client):
    contact, plans = contact_with_plans(8, rhythm=Rhythm.TWO_MONTHLY)
    for plan in plans:
        moment_add(plan=plan, due_on=in_days(20), by=contact)
    client.force_login(contact)

    overview = section_of(client.get(MY))

    assert len(overview.later) == 5
    assert len({m.plan_id for m in overview.later}) == 5


def test_someone_who_is_nobodys_contact_sees_no_section(client):
    contact, (plan,) = contact_with_plans()
    client.force_login(plan.person)

    response = client.get(MY)

    assert not [s for s in response.context["sections"] if "aftercare/contacts" in s.template]
    assert "Mijn nazorgcontacten" not in response.content.decode()


@pytest.mark.parametrize("count", [3, 30])
def test_the_section_needs_as_many_queries_for_30_plans_as_for_3(
    client, assert_page_queries, count
):
    contact, _plans = contact_with_plans(count)
    client.force_login(contact)

    response = assert_page_queries(MY, MY_QUERIES)

    assert len(section_of(response).overdue) == count
