// Three demo print shops around one demo city (Berlin), seeded on the first `npm start` so a
// newcomer can play both customer and shop at once. Kreuzberg has a multi-material printer
// (two filaments per job), so two-colour name tags and signs find a shop in the demo.
import type { NewShop } from '../functions/api/use-cases/register-shop.ts';

export const DEMO_CITY = { name: 'Berlin', lat: 52.52, lon: 13.405 };

export const DEMO_SHOPS: NewShop[] = [
  { id: 'demo-mitte', name: 'Mitte Makerspace', lat: 52.531, lon: 13.384, materials: ['PLA', 'PETG'], buildVolume: { x: 250, y: 210, z: 210 } },
  { id: 'demo-kreuzberg', name: 'Kreuzberg Print Lab', lat: 52.499, lon: 13.418, materials: ['PLA', 'PETG', 'TPU'], buildVolume: { x: 256, y: 256, z: 256 }, colours: 2 },
  { id: 'demo-spandau', name: 'Spandau Filament Works', lat: 52.535, lon: 13.2, materials: ['PLA', 'ASA'], buildVolume: { x: 300, y: 300, z: 300 } },
];
