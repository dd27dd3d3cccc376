"""Cloud Functions entry point: global options and the exported handlers.

Firebase discovers every function exported from this module. Keep imports
light: the CLI imports this file at deploy time and every cold start pays
for what it loads. Nothing is set up here: booking.api.startup has the SDK
run it before an instance's first request. Params and secrets are declared
in booking.config.
"""

import gc
from typing import Any

from firebase_functions import https_fn, options

from booking.config import (
    CALENDAR_SYNC_KEY,
    GOOGLE_CLIENT_SECRET,
    SENDGRID_API_KEY,
    STRIPE_SECRET_KEY,
    dev_tools_enabled,
)

# Any function may e-mail a client or reach Stripe after a change (a booking
# made, cancelled or marked no-show), and push the change to a connected
# calendar (which needs the key of the stored credentials), so every function
# gets these keys (by
# name: global options pass SecretParam objects on unconverted). A function
# that names its own secrets must repeat these.
options.set_global_options(
    region="europe-west1",
    max_instances=20,
    secrets=[SENDGRID_API_KEY.name, STRIPE_SECRET_KEY.name, CALENDAR_SYNC_KEY.name, GOOGLE_CLIENT_SECRET.name],
)

from booking.api.admin.calendar import adminBlockTime, adminGetCalendar, adminRemoveBlockedTime  # noqa: E402
from booking.api.admin.calendar_sync import (  # noqa: E402
    adminConfigureCalendarSync,
    adminConnectCalDav,
    adminDisconnectCalendar,
    adminListCalendarSync,
    adminStartGoogleConnect,
    adminSyncCalendarNow,
)
from booking.api.admin.customers import (  # noqa: E402
    adminGetCustomer,
    adminListCustomers,
    adminMergeCustomers,
    adminUpdateCustomer,
)
from booking.api.admin.dashboard import adminGetDashboard, adminRefreshDashboard  # noqa: E402
from booking.api.admin.export import exportCustomers  # noqa: E402
from booking.api.admin.handlers import (  # noqa: E402
    adminChangeBookingStatus,
    adminCreateBooking,
    adminCreateSite,
    adminDeleteBranch,
    adminDeleteService,
    adminDeleteStaff,
    adminGetBooking,
    adminGetSite,
    adminListBookings,
    adminPreviewEmail,
    adminSaveBranch,
    adminSaveSchedule,
    adminSaveService,
    adminSaveStaff,
    adminUpdateSettings,
)
from booking.api.admin.payments import adminGetPayments, adminStripeConnect, adminUpdatePayments  # noqa: E402
from booking.api.admin.pos import (  # noqa: E402
    adminGetPos,
    adminPosQuote,
    adminPosRefund,
    adminPosRegisterReader,
    adminPosSale,
    adminPosSaleStatus,
    adminUpdatePos,
)
from booking.api.admin.staff_access import (  # noqa: E402
    adminGetStaffAccess,
    adminSetStaffPin,
    adminStaffQr,
    adminUnlockStaffPin,
    adminUpdateStaffAccess,
)
from booking.api.admin.subscriptions import (  # noqa: E402
    adminArchivePlan,
    adminCancelSubscription,
    adminListSubscriptions,
    adminSavePlan,
)
from booking.api.admin.waitlist import adminListWaitlist, adminOfferWaitlist  # noqa: E402
from booking.api.calendar_oauth import calendarOAuthCallback  # noqa: E402
from booking.api.manage import (  # noqa: E402
    confirmBooking,
    getManagedBooking,
    rescheduleBooking,
    unsubscribeMarketing,
)
from booking.api.payments_public import getPaymentStatus  # noqa: E402
from booking.api.pos import (  # noqa: E402
    staffPosEmailReceipt,
    staffPosQuote,
    staffPosSale,
    staffPosSaleStatus,
    staffPosSetup,
)
from booking.api.public import (  # noqa: E402 - global options come first
    cancelBooking,
    createBooking,
    getAvailableSlots,
    getBookingConfig,
)
from booking.api.scheduled import (  # noqa: E402
    expireHolds,
    expireWaitlistOffers,
    finishFollowUps,
    markNoShows,
    refreshDashboards,
    rollForwardSubscriptions,
    sendReminders,
    syncCalendars,
)
from booking.api.staff import (  # noqa: E402
    staffAgenda,
    staffChangeStatus,
    staffCreateWalkIn,
    staffDirectory,
    staffLogin,
)
from booking.api.staff_calendar import staffBlockTime, staffCalendar, staffRemoveBlockedTime  # noqa: E402
from booking.api.staff_waitlist import staffOfferWaitlist, staffWaitlist  # noqa: E402
from booking.api.startup import on_call  # noqa: E402
from booking.api.subscriptions import (  # noqa: E402
    cancelSubscription,
    getManagedSubscription,
    getPlans,
    previewSubscription,
    subscribe,
)
from booking.api.waitlist import (  # noqa: E402
    acceptWaitlistOffer,
    declineWaitlistOffer,
    getWaitlistOffer,
    joinWaitlist,
    leaveWaitlist,
)
from booking.api.webhooks import chargeNoShowFee, stripeWebhook  # noqa: E402


