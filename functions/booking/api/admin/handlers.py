"""Callables for the admin pages. Every one reads the site id first, refuses
anyone but that site's admins, then validates the rest and calls one use case."""

from __future__ import annotations

from typing import Any

from firebase_functions import https_fn

from booking.api.admin import bookings_schema, schemas, views
from booking.api.admin import catalog_schema as catalog_input
from booking.api.auth import Admin, require_site_admin
from booking.api.context import now
from booking.api.errors import maps_domain_errors
from booking.api.startup import on_call
from booking.services.admin import bookings as admin_bookings
from booking.services.admin import catalog as admin_catalog
from booking.services.admin import desk_booking
from booking.services.admin import schedules as admin_schedules
from booking.services.admin import settings as admin_settings

Request = https_fn.CallableRequest[Any]


def _admin_of(request: Request) -> Admin:
    return require_site_admin(request, schemas.site_of(request.data))


@on_call()
@maps_domain_errors
def adminGetSite(request: Request) -> dict[str, Any]:  # noqa: N802 - callable name
    _admin_of(request)
    return views.site_overview(admin_settings.overview(schemas.site_only(request.data)))


@on_call()
@maps_domain_errors
def adminCreateSite(request: Request) -> dict[str, Any]:  # noqa: N802
    """The grant tool names the new site id in the caller's claims first."""
    _admin_of(request)
    return views.site_overview(admin_settings.create_site(schemas.new_site(request.data), now()))


@on_call()
@maps_domain_errors
def adminUpdateSettings(request: Request) -> dict[str, Any]:  # noqa: N802
    _admin_of(request)
    return views.site_overview(admin_settings.update_settings(schemas.site_update(request.data), now()))


@on_call()
@maps_domain_errors
def adminSaveService(request: Request) -> dict[str, Any]:  # noqa: N802
    _admin_of(request)
    return admin_catalog.save_service(catalog_input.service(request.data), now())


@on_call()
@maps_domain_errors
def adminSaveStaff(request: Request) -> dict[str, Any]:  # noqa: N802
    _admin_of(request)
    return admin_catalog.save_staff(catalog_input.staff(request.data), now())


@on_call()
@maps_domain_errors
def adminSaveBranch(request: Request) -> dict[str, Any]:  # noqa: N802
    _admin_of(request)
    return admin_catalog.save_branch(catalog_input.branch(request.data), now())


@on_call()
@maps_domain_errors
def adminDeleteService(request: Request) -> dict[str, Any]:  # noqa: N802
    _admin_of(request)
    return admin_catalog.delete_item(*schemas.item_ref(request.data, "serviceId"), "services", now())


@on_call()
@maps_domain_errors
def adminDeleteStaff(request: Request) -> dict[str, Any]:  # noqa: N802
    _admin_of(request)
    return admin_catalog.delete_item(*schemas.item_ref(request.data, "staffId"), "staff", now())


@on_call()
@maps_domain_errors
def adminDeleteBranch(request: Request) -> dict[str, Any]:  # noqa: N802
    _admin_of(request)
    return admin_catalog.delete_item(*schemas.item_ref(request.data, "branchId"), "branches", now())


@on_call()
@maps_domain_errors
def adminSaveSchedule(request: Request) -> dict[str, Any]:  # noqa: N802
    """Answers with the future bookings that fall outside the new hours."""
    _admin_of(request)
    return views.schedule_saved(admin_schedules.save_schedule(schemas.schedule(request.data), now()))


@on_call()
@maps_domain_errors
def adminListBookings(request: Request) -> dict[str, Any]:  # noqa: N802
    _admin_of(request)
    return views.booking_page(admin_bookings.list_bookings(bookings_schema.booking_query(request.data)))


@on_call()
@maps_domain_errors
def adminGetBooking(request: Request) -> dict[str, Any]:  # noqa: N802
    _admin_of(request)
    return views.booking_detail(admin_bookings.get_booking(*schemas.item_ref(request.data, "bookingId")))


@on_call()
@maps_domain_errors
def adminChangeBookingStatus(request: Request) -> dict[str, Any]:  # noqa: N802
    """Confirm or cancel, recorded in the history under the admin's e-mail."""
    admin = _admin_of(request)
    site_id, booking_id, action = bookings_schema.status_change(request.data)
    return views.booking_detail(admin_bookings.change_status(site_id, booking_id, action, admin.label, now()))


@on_call()
@maps_domain_errors
def adminPreviewEmail(request: Request) -> dict[str, Any]:  # noqa: N802
    """The confirmation e-mail with the branding as typed; nothing is saved."""
    from booking.services.email import preview as email_preview  # loaded when used (cold starts)

    _admin_of(request)
    branding = schemas.email_preview(request.data)
    return views.email_preview(email_preview.confirmation_preview(schemas.site_of(request.data), branding, now()))


@on_call()
@maps_domain_errors
def adminCreateBooking(request: Request) -> dict[str, Any]:  # noqa: N802
    """A booking for a client on the phone or at the desk, confirmed at once."""
    admin = _admin_of(request)
    made = desk_booking.create_desk_booking(bookings_schema.desk_booking(request.data), admin.label, now())
    return views.booking_detail(made)
