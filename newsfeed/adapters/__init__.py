"""Adapters: everything that talks to the outside (the database and its models, queries,
migrations, the mail server, HTTP fetches). Imports the domain and rendering only."""
