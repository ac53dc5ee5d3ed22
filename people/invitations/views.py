"""The invited person's page: accept or decline a role. Anyone with the
link sees it; accepting needs an account, declining does not."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from people.models import RoleInvitation

from . import services


def _open_invitation(token):
    return (
        RoleInvitation.objects.open()
        .select_related("organisation", "invited_by")
        .filter(token_hash=RoleInvitation.hash_token(token))
        .first()
    )


def _gone(request):
    """Unknown, answered, withdrawn or expired: one and the same page."""
    return render(request, "people/role_invitation_gone.html", status=404)


def _page(request, invitation):
    back = urlencode({"next": request.path})
    return render(
        request,
        "people/role_invitation.html",
        {
            "invitation": invitation,
            "organisation": invitation.organisation,
            "login_url": f"{reverse('account_login')}?{back}",
            "signup_url": f"{reverse('account_signup')}?{back}",
        },
    )


def role_invitation_answer(request, token):
    invitation = _open_invitation(token)
    if invitation is None:
        return _gone(request)
    answer = request.POST.get("answer") if request.method == "POST" else None
    if answer not in ("accept", "decline"):
        return _page(request, invitation)
    if answer == "accept" and not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?{urlencode({'next': request.path})}")
    labels = {
        "organisation": invitation.organisation.name,
        "role": invitation.get_role_display(),
    }
    try:
        if answer == "decline":
            services.role_invitation_decline(invitation=invitation)
        else:
            services.role_invitation_accept(invitation=invitation, person=request.user)
    except ValidationError:
        return _gone(request)  # answered in another tab a moment ago
    if answer == "decline":
        messages.success(request, _("You have declined. Nothing has changed."))
        return redirect("/")
    messages.success(request, _("You are now %(role)s at %(organisation)s.") % labels)
    return redirect("people:my")
