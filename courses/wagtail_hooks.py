"""The courses admin (lessons, completion rules, read-only completions), its policies,
the lessons on the group page and certificates in Mijn Waakvlam and the data download."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from groups.hooks import GROUP_PAGE_SECTION
from people.admin_kit.labels import field_label
from people.admin_kit.policies import OrganisationScopedPolicy
from people.admin_kit.viewsets import ScopedModelViewSet, add_and_edit_handlers
from people.privacy import EXPORT_PERSONAL_DATA
from people.sections import MY_WAAKVLAM_SECTION, Section

from . import admin_views
from .models import Completion, CompletionRule, Lesson
from .privacy import export_completions
from .views import my_certificates_section

register_permission_policy(Lesson, OrganisationScopedPolicy(Lesson, "group__organisation"))
register_permission_policy(
    CompletionRule, OrganisationScopedPolicy(CompletionRule, "group__organisation")
)
# Completions follow from attendance; a changed or deleted one would make a
# printed certificate lie. Not even a superuser edits one here.
register_permission_policy(
    Completion,
    OrganisationScopedPolicy(Completion, "group__organisation", permitted_actions=("view",)),
)


class LessonViewSet(ScopedModelViewSet):
    model = Lesson
    icon = "doc-full"
    menu_label = _("Lessons")
    # Lessons are not "usages" of a group page for editors.
    add_to_reference_index = False
    list_per_page = 50
    filterset_class = admin_views.LessonFilterSet
    list_display = ["title", "number", "group", admin_views.MeetingColumn(), "topic"]

    create_handler, edit_handler = add_and_edit_handlers(
        "group",
        [FieldPanel(name) for name in ("number", "title", "meeting", "topic", "goals")],
        admin_views.LessonForm,
    )

    @property
    def index_view_class(self):
        return self._scoped(admin_views.LessonIndexView)


class CompletionRuleViewSet(ScopedModelViewSet):
    model = CompletionRule
    icon = "tick-inverse"
    menu_label = _("Completion rules")
    add_to_reference_index = False
    list_display = [
        "group",
        "min_attendance_percent",
        BooleanColumn(
            "first_meeting_required",
            label=field_label(CompletionRule, "first_meeting_required"),
        ),
    ]

    create_handler, edit_handler = add_and_edit_handlers(
        "group",
        [FieldPanel("min_attendance_percent"), FieldPanel("first_meeting_required")],
        admin_views.CompletionRuleForm,
    )

    @property
    def index_view_class(self):
        return self._scoped(admin_views.CompletionRuleIndexView)


class CompletionViewSet(ScopedModelViewSet):
    model = Completion
    audit_subject = "person"
    icon = "success"
    menu_label = _("Completions")
    add_to_reference_index = False
    inspect_view_enabled = True
    inspect_view_class = admin_views.CompletionInspectView
    inspect_view_fields = [
        "person",
        "group",
        "attended",
        "meetings",
        "first_date",
        "last_date",
        "completed_at",
    ]
    list_per_page = 50
    ordering = "-last_date"
    filterset_class = admin_views.CompletionFilterSet
    list_display = [
        "person",
        "group",
        admin_views.AttendedColumn(),
        "last_date",
    ]

    @property
    def index_view_class(self):
        return self._scoped(admin_views.CompletionIndexView)


class CoursesViewSetGroup(ModelViewSetGroup):
    menu_label = _("Courses")
    menu_icon = "doc-full"
    menu_order = 195
    items = (
        LessonViewSet("lessons"),
        CompletionRuleViewSet("completion_rules"),
        CompletionViewSet("completions"),
    )


@hooks.register("register_admin_viewset")
def register_courses_viewsets():
    return CoursesViewSetGroup()


@hooks.register(MY_WAAKVLAM_SECTION, order=20)
def my_certificates(request):
    context = my_certificates_section(request)
    return Section("courses/my_certificates.html", context) if context else None


@hooks.register(GROUP_PAGE_SECTION, order=30)
def lessons_section(request, page):
    lessons = list(page.lessons.all())
    return Section("courses/group_page_lessons.html", {"lessons": lessons}) if lessons else None


hooks.register(EXPORT_PERSONAL_DATA, export_completions)
