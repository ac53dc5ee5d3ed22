"""Page permissions with walls: Wagtail's grants reach every page below the
page they are given on, except into a walled part of the tree (an
organisation's own pages), which only grants on or inside it reach.

So the editors, who hold their rights on the root, edit the site's own pages
but not an organisation's group pages; the coordinators of an organisation
hold theirs on its own part of the offer. Every page action Wagtail has
(edit, publish, unpublish, copy, move, privacy, revisions, bulk actions) and
the explorer ask these two classes, so no action needs a guard of its own.

Register the policy for `Page` with the walled page models, and let each
walled model answer `permissions_for_user()` with `WalledPagePermissionTester`
(a tester for a plain `Page` instance is built through its specific class).
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from wagtail.models import Page, PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry


class WalledPagePermissionPolicy(PagePermissionPolicy):
    def __init__(self, walled_models):
        super().__init__(Page)
        self.walled_models = walled_models

    def walled_content_type_ids(self):
        # ContentType caches its lookups, so this costs no query after the first.
        return {
            content_type.pk
            for content_type in ContentType.objects.get_for_models(*self.walled_models).values()
        }

    def grant_reaches(self, grant_page, page, walled=None):
        """Whether a grant on `grant_page` applies to `page`."""
        walled = self.walled_content_type_ids() if walled is None else walled
        if not page.path.startswith(grant_page.path):
            return False
        return grant_page.content_type_id in walled or page.content_type_id not in walled

    def user_has_any_permission_for_instance(self, user, actions, instance):
        base_permission = self._base_user_has_permission(user)
        if base_permission is not None:
            return base_permission
        walled = self.walled_content_type_ids()
        permissions = set()
        for perm in self.get_cached_permissions_for_user(user):
            if self.grant_reaches(perm.page, instance, walled):
                permissions.add(perm.permission.codename)
                # As Wagtail: "add" lets the owner change their own page.
                if perm.permission.codename == "add_page" and instance.owner_id == user.pk:
                    permissions.add("change_page")
        return bool(self._get_permission_codenames(actions) & permissions)

    def instances_user_has_any_permission_for(self, user, actions):
        pages = super().instances_user_has_any_permission_for(user, actions)
        if self._base_queryset_for_user(user) is not None:
            return pages
        walled = self.walled_content_type_ids()
        walls = [
            perm.page.path
            for perm in self.get_cached_permissions_for_user(user)
            if perm.page.content_type_id in walled
        ]
        # Walled pages only through a grant on or inside their wall.
        allowed_walled = Page.objects.none()
        for path in walls:
            allowed_walled |= Page.objects.filter(path__startswith=path)
        return pages.exclude(content_type_id__in=walled) | pages.filter(
            pk__in=allowed_walled.values("pk")
        )

    def users_with_any_permission_for_instance(self, actions, instance, include_superusers=True):
        """Who is told about a page (moderation, comments): over a wall, only
        those whose grant reaches it."""
        users = super().users_with_any_permission_for_instance(
            actions, instance, include_superusers
        )
        if instance.content_type_id not in self.walled_content_type_ids():
            return users
        return users.filter(
            pk__in=[
                user.pk
                for user in users
                if user.is_superuser
                or self.user_has_any_permission_for_instance(user, actions, instance)
            ]
        )


class WalledPagePermissionTester(PagePermissionTester):
    """Wagtail's tester, counting only the grants that reach over the wall."""

    def __init__(self, user, page):
        super().__init__(user, page)
        if self.user.is_active and not self.user.is_superuser:
            policy = policy_registry.get_by_type(Page)
            walled = policy.walled_content_type_ids()
            self.permissions = {
                perm.permission.codename.rsplit("_", maxsplit=1)[0]
                for perm in self.permission_policy.get_cached_permissions_for_user(user)
                if policy.grant_reaches(perm.page, page, walled)
            }


def refuse_moves_not_permitted(request, page, destination):
    """`before_move_page`: Wagtail's move confirmation asks the permissions
    only when the move is posted; its confirmation screen must not show
    either page to someone who may not make the move."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied
