"""The LSTA white paper on aftercare (nazorg), parsed from its plain text
and imported as a publication with an article per section."""

import html
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from .articles import ArticlePage, KnowledgeIndexPage, PublicationPage, Topic

# The text in content/nazorg-whitepaper.txt was extracted from a PDF, so its
# structure has to be recovered: page headers repeat a section title after a
# leading space, bullets are "•", wrapped lines continue a paragraph or
# bullet, and the letters of the A-B-C ("A utonomie") are split from their
# words. `parse()` turns it into sections of StreamField blocks;
# `import_whitepaper()` writes them as one PublicationPage with an
# ArticlePage per section, changing nothing when the pages already hold the
# same content.
SOURCE = Path(__file__).resolve().parent / "content" / "nazorg-whitepaper.txt"

SECTION_TITLES = [
    "Waarom is nazorg belangrijk?",
    "Wat is nazorg?",
    "Wanneer begint nazorg?",
    "Hoe lang duurt nazorg?",
    "Inzichten uit het LSTA webinar van 2022",
    "Vrijwilligers en nazorg",
    "Nazorg en deskundigheid",
    "Palet van nazorg",
    "Hoe verder?",
]

PUBLICATION = {
    "title": "Nazorg",
    "slug": "nazorg",
    "seo_title": "Nazorg: publicatie voor vrijwilligers bij geldzorgen",
    "intro": (
        "<p>Waarom is nazorg na hulp bij geldzorgen en schulden belangrijk, en wat kunnen "
        "vrijwilligers daarin doen? Deze publicatie is samengesteld door het LSTA en zijn "
        "netwerkgroep Nazorg, na de LSTA regiotour Nazorg van mei 2024.</p>"
    ),
    "author_name": "LSTA (Landelijk Steunpunt Thuisadministratie)",
    "author_url": "https://www.lsta.nl",
    "year": 2024,
}

KNOWLEDGE_INDEX = {
    "title": "Kennisbank",
    "slug": "kennisbank",
    "intro": (
        "<p>Kennis over nazorg en hulp bij geldzorgen voor vrijwilligers en coördinatoren: "
        "publicaties, artikelen en lokale afspraken.</p>"
    ),
}

TOPICS = [
    ("nazorg", "Nazorg", "Ondersteuning na hulp bij schulden, zodat geldzorgen niet terugkomen."),
    ("vrijwilligers", "Vrijwilligers", "De rol, training en begeleiding van vrijwilligers."),
    (
        "schuldhulpverlening",
        "Schuldhulpverlening",
        "Formele hulp bij schulden door gemeenten en beroepskrachten.",
    ),
    ("samenwerking", "Samenwerking", "Afspraken met gemeenten en ketenpartners."),
    ("privacy", "Privacy", "Zorgvuldig omgaan met gegevens van hulpvragers."),
]

BULLET = "•"
# "A utonomie": a capital letter split from the rest of its word.
PART_START = re.compile(r"^([A-Z]) ([a-zà-ÿ]+)$")
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
# The colophon closing the last section (about LSTA, the contributors and
# contact lines) is set apart as a call-out rather than run into the text.
COLOPHON_START = "LSTA is een netwerk"
# Readers see Dutch words, not the source's English "white paper".
COLOPHON_TITLE = "Over deze publicatie"
CONTRIBUTORS_START = "Dit white paper is samengesteld door:"
CONTRIBUTORS_HEADING = "Deze publicatie is samengesteld door:"
# Each contributor entry starts a line with "De ..."; the rest are wraps.
CONTRIBUTOR_START = "De "
CONTACT_START = "lsta.nl"


@dataclass
class Section:
    title: str
    blocks: list = field(default_factory=list)

    @property
    def slug(self):
        return slugify(self.title)


def _section_title(line):
    """The expected section title this line names, if any (the PDF adds a
    full stop to some)."""
    text = line.strip().rstrip(".").strip()
    return text if text in SECTION_TITLES else None


