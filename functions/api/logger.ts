// Structured one-line JSON logs. Never pass secrets: the redactor drops keys that could hold
// tokens, API keys or addresses, so a careless call cannot leak them.
export interface Logger {
  info: (message: string, fields?: Record<string, unknown>) => void;
  error: (message: string, fields?: Record<string, unknown>) => void;
}

const SECRET_FIELDS = /token|authorization|api.?key|secret|password|delivery|contact|email|address|phone|name$/i;

export const redact = (fields: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, SECRET_FIELDS.test(key) ? '[redacted]' : value]));

export const jsonLogger = (write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Logger => {
  const log = (level: string) => (message: string, fields: Record<string, unknown> = {}) =>
    write(JSON.stringify({ level, time: new Date().toISOString(), message, ...redact(fields) }));
  return { info: log('info'), error: log('error') };
};

export const silentLogger: Logger = { info: () => {}, error: () => {} };
