"""What makes a group a course: lessons, the completion rule, completions
and certificates, for budget courses and volunteer trainings."""
