"""Dutch words as people type them, for search.

SQLite's full-text index (the embedded default) has no Dutch stemmer, and
PostgreSQL's "dutch" configuration misses common plurals ("cursussen",
"brieven"). So each typed word is expanded into its singular and plural
forms and the synonyms people use; the search asks for any of them. On
PostgreSQL the variants are stemmed again, which does no harm: both
databases then find the same pages.
"""

import re

WORD = re.compile(r"\w+")
# More words than this in one query say nothing more; they only slow it down.
MAX_WORDS = 8
VOWELS = "aeiou"

# Words that mean the same thing to the people who type them. Each group
# finds what any of its words finds.
SYNONYMS = [
    {"cursus", "cursussen", "budgetcursus", "budgetcursussen"},
    {"maatje", "maatjes", "maatjesproject"},
    {"brief", "brieven", "post"},
    {"gezin", "gezinnen", "huishouden", "huishoudens"},
    {"terugval", "terugvallen"},
    {"schuldhulp", "schuldhulpverlening", "schuldhulpverlener", "schuldhulpverleners"},
    {"spaarkring", "spaarkringen", "spaargroep", "spaargroepen"},
    {"lotgenoten", "lotgenotengroep", "lotgenotengroepen", "lotgenoot"},
]
_SYNONYMS_OF = {word: group for group in SYNONYMS for word in group}

# Words too common to narrow a search; PostgreSQL's "dutch" configuration
# drops them too, so leaving them out keeps both databases alike.
STOP_WORDS = frozenset(
    (  # noqa: SIM905 -- a list of words reads best as words
        "aan al als bij dan dat de der des die dit door een en er het hoe ik in is je "
        "met mijn na naar niet nog of om ook op over te tot u uw van voor wat wie "
        "zijn zo"
    ).split()
)


def words(text):
    """The words of `text` in lower case, without stop words (unless that
    leaves none), once each, at most MAX_WORDS."""
    found = list(dict.fromkeys(WORD.findall((text or "").lower())))
    meaningful = [word for word in found if word not in STOP_WORDS] or found
    return meaningful[:MAX_WORDS]


def _singulars(word):
    """What `word` may be the plural of: "groepen" -> "groep",
    "afspraken" -> "afspraak", "brieven" -> "brief", "vrijwilligers" ->
    "vrijwilliger", "gemeenten" -> "gemeente"."""
    found = set()
    if len(word) > 4 and word.endswith("en"):
        stem = word[:-2]
        found.add(stem)
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in VOWELS:
            found.add(stem[:-1])  # cursussen, gezinnen, terugvallen
        if stem[-1] == "v":
            found.add(stem[:-1] + "f")  # brieven
        if stem[-1] == "z":
            found.add(stem[:-1] + "s")  # reizen
        if len(stem) > 2 and stem[-2] in VOWELS and stem[-3] not in VOWELS:
            # An open syllable was a long vowel: afspraken -> afspraak.
            found.add(stem[:-1] + stem[-2] + stem[-1])
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        found.add(word[:-1])
    if len(word) > 4 and word.endswith("en"):
        found.add(word[:-1])  # gemeenten -> gemeente
    return found


def _plurals(word):
    """The plurals `word` may have: "groep" -> "groepen", "afspraak" ->
    "afspraken", "brief" -> "brieven", "gezin" -> "gezinnen",
    "vrijwilliger" -> "vrijwilligers", "gemeente" -> "gemeenten"."""
    if len(word) < 3:
        return set()
    found = {word + "s", word + "en"}
    if word.endswith("e"):
        found.add(word + "n")
    last, before = word[-1], word[-2]
    if last not in VOWELS and before in VOWELS:
        if len(word) > 2 and word[-3] == before:
            found.add(word[:-2] + last + "en")  # afspraak -> afspraken
        elif word[-3] not in VOWELS:
            found.add(word + last + "en")  # gezin -> gezinnen
    if last == "f":
        found.add(word[:-1] + "ven")
    if last == "s" and before in VOWELS:
        found.add(word[:-1] + "zen")
    return found


def variants(word):
    """`word` itself, its singular and plural forms and its synonyms (and
    theirs), in a stable order."""
    word = word.lower()
    forms = {word} | _singulars(word) | _plurals(word)
    for form in list(forms):
        forms |= _SYNONYMS_OF.get(form, set())
    # Fragments of two letters or less match too much on SQLite.
    return sorted(form for form in forms if len(form) > 2 or form == word)
