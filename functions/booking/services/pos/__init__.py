"""The POS register: sales, card payments at a reader, receipts (docs/pos.md)."""
