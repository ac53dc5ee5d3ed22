"""Services of the social map, as the help card tests need them."""

from knowledge.models import Service


def service(name="Formulierenhulp Wijkcentrum", **fields):
    values = {
        "helps_with": "Hulp bij brieven en formulieren",
        "place": "Utrecht",
        "address": "Kanaalweg 12",
        "opening_hours": "Dinsdag 9.00–12.00 inloop",
        "phone": "030 123 45 67",
        "organisation_type": "welzijn",
        "needs": ["geld"],
    } | fields
    return Service.objects.create(name=name, **values)
