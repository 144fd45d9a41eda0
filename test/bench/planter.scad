// Mirrors functions/designs/planter.ts (version 2) for the OpenSCAD timing in the kernel
// benchmark (npm run bench). Same pot: a regular-polygon frustum tapered by at most 8 degrees
// or 15 %, hollowed with walls 2.4 mm square to the faces and a 3 mm floor, the name engraved
// 0.8 mm deep square to the front face, optional drainage hole. (planter.ts cuts the name
// with the pot turned face-up and turns it back; the solid is the same, cut in one frame here.)
//
// The bench passes the name as the glyph outlines the design lays out (already centred and
// scaled, one polygon per glyph with its holes as extra paths), so both kernels cut the same
// letters. Without `glyph_points` the name falls back to text() in OpenSCAD's default font.
//
//   openscad -o out.stl -D 'width=90' -D 'height=80' -D 'shape="hexagon"' \
//            -D 'drainage="hole"' -D 'glyph_points=[[[x,y],...],...]' -D 'glyph_paths=[[[0,1,...],...],...]' planter.scad

width = 90;          // mm across the flats at the top
height = 80;         // mm
shape = "hexagon";   // hexagon | square
drainage = "hole";   // hole | none
name = "BASIL";      // used only without glyph_points
cap = 12;            // mm capital height, used only without glyph_points
glyph_points = undef; // per glyph: its outline points, mm, centred
glyph_paths = undef;  // per glyph: its contours as index lists into its points

WALL = 2.4;
FLOOR = 3;
ENGRAVE_DEPTH = 0.8;
OVERCUT = 1;
TAPER_MAX_DEG = 8;
TAPER_MAX_FRACTION = 0.15;
SEGMENTS = 24;

sides = shape == "square" ? 4 : 6;
top_apothem = width / 2;
inset = min(TAPER_MAX_FRACTION * top_apothem, height * tan(TAPER_MAX_DEG));
bottom_apothem = top_apothem - inset;
taper = atan(inset / height); // degrees

function apothem_at(z) = bottom_apothem + (top_apothem - bottom_apothem) * z / height;
// One face centred on -y (the front), as in planter.ts.
function corner_angle(k) = 270 - 180 / sides + 360 * k / sides;
function ring(apothem, z) = let (r = apothem / cos(180 / sides)) [for (k = [0 : sides - 1]) [r * cos(corner_angle(k)), r * sin(corner_angle(k)), z]];

// OpenSCAD wants faces clockwise seen from outside (JSCAD: counter-clockwise).
module frustum(bottom_apothem_, bottom_z, top_apothem_, top_z)
  polyhedron(
    points = concat(ring(bottom_apothem_, bottom_z), ring(top_apothem_, top_z)),
    faces = concat(
      [[for (k = [0 : sides - 1]) k]],
      [[for (k = [sides - 1 : -1 : 0]) sides + k]],
      [for (k = [0 : sides - 1]) [sides + k, sides + (k + 1) % sides, (k + 1) % sides, k]]
    ));

module name_outline()
  if (is_undef(glyph_points)) {
    text(name, size = cap, halign = "center", valign = "center");
  } else {
    for (i = [0 : len(glyph_points) - 1]) polygon(points = glyph_points[i], paths = glyph_paths[i]);
  }

centre_z = height / 2;
drain_diameter = min(14, max(6, width * 0.12));
cavity_inset = WALL / cos(taper);
cavity_top = height + 1;

difference() {
  frustum(bottom_apothem, 0, top_apothem, height);
  frustum(apothem_at(FLOOR) - cavity_inset, FLOOR, apothem_at(cavity_top) - cavity_inset, cavity_top);
  translate([0, -apothem_at(centre_z), centre_z])
    rotate([90 + taper, 0, 0])
      translate([0, 0, -ENGRAVE_DEPTH])
        linear_extrude(height = ENGRAVE_DEPTH + OVERCUT) name_outline();
  if (drainage == "hole")
    translate([0, 0, FLOOR / 2]) cylinder(d = drain_diameter, h = FLOOR + 2, center = true, $fn = SEGMENTS);
}
