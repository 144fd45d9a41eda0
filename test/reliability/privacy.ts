// Privacy: a whole order story with distinctive personal data, the app's logger recorded from
// the first request to the last (through the real jsonLogger and its redactor). After the
// customer erases their data, nothing of it may remain in the table, the bucket (every object
// read, 3MF archives unpacked) or the logs; the logs must never hold tokens, API keys or
// addresses at any point. The customer's location is also checked for: it is not stored,
// but the distances to the candidate shops are, and three distances pin a point.
import { unzipSync } from 'fflate';
import { jsonLogger } from '../../functions/api/logger.ts';
import { haversineKm } from '../../functions/domain/geohash.ts';
import { startTestServer } from '../support/api-server.ts';
import { apiOf, scanTable } from '../support/api-flow.ts';
import { listBucket, readObject } from '../support/bucket.ts';
import { Findings, type ScenarioResult } from './report.ts';

export const PERSON = {
  name: 'Zelda Quimbyfax',
  line1: 'Marzipanweg 77',
  line2: 'Hinterhaus Querbau',
  postalCode: '10999',
  city: 'Berlin',
  country: 'DE',
};
export const EMAIL = 'zelda.quimbyfax@example.org';
/** Where the customer quoted from (the web app rounds a device position to 3 decimals, ~100 m). */
export const HOME = { lat: 52.497, lon: 13.431 };

/** Strings that identify the customer; none may survive erasure anywhere. */
const PERSONAL = ['Zelda', 'Quimbyfax', 'Marzipanweg', 'Hinterhaus', 'Querbau', EMAIL, 'zelda.quimbyfax'];

/** Least-squares position from distances to known points (Gauss-Newton on haversine, from their centroid). */
export const trilaterate = (anchors: { lat: number; lon: number; km: number }[]): { lat: number; lon: number } => {
  let p = { lat: anchors.reduce((s, a) => s + a.lat, 0) / anchors.length, lon: anchors.reduce((s, a) => s + a.lon, 0) / anchors.length };
  const residuals = (q: typeof p) => anchors.map((a) => haversineKm(q, a) - a.km);
  for (let iteration = 0; iteration < 50; iteration++) {
    const r = residuals(p);
    const h = 1e-6;
    const dLat = residuals({ ...p, lat: p.lat + h }).map((v, i) => (v - r[i]) / h);
    const dLon = residuals({ ...p, lon: p.lon + h }).map((v, i) => (v - r[i]) / h);
    // Normal equations of the 2-parameter least-squares step.
    const a11 = dLat.reduce((s, v) => s + v * v, 0);
    const a12 = dLat.reduce((s, v, i) => s + v * dLon[i], 0);
    const a22 = dLon.reduce((s, v) => s + v * v, 0);
    const b1 = dLat.reduce((s, v, i) => s + v * r[i], 0);
    const b2 = dLon.reduce((s, v, i) => s + v * r[i], 0);
    const det = a11 * a22 - a12 * a12;
    if (Math.abs(det) < 1e-12) break;
    p = { lat: p.lat - (a22 * b1 - a12 * b2) / det, lon: p.lon - (a11 * b2 - a12 * b1) / det };
  }
  return p;
};

