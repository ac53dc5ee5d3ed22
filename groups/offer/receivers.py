"""The offer follows the organisations: a new organisation gets its part of
the offer, and a group page moved into another part belongs to that
organisation from then on."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import post_page_move

from people.models import Organisation

from .pages import GroupIndexPage, GroupPage
from .structure import organisation_offer_page_ensure


@receiver(post_save, sender=Organisation)
def give_organisation_its_offer_page(sender, instance, created, raw=False, **kwargs):
    offer = GroupIndexPage.objects.first()
    if created and not raw and offer is not None:
        organisation_offer_page_ensure(organisation=instance, offer=offer)


@receiver(post_page_move)
def follow_the_tree(sender, instance, **kwargs):
    group = instance.specific
    if isinstance(group, GroupPage):
        GroupPage.objects.filter(pk=group.pk).update(
            organisation_id=group.organisation_in_tree() or group.organisation_id
        )
