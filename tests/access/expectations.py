"""Who may use each URL: the expectations table the access matrix checks.

Every pattern of the resolver must be here. The project's own URLs are
listed one by one; Wagtail's own admin and allauth's account pages are
covered by a prefix rule each, so that a project URL that lands under
/admin/ or /account/ is not hidden by the prefix: a route served by a view
of the project's own, or below PROJECT_ADMIN_PREFIXES (viewsets built from
Wagtail's generic views), must be listed by itself.

To add a URL: put its route (as `tests.access.resolver.url_patterns()`
prints it) in OWN_URLS with the rule of who may use it.
"""

# Anyone, signed in or not (unknown ids and tokens answer 404, never 500).
PUBLIC = "public"
# Only someone signed in; anonymous visitors go to the login page.
SIGNED_IN = "signed_in"
# Only people with Wagtail admin access (coordinators, editors, superusers).
STAFF = "staff"
# allauth's account pages: some for visitors, some for the signed in.
ACCOUNT = "account"

RULES = (PUBLIC, SIGNED_IN, STAFF, ACCOUNT)

# Wagtail's and allauth's own patterns, by prefix.
PREFIX_RULES = {"admin/": STAFF, "account/": ACCOUNT}

# Project URLs below a prefix rule: they must be listed in OWN_URLS.
PROJECT_ADMIN_PREFIXES = (
    "admin/aftercare_",
    "admin/attendance_",
    "admin/attention_signals/",
    "admin/closures/",
    "admin/completion_rules/",
    "admin/completions/",
    "admin/emails/",
    "admin/enrolments/",
    "admin/group_pauses/",
    "admin/lessons/",
    "admin/meetings/",
    "admin/memberships/",
    "admin/organisations/",
    "admin/role_invitations/",
    "admin/savings_circles/",
    "admin/snippets/choose/knowledge/",
    "admin/snippets/knowledge/",
    "admin/volunteers/",
)