def _join(lines):
    """Join wrapped lines, mending words the PDF hyphenated at a line end
    ("app-" + "contact")."""
    text = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not text:
            text = line
        elif text.endswith("-") and not text.endswith(" -"):
            text += line
        else:
            text += " " + line
    return re.sub(r"\s+", " ", text).strip()


def _inline(text):
    """Escaped text for rich text, with e-mail addresses as mailto links."""
    # Quotes stay as typed: only what would break the markup is escaped.
    escaped = html.escape(text, quote=False)
    return EMAIL.sub(lambda m: f'<a href="mailto:{m.group(0)}">{m.group(0)}</a>', escaped)


def _ends_sentence(text):
    return text.rstrip().endswith((".", "?", "!", ":", ")"))


def _rich_text(items):
    """Rich-text HTML from ("p", text) and ("li", text) items; consecutive
    list items form one list."""
    html = []
    in_list = False
    for kind, text in items:
        if kind == "li" and not in_list:
            html.append("<ul>")
            in_list = True
        elif kind != "li" and in_list:
            html.append("</ul>")
            in_list = False
        html.append(f"<{kind}>{_inline(text)}</{kind}>")
    if in_list:
        html.append("</ul>")
    return "".join(html)


def _items(lines):
    """Paragraphs and bullet items from the lines of a stretch of text.

    A blank line ends a paragraph. A bullet item runs until the next bullet or
    until a blank line that follows a finished sentence: the PDF sometimes
    puts a blank line in the middle of an item ("... in voor de" / "" /
    "nazorg."). A line indented with a space after a finished sentence starts
    a new paragraph, as the PDF's indentation does."""
    items = []
    current = None  # [kind, [lines]]

    def flush():
        nonlocal current
        if current is not None:
            text = _join(current[1])
            if text:
                items.append((current[0], text))
        current = None

    pending_blank = False
    for raw in lines:
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped:
            pending_blank = True
            continue
        if stripped.startswith(BULLET):
            flush()
            current = ["li", [stripped[len(BULLET) :]]]
        elif current is None:
            current = ["p", [stripped]]
        elif current[0] == "li":
            so_far = _join(current[1])
            if pending_blank and _ends_sentence(so_far):
                flush()
                current = ["p", [stripped]]
            else:
                current[1].append(stripped)
        elif pending_blank or (line.startswith(" ") and _ends_sentence(_join(current[1]))):
            flush()
            current = ["p", [stripped]]
        else:
            current[1].append(stripped)
        pending_blank = False
    flush()
    return items


def _colophon(lines):
    about, contributors, contact = [], [], []
    part = about
    for line in lines:
        stripped = line.strip()
        if stripped == CONTRIBUTORS_START:
            part = contributors
        elif stripped == CONTACT_START:
            part = contact
            contact.append(stripped)
        elif not stripped:
            continue
        elif part is contributors and (not contributors or stripped.startswith(CONTRIBUTOR_START)):
            contributors.append([stripped])
        elif part is contributors:
            contributors[-1].append(stripped)
        else:
            part.append(stripped)
    markup = f"<p>{_inline(_join(about))}</p><p>{_inline(CONTRIBUTORS_HEADING)}</p>"
    markup += (
        "<ul>" + "".join(f"<li>{_inline(_join(entry))}</li>" for entry in contributors) + "</ul>"
    )
    # Contact lines stay one per line rather than being run together.
    markup += "<p>" + "<br/>".join(_inline(text) for text in contact) + "</p>"
    return {"type": "callout", "value": {"title": COLOPHON_TITLE, "text": markup}}


