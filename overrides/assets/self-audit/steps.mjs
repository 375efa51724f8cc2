// The questions one step at a time: each section of the checklist (checklist.toml's [[sections]],
// rendered as a fieldset) is a step, then a review screen lists every answer with a "Change" link.
// The step is in the URL's hash (#step-health, #review), so the browser's Back button and a reload
// keep it; a hash that names a question (#q-denial_date-block) opens the step that holds it.
// Added by script only: without JavaScript the page stays one printable form with every question.
// DOM APIs and textContent only: no answer of the reader's ever becomes HTML.

import { el } from "./dom.mjs";
import { labelOf, questionBlocks, shownAnswer } from "./form.mjs";
import { t } from "./strings.mjs";

export const REVIEW = "review";
const STEP_PREFIX = "step-";

export function hashOf(name) {
  return name === REVIEW ? `#${REVIEW}` : `#${STEP_PREFIX}${name}`;
}

// The control a reader lands on in a question: the chosen option, or the first control.
function controlOf(block) {
  return block.querySelector("input:checked") ?? block.querySelector("input, select, textarea");
}

/**
 * root: #self-audit. form: the static form (#sa-form). checkButton: "Check my appeal", shown on the
 * review screen only. summary: the error summary, whose links may name a question of another step.
 * checkStep(blocks): called on Next with the current step's question blocks; returns false (after
 * showing the reader why) when the step cannot be left yet.
 * Returns {show, current, refresh}.
 */
