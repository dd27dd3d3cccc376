"""Thin callable handlers per caller group: parse, authorise, call, map errors."""