def _blocks(lines):
    """StreamField raw data for one section's lines."""
    blocks = []
    stretch = []
    parts = []  # [label, title, [lines]] for an A-B-C run

    def flush_stretch():
        if stretch:
            items = _items(stretch)
            if items:
                blocks.append({"type": "paragraph", "value": _rich_text(items)})
            stretch.clear()

    def flush_parts():
        if parts:
            blocks.append(
                {
                    "type": "labelled_parts",
                    "value": [
                        {
                            # Wagtail reads list items as such only with an id.
                            "type": "item",
                            "id": str(uuid.uuid4()),
                            "value": {
                                "label": label,
                                "title": title,
                                "text": _rich_text(_items(part_lines)),
                            },
                        }
                        for label, title, part_lines in parts
                    ],
                }
            )
            parts.clear()

    for position, line in enumerate(lines):
        stripped = line.strip()
        match = PART_START.match(stripped)
        if stripped.startswith(COLOPHON_START):
            flush_parts()
            flush_stretch()
            blocks.append(_colophon(lines[position:]))
            break
        if match:
            flush_stretch()
            letter, rest = match.groups()
            parts.append([letter, letter + rest, []])
        elif parts:
            parts[-1][2].append(line)
        else:
            stretch.append(line)
    flush_parts()
    flush_stretch()
    return blocks


def parse(text):
    """The white paper as a list of Sections in the order of SECTION_TITLES."""
    sections = []
    seen = set()
    for line in text.splitlines():
        title = _section_title(line)
        if title is not None:
            if title not in seen:
                seen.add(title)
                sections.append(Section(title))
            # A repeated title is a page header: dropped.
            continue
        if sections:
            sections[-1].blocks.append(line)
    for section in sections:
        section.blocks = _blocks(section.blocks)
    missing = [title for title in SECTION_TITLES if title not in seen]
    if missing:
        raise ValueError(f"white paper sections not found: {missing}")
    return sections


def _without_ids(data):
    """Stored StreamField data gains block ids; compare content without them."""
    if isinstance(data, dict):
        return {key: _without_ids(value) for key, value in data.items() if key != "id"}
    if isinstance(data, list):
        return [_without_ids(value) for value in data]
    return data


def ensure_topics():
    topics = {}
    for slug, name, description in TOPICS:
        topics[slug], _ = Topic.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
    return topics


def ensure_knowledge_index():
    """The Kennisbank below the home page, in the main menu."""
    index = KnowledgeIndexPage.objects.first()
    if index is None:
        # The home page is the website's model; it is found through the
        # Kennisbank's parent page type rather than imported from above.
        (home_model,) = KnowledgeIndexPage.allowed_parent_page_models()
        home = home_model.objects.get()
        index = KnowledgeIndexPage(show_in_menus=True, **KNOWLEDGE_INDEX)
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def _publish(page):
    page.save_revision().publish()


@transaction.atomic
def import_whitepaper(path=SOURCE):
    """Create or update the publication; returns (publication, changed pages)."""
    sections = parse(Path(path).read_text(encoding="utf-8"))
    topics = ensure_topics()
    nazorg = topics["nazorg"]
    index = ensure_knowledge_index()
    changed = 0

    publication = PublicationPage.objects.child_of(index).filter(slug=PUBLICATION["slug"]).first()
    if publication is None:
        publication = PublicationPage(**PUBLICATION)
        publication.topics = [nazorg]
        index.add_child(instance=publication)
        _publish(publication)
        changed += 1
    elif any(getattr(publication, key) != PUBLICATION[key] for key in ("seo_title", "intro")):
        # An earlier import's wording (it said "white paper") is brought up to date.
        publication.seo_title, publication.intro = PUBLICATION["seo_title"], PUBLICATION["intro"]
        _publish(publication)
        changed += 1

    for section in sections:
        article = ArticlePage.objects.child_of(publication).filter(slug=section.slug).first()
        if article is None:
            article = ArticlePage(title=section.title, slug=section.slug, body=section.blocks)
            article.topics = [nazorg]
            publication.add_child(instance=article)
            _publish(article)
            changed += 1
        elif (
            article.title != section.title
            or _without_ids(list(article.body.raw_data)) != _without_ids(section.blocks)
            or nazorg not in article.topics.all()
        ):
            article.title = section.title
            article.body = section.blocks
            article.topics.add(nazorg)
            _publish(article)
            changed += 1
    return publication, changed
