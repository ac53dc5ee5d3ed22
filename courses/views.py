"""The certificate page and the certificates section of Mijn Waakvlam."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from people.permissions import may_see_participants

from .models import Completion


@login_required
def certificate(request, code):
    """A print-ready certificate. Only the person themself and the group's
    trainers and coordinators see it; to anyone else it does not exist,
    also when they guess or were sent someone else's code."""
    completion = get_object_or_404(
        Completion.objects.select_related("person", "group__organisation"),
        certificate_code=code,
    )
    group = completion.group
    if completion.person_id != request.user.pk and not may_see_participants(request.user, group):
        raise Http404
    return render(
        request,
        "courses/certificate.html",
        {
            "completion": completion,
            "group": group,
            "trainers": list(group.trainers.order_by("full_name")),
        },
    )


def my_certificates_section(request):
    """The certificates section of Mijn Waakvlam; hidden until there is one."""
    completions = list(
        Completion.objects.filter(person=request.user)
        .select_related("group__organisation")
        .order_by("-last_date", "-pk")
    )
    return {"completions": completions} if completions else None
