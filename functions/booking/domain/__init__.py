"""Pure booking rules: no Firebase, no network, no clock reads."""
