"""The offer's lists of groups as cards, a page at a time: the overview
("Aanbod") and an organisation's part of it. Links to other pages keep the
chosen filters; a page number out of range or not a number shows the last
or the first page, never an error page."""

from django.core.paginator import Paginator
from django.http import QueryDict
from django.utils.functional import cached_property

# Enough to scroll through on a phone, little enough to load fast.
CARDS_PER_PAGE = 24
# Page numbers beside the current one and at either end: fits a phone.
ON_EACH_SIDE = 1
ON_ENDS = 1


def group_cards(request, groups):
    """Cards of the groups still on offer and, apart, of finished ones."""
    cards = [
        {
            "group": group,
            "url": group.get_url(request),
            "places_left": group.places_left(),
            "next_meeting_at": group.next_meeting_at,
            "finished": group.is_finished(),
        }
        for group in groups
    ]
    return {
        "open": [card for card in cards if not card["finished"]],
        "finished": [card for card in cards if card["finished"]],
    }


class CountedPaginator(Paginator):
    """Counts `counted`, the same groups without their figures: counting the
    annotated list would work them out for every group."""

    def __init__(self, object_list, per_page, *, counted):
        super().__init__(object_list, per_page)
        self.counted = counted

    @cached_property
    def count(self):
        return self.counted.count()


def card_listing(request, groups, *, counted, path, filters=None):
    """The context of one page of `groups` (open ones first; `counted`: the
    same, unannotated): its cards and the pagination with links to `path`
    plus the valid `filters`."""
    paginator = CountedPaginator(groups, CARDS_PER_PAGE, counted=counted)
    page = paginator.get_page(request.GET.get("page"))
    query = QueryDict(mutable=True)
    query.update(filters or {})

    def url(number):
        chosen = query.copy()
        if number > 1:
            chosen["page"] = number
        return f"{path}?{chosen.urlencode()}" if chosen else path

    numbers = paginator.get_elided_page_range(
        page.number, on_each_side=ON_EACH_SIDE, on_ends=ON_ENDS
    )
    pagination = {
        "page": page,
        "links": [
            {"number": number, "url": url(number)} if number != paginator.ELLIPSIS else None
            for number in numbers
        ],
        "previous_url": url(page.previous_page_number()) if page.has_previous() else None,
        "next_url": url(page.next_page_number()) if page.has_next() else None,
        "canonical_url": request.build_absolute_uri(url(page.number)),
    }
    return {"cards": group_cards(request, page.object_list), "pagination": pagination}
