"""Permission policies for the admin: Django's model permissions, narrowed
to the user's own organisations and to what may ever be done with a record.

`permitted_actions` says what may happen to a kind of record whoever asks,
superusers included: records that other records hang on are never deleted
(("add", "change", "view")), computed ones are only looked at (("view",)).
"""

from wagtail.permission_policies import ModelPermissionPolicy

from people.models import Role
from people.permissions import organisations_with_role

ALL_ACTIONS = ("add", "change", "delete", "view")


class KeptRecordsPolicy(ModelPermissionPolicy):
    """Django's model permissions, limited to `permitted_actions`."""

    def __init__(self, model, *, permitted_actions=ALL_ACTIONS):
        super().__init__(model)
        self.permitted_actions = tuple(permitted_actions)

    def user_has_permission(self, user, action):
        return action in self.permitted_actions and super().user_has_permission(user, action)


class OrganisationScopedPolicy(KeptRecordsPolicy):
    """Narrowed to the organisations in which the user is a coordinator
    (superusers see all); `lookup` leads from the record to its
    organisation, e.g. "group__organisation"."""

    def __init__(self, model, lookup, **kwargs):
        super().__init__(model, **kwargs)
        self.lookup = lookup

    def in_scope(self, user, records):
        """The `records` that belong to the user's organisations."""
        allowed = organisations_with_role(user, Role.COORDINATOR)
        return records.filter(**{f"{self.lookup}__in": allowed})

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.in_scope(user, self.model._default_manager.all())

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return (
            self.instances_user_has_any_permission_for(user, actions)
            .filter(pk=instance.pk)
            .exists()
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)
