// Firebase Auth for staff sessions. A named app keeps the staff session apart
// from an admin signed in on the same site. On 127.0.0.1/localhost it talks
// to the Auth emulator, whose port is shifted like the hosting emulator's:
// 9099 + (page port - 5000).
import { initializeApp } from "firebase/app";
import { firebaseConfig, useLocalEmulator } from "../shared/firebase.js";
import { getAuth, onAuthStateChanged, signInWithCustomToken, signOut } from "firebase/auth";

export async function startAuth() {
  const app = initializeApp(await firebaseConfig(), "staff");
  const auth = getAuth(app);
  useLocalEmulator(auth);
  await new Promise((resolve) => {
    const stop = onAuthStateChanged(auth, () => {
      stop();
      resolve();
    });
  });
  return {
    signIn: (customToken) => signInWithCustomToken(auth, customToken),
    signOut: () => signOut(auth),
    user: () => auth.currentUser,
    token: () => auth.currentUser?.getIdToken(),
    claims: async () => (auth.currentUser ? (await auth.currentUser.getIdTokenResult()).claims : null),
  };
}