OWN_URLS = {
    # Waakvlam's own versions of allauth's two-factor pages (they keep `next`).
    "account/2fa/recovery-codes/": ACCOUNT,
    "account/2fa/totp/activate/": ACCOUNT,
    "account/2fa/webauthn/add/": ACCOUNT,
    "account/2fa/webauthn/keys/<int:pk>/remove/": ACCOUNT,
    # The audit log: superusers only (others with admin access get a 403).
    "admin/audit-log/": STAFF,
    "admin/audit-log/results/": STAFF,
    # Wagtail admin's pages for those not signed in yet: public by design.
    "admin/jsi18n/": PUBLIC,
    "admin/login/": PUBLIC,
    "admin/logout/": PUBLIC,
    "admin/password_reset/": PUBLIC,
    "admin/password_reset/complete/": PUBLIC,
    "admin/password_reset/confirm/<uidb64>/<token>/": PUBLIC,
    "admin/password_reset/done/": PUBLIC,
    "admin/sprite/": PUBLIC,
    "^((?:[\\w\\-]+/)*)$": PUBLIC,
    "^(?P<page_path>(?:[\\w\\-]+/)+)agenda\\.ics$": PUBLIC,
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": PUBLIC,
    "_util/login/": PUBLIC,
    "cursussen/certificaat/<token:code>/": PUBLIC,
    "documenten/^(\\d+)/(.*)$": PUBLIC,
    "documenten/authenticate_with_password/<int:restriction_id>/": PUBLIC,
    "favicon.ico": PUBLIC,
    # For load balancers: no personal data, nothing but "ok" or which check failed.
    "health/": PUBLIC,
    "health/ready/": PUBLIC,
    "groepen/<int:group_id>/aanmelden/": PUBLIC,
    "groepen/<int:group_id>/deelnemers/": SIGNED_IN,
    "groepen/<int:group_id>/pauze/": SIGNED_IN,
    "groepen/<int:group_id>/spaarkring/": SIGNED_IN,
    "groepen/<int:group_id>/spaarkring/boeking/<int:entry_id>/corrigeren/": SIGNED_IN,
    "groepen/<int:group_id>/spaarkring/mijn-doel/": SIGNED_IN,
    "groepen/<int:group_id>/spaarkring/uitbetaling/<int:person_id>/": SIGNED_IN,
    "groepen/<int:group_id>/spaarkring/uitbetalen/": SIGNED_IN,
    "groepen/<int:group_id>/spaarkring/afsluiten/": SIGNED_IN,
    "groepen/<int:group_id>/spaarkring/ronde/<int:number>/": SIGNED_IN,
    "groepen/<int:group_id>/spaarkring/ronde/<int:number>/gelukt/": SIGNED_IN,
    "groepen/<int:group_id>/spaarkring/ronde/<int:number>/uitbetaling/<int:person_id>/": SIGNED_IN,
    "groepen/aanmelding/<int:enrolment_id>/": SIGNED_IN,
    "groepen/aanmelding/<int:enrolment_id>/afmelden/": SIGNED_IN,
    "groepen/agenda/<token:token>.ics": PUBLIC,
    "groepen/agenda/nieuwe-link/": SIGNED_IN,
    "groepen/bijeenkomst/<int:meeting_id>/": SIGNED_IN,
    "groepen/bijeenkomst/<int:meeting_id>/inleg/": SIGNED_IN,
    "groepen/bijeenkomst/<int:meeting_id>/inloop/": SIGNED_IN,
    "groepen/bijeenkomst/<int:meeting_id>/afmelden/": SIGNED_IN,
    # The reminder's one-click link: the signed token is the authority.
    "groepen/afmelden/<token:token>/": PUBLIC,
    "groepen/plek/<token:token>/": PUBLIC,
    "groepen/signaal/<int:signal_id>/": SIGNED_IN,
    "groepen/uitnodiging/<token:token>/": PUBLIC,
    "mijn/": SIGNED_IN,
    # The steady contact's screens (the views answer others with a 404).
    "nazorg/moment/<int:moment_id>/": SIGNED_IN,
    "nazorg/moment/<int:moment_id>/verzetten/": SIGNED_IN,
    "nazorg/traject/<int:plan_id>/": SIGNED_IN,
    "nazorg/traject/<int:plan_id>/doorverwijzen/": SIGNED_IN,
    "nazorg/traject/<int:plan_id>/succes/": SIGNED_IN,
    "nazorg/doorverwijzing/<int:referral_id>/": SIGNED_IN,
    "mijn/account-verwijderen/": SIGNED_IN,
    "mijn/gegevens/": SIGNED_IN,
    "mijn/gegevens/downloaden/": SIGNED_IN,
    "mijn/uitnodiging/<token:token>/": PUBLIC,
    # The person's own aftercare pages, and the help card (aftercare.mine, aftercare.helpcard).
    "nazorg/mijn/<int:plan_id>/contact/": SIGNED_IN,
    "nazorg/mijn/<int:plan_id>/pauze/": SIGNED_IN,
    "nazorg/mijn/<int:plan_id>/stoppen/": SIGNED_IN,
    "nazorg/mijn/<int:plan_id>/hulpkaart/": SIGNED_IN,
    "nazorg/mijn/<int:plan_id>/hulpkaart/mensen/": SIGNED_IN,
    "nazorg/traject/<int:plan_id>/hulpkaart/": SIGNED_IN,
    "nazorg/traject/<int:plan_id>/hulpkaart/mensen/": SIGNED_IN,
    "sitemap.xml": PUBLIC,
    "robots.txt": PUBLIC,
    "vrijwilligers/trainingen/<int:group_id>/aanmelden/": SIGNED_IN,
    "zoeken/": PUBLIC,
    # The coordinators' aftercare screens (aftercare.admin).
    "admin/aftercare_overdue/": STAFF,
    "admin/aftercare_overdue/results/": STAFF,
    "admin/aftercare_plans/": STAFF,
    "admin/aftercare_plans/choices/<int:pk>/": STAFF,
    "admin/aftercare_plans/close/<int:pk>/": STAFF,
    "admin/aftercare_plans/consent-withdraw/<int:pk>/": STAFF,
    "admin/aftercare_plans/contact/<int:pk>/": STAFF,
    "admin/aftercare_plans/inspect/<int:pk>/": STAFF,
    "admin/aftercare_plans/new/": STAFF,
    "admin/aftercare_plans/pause/<int:pk>/": STAFF,
    "admin/aftercare_plans/phase/<int:pk>/": STAFF,
    "admin/aftercare_plans/reopen/<int:pk>/": STAFF,
    "admin/aftercare_plans/results/": STAFF,
    "admin/aftercare_plans/resume/<int:pk>/": STAFF,
    "admin/aftercare_plans/until/<int:pk>/": STAFF,
    "admin/aftercare_report/": STAFF,
    "admin/aftercare_report/results/": STAFF,
    "admin/aftercare_settings/": STAFF,
    "admin/aftercare_settings/edit/<int:pk>/": STAFF,
    "admin/aftercare_settings/history-results/<int:pk>/": STAFF,
    "admin/aftercare_settings/history/<int:pk>/": STAFF,
    "admin/aftercare_settings/new/": STAFF,
    "admin/aftercare_settings/results/": STAFF,
    "admin/attendance_report/": STAFF,
    "admin/attendance_report/results/": STAFF,
    "admin/attendance_trend/": STAFF,
    "admin/attendance_trend/results/": STAFF,
    "admin/attention_signals/": STAFF,
    "admin/attention_signals/outcome/<int:pk>/": STAFF,
    "admin/attention_signals/results/": STAFF,
    "admin/closures/": STAFF,
    "admin/closures/cancel-meetings/<int:pk>/": STAFF,
    "admin/closures/delete/<int:pk>/": STAFF,
    "admin/closures/edit/<int:pk>/": STAFF,
    "admin/closures/history-results/<int:pk>/": STAFF,
    "admin/closures/history/<int:pk>/": STAFF,
    "admin/closures/holidays/": STAFF,
    "admin/closures/new/": STAFF,
    "admin/closures/results/": STAFF,
    "admin/completion_rules/": STAFF,
    "admin/completion_rules/delete/<int:pk>/": STAFF,
    "admin/completion_rules/edit/<int:pk>/": STAFF,
    "admin/completion_rules/history-results/<int:pk>/": STAFF,
    "admin/completion_rules/history/<int:pk>/": STAFF,
    "admin/completion_rules/new/": STAFF,
    "admin/completion_rules/results/": STAFF,
    "admin/completions/": STAFF,
    "admin/completions/inspect/<int:pk>/": STAFF,
    "admin/completions/results/": STAFF,
    "admin/emails/": STAFF,
    "admin/emails/inspect/<int:pk>/": STAFF,
    "admin/emails/results/": STAFF,
    "admin/emails/retry/<int:pk>/": STAFF,
    "admin/enrolments/": STAFF,
    "admin/enrolments/cancel/<int:pk>/": STAFF,
    "admin/enrolments/inspect/<int:pk>/": STAFF,
    "admin/enrolments/promote/<int:pk>/": STAFF,
    "admin/enrolments/results/": STAFF,
    "admin/group_pauses/": STAFF,
    "admin/group_pauses/new/": STAFF,
    "admin/group_pauses/results/": STAFF,
    "admin/group_pauses/resume/<int:pk>/": STAFF,
    "admin/lessons/": STAFF,
    "admin/lessons/delete/<int:pk>/": STAFF,
    "admin/lessons/edit/<int:pk>/": STAFF,
    "admin/lessons/history-results/<int:pk>/": STAFF,
    "admin/lessons/history/<int:pk>/": STAFF,
    "admin/lessons/new/": STAFF,
    "admin/lessons/results/": STAFF,
    "admin/meetings/": STAFF,
    "admin/meetings/cancel/<int:pk>/": STAFF,
    "admin/meetings/edit/<int:pk>/": STAFF,
    "admin/meetings/extend/": STAFF,
    "admin/meetings/history-results/<int:pk>/": STAFF,
    "admin/meetings/history/<int:pk>/": STAFF,
    "admin/meetings/inspect/<int:pk>/": STAFF,
    "admin/meetings/new/": STAFF,
    "admin/meetings/results/": STAFF,
    "admin/meetings/series/": STAFF,
    "admin/memberships/": STAFF,
    "admin/memberships/copy/<int:pk>/": STAFF,
    "admin/memberships/delete/<int:pk>/": STAFF,
    "admin/memberships/edit/<int:pk>/": STAFF,
    "admin/memberships/history-results/<int:pk>/": STAFF,
    "admin/memberships/history/<int:pk>/": STAFF,
    "admin/memberships/invite/": STAFF,
    "admin/memberships/new/": STAFF,
    "admin/memberships/results/": STAFF,
    "admin/memberships/usage/<int:pk>/": STAFF,
    "admin/organisations/": STAFF,
    "admin/organisations/copy/<int:pk>/": STAFF,
    "admin/organisations/delete/<int:pk>/": STAFF,
    "admin/organisations/edit/<int:pk>/": STAFF,
    "admin/organisations/history-results/<int:pk>/": STAFF,
    "admin/organisations/history/<int:pk>/": STAFF,
    "admin/organisations/new/": STAFF,
    "admin/organisations/results/": STAFF,
    "admin/organisations/usage/<int:pk>/": STAFF,
    "admin/role_invitations/": STAFF,
    "admin/role_invitations/results/": STAFF,
    "admin/role_invitations/withdraw/<int:pk>/": STAFF,
    "admin/savings_circles/": STAFF,
    "admin/savings_circles/edit/<int:pk>/": STAFF,
    "admin/savings_circles/history-results/<int:pk>/": STAFF,
    "admin/savings_circles/history/<int:pk>/": STAFF,
    "admin/savings_circles/new/": STAFF,
    "admin/savings_circles/results/": STAFF,
    "admin/snippets/choose/knowledge/service/": STAFF,
    "admin/snippets/choose/knowledge/service/chosen-multiple/": STAFF,
    "admin/snippets/choose/knowledge/service/chosen/<str:pk>/": STAFF,
    "admin/snippets/choose/knowledge/service/create/": STAFF,
    "admin/snippets/choose/knowledge/service/results/": STAFF,
    "admin/snippets/choose/knowledge/topic/": STAFF,
    "admin/snippets/choose/knowledge/topic/chosen-multiple/": STAFF,
    "admin/snippets/choose/knowledge/topic/chosen/<str:pk>/": STAFF,
    "admin/snippets/choose/knowledge/topic/create/": STAFF,
    "admin/snippets/choose/knowledge/topic/results/": STAFF,
    "admin/snippets/knowledge/service/": STAFF,
    "admin/snippets/knowledge/service/add/": STAFF,
    "admin/snippets/knowledge/service/copy/<int:pk>/": STAFF,
    "admin/snippets/knowledge/service/delete/<int:pk>/": STAFF,
    "admin/snippets/knowledge/service/edit/<int:pk>/": STAFF,
    "admin/snippets/knowledge/service/history-results/<int:pk>/": STAFF,
    "admin/snippets/knowledge/service/history/<int:pk>/": STAFF,
    "admin/snippets/knowledge/service/results/": STAFF,
    "admin/snippets/knowledge/service/usage/<int:pk>/": STAFF,
    "admin/snippets/knowledge/topic/": STAFF,
    "admin/snippets/knowledge/topic/add/": STAFF,
    "admin/snippets/knowledge/topic/copy/<int:pk>/": STAFF,
    "admin/snippets/knowledge/topic/delete/<int:pk>/": STAFF,
    "admin/snippets/knowledge/topic/edit/<int:pk>/": STAFF,
    "admin/snippets/knowledge/topic/history-results/<int:pk>/": STAFF,
    "admin/snippets/knowledge/topic/history/<int:pk>/": STAFF,
    "admin/snippets/knowledge/topic/results/": STAFF,
    "admin/snippets/knowledge/topic/usage/<int:pk>/": STAFF,
    "admin/volunteers/competencies/": STAFF,
    "admin/volunteers/competencies/edit/<int:pk>/": STAFF,
    "admin/volunteers/competencies/history-results/<int:pk>/": STAFF,
    "admin/volunteers/competencies/history/<int:pk>/": STAFF,
    "admin/volunteers/competencies/new/": STAFF,
    "admin/volunteers/competencies/results/": STAFF,
    "admin/volunteers/evidence/<int:pk>/": STAFF,
    "admin/volunteers/overview/": STAFF,
    "admin/volunteers/overview/results/": STAFF,
    "admin/volunteers/profiles/": STAFF,
    "admin/volunteers/profiles/edit/<int:pk>/": STAFF,
    "admin/volunteers/profiles/enrol/<int:pk>/": STAFF,
    "admin/volunteers/profiles/history-results/<int:pk>/": STAFF,
    "admin/volunteers/profiles/history/<int:pk>/": STAFF,
    "admin/volunteers/profiles/inspect/<int:pk>/": STAFF,
    "admin/volunteers/profiles/new/": STAFF,
    "admin/volunteers/profiles/results/": STAFF,
    "admin/volunteers/records/": STAFF,
    "admin/volunteers/records/inspect/<int:pk>/": STAFF,
    "admin/volunteers/records/new/": STAFF,
    "admin/volunteers/records/results/": STAFF,
    "admin/volunteers/roles/": STAFF,
    "admin/volunteers/roles/edit/<int:pk>/": STAFF,
    "admin/volunteers/roles/history-results/<int:pk>/": STAFF,
    "admin/volunteers/roles/history/<int:pk>/": STAFF,
    "admin/volunteers/roles/new/": STAFF,
    "admin/volunteers/roles/results/": STAFF,
    "admin/volunteers/training-competencies/": STAFF,
    "admin/volunteers/training-competencies/delete/<int:pk>/": STAFF,
    "admin/volunteers/training-competencies/edit/<int:pk>/": STAFF,
    "admin/volunteers/training-competencies/history-results/<int:pk>/": STAFF,
    "admin/volunteers/training-competencies/history/<int:pk>/": STAFF,
    "admin/volunteers/training-competencies/new/": STAFF,
    "admin/volunteers/training-competencies/results/": STAFF,
}


