// 3MF (3D Manufacturing Format) core spec: an OPC zip with one mesh object in millimetres.
// Deterministic: fixed timestamps and shortest float32-exact numbers, so equal meshes
// give equal bytes.
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { MeshFormatError } from './errors.ts';
import type { Mesh } from './types.ts';
import { weldSoup } from './weld.ts';

export const CORE_NS = 'http://schemas.microsoft.com/3dmanufacturing/core/2015/02';
export const MODEL_PATH = '3D/3dmodel.model';
export const FIXED_TIME = new Date('2020-01-01T00:00:00Z');

export const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
  <Default Extension="model" ContentType="application/vnd.ms-package.3dmanufacturing-3dmodel+xml"/>
</Types>
`;

export const RELS = `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Target="/${MODEL_PATH}" Id="rel0" Type="http://schemas.microsoft.com/3dmanufacturing/2013/01/3dmodel"/>
</Relationships>
`;

/** Shortest decimal that reads back as exactly this float32 value. */
export const formatFloat32 = (value: number): string => {
  if (value === 0) return '0';
  for (let precision = 6; precision < 9; precision++) {
    const text = value.toPrecision(precision);
    if (Math.fround(Number(text)) === value) return String(Number(text));
  }
  return String(Number(value.toPrecision(9)));
};

export const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface ThreeMfMetadata {
  title?: string;
  designer?: string;
}

/** The model's metadata lines (title, application, designer), as both 3MF writers put them. */
export const pushMetadataXml = (out: string[], metadata: ThreeMfMetadata): void => {
  if (metadata.title) out.push(` <metadata name="Title">${escapeXml(metadata.title)}</metadata>\n`);
  out.push(` <metadata name="Application">Atelier</metadata>\n`);
  if (metadata.designer) out.push(` <metadata name="Designer">${escapeXml(metadata.designer)}</metadata>\n`);
};

/** One <vertex> line per vertex of `positions`. */
export const pushVerticesXml = (out: string[], p: Float32Array): void => {
  for (let i = 0; i < p.length; i += 3) {
    out.push(`     <vertex x="${formatFloat32(p[i])}" y="${formatFloat32(p[i + 1])}" z="${formatFloat32(p[i + 2])}"/>\n`);
  }
};

/** Writes a 3MF package a slicer opens (PrusaSlicer, Bambu Studio, Cura, Orca). */
export const write3mf = ({ positions: p, indices }: Mesh, metadata: ThreeMfMetadata = {}): Uint8Array => {
  const parts: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>\n<model unit="millimeter" xml:lang="en-US" xmlns="${CORE_NS}">\n`,
  ];
  pushMetadataXml(parts, metadata);
  parts.push(' <resources>\n  <object id="1" type="model">\n   <mesh>\n    <vertices>\n');
  pushVerticesXml(parts, p);
  parts.push('    </vertices>\n    <triangles>\n');
  for (let t = 0; t < indices.length; t += 3) {
    parts.push(`     <triangle v1="${indices[t]}" v2="${indices[t + 1]}" v3="${indices[t + 2]}"/>\n`);
  }
  parts.push('    </triangles>\n   </mesh>\n  </object>\n </resources>\n <build>\n  <item objectid="1"/>\n </build>\n</model>\n');
  const files: Zippable = {
    '[Content_Types].xml': [strToU8(CONTENT_TYPES), { mtime: FIXED_TIME }],
    '_rels/.rels': [strToU8(RELS), { mtime: FIXED_TIME }],
    [MODEL_PATH]: [strToU8(parts.join('')), { mtime: FIXED_TIME }],
  };
  return zipSync(files, { level: 6, mtime: FIXED_TIME });
};

/**
 * Reads the mesh back out of a 3MF written by us or by any core-spec producer: every mesh
 * object's triangles (untransformed), so a multi-part item reads back as all its parts.
 */
export const read3mf = (bytes: Uint8Array): { mesh: Mesh; unit: string } => {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (cause) {
    throw new MeshFormatError('3MF is not a valid zip package', { cause });
  }
  if (!entries['[Content_Types].xml']) throw new MeshFormatError('3MF lacks [Content_Types].xml');
  const rels = entries['_rels/.rels'];
  if (!rels) throw new MeshFormatError('3MF lacks _rels/.rels');
  const target = /Target="\/?([^"]+)"[^>]*3dmodel"/.exec(strFromU8(rels))?.[1];
  const model = target ? entries[target] : undefined;
  if (!model) throw new MeshFormatError('3MF has no 3D model part');
  const xml = strFromU8(model);
  const unit = /<model[^>]*\sunit="([^"]+)"/.exec(xml)?.[1] ?? 'millimeter';
  const soup: number[] = [];
  // Vertex indices count from each object's own list; an object of components has no mesh.
  for (const object of xml.matchAll(/<object\b[^>]*>([\s\S]*?)<\/object>/g)) {
    const vertices: number[] = [];
    for (const m of object[1].matchAll(/<vertex\s+x="([^"]+)"\s+y="([^"]+)"\s+z="([^"]+)"/g)) {
      vertices.push(Number(m[1]), Number(m[2]), Number(m[3]));
    }
    for (const m of object[1].matchAll(/<triangle\s+v1="(\d+)"\s+v2="(\d+)"\s+v3="(\d+)"/g)) {
      for (const v of [m[1], m[2], m[3]]) {
        const i = Number(v) * 3;
        if (i + 2 >= vertices.length) throw new MeshFormatError(`3MF triangle refers to missing vertex ${v}`);
        soup.push(vertices[i], vertices[i + 1], vertices[i + 2]);
      }
    }
  }
  return { mesh: weldSoup(new Float32Array(soup)), unit };
};
