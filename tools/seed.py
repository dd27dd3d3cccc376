"""Write the demo site into a running emulator suite, or rebuild the export.

python tools/seed.py            seed the running emulators
python tools/seed.py --export   start empty emulators, seed, export to emulator-data/, stop
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "functions"))
import demo_data
import stack

AUTH_URL = "http://127.0.0.1:{port}/identitytoolkit.googleapis.com/v1/projects/{project}/accounts"


def seed_firestore(db: object) -> None:
    from google.cloud import firestore

    assert isinstance(db, firestore.Client)
    site = db.collection("sites").document(demo_data.SITE_ID)
    batch = db.batch()
    batch.set(site, demo_data.SITE)
    for collection, documents in (
        ("branches", demo_data.BRANCHES),
        ("services", demo_data.SERVICES),
        ("staff", demo_data.STAFF),
        ("schedules", demo_data.SCHEDULES),
        ("subscriptionPlans", demo_data.SUBSCRIPTION_PLANS),
    ):
        for doc_id, doc in documents.items():
            batch.set(site.collection(collection).document(doc_id), doc)
    seed_staff_access(batch, site)
    batch.set(site.collection("private").document("pos"), demo_data.POS)
    # A fresh catalog version: warm functions drop what they cached before.
    from booking.adapters.site_store import mark_catalog_changed

    mark_catalog_changed(batch, demo_data.SITE_ID)
    batch.commit()


def seed_staff_access(batch: Any, site: Any) -> None:
    """Staff app switched on, and the demo staff's PINs as salted hashes."""
    import secrets
    from datetime import UTC, datetime

    from booking.config import EMULATOR_PIN_PEPPER
    from booking.domain.pins import SALT_BYTES, hash_pin

    batch.set(site.collection("private").document("staffAccess"), demo_data.STAFF_ACCESS)
    for staff_id, pin in demo_data.STAFF_PINS.items():
        pin_hash = hash_pin(pin, secrets.token_bytes(SALT_BYTES), EMULATOR_PIN_PEPPER.encode())
        record = {"pin": pin_hash.to_dict(), "pinSetAt": datetime.now(UTC)}
        batch.set(site.collection("staffPrivate").document(staff_id), {**record, "generation": 0})


def _auth_emulator(endpoint: str, body: dict[str, object]) -> dict[str, object]:
    url = AUTH_URL.format(port=stack.ports()["auth"], project=stack.PROJECT_ID) + endpoint
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Authorization": "Bearer owner"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        result: dict[str, object] = json.load(response)
    return result


def create_admin(email: str, password: str, site_id: str) -> None:
    """Create a user in the Auth emulator with admin rights on `site_id`."""
    user = _auth_emulator(
        "", {"email": email, "password": password, "displayName": "Demo Admin", "emailVerified": True}
    )
    claims = json.dumps({"sites": {site_id: "admin"}})
    _auth_emulator(":update", {"localId": user["localId"], "customAttributes": claims})


def emulator_client() -> object:
    os.environ.setdefault("FIRESTORE_EMULATOR_HOST", f"127.0.0.1:{stack.ports()['firestore']}")
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import firestore

    return firestore.Client(project=stack.PROJECT_ID, credentials=AnonymousCredentials())


def seed() -> None:
    db = emulator_client()
    seed_firestore(db)
    create_admin(demo_data.ADMIN_EMAIL, demo_data.ADMIN_PASSWORD, demo_data.SITE_ID)
    print(f"Seeded site '{demo_data.SITE_ID}' and admin {demo_data.ADMIN_EMAIL}.")
    seed_demo_history(db)


def seed_demo_history(db: object) -> None:
    """Three months of past bookings, recounted, and the dashboard (tools/demo_history.py)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    import demo_history

    os.environ.setdefault("GCLOUD_PROJECT", stack.PROJECT_ID)
    today = datetime.now(ZoneInfo(demo_data.SITE["timezone"])).date()
    print(f"Added {demo_history.seed_history(db, today)} past bookings to '{demo_data.SITE_ID}'.")


def export() -> None:
    target = stack.ROOT / "emulator-data"
    process = stack.start(log_path=stack.ROOT / ".tools" / "seed-emulators.log")
    try:
        stack.wait_until_ready(process)
        seed()
        # Straight to this suite's hub: `firebase emulators:export` would find
        # the hub of whichever suite of the project started last.
        request = urllib.request.Request(
            f"http://127.0.0.1:{stack.ports()['hub']}/_admin/export",
            data=json.dumps({"path": str(target), "initiatedBy": "export"}).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        urllib.request.urlopen(request, timeout=300).close()
    finally:
        stack.stop(process)
    print(f"Exported the demo data to {target.relative_to(stack.ROOT)}/.")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--export", action="store_true", help="rebuild emulator-data/ from scratch")
    export() if parser.parse_args().export else seed()
