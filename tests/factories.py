import datetime

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone
from faker import Faker

from people.models import Membership, Organisation, Role, RoleInvitation, User

PASSWORD = "een-goed-wachtwoord-42"

_faker = Faker("nl_NL")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    # Dutch names, without the apostrophe of "van 't Hof": HTML escapes it,
    # and a test that looks for the name in a page would fail now and then.
    full_name = factory.LazyFunction(lambda: _faker.name().replace("'", ""))
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        obj.save()
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Stichting Voorbeeld {n}")
    slug = factory.Sequence(lambda n: f"voorbeeld-{n}")
    region = "Utrecht"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.VOLUNTEER


class RoleInvitationFactory(factory.django.DjangoModelFactory):
    """An open invitation with its token's hash, as the service stores it
    (no mail is sent: use people.invitations.services for that)."""

    class Meta:
        model = RoleInvitation
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.TRAINER
    email = factory.Sequence(lambda n: f"uitgenodigd{n}@example.org")
    name_typed = "Henk"
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))

    @factory.post_generation
    def hashed(obj, create, extracted, **kwargs):
        if create:
            obj.token_hash = RoleInvitation.hash_token(obj.token())
            obj.save(update_fields=["token_hash"])
