// The Firebase web config, and the Auth emulator on a local stack. Shared by
// the admin pages and the staff app.
import { connectAuthEmulator } from "firebase/auth";

const LOCAL_HOSTS = ["127.0.0.1", "localhost"];
const EMULATOR_CONFIG = { apiKey: "demo-api-key", projectId: "demo-booking", authDomain: "127.0.0.1" };

export const isLocal = () => LOCAL_HOSTS.includes(location.hostname);

export async function firebaseConfig() {
  // Firebase Hosting (and its emulator) serves the project's web config here.
  try {
    const response = await fetch("/__/firebase/init.json");
    if (response.ok) return await response.json();
  } catch {
    // handled below
  }
  if (isLocal()) return EMULATOR_CONFIG;
  throw new Error("The Firebase configuration could not be loaded");
}

// The Auth emulator's port is shifted by the same offset as the hosting
// emulator's: 9099 + (page port - 5000).
export function useLocalEmulator(auth) {
  if (!isLocal()) return;
  const port = 9099 + (Number(location.port || 80) - 5000);
  connectAuthEmulator(auth, `http://127.0.0.1:${port}`, { disableWarnings: true });
}
