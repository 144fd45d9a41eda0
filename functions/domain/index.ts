// The domain layer's public API: orders, routing, pricing, shops, materials, geohash, ids. Pure.
export * from './clock.ts';
export * from './errors.ts';
export * from './geohash.ts';
export * from './ids.ts';
export * from './materials.ts';
export * from './order.ts';
export * from './print-estimate.ts';
export * from './quote.ts';
export * from './routing.ts';
export * from './shop.ts';
