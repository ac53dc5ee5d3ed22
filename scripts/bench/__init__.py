"""`make bench`: the key pages over HTTP, served by gunicorn with the
production settings, against the framework floor (/health/). See
scripts/bench/__main__.py for the steps and README.md for how to read it."""
