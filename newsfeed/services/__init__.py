"""Use cases. Each takes a Session (and a clock where time matters), flushes, and never commits:
the caller — a request handler, a CLI command or a job — owns the transaction."""
