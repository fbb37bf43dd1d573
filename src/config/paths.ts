import * as path from 'node:path';

/** The Handlebars templates (pages under views/ and partials/, documents under reports/), beside src/ and dist/. */
export const TEMPLATES_DIR = path.resolve(__dirname, '..', '..', 'templates');

/** The static assets served under /assets (app.css, app.js). */
export const PUBLIC_DIR = path.resolve(__dirname, '..', '..', 'public');