def rule_for(route, own_urls=None, prefix_rules=None):
    """The rule of `route`, or None when the table does not say."""
    own_urls = OWN_URLS if own_urls is None else own_urls
    prefix_rules = PREFIX_RULES if prefix_rules is None else prefix_rules
    if route in own_urls:
        return own_urls[route]
    if route.startswith(PROJECT_ADMIN_PREFIXES):
        return None
    for prefix, rule in prefix_rules.items():
        if route.startswith(prefix):
            return rule
    return None


def table_problems(patterns, own_urls=None, prefix_rules=None, project_routes=()):
    """What is wrong with the table for `patterns` [(route, name)]: URLs it
    does not cover (a route in `project_routes` only by being listed) and
    entries no URL has any more."""
    own_urls = OWN_URLS if own_urls is None else own_urls
    problems = [
        f"URL {route!r} ({name}) is not in the access expectations: add it to "
        f"OWN_URLS in tests/access/expectations.py with the rule of who may use it "
        f"({', '.join(RULES)})."
        for route, name in patterns
        if rule_for(route, own_urls, prefix_rules) is None
        or (route in project_routes and route not in own_urls)
    ]
    routes = {route for route, _name in patterns}
    problems += [
        f"OWN_URLS in tests/access/expectations.py lists {route!r}, which no URL "
        f"pattern has any more: remove it."
        for route in own_urls
        if route not in routes
    ]
    return problems
