// ESLint (flat config) for the site's JavaScript: the page and worker modules, the service worker,
// the build's Node scripts and the Node tests. Formatting is Prettier's job (.prettierrc.json).
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["node_modules/", "site/", ".cache/", ".venv/", "screenshots/"] },
  js.configs.recommended,
  {
    files: ["**/*.mjs", "**/*.js"],
    languageOptions: { ecmaVersion: 2023, sourceType: "module" },
    rules: {
      "no-unused-vars": ["error", { args: "after-used", argsIgnorePattern: "^_", caughtErrors: "none" }],
      eqeqeq: ["error", "smart"],
      "no-var": "error",
      "prefer-const": "error",
    },
  },
  { files: ["overrides/assets/**/*.mjs"], languageOptions: { globals: { ...globals.browser } } },
  { files: ["overrides/assets/self-audit/worker.mjs"], languageOptions: { globals: { ...globals.worker } } },
  {
    // A classic service worker script; the build prepends `const MANIFEST = ...`.
    files: ["sitebuild/sw.js"],
    languageOptions: { sourceType: "script", globals: { ...globals.serviceworker, MANIFEST: "readonly" } },
  },
  {
    files: ["sitebuild/**/*.mjs", "tests/**/*.mjs", "bench/**/*.mjs", "tools/**/*.mjs", "eslint.config.mjs"],
    languageOptions: { globals: { ...globals.node } },
  },
];
