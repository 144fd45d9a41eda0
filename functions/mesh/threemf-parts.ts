// A multi-part item as one 3MF: one mesh object holding every part's triangles, each triangle
// with its part's core-spec base material (name, display colour), so any reader sees one item
// in several colours. Beside it, what slicers read to give each part its own filament:
// PrusaSlicer's Metadata/Slic3r_PE_model.config (one volume per part by triangle range, with its
// `extruder`), which Bambu Studio and OrcaSlicer read too for a 3MF not made by them, and
// Metadata/model_settings.config in Bambu's naming. One object, not one per part: a slicer
// arranging objects apart would take the letters off their base.
// Deterministic like write3mf: equal parts give equal bytes.
import { strToU8, zipSync, type Zippable } from 'fflate';
import { slotColour } from './slot-colours.ts';
import { CONTENT_TYPES, CORE_NS, escapeXml, FIXED_TIME, MODEL_PATH, pushMetadataXml, pushVerticesXml, RELS, type ThreeMfMetadata } from './threemf.ts';
import type { Mesh, PartInfo } from './types.ts';

export const PRUSA_CONFIG_PATH = 'Metadata/Slic3r_PE_model.config';
export const BAMBU_CONFIG_PATH = 'Metadata/model_settings.config';
const SLIC3RPE_NS = 'http://schemas.slic3r.org/3mf/2017/06';
const IDENTITY_4X4 = '1 0 0 0 0 1 0 0 0 0 1 0 0 0 0 1';

export interface ThreeMfPart extends PartInfo {
  mesh: Mesh;
}

/** The one object's id (basematerials is 1). */
const OBJECT_ID = 2;

/**
 * One mesh object holding every part's triangles in part order (vertices of each part kept
 * apart, so each part stays closed on its own), each triangle carrying its part's material.
 */
const modelXml = (parts: ThreeMfPart[], name: string, metadata: ThreeMfMetadata): string => {
  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>\n<model unit="millimeter" xml:lang="en-US" xmlns="${CORE_NS}" xmlns:slic3rpe="${SLIC3RPE_NS}">\n`,
  ];
  pushMetadataXml(out, metadata);
  out.push(' <metadata name="slic3rpe:Version3mf">1</metadata>\n');
  out.push(' <resources>\n  <basematerials id="1">\n');
  for (const part of parts) {
    out.push(`   <base name="${escapeXml(part.label)}" displaycolor="${slotColour(part.colourSlot).toUpperCase()}FF"/>\n`);
  }
  out.push('  </basematerials>\n');
  out.push(`  <object id="${OBJECT_ID}" name="${escapeXml(name)}" type="model" pid="1" pindex="0">\n   <mesh>\n    <vertices>\n`);
  for (const { mesh } of parts) pushVerticesXml(out, mesh.positions);
  out.push('    </vertices>\n    <triangles>\n');
  let base = 0;
  parts.forEach(({ mesh: { positions, indices } }, i) => {
    const material = i === 0 ? '' : ` pid="1" p1="${i}"`;
    for (let t = 0; t < indices.length; t += 3) {
      out.push(`     <triangle v1="${base + indices[t]}" v2="${base + indices[t + 1]}" v3="${base + indices[t + 2]}"${material}/>\n`);
    }
    base += positions.length / 3;
  });
  out.push('    </triangles>\n   </mesh>\n  </object>\n </resources>\n');
  out.push(` <build>\n  <item objectid="${OBJECT_ID}" printable="1"/>\n </build>\n</model>\n`);
  return out.join('');
};

/** Each part's triangle range in the object, in part order: [first, last], inclusive. */
const triangleRanges = (parts: ThreeMfPart[]): [number, number][] => {
  let first = 0;
  return parts.map(({ mesh }) => {
    const range: [number, number] = [first, first + mesh.indices.length / 3 - 1];
    first = range[1] + 1;
    return range;
  });
};

/** PrusaSlicer: one object, one volume per part (a triangle range), each with its extruder (1-based). */
const prusaConfigXml = (parts: ThreeMfPart[], ranges: [number, number][], name: string): string => {
  const out = [`<?xml version="1.0" encoding="UTF-8"?>\n<config>\n <object id="${OBJECT_ID}" instances_count="1">\n`];
  out.push(`  <metadata type="object" key="name" value="${escapeXml(name)}"/>\n`);
  for (const [i, part] of parts.entries()) {
    out.push(`  <volume firstid="${ranges[i][0]}" lastid="${ranges[i][1]}">\n`);
    out.push(`   <metadata type="volume" key="name" value="${escapeXml(part.label)}"/>\n`);
    out.push('   <metadata type="volume" key="volume_type" value="ModelPart"/>\n');
    out.push(`   <metadata type="volume" key="extruder" value="${part.colourSlot + 1}"/>\n`);
    out.push('  </volume>\n');
  }
  out.push(' </object>\n</config>\n');
  return out.join('');
};

/**
 * Bambu Studio / OrcaSlicer: the object's extruder and, per part, a volume (the same triangle
 * range) with its name and extruder; both also read PrusaSlicer's file above.
 */
const bambuConfigXml = (parts: ThreeMfPart[], ranges: [number, number][], name: string): string => {
  const out = [`<?xml version="1.0" encoding="UTF-8"?>\n<config>\n  <object id="${OBJECT_ID}">\n`];
  out.push(`    <metadata key="name" value="${escapeXml(name)}"/>\n`);
  out.push(`    <metadata key="extruder" value="${parts[0].colourSlot + 1}"/>\n`);
  parts.forEach((part, i) => {
    out.push(`    <volume firstid="${ranges[i][0]}" lastid="${ranges[i][1]}">\n`);
    out.push(`      <metadata key="name" value="${escapeXml(part.label)}"/>\n`);
    out.push(`      <metadata key="matrix" value="${IDENTITY_4X4}"/>\n`);
    out.push(`      <metadata key="extruder" value="${part.colourSlot + 1}"/>\n`);
    out.push('    </volume>\n');
  });
  out.push('  </object>\n</config>\n');
  return out.join('');
};

/**
 * Writes the parts (already placed in the item's frame) as one item a slicer opens with one
 * part per filament: PrusaSlicer (MMU), Bambu Studio and OrcaSlicer (AMS), any core-spec reader.
 * @example write3mfParts([{ role: 'base', label: 'Base', colourSlot: 0, mesh }, ...], { title: 'Name tag' })
 */
export const write3mfParts = (parts: ThreeMfPart[], metadata: ThreeMfMetadata = {}): Uint8Array => {
  const name = metadata.title ?? 'Atelier item';
  const ranges = triangleRanges(parts);
  const file = (text: string): [Uint8Array, { mtime: Date }] => [strToU8(text), { mtime: FIXED_TIME }];
  const files: Zippable = {
    '[Content_Types].xml': file(CONTENT_TYPES.replace('</Types>', '  <Default Extension="config" ContentType="application/xml"/>\n</Types>')),
    '_rels/.rels': file(RELS),
    [MODEL_PATH]: file(modelXml(parts, name, metadata)),
    [PRUSA_CONFIG_PATH]: file(prusaConfigXml(parts, ranges, name)),
    [BAMBU_CONFIG_PATH]: file(bambuConfigXml(parts, ranges, name)),
  };
  return zipSync(files, { level: 6, mtime: FIXED_TIME });
};
