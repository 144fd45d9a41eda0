// Hostile input, the short run: 1 500 generated requests against every route, in-process
// (app.request over the real stores). `npm run reliability` sends 10 000 over the socket.
import { describe, expect, it } from 'vitest';
import { runFuzz } from './fuzz.ts';

describe('hostile input', () => {
  it('1 500 hostile requests: no 5xx, every 4xx a matching problem+json, nothing stored by a refusal', async () => {
    const result = await runFuzz({ requests: 1_500, transport: 'in-process' });

    expect(result.violations).toEqual([]);
    const value = (what: string) => result.figures.find((f) => f.what.startsWith(what))?.value;
    expect(value('requests answered')).toBe(1_500);
    expect(value('routes reached')).toBe('17 of 17');
  });
});
