// Desk cable grommet: a tube that lines a hole drilled through a desk, with a flange that rests
// on the desk top and an optional slot to pass cables in from the side. Printed flange down.
// A JSCAD v2 design: paste it into https://jscad.app to try it.
const { booleans, colors, primitives, transforms } = require('@jscad/modeling')

const { subtract, union } = booleans
const { colorize } = colors
const { cuboid, cylinder } = primitives
const { rotateZ, translate } = transforms

const FLANGE_THICKNESS = 2.4 // mm
const FIT = 0.4 // mm the tube is narrower than the drilled hole
const OVERCUT = 1 // mm cutters reach past the faces they open
const SLOTS = { none: 0, narrow: 8, wide: 14 } // slot widths, mm

const getParameterDefinitions = () => [
  { name: 'hole', type: 'int', caption: 'Desk hole diameter (mm):', min: 30, max: 80, step: 1, initial: 60 },
  { name: 'deskThickness', type: 'int', caption: 'Desk thickness (mm):', min: 12, max: 40, step: 1, initial: 25 },
  { name: 'flange', type: 'slider', caption: 'Flange width (mm):', min: 3, max: 15, step: 1, initial: 6 },
  { name: 'wall', type: 'number', caption: 'Tube wall (mm):', min: 1.6, max: 4, step: 0.4, initial: 2 },
  { name: 'slot', type: 'radio', caption: 'Cable slot:', values: ['none', 'narrow', 'wide'], captions: ['None', 'Narrow (8 mm)', 'Wide (14 mm)'], initial: 'narrow' }
]

const main = (params) => {
  const tubeRadius = (params.hole - FIT) / 2
  const height = FLANGE_THICKNESS + params.deskThickness
  const flange = cylinder({ radius: tubeRadius + params.flange, height: FLANGE_THICKNESS, center: [0, 0, FLANGE_THICKNESS / 2], segments: 96 })
  // The tube starts inside the flange: two bottom faces in one plane would fuse badly.
  const tubeBottom = FLANGE_THICKNESS / 2
  const tube = cylinder({ radius: tubeRadius, height: height - tubeBottom, center: [0, 0, (height + tubeBottom) / 2], segments: 96 })
  const bore = cylinder({ radius: tubeRadius - params.wall, height: height + 2 * OVERCUT, center: [0, 0, height / 2], segments: 96 })
  let grommet = subtract(union(flange, tube), bore)
  const slotWidth = SLOTS[params.slot]
  if (slotWidth > 0) {
    const reach = tubeRadius + params.flange + OVERCUT
    const slot = translate([reach / 2, 0, height / 2], cuboid({ size: [reach, slotWidth, height + 2 * OVERCUT] }))
    // The slot faces the back (+y) so the flange's widest part is in front.
    grommet = subtract(grommet, rotateZ(Math.PI / 2, slot))
  }
  return colorize([0.2, 0.2, 0.2], grommet)
}

module.exports = { main, getParameterDefinitions }
