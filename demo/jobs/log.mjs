/**
 * A render worker's log: one JSON line per event on stdout (errors on stderr), pino's call shape
 * (`log.info(obj?, msg)`) so the same code logs through Fastify's logger in the web process.
 * Events a fulfilment operator (and the scale tests) follow: `rendering`, `ready`, `retry`, `failed`.
 */
const LEVELS = { debug: 20, info: 30, warn: 40, error: 50, silent: 100 };

export function lineLogger(level = 'info', fields = {}) {
  const min = LEVELS[level] ?? LEVELS.info;
  const at = (name) => (obj, msg) => {
    if (LEVELS[name] < min) return;
    const o = typeof obj === 'string' ? { msg: obj } : obj instanceof Error ? { err: obj.stack, msg: msg ?? obj.message } : { ...obj, msg };
    (name === 'error' ? process.stderr : process.stdout).write(`${JSON.stringify({ time: new Date().toISOString(), level: name, ...fields, ...o })}\n`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
