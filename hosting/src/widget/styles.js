// The widget's own CSS, scoped by its shadow root. `.bw` resets everything it
// could inherit from the host page (fonts, colours, spacing) and sizes are in
// px/em, never rem, so a host page's root font size can't blow the layout up.
// Colours come from custom properties set from the accent (see contrast.js).

export const STYLES = `
:host{display:block!important;visibility:visible!important;opacity:1!important}
:host([hidden]){display:none!important}
.bw{all:initial;display:block;box-sizing:border-box;container-type:inline-size;max-width:760px;margin:0 auto;
  padding:20px;border:1px solid #d1d5db;border-radius:12px;background:#fff;color:#1f2937;
  font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;text-align:start}
.bw *,.bw *::before,.bw *::after{box-sizing:border-box}
.bw--compact{max-width:440px;padding:16px}
@media (max-width:480px){.bw{padding:14px}}
h2,h3,h4,p,ul,dl,dd{margin:0;padding:0}
ul{list-style:none}
h2{font-size:1.375em;line-height:1.3}
h3{font-size:1.125em;margin-bottom:12px}
h3:focus{outline:none}
h3:focus-visible{outline:3px solid var(--accent-text);outline-offset:2px}
a{color:var(--accent-text);text-decoration:underline}
button,input,select,textarea{font:inherit;color:inherit;margin:0}
:focus-visible{outline:3px solid var(--accent-text);outline-offset:2px}
.bw-sub,.bw-muted,.bw-progress{color:#4b5563;font-size:.875em}
.bw-head{margin-bottom:12px}
.bw-progress{margin-bottom:4px}
.bw-preview{margin-top:6px;padding:4px 8px;border-radius:6px;background:#fef3c7;color:#713f12;font-size:.875em}
.bw-alert:not(:empty){margin:0 0 12px;padding:10px 12px;border:2px solid #b91c1c;border-radius:8px;background:#fef2f2;color:#7f1d1d}
.bw-sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.bw-body{display:grid;gap:24px}
.bw-body--aside{grid-template-columns:minmax(0,1fr) 220px}
@container (max-width:600px){.bw-body--aside{grid-template-columns:minmax(0,1fr)}}
.bw-list{display:grid;gap:8px}
.bw-choice,.bw-btn,.bw-day,.bw-slot{cursor:pointer;border:1px solid #6b7280;border-radius:8px;background:#fff;color:#1f2937}
.bw-choice{display:flex;justify-content:space-between;align-items:center;gap:12px;width:100%;min-height:48px;padding:10px 14px;text-align:start}
.bw-choice strong{display:block}
.bw-end{text-align:end;white-space:nowrap}
.bw-choice:not([aria-pressed=true]):hover,.bw-day:enabled:not([aria-pressed=true]):hover,
.bw-slot:hover,.bw-btn:enabled:hover,a.bw-btn:hover{background:var(--tint);border-color:var(--accent-text)}
[aria-pressed=true],.bw-primary,.bw-primary:hover{background:var(--accent);color:var(--on-accent);border:2px solid var(--accent-text)}
[aria-pressed=true] .bw-muted,[aria-pressed=true] .bw-local{color:inherit}
.bw-btn,.bw-primary{display:inline-flex;align-items:center;justify-content:center;min-height:44px;padding:8px 16px;border-radius:8px;text-decoration:none}
.bw-primary{font-weight:600;cursor:pointer}
.bw-actions{display:flex;flex-wrap:wrap;gap:8px;margin-top:16px}
.bw-zone{font-size:.875em;color:#4b5563;margin-bottom:12px}
.bw-days{display:grid;grid-template-columns:repeat(7,minmax(0,1fr));gap:6px;margin-bottom:6px}
.bw-day{display:flex;flex-direction:column;align-items:center;justify-content:center;min-height:44px;padding:6px 0;line-height:1.2}
.bw-day small{font-size:.75em}
.bw-day b{font-size:1.125em}
.bw-day:disabled{cursor:not-allowed;background:#f3f4f6;color:#4b5563;border-color:#d1d5db;border-style:dashed}
.bw-day:disabled b{text-decoration:line-through}
.bw-day.bw-out{border-style:solid;border-color:transparent;background:none}
.bw-day.bw-out b{text-decoration:none;font-weight:400}
.bw-blank{min-height:44px}
.bw-weekdays{display:grid;grid-template-columns:repeat(7,minmax(0,1fr));gap:6px;text-align:center;font-size:.75em;color:#4b5563}
.bw-month{display:flex;align-items:center;justify-content:space-between;gap:8px;margin-bottom:8px}
.bw-month .bw-btn{min-width:44px;padding:8px}
.bw-month .bw-btn:disabled{cursor:not-allowed;opacity:.5}
.bw-legend{font-size:.8125em;color:#4b5563;margin-bottom:16px}
.bw-slots{display:grid;grid-template-columns:repeat(auto-fill,minmax(100px,1fr));gap:8px}
.bw-slot{width:100%;min-height:44px;padding:8px 4px;line-height:1.2}
.bw-slot span{display:block}
.bw-local{font-size:.75em;color:#4b5563}
.bw-message{padding:12px;border-radius:8px;background:#f3f4f6}
.bw-field{display:grid;gap:4px;margin-bottom:14px}
.bw-field label{font-weight:600}
.bw-field input,.bw-field select,.bw-field textarea{width:100%;min-height:44px;padding:8px 10px;border:1px solid #6b7280;border-radius:6px;background:#fff}
.bw-field textarea{min-height:80px;resize:vertical}
[aria-invalid=true]{border:2px solid #b91c1c!important}
.bw-error{color:#b91c1c;font-size:.875em}
.bw-check{display:flex;gap:10px;align-items:flex-start;margin-bottom:14px}
.bw-often{border:0;padding:0;margin:0 0 14px}.bw-often legend{font-weight:600;padding:0;margin-bottom:8px}.bw-often .bw-check{margin-bottom:8px}.bw-often ul{margin:4px 0;padding-left:20px}
.bw-check input{width:22px;height:22px;margin-top:1px;flex:none;accent-color:var(--accent-text)}
.bw-terms{white-space:pre-line;font-size:.875em;color:#374151;margin-bottom:8px}
.bw-recap{margin-bottom:16px;padding:10px 12px;border-radius:8px;background:var(--tint)}
.bw-summary{align-self:start;padding:14px;border:1px solid #d1d5db;border-radius:10px;background:#f9fafb}
.bw-summary h3{font-size:1em}
dl{display:grid;gap:6px}
dt{font-size:.8125em;color:#4b5563}
dd{font-weight:600}
.bw-done dl{margin:12px 0;grid-template-columns:max-content 1fr;column-gap:16px;align-items:baseline}
.bw-links{display:grid;gap:8px;margin-top:12px}
.bw-waitlist{margin-top:16px;padding:12px 14px;border:1px dashed #9ca3af;border-radius:8px;background:#f9fafb}
.bw-waitlist .bw-actions{margin-top:8px}
.bw-parts{margin:0 0 12px;padding:0;border:0}
.bw-parts legend{padding:0;margin-bottom:4px;font-weight:600}
`;
