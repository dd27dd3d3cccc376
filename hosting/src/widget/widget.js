// Replaced by the booking widget.
