// Access: every route × every kind of caller. Only the owner (the order's token, the job's
// holder) gets through; every other caller gets exactly the answer a never-issued id (404)
// or a missing key (401) gets, and nothing changes. Plus the secrets themselves: order tokens
// carry ≥ 128 random bits, API keys are stored only as hashes, download links expire.
import { LEASE_MS } from '../../functions/domain/order-model.ts';
import { newToken } from '../../functions/domain/ids.ts';
import { startTestServer, type TestServer } from '../support/api-server.ts';
import { addShopsNearBerlin, apiOf, placeOrder, randomId, scanTable, snapshotTable, withoutRequestId, type Api, type TestShop } from '../support/api-flow.ts';
import type { Reply } from '../support/http.ts';
import { Findings, type ScenarioResult } from './report.ts';

interface Route {
  name: string;
  kind: 'shop' | 'customer';
  method: string;
  path: (id: string) => string;
  body?: unknown;
}

export const ACCESS_ROUTES: Route[] = [
  { name: 'GET /shop/jobs/{id}', kind: 'shop', method: 'GET', path: (id) => `/shop/jobs/${id}` },
  { name: 'GET /shop/jobs/{id}/files', kind: 'shop', method: 'GET', path: (id) => `/shop/jobs/${id}/files` },
  { name: 'POST /shop/jobs/{id}/heartbeat', kind: 'shop', method: 'POST', path: (id) => `/shop/jobs/${id}/heartbeat` },
  { name: 'POST /shop/jobs/{id}/claim', kind: 'shop', method: 'POST', path: (id) => `/shop/jobs/${id}/claim` },
  { name: 'POST /shop/jobs/{id}/status', kind: 'shop', method: 'POST', path: (id) => `/shop/jobs/${id}/status`, body: { status: 'PRINTING' } },
  { name: 'POST /shop/jobs/{id}/reject', kind: 'shop', method: 'POST', path: (id) => `/shop/jobs/${id}/reject`, body: { reason: 'other' } },
  { name: 'GET /orders/{id}', kind: 'customer', method: 'GET', path: (id) => `/orders/${id}` },
  { name: 'GET /orders/{id}/files', kind: 'customer', method: 'GET', path: (id) => `/orders/${id}/files` },
  { name: 'POST /orders/{id}/cancel', kind: 'customer', method: 'POST', path: (id) => `/orders/${id}/cancel` },
  { name: 'DELETE /orders/{id}/personal-data', kind: 'customer', method: 'DELETE', path: (id) => `/orders/${id}/personal-data` },
];

/** A caller: how it authenticates, given the world. */
type Caller = { name: string; auth: (w: AccessWorld) => { key?: string; token?: string; headers?: Record<string, string> } };

interface AccessWorld {
  holder: TestShop;
  candidate: TestShop;
  stranger: TestShop;
  /** CLAIMED by holder: the target of every denial. */
  job: { id: string; token: string };
  other: { id: string; token: string };
}

const CALLERS: Caller[] = [
  { name: 'no credentials', auth: () => ({}) },
  { name: 'wrong key / token', auth: () => ({ key: `ak_${newToken()}`, token: newToken() }) },
  { name: "other shop's key (candidate)", auth: (w) => ({ key: w.candidate.apiKey }) },
  { name: "other shop's key (no candidate)", auth: (w) => ({ key: w.stranger.apiKey }) },
  { name: 'token of another order', auth: (w) => ({ token: w.other.token, headers: { authorization: `Bearer ${w.other.token}` } }) },
  { name: 'token in the query, wrong', auth: () => ({}) },
];

const same = (a: Reply, b: Reply) =>
  a.status === b.status && a.headers.get('content-type') === b.headers.get('content-type') && JSON.stringify(withoutRequestId(a.body)) === JSON.stringify(withoutRequestId(b.body));

