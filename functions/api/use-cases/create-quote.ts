// POST /quotes: validate the configuration, build (or reuse) its mesh, find the shops near
// the customer that can make it, price it, and store the quote.
import { findDesign } from '../../designs/catalogue.ts';
import { inlineMeshBuilder } from '../../designs/build-files.ts';
import { InvalidParamsError } from '../../designs/generate.ts';
import type { FieldError } from '../../designs/validate.ts';
import { validateParams } from '../../designs/validate.ts';
import { prepareDesign, type AnyDesign, type Params } from '../../designs/types.ts';
import { colourProblems, filamentCount, resolveColours, slotCount } from '../../domain/colours.ts';
import { newToken } from '../../domain/ids.ts';
import type { Material } from '../../domain/materials.ts';
import { PRINT_ESTIMATE_FIT } from '../../domain/print-estimate.ts';
import { priceQuote, QUOTE_TTL_MS } from '../../domain/quote.ts';
import { DEFAULT_ROUTING_RADIUS_KM, rankCandidates, routingCell } from '../../domain/routing.ts';
import { contentHash } from '../../mesh/hash.ts';
import type { PushDirection } from '../../store/insights.ts';
import type { MeshRecord } from '../../store/meshes.ts';
import type { StoredQuote } from '../../store/quotes.ts';
import type { AppDeps } from '../deps.ts';
import { invalid, MAX_FIELD_ERRORS } from '../problem.ts';

export interface QuoteInput {
  designId: string;
  params: Record<string, unknown>;
  material: Material;
  quantity: number;
  location: { lat: number; lon: number };
  /** One palette id per colour slot; absent: the defaults. */
  colours?: string[];
}

const LINK_TTL_SECONDS = 15 * 60;

/** Refusals that say what customers wanted: past a range end, too long, a letter the font lacks, a rule. */
export const COUNTED_REFUSALS: readonly string[] = ['too_small', 'too_large', 'too_long', 'charset', 'rule'];

/**
 * Errors about the design's own parameters (and its rules) first, then unknown keys: a
 * problem lists only its first MAX_FIELD_ERRORS, so this way every counted refusal is one the
 * reply shows, even when a body carries thousands of unknown keys.
 */
export const paramErrorsInReplyOrder = (errors: FieldError[]): FieldError[] => [
  ...errors.filter((e) => e.code !== 'unknown'),
  ...errors.filter((e) => e.code === 'unknown'),
];

/**
 * Counts the refusals a reply is about to report. The counters must match the replies both
 * ways, so a counter that cannot be written fails the request (503, safe to repeat) instead of
 * answering a refusal nobody counted.
 */
const recordLimitPushes = async (deps: AppDeps, designId: string, errors: FieldError[]) => {
  const pushes = errors.filter((e) => COUNTED_REFUSALS.includes(e.code));
  // One id per refusal in this reply: a write the SDK repeats after a lost reply counts once.
  const refusal = newToken();
  await Promise.all(
    pushes.map((e, i) => deps.stores.insights.record({ designId, param: e.field, direction: e.code as PushDirection }, deps.clock(), `${refusal}.${i}`)),
  );
};

/** Has the mesh built (inline or in the host's pool), uploads both files and records the mesh. */
const buildAndSave = async (deps: AppDeps, design: AnyDesign, params: Params, hash: string): Promise<MeshRecord> => {
  const built = await (deps.meshBuilder ?? inlineMeshBuilder).build({ design, params, hash });
  const record: MeshRecord = {
    hash,
    designId: design.id,
    version: design.version,
    measurements: built.measurements,
    parts: built.parts,
    print: built.print,
    files: {
      stl: { sha256: built.sha256.stl, bytes: built.files.stl.length },
      '3mf': { sha256: built.sha256['3mf'], bytes: built.files['3mf'].length },
    },
    createdAt: deps.clock(),
  };
  await deps.stores.meshes.save(record, built.files);
  return record;
};

/** The colour slots a mesh has: one more than the highest slot among its parts, at least 1. */
export const colourSlots = (mesh: Pick<MeshRecord, 'parts'>): number => slotCount(mesh.parts ?? []);

/** Colours that are not in the palette, named colours[i]; checked before any build (the count is checked after it). */
const unknownColours = (colours: readonly unknown[] | undefined) =>
  colours ? colourProblems(colours, colours.length).map((e) => ({ ...e, code: 'unknown_colour' })) : [];

/** Builds in flight per mesh store, by content hash: identical cold quotes arriving together build once. */
const inFlight = new WeakMap<object, Map<string, Promise<MeshRecord>>>();

/**
 * Returns the mesh record for validated params, building and uploading it only the first time.
 * A quote that joins a build already in flight for the same configuration costs its client nothing.
 */
