"""The site's own demo content, made first by `manage.py seed_demo`:

- people: organisations and one account per role;
- pages: the home page, content pages, statements and site settings;
- statements: the text of the accessibility and privacy statements.

Each domain app adds its own demo content through its AppConfig's `seed_demo(home)`
(usually calling its demo.py), found by inspraak.core.discovery.
"""
