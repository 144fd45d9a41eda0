// One cold build, start to finish, as pure computation: validated params → verified mesh →
// STL and 3MF bytes with their sha256, and the layers the print estimate reads. A multi-part
// item's 3MF carries each part with its filament (threemf-parts.ts); its STL is the whole item. What a host
// runs off its request loop (the local host's worker threads) or inline (the mesh Lambda, one
// request per instance).
import { sha256Hex } from '../mesh/hash.ts';
import { printFeatures, type PrintFeatures } from '../mesh/print-features.ts';
import { write3mf } from '../mesh/threemf.ts';
import { write3mfParts } from '../mesh/threemf-parts.ts';
import { writeStl } from '../mesh/stl.ts';
import type { Measurements, PartSummary } from '../mesh/types.ts';
import { generateValidated } from './generate.ts';
import type { AnyDesign, Params } from './types.ts';

export interface MeshFiles {
  /** The whole item's. */
  measurements: Measurements;
  /** Each printed part with its filament slot; one ('body', slot 0) for a single-part item. */
  parts: PartSummary[];
  /** The part cut into the reference layers, for the print estimate. */
  print: PrintFeatures;
  files: { stl: Uint8Array; '3mf': Uint8Array };
  sha256: { stl: string; '3mf': string };
}

/**
 * Builds already-validated params and writes both files. `hash` names the 3MF's title.
 * @example const { files } = await buildMeshFiles(planter, params, await contentHash('planter', 3, params));
 */
export const buildMeshFiles = async (design: AnyDesign, params: Params, hash: string): Promise<MeshFiles> => {
  const built = await generateValidated(design, params);
  const stl = writeStl(built.mesh);
  const metadata = { title: `${design.name} ${hash.slice(0, 8)}`, designer: 'Atelier' };
  const threeMf = built.parts.length > 1 ? write3mfParts(built.parts, metadata) : write3mf(built.mesh, metadata);
  return {
    measurements: built.measurements,
    parts: built.parts.map(({ role, label, colourSlot, measurements }) => ({ role, label, colourSlot, measurements })),
    print: printFeatures(built.mesh),
    files: { stl, '3mf': threeMf },
    sha256: { stl: await sha256Hex(stl), '3mf': await sha256Hex(threeMf) },
  };
};

/** How the app has a cold mesh built: inline by default, in a worker pool on the local host. */
export interface MeshBuilder {
  /**
   * Called before a quote looks up or builds a mesh it does not hold in memory: takes one of
   * the client's slots and returns its release, or throws (a 503) when the client holds its
   * share already, so a refused request costs neither a table read nor a build.
   */
  reserve?: (client: string) => () => void;
  /**
   * Refuses (throws a 503) a client that holds its whole share already, before the quote is
   * even validated: validating the largest configurations costs milliseconds of the request
   * loop each (planter text fitting), which a burst from one client must not take from others.
   */
  admit?: (client: string) => void;
  build: (job: { design: AnyDesign; params: Params; hash: string }) => Promise<MeshFiles>;
}

export const inlineMeshBuilder: MeshBuilder = { build: ({ design, params, hash }) => buildMeshFiles(design, params, hash) };
