"""The competency framework in the admin: which trainings award which
competency."""

from wagtail.admin.views import generic


class TrainingCompetencyIndexView(generic.IndexView):
    def get_queryset(self):
        return super().get_queryset().select_related("training", "competency")