const ensureMesh = async (deps: AppDeps, design: AnyDesign, params: Params, client: string): Promise<MeshRecord> => {
  const hash = await contentHash(design.id, design.version, params);
  // A record from before the print estimate read the layers is built again, once.
  const remembered = deps.stores.meshes.recall(hash, deps.clock());
  if (remembered?.print) return remembered;
  let building = inFlight.get(deps.stores.meshes);
  if (!building) inFlight.set(deps.stores.meshes, (building = new Map()));
  const joined = building.get(hash);
  if (joined) return joined;
  // Past this point the quote costs a table read and maybe a build and an upload: the host
  // may hold each client to a few of those at a time.
  const release = deps.meshBuilder?.reserve?.(client);
  try {
    const cached = await deps.stores.meshes.find(hash, deps.clock());
    if (cached?.print) return cached;
    let pending = building.get(hash);
    if (!pending) {
      pending = buildAndSave(deps, design, params, hash).finally(() => building.delete(hash));
      building.set(hash, pending);
    }
    return await pending;
  } finally {
    release?.();
  }
};

/** `client` (the caller's address) is what the host's mesh pool counts cold builds by. */
export const createQuote = async (deps: AppDeps, input: QuoteInput, { client = 'unknown' }: { client?: string } = {}) => {
  deps.meshBuilder?.admit?.(client);
  const design = findDesign(input.designId);
  if (!design) {
    throw invalid([{ field: 'designId', code: 'unknown', message: `there is no design "${input.designId}"` }]);
  }
  await prepareDesign(design, input.params);
  const validation = validateParams(design, input.params);
  if (!validation.ok) {
    const ordered = paramErrorsInReplyOrder(validation.errors);
    await recordLimitPushes(deps, design.id, ordered.slice(0, MAX_FIELD_ERRORS));
    throw new InvalidParamsError(ordered);
  }
  const params = validation.params;
  const badColours = unknownColours(input.colours);
  if (badColours.length) throw invalid(badColours);
  const mesh = await ensureMesh(deps, design, params, client);
  const slots = colourSlots(mesh);
  const countProblems = colourProblems(input.colours, slots);
  if (countProblems.length) throw invalid(countProblems.map((e) => ({ ...e, code: 'colour_count' })));
  const colours = resolveColours(input.colours, slots);
  const { size, volume, surfaceArea, triangleCount } = mesh.measurements;
  const now = deps.clock();
  const radius = deps.routingRadiusKm ?? DEFAULT_ROUTING_RADIUS_KM;
  const nearby = await deps.stores.shops.near(input.location.lat, input.location.lon, radius);
  const requirement = { material: input.material, size: { x: size[0], y: size[1], z: size[2] }, colours: filamentCount(colours) };
  const candidates = rankCandidates(nearby, input.location, requirement, { maxKm: radius });
  const candidateShops = nearby.filter((s) => candidates.some((c) => c.shopId === s.id));
  const whole = { size, volume, surfaceArea, print: mesh.print, designId: design.id, params };
  const parts = mesh.parts?.length ? mesh.parts : [{ role: 'part', label: design.name, colourSlot: 0, measurements: mesh.measurements }];
  const priced = priceQuote(whole, input.material, input.quantity, candidateShops, now, QUOTE_TTL_MS, PRINT_ESTIMATE_FIT, { parts, colours });
  const quote: StoredQuote = {
    ...priced,
    id: newToken(),
    designId: design.id,
    params,
    hash: mesh.hash,
    cell: routingCell(input.location),
    candidates,
  };
  await deps.stores.quotes.put(quote);
  const fileName = `${design.id}-${mesh.hash.slice(0, 8)}`;
  const [stlUrl, threeMfUrl] = await Promise.all([
    deps.stores.meshes.downloadUrl(mesh.hash, 'stl', `${fileName}.stl`, LINK_TTL_SECONDS),
    deps.stores.meshes.downloadUrl(mesh.hash, '3mf', `${fileName}.3mf`, LINK_TTL_SECONDS),
  ]);
  const { candidates: _hidden, cell: _cell, ...visible } = quote;
  // For a job in several filaments: how many shops would make it in one, so the page can say
  // whether colours are what stands between the customer and a price.
  const oneColour = requirement.colours > 1 ? rankCandidates(nearby, input.location, { ...requirement, colours: 1 }, { maxKm: radius }).length : null;
  return {
    ...visible,
    oneColourShopCount: oneColour,
    designVersion: design.version,
    printability: {
      watertight: true,
      triangles: triangleCount,
      checks: ['closed 2-manifold: every edge shared by exactly two triangles', 'consistent outward orientation', 'no degenerate triangles', 'positive volume', 'resting on the build plate (min z = 0)'],
    },
    files: { stl: stlUrl, threeMf: threeMfUrl, expiresAt: now + LINK_TTL_SECONDS * 1000 },
  };
};
