// Receipts on an ESC/POS printer through Web Serial. The server makes the
// bytes (domain/receipt.py); this only sends them. The paired printer is
// remembered on this device (its USB ids), so the next receipt prints
// without asking; where Web Serial is missing the caller shows the HTML
// receipt instead.

const KEY = "staff.printer";
const BAUD_RATE = 9600;

export const canPrint = () => "serial" in navigator;

function remembered() {
  try {
    return JSON.parse(localStorage.getItem(KEY) || "null");
  } catch {
    return null;
  }
}

/** The remembered port if the browser still grants it, else a new choice (needs the tap). */
async function port() {
  const known = remembered();
  const ports = await navigator.serial.getPorts();
  const same = (info) => known && info.usbVendorId === known.usbVendorId && info.usbProductId === known.usbProductId;
  const found = ports.find((candidate) => same(candidate.getInfo())) || (known && ports.length === 1 ? ports[0] : null);
  if (found) return found;
  const chosen = await navigator.serial.requestPort();
  const info = chosen.getInfo();
  localStorage.setItem(KEY, JSON.stringify({ usbVendorId: info.usbVendorId ?? null, usbProductId: info.usbProductId ?? null }));
  return chosen;
}

/** "base64" → bytes. */
export function decodeBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Send one print job; throws with the browser's reason when it can't. */
export async function printBytes(bytes) {
  const target = await port();
  await target.open({ baudRate: BAUD_RATE });
  try {
    const writer = target.writable.getWriter();
    try {
      await writer.write(bytes);
    } finally {
      writer.releaseLock();
    }
  } finally {
    await target.close();
  }
}

/** Forget the printer of this device (a new one is asked for next time). */
export const forgetPrinter = () => localStorage.removeItem(KEY);
