"""The trainer's page for pausing their group until further notice, and
starting it again (coordinators have the same in the admin)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from people.messages import error_message
from people.permissions import may_pause_group

from ..pages import GroupPage
from . import services
from .forms import PauseForm

PAUSE, RESUME = "pause", "resume"


@login_required
def group_pause(request, group_id):
    """Trainers of the group and coordinators of its organisation; anyone
    else gets a 404. The form says which step it asks for, so a second
    click after the first one worked does not undo it."""
    group = get_object_or_404(GroupPage.objects.live(), pk=group_id)
    if not may_pause_group(request.user, group):
        raise Http404
    pause = group.open_pause()
    form = PauseForm(request.POST or None)
    if request.method == "POST":
        asked = request.POST.get("action")
        if asked not in (PAUSE, RESUME) or (asked == RESUME) != (pause is not None):
            messages.info(request, _("This was already done."))
            return redirect("groups:group_pause", group_id=group.pk)
        try:
            if asked == RESUME:
                services.group_resume(group=group, by=request.user)
                messages.success(
                    request,
                    _("The group starts again. The coordinator plans the next meetings."),
                )
                return redirect("groups:participants", group_id=group.pk)
            if form.is_valid():
                services.group_pause(
                    group=group, by=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(
                    request,
                    _("The group is paused. Everyone signed up gets an e-mail."),
                )
                return redirect("groups:participants", group_id=group.pk)
        except ValidationError as error:
            messages.error(request, error_message(error))
            return redirect("groups:group_pause", group_id=group.pk)
    coming = list(group.meetings.planned().upcoming()) if pause is None else []
    return render(
        request,
        "groups/group_pause.html",
        {"group": group, "pause": pause, "form": form, "coming": coming},
    )
