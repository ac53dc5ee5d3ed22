"""The person's own side of aftercare: "Mijn nazorg" on Mijn Waakvlam, and
choosing how and how often to keep in touch, pausing and stopping. Only the
person may use these pages (people.permissions.may_change_own_plan)."""
