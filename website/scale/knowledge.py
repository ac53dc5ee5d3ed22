"""Knowledge-base articles under the Kennisbank, through the tree API and
published; each has a topic, a few headings and paragraphs."""

from knowledge.models import ArticlePage
from knowledge.whitepaper import ensure_knowledge_index, ensure_topics

from .common import moment

SUBJECTS = [
    "vaste lasten verlagen", "een budget maken", "post ordenen", "toeslagen aanvragen",
    "een betalingsregeling", "beslag op loon", "sparen voor later", "de sociale kaart",
    "een warme overdracht", "stress en geld", "privacy bij huisbezoek", "vrijwilliger worden",
]  # fmt: skip
PHRASES = [
    "Begin met een overzicht van wat er binnenkomt en wat er uitgaat.",
    "Vraag hulp op tijd: hoe eerder, hoe kleiner het probleem.",
    "Een vrijwilliger denkt mee, maar u beslist zelf.",
    "Bewaar brieven op één plek, dan vindt u ze terug.",
    "Bel de schuldeiser en vraag om uitstel als het nodig is.",
    "Samen met anderen lukt volhouden vaak beter.",
]


def _body(rng):
    blocks = []
    for part in range(rng.randint(2, 4)):
        blocks.append(("heading", f"Stap {part + 1}"))
        text = " ".join(rng.sample(PHRASES, 3))
        blocks.append(("paragraph", f"<p>{text}</p>"))
    return blocks


def seed_articles(rng, sizes):
    index = ensure_knowledge_index()
    topics = list(ensure_topics().values())
    for number in range(1, sizes.articles + 1):
        subject = SUBJECTS[number % len(SUBJECTS)]
        article = ArticlePage(
            title=f"Over {subject} ({number})",
            slug=f"schaal-artikel-{number:03d}",
            summary=rng.choice(PHRASES),
            body=_body(rng),
            # As publish() would: the Kennisbank lists the newest first.
            first_published_at=moment(-number, 9),
            last_published_at=moment(-number, 9),
        )
        article.topics = [rng.choice(topics)]
        index.add_child(instance=article)
    return {"articles": sizes.articles}
