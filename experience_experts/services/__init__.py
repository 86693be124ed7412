"""The workflows of experience experts, one module per flow: profiles, matching,
assignments, applications (apply, invite), bookings, declarations (conflict of
interest), hours, statements, invoices, finance (export), calendar, reminders,
feedback, retention; notices holds the e-mail to the expert they share.

Views call these functions and stay thin. Each refusal raises
`experience_experts.exceptions.Refused` with a sentence the person can act on.
Permission checks are the caller's job (permissions.py); these functions check the
rules of the work itself."""
