// The booking flow: which steps this site needs, moving between them, and
// what each choice clears. These methods are mixed into <booking-widget>
// (element.js), so `this` is the element and the views call them as w.go(),
// w.chooseService() and so on.

export const flowMethods = {
  branch() {
    return this.config.branches.find((b) => b.id === this.state.branchId);
  },

  service() {
    return this.config.services.find((s) => s.id === this.state.serviceId);
  },

  staffMember(id) {
    return this.config.staff.find((m) => m.id === id);
  },

  /** The business's zone: the branch's, else the site's (slot answers confirm it). */
  zone() {
    const branch = this.branch();
    return this.state.slots?.timezone || branch?.timezone || this.config.site.timezone;
  },

  /** Services someone at the chosen branch offers; all of them on a site without staff. */
  services() {
    const { services, staff } = this.config;
    if (!staff.length) return services;
    return services.filter((service) => this.staffFor(service.id).length);
  },

  staffFor(serviceId) {
    const branchId = this.state.branchId;
    return this.config.staff.filter((m) => m.serviceIds.includes(serviceId) && (!branchId || m.branchId === branchId));
  },

  steps() {
    const { state, config } = this;
    const staffStepShown =
      this.look().showStaff && (state.serviceId ? this.staffFor(state.serviceId).length : config.staff.length);
    const steps = [config.branches.length > 1 && "branch", "service", staffStepShown && "staff", "when", "details"];
    return steps.filter(Boolean);
  },

  /** "Step 2 of 4" for a step of the flow; null for the others (loading, failed, done). */
  progress(step) {
    const steps = this.steps();
    const index = steps.indexOf(step);
    return index >= 0 ? this.t("stepOf", { n: index + 1, total: steps.length }) : null;
  },

  go(step, options = {}) {
    this.state.step = step;
    this.state.fieldErrors = {};
    if (!options.keepAlert) this.say("");
    if (step === "when" && !options.keepSlots) this.loadSlots();
    this.render({ focusHeading: true });
    const progress = this.progress(step);
    if (progress) this.announce(`${progress}: ${this.t.strings.stepNames[step]}`);
  },

  /** Opens the first step of a fresh state; a site with one branch skips choosing it. */
  begin() {
    const branches = this.config.branches;
    if (branches.length === 1) this.state.branchId = branches[0].id;
    this.go(this.steps()[0]);
  },

  back() {
    const steps = this.steps();
    const index = steps.indexOf(this.state.step);
    if (index > 0) this.go(steps[index - 1]);
  },

  next() {
    const steps = this.steps();
    this.go(steps[steps.indexOf(this.state.step) + 1]);
  },

  /** Applies a choice and clears the later ones that depended on it. */
  choose(changes) {
    Object.assign(this.state, { staffId: undefined, date: null, slot: null, slots: null, subscribe: false, preview: null }, changes);
  },

  chooseBranch(id) {
    this.choose({ branchId: id });
    if (this.state.serviceId && !this.services().some((s) => s.id === this.state.serviceId)) this.state.serviceId = null;
    this.next();
  },

  chooseService(id) {
    this.choose({ serviceId: id });
    // Most visitors pick "no preference": ask for those times while they decide.
    if (this.steps().includes("staff")) this.prefetch(this.slotQuery(null));
    this.next();
  },

  chooseStaff(id) {
    this.choose({ staffId: id });
    this.next();
  },

  chooseSlot(slot) {
    this.state.slot = slot;
    this.next();
  },

  /** After a booking: the same visitor books again, their details already filled in. */
  restart() {
    this.state = { step: "service", details: { ...this.state.details, termsAccepted: false }, fieldErrors: {} };
    this.begin();
  },
};
