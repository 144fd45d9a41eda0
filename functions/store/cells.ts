// Geohash precision for the table's location indexes. Precision 3 cells are about
// 156 × 156 km at the equator (narrower east-west further north), so a routing radius of
// up to ~100 km touches 1-9 cells: a handful of queries per poll or quote, never a scan.
// Finer cells (precision 4) would mean dozens of queries for the same circle.
export const INDEX_CELL_PRECISION = 3;
