"""First content of a new installation: the home page and the two statements
that every Waakvlam site must publish. Editors change them in the admin."""

import datetime

from django.conf import settings
from wagtail.rich_text import RichText


def _p(*paragraphs):
    return ("paragraph", RichText("".join(f"<p>{text}</p>" for text in paragraphs)))


def _ul(*items):
    return ("paragraph", RichText("<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"))


HOME_PAGE = {
    "title": "Waakvlam",
    "slug": "home",
    "seo_title": "Waakvlam – samen grip houden op geld",
    "intro": (
        "<p>Had u schulden, of zorgen over geld? U staat er niet alleen voor. "
        "Bij Waakvlam vindt u groepen bij u in de buurt: een budgetcursus, een "
        "spaarkring of een groep met mensen die hetzelfde meemaken. Vrijwilligers "
        "helpen u. Meedoen is gratis.</p>"
    ),
    "body": [
        ("heading", "Hoe werkt het?"),
        _ul(
            "U kiest een groep die bij u past.",
            "U meldt zich aan. Dat kan ook samen met een vrijwilliger.",
            "U krijgt een e-mail met de data. Die kunt u in uw agenda zetten.",
        ),
        (
            "callout",
            {
                "title": "Hulp nodig bij aanmelden?",
                "text": RichText(
                    "<p>Een vrijwilliger of trainer kan u ook aanmelden. "
                    "Bel een organisatie bij u in de buurt: u vindt ze hieronder.</p>"
                ),
            },
        ),
    ],
}

PRIVACY_PAGE = {
    "title": "Privacyverklaring",
    "slug": "privacy",
    "intro": "Hier leest u welke gegevens Waakvlam bewaart, waarom, hoe lang, "
    "en wat uw rechten zijn.",
    "last_reviewed": datetime.date(2026, 11, 26),
    "body": [
        ("heading", "Welke gegevens bewaren wij?"),
        _ul(
            "Uw naam en e-mailadres. Dat is nodig voor uw account.",
            "Uw telefoonnummer, als u dat zelf invult.",
            "Bij welke groepen u bent aangemeld, en of u er was.",
            "Bij een spaarkring: wat u heeft ingelegd en uw spaardoel.",
            "Bent u vrijwilliger? Dan ook uw trainingen, certificaten en de datum "
            "van uw Verklaring Omtrent het Gedrag (VOG).",
        ),
        ("heading", "Nazorg na schuldhulp"),
        _p(
            "Krijgt u nazorg? Dan houdt een vaste vrijwilliger contact met u. Wij "
            "bewaren dan wie uw contactpersoon is en wanneer u elkaar spreekt.",
            "Uw eigen keuzes bewaren wij alleen als u daar toestemming voor geeft: "
            "hoe en hoe vaak u contact wilt, waar u op let, korte notities van een "
            "gesprek, en uw hulpkaart met plekken en mensen die u helpen.",
        ),
        _ul(
            "Alleen u, uw vaste contactpersoon en de coördinatoren van de organisatie "
            "zien dit. Trainers van uw groep en andere vrijwilligers zien het niet.",
            "Wij bewaren geen bedragen van uw inkomen of schulden, en geen bankgegevens.",
            "U kunt uw keuzes altijd veranderen, pauzeren of stoppen onder ‘Mijn Waakvlam’.",
            f"Is uw nazorg afgelopen? Dan bewaren wij de gegevens nog "
            f"{settings.AFTERCARE_RETENTION_MONTHS} maanden. Daarna halen wij uw naam "
            "en alles wat u vertelde weg. Wij tellen alleen nog hoeveel gesprekken er waren.",
        ),
        ("heading", "Waarom?"),
        _p(
            "Wij gebruiken uw gegevens alleen om de groepen te regelen: om u aan te "
            "melden, u te herinneren aan een bijeenkomst, en om te zien of het goed "
            "met u gaat als u een paar keer niet kwam. Voor vrijwilligers: om te "
            "weten wie welke training heeft gedaan.",
            "Wij verkopen uw gegevens nooit. Wij delen ze niet met schuldeisers, "
            "de gemeente of andere instanties, tenzij u daar zelf om vraagt.",
        ),
        ("heading", "Wie ziet uw gegevens?"),
        _ul(
            "De trainers van uw eigen groep zien uw naam en of u er was.",
            "De coördinator van de organisatie ziet de gegevens van die organisatie.",
            "Andere deelnemers zien uw gegevens niet.",
        ),
        ("heading", "Hoe lang?"),
        _p(
            "Zolang u een account heeft. Bent u twee jaar niet actief geweest? Dan "
            "maken wij uw gegevens anoniem. Uw naam en contactgegevens zijn dan weg."
        ),
        ("heading", "Uw rechten"),
        _ul(
            "U mag uw gegevens inzien. Veel ziet u zelf onder ‘Mijn Waakvlam’.",
            "U mag fouten laten verbeteren. Uw naam en telefoonnummer past u zelf "
            "aan onder ‘Mijn Waakvlam’.",
            "U mag vragen om alles te verwijderen.",
            "U mag bezwaar maken tegen wat wij met uw gegevens doen.",
            "Bent u het niet eens met ons? Dan kunt u een klacht indienen bij de "
            "Autoriteit Persoonsgegevens.",
        ),
        _p(
            "Heeft u een vraag over uw gegevens? Neem contact op met de coördinator "
            "van de organisatie waar u aan meedoet."
        ),
    ],
}

ACCESSIBILITY_PAGE = {
    "title": "Toegankelijkheid",
    "slug": "toegankelijkheid",
    "intro": "Iedereen moet Waakvlam kunnen gebruiken. Ook als u slecht ziet, "
    "geen muis gebruikt of niet veel ervaring heeft met computers.",
    "last_reviewed": datetime.date(2026, 11, 26),
    "body": [
        ("heading", "Wat wij doen"),
        _ul(
            "Wij bouwen de website volgens de richtlijnen WCAG 2.1, niveau AA.",
            "Wij gebruiken de onderdelen van het NL Design System.",
            "Alles werkt met het toetsenbord. U ziet steeds waar u bent.",
            "De website werkt ook op een kleine telefoon en zonder JavaScript.",
            "Wij schrijven in eenvoudige taal.",
            "Bij elke wijziging testen wij de belangrijkste pagina's automatisch "
            "met axe-core in een echte browser.",
        ),
        ("heading", "Wat nog niet goed gaat"),
        _p(
            "Documenten (PDF) die organisaties uploaden, zijn niet altijd "
            "toegankelijk. Vraag gerust om de inhoud op een andere manier."
        ),
        ("heading", "Lukt iets niet?"),
        _p(
            "Laat het ons weten. Neem contact op met de coördinator van uw "
            "organisatie. Wij antwoorden binnen vijf werkdagen en zoeken samen "
            "met u een oplossing."
        ),
    ],
}
