#!/usr/bin/env bash
# The guard rails the test command runs before the tests: ESLint (errors fail; the size budgets are
# warnings, counted), Prettier's check, and the layer rules of .dependency-cruiser.js.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
status=0
mkdir -p .tmp
npx eslint --format json --output-file .tmp/eslint.json src test bench scripts ./*.js ./*.mjs || true
node -e '
  const results = require(process.argv[1]); let errors = 0, warnings = 0;
  for (const r of results) for (const m of r.messages) {
    if (m.severity === 2) { errors++; console.log(`${r.filePath.replace(process.cwd() + "/", "")}:${m.line}:${m.column}  ${m.message}  (${m.ruleId})`); }
    else warnings++;
  }
  console.log(`ESLint: ${errors} errors, ${warnings} warnings over the size budgets (npx eslint src lists them)`);
  process.exit(errors ? 1 : 0);
' "$PWD/.tmp/eslint.json" || status=1
npx prettier --check --log-level warn "src/**/*.ts" "test/**/*.ts" "bench/**/*.js" "scripts/**/*.js" "./*.js" "./*.mjs" || status=1
npx depcruise src test --output-type err || status=1
exit $status
