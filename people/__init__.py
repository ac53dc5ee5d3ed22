"""People, the lowest app: the e-mail-login user, organisations and roles,
who may do what (`permissions`), the mail outbox, privacy, the hooks other
apps add their sections through (`sections`) and the shared admin toolkit
(`admin_kit`)."""
