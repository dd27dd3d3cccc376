"""Recount every customer profile of a site from its bookings: visits are
completed bookings, the tier follows from them (docs/customers.md).

python tools/recount_customers.py [SITE_ID]

Against the running emulators unless FIRESTORE_EMULATOR_HOST or
GOOGLE_CLOUD_PROJECT say otherwise. Idempotent: a second run changes nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "functions"))
import demo_data
import stack


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site_id", nargs="?", default=demo_data.SITE_ID)
    site_id = parser.parse_args().site_id
    if "GOOGLE_CLOUD_PROJECT" not in os.environ:
        os.environ.setdefault("FIRESTORE_EMULATOR_HOST", f"127.0.0.1:{stack.ports()['firestore']}")
        os.environ.setdefault("GCLOUD_PROJECT", stack.PROJECT_ID)
    from booking.adapters import customer_counts

    changed = customer_counts.recount_site(site_id)
    print(f"Recounted the customers of '{site_id}': {changed} documents changed.")


if __name__ == "__main__":
    main()
