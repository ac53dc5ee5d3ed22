from django.shortcuts import redirect
from django.templatetags.static import static


def favicon(request):
    # Resolved per request: the static manifest does not exist at import time.
    return redirect(static("img/waakvlam.svg"), permanent=True)
