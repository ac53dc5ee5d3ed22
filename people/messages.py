"""What a refused action tells the person, in the words of the rule."""


def error_message(error):
    """The sentences of a ValidationError as one message, for a banner."""
    return " ".join(error.messages)
