// Firebase Auth, the only part of the Firebase JS SDK the admin pages use.
// On 127.0.0.1/localhost it talks to the Auth emulator, whose port is shifted
// by the same offset as the hosting emulator's (9099 + (page port - 5000)).
import { initializeApp } from "firebase/app";
import { firebaseConfig, useLocalEmulator } from "../shared/firebase.js";
import { t } from "./i18n.js";
import {
  GoogleAuthProvider,
  getAuth,
  onAuthStateChanged,
  signInWithEmailAndPassword,
  signInWithPopup,
  signOut,
} from "firebase/auth";

export { isLocal } from "../shared/firebase.js";

export async function startAuth(onUser) {
  const app = initializeApp(await firebaseConfig());
  const auth = getAuth(app);
  useLocalEmulator(auth);
  onAuthStateChanged(auth, onUser);
  return {
    signIn: (email, password) => signInWithEmailAndPassword(auth, email, password),
    signInWithGoogle: () => signInWithPopup(auth, new GoogleAuthProvider()),
    signOut: () => signOut(auth),
    token: (refresh = false) => auth.currentUser?.getIdToken(refresh),
    claims: async (refresh = false) => (await auth.currentUser.getIdTokenResult(refresh)).claims,
  };
}

/** The sign-in error a person can act on. */
export function signInMessage(error) {
  const code = error?.code || "";
  if (["auth/invalid-credential", "auth/wrong-password", "auth/user-not-found", "auth/invalid-email"].includes(code))
    return t("The e-mail address or password is not right.");
  if (code === "auth/too-many-requests") return t("Too many attempts. Wait a moment and try again.");
  if (code === "auth/network-request-failed") return t("The sign-in service could not be reached.");
  if (code === "auth/popup-closed-by-user") return t("The sign-in window was closed before signing in.");
  return error?.message || t("Signing in failed.");
}
