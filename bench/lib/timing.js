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

module.exports = { time, quantile, median, stats };
