'use strict';
/** Timing and the statistics the benchmarks print. */

async function time(fn) {
  const t0 = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, result };
}

function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}
const median = (xs) => quantile(xs, 0.5);
const stats = (ms) => ({ median: median(ms), p95: quantile(ms, 0.95), n: ms.length });

/** `--name value` from the command line, else `fallback`. */
function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
}

/**
 * Medians of an API call and its raw SQL, alternating after `warmup` rounds so both see the same load, and their
 * ratio; `last` holds the results of the last round, for the benchmarks' checks.
 */
async function compare(viaApi, viaSql, runs, warmup = 3) {
  for (let i = 0; i < warmup; i++) {
    await viaApi();
    await viaSql();
  }
  const a = [];
  const b = [];
  let last = null;
  for (let i = 0; i < runs; i++) {
    const x = await time(viaApi);
    const y = await time(viaSql);
    a.push(x.ms);
    b.push(y.ms);
    last = { api: x.result, sql: y.result };
  }
  return { api: median(a), sql: median(b), ratio: median(a) / median(b), last };
}

/** The total both sides of a `compare` found, which must agree. */
function matches(r) {
  if (r.last.api.total !== r.last.sql.total)
    throw new Error(`the API found ${r.last.api.total}, the SQL ${r.last.sql.total}`);
  return `${r.last.api.total} match`;
}

/** `s` padded to `n` columns, a CJK character counting two (the benches' tables are read in a terminal). */
function pad(s, n) {
  const width = [...String(s)].reduce((w, c) => w + (/[\u1100-\uffff]/.test(c) ? 2 : 1), 0);
  return String(s) + ' '.repeat(Math.max(1, n - width));
}

module.exports = { time, quantile, median, stats, option, compare, matches, pad };
