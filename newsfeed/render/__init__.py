"""Rendering: pure functions, values in and bytes out (safe HTML, Atom/RSS/JSON Feed, iCalendar,
emails, exported news lists). Imports the domain only."""
