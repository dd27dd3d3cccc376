// A short message at the bottom of the desk, read out by screen readers.
import { flash } from "../shared/dom.js";

export const toast = (message) => flash(document.getElementById("toast"), message, "show");
