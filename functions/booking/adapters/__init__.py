"""The imperative shell: Firestore, email, payment and calendar adapters."""
