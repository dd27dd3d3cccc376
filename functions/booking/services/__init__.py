"""Use cases: load through the adapters, decide with the domain, save."""
