// Shop-side use cases: poll the jobs this shop may see, claim, heartbeat, report status,
// reject, fetch files. A job the shop may not see is reported exactly like a missing one.
import { claim, heartbeat, holderOf, reject, setStatus, shopView, visibleTo, type Order, type RejectReason, type ShopStatus } from '../../domain/order.ts';
import { isEmptyReport, type ProductionReport } from '../../domain/production-report.ts';
import type { Shop } from '../../domain/shop.ts';
import { DEFAULT_ROUTING_RADIUS_KM } from '../../domain/routing.ts';
import type { AppDeps } from '../deps.ts';
import { notFound } from '../problem.ts';
import { mutateOrder } from './orders.ts';

export const listJobs = async (deps: AppDeps, shop: Shop) => {
  const radius = deps.routingRadiusKm ?? DEFAULT_ROUTING_RADIUS_KM;
  const [open, held] = await Promise.all([deps.stores.orders.openNear(shop.lat, shop.lon, radius), deps.stores.orders.heldBy(shop.id, 50)]);
  const now = deps.clock();
  const seen = new Set<string>();
  const jobs = [];
  for (const order of [...held, ...open]) {
    if (seen.has(order.id)) continue;
    seen.add(order.id);
    const view = shopView(order, shop.id, now);
    if (view) jobs.push(view);
  }
  // Jobs this shop holds first (newest change first), then offers by distance.
  return jobs.sort((a, b) => Number(b.claimedByYou) - Number(a.claimedByYou) || (a.claimedByYou ? b.updatedAt - a.updatedAt : a.distanceKm - b.distanceKm));
};

const visibleJob = async (deps: AppDeps, shop: Shop, id: string) => {
  const stored = await deps.stores.orders.get(id);
  if (!stored || !visibleTo(stored.order, shop.id, deps.clock())) throw notFound('This job');
  return stored;
};

/** Reads a job for a change; a missing one is the same 404 as a job the shop may not see. */
const readJob = (deps: AppDeps, id: string) => async () => {
  const stored = await deps.stores.orders.get(id);
  if (!stored) throw notFound('This job');
  return stored;
};

const viewFor = (deps: AppDeps, shop: Shop) => (order: Parameters<typeof shopView>[0]) => {
  const view = shopView(order, shop.id, deps.clock());
  if (!view) throw notFound('This job');
  return view;
};

// shopView answers null for a job the shop may not see, so viewFor is the visibility check.
export const getJob = async (deps: AppDeps, shop: Shop, id: string) => viewFor(deps, shop)((await readJob(deps, id)()).order);

export const claimJob = async (deps: AppDeps, shop: Shop, id: string) =>
  viewFor(deps, shop)(await mutateOrder(deps, id, (order, now) => claim(order, shop.id, now), readJob(deps, id)));

/** Extends the lease; a report (progress, sliced figures) is stored on the same write. */
export const heartbeatJob = async (deps: AppDeps, shop: Shop, id: string, report?: ProductionReport) =>
  viewFor(deps, shop)(await mutateOrder(deps, id, (order, now) => heartbeat(order, shop.id, now, report), readJob(deps, id)));

/**
 * Reports progress. Repeating the status the job already has (a retried request whose reply
 * was lost) answers with the job unchanged instead of an error, so retries are harmless.
 * A report (progress, sliced figures) goes on the same write as the status.
 */
export const setJobStatus = async (deps: AppDeps, shop: Shop, id: string, status: ShopStatus, tracking?: string, report?: ProductionReport) => {
  // Judged on every attempt: a retry, or one that raced the first request, finds the status set and writes nothing.
  const alreadySet = (o: Order) => o.state === status && holderOf(o) === shop.id;
  // A report sent with a status the job already has (an agent resuming after a restart) is kept, as a heartbeat would.
  const keepReport = (o: Order, now: number) => (isEmptyReport(report) ? { ok: true as const, order: o } : heartbeat(o, shop.id, now, report));
  const transition = (o: Order, now: number) => (alreadySet(o) ? keepReport(o, now) : setStatus(o, shop.id, status, now, tracking, report));
  return viewFor(deps, shop)(await mutateOrder(deps, id, transition, readJob(deps, id)));
};

/** After a rejection the shop no longer sees the job, so it gets a short receipt instead of a view. */
export const rejectJob = async (deps: AppDeps, shop: Shop, id: string, reason: RejectReason, note?: string) => {
  const order = await mutateOrder(deps, id, (o, now) => reject(o, shop.id, reason, now, note), readJob(deps, id));
  return { id: order.id, rejected: true, reason };
};

export const jobFiles = async (deps: AppDeps, shop: Shop, id: string) => {
  const { order } = await visibleJob(deps, shop, id);
  const record = await deps.stores.meshes.record(order.hash);
  if (!record) throw notFound('The files of this job');
  const base = `${order.designId}-${order.id}`;
  const ttl = 15 * 60;
  const [stl, threeMf] = await Promise.all([
    deps.stores.meshes.downloadUrl(order.hash, 'stl', `${base}.stl`, ttl, 'ordered'),
    deps.stores.meshes.downloadUrl(order.hash, '3mf', `${base}.3mf`, ttl, 'ordered'),
  ]);
  return {
    hash: order.hash,
    stl: { url: stl, ...record.files.stl },
    threeMf: { url: threeMf, ...record.files['3mf'] },
    expiresAt: deps.clock() + ttl * 1000,
  };
};
