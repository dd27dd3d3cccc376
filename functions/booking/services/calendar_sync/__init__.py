"""Calendar sync use cases (docs/calendar-sync.md): connections, push, pull."""
