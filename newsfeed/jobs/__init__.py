"""Jobs: processes that own their transactions (the scheduler, the outbox sweep, source syncs).
They call services and adapters and commit; nothing else in the package commits but the edges
(web requests, CLI commands)."""
