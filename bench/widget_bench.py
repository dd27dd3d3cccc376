"""Placeholder until the widget measurement lands."""

from __future__ import annotations


def run() -> dict[str, float]:
    return {}