@on_call()
def ping(request: https_fn.CallableRequest[Any]) -> dict[str, str]:
    """Liveness check used by the local tooling to know the code is loaded."""
    return {"status": "ok"}


__all__ = [
    "acceptWaitlistOffer",
    "adminArchivePlan",
    "adminBlockTime",
    "adminCancelSubscription",
    "adminChangeBookingStatus",
    "adminConfigureCalendarSync",
    "adminConnectCalDav",
    "adminCreateBooking",
    "adminCreateSite",
    "adminDeleteBranch",
    "adminDeleteService",
    "adminDeleteStaff",
    "adminDisconnectCalendar",
    "adminGetBooking",
    "adminGetCalendar",
    "adminGetCustomer",
    "adminGetDashboard",
    "adminGetPayments",
    "adminGetPos",
    "adminGetSite",
    "adminGetStaffAccess",
    "adminListBookings",
    "adminListCalendarSync",
    "adminListCustomers",
    "adminListSubscriptions",
    "adminListWaitlist",
    "adminMergeCustomers",
    "adminOfferWaitlist",
    "adminPosQuote",
    "adminPosRefund",
    "adminPosRegisterReader",
    "adminPosSale",
    "adminPosSaleStatus",
    "adminPreviewEmail",
    "adminRefreshDashboard",
    "adminRemoveBlockedTime",
    "adminSaveBranch",
    "adminSavePlan",
    "adminSaveSchedule",
    "adminSaveService",
    "adminSaveStaff",
    "adminSetStaffPin",
    "adminStaffQr",
    "adminStartGoogleConnect",
    "adminStripeConnect",
    "adminSyncCalendarNow",
    "adminUnlockStaffPin",
    "adminUpdateCustomer",
    "adminUpdatePayments",
    "adminUpdatePos",
    "adminUpdateSettings",
    "adminUpdateStaffAccess",
    "calendarOAuthCallback",
    "cancelBooking",
    "cancelSubscription",
    "chargeNoShowFee",
    "confirmBooking",
    "createBooking",
    "declineWaitlistOffer",
    "expireHolds",
    "expireWaitlistOffers",
    "exportCustomers",
    "finishFollowUps",
    "getAvailableSlots",
    "getBookingConfig",
    "getManagedBooking",
    "getManagedSubscription",
    "getPaymentStatus",
    "getPlans",
    "getWaitlistOffer",
    "joinWaitlist",
    "leaveWaitlist",
    "markNoShows",
    "ping",
    "previewSubscription",
    "refreshDashboards",
    "rescheduleBooking",
    "rollForwardSubscriptions",
    "sendReminders",
    "staffAgenda",
    "staffBlockTime",
    "staffCalendar",
    "staffChangeStatus",
    "staffCreateWalkIn",
    "staffDirectory",
    "staffLogin",
    "staffOfferWaitlist",
    "staffPosEmailReceipt",
    "staffPosQuote",
    "staffPosSale",
    "staffPosSaleStatus",
    "staffPosSetup",
    "staffRemoveBlockedTime",
    "staffWaitlist",
    "stripeWebhook",
    "subscribe",
    "syncCalendars",
    "unsubscribeMarketing",
]

# The dev mailbox and the stand-in Checkout's Pay button exist only in the
# emulator with a `demo-` project: a deployment never discovers them, so they
# can't be called however their own checks might fail. Their hosting rewrites
# stay in firebase.json (docs/api.md, "Emulator-only callables").
if dev_tools_enabled():
    from booking.api.mailbox import devListOutbox
    from booking.api.payments_public import completeDevCheckout
    from booking.api.subscriptions import completeDevSubscription

    __all__ += ["completeDevCheckout", "completeDevSubscription", "devListOutbox"]

# What is imported lives as long as the instance. Keep it out of the garbage
# collector's full passes, which would walk it again on every one: a pause of
# 15 ms or more, and all of an emulator's workers reach it at the same moment.
gc.freeze()
