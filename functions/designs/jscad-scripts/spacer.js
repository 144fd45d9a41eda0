// Spacer or washer for a metric screw: a ring with a clearance hole, optionally countersunk
// for a flat-head screw. A JSCAD v2 design: paste it into https://jscad.app to try it.
const { booleans, primitives, transforms } = require('@jscad/modeling')

const { subtract, union } = booleans
const { cylinder, cylinderElliptic } = primitives
const { translateZ } = transforms

// Clearance holes (ISO 273: close, medium, loose) and flat-head diameters (ISO 10642), mm.
const SCREWS = {
  3: { close: 3.2, medium: 3.4, loose: 3.6, head: 6.7 },
  4: { close: 4.3, medium: 4.5, loose: 4.8, head: 9 },
  5: { close: 5.3, medium: 5.5, loose: 5.8, head: 11.2 },
  6: { close: 6.4, medium: 6.6, loose: 7, head: 13.4 },
  8: { close: 8.4, medium: 9, loose: 10, head: 17.9 }
}
const OVERCUT = 1 // cutters reach this far past the faces they open

const getParameterDefinitions = () => [
  { name: 'screw', type: 'choice', caption: 'Screw:', values: [3, 4, 5, 6, 8], captions: ['M3', 'M4', 'M5', 'M6', 'M8'], initial: 4 },
  { name: 'fit', type: 'radio', caption: 'Hole fit:', values: ['close', 'medium', 'loose'], captions: ['Close', 'Medium', 'Loose'], initial: 'medium' },
  { name: 'outside', type: 'float', caption: 'Outside diameter (mm):', min: 6, max: 60, step: 0.5, initial: 12 },
  { name: 'thickness', type: 'float', caption: 'Thickness (mm):', min: 1, max: 30, step: 0.5, initial: 5 },
  { name: 'countersink', type: 'checkbox', caption: 'Countersunk for a flat head:', checked: false }
]

const main = (params) => {
  const screw = SCREWS[params.screw]
  const hole = screw[params.fit]
  const t = params.thickness
  const ring = cylinder({ radius: params.outside / 2, height: t, center: [0, 0, t / 2], segments: 64 })
  const bore = cylinder({ radius: hole / 2, height: t + 2 * OVERCUT, center: [0, 0, t / 2], segments: 32 })
  if (!params.countersink) return subtract(ring, bore)
  // A 90° cone: as deep as the head is wider than the hole, opening upwards (no overhang).
  const depth = (screw.head - hole) / 2
  const cone = translateZ(t - depth, cylinderElliptic({
    height: depth + OVERCUT,
    startRadius: [hole / 2, hole / 2],
    endRadius: [screw.head / 2 + OVERCUT, screw.head / 2 + OVERCUT],
    center: [0, 0, (depth + OVERCUT) / 2],
    segments: 32
  }))
  return subtract(ring, union(bore, cone))
}

module.exports = { main, getParameterDefinitions }
