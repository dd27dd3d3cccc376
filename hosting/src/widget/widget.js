// Entry point of widget.js, the one script a website includes:
//   <script src="https://<booking host>/widget.js" defer></script>
//   <booking-widget site="your-site-id"></booking-widget>
// The API lives where this script was loaded from, unless `api-base` says otherwise.

import { BookingWidget, setDefaultOrigin } from "./element.js";

// currentScript is only set while this file first runs, so read it now.
const script = document.currentScript;
if (script && script.src) setDefaultOrigin(new URL(script.src, location.href).origin);

if (!customElements.get("booking-widget")) customElements.define("booking-widget", BookingWidget);
