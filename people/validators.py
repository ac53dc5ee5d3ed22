from django.contrib.auth.password_validation import MinimumLengthValidator
from django.utils.translation import ngettext


class MinimumLengthValidator(MinimumLengthValidator):
    """Django's rule in Waakvlam's own words (Django 6.1 changed its message,
    and the Dutch catalogue has not caught up)."""

    def get_error_message(self):
        return ngettext(
            "Your password is too short. Use at least %(count)d character.",
            "Your password is too short. Use at least %(count)d characters.",
            self.min_length,
        ) % {"count": self.min_length}

    def get_help_text(self):
        return ngettext(
            "Use at least %(count)d character.",
            "Use at least %(count)d characters.",
            self.min_length,
        ) % {"count": self.min_length}