export function createSteps({ root, form, checkButton, summary, checkStep }) {
  const sections = [...form.querySelectorAll(".sa-section")];
  const steps = sections.map((section) => ({
    name: section.id.replace(/^section-/, ""),
    title: section.querySelector(".sa-section-title")?.textContent.trim() ?? "",
    section,
  }));
  const names = steps.map((s) => s.name);
  const baseTitle = document.title;
  let current = null;
  let returnToReview = false; // the reader came to this step from a link on the review
  let leavingReview = false; // a link on the review was just followed

  // The step indicator and heading, before the form: it takes focus on every step change (so a
  // screen reader announces the new step), and leaving the form lets the live report hide the
  // questions that no longer apply (report.mjs waits for focus to leave the form).
  const count = el("span", { className: "sa-step-count" });
  const title = el("span", { className: "sa-step-title" });
  const heading = el("h2", { id: "sa-step-heading", tabindex: "-1" }, count, " ", title);
  const head = el("div", { className: "sa-step-head", id: "sa-step-head" }, heading);
  form.before(head);

  const review = el("section", {
    className: "sa-review",
    id: "sa-review",
    "aria-labelledby": "sa-step-heading",
    hidden: "",
  });
  const back = el("button", { type: "button", className: "md-button", id: "sa-back" }, t("Back"));
  const next = el("button", { type: "button", className: "md-button md-button--primary", id: "sa-next" }, t("Next"));
  const toReview = el(
    "button",
    { type: "button", className: "md-button", id: "sa-to-review", hidden: "" },
    t("Back to your answers"),
  );
  const nav = el("div", { className: "sa-buttons sa-step-nav", id: "sa-step-nav" }, back, next, toReview);
  sections[sections.length - 1].after(review, nav);
  root.classList.add("sa--steps");

  function stepOf(element) {
    const section = element.closest(".sa-section");
    return steps.find((s) => s.section === section)?.name ?? null;
  }

  // What a hash asks for: {name, target}, or null when it names something outside the questions
  // (the report, the letters), which the browser scrolls to by itself.
  function viewOf(hash) {
    let id = hash.replace(/^#/, "");
    try {
      id = decodeURIComponent(id);
    } catch {
      /* a malformed escape: the hash as it is */
    }
    if (id === REVIEW) return { name: REVIEW, target: null };
    if (id.startsWith(STEP_PREFIX) && names.includes(id.slice(STEP_PREFIX.length))) {
      return { name: id.slice(STEP_PREFIX.length), target: null };
    }
    const target = id ? document.getElementById(id) : null;
    if (target && form.contains(target) && stepOf(target)) return { name: stepOf(target), target };
    if (target) return null; // the report, the letters, the form itself ("Go to the first question")
    return { name: names[0], target: null }; // no hash, or one that names no step: the first step
  }

  // The step shown when the address named another part of the page ("See your whole plan"): kept in
  // the history entry's state, which a reload and the browser's Back and Forward give back.
  function remembered() {
    const name = history.state?.saStep;
    return name === REVIEW || names.includes(name) ? { name, target: null } : null;
  }

  function remember(name) {
    if (history.state?.saStep !== name) history.replaceState({ ...(history.state ?? {}), saStep: name }, "");
  }

  function focusHeading() {
    heading.scrollIntoView({ block: "start" });
    heading.focus({ preventScroll: true });
  }

  function focusQuestion(target) {
    const block = target.closest(".sa-question");
    const control = target.matches("input, select, textarea") ? target : block && controlOf(block);
    if (!block || block.hidden || !control) {
      focusHeading();
      return;
    }
    block.scrollIntoView({ block: "center" });
    control.focus({ preventScroll: true });
  }

  function answerRow(block) {
    const parts = shownAnswer(block);
    const label = labelOf(block);
    const value = parts.length > 1 ? el("ul", {}, ...parts.map((p) => el("li", { textContent: p }))) : parts[0];
    const change = el(
      "a",
      { href: `#${block.id}`, className: "sa-change" },
      t("Change"),
      el("span", { className: "sa-visually-hidden", textContent: " " + t("your answer to: {label}", { label }) }),
    );
    return el(
      "div",
      { className: "sa-review-row", "data-question": block.dataset.question },
      el("dt", { textContent: label }),
      el("dd", {}, value),
      el("dd", { className: "sa-review-change" }, change),
    );
  }

  // Every answered question that applies, step by step, each with a link back to it.
  function renderReview() {
    const parts = [
      el("p", {
        textContent: t("Check your answers. To change one, use its Change link: it takes you to the question."),
      }),
    ];
    let answered = 0;
    for (const step of steps) {
      const blocks = questionBlocks(step.section).filter((b) => !b.hidden && shownAnswer(b).length);
      answered += blocks.length;
      parts.push(el("h3", { textContent: step.title }));
      parts.push(
        blocks.length
          ? el("dl", { className: "sa-review-list", "data-step": step.name }, ...blocks.map(answerRow))
          : el(
              "p",
              { className: "sa-review-none", "data-step": step.name },
              t("You have not answered these questions yet.") + " ",
              el("a", { href: hashOf(step.name) }, t("Go to this step: {title}", { title: step.title })),
            ),
      );
    }
    if (!answered)
      parts.splice(
        1,
        0,
        el("p", {
          className: "sa-review-empty",
          textContent: t(
            "You have not answered any question yet. Answer what you know: you can come back to the rest.",
          ),
        }),
      );
    review.replaceChildren(...parts);
  }

  // Show one step (or the review); focus: "heading", a target element, or nothing (a page load).
  function show(name, { focus = null } = {}) {
    const index = names.indexOf(name);
    const isReview = name === REVIEW;
    current = name;
    for (const step of steps) step.section.hidden = step.name !== name;
    review.hidden = !isReview;
    if (isReview) renderReview();
    count.textContent = isReview ? t("Last step:") : t("Step {n} of {total}:", { n: index + 1, total: steps.length });
    title.textContent = isReview ? t("Check your answers") : steps[index].title;
    document.title = `${heading.textContent} - ${baseTitle}`;
    back.hidden = index === 0;
    next.hidden = isReview;
    next.textContent = index === steps.length - 1 ? t("Review your answers") : t("Next");
    toReview.hidden = isReview || !returnToReview;
    checkButton.hidden = !isReview;
    root.dataset.step = name; // tests and styles read it
    remember(name);
    if (focus === "heading") focusHeading();
    else if (focus) focusQuestion(focus);
  }

  // Move to another step as a new page would: a new history entry, so the browser's Back returns.
  function go(name, focus = "heading") {
    if (location.hash !== hashOf(name)) history.pushState(null, "", hashOf(name));
    show(name, { focus });
  }

  next.addEventListener("click", () => {
    if (!checkStep(questionBlocks(steps[names.indexOf(current)].section))) return;
    returnToReview = false;
    const index = names.indexOf(current);
    go(index === steps.length - 1 ? REVIEW : names[index + 1]);
  });
  back.addEventListener("click", () => {
    returnToReview = false;
    go(current === REVIEW ? names[names.length - 1] : names[Math.max(0, names.indexOf(current) - 1)]);
  });
  toReview.addEventListener("click", () => {
    if (!checkStep(questionBlocks(steps[names.indexOf(current)].section))) return;
    returnToReview = false;
    go(REVIEW);
  });

  // The browser's Back and Forward, links to a step or a question (the review's Change links).
  window.addEventListener("hashchange", () => {
    const view = viewOf(location.hash);
    if (!view) {
      // a link to another part of the page keeps the step, or the entry's own step comes back
      const before = remembered();
      if (before && before.name !== current) show(before.name);
      else remember(current);
      return;
    }
    returnToReview = (leavingReview && view.name !== REVIEW) || (view.name === current && returnToReview);
    leavingReview = false;
    show(view.name, { focus: view.target ?? "heading" });
  });

  review.addEventListener("click", (event) => {
    if (event.target.closest("a")) leavingReview = true;
  });

  // A question named by the error summary (after "Check my appeal", it may be in another step) opens
  // its step first; the link's own handler (errors.mjs) then focuses it. Capture phase: this runs
  // before that handler.
  summary.addEventListener(
    "click",
    (event) => {
      const link = event.target.closest("a[href^='#']");
      const element = link ? document.getElementById(link.hash.slice(1)) : null;
      const name = element && form.contains(element) ? stepOf(element) : null;
      if (!name || name === current) return;
      history.pushState(null, "", hashOf(name));
      show(name);
    },
    true,
  );

  const first = viewOf(location.hash) ?? remembered() ?? { name: names[0], target: null };
  show(first.name);
  if (first.target) {
    // A page opened on a question: focus it once the browser has gone to the address's fragment (it
    // takes focus away from anything focused before), unless the reader has moved on meanwhile.
    const focusFirst = () =>
      requestAnimationFrame(() => {
        const idle = !document.activeElement || document.activeElement === document.body;
        if (idle && current === first.name) focusQuestion(first.target);
      });
    if (document.readyState === "complete") focusFirst();
    else window.addEventListener("load", focusFirst, { once: true });
  }

  return {
    show,
    current: () => current,
    // after the live report showed or hid questions: the review lists what applies now
    refresh: () => {
      if (current === REVIEW) renderReview();
    },
  };
}
