"""Subscriptions through Stripe Billing (docs/subscriptions.md)."""