export const runAccess = async (): Promise<ScenarioResult & { matrix: string }> => {
  const f = new Findings('5 Access');
  const server: TestServer = await startTestServer();
  const api: Api = apiOf(server);
  const rows: string[] = [];
  try {
    const [holder, candidate] = await addShopsNearBerlin(server, 2, 'acc');
    const stranger = await server.addShop({ id: 'acc-munich', name: 'Munich', lat: 48.137, lon: 11.575 });
    const job = await placeOrder(api, 'access-job-0001');
    const other = await placeOrder(api, 'access-other-0001');
    await api('POST', `/shop/jobs/${job.id}/claim`, { key: holder.apiKey });
    // Claimed by the holder and left alone: its lease lapses below and another shop takes it over.
    const lapsing = await placeOrder(api, 'access-lapsing-0001');
    await api('POST', `/shop/jobs/${lapsing.id}/claim`, { key: holder.apiKey });
    const w: AccessWorld = { holder, candidate, stranger, job, other };

    // Denials: every caller that is not the owner, on every route.
    const before = await snapshotTable(server);
    let denials = 0;
    let leaks = 0;
    let passed = 0;
    const header = ['route', ...CALLERS.map((c) => c.name), 'owner', 'expired (lease lapsed, taken over)'];
    const cells = new Map<string, string[]>();
    for (const route of ACCESS_ROUTES) {
      const row: string[] = [];
      for (const caller of CALLERS) {
        const auth = caller.auth(w);
        const query = caller.name.includes('query') ? `?token=${newToken()}` : '';
        const send = (id: string) => api(route.method, `${route.path(id)}${query}`, { ...auth, body: route.body });
        const real = await send(job.id);
        const missing = await send(randomId());
        const unauthenticated = await api(route.method, route.path(randomId()), { body: route.body });
        denials++;
        const through = real.status < 400;
        const looksLikeMissing = same(real, missing);
        const looksUnauthenticated = real.status === 401 && same(real, unauthenticated);
        if (through) {
          passed++;
          f.fail(`${route.name} let "${caller.name}" through: ${real.status}`);
        } else if (!looksLikeMissing && !looksUnauthenticated) {
          leaks++;
          f.fail(`${route.name} with "${caller.name}" answered ${real.status} ${JSON.stringify(withoutRequestId(real.body))}, a missing id ${missing.status} ${JSON.stringify(withoutRequestId(missing.body))}`);
        }
        row.push(`${real.status}${through ? ' (through!)' : looksLikeMissing ? '' : ' (differs)'}`);
      }
      cells.set(route.name, row);
    }
    const listed = async (shop: TestShop) => (await api('GET', '/shop/jobs', { key: shop.apiKey })).body.jobs.map((j: { id: string }) => j.id) as string[];
    for (const shop of [candidate, stranger]) f.check(!(await listed(shop)).includes(job.id), `${shop.id} sees the holder's job in its poll`);
    const after = await snapshotTable(server);
    const changed = [...after].filter(([k, v]) => before.get(k) !== v).length;
    f.check(changed === 0, `${changed} items changed during the denial sweep`);

    // The owner gets through on every route (fresh orders where a route changes the state).
    const owner = async (route: Route): Promise<Reply> => {
      if (route.kind === 'shop') {
        const target = route.name.endsWith('/reject') ? await placeOrder(api) : job;
        if (target !== job) await api('POST', `/shop/jobs/${target.id}/claim`, { key: holder.apiKey });
        return api(route.method, route.path(target.id), { key: holder.apiKey, body: route.body });
      }
      if (route.name.endsWith('/personal-data')) {
        const done = await placeOrder(api);
        await api('POST', `/shop/jobs/${done.id}/claim`, { key: holder.apiKey });
        for (const [status, extra] of [['PRINTING', {}], ['PRINTED', {}], ['SHIPPED', { tracking: 'DHL 1' }]] as const) {
          await api('POST', `/shop/jobs/${done.id}/status`, { key: holder.apiKey, body: { status, ...extra } });
        }
        return api(route.method, route.path(done.id), { token: done.token });
      }
      const target = route.name.endsWith('/cancel') ? await placeOrder(api) : other;
      return api(route.method, route.path(target.id), { token: target.token });
    };
    let ownerThrough = 0;
    for (const route of ACCESS_ROUTES) {
      const r = await owner(route);
      if (r.status === 200) ownerThrough++;
      else f.fail(`the owner was refused on ${route.name}: ${r.status} ${JSON.stringify(r.body)}`);
      cells.get(route.name)!.push(String(r.status));
    }

    // Expired: the holder's lease lapses and another candidate takes the job over; the former
    // holder is now a stranger to it. (Order links do not expire by design: they are the
    // customer's only key. Their file links do; see below.)
    server.clock.advance(LEASE_MS + 1);
    const takeover = await api('POST', `/shop/jobs/${lapsing.id}/claim`, { key: candidate.apiKey });
    f.check(takeover.status === 200, `takeover after the lease lapsed answered ${takeover.status}`);
    let expiredDenied = 0;
    for (const route of ACCESS_ROUTES) {
      if (route.kind !== 'shop') {
        cells.get(route.name)!.push('n/a');
        continue;
      }
      const real = await api(route.method, route.path(lapsing.id), { key: holder.apiKey, body: route.body });
      const missing = await api(route.method, route.path(randomId()), { key: holder.apiKey, body: route.body });
      // The former holder is still a candidate: once the job is CLAIMED by another shop with a live lease, claim and reject say 409.
      const ok = route.name.endsWith('/claim') || route.name.endsWith('/reject') ? real.status === 409 : same(real, missing);
      if (ok) expiredDenied++;
      else f.fail(`former holder on ${route.name}: ${real.status} ${JSON.stringify(withoutRequestId(real.body))}`);
      cells.get(route.name)!.push(String(real.status));
    }
    const shopRoutes = ACCESS_ROUTES.filter((r) => r.kind === 'shop').length;

    rows.push(`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`);
    for (const [name, row] of cells) rows.push(`| ${name} | ${row.join(' | ')} |`);
    f.figure('route × caller denials (non-owners)', `${denials} cells: ${passed} let through, ${leaks} distinguishable from a missing id / missing key`, '0 / 0');
    f.figure('owner let through', `${ownerThrough} of ${ACCESS_ROUTES.length} routes`, `${ACCESS_ROUTES.length}`);
    f.figure('former holder after the lease lapsed and another shop took over', `${expiredDenied} of ${shopRoutes} shop routes refused (404 as for a missing id; 409 on claim/reject, which it may retry later as a candidate)`, `${shopRoutes}`);
    f.figure('table items changed by denied requests', changed, '0');

    // Secrets at rest.
    const items = await scanTable(server);
    const dump = JSON.stringify(items);
    const keys = [holder, candidate, stranger].map((s) => s.apiKey);
    const rawKeys = keys.filter((k) => dump.includes(k) || dump.includes(k.slice(3, 19)) || dump.includes(k.slice(-16))).length;
    const keyItems = items.filter((i) => i.PK.S?.startsWith('KEY#'));
    f.check(rawKeys === 0, `${rawKeys} API keys (or 16-character pieces of them) found in the table`);
    f.check(keyItems.length === 3 && keyItems.every((i) => /^KEY#[0-9a-f]{64}$/.test(i.PK.S!)), `API key items: ${keyItems.map((i) => i.PK.S).join(', ')}`);
    f.figure('raw API keys (or 16-char pieces) in the table', rawKeys, '0');
    f.figure('API key items stored as KEY#sha256', `${keyItems.length} of 3`, '3');
    // Order tokens: only their sha256 is stored (issue 16), never the token or a piece of it.
    const orderRows = items.filter((i) => i.PK.S?.startsWith('ORDER#'));
    const tokens = [job.token, other.token, lapsing.token];
    const rawTokens = tokens.filter((t) => dump.includes(t) || dump.includes(t.slice(0, 16)) || dump.includes(t.slice(-16))).length;
    const hashedRows = orderRows.filter((i) => /^[0-9a-f]{64}$/.test(i.tokenHash?.S ?? '') && i.token === undefined).length;
    f.check(rawTokens === 0, `${rawTokens} order tokens (or 16-character pieces of them) found in the table`);
    f.check(hashedRows === orderRows.length, `${orderRows.length - hashedRows} order items keep something other than a sha256 of the token`);
    f.figure('order tokens (or 16-char pieces) in the table; order items storing only sha256(token)', `${rawTokens}; ${hashedRows} of ${orderRows.length}`, `0; all`);
    const bits = Math.min(...tokens.map((t) => (/^[A-Za-z0-9_-]+$/.test(t) ? t.length * 6 : 0)));
    f.figure('order token size (base64url characters × 6 bits)', `${bits} bits`, '≥ 128');
    f.check(bits >= 128, `an order token carries only ${bits} bits`);

    // Download links: every presigned URL the API hands out says X-Amz-Expires ≤ 900 s and
    // the store refuses it once that has passed. s3rver checks X-Amz-Date + X-Amz-Expires
    // against its clock but not the signature, so an aged link is made by rewriting X-Amz-Date
    // (in AWS that would break the signature; there the link simply ages).
    const fresh = await placeOrder(api);
    await api('POST', `/shop/jobs/${fresh.id}/claim`, { key: holder.apiKey });
    const q = (await api('POST', '/quotes', { body: { designId: 'name-tag', params: { text: 'ADA' }, material: 'PLA', quantity: 1, location: { lat: 52.52, lon: 13.405 } } })).body;
    const orderFiles = (await api('GET', `/orders/${fresh.id}/files`, { token: fresh.token })).body;
    const jobFiles = (await api('GET', `/shop/jobs/${fresh.id}/files`, { key: holder.apiKey })).body;
    const links = [q.files.stl, q.files.threeMf, orderFiles.stl, jobFiles.stl.url, jobFiles.threeMf.url] as string[];
    const expiries = links.map((link) => Number(new URL(link).searchParams.get('X-Amz-Expires')));
    f.figure('presigned links checked (quote, order, job files): longest X-Amz-Expires', `${links.length} links: ${Math.max(...expiries)} s`, '≤ 900 s');
    f.check(expiries.every((e) => e > 0 && e <= 900), `link expiries ${expiries.join(', ')}`);
    const aged = (link: string, ageSeconds: number) => {
      const url = new URL(link);
      const stamp = new Date(Date.now() - ageSeconds * 1000).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
      url.searchParams.set('X-Amz-Date', stamp);
      return url.toString();
    };
    const statusOf = async (link: string) => (await fetch(link)).status;
    const freshStatuses = await Promise.all(links.map(statusOf));
    const expiredStatuses = await Promise.all(links.map((l) => statusOf(aged(l, Number(new URL(l).searchParams.get('X-Amz-Expires')) + 60))));
    f.check(freshStatuses.every((st) => st === 200), `fresh links answered ${freshStatuses.join(', ')}`);
    f.check(expiredStatuses.every((st) => st === 403), `links past their expiry answered ${expiredStatuses.join(', ')}`);
    f.figure('links past X-Amz-Expires refused by the store (s3rver: 403 "Request has expired")', `${expiredStatuses.filter((st) => st === 403).length} of ${links.length} (fresh: ${freshStatuses.filter((st) => st === 200).length} of ${links.length} served)`, `${links.length}`);
    return Object.assign(f, { matrix: rows.join('\n') });
  } finally {
    await server.close();
  }
};
