"""What may help after a life event: an article of the knowledge base and
a budget course of the organisation, found with the knowledge base's own
search for a few words that belong to the event (never fixed page ids, so
editors decide what there is to find)."""

from django.utils.translation import gettext as _
from modelsearch.query import Or

from groups.models import GroupKind, GroupPage
from knowledge.articles import ArticlePage
from knowledge.search import query_for

from ..moments.models import LifeEvent

# Words an article or course about the event is likely to use.
LIFE_EVENT_WORDS = {
    LifeEvent.MOVING: ("verhuizing", "verhuizen", "huur", "wonen"),
    LifeEvent.NEW_JOB: ("werk", "inkomen", "budget"),
    LifeEvent.JOB_LOST: ("werkloos", "uitkering", "inkomen", "budget"),
    LifeEvent.SEPARATION: ("scheiding", "scheiden", "budget"),
    LifeEvent.BIRTH: ("kind", "kinderen", "toeslagen"),
    LifeEvent.ILLNESS: ("ziekte", "ziek", "zorg", "stress"),
    LifeEvent.RETIREMENT: ("pensioen", "aow", "inkomen"),
    LifeEvent.TURNING_18: ("jongeren", "zorgverzekering", "toeslagen"),
    LifeEvent.DEATH: ("overlijden", "nabestaanden", "rouw"),
}


def _query(life_event):
    parts = [query_for([word]) for word in LIFE_EVENT_WORDS.get(life_event, ())]
    parts = [part for part in parts if part is not None]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else Or(parts)


def life_event_help(request, plan, life_event):
    """At most two links [{"title", "url", "kind"}]: the best matching
    article and a budget course of the plan's organisation."""
    query = _query(life_event)
    if query is None:
        return []
    links = []
    article = next(iter(ArticlePage.objects.live().public().search(query)[:1]), None)
    if article is not None:
        links.append(_link(request, article, _("Article")))
    course = _course(plan, query)
    if course is not None:
        links.append(_link(request, course, _("Course")))
    return links


def _link(request, page, kind):
    return {"title": page.title, "url": page.get_url(request), "kind": kind}


def _course(plan, query):
    """A budget course of the organisation that the search finds, else its
    first budget course: after any change in life a budget helps."""
    courses = (
        GroupPage.objects.live()
        .public()
        .filter(kind=GroupKind.BUDGET_COURSE, organisation=plan.organisation_id)
    )
    found = next(iter(courses.search(query)[:1]), None)
    return found or courses.order_by("title").first()