export const runPrivacy = async (): Promise<ScenarioResult & { logLines: number }> => {
  const f = new Findings('7 Privacy');
  const lines: string[] = [];
  const server = await startTestServer({ logger: jsonLogger((line) => lines.push(line)) });
  const api = apiOf(server);
  try {
    // Three shops around the customer, all candidates.
    const shops = [
      await server.addShop({ id: 'priv-north', name: 'North Prints', lat: 52.56, lon: 13.40 }),
      await server.addShop({ id: 'priv-east', name: 'East Prints', lat: 52.50, lon: 13.52 }),
      await server.addShop({ id: 'priv-west', name: 'West Prints', lat: 52.47, lon: 13.30 }),
    ];
    const secrets: string[] = shops.map((s) => s.apiKey);
    const q = await api('POST', '/quotes', { body: { designId: 'name-tag', params: { text: 'HELLO' }, material: 'PLA', quantity: 1, location: HOME } });
    // Mistakes on the way, with personal data in them.
    await api('POST', '/orders', { body: { quoteId: q.body.id, delivery: { ...PERSON, country: 'Germany' }, contact: { email: EMAIL } }, headers: { 'idempotency-key': 'privacy-order-0001' } });
    await api('POST', '/orders', { body: { quoteId: q.body.id, delivery: PERSON, contact: { email: `${EMAIL}@@` } }, headers: { 'idempotency-key': 'privacy-order-0001' } });
    const placed = await api('POST', '/orders', { body: { quoteId: q.body.id, delivery: PERSON, contact: { email: EMAIL } }, headers: { 'idempotency-key': 'privacy-order-0001' } });
    f.check(placed.status === 201, `order answered ${placed.status}`);
    const { id, token } = placed.body as { id: string; token: string };
    secrets.push(token);
    await api('GET', `/orders/${id}`, { token });
    await api('GET', `/orders/${id}?token=${token}`);
    await api('GET', `/orders/${id}`, { token: token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) });
    // The nearest shop claims it, sees the address, downloads, ships.
    const first = (await server.deps.stores.orders.get(id))!.order.candidates[0].shopId;
    const nearest = shops.find((s) => s.id === first)!;
    await api('GET', '/shop/jobs', { key: nearest.apiKey });
    const claimed = await api('POST', `/shop/jobs/${id}/claim`, { key: nearest.apiKey });
    f.check(claimed.body.delivery?.name === PERSON.name, 'the holder did not see the delivery address');
    await api('GET', `/shop/jobs/${id}/files`, { key: nearest.apiKey });
    await api('GET', `/shop/jobs/${id}`, { key: 'not-a-real-key-at-all' });
    for (const [status, extra] of [['PRINTING', {}], ['PRINTED', {}], ['SHIPPED', { tracking: 'DHL 00340434161094042557' }]] as const) {
      await api('POST', `/shop/jobs/${id}/status`, { key: nearest.apiKey, body: { status, ...extra } });
    }
    const logsBeforeErasure = lines.join('\n');

    const erased = await api('DELETE', `/orders/${id}/personal-data`, { token });
    f.check(erased.status === 200 && erased.body.delivery === null && erased.body.contact === null, `erasure answered ${erased.status}`);
    const shopView = await api('GET', `/shop/jobs/${id}`, { key: nearest.apiKey });
    f.check(shopView.body.delivery === null, 'the holder still sees the address after erasure');

    // The table, every item, as stored.
    const items = await scanTable(server);
    const table = JSON.stringify(items);
    const inTable = PERSONAL.filter((s) => table.includes(s));
    f.check(inTable.length === 0, `after erasure the table still holds ${inTable.join(', ')}`);
    // The bucket: every object, 3MF archives unpacked.
    const objects = await listBucket(server.stack);
    const texts: string[] = [];
    for (const o of objects) {
      const bytes = await readObject(server.stack, o.key);
      texts.push(Buffer.from(bytes).toString('latin1'));
      if (o.key.endsWith('.3mf')) for (const entry of Object.values(unzipSync(bytes))) texts.push(Buffer.from(entry).toString('utf8'));
    }
    const inBucket = PERSONAL.filter((s) => texts.some((t) => t.includes(s)));
    f.check(inBucket.length === 0, `the bucket holds ${inBucket.join(', ')}`);
    // The logs, all of them, before and after erasure.
    const logs = lines.join('\n');
    const inLogs = [...PERSONAL, PERSON.postalCode].filter((s) => logs.includes(s));
    const secretsInLogs = secrets.filter((s) => logs.includes(s) || logs.includes(s.slice(-16))).length;
    const idsInLogs = logs.includes(id);
    f.check(inLogs.length === 0, `the logs hold ${inLogs.join(', ')}`);
    f.check(secretsInLogs === 0, `${secretsInLogs} tokens or API keys in the logs`);
    f.check(logsBeforeErasure.length > 0 && lines.every((l) => JSON.parse(l).level), 'the logger recorded nothing, or not JSON');

    f.figure('personal strings (name, street, address line 2, email) left in the table after erasure', `${inTable.length} (${items.length} items scanned)`, '0');
    f.figure('personal strings in the bucket (every object read, 3MF unpacked)', `${inBucket.length} (${objects.length} objects)`, '0');
    f.figure('personal strings or postal code in the logs (whole story)', `${inLogs.length} (${lines.length} lines)`, '0');
    f.figure('order tokens / API keys (or their last 16 characters) in the logs', secretsInLogs, '0');
    f.figure('order ids in the logs (routes are logged as patterns)', idsInLogs ? 'yes' : 'none');

    // Location: not stored as such, but each candidate's distance is. How well do they pin the
    // customer once the order is erased?
    const order = items.find((i) => i.PK.S === `ORDER#${id}`)!;
    const candidates = (order.order.M!.candidates.L ?? []).map((c) => ({ shopId: c.M!.shopId.S!, km: Number(c.M!.distanceKm.N) }));
    const shopItems = new Map(items.filter((i) => i.SK.S === 'SHOP').map((i) => [i.shop.M!.id.S!, { lat: Number(i.shop.M!.lat.N), lon: Number(i.shop.M!.lon.N) }]));
    const anchors = candidates.filter((c) => shopItems.has(c.shopId)).map((c) => ({ ...shopItems.get(c.shopId)!, km: c.km }));
    const rawLocation = [String(HOME.lat), String(HOME.lon)].filter((s) => table.includes(s));
    f.check(rawLocation.length === 0, `the quote location is stored as such: ${rawLocation.join(', ')}`);
    if (anchors.length >= 3) {
      const guess = trilaterate(anchors);
      const metres = Math.round(haversineKm(guess, HOME) * 1000);
      f.figure('customer location recoverable from an erased order (distances to 3 candidate shops)', `within ${metres} m`, 'info: see docs/reliability.md');
    }
    return Object.assign(f, { logLines: lines.length });
  } finally {
    await server.close();
  }
};
