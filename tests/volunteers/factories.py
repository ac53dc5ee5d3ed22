"""Volunteers, their records and trainings, made as the app makes them:
a profile's person has a role in its organisation, records go through
volunteers.services. Competencies and roles are named by their slug (the
framework every installation starts with, see volunteers.framework)."""

import datetime

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from groups.models import GroupKind
from people.models import Role
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.groups.factories import GroupPageFactory
from volunteers import services
from volunteers.models import (
    Competency,
    CompetencyRecord,
    RecordSource,
    TrainingCompetency,
    VolunteerProfile,
    VolunteerRole,
    VolunteerStatus,
)

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00"
    b"\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def competency(slug_or_competency):
    if isinstance(slug_or_competency, Competency):
        return slug_or_competency
    return Competency.objects.get(slug=slug_or_competency)


def certificate(name="bewijs.pdf", content=PDF, **kwargs):
    """An uploaded certificate (a PDF unless `content` says otherwise)."""
    return SimpleUploadedFile(name, content, **kwargs)


class VolunteerProfileFactory(factory.django.DjangoModelFactory):
    """`VolunteerProfileFactory(organisation=own, user__full_name="Anna",
    roles_wanted=["nazorgvrijwilliger"], vog_date=...)`: an active volunteer
    whose person has the role `role` (volunteer unless given; None: no
    role) in the organisation."""

    class Meta:
        model = VolunteerProfile
        skip_postgeneration_save = True

    class Params:
        # The date on the VOG: it came in then and is valid VOG_VALID_MONTHS.
        vog_date = None

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    status = VolunteerStatus.ACTIVE
    vog_received_on = factory.SelfAttribute("vog_date")

    @classmethod
    def _create(cls, model_class, *args, role=Role.VOLUNTEER, **kwargs):
        # The role comes first, as in the admin: a profile needs it.
        if role is not None:
            MembershipFactory(user=kwargs["user"], organisation=kwargs["organisation"], role=role)
        return super()._create(model_class, *args, **kwargs)

    @factory.post_generation
    def roles_wanted(profile, create, extracted, **kwargs):
        if create and extracted:
            slugs = [role for role in extracted if isinstance(role, str)]
            roles = [role for role in extracted if isinstance(role, VolunteerRole)]
            profile.roles_wanted.set([*roles, *VolunteerRole.objects.filter(slug__in=slugs)])


class CompetencyRecordFactory(factory.django.DjangoModelFactory):
    """`CompetencyRecordFactory(volunteer=user, competency="privacy-avg")`:
    recorded through volunteers.services, so without `expires_on` the
    competency's validity decides. Other service arguments (`by`,
    `training`) pass through."""

    class Meta:
        model = CompetencyRecord

    volunteer = factory.SubFactory(UserFactory)
    competency = "gespreksvoering"
    achieved_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    expires_on = None
    evidence = None
    source = factory.LazyAttribute(
        lambda record: RecordSource.CERTIFICATE if record.evidence else RecordSource.OBSERVATION
    )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        kwargs["competency"] = competency(kwargs["competency"])
        return services.competency_record(**kwargs)


class TrainingFactory(GroupPageFactory):
    """A live training page; `awards=["gespreksvoering"]` are the
    competencies its completion records."""

    kind = GroupKind.TRAINING

    @factory.post_generation
    def awards(training, create, extracted, **kwargs):
        if create and extracted:
            for awarded in extracted:
                TrainingCompetency.objects.create(training=training, competency=competency(awarded))
