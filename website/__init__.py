"""The project shell: settings, URLs, the home and standard pages, the
site structure every installation needs (`setup`) and the demo data
(`demo/`, a module per app)."""
