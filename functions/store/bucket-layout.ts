// Where mesh files live in the bucket, shared by the store and the CDK stack (whose
// lifecycle rule and IAM grants are written per prefix), so the two cannot drift apart.

export type MeshCopy = 'quoted' | 'ordered';

/** quoted: uploaded at quote time, expired by the lifecycle rule; ordered: copied at order time, kept. */
export const MESH_PREFIXES: Record<MeshCopy, string> = { quoted: 'meshes/', ordered: 'orders/' };
