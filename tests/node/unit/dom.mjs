// A small DOM for the page modules' tests (linkedom), holding question blocks in the markup that
// sitebuild/checklist_html.py renders (render_question).
import { parseHTML } from "linkedom";

// Limits unlike the engine's (checklist_engine.answers.LIMITS), so a test shows the page reads the
// build's data-limits and keeps no number of its own.
export const LIMITS = { depth: 4, request_chars: 1000, text_chars: 40, year_max: 2090, year_min: 1950 };

// The engine's words for a problem as the build gives them (answers.page_messages(): the limits
// filled in), worded unlike the engine's, so a test shows the page has no words of its own.
export const MESSAGES = {
  boolean: "Pick yes or no.",
  choice: "Pick an offered answer.",
  number: "Type a whole number.",
  number_range: "Type a number between {min} and {max}.",
  date: "Type the whole date.",
  date_years: `Type a year from ${LIMITS.year_min} to ${LIMITS.year_max}.`,
  date_future: "Not a future date. {instead}",
  text: "Type text.",
  text_long: `At most ${LIMITS.text_chars} characters.`,
};

export const FORM_HTML = `
<form id="sa-form" data-limits='${JSON.stringify(LIMITS)}' data-messages='${JSON.stringify(MESSAGES)}'>
  <div class="sa-question" id="q-denial_date-block" data-question="denial_date" data-type="date" data-past="Use the date on the notice.">
    <label class="sa-label" for="q-denial_date">Date on the denial notice</label>
    <div class="sa-hint" id="q-denial_date-hint">As printed on the notice.</div>
    <input class="sa-input" type="date" id="q-denial_date" name="denial_date" aria-describedby="q-denial_date-hint">
  </div>
  <div class="sa-question" id="q-symptom_weeks-block" data-question="symptom_weeks" data-type="number">
    <label class="sa-label" for="q-symptom_weeks">Weeks with symptoms <span class="sa-optional">(optional)</span></label>
    <input class="sa-input" type="number" id="q-symptom_weeks" name="symptom_weeks" inputmode="numeric" min="0" max="520">
  </div>
  <div class="sa-question" id="q-urgent-block" data-question="urgent" data-type="boolean">
    <fieldset class="sa-fieldset"><legend class="sa-label">Is it urgent?</legend>
      <div class="sa-option"><input type="radio" id="q-urgent-0" name="urgent" value="yes"><label for="q-urgent-0">Yes</label></div>
      <div class="sa-option"><input type="radio" id="q-urgent-1" name="urgent" value="no"><label for="q-urgent-1">No</label></div>
    </fieldset>
  </div>
  <div class="sa-question" id="q-other_reason-block" data-question="other_reason" data-type="text">
    <label class="sa-label" for="q-other_reason">The reason, in the notice's words</label>
    <input class="sa-input" type="text" id="q-other_reason" name="other_reason" maxlength="40">
  </div>
</form>
<div id="sa-error-summary" hidden tabindex="-1"><h2>There is a problem</h2><ul></ul></div>`;

// linkedom does not reflect these attributes as properties, as browsers do ("" when absent).
function reflect(proto, names) {
  for (const name of names) {
    if (Object.getOwnPropertyDescriptor(proto, name)) continue;
    Object.defineProperty(proto, name, {
      get() {
        return this.getAttribute(name) ?? "";
      },
      set(value) {
        this.setAttribute(name, value);
      },
    });
  }
}

// A fresh document with the form; `document` and `CSS` become globals, as in a page.
export function page(html = FORM_HTML) {
  const { document, window } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  reflect(window.HTMLInputElement.prototype, ["min", "max"]);
  globalThis.document = document;
  globalThis.CSS = { escape: (value) => String(value).replace(/["\\]/g, "\\$&") };
  return { document, window, form: document.getElementById("sa-form") };
}
