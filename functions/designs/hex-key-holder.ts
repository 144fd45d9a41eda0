// Stand for a set of metric hex keys, from a JSCAD script (jscad-scripts/hex-key-holder.js) run
// on our kernel: a pillar per key with a hexagonal socket, stepping up with key size, on an
// optional foot. This wrapper adds the help lines, the size promise and the budget; the script's
// constants the size depends on are repeated below.
import type { Vec3 } from '../mesh/types.ts';
import { jscadDesign } from './jscad/jscad-design.ts';
import { hexKeyHolderScript } from './jscad-scripts/hex-key-holder.script.ts';
import type { Params } from './types.ts';

// As in hex-key-holder.js.
const SIZES = [1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];
const WALL = 2.5;
const FLOOR = 3;
const STEP = 2;
const FOOT_MARGIN = 8;

export const hexKeyHolder = jscadDesign({
  id: 'hex-key-holder',
  version: 1,
  name: 'Hex key holder',
  description: 'A stand for metric hex keys, one stepped pillar per key size.',
  script: hexKeyHolderScript,
  overrides: {
    keys: { label: 'Keys', help: 'How many sizes, from 1.5 mm up: 7 holds 1.5 to 5 mm, 9 up to 10 mm' },
    depth: { help: 'How deep each key sits' },
    clearance: { help: 'Play around each key; more if your printer prints holes small' },
    stepped: { label: 'Stepped', help: 'Each pillar 2 mm taller than the last, so every key stands clear' },
    foot: { help: 'A wider base so the stand does not tip' },
  },
  // Measured: nine pillars with their sockets and the foot, at most 700 triangles.
  budget: { maxTriangles: 800, maxSegments: 6 },
  size: (p: Params): Vec3 => {
    const keys = p.keys as number;
    const widths = SIZES.slice(0, keys).map((size) => (2 * (size + (p.clearance as number))) / Math.sqrt(3) + 2 * WALL);
    const foot = p.foot === 'yes' ? 2 * FOOT_MARGIN : 0;
    const height = FLOOR + (p.depth as number) + (p.stepped === 'yes' ? (keys - 1) * STEP : 0);
    return [widths.reduce((a, b) => a + b, 0) + foot, Math.max(...widths) + foot, height];
  },
});
