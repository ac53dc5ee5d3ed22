import datetime

import factory
from django.utils import timezone
from django.utils.text import slugify

from groups.models import (
    Enrolment,
    EnrolmentStatus,
    GroupIndexPage,
    GroupKind,
    GroupPage,
    Meeting,
)
from groups.offer.structure import organisation_offer_page_ensure
from tests.factories import OrganisationFactory, UserFactory
from website.models import HomePage


def group_index():
    """The one offer page ("Aanbod") under the home page; pages need a
    parent in Wagtail's tree, so groups are made in their organisation's
    part of it."""
    index = GroupIndexPage.objects.filter(slug="aanbod").first()
    if index is None:
        home = HomePage.objects.get()
        index = home.add_child(instance=GroupIndexPage(title="Aanbod", slug="aanbod"))
    return index


class GroupPageFactory(factory.django.DjangoModelFactory):
    """`GroupPageFactory(capacity=2, trainers=[user])`: a live group page."""

    class Meta:
        model = GroupPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Budgetcursus {n}")
    slug = factory.LazyAttribute(lambda group: slugify(group.title))
    organisation = factory.SubFactory(OrganisationFactory)
    kind = GroupKind.BUDGET_COURSE
    intro = "Samen leren rondkomen met uw geld."
    address = "Kerkstraat 1"
    postcode = "3511 AB"
    place = "Utrecht"
    capacity = 12

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        part = organisation_offer_page_ensure(
            organisation=kwargs["organisation"], offer=group_index()
        )
        return part.add_child(instance=model_class(*args, **kwargs))

    @factory.post_generation
    def trainers(group, create, extracted, **kwargs):
        if create and extracted:
            # A ParentalManyToManyField is written when the page is saved.
            group.trainers.set(extracted)
            group.save()

    @factory.post_generation
    def co_trainers(group, create, extracted, **kwargs):
        if create and extracted:
            group.co_trainers.set(extracted)
            group.save()


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    group = factory.SubFactory(GroupPageFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda meeting: meeting.starts_at + datetime.timedelta(hours=2))


class EnrolmentFactory(factory.django.DjangoModelFactory):
    """An enrolment as a row; use groups.services to test the rules."""

    class Meta:
        model = Enrolment

    group = factory.SubFactory(GroupPageFactory)
    person = factory.SubFactory(UserFactory)
    status = EnrolmentStatus.ENROLLED
    created_at = factory.LazyFunction(timezone.now)
    enrolled_at = factory.LazyAttribute(
        lambda enrolment: (
            enrolment.created_at if enrolment.status == EnrolmentStatus.ENROLLED else None
        )
    )
