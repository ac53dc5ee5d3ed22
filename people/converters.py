"""URL path converters: a secret token in a URL is matched strictly, so
anything else (a NUL byte, a slash, spaces) is a 404 before a query runs."""


class TokenConverter:
    # secrets.token_urlsafe() writes only these characters.
    regex = "[A-Za-z0-9_-]{1,100}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
