// Stand for a set of metric hex (Allen) keys: one pillar per key with a hexagonal socket, the
// pillars stepping up with key size so every key can be read and pulled out, on an optional
// wide foot. Printed standing as shown. A JSCAD v2 design: paste it into https://jscad.app.
const { booleans, primitives, transforms } = require('@jscad/modeling')

const { subtract, union } = booleans
const { cuboid, cylinder } = primitives
const { translate } = transforms

const SIZES = [1.5, 2, 2.5, 3, 4, 5, 6, 8, 10] // key sizes across flats, mm
const WALL = 2.5 // mm around each socket
const FLOOR = 3 // mm under the deepest socket
const STEP = 2 // mm each pillar rises over the previous one when stepped
const OVERLAP = 0.5 // mm neighbouring pillars overlap, so they fuse
const FOOT_MARGIN = 8 // mm the foot reaches past the pillars
const FOOT_HEIGHT = 3 // mm
const OVERCUT = 1 // mm sockets reach past the top

const getParameterDefinitions = () => [
  { name: 'keys', type: 'int', caption: 'Number of keys, from 1.5 mm up:', min: 3, max: 9, step: 1, initial: 7 },
  { name: 'depth', type: 'slider', caption: 'Socket depth (mm):', min: 8, max: 30, step: 1, initial: 15 },
  { name: 'clearance', type: 'float', caption: 'Clearance (mm):', min: 0.1, max: 0.5, step: 0.05, initial: 0.25 },
  { name: 'stepped', type: 'checkbox', caption: 'Stepped pillars:', checked: true },
  { name: 'foot', type: 'checkbox', caption: 'Wide foot:', checked: false }
]

/** Socket radius to the corners for a key size: a hexagon `flats` across its flats. */
const cornerRadius = (size, clearance) => (size + clearance) / Math.sqrt(3)

const main = (params) => {
  const sizes = SIZES.slice(0, params.keys)
  const radii = sizes.map((size) => cornerRadius(size, params.clearance))
  const widths = radii.map((r) => 2 * r + 2 * WALL)
  const depthY = Math.max(...widths)
  const total = widths.reduce((a, b) => a + b, 0)
  const pillars = []
  const sockets = []
  let x = -total / 2
  sizes.forEach((size, i) => {
    const height = FLOOR + params.depth + (params.stepped ? i * STEP : 0)
    const left = i === 0 ? 0 : OVERLAP
    const right = i === sizes.length - 1 ? 0 : OVERLAP
    const width = widths[i] + left + right
    pillars.push(cuboid({ size: [width, depthY, height], center: [x - left + width / 2, 0, height / 2] }))
    const socketHeight = params.depth + OVERCUT
    sockets.push(translate([x + widths[i] / 2, 0, height - params.depth + socketHeight / 2],
      cylinder({ radius: radii[i], height: socketHeight, segments: 6 })))
    x += widths[i]
  })
  let body = union(pillars)
  if (params.foot) {
    body = union(body, cuboid({ size: [total + 2 * FOOT_MARGIN, depthY + 2 * FOOT_MARGIN, FOOT_HEIGHT], center: [0, 0, FOOT_HEIGHT / 2] }))
  }
  return subtract(body, sockets)
}

module.exports = { main, getParameterDefinitions }
