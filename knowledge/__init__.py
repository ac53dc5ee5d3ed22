"""The Kennisbank: topics, articles, publications (the white paper), local
agreements, the social map and Dutch search."""
